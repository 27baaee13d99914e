/**
 * What is shown must be what the user wants to accept: this module turns a model's raw answer into ghost text.
 * It drops what repeats the code after the cursor, stops where the block being written ends, trims trailing junk,
 * and keeps one line where one line is wanted (singleLine.ts, multiLine.ts, linesAbove.ts). It also says when a
 * streamed answer is already decided, so the stream can be cut early (tokens the user would never see are not paid
 * for).
 */
import { betweenBrackets, bodyBeforeCloser, closerIndent, withCloserBelow } from './betweenBrackets';
import { EditContext, LineMode, atLineStart, indentOf, keptTrailingSpace, opensBlock } from './editContext';
import { cutLinesAbove } from './linesAbove';
import { Arrived, cutMulti } from './multiLine';
import { cutSingleLine, singleLineDecided } from './singleLine';

/**
 * One line in the middle of a line; several at the end of a line (a block's body after an opener, the rest of a
 * statement, the next lines after a finished one) and before the code of a line (lines that go above it).
 * Multi-line answers are still cut where the block ends and where they run into the code that follows, so several
 * lines never means running on.
 */
export function chooseLineMode(linePrefix: string, lineSuffix: string): LineMode {
  return lineSuffix.trim() === '' || atLineStart({ linePrefix, lineSuffix }) || betweenBrackets(linePrefix, lineSuffix) ? 'multi' : 'single';
}

/**
 * Between brackets the editor closed (`{|}`, `[|]`, `(|)`), an answer that goes on on the cursor's line is one line
 * (`{ return 1; }`, `a, b)`); one that starts a new line is the body, read as if the closer stood on the line below.
 */
function answerBetweenBrackets(text: string, ctx: EditContext): 'single' | 'body' | undefined {
  if (ctx.mode !== 'multi' || !betweenBrackets(ctx.linePrefix, ctx.lineSuffix)) return undefined;
  const newline = text.indexOf('\n');
  return (newline === -1 ? text : text.slice(0, newline)).trim() !== '' ? 'single' : 'body';
}

function postprocessMulti(raw: string, ctx: EditContext, arrived: Arrived): string {
  if (atLineStart(ctx)) return cutLinesAbove(raw, ctx, arrived).text;
  const { lines, keepBlankLines = 0 } = cutMulti(raw, ctx, arrived);
  let end = lines.length;
  while (end > 1 && lines[end - 1].trim() === '') end--;
  // Lines keep the spaces and tabs the model ended them with, blank lines their indentation (and a form feed, a page
  // break in Python's and C's sources): a model writes them where the code it read has them (an indented blank line
  // in a CSS rule, `#    ` in a Ruby comment block, the trailing spaces of old C headers).
  const shown = lines.slice(0, end).join('\n');
  // The last line's spaces are the model's only where it ended the line itself (a newline came after it).
  const text = end < raw.split('\n').length ? keptTrailingSpace(shown, ctx.lineSuffix) : shown.trimEnd();
  if (text.trim() === '') return '';
  return text + lines.slice(end, end + keepBlankLines).map((line) => `\n${line}`).join('');
}

/**
 * Line endings to `\n`; and right after a line that opens a block, an answer that starts with deeper indentation
 * but no newline (some servers drop the leading newline) is the block's first line, not text for the end of this
 * one. After spaces the user typed (`'cc':   |`, aligning a column) the answer's spaces go on with them.
 */
function normalize(raw: string, ctx: EditContext): string {
  const text = raw.includes('\r') ? raw.replace(/\r\n/g, '\n') : raw;
  if (ctx.mode !== 'multi' || ctx.linePrefix.trim() === '' || /\s$/.test(ctx.linePrefix) || !opensBlock(ctx.linePrefix)) return text;
  const lead = /^[ \t]*/.exec(text)?.[0] ?? '';
  const deeper = lead.length >= 2 && indentOf(lead) > indentOf(ctx.linePrefix) && /^[ \t]+\S/.test(text);
  return deeper ? `\n${text}` : text;
}

/**
 * The ghost text to show for a model's whole answer; '' means show nothing. `ended`: the model ended the answer
 * itself (false when a token limit cut it, so its last lines may go on).
 */
export function postprocess(raw: string, ctx: EditContext, ended = true): string {
  if (raw.trim() === '') return '';
  const text = normalize(raw, ctx);
  const braces = answerBetweenBrackets(text, ctx);
  if (braces === 'single') return cutSingleLine(text, { ...ctx, mode: 'single' });
  if (braces === 'body') {
    const indent = closerIndent(text, ctx);
    return bodyBeforeCloser(postprocess(text, withCloserBelow(ctx, indent), ended), indent);
  }
  if (ctx.mode === 'single') return cutSingleLine(text, ctx);
  // Cut by a token limit, the last line stopped where the limit fell: show the lines the model finished.
  const whole = ended || !text.includes('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
  return postprocessMulti(whole, ctx, { complete: true, ended });
}

/**
 * True once a streamed answer can no longer change what `postprocess` shows: the stream may be cut and the
 * request aborted.
 */
export function isDecided(partial: string, ctx: EditContext): boolean {
  const text = normalize(partial, ctx);
  const braces = answerBetweenBrackets(text, ctx);
  if (braces === 'single') return singleLineDecided(text, { ...ctx, mode: 'single' });
  if (braces === 'body') return text.includes('\n') && isDecided(text, withCloserBelow(ctx, closerIndent(text, ctx)));
  if (ctx.mode === 'single') {
    return singleLineDecided(text, ctx);
  }
  const arrived: Arrived = { complete: false, ended: false };
  return atLineStart(ctx) ? cutLinesAbove(text, ctx, arrived).decided : cutMulti(text, ctx, arrived).decided;
}
