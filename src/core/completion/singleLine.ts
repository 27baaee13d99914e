/**
 * One line of ghost text: in the middle of a line, or at its end where one line is wanted. What repeats the text
 * after the cursor is dropped (unless it closes brackets the answer opened), and so is trailing junk.
 */
import { EditContext, TELLING_CHARS, firstNonEmptyLineAfterCursor, keptTrailingSpace } from './editContext';

/** Longest k such that the last k chars of `text` equal the first k chars of `following`. */
export function overlapLength(text: string, following: string): number {
  const max = Math.min(text.length, following.length);
  for (let k = max; k > 0; k--) {
    if (text.endsWith(following.slice(0, k))) return k;
  }
  return 0;
}

const PAIRS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/**
 * Opening minus closing brackets (`depth`), and closers of another kind than the bracket they close (`crossed`:
 * `(f [x]]`, never code), a block's opening brace at the end of the line aside, and brackets inside string literals
 * (`"\u001b["`, `'('`) too: they are text. A closer with nothing open on the line closes one of a line above.
 */
function brackets(line: string): { depth: number; crossed: number } {
  let depth = 0;
  let crossed = 0;
  const open: string[] = [];
  let quote = '';
  const code = line.replace(/\{\s*$/, '');
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') {
      depth++;
      open.push(ch);
    } else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      const opener = open.pop();
      if (opener !== undefined && PAIRS[opener] !== ch) crossed++;
    }
  }
  return { depth, crossed };
}

/**
 * Whether the answer after its first line (`rest`) goes on with the code after the cursor's line: then the text it
 * repeats at the end of its first line is that code's, closing brackets included. Undefined while it cannot tell.
 */
function repeatsNextLine(rest: string, ctx: EditContext, complete: boolean): boolean | undefined {
  const next = firstNonEmptyLineAfterCursor(ctx.suffix)?.trim();
  if (!next) return false;
  const start = rest.replace(/^\s+/, '');
  const end = start.indexOf('\n');
  const line = end === -1 ? start : start.slice(0, end);
  const enough = Math.min(TELLING_CHARS, next.length);
  if (line.length >= enough) return line.startsWith(next.slice(0, enough)) || next.startsWith(line);
  if (end !== -1 || complete) return line !== '' && next.startsWith(line) && line.length === next.length;
  return next.startsWith(line) ? undefined : false;
}

/**
 * Before closing brackets on a line that does not balance (a statement over several lines: `if ((a > |)` then
 * `&& b) {`), whether closers at the end of the answer's line are its own or the code's again can only be told by
 * the answer's next line: the request must not stop at the newline.
 */
export function needsNextLine(ctx: EditContext): boolean {
  return /^\s*[)\]}]/.test(ctx.lineSuffix) && brackets(ctx.linePrefix + ctx.lineSuffix).depth !== 0;
}

export function cutSingleLine(raw: string, ctx: EditContext): string {
  return firstLine(raw, ctx, true).text;
}

/** Whether what cutSingleLine shows for the answer so far is final: once its first line is there, and what tells. */
export function singleLineDecided(raw: string, ctx: EditContext): boolean {
  return firstLine(raw, ctx, false).decided;
}

function firstLine(raw: string, ctx: EditContext, complete: boolean): { text: string; decided: boolean } {
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
  const decided = newline !== -1;
  const rest = decided ? text.slice(newline + 1) : '';
  if (decided) text = text.slice(0, newline);
  // At the end of the line, spaces the model ended its line with stay where it ended the line itself.
  if (atLineEnd) text = decided && complete ? keptTrailingSpace(text, ctx.lineSuffix) : text.trimEnd();
  else if (ctx.lineSuffix.startsWith(text.trimEnd())) return { text: '', decided };
  else {
    const cut = withoutRepeatedTail(text, ctx, rest, complete || !decided);
    if (cut === undefined) return { text: '', decided: false };
    text = cut;
  }
  return { text: text.trim() === '' ? '' : lead + text, decided };
}

/**
 * In the middle of a line: the answer without the text after the cursor it repeats. Trailing spaces stay where code
 * starts right at the cursor (`if |(x)`, `import {|}`): there they are the code's own spacing; and where the answer
 * repeats all the rest of the line, its spacing included: then what comes before it is exactly the answer's
 * (columns aligned with spaces: `DWORD|   size;`).
 */
function withoutRepeatedTail(answer: string, ctx: EditContext, rest: string, complete: boolean): string | undefined {
  const trim = (s: string): string => (/^\S/.test(ctx.lineSuffix) ? s : s.trimEnd());
  const following = ctx.lineSuffix.trimEnd();
  /** How much of the rest of the line `t` ends with: all of it (with the spaces it ends with, if any), or some. */
  const repeated = (t: string): { whole: number; k: number } => {
    const whole = Math.max(overlapLength(t, following), overlapLength(t, ctx.lineSuffix));
    return { whole, k: Math.max(whole, overlapLength(t, following.trimStart())) };
  };
  let text = trim(answer);
  let { whole, k } = repeated(text);
  // The line repeated, then spaces of the model's own before its newline.
  if (k === 0 && answer.trimEnd() !== text) {
    const bare = repeated(answer.trimEnd());
    if (bare.k > 0) {
      ({ whole, k } = bare);
      text = answer.trimEnd();
    }
  }
  if (k > 0) {
    // The tail repeats what follows. Code repeated is junk; closing brackets alone may be the answer's own, closing
    // what it opened (`print(|)` + `len(xs)`): then they stay if the line balances better with them, unless the
    // answer goes on with the line after this one (a statement over several lines never balances on one).
    const before = text.slice(0, text.length - k);
    const stripped = whole >= following.length && following.trim() !== '' ? before : trim(before);
    const closersOnly = /^[\s)\]};,]*[)\]}][\s)\]};,]*$/.test(text.slice(text.length - k));
    // A bracket left open may close on a line below; one closed by the wrong kind never will.
    const imbalance = (middle: string): number => {
      const { depth, crossed } = brackets(ctx.linePrefix + middle + ctx.lineSuffix);
      return Math.abs(depth) + 2 * crossed;
    };
    if (!closersOnly || imbalance(stripped) <= imbalance(text)) return stripped;
    const repeats = repeatsNextLine(rest, ctx, complete);
    if (repeats === undefined) return undefined;
    if (repeats) return stripped;
  }
  return text;
}
