/**
 * One completion, straight down: debounce → window → template → streamed request (cut early once decided) →
 * stop tokens → post-processing. The VS Code provider is a thin adapter over this.
 */
import { CompletionClient, CompletionOutcome } from '../api/client';
import { ApiError } from '../api/errors';
import { Logger } from '../logger';
import { CompletionSettings } from '../settings';
import { Backoff } from './backoff';
import { CacheQuery, CompletionCache } from './cache';
import { debounce } from './debounce';
import { EditContext, chooseLineMode, isDecided, postprocess } from './postprocess';
import { cutAtStop, stopFor, templateFor } from './templates';
import { CursorPosition, LineSource, WindowLimits, DEFAULT_WINDOW_LIMITS, readWindow } from './window';

export interface CompletionInput {
  readonly document: LineSource;
  readonly position: CursorPosition;
  /** Invoked explicitly by the user: no debounce. */
  readonly manual: boolean;
  /** How long the host already waited after the keystroke before asking (VS Code: 50 ms); the debounce waits the rest. */
  readonly alreadyWaitedMs?: number;
  /** The document's identity and the cursor's offset in it, for reusing answers (no reuse without them). */
  readonly documentKey?: string;
  readonly offset?: number;
}

export type CompletionResult =
  | { readonly kind: 'shown'; readonly text: string; readonly reused?: boolean }
  | { readonly kind: 'empty' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'error'; readonly error: ApiError }
  /** No request: the endpoint failed recently with `error` (see backoff.ts). */
  | { readonly kind: 'paused'; readonly error: ApiError };

/** Lets the UI show that a request is in flight and how it ended. */
export interface RequestObserver {
  requestStarted(): void;
  requestFinished(outcome: CompletionOutcome): void;
}

export interface PipelineDeps {
  readonly client: () => CompletionClient | undefined;
  readonly settings: () => CompletionSettings;
  readonly logger: Logger;
  readonly observer?: RequestObserver;
  readonly windowLimits?: WindowLimits;
  /** Pauses requests while the endpoint fails (shared with the UI, which resets it when the user acts). */
  readonly backoff?: Backoff;
  /** Answers already received, for typed-ahead and repeated places (see cache.ts). */
  readonly cache?: CompletionCache;
}

export class CompletionPipeline {
  private sequence = 0;

  constructor(private readonly deps: PipelineDeps) {}

  async run(input: CompletionInput, signal: AbortSignal): Promise<CompletionResult> {
    const settings = this.deps.settings();
    const window = readWindow(input.document, input.position, this.deps.windowLimits ?? DEFAULT_WINDOW_LIMITS);
    const template = templateFor(settings.model, settings.template);
    const query: CacheQuery | undefined =
      input.documentKey !== undefined && input.offset !== undefined
        ? {
            documentKey: input.documentKey,
            offset: input.offset,
            prefix: window.prefix,
            suffix: window.suffix,
            configKey: `${settings.model}\u0000${template.id}\u0000${settings.maxTokens}\u0000${settings.maxLines}\u0000${settings.temperature}`,
          }
        : undefined;
    // Typed into the ghost text, or back at a place already answered: no wait, no request.
    const hit = query && !input.manual ? this.deps.cache?.lookup(query) : undefined;
    if (hit) return hit.text ? { kind: 'shown', text: hit.text, reused: true } : { kind: 'empty' };

    const wait = settings.debounceMs - (input.alreadyWaitedMs ?? 0);
    if (!input.manual && !(await debounce(wait, signal))) return { kind: 'cancelled' };
    const client = this.deps.client();
    if (!client) return { kind: 'cancelled' };
    const blocked = input.manual ? undefined : this.deps.backoff?.blockedBy();
    if (blocked) return { kind: 'paused', error: blocked };
    const context: EditContext = {
      linePrefix: window.linePrefix,
      lineSuffix: window.lineSuffix,
      suffix: window.suffix,
      mode: chooseLineMode(window.linePrefix, window.lineSuffix),
      maxLines: settings.maxLines,
    };
    const stops = template.stop;
    const id = ++this.sequence;
    this.deps.observer?.requestStarted();
    const outcome = await client.streamCompletion(
      {
        model: settings.model,
        prompt: template.build(window.prefix, template.usesSuffix ? window.suffix : ''),
        maxTokens: settings.maxTokens,
        temperature: settings.temperature,
        stop: stopFor(template, context.mode === 'single' && window.lineSuffix.trim() !== '' ? ['\n'] : []),
      },
      {
        signal,
        timeoutMs: settings.timeoutMs,
        isDecided: (soFar) => isDecided(cutAtStop(soFar, stops).text, context),
      },
    );
    this.deps.observer?.requestFinished(outcome);

    if (outcome.ok) this.deps.backoff?.succeeded();
    else this.deps.backoff?.failed(outcome.error);
    if (!outcome.ok) {
      if (outcome.error.kind === 'cancelled') {
        this.deps.logger.debug(`#${id} aborted after ${outcome.durationMs} ms (superseded)`);
        return { kind: 'cancelled' };
      }
      this.deps.logger.warn(`#${id} ${outcome.error.kind} after ${outcome.durationMs} ms: ${outcome.error.message}`);
      return { kind: 'error', error: outcome.error };
    }
    const text = postprocess(cutAtStop(outcome.text, stops).text, context);
    if (query) this.deps.cache?.store(query, text);
    const usage = outcome.usage ? `, ${outcome.usage.promptTokens}+${outcome.usage.completionTokens} tokens` : '';
    const server = outcome.serverTimings ? `, ${outcome.serverTimings}` : '';
    this.deps.logger.info(
      `#${id} ${settings.model} [${template.id}, ${context.mode}] ${outcome.durationMs} ms` +
        ` (first chunk ${outcome.timeToFirstChunkMs ?? '-'} ms, ${outcome.finish}${usage}${server}):` +
        ` ${text ? `${text.length} chars shown` : 'nothing to show'}`,
    );
    if (signal.aborted) return { kind: 'cancelled' };
    return text ? { kind: 'shown', text } : { kind: 'empty' };
  }
}
