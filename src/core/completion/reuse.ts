/**
 * What an answer asked for at or before the cursor (cache.ts) offers now, without a new request:
 * - the rest of the ghost text the user is typing into (its shown text, as VS Code keeps it on screen);
 * - past that, the rest of what the model wrote, taken as the model's answer at this place and post-processed for
 *   it: after the user typed a shown statement and pressed Enter, the next one; after they typed on while it
 *   streamed, what follows what they typed;
 * - while it streams and agrees with what the user typed: wait for it, rather than ask again (when nothing of it
 *   has arrived yet, only for as long as the debounce before a new request).
 * An answer that disagrees with what the user typed, or whose rest shows nothing, offers nothing (ask the model).
 */
import { CacheMatch, CacheQuery, CompletionCache, shownHit } from './cache';
import { EditContext } from './editContext';
import { isDecided, postprocess } from './postprocess';

export type Offer =
  | { readonly kind: 'show'; readonly text: string; readonly typedAhead: number; readonly replaceAfter: number }
  /** This very place was answered with nothing. */
  | { readonly kind: 'empty' }
  /**
   * It streams and may yet serve here: wait for it. `meanwhile`: nothing of it has arrived to agree with what the
   * user typed, so wait no longer than the debounce would (then ask anew).
   */
  | { readonly kind: 'wait'; readonly meanwhile: boolean }
  | { readonly kind: 'none' };

const WAIT: Offer = { kind: 'wait', meanwhile: false };
const MEANWHILE: Offer = { kind: 'wait', meanwhile: true };
const NONE: Offer = { kind: 'none' };

export function offer(match: CacheMatch, ctx: EditContext): Offer {
  const { answer, typed } = match;
  const hit = shownHit(match);
  if (hit) return hit.text ? { kind: 'show', ...hit } : { kind: 'empty' };
  if (answer.state === 'failed') return NONE;
  if (typed === '') return answer.state === 'streaming' && answer.shown === undefined ? WAIT : NONE;
  const raw = answer.raw;
  if (!raw.startsWith(typed)) {
    // The user is ahead of the stream: wait while what arrived agrees.
    if (answer.state !== 'streaming' || !typed.startsWith(raw)) return NONE;
    return raw === '' ? MEANWHILE : WAIT;
  }
  const rest = raw.slice(typed.length);
  const decided = answer.state === 'complete' || isDecided(rest, ctx);
  if (!decided) return answer.state === 'streaming' ? WAIT : NONE;
  const text = postprocess(rest, ctx);
  return text ? { kind: 'show', text, typedAhead: typed.length, replaceAfter: 0 } : NONE;
}

export type Reused = Extract<Offer, { kind: 'show' | 'empty' }>;

/**
 * What earlier answers offer here: shown now, after waiting for a stream that agrees with what the user typed, or
 * undefined (ask the model); 'cancelled' when the user typed on meanwhile. An answer nothing of which has arrived
 * yet is waited for only while the debounce runs (`debounceLeft`). Streams that disagree are aborted.
 */
export async function reuseAnswer(
  cache: CompletionCache,
  query: CacheQuery,
  ctx: EditContext,
  signal: AbortSignal,
  debounceLeft: () => number,
): Promise<Reused | 'cancelled' | undefined> {
  for (;;) {
    let pending: { match: CacheMatch; meanwhile: boolean } | undefined;
    for (const match of cache.matches(query)) {
      const offered = offer(match, ctx);
      if (offered.kind === 'wait') {
        pending = { match, meanwhile: offered.meanwhile };
        break;
      }
      if (offered.kind !== 'none') return used(cache, match, offered);
      // Streaming, but not what the user typed: nobody will use the rest.
      if (match.answer.state === 'streaming') match.answer.abort();
    }
    if (!pending) return undefined;
    const { match, meanwhile } = pending;
    const settled = await match.answer.until(
      () => {
        const now = offer(match, ctx);
        return now.kind === 'wait' && now.meanwhile === meanwhile ? undefined : now;
      },
      signal,
      meanwhile ? debounceLeft() : undefined,
    );
    if (settled === 'cancelled') return 'cancelled';
    if (settled === 'timeout') return undefined;
    if (settled.kind === 'show' || settled.kind === 'empty') return used(cache, match, settled);
    if (settled.kind === 'none' && match.answer.state === 'streaming') match.answer.abort();
  }
}

function used(cache: CompletionCache, match: CacheMatch, offered: Reused): Reused {
  cache.touch(match.answer);
  return offered;
}
