/**
 * Snippets from other files that resemble the code around the cursor, for the prompt's header: a window of lines is
 * slid over each file and scored by the Jaccard similarity of its identifier tokens with the query's (the lines just
 * before the cursor), the way Cody's and Continue's "similar code" retrievers do.
 *
 * Cost is linear in the text looked at, and that text is bounded (see `SNIPPET_CAPS`): at most `maxFiles` files, of
 * each at most its first `maxFileChars` characters and `maxFileLines` lines. Each line is tokenized once; the window
 * slides by adding the lines that enter and removing those that leave, so the step does not change the cost. On
 * 20 files of 100 KB of TypeScript (the caps), a call takes a few tens of milliseconds on a laptop.
 */
import { isSecretPath } from '../secretFiles';

export interface SourceFile {
  /** Workspace-relative path, shown to the model in the snippet's header line. */
  path: string;
  languageId: string;
  text: string;
  /** Rank in most-recently-used order: 0 is the file edited or viewed last; lower wins ties. */
  recency: number;
}

export interface Snippet {
  path: string;
  text: string;
  /** Jaccard similarity with the query, in [0, 1]. */
  score: number;
  /** The language of the file the snippet comes from (its header line uses that language's comment syntax). */
  languageId?: string;
}

export interface SnippetOptions {
  /** Lines per window, e.g. 40. */
  windowLines: number;
  /** Lines between window starts; default half a window. */
  step?: number;
  maxSnippets: number;
  /** Characters of snippet text in all (header lines not counted; `fitToBudget` accounts for those). */
  maxCharsTotal: number;
  /** Snippets scoring below this are dropped; default `DEFAULT_MIN_SCORE`. */
  minScore?: number;
}

/** What one call looks at, at most. Files beyond `maxFiles` (by recency) are ignored; longer files are cut. */
export const SNIPPET_CAPS = {
  maxFiles: 20,
  maxFileChars: 100_000,
  maxFileLines: 2_000,
} as const;

/**
 * Any file shares a few words with the query; below this a snippet is more likely noise than help. On this
 * repository's own TypeScript (30-line query, 40-line windows), the windows of files that had nothing to do with the
 * code at the cursor scored 0.01–0.05, those of related files 0.1–0.3.
 */
export const DEFAULT_MIN_SCORE = 0.05;

/** Used when `windowLines` is not a finite number. */
export const DEFAULT_WINDOW_LINES = 40;

// --- tokens ----------------------------------------------------------------------------------------------------

/** Keywords and words common to most code, which say nothing about what the code is about. */
const STOP_WORDS = new Set(
  (
    'if else elif elsif for foreach while do loop break continue return returns function func fn def lambda const let ' +
    'var val mut static final class struct enum interface trait impl type typedef namespace module package import ' +
    'from export default extends implements public private protected internal readonly abstract override virtual ' +
    'new this self super true false null nil none undefined void int uint float double bool boolean char string str ' +
    'byte long short auto of in is not and or as with try catch except finally throw throws raise async await yield ' +
    'switch case match when then end begin use using include require go defer select where pass del global nonlocal ' +
    'assert get set the an to it be by on at are was were has have can will should may any all some unsafe pub crate ' +
    'mod ref dyn where sizeof typeof instanceof delete extern inline volatile register signed unsigned goto union ' +
    'echo local function fi done esac elif println printf print console log args kwargs'
  ).split(' '),
);

const IDENTIFIER = /[\p{L}_][\p{L}\p{N}_]*/gu;
/** Boundaries inside an identifier: `getHTTPResponse` → get, HTTP, Response; `user_name` → user, name. */
const SUBWORD = /\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{N}+/gu;

/** The tokens one identifier stands for: itself lower-cased and, when compound, its parts; stop words dropped. */
function wordTokens(word: string): string[] {
  const out: string[] = [];
  const add = (token: string): void => {
    if (token.length > 1 && !STOP_WORDS.has(token) && !out.includes(token)) out.push(token);
  };
  add(word.toLowerCase());
  const parts = word.match(SUBWORD);
  if (parts && parts.length > 1) for (const part of parts) add(part.toLowerCase());
  return out;
}

/**
 * The identifiers and words of `text`, lower-cased, with compound identifiers also split into their parts
 * (`parseUserName` → parseusername, parse, user, name); keywords, very common words and 1-character tokens dropped.
 */
export function tokenize(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.match(IDENTIFIER) ?? []) for (const token of wordTokens(word)) out.add(token);
  return out;
}

/**
 * Tokens interned as small integers for one `bestSnippets` call, and identifiers memoized (code repeats its
 * identifiers, so most lines cost a regex match and map look-ups). The query's tokens are interned first: a token
 * is in the query exactly when its id is below `querySize`.
 */
class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly words = new Map<string, readonly number[]>();
  /** Per id, the last line (a running number across files) it was counted in, to count each token once a line. */
  private readonly seenAt: number[] = [];
  private lineNumber = 0;
  readonly querySize: number;

  constructor(query: string) {
    for (const token of tokenize(query)) this.id(token);
    this.querySize = this.ids.size;
  }

  get size(): number {
    return this.ids.size;
  }

  private id(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(token, id);
      this.seenAt.push(-1);
    }
    return id;
  }

  /** The distinct token ids of one line. */
  line(text: string): number[] {
    const line = this.lineNumber++;
    const out: number[] = [];
    for (const word of text.match(IDENTIFIER) ?? []) {
      let ids = this.words.get(word);
      if (!ids) {
        ids = wordTokens(word).map((token) => this.id(token));
        this.words.set(word, ids);
      }
      for (const id of ids) {
        if (this.seenAt[id] === line) continue;
        this.seenAt[id] = line;
        out.push(id);
      }
    }
    return out;
  }
}

