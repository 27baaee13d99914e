/**
 * The one module that talks to the `openai` SDK. Every request takes an AbortSignal and a deadline; completions are
 * streamed, and the caller can end a stream as soon as the answer is decided (the HTTP request is aborted, so the
 * server stops generating). Chat answers are streamed to an `onDelta` callback, reasoning apart from the answer, and
 * the user's Stop keeps what arrived. Failures come back as typed results, never as exceptions.
 */
import OpenAI, { APIError } from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Dispatcher } from 'undici';
import { ThinkSplitter, type SplitText } from '../chat/stream';
import { prepareFetch, rehearseFetch } from './connections';
import { ApiError, messageFromBody, toApiError } from './errors';
import { fireworksCompletionExtras, fireworksHeaders, fireworksTimings, isFireworksEndpoint } from './fireworks';
import { modelInfoFrom, type ModelInfo } from './models';

export interface Endpoint {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Whether Fireworks-only fields and headers are sent; by default, from the URL's host. */
  readonly fireworks?: boolean;
  /** An opaque id for this editor session, for Fireworks' replica affinity (never sent elsewhere). */
  readonly sessionId?: string;
  /** The connections to send through (connections.ts); by default the runtime's own (VS Code's, in VS Code). */
  readonly connections?: Dispatcher;
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

/** The endpoint's models, in its order, with what it says about each (see models.ts). */
export type ModelsOutcome = { readonly ok: true; readonly models: ModelInfo[] } | { readonly ok: false; readonly error: ApiError };

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

/** A warm-up that has not opened the connection by then is given up. */
const WARM_TIMEOUT_MS = 5_000;

/** A part of a user message: its text, or an image as a `data:` URI (vision models only). */
export type ChatContentPart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image_url'; readonly image_url: { readonly url: string } };

/** One message as sent to the chat completions API (only these two fields go on the wire). */
export interface ChatRequestMessage {
  readonly role: 'system' | 'user' | 'assistant';
  /** Text; a user message with images is a list of parts. */
  readonly content: string | readonly ChatContentPart[];
}

/** The text of a message's content (its text parts, for a message with images). */
export function contentText(content: ChatRequestMessage['content']): string {
  return typeof content === 'string' ? content : content.map((p) => (p.type === 'text' ? p.text : '')).join('\n\n');
}

/** A message as the SDK sends it: images only in user messages, as the API allows. */
function wireMessage(m: ChatRequestMessage): ChatCompletionMessageParam {
  if (m.role !== 'user' || typeof m.content === 'string') return { role: m.role, content: contentText(m.content) };
  return {
    role: 'user',
    content: m.content.map((p) => (p.type === 'text' ? { type: 'text' as const, text: p.text } : { type: 'image_url' as const, image_url: { url: p.image_url.url } })),
  };
}

export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly ChatRequestMessage[];
  /** Not sent when absent: the server's default applies. */
  readonly maxTokens?: number;
  /** Not sent when absent: the server's default applies. */
  readonly temperature?: number;
}

/** What arrived with one chunk: answer text and/or reasoning text (never both empty). */
export interface ChatDelta {
  readonly content?: string;
  readonly reasoning?: string;
}

export interface ChatStreamOptions {
  /** Stop: aborting it ends the request; the outcome is `finish: 'aborted'` with what arrived kept. */
  readonly signal: AbortSignal;
  /** Deadline for the first chunk (default `DEFAULT_CHAT_FIRST_CHUNK_TIMEOUT_MS`); none once the stream flows. */
  readonly timeoutMs?: number;
  /** Called for every chunk that carries text, in order. `<think>` content is already moved to `reasoning`. */
  readonly onDelta: (delta: ChatDelta) => void;
}

export type ChatOutcome =
  | {
      readonly ok: true;
      /** 'aborted': the user stopped it (the deltas so far are the answer); 'end': no finish reason was given. */
      readonly finish: 'stop' | 'length' | 'aborted' | 'end';
      readonly usage?: Usage;
      readonly durationMs: number;
      /** Time to the first chunk that carried text (content or reasoning). */
      readonly timeToFirstChunkMs?: number;
    }
  | {
      readonly ok: false;
      readonly error: ApiError;
      readonly durationMs: number;
      /** Whether some text had arrived (through onDelta) before the failure. */
      readonly partial: boolean;
    };

