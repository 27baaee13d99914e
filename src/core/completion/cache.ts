/**
 * Answers already received or still streaming (LiveAnswer), found again without a request:
 * - typed-ahead: the user types characters that match the start of the ghost text on screen, so the rest of it
 *   is still the answer (and deleting back within it shows it again);
 * - the rest of an answer: once the user has typed what was shown, the lines the model wrote after it (the next
 *   statement after Enter), or a streaming answer the user typed on from (see reuse.ts for what is shown then);
 * - the same place asked again (the cursor comes back, an undo) gets the same answer, empty answers included.
 * Entries are keyed by document, position, the text around that position and the settings that shape an answer,
 * so an edit anywhere that matters misses. Bounded in entries and bytes, least recently used first out.
 */
import { LiveAnswer } from './liveAnswer';

export interface CacheQuery {
  /** Which document (its URI). */
  readonly documentKey: string;
  /** The cursor's offset in the document. */
  readonly offset: number;
  /** Text before and after the cursor (the prompt window). */
  readonly prefix: string;
  readonly suffix: string;
  /** The suffix runs to the end of the document (the window's `atDocumentEnd`). */
  readonly suffixAtEnd?: boolean;
  /** Model, template and settings that shape the answer. */
  readonly configKey: string;
}

interface Entry {
  readonly documentKey: string;
  readonly offset: number;
  readonly prefixTail: string;
  readonly suffixHead: string;
  /** suffixHead is all the text there was after the cursor, to the end of the document. */
  readonly suffixIsEnd: boolean;
  readonly configKey: string;
  readonly answer: LiveAnswer;
}

export interface CacheLimits {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

export const DEFAULT_CACHE_LIMITS: CacheLimits = { maxEntries: 200, maxBytes: 2_000_000 };

/** How much of the text around the position must be unchanged for an answer to still apply. */
const CONTEXT_CHARS = 400;

export type CacheHit = {
  readonly text: string;
  readonly typedAhead: number;
  /**
   * Characters right after the cursor that the ghost text replaces: closers the editor auto-inserted while the user
   * typed into the ghost text (`(` brings `)`), which the rest of the answer already contains.
   */
  readonly replaceAfter: number;
};

/** An answer asked for at or before the cursor, with the text around both places the same. */
export interface CacheMatch {
  readonly answer: LiveAnswer;
  /** What the user typed since the answer's place (the document between that place and the cursor). */
  readonly typed: string;
  /**
   * Closers the editor inserted right after the cursor since (auto-close), or '' when the text after the cursor is
   * as it was; undefined when it moved otherwise (Enter between brackets put a closer on a line below).
   */
  readonly insertedAfter: string | undefined;
}

/** What an editor inserts by itself after the cursor when an opening bracket or quote is typed. */
const AUTO_CLOSED = /^[)\]}>"'`]*/;
/** A line of the text that starts by closing a bracket. */
const CLOSING_LINE = /^[ \t]*[)\]}]/m;
/** What an editor inserts by itself after the cursor: closers, and with Enter between brackets, a line break. */
const EDITOR_INSERTED = /^[\s)\]}>"'`]*/;

