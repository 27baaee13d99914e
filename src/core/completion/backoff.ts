/**
 * When the endpoint is failing, completions stop asking for a while instead of sending a request on every pause
 * (a rate-limited account or a local server that is down must not be hammered). A manual trigger always asks.
 * - rate limited: the server's Retry-After, else 1 s doubling to 60 s;
 * - server errors, network failures, timeouts: 1 s doubling to 30 s;
 * - a rejected key, a missing model, billing: no more requests until the key, endpoint or model changes.
 */
import { ApiError } from '../api/errors';

export class Backoff {
  private until = 0;
  private failures = 0;
  private held: ApiError | undefined;
  private lastError: ApiError | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** Why requests are paused now, or undefined when a request may go. */
  blockedBy(): ApiError | undefined {
    if (this.held) return this.held;
    return this.now() < this.until ? this.lastError : undefined;
  }

  succeeded(): void {
    this.failures = 0;
    this.until = 0;
    this.held = undefined;
    this.lastError = undefined;
  }

  failed(error: ApiError): void {
    if (error.kind === 'cancelled') return;
    this.lastError = error;
    if (error.kind === 'auth' || error.kind === 'model-not-found' || error.kind === 'payment') {
      this.held = error;
      return;
    }
    if (error.kind === 'bad-request') return;
    this.failures++;
    const cap = error.kind === 'rate-limited' ? 60_000 : 30_000;
    const exponential = Math.min(cap, 1000 * 2 ** (this.failures - 1));
    const wait = error.retryAfterSeconds !== undefined ? Math.min(cap, error.retryAfterSeconds * 1000) : exponential;
    this.until = this.now() + wait;
  }

  /** The user changed the key, endpoint or model: start afresh. */
  reset(): void {
    this.succeeded();
  }
}