/** The chat-side interface the chat controller depends on (tests provide their own). */
export interface ChatClient {
  streamChat(request: ChatRequest, options: ChatStreamOptions): Promise<ChatOutcome>;
}

/**
 * Large models queue and prefill for a while before their first token, and the user is watching a spinner with a
 * Stop button: a generous deadline, for the first chunk only.
 */
export const DEFAULT_CHAT_FIRST_CHUNK_TIMEOUT_MS = 60_000;

/**
 * The one place the SDK's chat types are extended: the reasoning text that Fireworks, DeepSeek and vLLM send as
 * `reasoning_content` (Ollama and OpenRouter as `reasoning`), on stream deltas and on whole messages.
 */
interface WithReasoning {
  reasoning_content?: string | null;
  reasoning?: string | null;
}
type ChunkWithReasoning = OpenAI.Chat.Completions.ChatCompletionChunk & {
  choices: Array<OpenAI.Chat.Completions.ChatCompletionChunk.Choice & { delta: WithReasoning }>;
};

function reasoningOf(part: WithReasoning | undefined): string {
  const text = part?.reasoning_content ?? part?.reasoning;
  return typeof text === 'string' ? text : '';
}

/** Whether a rejected request was rejected for `stream_options` (400, or 422 from schema-validating servers). */
function rejectsStreamOptions(error: unknown): boolean {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
  let body: string;
  try {
    body = JSON.stringify(error.error) ?? '';
  } catch {
    body = '';
  }
  return /stream_options/i.test(`${error.message} ${body}`);
}

/**
 * toApiError, plus what only happens mid-stream: an `error` event inside the stream (the SDK throws it without a
 * status) is the server's failure, not a network one; a connection cut after text arrived is said as such.
 */
function chatError(error: unknown, reason: 'timeout' | 'cancelled' | undefined, partial: boolean): ApiError {
  if (!reason && error instanceof APIError && error.status === undefined && error.error !== undefined) {
    const message = messageFromBody({ error: error.error }) ?? messageFromBody(error.error) ?? 'The stream ended with an error.';
    return { kind: 'server', message: message.replace(/\s+/g, ' ').trim().slice(0, 300) };
  }
  const mapped = toApiError(error, reason);
  if (partial && mapped.kind === 'network' && !(error instanceof APIError)) {
    return { ...mapped, message: `The connection was lost mid-answer (${mapped.message}).` };
  }
  return mapped;
}

/** A non-streamed chat body: `{choices: [{message: {content, reasoning_content}, finish_reason}], usage}`. */
async function wholeChatAnswer(response: Response): Promise<{ content: string; reasoning: string; finish: 'stop' | 'length' | 'end'; usage?: Usage }> {
  const body = (await response.json()) as {
    choices?: Array<{ message?: { content?: unknown } & WithReasoning; finish_reason?: unknown }>;
    usage?: RawUsage | null;
  };
  const choice = body.choices?.[0];
  const finish = finishOf(choice?.finish_reason) ?? 'end';
  const content = choice?.message?.content;
  return {
    content: typeof content === 'string' ? content : '',
    reasoning: reasoningOf(choice?.message),
    finish,
    usage: usageOf(body.usage),
  };
}

interface RawUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
}

/** How a choice ended, where the server said it plainly (`stop`, `length`); anything else is undefined. */
function finishOf(reason: unknown): 'stop' | 'length' | undefined {
  return reason === 'stop' || reason === 'length' ? reason : undefined;
}

function usageOf(raw: RawUsage | null | undefined): Usage | undefined {
  return raw ? { promptTokens: raw.prompt_tokens ?? 0, completionTokens: raw.completion_tokens ?? 0 } : undefined;
}