/** True when `inserted`'s characters appear in `text` in order (so replacing them with `text` keeps them). */
export function containsInOrder(text: string, inserted: string): boolean {
  let at = 0;
  for (const ch of inserted) {
    at = text.indexOf(ch, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}

/**
 * How the text after the cursor relates to what it was when the answer was asked for: the same ('' inserted), the
 * same after closers the editor auto-inserted (them), moved by editor-inserted closers and line breaks (undefined),
 * or changed (false: the answer no longer applies).
 */
function suffixChange(suffix: string, head: string, typed: number, headIsEnd: boolean): string | undefined | false {
  // Whether `rest` is the old text after the cursor. A head that ran to the end of the document (empty, or short near
  // the end) must still be all there is: code added below it since is code the answer did not see, and may repeat.
  const continues = (rest: string, old: string): boolean => (old === '' || headIsEnd ? rest === old : rest.startsWith(old));
  if (continues(suffix, head)) return '';
  // The closers the editor put before the old text (`'` of `'|')` before `)`): as many as were typed, or fewer.
  const closers = AUTO_CLOSED.exec(suffix)?.[0] ?? '';
  for (let count = Math.min(closers.length, typed); count > 0; count--) {
    if (continues(suffix.slice(count), head)) return suffix.slice(0, count);
  }
  const now = EDITOR_INSERTED.exec(suffix)?.[0] ?? '';
  const then = EDITOR_INSERTED.exec(head)?.[0] ?? '';
  const bare = (s: string): string => s.replace(/\s/g, '');
  if (typed > 0 && continues(suffix.slice(now.length), head.slice(then.length)) && containsInOrder(bare(now), bare(then))) return undefined;
  return false;
}

export class CompletionCache {
  /** Insertion order is recency order: the first entry is the least recently used. */
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly limits: CacheLimits = DEFAULT_CACHE_LIMITS) {}

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    let bytes = 0;
    for (const entry of this.entries.values()) bytes += sizeOf(entry);
    return bytes;
  }

  /** Remembers the answer (streaming or not; a string is a finished one, possibly empty) asked for at this place. */
  store(query: CacheQuery, answer: LiveAnswer | string): void {
    const live = typeof answer === 'string' ? finished(answer) : answer;
    const entry: Entry = {
      documentKey: query.documentKey,
      offset: query.offset,
      prefixTail: query.prefix.slice(-CONTEXT_CHARS),
      suffixHead: query.suffix.slice(0, CONTEXT_CHARS),
      suffixIsEnd: query.suffixAtEnd === true && query.suffix.length <= CONTEXT_CHARS,
      configKey: query.configKey,
      answer: live,
    };
    const key = `${query.documentKey}\u0000${query.offset}\u0000${query.configKey}\u0000${query.prefix.slice(-80)}`;
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.evict();
  }

  /** Whether this answer is kept here (so that later keystrokes can find it). */
  holds(answer: LiveAnswer): boolean {
    for (const entry of this.entries.values()) if (entry.answer === answer) return true;
    return false;
  }

  /** Answers that apply here, most recent first: asked for at this place, or before it with the user typing since. */
  matches(query: CacheQuery): CacheMatch[] {
    const found: CacheMatch[] = [];
    for (const entry of this.entries.values()) {
      if (entry.documentKey !== query.documentKey || entry.configKey !== query.configKey) continue;
      const typed = query.offset - entry.offset;
      if (typed < 0 || typed > query.prefix.length) continue;
      if (entry.answer.state === 'failed') continue;
      const shown = entry.answer.shown;
      const longest = Math.max(entry.answer.raw.length, shown?.length ?? 0);
      if (typed > longest && entry.answer.state !== 'streaming') continue;
      if (!query.prefix.slice(0, query.prefix.length - typed).endsWith(entry.prefixTail)) continue;
      const insertedAfter = suffixChange(query.suffix, entry.suffixHead, typed, entry.suffixIsEnd);
      if (insertedAfter === false) continue;
      found.push({ answer: entry.answer, typed: query.prefix.slice(query.prefix.length - typed), insertedAfter });
    }
    return found.reverse();
  }

  /**
   * The ghost text still on screen here, from an answer's shown text: at its place, or a little after it with the
   * user having typed exactly its start. Undefined when none applies.
   */
  lookup(query: CacheQuery): CacheHit | undefined {
    for (const match of this.matches(query)) {
      const hit = shownHit(match);
      if (hit) {
        this.touch(match.answer);
        return hit;
      }
    }
    return undefined;
  }

  /** Marks the answer as just used (last out). */
  touch(answer: LiveAnswer): void {
    for (const [key, entry] of this.entries) {
      if (entry.answer !== answer) continue;
      this.entries.delete(key);
      this.entries.set(key, entry);
      return;
    }
  }

  /** Answers still streaming. */
  streaming(): LiveAnswer[] {
    const found: LiveAnswer[] = [];
    for (const entry of this.entries.values()) if (entry.answer.state === 'streaming') found.push(entry.answer);
    return found;
  }

  clear(): void {
    for (const answer of this.streaming()) answer.abort();
    this.entries.clear();
  }

  private evict(): void {
    let bytes = this.totalBytes;
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && bytes <= this.limits.maxBytes) return;
      bytes -= sizeOf(entry);
      this.entries.delete(key);
    }
  }
}

/**
 * The rest of an answer's shown text after what the user typed since its place: the ghost text VS Code keeps on
 * screen while they type into it. Undefined when they typed something else, or all of it.
 */
export function shownHit(match: CacheMatch): CacheHit | undefined {
  const shown = match.answer.shown;
  const typed = match.typed.length;
  if (shown === undefined) return undefined;
  if (typed > shown.length || (typed > 0 && typed === shown.length)) return undefined; // all of it typed: see reuse.ts
  if (!shown.startsWith(match.typed)) return undefined;
  const rest = shown.slice(typed);
  if (match.insertedAfter === undefined) {
    // The editor moved the text after the cursor (Enter between brackets put the closer on a line below): the rest
    // still stands where it ends before a closing line, which the editor's own closer now ends. A line break it
    // ended with (the one that put the closer on a line of its own) is the editor's now.
    const text = rest.replace(/\n[ \t]*$/, '');
    return CLOSING_LINE.test(text) || text.trim() === '' ? undefined : { text, typedAhead: typed, replaceAfter: 0 };
  }
  if (match.insertedAfter && !containsInOrder(rest, match.insertedAfter)) return undefined;
  return { text: rest, typedAhead: typed, replaceAfter: match.insertedAfter.length };
}

function finished(text: string): LiveAnswer {
  const answer = new LiveAnswer();
  answer.decide(text);
  answer.end('complete', text);
  return answer;
}

function sizeOf(entry: Entry): number {
  const text = entry.answer.raw.length + (entry.answer.shown?.length ?? 0);
  return 2 * (entry.prefixTail.length + entry.suffixHead.length + text + entry.documentKey.length) + 64;
}