// --- windows ---------------------------------------------------------------------------------------------------

interface Scored {
  readonly file: SourceFile;
  readonly text: string;
  readonly score: number;
}

/** The first lines of a file, within the caps. */
function capLines(text: string): string[] {
  const head = text.length > SNIPPET_CAPS.maxFileChars ? text.slice(0, SNIPPET_CAPS.maxFileChars) : text;
  const lines = head.split('\n', SNIPPET_CAPS.maxFileLines);
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/** Window starts: every `step` lines, plus one that ends at the last line so the end of the file is seen. */
function windowStarts(lineCount: number, windowLines: number, step: number): number[] {
  const last = Math.max(0, lineCount - windowLines);
  const starts: number[] = [];
  for (let start = 0; start < last; start += step) starts.push(start);
  starts.push(last);
  return starts;
}

function trimBlankLines(lines: readonly string[]): string {
  let from = 0;
  let to = lines.length;
  while (from < to && lines[from].trim() === '') from++;
  while (to > from && lines[to - 1].trim() === '') to--;
  return lines.slice(from, to).join('\n');
}

/**
 * The best window of one file, or undefined when none shares a token with the query. `counts` (per token id, how
 * many lines of the window hold it) is all zeros on entry and on return.
 */
function bestWindow(file: SourceFile, vocabulary: Vocabulary, counts: number[], windowLines: number, step: number): Scored | undefined {
  const lines = capLines(file.text);
  const lineTokens = lines.map((line) => vocabulary.line(line));
  while (counts.length < vocabulary.size) counts.push(0);
  const querySize = vocabulary.querySize;
  let distinct = 0;
  let shared = 0;
  const add = (line: number): void => {
    for (const id of lineTokens[line]) {
      if (counts[id]++ === 0) {
        distinct++;
        if (id < querySize) shared++;
      }
    }
  };
  const remove = (line: number): void => {
    for (const id of lineTokens[line]) {
      if (--counts[id] === 0) {
        distinct--;
        if (id < querySize) shared--;
      }
    }
  };

  let best: { start: number; score: number } | undefined;
  let from = 0;
  let to = 0;
  for (const start of windowStarts(lines.length, windowLines, step)) {
    const end = Math.min(lines.length, start + windowLines);
    while (from < start) remove(from++);
    if (to < from) to = from;
    while (to < end) add(to++);
    if (shared === 0) continue;
    const score = shared / (querySize + distinct - shared);
    if (!best || score > best.score) best = { start, score };
  }
  while (from < to) remove(from++);
  if (!best) return undefined;
  const text = trimBlankLines(lines.slice(best.start, best.start + windowLines));
  return text ? { file, text, score: best.score } : undefined;
}

/** The first lines of `text` that fit in `maxChars`, or '' when not even one does. */
function headLines(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.lastIndexOf('\n', maxChars);
  return cut > 0 ? text.slice(0, cut).trimEnd() : '';
}

/**
 * The windows of `files` most similar to `query` (the lines before the cursor): the best window of each file, then
 * the best files, by score and then recency, at most `maxSnippets` of them and `maxCharsTotal` characters of text
 * (a snippet that does not fit whole is cut to its first lines, or left out). Secret-looking paths are skipped
 * (`isSecretPath`); the caller leaves out the current file.
 */
export function bestSnippets(query: string, files: readonly SourceFile[], options: SnippetOptions): Snippet[] {
  const windowLines = Number.isFinite(options.windowLines) ? Math.max(1, Math.floor(options.windowLines)) : DEFAULT_WINDOW_LINES;
  const step = options.step !== undefined && Number.isFinite(options.step) ? Math.max(1, Math.floor(options.step)) : Math.max(1, Math.floor(windowLines / 2));
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  if (options.maxSnippets <= 0 || options.maxCharsTotal <= 0) return [];
  const vocabulary = new Vocabulary(query);
  if (vocabulary.querySize === 0) return [];
  const counts: number[] = [];

  const candidates = files
    .filter((file) => !isSecretPath(file.path) && file.text.trim() !== '')
    .sort((a, b) => a.recency - b.recency)
    .slice(0, SNIPPET_CAPS.maxFiles);

  const scored: Scored[] = [];
  for (const file of candidates) {
    const window = bestWindow(file, vocabulary, counts, windowLines, step);
    if (window && window.score >= minScore) scored.push(window);
  }
  scored.sort((a, b) => b.score - a.score || a.file.recency - b.file.recency || a.file.path.localeCompare(b.file.path));

  const out: Snippet[] = [];
  let chars = 0;
  for (const { file, text: whole, score } of scored) {
    if (out.length >= options.maxSnippets) break;
    const text = headLines(whole, options.maxCharsTotal - chars);
    if (!text) continue;
    out.push({ path: file.path, text, score, languageId: file.languageId });
    chars += text.length;
  }
  return out;
}
