/**
 * Several lines of ghost text: a block's body, the rest of a statement, the next statements. The answer is cut where
 * the block being written ends, where it runs into the code that already follows the cursor, or at a line limit.
 */
import { EditContext, blockIndentOf, isCommentLine, opensBlock } from './editContext';
import { Around, RejoinCheck, isRejoin, provesLittle, provenRejoinFrom, rejoinTarget, rejoinsAt } from './rejoin';

/** A line that starts by closing a bracket (`}`, `});`, `} from './x';`, `): Promise<T> {`) ends a block. */
const CLOSER_LINE = /^\s*[)\]}]/;

/**
 * After the statement at the end of an ordinary line, how many more non-blank lines may be read to see whether the
 * answer rejoins the code after the cursor or ends (then they are shown too). Each is paid for in waiting: a few.
 */
export const LOOKAHEAD_LINES = 4;

/** A line that goes on with the statement of the block before it: its next branch. */
const BRANCH_WORDS = ['else', 'elif', 'elsif', 'except', 'catch', 'finally', 'rescue', 'ensure', 'case', 'default'];
const NEXT_BRANCH = new RegExp(`^\\s*(?:[)\\]}]\\s*)?(?:${BRANCH_WORDS.join('|')})\\b`);

/** A line still arriving that may yet be a next branch (`els`, `} cat`). */
function mayBeBranch(line: string): boolean {
  const word = line.trim().replace(/^[)\]}]\s*/, '');
  return BRANCH_WORDS.some((w) => w.startsWith(word) || word.startsWith(w));
}

/** A line ending in an operator that wants an operand (`x =`, `a &&`, `b +`): its statement goes on below. */
const OPEN_OPERATOR = /(?:[^=!<>]=|[-+*/%]|&&|\|\||\?\?|\?)\s*$/;

/** The line above the cursor's leaves its statement open: the cursor's (blank) line goes on with it. */
function continuesOnNextLine(prefix: string): boolean {
  const end = prefix.lastIndexOf('\n');
  if (end === -1) return false;
  const above = prefix.slice(prefix.lastIndexOf('\n', end - 1) + 1, end);
  return OPEN_OPERATOR.test(above) && !isCommentLine(above);
}

export interface MultiCut {
  lines: string[];
  /** True when a rule ended the completion before the end of what arrived (the answer is decided). */
  decided: boolean;
  /**
   * Blank lines to keep at the end: where the answer ran into the code that follows, the blank lines it put before
   * that code, beyond those the document already has there, belong to the answer.
   */
  keepBlankLines?: number;
}

/**
 * What arrived so far (`raw`) and whether more will: `complete` (the stream is over), `ended` (it is over because the
 * model ended its answer, not because of a token limit).
 */
