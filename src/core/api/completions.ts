/**
 * Code completions through the completions API (`prompt` in, `choices[].text` out), always streamed: the caller can
 * end a stream as soon as its answer is decided, which aborts the HTTP request, so the server stops generating.
 * Failures come back as typed results, never as exceptions.
 */
import { ApiError, toApiError } from './errors';
import { fireworksCompletionExtras, fireworksHeaders, fireworksTimings } from './fireworks';
import { deadline, finishOf, isWholeJson, usageOf, type RawUsage, type Usage, type Wire } from './wire';

export interface CompletionRequest {
  readonly model: string;
  readonly prompt: string;
  readonly maxTokens: number;
  readonly temperature: number;
  readonly stop: readonly string[];
}

export interface StreamOptions {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** Called with the text so far after every chunk; returning true ends the stream there. */
  readonly isDecided?: (textSoFar: string) => boolean;
}

export type CompletionOutcome =
  | {
      readonly ok: true;
      readonly text: string;
      /** 'early' when we cut the stream because the answer was decided. */
      readonly finish: 'stop' | 'length' | 'early' | 'end';
      readonly usage?: Usage;
      readonly timeToFirstChunkMs?: number;
      readonly durationMs: number;
      readonly serverTimings?: string;
    }
  | { readonly ok: false; readonly error: ApiError; readonly durationMs: number };

export interface ChoicesOptions {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** Called with a choice's text so far after each of its chunks; once true for every choice, the stream ends. */
  readonly isDecided?: (index: number, textSoFar: string) => boolean;
}

/** Several answers to one prompt (`n`), by choice index; a choice the server did not send is ''. */
export type ChoicesOutcome =
  | { readonly ok: true; readonly texts: readonly string[]; readonly finishes: readonly ('stop' | 'length' | 'early' | 'end')[]; readonly usage?: Usage; readonly durationMs: number }
  | { readonly ok: false; readonly error: ApiError; readonly durationMs: number };

/** The completion-side interface the pipeline depends on (tests and benchmarks provide their own). */
export interface CompletionClient {
  streamCompletion(request: CompletionRequest, options: StreamOptions): Promise<CompletionOutcome>;
  /**
   * Opens the connection to the endpoint ahead of a completion, with a small request that carries no code; what it
   * answers is of no interest. Resolves true once the endpoint answered (whatever it said), false when it did not;
   * never rejects.
   */
  warm?(model: string): Promise<boolean>;
  /**
   * Pays the HTTP stack's one-time costs (connections.ts: prepareFetch, rehearseFetch) without sending anything to
   * the endpoint: once per client, later calls return at once. Never rejects.
   */
  prepare?(): Promise<void>;
  /** Streams `n` answers to one prompt at once (the user asked for alternatives). */
  streamChoices?(request: CompletionRequest, n: number, options: ChoicesOptions): Promise<ChoicesOutcome>;
}

/** A non-streamed completions body: `{choices: [{text, finish_reason}], usage}`. */
async function wholeAnswer(response: Response): Promise<{ ok: true; text: string; finish: 'stop' | 'length' | 'end'; usage?: Usage }> {
  const body = (await response.json()) as {
    choices?: Array<{ text?: unknown; finish_reason?: unknown }>;
    usage?: RawUsage | null;
  };
  const choice = body.choices?.[0];
  const finish = finishOf(choice?.finish_reason) ?? 'end';
  const usage = usageOf(body.usage);
  return { ok: true, text: typeof choice?.text === 'string' ? choice.text : '', finish, usage };
}

/** A streamed completions request (`n` choices where given), ended through `signal`. */
function sendCompletion(wire: Wire, request: CompletionRequest, signal: AbortSignal, n?: number) {
  const body = {
    model: request.model,
    prompt: request.prompt,
    max_tokens: request.maxTokens,
    temperature: request.temperature,
    ...(n !== undefined ? { n } : {}),
    stop: request.stop.length ? [...request.stop] : undefined,
    stream: true as const,
    ...fireworksCompletionExtras(wire.fireworks),
  };
  return wire.sdk.completions.create(body, { signal, headers: fireworksHeaders(wire.fireworks, wire.sessionId) }).withResponse();
}