/** Links an outer signal and a deadline into one controller, remembering which one fired. */
function deadline(signal: AbortSignal, timeoutMs: number): { controller: AbortController; reason: () => 'timeout' | 'cancelled' | undefined; stopTimer: () => void; dispose: () => void } {
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

export class OpenAICompatibleClient implements CompletionClient, ChatClient {
  private readonly sdk: OpenAI;

  private readonly fireworks: boolean;

  /** Set once this endpoint rejected `stream_options`; later chats don't send it (and cost no second request). */
  private streamOptionsRejected = false;

  constructor(private readonly endpoint: Endpoint) {
    this.fireworks = endpoint.fireworks ?? isFireworksEndpoint(endpoint.baseUrl);
    this.sdk = new OpenAI({
      baseURL: endpoint.baseUrl,
      apiKey: endpoint.apiKey,
      // A stale completion is worthless: never retry, our own deadline applies.
      maxRetries: 0,
      timeout: 60_000,
      dangerouslyAllowBrowser: false,
      ...(endpoint.connections ? { fetchOptions: { dispatcher: endpoint.connections } } : {}),
    });
  }

  private prepared: Promise<void> | undefined;

  prepare(): Promise<void> {
    this.prepared ??= prepareFetch(`${this.endpoint.baseUrl.replace(/\/+$/, '')}/completions`, this.endpoint.connections).then(() =>
      rehearseFetch(this.endpoint.connections),
    );
    return this.prepared;
  }

  get baseUrl(): string {
    return this.endpoint.baseUrl;
  }

  /** A streamed completions request (`n` choices where given), ended through `signal`. */
  private sendCompletion(request: CompletionRequest, signal: AbortSignal, n?: number) {
    const body = {
      model: request.model,
      prompt: request.prompt,
      max_tokens: request.maxTokens,
      temperature: request.temperature,
      ...(n !== undefined ? { n } : {}),
      stop: request.stop.length ? [...request.stop] : undefined,
      stream: true as const,
      ...fireworksCompletionExtras(this.fireworks),
    };
    return this.sdk.completions.create(body, { signal, headers: fireworksHeaders(this.fireworks, this.endpoint.sessionId) }).withResponse();
  }

  async streamCompletion(request: CompletionRequest, options: StreamOptions): Promise<CompletionOutcome> {
    const started = Date.now();
    const limit = deadline(options.signal, options.timeoutMs);
    let text = '';
    let firstChunkAt: number | undefined;
    try {
      const { data: stream, response } = await this.sendCompletion(request, limit.controller.signal);
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

  async streamChoices(request: CompletionRequest, n: number, options: ChoicesOptions): Promise<ChoicesOutcome> {
    const started = Date.now();
    const limit = deadline(options.signal, options.timeoutMs);
    const texts: string[] = Array.from({ length: n }, () => '');
    const finishes: ('stop' | 'length' | 'early' | 'end')[] = Array.from({ length: n }, () => 'end');
    const decided = new Set<number>();
    try {
      const { data: stream, response } = await this.sendCompletion(request, limit.controller.signal, n);
      if (/application\/json/i.test(response.headers.get('content-type') ?? '')) {
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

  /**
   * Streams a chat answer. Usage is asked for with `stream_options: {include_usage: true}` and read from whichever
   * chunk carries it: the last one with choices (Fireworks' documented shape) or a final one with empty `choices`
   * (OpenAI's, and Fireworks' newer models). Some OpenAI-compatible servers reject the unknown `stream_options`
   * field with a 400 (or 422) naming it: then the request is sent once more without it, before any text has
   * arrived, and this client stops sending it to that endpoint. Nothing else is retried.
   */
  async streamChat(request: ChatRequest, options: ChatStreamOptions): Promise<ChatOutcome> {
    const started = Date.now();
    const limit = deadline(options.signal, options.timeoutMs ?? DEFAULT_CHAT_FIRST_CHUNK_TIMEOUT_MS);
    const think = new ThinkSplitter();
    let firstTextAt: number | undefined;
    let partial = false;
    const emit = (split: SplitText): void => {
      if (!split.content && !split.reasoning) return;
      firstTextAt ??= Date.now();
      partial = true;
      options.onDelta({
        ...(split.reasoning ? { reasoning: split.reasoning } : {}),
        ...(split.content ? { content: split.content } : {}),
      });
    };
    const flush = (): void => emit(think.end());
    const aborted = (): ChatOutcome => {
      flush();
      return { ok: true, finish: 'aborted', durationMs: Date.now() - started, timeToFirstChunkMs: firstTextAt === undefined ? undefined : firstTextAt - started };
    };
    try {
      if (options.signal.aborted) return aborted();
      const body = {
        model: request.model,
        // Only role and content: callers may hold richer message objects, none of which belongs on the wire.
        messages: request.messages.map(wireMessage),
        ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        stream: true as const,
        // Fireworks applies context_length_exceeded_behavior to chat as to completions: lower max_tokens to fit.
        ...fireworksCompletionExtras(this.fireworks),
      };
      const requestOptions = {
        signal: limit.controller.signal,
        headers: fireworksHeaders(this.fireworks, this.endpoint.sessionId),
        // The SDK's own deadline covers only the wait for headers; ours (first chunk) is the one that applies.
        timeout: Math.max(60_000, (options.timeoutMs ?? DEFAULT_CHAT_FIRST_CHUNK_TIMEOUT_MS) + 1_000),
      };
      const send = (withStreamOptions: boolean) =>
        this.sdk.chat.completions
          .create(withStreamOptions ? { ...body, stream_options: { include_usage: true } } : body, requestOptions)
          .withResponse();
      let sent: Awaited<ReturnType<typeof send>>;
      try {
        sent = await send(!this.streamOptionsRejected);
      } catch (error) {
        if (this.streamOptionsRejected || !rejectsStreamOptions(error)) throw error;
        this.streamOptionsRejected = true;
        sent = await send(false);
      }
      const { data: stream, response } = sent;
      if (/application\/json/i.test(response.headers.get('content-type') ?? '')) {
        // Some OpenAI-compatible servers ignore `stream` and answer with one JSON object.
        const whole = await wholeChatAnswer(response);
        limit.stopTimer();
        const split = think.push(whole.content);
        emit({ content: split.content, reasoning: whole.reasoning + split.reasoning });
        flush();
        return { ok: true, finish: whole.finish, usage: whole.usage, durationMs: Date.now() - started, timeToFirstChunkMs: firstTextAt === undefined ? undefined : firstTextAt - started };
      }
      let usage: Usage | undefined;
      let finish: 'stop' | 'length' | 'end' = 'end';
      let first = true;
      for await (const raw of stream) {
        if (first) {
          // The server is answering: from here on only the user's Stop ends the stream.
          limit.stopTimer();
          first = false;
        }
        const chunk = raw as ChunkWithReasoning;
        // Typed as always present, but not every server sends `choices` on a usage-only chunk or `delta` on the last.
        const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
        if (choice) {
          const delta: ChunkWithReasoning['choices'][number]['delta'] = choice.delta ?? {};
          const reasoning = reasoningOf(delta);
          const split = typeof delta.content === 'string' && delta.content ? think.push(delta.content) : { content: '', reasoning: '' };
          emit({ content: split.content, reasoning: reasoning + split.reasoning });
          finish = finishOf(choice.finish_reason) ?? finish;
        }
        if (chunk.usage) usage = usageOf(chunk.usage);
      }
      // The SDK ends a stream quietly when its signal aborts mid-way: that is Stop (or, before any chunk, a timeout).
      const why = limit.reason();
      if (why === 'cancelled') return aborted();
      if (why === 'timeout') {
        flush();
        return { ok: false, error: toApiError(undefined, 'timeout'), durationMs: Date.now() - started, partial };
      }
      flush();
      return { ok: true, finish, usage, durationMs: Date.now() - started, timeToFirstChunkMs: firstTextAt === undefined ? undefined : firstTextAt - started };
    } catch (error) {
      const why = limit.reason();
      if (why === 'cancelled') return aborted();
      flush();
      return { ok: false, error: chatError(error, why, partial), durationMs: Date.now() - started, partial };
    } finally {
      limit.dispose();
    }
  }

  /** The endpoint's description of the completion model (`GET /models/{id}`): a small answer, or a 404, over the connection. */
  async warm(model: string): Promise<boolean> {
    const limit = deadline(new AbortController().signal, WARM_TIMEOUT_MS);
    try {
      await this.sdk.models.retrieve(model, { signal: limit.controller.signal });
      return true;
    } catch (error) {
      // An answer with an error status came over the connection all the same; a network failure or timeout did not.
      return error instanceof APIError && error.status !== undefined;
    } finally {
      limit.dispose();
    }
  }

  async listModels(signal: AbortSignal, timeoutMs = 10_000): Promise<ModelsOutcome> {
    const limit = deadline(signal, timeoutMs);
    try {
      const models: ModelInfo[] = [];
      // The SDK's Model type names only the standard fields; the entries carry the server's others as they came.
      for await (const raw of this.sdk.models.list({ signal: limit.controller.signal })) {
        const model = modelInfoFrom(raw);
        if (model) models.push(model);
      }
      return { ok: true, models };
    } catch (error) {
      return { ok: false, error: toApiError(error, limit.reason()) };
    } finally {
      limit.dispose();
    }
  }
}
