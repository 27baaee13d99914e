/**
 * One completion, straight down: window → an earlier answer that still applies (cache.ts, reuse.ts) → debounce →
 * template → streamed request (shown once decided, read on for the lines after it: tail.ts) → stop tokens →
 * post-processing. The VS Code provider is a thin adapter over this.
 */
import { CompletionClient } from '../api/completions';
import { ApiError } from '../api/errors';
import { Logger } from '../logger';
import { CompletionSettings } from '../settings';
import { alternativeAnswers } from './alternatives';
import { AnswerShape, RequestObserver, streamAnswer } from './answerStream';
import { Backoff } from './backoff';
import { CacheQuery, CompletionCache } from './cache';
import { TypingRhythm } from './rhythm';
import { ConnectionWarmth } from './connectionWarmth';
import { debounce } from './debounce';
import { answerIsPredictablyEmpty } from './emptyPlaces';
import { LiveAnswer } from './liveAnswer';
import { EditContext } from './editContext';
import { chooseLineMode } from './postprocess';
import { promptWindowLimits, requestPrompt } from './requestPrompt';
import { reuseAnswer } from './reuse';
import { SourceFile } from './snippets';
import { FimTemplate, templateFor } from './templates';
import { CursorPosition, TextWindow, LineSource, WindowLimits, readWindow } from './window';

export type { RequestObserver } from './answerStream';

export interface CompletionInput {
  readonly document: LineSource;
  readonly position: CursorPosition;
  /** Invoked explicitly by the user: no debounce. */
  readonly manual: boolean;
  /** How long the host already waited after the keystroke before asking (VS Code: 50 ms); the debounce waits the rest. */
  readonly alreadyWaitedMs?: number;
  /**
   * When known, the times (as `now`) of every edit since the previous call, for the typing rhythm; otherwise this call
   * counts as one keystroke, `alreadyWaitedMs` ago.
   */
  readonly keystrokes?: readonly number[];
  /**
   * The document's identity and the cursor's offset in it (a line break counted as one character, as in the window's
   * text), for reusing answers (no reuse without them).
   */
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
  /** When the endpoint was last asked: a keystroke after a long pause warms the connection during the debounce. */
  readonly warmth?: ConnectionWarmth;
}

export class CompletionPipeline {
  private sequence = 0;

  constructor(private readonly deps: PipelineDeps) {}

  async run(input: CompletionInput, signal: AbortSignal): Promise<CompletionResult> {
    const now = this.deps.now ?? Date.now;
    const started = now();
    const settings = this.deps.settings();
    const rhythm = this.deps.rhythm;
    if (rhythm) {
      const keystrokes = input.keystrokes ?? (input.manual ? [] : [started - (input.alreadyWaitedMs ?? 0)]);
      for (const at of keystrokes) rhythm.keystroke(at);
    }
    const { window, template, query, context } = this.place(input, settings);
    const cache = this.deps.cache;
    const debounceMs = rhythm ? rhythm.debounceFor(settings.debounceMs) : settings.debounceMs;
    const debounceLeft = (): number => debounceMs - (input.alreadyWaitedMs ?? 0) - (now() - started);
    // Typed into the ghost text, past it, or back at a place already answered: no wait, no request.
    if (!input.manual && query && cache) {
      const reused = await reuseAnswer(cache, query, context, signal, debounceLeft);
      if (reused === 'cancelled') return { kind: 'cancelled' };
      if (reused?.kind === 'empty') return { kind: 'empty' };
      if (reused) return { kind: 'shown', text: reused.text, reused: true, typedAhead: reused.typedAhead, replaceAfter: reused.replaceAfter };
    }
    if (!input.manual && answerIsPredictablyEmpty(context)) return { kind: 'empty' };

    if (!input.manual) this.warmIfCold(settings.model, now());
    if (!input.manual && !(await debounce(debounceLeft(), signal))) return { kind: 'cancelled' };
    if (this.deps.warmth && !(await this.deps.warmth.ready(signal))) return { kind: 'cancelled' };
    const client = this.deps.client();
    if (!client) return { kind: 'cancelled' };
    const blocked = input.manual ? undefined : this.deps.backoff?.blockedBy();
    if (blocked) return { kind: 'paused', error: blocked };
    // Nothing asked before serves this place: what is still streaming for another one is of no use.
    for (const stale of cache?.streaming() ?? []) stale.abort();
    const answer = new LiveAnswer();
    if (query) cache?.store(query, answer);
    // Without a cache nobody else can use the answer: it ends with the keystroke that asked for it, and once decided.
    const reusable = cache?.holds(answer) ?? false;
    const abort = (): void => answer.abort();
    if (!reusable) signal.addEventListener('abort', abort, { once: true });
    try {
      const prompt = requestPrompt(
        { window, languageId: input.languageId, filePath: input.filePath, otherFiles: () => this.deps.otherFiles?.(input.documentKey) ?? [] },
        template,
        settings,
      );
      this.deps.warmth?.sent(now());
      const shape: AnswerShape = { template, context, settings, readTail: reusable };
      streamAnswer(answer, client, prompt, shape, { id: ++this.sequence, logger: this.deps.logger, observer: this.deps.observer, backoff: this.deps.backoff });
    } catch (error) {
      // A bug of ours before the request: the answer the cache holds for this place must end, or every later
      // keystroke there would wait on it.
      answer.end('failed');
      signal.removeEventListener('abort', abort);
      throw error;
    }
    try {
      return await this.shownAt(answer, signal);
    } finally {
      signal.removeEventListener('abort', abort);
    }
  }

