/**
 * What is shown must be what the user wants to accept: this module turns a model's raw answer into ghost text.
 * It drops what repeats the code after the cursor, stops where the block being written ends, trims trailing junk,
 * and keeps one line where one line is wanted. It also says when a streamed answer is already decided, so the
 * stream can be cut early (tokens the user would never see are not paid for).
 */

export type LineMode = 'single' | 'multi';

export interface EditContext {
  /** The current line before the cursor. */
  readonly linePrefix: string;
  /** The current line after the cursor. */
  readonly lineSuffix: string;
  /** Everything after the cursor in the window (starts with lineSuffix). */
  readonly suffix: string;
  readonly mode: LineMode;
  /** Most lines a multi-line completion may have. */
  readonly maxLines: number;
}

const BLOCK_OPENER = /(?:[:{([]|=>|\bthen|\bdo)\s*$/;
/** A line that starts by closing a bracket (`}`, `});`, `} from './x';`, `): Promise<T> {`) ends a block. */
const CLOSER_LINE = /^\s*[)\]}]/;

/**
 * One line in the middle of a line; several at the end of a line (a block's body after an opener, the rest of a
 * statement, the next lines after a finished one). Multi-line answers are still cut where the block ends and where
 * they run into the code that follows (see cutMulti), so several lines never means running on.
 */
export function chooseLineMode(_linePrefix: string, lineSuffix: string): LineMode {
  return lineSuffix.trim() === '' ? 'multi' : 'single';
}

/**
 * The indentation that tells block structure: a block comment's continuation lines (a space, then a star) sit one
 * column right of the code they belong to.
 */
export function blockIndentOf(line: string): number {
  const indent = indentOf(line);
  return /^[ \t]*\*/.test(line) ? Math.max(0, indent - 1) : indent;
}

export function indentOf(line: string): number {
  const match = /^[ \t]*/.exec(line);
  return match ? match[0].replace(/\t/g, '    ').length : 0;
}

export function firstNonEmptyLineAfterCursor(suffix: string): string | undefined {
  for (let start = suffix.indexOf('\n') + 1; start > 0; ) {
    const end = suffix.indexOf('\n', start);
    const line = suffix.slice(start, end === -1 ? undefined : end);
    if (line.trim() !== '') return line;
    start = end + 1;
  }
  return undefined;
}

/** Longest k such that the last k chars of `text` equal the first k chars of `following`. */
function overlapLength(text: string, following: string): number {
  const max = Math.min(text.length, following.length);
  for (let k = max; k > 0; k--) {
    if (text.endsWith(following.slice(0, k))) return k;
  }
  return 0;
}

/** Opening minus closing brackets. */
function bracketDepth(text: string): number {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return depth;
}

function postprocessSingle(raw: string, ctx: EditContext): string {
  const atLineEnd = ctx.lineSuffix.trim() === '';
  let text = raw;
  let lead = '';
  if (atLineEnd && /^\s*\n/.test(text) && ctx.linePrefix.trim() !== '') {
    // At the end of a line the answer may be the next line: keep exactly one of them.
    const newline = text.indexOf('\n');
    lead = '\n';
    text = text.slice(newline + 1);
  }
  const newline = text.indexOf('\n');
  if (newline !== -1) text = text.slice(0, newline);
  text = text.trimEnd();
  if (!atLineEnd) {
    const following = ctx.lineSuffix.trimEnd();
    const k = Math.max(overlapLength(text, following), overlapLength(text, following.trimStart()));
    if (k > 0) {
      // The tail repeats what follows, unless it closes brackets the answer opened: `print(|)` + `len(xs)`.
      const stripped = text.slice(0, text.length - k).trimEnd();
      const imbalance = (middle: string): number => Math.abs(bracketDepth(ctx.linePrefix + middle + ctx.lineSuffix));
      if (imbalance(stripped) <= imbalance(text)) text = stripped;
    }
    if (following.startsWith(text)) return '';
  }
  if (text.trim() === '') return '';
  return lead + text;
}

interface MultiCut {
  lines: string[];
  /** True when a rule ended the completion before the end of what arrived (the answer is decided). */
  decided: boolean;
  /**
   * Blank lines to keep at the end: where the answer ran into the code that follows, the blank lines it put before
   * that code, beyond those the document already has there, belong to the answer.
   */
  keepBlankLines?: number;
}

/** Blank lines between the cursor's line and the first non-empty line after it. */
function blankLinesBeforeNextCode(suffix: string): number {
  const lines = suffix.split('\n').slice(1);
  let count = 0;
  for (const line of lines) {
    if (line.trim() !== '') break;
    count++;
  }
  return count;
}

