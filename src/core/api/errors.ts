/**
 * SDK and HTTP failures, mapped to a small typed union the UI can word. Nothing here throws, and no message carries
 * the key (Fireworks' bodies don't echo it; we still never include request headers).
 */
import { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

export type ApiErrorKind =
  | 'auth' // 401, 403: the key is missing, wrong or lacks access
  | 'payment' // 402, 412: billing or account suspended
  | 'model-not-found' // 404: model missing, not deployed or not accessible
  | 'rate-limited' // 429
  | 'bad-request' // 400, 413, 422: the request itself
  | 'server' // 5xx
  | 'network' // no answer: refused, DNS, reset
  | 'timeout' // our deadline passed
  | 'cancelled'; // the user moved on (superseded keystroke, Stop)

export interface ApiError {
  readonly kind: ApiErrorKind;
  readonly status?: number;
  /** The server's own words where it gave any, else ours. One line, for the log and the status bar tooltip. */
  readonly message: string;
  /** Seconds to wait before retrying, from Retry-After where the server sent it. */
  readonly retryAfterSeconds?: number;
}

export function kindForStatus(status: number): ApiErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 402 || status === 412) return 'payment';
  if (status === 404) return 'model-not-found';
  if (status === 429) return 'rate-limited';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server';
  return 'bad-request';
}

/** Fireworks sends `{error: {message}}` and sometimes `{error: "Too Many Requests", message: "..."}`. */
export function messageFromBody(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' && body ? body : undefined;
  const record = body as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'object' && error !== null) {
    const message = (error as Record<string, unknown>).message;
    if (typeof message === 'string' && message) return message;
  }
  const message = record.message;
  if (typeof message === 'string' && message) return typeof error === 'string' ? `${error}: ${message}` : message;
  if (typeof error === 'string' && error) return error;
  return undefined;
}

/**
 * A body that is not JSON (`404 page not found` from a server's router, a proxy's HTML page), which the SDK keeps only
 * in its message after the status: its text, tags dropped; none where there was no body.
 */
function plainBody(message: string, status: number): string | undefined {
  const text = (message.startsWith(`${status} `) ? message.slice(String(status).length + 1) : message).replace(/<[^>]*>/g, ' ').trim();
  return text && text !== 'status code (no body)' ? text : undefined;
}

/**
 * A 404 whose words do not speak of a model: the path is wrong (a base URL without its `/v1`), not the model, and
 * no other model will help.
 */
export function isPathNotFound(error: ApiError): boolean {
  return error.kind === 'model-not-found' && !/model/i.test(error.message);
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

function retryAfter(headers: Headers | undefined): number | undefined {
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

export function toApiError(error: unknown, reason?: 'timeout' | 'cancelled'): ApiError {
  if (reason === 'timeout' || error instanceof APIConnectionTimeoutError) {
    return { kind: 'timeout', message: 'The endpoint did not answer in time.' };
  }
  if (reason === 'cancelled' || error instanceof APIUserAbortError) {
    return { kind: 'cancelled', message: 'Cancelled.' };
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    const message = messageFromBody(error.error) ?? plainBody(error.message, status) ?? `HTTP ${status}`;
    return {
      kind: kindForStatus(status),
      status,
      message: oneLine(message),
      retryAfterSeconds: retryAfter(error.headers),
    };
  }
  if (error instanceof APIError && error.error !== undefined) {
    // An error event inside a stream (`data: {"error": …}`): the server's own words.
    return { kind: 'server', message: oneLine(messageFromBody({ error: error.error }) ?? messageFromBody(error.error) ?? 'The stream ended with an error.') };
  }
  if (error instanceof APIError) {
    // fetch wraps the reason (`connect ECONNREFUSED`, `getaddrinfo ENOTFOUND`) in a cause of its `fetch failed`.
    let detail = error.message;
    let cause = (error as { cause?: unknown }).cause;
    for (let depth = 0; cause instanceof Error && depth < 5; depth++) {
      if (cause.message) detail = cause.message;
      cause = (cause as { cause?: unknown }).cause;
    }
    return { kind: 'network', message: oneLine(`Could not reach the endpoint: ${detail}`) };
  }
  if (error instanceof Error && error.name === 'AbortError') return { kind: 'cancelled', message: 'Cancelled.' };
  return { kind: 'network', message: oneLine(error instanceof Error ? error.message : String(error)) };
}

/** What the user reads: short, says what to do. */
export function describeError(error: ApiError, model?: string): string {
  switch (error.kind) {
    case 'auth':
      return `The endpoint rejected the API key (${error.message}). Set a valid key with "Fireworks: Set API Key".`;
    case 'payment':
      return `The account cannot be billed or is suspended: ${error.message}`;
    case 'model-not-found':
      return isPathNotFound(error)
        ? `The endpoint has nothing at this address (HTTP 404: ${error.message}). Check "fireworks.baseUrl": most servers' API base ends in /v1.`
        : `Model "${model ?? '?'}" was not found or is not deployed on this endpoint: ${error.message}`;
    case 'rate-limited':
      return `Rate limited by the endpoint: ${error.message}`;
    case 'bad-request':
      return `The endpoint refused the request: ${error.message}`;
    case 'server':
      return `The endpoint had an error (${error.status ?? '5xx'}): ${error.message}`;
    case 'network':
      return error.message;
    case 'timeout':
      return 'The endpoint did not answer in time.';
    case 'cancelled':
      return 'Cancelled.';
  }
}
