import * as assert from 'node:assert/strict';
import { CLOCK_PROOF_CALLS, KeystrokeClock, MAX_TRIP_MS, VSCODE_INLINE_DEBOUNCE_MS } from '../../src/core/completion/keystrokeAge';

describe('keystroke age (where the debounce counts from)', () => {
  it("takes the editor's request time where it is the keystroke plus the edit's trip to the extension host", () => {
    const clock = new KeystrokeClock();
    // A web window: the edit was seen 55 ms ago, but the editor issued the request 83 ms ago (a 28 ms trip).
    assert.equal(clock.age(55, 83), 83);
    // A desktop window: the two agree.
    assert.equal(clock.age(51, 52), 52);
  });

  it('takes it also where the edit took long to arrive (a window starting, a loaded machine), once the clocks are known to agree', () => {
    const clock = new KeystrokeClock();
    // Right after the window started: the edit reached the extension host 155 ms after the key.
    assert.equal(clock.age(14, 169), 169, 'the debounce counts from the key, not from when the edit arrived');
    for (let i = 0; i < CLOCK_PROOF_CALLS; i++) clock.age(40, 60);
    assert.equal(clock.age(20, 320), 320, 'a slow trip later on, with clocks known to agree');
  });

  it("keeps the edit's own age where the editor's clock disagrees (another machine's clock)", () => {
    const apart = new KeystrokeClock();
    // Another machine's clock 300 ms ahead: every gap is over 300 ms. After a few calls, the editor's age is not used.
    for (let i = 0; i < CLOCK_PROOF_CALLS; i++) apart.age(40, 345 + (i % 3) * 10);
    assert.equal(apart.age(55, 360), 55);
    const clock = new KeystrokeClock();
    assert.equal(clock.age(55, 55 + MAX_TRIP_MS + 1), 55, 'too far ahead: the clocks differ');
    assert.equal(clock.age(55, 20), 55, 'later than the edit was seen: the clocks differ');
    assert.equal(clock.age(55, -400), 55);
    assert.equal(clock.age(55, undefined), 55, 'an older VS Code sends no request time');
  });

  it("falls back to VS Code's own debounce when nothing plausible is known", () => {
    const clock = new KeystrokeClock();
    assert.equal(clock.age(undefined, undefined), VSCODE_INLINE_DEBOUNCE_MS);
    assert.equal(clock.age(5_000, undefined), VSCODE_INLINE_DEBOUNCE_MS, 'an edit long ago is not this keystroke');
    assert.equal(clock.age(undefined, 70), 70);
    assert.equal(clock.age(undefined, 900), VSCODE_INLINE_DEBOUNCE_MS, 'a request time alone is trusted only near VS Code\'s own wait');
  });
});
