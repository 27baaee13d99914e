/**
 * The place a completion is for, as post-processing sees it (the lines around the cursor), and the small facts about
 * lines that its rules share: indentation and the code that follows the cursor.
 */

export type LineMode = 'single' | 'multi';

export interface EditContext {
  /** The current line before the cursor. */
  readonly linePrefix: string;
  /** The current line after the cursor. */
  readonly lineSuffix: string;
  /** Everything before the cursor in the window (ends with linePrefix). */
  readonly prefix: string;
  /** Everything after the cursor in the window (starts with lineSuffix), and the next lines whole however long. */
  readonly suffix: string;
  readonly mode: LineMode;
  /** Most lines a multi-line completion may have. */
  readonly maxLines: number;
}

/** A line that ends by opening a block (or a bracket): what follows it is the block's body. */
const BLOCK_OPENER = /(?:[:{([]|=>|\bthen|\bdo)\s*$/;

/** A line of a comment (`//`, `#`, `--`, a block comment's opening or its ` * ` lines): it opens no block. */
const COMMENT_LINE = /^\s*(?:\/\/|#|--|\/\*|\*)/;

/** BLOCK_OPENER for code: a comment that ends in `:` or `then` (`* If it was added twice, then`) opens nothing. */
export function opensBlock(line: string): boolean {
  return BLOCK_OPENER.test(line) && !isCommentLine(line);
}

export function isCommentLine(line: string): boolean {
  return COMMENT_LINE.test(line);
}

/** The cursor stands before the code of its line, with only indentation before it: lines may go in above. */
export function atLineStart(ctx: Pick<EditContext, 'linePrefix' | 'lineSuffix'>): boolean {
  return ctx.linePrefix.trim() === '' && ctx.lineSuffix.trim() !== '';
}

/**
 * Ghost text whose last line keeps the spaces the model ended it with, less those the cursor's line already has after
 * the cursor (they follow the text inserted): the model wrote the line's trailing spaces once, not twice.
 */
export function keptTrailingSpace(text: string, lineSuffix: string): string {
  return lineSuffix !== '' && lineSuffix.trim() === '' && text.endsWith(lineSuffix) && text.trim() !== ''
    ? text.slice(0, text.length - lineSuffix.length)
    : text;
}

/** Tab stops every 8 columns, as in files that mix tabs and spaces (GNU style, Python's own reading of tabs). */
const TAB_STOP = 8;

/** The column a line's code starts at. A file indented with tabs alone keeps its order whatever a tab's width. */
export function indentOf(line: string): number {
  let column = 0;
  for (const ch of line) {
    if (ch === ' ') column++;
    else if (ch === '\t') column += TAB_STOP - (column % TAB_STOP);
    else break;
  }
  return column;
}

/**
 * The indentation that tells block structure: a block comment's continuation lines (a space, then a star) sit one
 * column right of the code they belong to.
 */
export function blockIndentOf(line: string): number {
  const indent = indentOf(line);
  return /^[ \t]*\*/.test(line) ? Math.max(0, indent - 1) : indent;
}

/** The same code at the same depth: an answer's line that is the existing line `existing` again. */
export function sameLineAs(line: string, existing: string): boolean {
  return line.trim() === existing.trim() && blockIndentOf(line) === blockIndentOf(existing);
}

/**
 * How many first characters of a line still arriving tell which line it is (the code after the cursor again, or
 * not): enough to tell most lines apart, few enough that the stream can stop a few tokens into the line.
 */
export const TELLING_CHARS = 8;

/** The first `count` non-empty lines after the cursor's line: the code an answer may run into. */
export function nextLinesAfterCursor(suffix: string, count: number): string[] {
  const found: string[] = [];
  // Line by line from the start: the suffix may be long, and this runs on every streamed chunk.
  for (let start = suffix.indexOf('\n') + 1; start > 0 && found.length < count; ) {
    const end = suffix.indexOf('\n', start);
    const line = suffix.slice(start, end === -1 ? undefined : end);
    if (line.trim() !== '') found.push(line);
    start = end + 1;
  }
  return found;
}

export function firstNonEmptyLineAfterCursor(suffix: string): string | undefined {
  return nextLinesAfterCursor(suffix, 1)[0];
}
