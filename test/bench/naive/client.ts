/**
 * The naive build's client (swapped in for src/core/api/client.ts when variants.ts bundles the extension):
 * the real client, without early stop: `isDecided` is dropped, so every stream runs to its end.
 */
import { OpenAICompatibleClient as RealClient } from '../../../src/core/api/client';
import { CompletionOutcome, CompletionRequest, StreamOptions } from '../../../src/core/api/completions';

export * from '../../../src/core/api/client';

export class OpenAICompatibleClient extends RealClient {
  override streamCompletion(request: CompletionRequest, options: StreamOptions): Promise<CompletionOutcome> {
    return super.streamCompletion(request, { signal: options.signal, timeoutMs: options.timeoutMs });
  }
}
