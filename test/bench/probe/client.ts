/** Probe build (variants.ts): the real client, logging when a request leaves, its first chunk comes and it returns. */
import { OpenAICompatibleClient as RealClient } from '../../../src/core/api/client';
import { CompletionOutcome, CompletionRequest, StreamOptions } from '../../../src/core/api/completions';

export * from '../../../src/core/api/client';

const now = (): string => (performance.timeOrigin + performance.now()).toFixed(1);

export class OpenAICompatibleClient extends RealClient {
  override async streamCompletion(request: CompletionRequest, options: StreamOptions): Promise<CompletionOutcome> {
    console.log(`BENCH_PROBE send ${now()}`);
    let first = true;
    const isDecided = (text: string): boolean => {
      if (first) console.log(`BENCH_PROBE chunk ${now()}`);
      first = false;
      return options.isDecided?.(text) ?? false;
    };
    const outcome = await super.streamCompletion(request, { ...options, isDecided });
    console.log(`BENCH_PROBE done ${now()}`);
    return outcome;
  }
}