  /** The window around the cursor, the template, the cache's key for the place, and the edit context. */
  private place(input: CompletionInput, settings: CompletionSettings): { window: TextWindow; template: FimTemplate; query: CacheQuery | undefined; context: EditContext } {
    const window = readWindow(input.document, input.position, this.deps.windowLimits ?? promptWindowLimits(settings));
    const template = templateFor(settings.model, settings.template);
    const query: CacheQuery | undefined =
      input.documentKey !== undefined && input.offset !== undefined
        ? {
            documentKey: input.documentKey,
            offset: input.offset,
            prefix: window.prefix,
            suffix: window.suffix,
            suffixAtEnd: window.atDocumentEnd,
            configKey: [settings.model, template.id, settings.maxTokens, settings.maxLines, settings.temperature, settings.lineMode].join('\u0000'),
          }
        : undefined;
    const context: EditContext = {
      linePrefix: window.linePrefix,
      lineSuffix: window.lineSuffix,
      prefix: window.prefix,
      suffix: window.following,
      mode: settings.lineMode === 'auto' ? chooseLineMode(window.linePrefix, window.lineSuffix) : settings.lineMode,
      maxLines: settings.maxLines,
    };
    return { window, template, query, context };
  }

  /**
   * The ghost text still on screen at the input's place from an answer given before (the user typed into it since),
   * without a request: undefined when there is none.
   */
  onScreen(input: CompletionInput): { readonly text: string; readonly replaceAfter: number } | undefined {
    const { query } = this.place(input, this.deps.settings());
    const hit = query ? this.deps.cache?.lookup(query) : undefined;
    return hit && hit.text.trim() !== '' ? { text: hit.text, replaceAfter: hit.replaceAfter } : undefined;
  }

  /**
   * The ghost text `shown` at the input's place and other answers for it, when the user asks for them (see
   * alternatives.ts): no debounce, no cache (they are asked for once, and VS Code keeps them while they apply).
   */
  async alternatives(input: CompletionInput, shown: string, signal: AbortSignal): Promise<string[]> {
    const settings = this.deps.settings();
    const client = this.deps.client();
    if (!settings.alternatives || !client || this.deps.backoff?.blockedBy()) return [shown];
    const { window, template, context } = this.place(input, settings);
    const prompt = requestPrompt(
      { window, languageId: input.languageId, filePath: input.filePath, otherFiles: () => this.deps.otherFiles?.(input.documentKey) ?? [] },
      template,
      settings,
    );
    this.deps.warmth?.sent((this.deps.now ?? Date.now)());
    return alternativeAnswers(client, { prompt, template, context, settings, shown }, signal, { logger: this.deps.logger, observer: this.deps.observer, backoff: this.deps.backoff });
  }

  /**
   * While the debounce runs: the first time, the HTTP stack's one-time costs, paid without a request; after a long
   * pause, the connection is opened (see connectionWarmth.ts).
   */
  private warmIfCold(model: string, at: number): void {
    const client = this.deps.client();
    if (!client) return;
    void client.prepare?.();
    const warmth = this.deps.warmth;
    if (!warmth?.isCold(at) || !client.warm || this.deps.backoff?.blockedBy()) return;
    this.deps.logger.debug('completion: warming the connection to the endpoint (idle since the last request)');
    warmth.warming(at, client.warm(model));
  }

  /** What the answer shows at the place it was asked for, once decided. */
  private async shownAt(answer: LiveAnswer, signal: AbortSignal): Promise<CompletionResult> {
    const settled = await answer.until<CompletionResult>(() => {
      if (answer.shown !== undefined) return answer.shown ? { kind: 'shown', text: answer.shown } : { kind: 'empty' };
      if (answer.state === 'streaming') return undefined;
      return answer.error ? { kind: 'error', error: answer.error } : { kind: 'cancelled' };
    }, signal);
    if (settled === 'cancelled' || settled === 'timeout' || signal.aborted) return { kind: 'cancelled' };
    return settled;
  }
}