export async function streamCompletion(wire: Wire, request: CompletionRequest, options: StreamOptions): Promise<CompletionOutcome> {
  const started = Date.now();
  const limit = deadline(options.signal, options.timeoutMs);
  let text = '';
  let firstChunkAt: number | undefined;
  try {
    const { data: stream, response } = await sendCompletion(wire, request, limit.controller.signal);
    if (isWholeJson(response)) {
      return { ...(await wholeAnswer(response)), durationMs: Date.now() - started, serverTimings: fireworksTimings(response.headers) };
    }
    let usage: Usage | undefined;
    let finish: 'stop' | 'length' | 'early' | 'end' = 'end';
    for await (const chunk of stream) {
      firstChunkAt ??= Date.now();
      // Some servers send the final usage chunk with no `choices` at all.
      const choice = (chunk.choices as typeof chunk.choices | undefined)?.[0];
      if (choice?.text) text += choice.text;
      const raw = (chunk as { usage?: RawUsage | null }).usage;
      if (raw) usage = usageOf(raw);
      finish = finishOf(choice?.finish_reason) ?? finish;
      if (options.isDecided?.(text)) {
        finish = 'early';
        stream.controller.abort();
        break;
      }
    }
    // The SDK ends a stream quietly when its signal aborts mid-way: that is a cancel or a timeout, not an answer.
    const aborted = limit.reason();
    if (aborted && finish !== 'early') {
      return { ok: false, error: toApiError(undefined, aborted), durationMs: Date.now() - started };
    }
    return {
      ok: true,
      text,
      finish,
      usage,
      timeToFirstChunkMs: firstChunkAt === undefined ? undefined : firstChunkAt - started,
      durationMs: Date.now() - started,
      serverTimings: fireworksTimings(response.headers),
    };
  } catch (error) {
    return { ok: false, error: toApiError(error, limit.reason()), durationMs: Date.now() - started };
  } finally {
    limit.dispose();
  }
}

export async function streamChoices(wire: Wire, request: CompletionRequest, n: number, options: ChoicesOptions): Promise<ChoicesOutcome> {
  const started = Date.now();
  const limit = deadline(options.signal, options.timeoutMs);
  const texts: string[] = Array.from({ length: n }, () => '');
  const finishes: ('stop' | 'length' | 'early' | 'end')[] = Array.from({ length: n }, () => 'end');
  const decided = new Set<number>();
  try {
    const { data: stream, response } = await sendCompletion(wire, request, limit.controller.signal, n);
    if (isWholeJson(response)) {
      const whole = (await response.json()) as { choices?: Array<{ index?: unknown; text?: unknown; finish_reason?: unknown }>; usage?: RawUsage | null };
      for (const choice of whole.choices ?? []) {
        const index = typeof choice.index === 'number' ? choice.index : 0;
        if (index < 0 || index >= n) continue;
        texts[index] = typeof choice.text === 'string' ? choice.text : '';
        finishes[index] = finishOf(choice.finish_reason) ?? 'end';
      }
      return { ok: true, texts, finishes, usage: usageOf(whole.usage), durationMs: Date.now() - started };
    }
    let usage: Usage | undefined;
    for await (const chunk of stream) {
      usage = usageOf((chunk as { usage?: RawUsage | null }).usage) ?? usage;
      for (const choice of chunk.choices ?? []) {
        const index = choice.index ?? 0;
        if (index < 0 || index >= n) continue;
        if (choice.text) texts[index] += choice.text;
        finishes[index] = finishOf(choice.finish_reason) ?? finishes[index];
        if (!decided.has(index) && options.isDecided?.(index, texts[index])) decided.add(index);
      }
      if (decided.size === n) {
        for (const index of decided) if (finishes[index] === 'end') finishes[index] = 'early';
        stream.controller.abort();
        break;
      }
    }
    const aborted = limit.reason();
    if (aborted && decided.size < n) return { ok: false, error: toApiError(undefined, aborted), durationMs: Date.now() - started };
    return { ok: true, texts, finishes, usage, durationMs: Date.now() - started };
  } catch (error) {
    return { ok: false, error: toApiError(error, limit.reason()), durationMs: Date.now() - started };
  } finally {
    limit.dispose();
  }
}
