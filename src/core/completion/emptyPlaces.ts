/**
 * Places where a request is known to bring nothing back, so none is made.
 *
 * With one line forced (`fireworks.completions.lineMode: single`), between the braces of a block the editor just
 * auto-closed (`if (x) {|}`, `function f(): T {|}`, `class A {|}`) the request stops at the first newline; but a
 * block's body starts on a new line: the model's first token is a line break, so the answer is always empty. (An
 * object literal, `= {|}`, may well get a one-line answer, so it is asked for.) In the automatic mode the body is
 * asked for there (betweenBrackets.ts).
 */
import { betweenBlockBraces } from './betweenBrackets';
import { EditContext } from './editContext';

export function answerIsPredictablyEmpty(ctx: EditContext): boolean {
  return ctx.mode === 'single' && betweenBlockBraces(ctx.linePrefix, ctx.lineSuffix);
}
