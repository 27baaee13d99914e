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
import { TypingRhythm } from './rhythm';
import { debounce } from './debounce';
import { EditContext, chooseLineMode, isDecided, postprocess } from './postprocess';
import { cutAtStop, stopFor, templateFor } from './templates';
import { CHARS_PER_TOKEN, DEFAULT_PROMPT_BUDGET, fitToBudget } from './prompt';
import { SourceFile, bestSnippets } from './snippets';
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
  /** Language id and workspace-relative path (absent for untitled files): they head the prompt. */
  readonly languageId?: string;
  readonly filePath?: string;
}

export type CompletionResult =
  | {
      readonly kind: 'shown';
      readonly text: string;
      readonly reused?: boolean;
      readonly typedAhead?: number;
      /** Characters after the cursor the text replaces (auto-inserted closers it already contains). */
      readonly replaceAfter?: number;
    }
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
  /** The user's typing rhythm: a slow typist gets a longer debounce (see rhythm.ts). */
  readonly rhythm?: TypingRhythm;
  readonly now?: () => number;
  /** Other open and recently edited files, most recent first, never the current one nor excluded ones. */
  readonly otherFiles?: (currentDocumentKey: string | undefined) => readonly SourceFile[];
}

/** How many lines before the cursor describe "the code around the cursor" when looking for similar snippets. */
const SNIPPET_QUERY_LINES = 30;

export class CompletionPipeline {
  private sequence = 0;

  constructor(private readonly deps: PipelineDeps) {}

  async run(input: CompletionInput, signal: AbortSignal): Promise<CompletionResult> {
    const settings = this.deps.settings();
    const rhythm = this.deps.rhythm;
    if (rhythm && !input.manual) rhythm.keystroke((this.deps.now ?? Date.now)() - (input.alreadyWaitedMs ?? 0));
    const budgetChars = settings.promptTokens * CHARS_PER_TOKEN;
    const window = readWindow(
      input.document,
      input.position,
      this.deps.windowLimits ?? { ...DEFAULT_WINDOW_LIMITS, maxPrefixChars: budgetChars, maxSuffixChars: Math.ceil(budgetChars * DEFAULT_PROMPT_BUDGET.suffixShare) },
    );
    const template = templateFor(settings.model, settings.template);
    const query: CacheQuery | undefined =
      input.documentKey !== undefined && input.offset !== undefined
        ? {
            documentKey: input.documentKey,
            offset: input.offset,
            prefix: window.prefix,
            suffix: window.suffix,
            configKey: [settings.model, template.id, settings.maxTokens, settings.maxLines, settings.temperature, settings.lineMode].join('\u0000'),
          }
        : undefined;
    // Typed into the ghost text, or back at a place already answered: no wait, no request.
    const hit = query && !input.manual ? this.deps.cache?.lookup(query) : undefined;
    if (hit) {
      return hit.text
        ? { kind: 'shown', text: hit.text, reused: true, typedAhead: hit.typedAhead, replaceAfter: hit.replaceAfter }
        : { kind: 'empty' };
    }

    const wait = (rhythm ? rhythm.debounceFor(settings.debounceMs) : settings.debounceMs) - (input.alreadyWaitedMs ?? 0);
    if (!input.manual && !(await debounce(wait, signal))) return { kind: 'cancelled' };
    const client = this.deps.client();
    if (!client) return { kind: 'cancelled' };
    const blocked = input.manual ? undefined : this.deps.backoff?.blockedBy();
    if (blocked) return { kind: 'paused', error: blocked };
    const context: EditContext = {
      linePrefix: window.linePrefix,
      lineSuffix: window.lineSuffix,
      suffix: window.suffix,
      mode: settings.lineMode === 'auto' ? chooseLineMode(window.linePrefix, window.lineSuffix) : settings.lineMode,
      maxLines: settings.maxLines,
    };
    const stops = template.stop;
    const snippets = settings.contextFromOtherFiles && this.deps.otherFiles
      ? bestSnippets(window.prefix.split('\n').slice(-SNIPPET_QUERY_LINES).join('\n'), this.deps.otherFiles(input.documentKey), {
          windowLines: 40,
          maxSnippets: 3,
          maxCharsTotal: Math.floor(budgetChars * (1 - DEFAULT_PROMPT_BUDGET.prefixShare - DEFAULT_PROMPT_BUDGET.suffixShare)),
        })
      : [];
    const fitted = fitToBudget(
      {
        filePath: input.filePath,
        languageId: input.languageId ?? 'plaintext',
        prefix: window.prefix,
        suffix: template.usesSuffix ? window.suffix : '',
        snippets,
      },
      { ...DEFAULT_PROMPT_BUDGET, maxTokens: settings.promptTokens, suffixShare: template.usesSuffix ? DEFAULT_PROMPT_BUDGET.suffixShare : 0 },
    );
    const id = ++this.sequence;
    this.deps.observer?.requestStarted();
    const outcome = await client.streamCompletion(
      {
        model: settings.model,
        prompt: template.build(fitted.header + fitted.prefix, fitted.suffix),
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
