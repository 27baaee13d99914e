/**
 * The two providers every figure compares, built from the project's own pipeline:
 * - "ours": as src/extension.ts wires it (answer cache, backoff, early stop through `isDecided`);
 * - "naive": the same pipeline with its debounce only: no cache (the dependency is absent) and no early stop (a
 *   client wrapper that drops `isDecided`, so every stream runs to its end).
 */
import { CompletionClient, CompletionOutcome, CompletionRequest, StreamOptions } from '../../src/core/api/completions';
import { Backoff } from '../../src/core/completion/backoff';
import { CompletionCache } from '../../src/core/completion/cache';
import { CompletionPipeline } from '../../src/core/completion/pipeline';
import type { SourceFile } from '../../src/core/completion/snippets';
import { silentLogger } from '../../src/core/logger';
import { CompletionSettings, resolveSettings } from '../../src/core/settings';

export type ProviderKind = 'ours' | 'naive';
export const PROVIDERS: readonly ProviderKind[] = ['ours', 'naive'];

/** Sees each request a provider makes and how it ended. */
export interface RequestObserver {
  request(request: CompletionRequest, options: StreamOptions): void;
  outcome(outcome: CompletionOutcome, options: StreamOptions): void;
}

/** Passes requests to `inner`, optionally without `isDecided` (no early stop), and shows them to `observer`. */
export class WrappedClient implements CompletionClient {
  constructor(
    private readonly inner: CompletionClient,
    private readonly earlyStop: boolean,
    private readonly observer?: RequestObserver,
  ) {}

  async streamCompletion(request: CompletionRequest, options: StreamOptions): Promise<CompletionOutcome> {
    this.observer?.request(request, options);
    const outcome = await this.inner.streamCompletion(
      request,
      this.earlyStop ? options : { signal: options.signal, timeoutMs: options.timeoutMs },
    );
    this.observer?.outcome(outcome, options);
    return outcome;
  }
}

/** The extension's default completion settings (what resolveSettings gives for no user settings), with overrides. */
export function benchSettings(overrides: { debounceMs: number; timeoutMs?: number }): CompletionSettings {
  const defaults = resolveSettings({}, {}).completions;
  return { ...defaults, debounceMs: overrides.debounceMs, timeoutMs: overrides.timeoutMs ?? defaults.timeoutMs };
}

export interface BuiltProvider {
  readonly kind: ProviderKind;
  readonly pipeline: CompletionPipeline;
  readonly cache: CompletionCache | undefined;
}

export interface ProviderOptions {
  readonly observer?: RequestObserver;
  /** The user's other open files, for snippets in the prompt (none by default). */
  readonly otherFiles?: readonly SourceFile[];
}

export function buildProvider(kind: ProviderKind, client: CompletionClient, settings: CompletionSettings, options: ProviderOptions = {}): BuiltProvider {
  const wrapped = new WrappedClient(client, kind === 'ours', options.observer);
  const otherFiles = options.otherFiles ? () => options.otherFiles ?? [] : undefined;
  if (kind === 'naive') {
    return { kind, cache: undefined, pipeline: new CompletionPipeline({ client: () => wrapped, settings: () => settings, logger: silentLogger, otherFiles }) };
  }
  const cache = new CompletionCache();
  const pipeline = new CompletionPipeline({
    client: () => wrapped,
    settings: () => settings,
    logger: silentLogger,
    backoff: new Backoff(),
    cache,
    otherFiles,
  });
  return { kind, cache, pipeline };
}
