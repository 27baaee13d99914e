/**
 * What the completion and chat streams share: the SDK set up for one endpoint, usage and finish reasons as they come
 * on the wire, a deadline linked to the caller's signal, and the test for a server that ignored `stream`.
 */
import type OpenAI from 'openai';

/** The SDK set up for one endpoint, with what of the endpoint every request needs. */
export interface Wire {
  readonly sdk: OpenAI;
  /** Whether Fireworks-only fields and headers are sent. */
  readonly fireworks: boolean;
  /** An opaque id for this editor session, for Fireworks' replica affinity (never sent elsewhere). */
  readonly sessionId?: string;
}

export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** Usage as the server sends it. */
export interface RawUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
}

/** How a choice ended, where the server said it plainly (`stop`, `length`); anything else is undefined. */
export function finishOf(reason: unknown): 'stop' | 'length' | undefined {
  return reason === 'stop' || reason === 'length' ? reason : undefined;
}

export function usageOf(raw: RawUsage | null | undefined): Usage | undefined {
  return raw ? { promptTokens: raw.prompt_tokens ?? 0, completionTokens: raw.completion_tokens ?? 0 } : undefined;
}

/** Links an outer signal and a deadline into one controller, remembering which one fired. */
export function deadline(signal: AbortSignal, timeoutMs: number): { controller: AbortController; reason: () => 'timeout' | 'cancelled' | undefined; stopTimer: () => void; dispose: () => void } {
  const controller = new AbortController();
  let why: 'timeout' | 'cancelled' | undefined;
  const onAbort = (): void => {
    why ??= 'cancelled';
    controller.abort();
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    why ??= 'timeout';
    controller.abort();
  }, timeoutMs);
  return {
    controller,
    reason: () => why,
    stopTimer: () => clearTimeout(timer),
    dispose: () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    },
  };
}

/** Some OpenAI-compatible servers ignore `stream` and answer with one JSON object. */
export function isWholeJson(response: Response): boolean {
  return /application\/json/i.test(response.headers.get('content-type') ?? '');
}
