import * as assert from 'node:assert/strict';
import type { ApiError } from '../../src/core/api/errors';
import { Backoff } from '../../src/core/completion/backoff';

const error = (kind: ApiError['kind'], retryAfterSeconds?: number): ApiError => ({ kind, message: kind, retryAfterSeconds });

describe('backoff', () => {
  let now = 0;
  const clock = (): number => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets requests go while nothing failed', () => {
    assert.equal(new Backoff(clock).blockedBy(), undefined);
  });

  it('pauses after a server error, doubling with each failure, and resumes after a success', () => {
    const backoff = new Backoff(clock);
    backoff.failed(error('server'));
    assert.equal(backoff.blockedBy()?.kind, 'server');
    now += 999;
    assert.ok(backoff.blockedBy());
    now += 2;
    assert.equal(backoff.blockedBy(), undefined, 'one second after the first failure');
    backoff.failed(error('network'));
    now += 1500;
    assert.ok(backoff.blockedBy(), 'the second failure waits two seconds');
    now += 600;
    assert.equal(backoff.blockedBy(), undefined);
    backoff.succeeded();
    backoff.failed(error('timeout'));
    now += 1001;
    assert.equal(backoff.blockedBy(), undefined, 'a success starts the doubling afresh');
  });

  it('caps the wait at 30 s for failures and 60 s for rate limits', () => {
    const backoff = new Backoff(clock);
    for (let i = 0; i < 20; i++) backoff.failed(error('server'));
    now += 30_001;
    assert.equal(backoff.blockedBy(), undefined);
    const limited = new Backoff(clock);
    for (let i = 0; i < 20; i++) limited.failed(error('rate-limited'));
    now += 59_000;
    assert.ok(limited.blockedBy());
    now += 1001;
    assert.equal(limited.blockedBy(), undefined);
  });

  it("honours the server's Retry-After", () => {
    const backoff = new Backoff(clock);
    backoff.failed(error('rate-limited', 7));
    now += 6_900;
    assert.equal(backoff.blockedBy()?.kind, 'rate-limited');
    now += 200;
    assert.equal(backoff.blockedBy(), undefined);
  });

  it('holds after a rejected key or a missing model until reset', () => {
    for (const kind of ['auth', 'model-not-found', 'payment'] as const) {
      const backoff = new Backoff(clock);
      backoff.failed(error(kind));
      now += 3_600_000;
      assert.equal(backoff.blockedBy()?.kind, kind);
      backoff.reset();
      assert.equal(backoff.blockedBy(), undefined);
    }
  });

  it('ignores cancellations and does not pause for a refused request', () => {
    const backoff = new Backoff(clock);
    backoff.failed(error('cancelled'));
    backoff.failed(error('bad-request'));
    assert.equal(backoff.blockedBy(), undefined);
  });
});
