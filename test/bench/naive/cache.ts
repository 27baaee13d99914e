/**
 * The naive build's cache (swapped in for src/core/completion/cache.ts when variants.ts bundles the
 * extension): remembers nothing, finds nothing, as if the pipeline had no cache (so an answer also ends with the
 * keystroke that asked for it: nobody else can use it).
 */
import { CacheHit, CacheMatch, CacheQuery, CompletionCache as RealCache } from '../../../src/core/completion/cache';
import { LiveAnswer } from '../../../src/core/completion/liveAnswer';

export * from '../../../src/core/completion/cache';

export class CompletionCache extends RealCache {
  override store(_query: CacheQuery, _answer: LiveAnswer | string): void {
    // Nothing is remembered.
  }

  override matches(_query: CacheQuery): CacheMatch[] {
    return [];
  }

  override lookup(_query: CacheQuery): CacheHit | undefined {
    return undefined;
  }
}
