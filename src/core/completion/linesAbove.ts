/**
 * The cursor before the code of its line, only indentation before it (`|return x`): the missing code is either text
 * that goes before that code on the same line (`await |foo()`), or whole lines that go above it. The answer says
 * which: a first line that runs into the line's code is the former; lines that end where the answer rejoins the
 * line's code (or where the model ends) are the latter, and are shown with a line break and the line's indentation
 * after them, so that the existing code stays where it was.
 */
import { EditContext, nextLinesAfterCursor, sameLineAs } from './editContext';
import { isRejoin, provenRejoinFrom, rejoinTarget, rejoinsAt } from './rejoin';
import { Arrived } from './multiLine';
import { cutSingleLine, overlapLength } from './singleLine';

export interface AboveCut {
  readonly text: string;
  readonly decided: boolean;
}

const UNDECIDED: AboveCut = { text: '', decided: false };

/**
 * Most lines waited for before the answer rejoins the line (or ends): the ghost text shows only once that is known,
 * and each line is paid for in waiting. Past it, the first line alone is shown.
 */
export const MAX_LINES_ABOVE = 6;

export function cutLinesAbove(raw: string, ctx: EditContext, arrived: Arrived): AboveCut {
  const lines = raw.split('\n');
  /** The cursor's line and the next one: what the answer rejoins when it wrote lines above. */
  const existing = rejoinTarget([ctx.linePrefix + ctx.lineSuffix], ctx.suffix);
  const first = lines[0];
  /** The first `count` lines, above the cursor's line: blank lines before it are the answer's when it rejoined. */
  const asWholeLines = (count: number, rejoined: boolean): AboveCut => {
    const body = lines.slice(0, count);
    if (!rejoined) while (body.length > 1 && body[body.length - 1].trim() === '') body.pop();
    const text = rejoined ? body.join('\n') : body.join('\n').trimEnd();
    return { text: text.trim() === '' ? '' : `${text}\n${ctx.linePrefix}`, decided: true };
  };
  const sameLine = (): AboveCut => ({ text: cutSingleLine(first, ctx), decided: true });
  const most = Math.min(MAX_LINES_ABOVE, ctx.maxLines);
  if (lines.length > 1 && sameLineAs(ctx.linePrefix + first, existing[0])) {
    // The line itself again: mostly the model did not see it is there and has nothing to add before it; but lines
    // that go above it can begin like it (`}` above `}`): only then does the answer rejoin the line, and the one
    // below it, a few lines on.
    const again = [ctx.linePrefix + first, ...lines.slice(1)];
    const how = { around: ctx, complete: arrived.complete };
    // The existing code again from its first line shows nothing: only whole lines say so, three of them (lines
    // that go above a line can be that line and the next again, then differ: `color: x;` and `}` of a rule above
    // the next rule's).
    const three = existing.length >= 3 ? existing : [existing[0], ...nextLinesAfterCursor(ctx.suffix, 2)];
    const now = rejoinsAt(again, 0, three, { ...how, whole: true, wholeLines: true });
    if (now === 'wait') return UNDECIDED;
    if (now === 'yes') return { text: '', decided: true };
    const proven = provenRejoinFrom(again, 1, existing, how, most);
    if (proven === 'wait') return UNDECIDED;
    return proven === undefined ? { text: '', decided: true } : asWholeLines(proven, true);
  }
  if (lines.length === 1) return arrived.complete ? sameLine() : UNDECIDED;
  // The first line runs into the line's code: it is text for this line (`await ` before `foo()`). All of that code
  // again after some text says so, once the answer goes on with the line below (or ends), unless it goes on with
  // lines of its own and rejoins the line further on (`if (!xs) return this;` and more, above `return this;`); a
  // part of it (`}`, or `result` of `return result` above `result = f()`), or all of it at another indentation,
  // only when the answer does not go on to rejoin the line below.
  const following = ctx.lineSuffix.trim();
  const overlap = first.trim() === '' ? 0 : overlapLength(first.trimEnd(), following);
  const inserted = first.trimEnd().slice(0, first.trimEnd().length - overlap);
  if (overlap >= 3 && overlap === following.length && inserted.trim() !== '') {
    // The answer's own first line, then the line below the cursor's: its first characters are enough to tell.
    const below = existing.length < 2 ? 'yes' : rejoinsAt(lines, 0, [first, existing[1]], { around: ctx, complete: arrived.complete, whole: true });
    if (below === 'yes') return sameLine();
    if (below === 'wait') return UNDECIDED;
    const proven = provenRejoinFrom(lines, 1, existing, { around: ctx, complete: arrived.complete }, most);
    if (proven === 'wait') return UNDECIDED;
    return proven === undefined ? sameLine() : asWholeLines(proven, true);
  }
  if (overlap > 0 && overlap === following.length && inserted.trim() !== '') {
    // A short code (`}`) recurs, so ending with it tells little; the answer going on with the two lines below the
    // cursor's, whole, says the first line was for this one (`#' }` in R's comments).
    const below = nextLinesAfterCursor(ctx.suffix, 2);
    if (below.length === 2) {
      const goesOn = rejoinsAt(lines, 0, [first, ...below], { around: ctx, complete: arrived.complete, whole: true, wholeLines: true });
      if (goesOn === 'yes') return sameLine();
      if (goesOn === 'wait') return UNDECIDED;
    }
  }
  for (let i = 1; i < Math.min(lines.length, most + 1); i++) {
    if (lines[i].trim() === '' && (arrived.complete || i < lines.length - 1)) continue;
    const rejoins = rejoinsAt(lines, i, existing, { around: ctx, complete: arrived.complete });
    if (isRejoin(rejoins)) return asWholeLines(i, true);
    if (rejoins === 'wait') return UNDECIDED;
  }
  const tooLong = lines.length > most + 1;
  if (!arrived.complete && !tooLong) return UNDECIDED;
  if (overlap > 0) return sameLine();
  return asWholeLines(arrived.ended && !tooLong ? lines.length : 1, false);
}
