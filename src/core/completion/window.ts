/**
 * The text around the cursor, read from bounded line ranges of the document, so that the keystroke path costs the
 * same on a 100-line file and a 100,000-line one (never the whole document's text).
 */

/** The little of a document the window needs; the VS Code adapter implements it over `TextDocument`. */
export interface LineSource {
  readonly lineCount: number;
  lineAt(line: number): string;
}

export interface CursorPosition {
  readonly line: number;
  readonly character: number;
}

export interface WindowLimits {
  maxPrefixLines: number;
  maxSuffixLines: number;
  maxPrefixChars: number;
  maxSuffixChars: number;
}

export const DEFAULT_WINDOW_LIMITS: WindowLimits = {
  maxPrefixLines: 120,
  maxSuffixLines: 40,
  maxPrefixChars: 6000,
  maxSuffixChars: 2000,
};

export interface TextWindow {
  /** Text before the cursor, from the start of the window. */
  readonly prefix: string;
  /** Text after the cursor, to the end of the window. */
  readonly suffix: string;
  /**
   * The suffix with at least the next COMPARED_LINES lines after the cursor's whole, however long (a generated line of
   * 8,000 characters does not fit the window): what an answer is compared with to find where it runs into the code
   * below. Never sent.
   */
  readonly following: string;
  /** The current line before and after the cursor. */
  readonly linePrefix: string;
  readonly lineSuffix: string;
  /** The document line the prefix starts on (0 when it reaches the start of the document). */
  readonly firstLine: number;
  /** True when the window reaches the start / end of the document. */
  readonly atDocumentStart: boolean;
  readonly atDocumentEnd: boolean;
}

/** Lines after the cursor's that post-processing always has whole (see TextWindow.following). */
export const COMPARED_LINES = 8;

export function readWindow(doc: LineSource, pos: CursorPosition, limits: WindowLimits = DEFAULT_WINDOW_LIMITS): TextWindow {
  const current = doc.lineAt(pos.line);
  const linePrefix = current.slice(0, pos.character);
  const lineSuffix = current.slice(pos.character);

  const before: string[] = [];
  let prefixChars = linePrefix.length;
  let first = pos.line;
  for (let line = pos.line - 1; line >= 0 && pos.line - line <= limits.maxPrefixLines; line--) {
    const text = doc.lineAt(line);
    if (prefixChars + text.length + 1 > limits.maxPrefixChars) break;
    before.push(text);
    prefixChars += text.length + 1;
    first = line;
  }
  before.reverse();

  const after: string[] = [];
  let suffixChars = lineSuffix.length;
  let last = pos.line;
  for (let line = pos.line + 1; line < doc.lineCount && line - pos.line <= limits.maxSuffixLines; line++) {
    const text = doc.lineAt(line);
    if (suffixChars + text.length + 1 > limits.maxSuffixChars) break;
    after.push(text);
    suffixChars += text.length + 1;
    last = line;
  }

  const prefix = before.length ? `${before.join('\n')}\n${linePrefix}` : linePrefix;
  const suffix = after.length ? `${lineSuffix}\n${after.join('\n')}` : lineSuffix;
  const beyond: string[] = [];
  for (let line = last + 1; line < doc.lineCount && line - pos.line <= COMPARED_LINES; line++) beyond.push(doc.lineAt(line));
  return {
    prefix: prefix.length > limits.maxPrefixChars ? prefix.slice(prefix.length - limits.maxPrefixChars) : prefix,
    firstLine: first,
    suffix: suffix.length > limits.maxSuffixChars ? suffix.slice(0, limits.maxSuffixChars) : suffix,
    following: beyond.length ? `${suffix}\n${beyond.join('\n')}` : suffix,
    linePrefix,
    lineSuffix,
    atDocumentStart: first === 0,
    atDocumentEnd: last === doc.lineCount - 1,
  };
}

/** A LineSource over a plain string, for tests and benchmarks. */
export function lineSourceOf(text: string): LineSource {
  const lines = text.split('\n');
  return { lineCount: lines.length, lineAt: (line) => lines[line] ?? '' };
}
