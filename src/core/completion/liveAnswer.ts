/**
 * One model answer for one place in a document, as it streams in: the text so far (stop sequences cut), what it shows
 * at its own place once that is decided, and how it ended. The request that started it and later keystrokes at or
 * after that place (the user typed on, typed into it, finished it) wait on it instead of asking again; it is aborted
 * once nobody can use it (see pipeline.ts and reuse.ts).
 */
import { ApiError } from '../api/errors';

/**
 * - streaming: more text may come;
 * - complete: the answer as the model meant it (it ended, or what followed was junk: see tail.ts);
 * - truncated: cut before its end (a line or token limit, or aborted): its last statement may be unfinished;
 * - failed: no answer (an error, or aborted before anything arrived).
 */
export type AnswerState = 'streaming' | 'complete' | 'truncated' | 'failed';

export class LiveAnswer {
  private text = '';
  private current: AnswerState = 'streaming';
  private ghost: string | undefined;
  private failure: ApiError | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly controller = new AbortController();

  /** Aborting it ends the HTTP request. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The answer so far, stop sequences cut. */
  get raw(): string {
    return this.text;
  }

  get state(): AnswerState {
    return this.current;
  }

  /** The ghost text at the place it was asked for, once decided (possibly empty). */
  get shown(): string | undefined {
    return this.ghost;
  }

  /** Why it failed, when it failed with an error (not when it was aborted by us). */
  get error(): ApiError | undefined {
    return this.failure;
  }

  update(raw: string): void {
    if (this.current !== 'streaming' || raw === this.text) return;
    this.text = raw;
    this.notify();
  }

  /** What it shows at its place, once decided (later calls change nothing). */
  decide(shown: string): void {
    if (this.ghost !== undefined) return;
    this.ghost = shown;
    this.notify();
  }

  end(state: Exclude<AnswerState, 'streaming'>, raw = this.text, error?: ApiError): void {
    if (this.current !== 'streaming') return;
    this.text = raw;
    this.current = state;
    this.failure = error;
    this.notify();
  }

  /** Nobody can use the rest: the request is aborted (what arrived stays, as a truncated answer). */
  abort(): void {
    this.controller.abort();
  }

  /**
   * Resolves with the first value `check` returns (it is asked now and after every change of the answer),
   * 'cancelled' when `signal` aborts first, or 'timeout' after `timeoutMs` (when given). The answer itself goes on.
   */
  until<T>(check: () => T | undefined, signal: AbortSignal, timeoutMs?: number): Promise<T | 'cancelled' | 'timeout'> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    if (signal.aborted) return Promise.resolve('cancelled');
    if (timeoutMs !== undefined && timeoutMs <= 0) return Promise.resolve('timeout');
    return new Promise((resolve) => {
      const finish = (value: T | 'cancelled' | 'timeout'): void => {
        this.listeners.delete(listener);
        signal.removeEventListener('abort', onAbort);
        clearTimeout(timer);
        resolve(value);
      };
      const listener = (): void => {
        const value = check();
        if (value !== undefined) finish(value);
      };
      const onAbort = (): void => finish('cancelled');
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => finish('timeout'), timeoutMs);
      this.listeners.add(listener);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
