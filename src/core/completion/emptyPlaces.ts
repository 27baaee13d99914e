/**
 * Places where a request is known to bring nothing back, so none is made.
 *
 * Between the braces of a block the editor just auto-closed (`if (x) {|}`, `function f(): T {|}`, `class A {|}`), a
 * one-line completion is asked for (text follows the cursor on its line) and the request stops at the first newline;
 * but a block's body starts on a new line: the model's first token is a line break, so the answer is always empty.
 * (An object literal, `= {|}`, may well get a one-line answer, so it is asked for.) Once the user presses Enter, the
 * cursor is on an empty line in the block and the body is asked for.
 */
import { EditContext } from './editContext';

/** The end of a line that opens a statement block with `{`: after `)` (with a return type), `=>`, a keyword, a declaration. */
const BLOCK_BRACE = new RegExp(
  [
    /\)\s*(?::\s*[^{};=]+)?\{$/.source,
    /(?:=>|\belse|\btry|\bfinally|\bdo)\s*\{$/.source,
    /^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:class|interface|enum|namespace|module|function)\b.*\{$/.source,
  ].join('|'),
);

/** Only the block's closing brace after the cursor, possibly closing a call around it: `}`, `})`, `});`. */
const CLOSING_BRACE_ONLY = /^\}[)\]]*[;,]?$/;

export function answerIsPredictablyEmpty(ctx: EditContext): boolean {
  return ctx.mode === 'single' && CLOSING_BRACE_ONLY.test(ctx.lineSuffix.trim()) && BLOCK_BRACE.test(ctx.linePrefix.trimEnd());
}