export interface Arrived {
  readonly complete: boolean;
  readonly ended: boolean;
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

/** `kept` ran into the code after the cursor: it ends there, with the blank lines the model put before that code. */
function rejoined(kept: string[], suffix: string): MultiCut {
  let blank = 0;
  while (blank < kept.length - 1 && kept[kept.length - 1 - blank].trim() === '') blank++;
  return { lines: kept, decided: true, keepBlankLines: Math.max(0, blank - blankLinesBeforeNextCode(suffix)) };
}

export function cutMulti(raw: string, ctx: EditContext, arrived: Arrived): MultiCut {
  const lines = raw.split('\n');
  const cursorLineBlank = ctx.linePrefix.trim() === '';
  // On a blank line, the line the answer writes there tells its block (a doc comment's ` * ` sits a column right).
  const currentIndent = blockIndentOf(cursorLineBlank && lines[0].trim() !== '' ? ctx.linePrefix + lines[0] : ctx.linePrefix);
  /** Lowest indentation still inside: a closing line after an ordinary line lowers it (it ends enclosing blocks). */
  let floor = currentIndent;
  const opens = opensBlock((ctx.linePrefix + lines[0]).trimEnd());
  /**
   * At the end of an ordinary line the answer is one statement: the rest of this one (with its continuation and
   * closing lines), or the next one; more only where the answer shows where they end (lookAhead). A block's body
   * comes after a line that opens it, or on an empty line, unless the line above leaves its statement open (`x =`).
   */
  const statement = !opens && (!cursorLineBlank || continuesOnNextLine(ctx.prefix));
  let started = lines[0].trim() !== '';
  const existing = rejoinTarget([], ctx.suffix);
  /** One line left in the file, and one that tells little (a closing line, or one the code above has): the answer's copy of it may be its own. */
  const lastLineTellsLittle = existing.length === 1 && provesLittle(existing[0], ctx);
  const kept = [lines[0]];
  /** A first line left empty (the answer starts below the cursor's line) shows nothing: it does not count. */
  const maxKept = ctx.maxLines + (lines[0].trim() === '' ? 1 : 0);
  /**
   * Where one statement ends, look further: the lines up to where the answer rejoins the code after the cursor (or
   * ends) are the missing code too. Not in the middle of a statement with nothing after the cursor to rejoin (typing
   * at the end of a file): there the statement shows at once, and what follows comes from the cache as it is typed.
   */
  const next = (i: number): MultiCut =>
    lines[0].trim() === '' || existing.length > 0 ? lookAhead(lines, i, kept, maxKept, arrived, existing, ctx) : { lines: kept, decided: true };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const lineComplete = arrived.complete || i < lines.length - 1;
    if (line.trim() === '') {
      if (statement && started && lineComplete) return next(i);
      kept.push(line);
      continue;
    }
    if (kept.length >= maxKept) return { lines: kept, decided: true };
    const indent = blockIndentOf(line);
    // Running into the code that already follows the cursor (same text at the same indent: a `}` below that closes
    // an outer block is not this block's `}`).
    if (lineComplete) {
      // Where the rejoin would leave nothing to show, the line that confirms it is waited for whole: its start can
      // mislead (`echo "Skip, for FP"` above `echo "Skip, for PMM"`), and waiting costs nothing the user sees.
      const nothingYet = kept.every((l) => l.trim() === '');
      const rejoins = rejoinsAt(lines, i, existing, { around: ctx, complete: arrived.complete, wholeLines: nothingYet });
      // Missing code can close the block and go on past it (the next rule, method or branch); near the end of a
      // file, it can end with a line like the file's last one (a header's nested `#endif` before its own, an
      // Erlang function's `{[], State}.` before the next one's): the answer rejoining again a few lines on says
      // those lines are the missing code too. (Where the first rejoin would show something, it is taken at once:
      // waiting for more lines would delay every completion above a file's last line.)
      const lastLineAgain = rejoins === 'yes' && (lastLineTellsLittle || (existing.length === 1 && nothingYet));
      if (rejoins === 'closer' || lastLineAgain) {
        return rejoinFurtherOn(lines, i + 1, { existing, around: ctx, complete: arrived.complete, maxKept }, kept, kept);
      }
      if (isRejoin(rejoins)) return rejoined(kept, ctx.suffix);
      if (rejoins === 'wait') return { lines: kept, decided: false };
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
      return next(i);
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
      const branch = opens && indent === currentIndent && (lineComplete ? NEXT_BRANCH.test(line) : mayBeBranch(line));
      const enclosing = opens && CLOSER_LINE.test(line) && indent < currentIndent;
      if ((branch || enclosing) && existing.length > 0) {
        if (!lineComplete) return { lines: kept, decided: false };
        // The statement goes on past the block: its next branch (`else:`, `} catch (e) {`), or an enclosing bracket
        // closed (`(x) =>` body, then `)` and `.sort()`). The answer's, when within a few lines it is the code that
        // follows the cursor again, all of it; else past the block, not shown.
        const proven = provenRejoinFrom(lines, i + 1, existing, { around: ctx, complete: arrived.complete }, LOOKAHEAD_LINES);
        if (proven === 'wait') return { lines: kept, decided: false };
        if (proven !== undefined && proven <= maxKept) return rejoined(lines.slice(0, proven), ctx.suffix);
      } else if (opens && CLOSER_LINE.test(line) && indent === currentIndent) {
        // A closing line still arriving (`}` may become `});`) is not decided yet.
        if (!lineComplete) return { lines: kept, decided: false };
        return afterBlock(lines, i, kept, maxKept, existing, { around: ctx, complete: arrived.complete });
      } else if (existing.length > 0) {
        // The block ended and the answer goes on with a statement of its own (`if cls is N|` made `if cls is None:`,
        // its body, then the next statement; on a blank line in a block, its last statements, then the ones after
        // it at a lower indent): the missing code too when, within a few lines, it rejoins the code after the
        // cursor; otherwise the answer ends with the block. (A line still arriving that starts as that code does is
        // waited for: `if object` may be `if object_hook:` above `if object_pairs_hook:`.)
        const proven = provenRejoinFrom(lines, i, existing, { around: ctx, complete: arrived.complete }, LOOKAHEAD_LINES);
        if (proven === 'wait') return { lines: kept, decided: false };
        if (proven !== undefined && proven <= maxKept) return rejoined(lines.slice(0, proven), ctx.suffix);
      }
      return { lines: kept, decided: true };
    }
    kept.push(line);
  }
  return { lines: kept, decided: false };
}

