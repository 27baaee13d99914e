/**
 * Which background completion failures deserve a notification. Completions run on every pause, so a failing
 * endpoint must not raise a pop-up per keystroke: the status bar always shows the error, and a notification appears
 * only for what the user must act on (a rejected key, a model the endpoint doesn't have), once per cause.
 */
import { ApiError } from './api/errors';

export class NotificationPolicy {
  private readonly shown = new Set<string>();

  /** True when this error should raise a notification now; remembers it so the same cause stays quiet. */
  shouldNotify(error: ApiError, model: string, endpoint: string): boolean {
    let cause: string | undefined;
    if (error.kind === 'model-not-found') cause = `model:${endpoint}:${model}`;
    else if (error.kind === 'auth') cause = `auth:${endpoint}`;
    else if (error.kind === 'payment') cause = `payment:${endpoint}`;
    // A 400 on every pause usually means a model that doesn't do raw completions (a chat-only model).
    else if (error.kind === 'bad-request') cause = `request:${endpoint}:${model}`;
    if (cause === undefined || this.shown.has(cause)) return false;
    this.shown.add(cause);
    return true;
  }

  /** A new key or endpoint: the user acted, so a new rejection is news again. */
  reset(): void {
    this.shown.clear();
  }
}
