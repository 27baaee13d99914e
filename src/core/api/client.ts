/**
 * The client of one endpoint: the `openai` SDK set up for it (no retries: a stale completion is worthless), with
 * completions (completions.ts), chat (chatCompletions.ts), the model list and the connection's warm-up. Every request
 * takes an AbortSignal and a deadline; failures come back as typed results, never as exceptions.
 */
import OpenAI, { APIError } from 'openai';
import type { Dispatcher } from 'undici';
import { streamChat, type ChatClient, type ChatEndpointState, type ChatOutcome, type ChatRequest, type ChatStreamOptions } from './chatCompletions';
import {
  streamChoices,
  streamCompletion,
  type ChoicesOptions,
  type ChoicesOutcome,
  type CompletionClient,
  type CompletionOutcome,
  type CompletionRequest,
  type StreamOptions,
} from './completions';
import { prepareFetch, rehearseFetch } from './connections';
import { ApiError, toApiError } from './errors';
import { isFireworksEndpoint } from './fireworks';
import { modelInfoFrom, type ModelInfo } from './models';
import { deadline, type Wire } from './wire';

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

/** The endpoint's models, in its order, with what it says about each (see models.ts). */
export type ModelsOutcome = { readonly ok: true; readonly models: ModelInfo[] } | { readonly ok: false; readonly error: ApiError };

/** A warm-up that has not opened the connection by then is given up. */
const WARM_TIMEOUT_MS = 5_000;

/**
 * The headers `OPENAI_CUSTOM_HEADERS` would add to every request (one `Name: value` a line), each removed; an
 * Authorization among them is given our key back.
 */
function environmentHeadersRemoved(apiKey: string, custom = process.env.OPENAI_CUSTOM_HEADERS ?? ''): Record<string, string | null> {
  const names = custom.split('\n').flatMap((line) => {
    const colon = line.indexOf(':');
    const name = colon >= 0 ? line.slice(0, colon).trim() : '';
    return name ? [name] : [];
  });
  return Object.fromEntries(names.map((name) => [name, name.toLowerCase() === 'authorization' ? `Bearer ${apiKey}` : null]));
}

/**
 * The SDK keeps only a failed response's `error` field: Fireworks' `{error: "Too Many Requests", message: "…"}`
 * would lose its message (what the limit is). Such a body's message goes into its error, as the SDK reads it.
 */
class EndpointSdk extends OpenAI {
  protected override makeStatusError(status: number, error: object, message: string | undefined, headers: Headers): APIError {
    const body = error as Record<string, unknown> | null;
    const merged = body && typeof body.error === 'string' && typeof body.message === 'string' ? { ...body, error: { message: `${body.error}: ${body.message}` } } : error;
    return super.makeStatusError(status, merged, message, headers);
  }
}

export class OpenAICompatibleClient implements CompletionClient, ChatClient {
  private readonly wire: Wire;

  private readonly chatState: ChatEndpointState = { streamOptionsRejected: false };

  constructor(private readonly endpoint: Endpoint) {
    const sdk = new EndpointSdk({
      baseURL: endpoint.baseUrl,
      apiKey: endpoint.apiKey,
      // Nothing the SDK would take from the environment for OpenAI's own API goes to this endpoint: no organization,
      // project or custom headers (one of which could even replace the key), no logging of requests.
      organization: null,
      project: null,
      defaultHeaders: environmentHeadersRemoved(endpoint.apiKey),
      logLevel: 'off',
      // A stale completion is worthless: never retry, our own deadline applies.
      maxRetries: 0,
      timeout: 60_000,
      dangerouslyAllowBrowser: false,
      ...(endpoint.connections ? { fetchOptions: { dispatcher: endpoint.connections } } : {}),
    });
    this.wire = { sdk, fireworks: endpoint.fireworks ?? isFireworksEndpoint(endpoint.baseUrl), sessionId: endpoint.sessionId };
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

  streamCompletion(request: CompletionRequest, options: StreamOptions): Promise<CompletionOutcome> {
    return streamCompletion(this.wire, request, options);
  }

  streamChoices(request: CompletionRequest, n: number, options: ChoicesOptions): Promise<ChoicesOutcome> {
    return streamChoices(this.wire, request, n, options);
  }

  streamChat(request: ChatRequest, options: ChatStreamOptions): Promise<ChatOutcome> {
    return streamChat(this.wire, this.chatState, request, options);
  }

  /** The endpoint's description of the completion model (`GET /models/{id}`): a small answer, or a 404, over the connection. */
  async warm(model: string): Promise<boolean> {
    const limit = deadline(new AbortController().signal, WARM_TIMEOUT_MS);
    try {
      await this.wire.sdk.models.retrieve(model, { signal: limit.controller.signal });
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
      for await (const raw of this.wire.sdk.models.list({ signal: limit.controller.signal })) {
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
