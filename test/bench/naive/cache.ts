/**
 * The naive build's cache (swapped in for src/core/completion/cache.ts when variants.ts bundles the
 * extension): remembers nothing, finds nothing, as if the pipeline had no cache.
 */
import { CacheHit, CacheQuery, CompletionCache as RealCache } from '../../../src/core/completion/cache';

export * from '../../../src/core/completion/cache';

export class CompletionCache extends RealCache {
  override store(_query: CacheQuery, _text: string): void {
    // Nothing is remembered.
  }

  override lookup(_query: CacheQuery): CacheHit | undefined {
    return undefined;
  }
}