function cutMulti(raw: string, ctx: EditContext, complete: boolean): MultiCut {
  const lines = raw.split('\n');
  const cursorLineBlank = ctx.linePrefix.trim() === '';
  const currentIndent = blockIndentOf(ctx.linePrefix);
  /** Lowest indentation still inside: a closing line after an ordinary line lowers it (it ends enclosing blocks). */
  let floor = currentIndent;
  const opens = BLOCK_OPENER.test((ctx.linePrefix + lines[0]).trimEnd());
  /**
   * At the end of an ordinary line the answer is one statement: the rest of this one (with its continuation and
   * closing lines), or the next one. A block's body comes after a line that opens it, or on an empty line.
   */
  const statement = !opens && !cursorLineBlank;
  let started = lines[0].trim() !== '';
  const nextExisting = firstNonEmptyLineAfterCursor(ctx.suffix);
  const kept = [lines[0]];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const lineComplete = complete || i < lines.length - 1;
    if (line.trim() === '') {
      if (statement && started && lineComplete) return { lines: kept, decided: true };
      kept.push(line);
      continue;
    }
    if (kept.length >= ctx.maxLines) return { lines: kept, decided: true };
    const indent = blockIndentOf(line);
    // Running into the code that already follows the cursor (same text at the same indent: a `}` below that closes
    // an outer block is not this block's `}`).
    if (nextExisting !== undefined && lineComplete && line.trim() === nextExisting.trim() && indent === blockIndentOf(nextExisting)) {
      let blank = 0;
      while (blank < kept.length - 1 && kept[kept.length - 1 - blank].trim() === '') blank++;
      return { lines: kept, decided: true, keepBlankLines: Math.max(0, blank - blankLinesBeforeNextCode(ctx.suffix)) };
    }
    if (statement) {
      if (indent > currentIndent) {
        kept.push(line); // the statement continues on a deeper line
        started = true;
        continue;
      }
      if (CLOSER_LINE.test(line)) {
        if (!lineComplete) return { lines: kept, decided: false };
        kept.push(line); // closing its brackets, or the enclosing block
        started = true;
        continue;
      }
      if (!started && indent >= floor) {
        kept.push(line); // the next statement
        started = true;
        continue;
      }
      return { lines: kept, decided: true };
    }
    const inside = opens && !cursorLineBlank ? indent > currentIndent : indent >= floor;
    if (!inside && !opens && CLOSER_LINE.test(line)) {
      // After an ordinary line, closing lines end the enclosing blocks: `return x;` then `}`.
      if (!lineComplete) return { lines: kept, decided: false };
      floor = indent;
      kept.push(line);
      continue;
    }
    if (!inside) {
      if (opens && CLOSER_LINE.test(line) && indent === currentIndent) {
        // A closing line still arriving (`}` may become `});`) is not decided yet.
        if (!lineComplete) return { lines: kept, decided: false };
        kept.push(line.trimEnd());
      }
      return { lines: kept, decided: true };
    }
    kept.push(line);
  }
  return { lines: kept, decided: false };
}

function postprocessMulti(raw: string, ctx: EditContext): string {
  const { lines, keepBlankLines = 0 } = cutMulti(raw, ctx, true);
  while (lines.length > 1 && lines[lines.length - 1].trim() === '') lines.pop();
  const text = lines.join('\n').trimEnd();
  return text.trim() === '' ? '' : text + '\n'.repeat(keepBlankLines);
}

/**
 * Line endings to `\n`; and after a line that opens a block, an answer that starts with deeper indentation but no
 * newline (some servers drop the leading newline) is the block's first line, not text for the end of this one.
 */
function normalize(raw: string, ctx: EditContext): string {
  const text = raw.replace(/\r\n/g, '\n');
  if (ctx.mode !== 'multi' || ctx.linePrefix.trim() === '' || !BLOCK_OPENER.test(ctx.linePrefix)) return text;
  const lead = /^[ \t]*/.exec(text)?.[0] ?? '';
  const deeper = lead.length >= 2 && indentOf(lead) > indentOf(ctx.linePrefix) && /^[ \t]+\S/.test(text);
  return deeper ? `\n${text}` : text;
}

/** The ghost text to show for a model's answer; '' means show nothing. */
export function postprocess(raw: string, ctx: EditContext): string {
  if (raw.trim() === '') return '';
  const text = normalize(raw, ctx);
  return ctx.mode === 'single' ? postprocessSingle(text, ctx) : postprocessMulti(text, ctx);
}

/**
 * True once a streamed answer can no longer change what `postprocess` shows: the stream may be cut and the
 * request aborted.
 */
export function isDecided(partial: string, ctx: EditContext): boolean {
  const text = normalize(partial, ctx);
  if (ctx.mode === 'single') {
    const lead = ctx.lineSuffix.trim() === '' && ctx.linePrefix.trim() !== '' ? /^\s*\n/.exec(text)?.[0].length ?? 0 : 0;
    return text.indexOf('\n', lead) !== -1;
  }
  return cutMulti(text, ctx, false).decided;
}
