import * as assert from 'node:assert/strict';
import { MAX_ADAPTIVE_DEBOUNCE_MS, TypingRhythm } from '../../src/core/completion/rhythm';

function typed(gaps: number[]): TypingRhythm {
  const rhythm = new TypingRhythm();
  let now = 10_000;
  rhythm.keystroke(now);
  for (const gap of gaps) rhythm.keystroke((now += gap));
  return rhythm;
}

describe('typing rhythm', () => {
  it('keeps the setting for a fast typist', () => {
    assert.equal(typed([90, 110, 80, 120, 100]).debounceFor(250), 250);
  });

  it('waits longer than a slow typist’s usual gap, so a word costs no request per key', () => {
    const wait = typed([300, 320, 280, 310, 290]).debounceFor(250);
    assert.ok(wait > 320, `${wait} ms is longer than the usual gap`);
    assert.ok(wait <= MAX_ADAPTIVE_DEBOUNCE_MS);
  });

  it('never waits longer than the cap for rhythm’s sake, but honours a longer setting', () => {
    assert.equal(typed([800, 900, 850, 700]).debounceFor(250), MAX_ADAPTIVE_DEBOUNCE_MS);
    assert.equal(typed([800, 900, 850, 700]).debounceFor(1200), 1200);
  });

  it('ignores pauses and needs a few keystrokes before adapting', () => {
    assert.equal(typed([5000, 6000, 7000, 8000]).debounceFor(250), 250, 'pauses are not typing');
    assert.equal(typed([400]).debounceFor(250), 250, 'too few samples');
  });

  it('follows the most recent rhythm', () => {
    assert.equal(typed([400, 400, 400, 400, 400, 400, 400, 400, 400, 90, 90, 90, 90, 90, 90, 90, 90, 90]).debounceFor(250), 250);
  });
});
