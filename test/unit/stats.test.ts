import * as assert from 'node:assert/strict';
import type { CompletionOutcome } from '../../src/core/api/completions';
import { CompletionStats, observers } from '../../src/core/completion/stats';

const answered = (durationMs: number, finish: 'stop' | 'early' = 'stop'): CompletionOutcome => ({
  ok: true, text: 'x', finish, durationMs, usage: { promptTokens: 100, completionTokens: 10 },
});

function value(stats: CompletionStats, label: string): string {
  const line = stats.summary().find((l) => l.label.startsWith(label));
  assert.ok(line, label);
  return line.value;
}

describe('stats', () => {
  it('counts requests, aborts, failures, early cuts, tokens and the median time', () => {
    const stats = new CompletionStats();
    for (const ms of [300, 100, 200]) {
      stats.requestStarted();
      stats.requestFinished(answered(ms, ms === 100 ? 'early' : 'stop'));
    }
    stats.requestStarted();
    stats.requestFinished({ ok: false, durationMs: 5, error: { kind: 'cancelled', message: '' } });
    stats.requestStarted();
    stats.requestFinished({ ok: false, durationMs: 5, error: { kind: 'server', message: '' } });
    assert.equal(value(stats, 'Requests sent'), '5');
    assert.equal(value(stats, 'Requests aborted'), '1');
    assert.equal(value(stats, 'Requests failed'), '1');
    assert.equal(value(stats, 'Streams cut'), '1');
    assert.equal(value(stats, 'Tokens'), '300 + 30');
    assert.equal(value(stats, 'Median request time'), '200 ms');
  });

  it('counts what was shown, reused, typed along and accepted', () => {
    const stats = new CompletionStats();
    stats.completionShown(false, 0);
    stats.completionShown(true, 3);
    stats.completionShown(true, 0);
    stats.completionAccepted();
    assert.equal(value(stats, 'Ghost texts shown'), '3');
    assert.equal(value(stats, 'Shown from an earlier answer'), '2');
    assert.equal(value(stats, 'Typed along'), '1');
    assert.equal(value(stats, 'Accepted with Tab'), '1 (33 % of shown)');
  });

  it('keeps a bounded number of latency samples', () => {
    const stats = new CompletionStats();
    for (let i = 0; i < 2000; i++) stats.requestFinished(answered(i < 1500 ? 10_000 : 50));
    assert.equal(stats.medianLatencyMs(), 50, 'the last 500 samples');
  });

  it('tells every observer', () => {
    const seen: string[] = [];
    const one = { requestStarted: () => seen.push('a+'), requestFinished: () => seen.push('a-') };
    const two = { requestStarted: () => seen.push('b+'), requestFinished: () => seen.push('b-') };
    const both = observers(one, two);
    both.requestStarted();
    both.requestFinished(answered(1));
    assert.deepEqual(seen, ['a+', 'b+', 'a-', 'b-']);
  });
});
