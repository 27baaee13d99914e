/**
 * One line of ghost text: in the middle of a line, or at its end where one line is wanted. What repeats the text
 * after the cursor is dropped (unless it closes brackets the answer opened), and so is trailing junk.
 */
import { EditContext } from './editContext';

/** Longest k such that the last k chars of `text` equal the first k chars of `following`. */
export function overlapLength(text: string, following: string): number {
  const max = Math.min(text.length, following.length);
  for (let k = max; k > 0; k--) {
    if (text.endsWith(following.slice(0, k))) return k;
  }
  return 0;
}

/** Opening minus closing brackets, a block's opening brace at the end of the line aside. */
function bracketDepth(line: string): number {
  let depth = 0;
  for (const ch of line.replace(/\{\s*$/, '')) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return depth;
}

export function cutSingleLine(raw: string, ctx: EditContext): string {
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
  if (atLineEnd) text = text.trimEnd();
  else if (ctx.lineSuffix.startsWith(text.trimEnd())) return ''; // only what already follows
  else text = withoutRepeatedTail(text, ctx);
  if (text.trim() === '') return '';
  return lead + text;
}

/**
 * In the middle of a line: the answer without the text after the cursor it repeats. Trailing spaces stay where code
 * starts right at the cursor (`if |(x)`, `import {|}`): there they are the code's own spacing; and where the answer
 * repeats all the rest of the line, its spacing included: then what comes before it is exactly the answer's
 * (columns aligned with spaces: `DWORD|   size;`).
 */
function withoutRepeatedTail(answer: string, ctx: EditContext): string {
  const trim = (s: string): string => (/^\S/.test(ctx.lineSuffix) ? s : s.trimEnd());
  let text = trim(answer);
  const following = ctx.lineSuffix.trimEnd();
  const whole = overlapLength(text, following);
  const k = Math.max(whole, overlapLength(text, following.trimStart()));
  if (k > 0) {
    // The tail repeats what follows. Code repeated is junk; closing brackets alone may be the answer's own, closing
    // what it opened (`print(|)` + `len(xs)`): then they stay if the line balances better with them.
    const before = text.slice(0, text.length - k);
    const stripped = whole === following.length && following.trim() !== '' ? before : trim(before);
    const closersOnly = /^[\s)\]};,]*[)\]}][\s)\]};,]*$/.test(text.slice(text.length - k));
    const imbalance = (middle: string): number => Math.abs(bracketDepth(ctx.linePrefix + middle + ctx.lineSuffix));
    if (!closersOnly || imbalance(stripped) <= imbalance(text)) text = stripped;
  }
  return text;
}
