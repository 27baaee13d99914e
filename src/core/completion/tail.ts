/**
 * How far to read a streamed answer. What is shown at the cursor is decided first (postprocess.ts `isDecided`); the
 * stream then goes on for the lines the model wrote after it, so that when the user has typed the shown text (and
 * pressed Enter) the next statement is already there, without a request (reuse.ts); the same past the end of the
 * block (the next declaration, as the user types it the way the model wrote it). Only a cache makes that worth
 * reading: without one the stream ends once what is shown is decided.
 * It stops at what is no longer worth reading: a line that repeats the code after the cursor (the model did not
 * see that it is there: from there on it is junk), or a line limit.
 */
import { EditContext, TELLING_CHARS, blockIndentOf, firstNonEmptyLineAfterCursor, sameLineAs } from './editContext';
import { isDecided } from './postprocess';

export type ReadOn =
  | { readonly stop: false }
  /**
   * `keep` is the answer to remember (what followed it is junk); `complete` is false when a limit cut it (its last
   * statement may go on beyond).
   */
  | { readonly stop: true; readonly keep: string; readonly complete: boolean };

const GO_ON: ReadOn = { stop: false };
/**
 * Most lines read (after the cursor's), shown ones included: a few statements past what is shown, not a whole file
 * (they are paid for as generated tokens whether the user gets to them or not).
 */
const MAX_LINES_READ = 10;

/**
 * For one stream at `ctx`: whether to stop it now, given the answer so far, and what of it to keep. `decided`: what
 * is shown is decided already (postprocess.ts `isDecided`), when the caller knows.
 */
export function tailReader(ctx: EditContext, maxLines: number): (raw: string, decided?: boolean) => ReadOn {
  const next = firstNonEmptyLineAfterCursor(ctx.suffix);
  return (raw, decided) => (decided ?? isDecided(raw, ctx) ? readOn(raw, next, maxLines) : GO_ON);
}

function readOn(raw: string, next: string | undefined, maxLines: number): ReadOn {
  const lines = raw.split('\n');
  const upTo = (i: number): string => lines.slice(0, i).join('\n');
  let counted = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const partial = i === lines.length - 1;
    if (line.trim() === '') continue;
    if (partial) {
      const startsLikeNext =
        next !== undefined && line.trim().length >= TELLING_CHARS && blockIndentOf(line) === blockIndentOf(next) &&
        next.trim().startsWith(line.trim());
      return startsLikeNext ? { stop: true, keep: upTo(i), complete: true } : GO_ON;
    }
    if (next !== undefined && sameLineAs(line, next)) return { stop: true, keep: upTo(i), complete: true };
    if (++counted >= Math.min(maxLines, MAX_LINES_READ)) return { stop: true, keep: upTo(i + 1), complete: false };
  }
  return GO_ON;
}
