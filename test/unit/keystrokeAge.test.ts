import * as assert from 'node:assert/strict';
import { MAX_TRIP_MS, VSCODE_INLINE_DEBOUNCE_MS, keystrokeAge } from '../../src/core/completion/keystrokeAge';

describe('keystroke age (where the debounce counts from)', () => {
  it("takes the editor's request time where it is the keystroke plus the edit's trip to the extension host", () => {
    // A web window: the edit was seen 55 ms ago, but the editor issued the request 83 ms ago (a 28 ms trip).
    assert.equal(keystrokeAge(55, 83), 83);
    // A desktop window: the two agree.
    assert.equal(keystrokeAge(51, 52), 52);
  });

  it("keeps the edit's own age where the editor's clock disagrees (another machine's clock)", () => {
    assert.equal(keystrokeAge(55, 55 + MAX_TRIP_MS + 1), 55, 'too far ahead: the clocks differ');
    assert.equal(keystrokeAge(55, 20), 55, 'later than the edit was seen: the clocks differ');
    assert.equal(keystrokeAge(55, -400), 55);
    assert.equal(keystrokeAge(55, undefined), 55, 'an older VS Code sends no request time');
  });

  it("falls back to VS Code's own debounce when nothing plausible is known", () => {
    assert.equal(keystrokeAge(undefined, undefined), VSCODE_INLINE_DEBOUNCE_MS);
    assert.equal(keystrokeAge(5_000, undefined), VSCODE_INLINE_DEBOUNCE_MS, 'an edit long ago is not this keystroke');
    assert.equal(keystrokeAge(undefined, 70), 70);
    assert.equal(keystrokeAge(undefined, 900), VSCODE_INLINE_DEBOUNCE_MS, 'a request time alone is trusted only near VS Code\'s own wait');
  });
});