/** What rejoinFurtherOn looks for, and where: the code after the cursor, around it, and the line limit. */
interface FurtherOn {
  readonly existing: readonly string[];
  readonly around: Around;
  readonly complete: boolean;
  readonly maxKept: number;
}

/**
 * The answer seemed to rejoin the code after the cursor before `lines[from]`, on weak evidence: where, within
 * LOOKAHEAD_LINES from there, it proves a rejoin, it is shown up to that point; else `otherwise` is. Undecided
 * (`shown` for now) while that is still arriving.
 */
function rejoinFurtherOn(lines: readonly string[], from: number, on: FurtherOn, otherwise: string[], shown: string[]): MultiCut {
  const proven = provenRejoinFrom(lines, from, on.existing, { around: on.around, complete: on.complete }, LOOKAHEAD_LINES);
  if (proven === 'wait') return { lines: shown, decided: false };
  return rejoined(proven !== undefined && proven <= on.maxKept ? lines.slice(0, proven) : otherwise, on.around.suffix);
}

/**
 * The block the answer opened ends with its closing line, `lines[at]`. What follows it up to where the answer rejoins
 * the code after the cursor, within a few lines, is the answer's too: blank lines, the rest of the statement the
 * block belongs to (`return x;`, `});`). Otherwise the answer ends with the block.
 */
function afterBlock(lines: readonly string[], at: number, kept: string[], maxKept: number, existing: readonly string[], how: RejoinCheck): MultiCut {
  const closed = [...kept, lines[at].trimEnd()];
  if (existing.length === 0) return { lines: closed, decided: true };
  const next = rejoinsAt(lines, at + 1, existing, how);
  if (next === 'wait') return { lines: kept, decided: false };
  let code = at + 1;
  while (code < lines.length && lines[code].trim() === '') code++;
  if (isRejoin(next)) return rejoined([...closed, ...lines.slice(at + 1, code)], how.around.suffix);
  const proven = provenRejoinFrom(lines, code, existing, how, LOOKAHEAD_LINES);
  if (proven === 'wait') return { lines: kept, decided: false };
  if (proven !== undefined && proven <= maxKept) return rejoined([...closed, ...lines.slice(at + 1, proven)], how.around.suffix);
  return { lines: closed, decided: true };
}

/**
 * One statement is `kept`; the answer goes on at `lines[from]`. The lines after it are the user's too when, within
 * LOOKAHEAD_LINES, the answer rejoins the code after the cursor (`existing`) or the model ends it there: then
 * what it wrote in between is the missing code. Otherwise the statement alone is shown.
 */
function lookAhead(
  lines: readonly string[],
  from: number,
  kept: string[],
  maxKept: number,
  arrived: Arrived,
  existing: readonly string[],
  around: Around,
): MultiCut {
  const more = [...kept];
  let counted = 0;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    if (!arrived.complete && i === lines.length - 1) return { lines: kept, decided: false };
    if (line.trim() !== '') {
      const rejoins = rejoinsAt(lines, i, existing, { around, complete: arrived.complete });
      // The file's last line, written again further on: the second is the file's (see cutMulti).
      if (rejoins === 'yes' && existing.length === 1 && provesLittle(existing[0], around)) {
        return rejoinFurtherOn(lines, i + 1, { existing, around, complete: arrived.complete, maxKept }, more, kept);
      }
      if (isRejoin(rejoins)) return rejoined(more, around.suffix);
      if (rejoins === 'wait') return { lines: kept, decided: false };
      if (++counted > LOOKAHEAD_LINES || more.length >= maxKept) return { lines: kept, decided: true };
    }
    more.push(line);
  }
  return { lines: arrived.ended ? more : kept, decided: true };
}
