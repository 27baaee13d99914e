/**
 * The one module that talks to the `openai` SDK. Every request takes an AbortSignal and a deadline; completions are
 * streamed, and the caller can end a stream as soon as the answer is decided (the HTTP request is aborted, so the
 * server stops generating). Failures come back as typed results, never as exceptions.
 */
import OpenAI from 'openai';
import { ApiError, toApiError } from './errors';
import { fireworksCompletionExtras, fireworksHeaders, fireworksTimings, isFireworksEndpoint } from './fireworks';

export interface Endpoint {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Whether Fireworks-only fields and headers are sent; by default, from the URL's host. */
  readonly fireworks?: boolean;
  /** An opaque id for this editor session, for Fireworks' replica affinity (never sent elsewhere). */
  readonly sessionId?: string;
}

export interface CompletionRequest {
  readonly model: string;
  readonly prompt: string;
  readonly maxTokens: number;
  readonly temperature: number;
  readonly stop: readonly string[];
}

export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
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

export type ModelsOutcome = { readonly ok: true; readonly ids: string[] } | { readonly ok: false; readonly error: ApiError };

/** The completion-side interface the pipeline depends on (tests and benchmarks provide their own). */
export interface CompletionClient {
  streamCompletion(request: CompletionRequest, options: StreamOptions): Promise<CompletionOutcome>;
}

interface RawUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
}

/** Links an outer signal and a deadline into one controller, remembering which one fired. */
function deadline(signal: AbortSignal, timeoutMs: number): { controller: AbortController; reason: () => 'timeout' | 'cancelled' | undefined; dispose: () => void } {
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
    dispose: () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    },
  };
}

/** A non-streamed completions body: `{choices: [{text, finish_reason}], usage}`. */
async function wholeAnswer(response: Response): Promise<{ ok: true; text: string; finish: 'stop' | 'length' | 'end'; usage?: Usage }> {
  const body = (await response.json()) as {
    choices?: Array<{ text?: unknown; finish_reason?: unknown }>;
    usage?: RawUsage | null;
  };
  const choice = body.choices?.[0];
  const finish = choice?.finish_reason === 'stop' || choice?.finish_reason === 'length' ? choice.finish_reason : 'end';
  const usage = body.usage ? { promptTokens: body.usage.prompt_tokens ?? 0, completionTokens: body.usage.completion_tokens ?? 0 } : undefined;
  return { ok: true, text: typeof choice?.text === 'string' ? choice.text : '', finish, usage };
}

export class OpenAICompatibleClient implements CompletionClient {
  private readonly sdk: OpenAI;

  private readonly fireworks: boolean;

  constructor(private readonly endpoint: Endpoint) {
    this.fireworks = endpoint.fireworks ?? isFireworksEndpoint(endpoint.baseUrl);
    this.sdk = new OpenAI({
      baseURL: endpoint.baseUrl,
      apiKey: endpoint.apiKey,
      // A stale completion is worthless: never retry, our own deadline applies.
      maxRetries: 0,
      timeout: 60_000,
      dangerouslyAllowBrowser: false,
    });
  }

  get baseUrl(): string {
    return this.endpoint.baseUrl;
  }

  async streamCompletion(request: CompletionRequest, options: StreamOptions): Promise<CompletionOutcome> {
    const started = Date.now();
    const limit = deadline(options.signal, options.timeoutMs);
    let text = '';
    let firstChunkAt: number | undefined;
    try {
      const body = {
        model: request.model,
        prompt: request.prompt,
        max_tokens: request.maxTokens,
        temperature: request.temperature,
        stop: request.stop.length ? [...request.stop] : undefined,
        stream: true as const,
        ...fireworksCompletionExtras(this.fireworks),
      };
      const { data: stream, response } = await this.sdk.completions
        .create(body, { signal: limit.controller.signal, headers: fireworksHeaders(this.fireworks, this.endpoint.sessionId) })
        .withResponse();
      if (/application\/json/i.test(response.headers.get('content-type') ?? '')) {
        // Some OpenAI-compatible servers ignore `stream` and answer with one JSON object.
        return { ...(await wholeAnswer(response)), durationMs: Date.now() - started, serverTimings: fireworksTimings(response.headers) };
      }
      let usage: Usage | undefined;
      let finish: 'stop' | 'length' | 'early' | 'end' = 'end';
      for await (const chunk of stream) {
        firstChunkAt ??= Date.now();
        const choice = chunk.choices[0];
        if (choice?.text) text += choice.text;
        const raw = (chunk as { usage?: RawUsage | null }).usage;
        if (raw) usage = { promptTokens: raw.prompt_tokens ?? 0, completionTokens: raw.completion_tokens ?? 0 };
        if (choice?.finish_reason === 'stop' || choice?.finish_reason === 'length') finish = choice.finish_reason;
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

  async listModels(signal: AbortSignal, timeoutMs = 10_000): Promise<ModelsOutcome> {
    const limit = deadline(signal, timeoutMs);
    try {
      const ids: string[] = [];
      for await (const model of this.sdk.models.list({ signal: limit.controller.signal })) ids.push(model.id);
      return { ok: true, ids };
    } catch (error) {
      return { ok: false, error: toApiError(error, limit.reason()) };
    } finally {
      limit.dispose();
    }
  }
}
