/**
 * Which workspace files match what the user typed after `@` in the chat input, best first.
 *
 * A file matches when the query's characters appear in its path in order (case-insensitive, `/` and `\` alike).
 * Order: open editors first (what the user is working on), then by rank: the file name equal to the query, then
 * starting with it, then containing it, then a subsequence of the file name, then a subsequence of the whole
 * path; inside a rank, matches that start words (`chatView` for `cv`), then shorter paths. An empty query lists
 * open editors, then the rest by path length. Secret-looking files (`.env`, keys, credentials) are never offered.
 */
import { isSecretPath } from '../secretFiles';

export interface FileCandidate {
  /** Workspace-relative path with `/` separators. */
  readonly path: string;
  /** Open in an editor now. */
  readonly open: boolean;
}

export const DEFAULT_MAX_SUGGESTIONS = 12;

function baseName(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? path : path.slice(at + 1);
}

/** Indexes of `query`'s characters found in order in `text`, preferring word starts; undefined when not all are. */
function subsequence(text: string, query: string): number[] | undefined {
  const found: number[] = [];
  let from = 0;
  for (const ch of query) {
    const at = text.indexOf(ch, from);
    if (at < 0) return undefined;
    found.push(at);
    from = at + 1;
  }
  return found;
}

function isWordStart(original: string, index: number): boolean {
  if (index === 0) return true;
  const before = original[index - 1];
  const here = original[index];
  return /[/\\._\-\s]/.test(before) || (before === before.toLowerCase() && here !== here.toLowerCase());
}

interface Scored {
  readonly file: FileCandidate;
  readonly rank: number;
  readonly wordStarts: number;
}

function score(file: FileCandidate, query: string): Scored | undefined {
  const path = file.path.replace(/\\/g, '/');
  const name = baseName(path);
  const lowerName = name.toLowerCase();
  const lowerPath = path.toLowerCase();
  const stem = lowerName.replace(/\.[^.]*$/, '');
  let rank: number;
  let hits: number[] | undefined;
  let within = name;
  if (lowerName === query || stem === query) rank = 5;
  else if (lowerName.startsWith(query)) rank = 4;
  else if (lowerName.includes(query)) rank = 3;
  else if ((hits = subsequence(lowerName, query))) rank = 2;
  else if ((hits = subsequence(lowerPath, query))) {
    rank = 1;
    within = path;
  } else return undefined;
  const wordStarts = hits ? hits.filter((i) => isWordStart(within, i)).length : 0;
  return { file, rank, wordStarts };
}

export function matchFiles(query: string, files: readonly FileCandidate[], max = DEFAULT_MAX_SUGGESTIONS): FileCandidate[] {
  const q = query.trim().toLowerCase().replace(/\\/g, '/');
  const seen = new Set<string>();
  const scored: Scored[] = [];
  for (const file of files) {
    if (seen.has(file.path) || isSecretPath(file.path)) continue;
    seen.add(file.path);
    const s = q ? score(file, q) : { file, rank: 0, wordStarts: 0 };
    if (s) scored.push(s);
  }
  scored.sort(
    (a, b) =>
      Number(b.file.open) - Number(a.file.open) ||
      b.rank - a.rank ||
      b.wordStarts - a.wordStarts ||
      a.file.path.length - b.file.path.length ||
      a.file.path.localeCompare(b.file.path),
  );
  return scored.slice(0, Math.max(0, max)).map((s) => s.file);
}
