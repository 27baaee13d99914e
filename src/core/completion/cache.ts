/**
 * Answers already received, reused without a request:
 * - typed-ahead: the user types characters that match the start of the ghost text on screen, so the rest of it
 *   is still the answer (and deleting back within it shows it again);
 * - the same place asked again (the cursor comes back, an undo) gets the same answer, empty answers included.
 * Entries are keyed by document, position, the text around that position and the settings that shape an answer,
 * so an edit anywhere that matters misses. Bounded in entries and bytes, least recently used first out.
 */

export interface CacheQuery {
  /** Which document (its URI). */
  readonly documentKey: string;
  /** The cursor's offset in the document. */
  readonly offset: number;
  /** Text before and after the cursor (the prompt window). */
  readonly prefix: string;
  readonly suffix: string;
  /** Model, template and settings that shape the answer. */
  readonly configKey: string;
}

interface Entry {
  readonly documentKey: string;
  readonly offset: number;
  readonly prefixTail: string;
  readonly suffixHead: string;
  readonly configKey: string;
  readonly text: string;
  readonly bytes: number;
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

/** What an editor inserts by itself after the cursor when an opening bracket or quote is typed. */
const AUTO_CLOSED = /^[)\]}>"'`]*/;

/** True when `inserted`'s characters appear in `text` in order (so replacing them with `text` keeps them). */
function containsInOrder(text: string, inserted: string): boolean {
  let at = 0;
  for (const ch of inserted) {
    at = text.indexOf(ch, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}

export class CompletionCache {
  /** Insertion order is recency order: the first entry is the least recently used. */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly limits: CacheLimits = DEFAULT_CACHE_LIMITS) {}

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  /** Remembers the ghost text (possibly empty) answered for this place. */
  store(query: CacheQuery, text: string): void {
    const entry: Entry = {
      documentKey: query.documentKey,
      offset: query.offset,
      prefixTail: query.prefix.slice(-CONTEXT_CHARS),
      suffixHead: query.suffix.slice(0, CONTEXT_CHARS),
      configKey: query.configKey,
      text,
      bytes: 0,
    };
    const sized = { ...entry, bytes: 2 * (entry.prefixTail.length + entry.suffixHead.length + text.length + entry.documentKey.length) + 64 };
    const key = `${query.documentKey}\u0000${query.offset}\u0000${query.configKey}\u0000${query.prefix.slice(-80)}`;
    this.remove(key);
    this.entries.set(key, sized);
    this.bytes += sized.bytes;
    this.evict();
  }

  /**
   * The ghost text that still applies here: an entry at this place, or one a little before it whose answer starts
   * with exactly what the user has typed since. Undefined when nothing applies (then ask the model).
   */
  lookup(query: CacheQuery): CacheHit | undefined {
    let found: { key: string; entry: Entry; typed: number; replaceAfter: number } | undefined;
    for (const [key, entry] of this.entries) {
      if (entry.documentKey !== query.documentKey || entry.configKey !== query.configKey) continue;
      const typed = query.offset - entry.offset;
      if (typed < 0 || typed > entry.text.length || typed > query.prefix.length) continue;
      if (typed > 0 && typed === entry.text.length) continue; // all of it typed: time for a new answer
      if (!entry.text.startsWith(query.prefix.slice(query.prefix.length - typed))) continue;
      if (!query.prefix.slice(0, query.prefix.length - typed).endsWith(entry.prefixTail)) continue;
      let replaceAfter = 0;
      if (!query.suffix.startsWith(entry.suffixHead)) {
        const inserted = AUTO_CLOSED.exec(query.suffix)?.[0].slice(0, typed) ?? '';
        const rest = entry.text.slice(typed);
        if (!inserted || !query.suffix.slice(inserted.length).startsWith(entry.suffixHead) || !containsInOrder(rest, inserted)) continue;
        replaceAfter = inserted.length;
      }
      found = { key, entry, typed, replaceAfter }; // later entries are more recent: the last match wins
    }
    if (!found) return undefined;
    this.entries.delete(found.key);
    this.entries.set(found.key, found.entry);
    return { text: found.entry.text.slice(found.typed), typedAhead: found.typed, replaceAfter: found.replaceAfter };
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private remove(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.bytes;
  }

  private evict(): void {
    for (const [key] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) return;
      this.remove(key);
    }
  }
}
