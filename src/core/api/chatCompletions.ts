/**
 * Chat answers through the chat completions API, streamed to an `onDelta` callback with reasoning apart from the
 * answer (`reasoning_content`, `reasoning`, or `<think>` in the content); the user's Stop keeps what arrived.
 * Failures come back as typed results, never as exceptions.
 */
import OpenAI, { APIError } from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { ThinkSplitter, type SplitText } from '../chat/stream';
import { ApiError, toApiError } from './errors';
import { fireworksCompletionExtras, fireworksHeaders } from './fireworks';
import { deadline, finishOf, isWholeJson, usageOf, type RawUsage, type Usage, type Wire } from './wire';

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

/** What one endpoint has shown of itself to chat requests, kept for its later ones. */
export interface ChatEndpointState {
  /** Set once the endpoint rejected `stream_options`; later chats don't send it (and cost no second request). */
  streamOptionsRejected: boolean;
}

/**
 * Streams a chat answer. Usage is asked for with `stream_options: {include_usage: true}` and read from whichever
 * chunk carries it: the last one with choices (Fireworks' documented shape) or a final one with empty `choices`
 * (OpenAI's, and Fireworks' newer models). Some OpenAI-compatible servers reject the unknown `stream_options`
 * field with a 400 (or 422) naming it: then the request is sent once more without it, before any text has
 * arrived, and this client stops sending it to that endpoint. Nothing else is retried.
 */
export async function streamChat(wire: Wire, endpoint: ChatEndpointState, request: ChatRequest, options: ChatStreamOptions): Promise<ChatOutcome> {
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
      ...fireworksCompletionExtras(wire.fireworks),
    };
    const requestOptions = {
      signal: limit.controller.signal,
      headers: fireworksHeaders(wire.fireworks, wire.sessionId),
      // The SDK's own deadline covers only the wait for headers; ours (first chunk) is the one that applies.
      timeout: Math.max(60_000, (options.timeoutMs ?? DEFAULT_CHAT_FIRST_CHUNK_TIMEOUT_MS) + 1_000),
    };
    const send = (withStreamOptions: boolean) =>
      wire.sdk.chat.completions
        .create(withStreamOptions ? { ...body, stream_options: { include_usage: true } } : body, requestOptions)
        .withResponse();
    let sent: Awaited<ReturnType<typeof send>>;
    try {
      sent = await send(!endpoint.streamOptionsRejected);
    } catch (error) {
      if (endpoint.streamOptionsRejected || !rejectsStreamOptions(error)) throw error;
      endpoint.streamOptionsRejected = true;
      sent = await send(false);
    }
    const { data: stream, response } = sent;
    if (isWholeJson(response)) {
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
