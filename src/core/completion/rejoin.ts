/**
 * Whether an answer runs back into the code that already follows the cursor ("rejoins" it), and where: what came
 * before that point is the missing code, what comes after is junk. Code repeats itself, so the evidence is weighed:
 * two lines (more where they are alike), whole lines where a line's start recurs around the cursor.
 */
import { EditContext, TELLING_CHARS, blockIndentOf, nextLinesAfterCursor, sameLineAs } from './editContext';

/** A line that starts by closing brackets (`}`, `});`, `) {`, `} else {`): where a block ends. */
const CLOSING = /^\s*[)\]}]/;

/**
 * Most existing lines an answer is matched against (see rejoinTarget): a run of alike lines longer than this (rows of
 * a table of bytes) is not told apart.
 */
const MOST_REJOIN_LINES = 12;

/**
 * The existing lines an answer must be again to be running into the code after the cursor: `head` (the cursor's own
 * line, where it counts) and the next lines, two in all, and more while they are all the same line: two `NULL,`
 * in a row do not tell which `NULL,` the answer is at, the line after them does.
 */
export function rejoinTarget(head: readonly string[], suffix: string): string[] {
  const next = nextLinesAfterCursor(suffix, MOST_REJOIN_LINES - head.length);
  const lines = [...head];
  for (const line of next) {
    if (lines.length >= 2 && lines.some((l) => l.trim() !== lines[0].trim())) break;
    lines.push(line);
  }
  return lines;
}

/** The code around the cursor that an answer's line is compared with. */
export type Around = Pick<EditContext, 'prefix' | 'suffix'>;

/**
 * More than one line of the code around the cursor (or of the answer before line `at`) starts with `start`: in
 * repeated code (getters, overloads, `case`s, rows of a table) a line's first characters do not tell which one the
 * model is writing, only the whole line does.
 */
function startRecurs(start: string, around: Around, lines: readonly string[], at: number): boolean {
  if (around.prefix.startsWith(start) || around.prefix.includes(`\n${start}`)) return true;
  const inSuffix = around.suffix.indexOf(`\n${start}`);
  if (inSuffix !== -1 && around.suffix.indexOf(`\n${start}`, inSuffix + 1) !== -1) return true;
  for (let i = 0; i < at; i++) if (lines[i].startsWith(start)) return true;
  return false;
}

/** A line that only closes something: brackets, `#endif` (with its comment), `end`, `fi`, `esac`, `done`. */
const CLOSES_ONLY = /^\s*(?:[)\]}][)\]};,\s]*|#\s*endif\b.*|(?:end|fi|esac|done|endif|endfunction|endwhile|endfor)\b;?\s*)$/;

/**
 * Matched alone, `line` proves little: it only closes something, or the code before the cursor has the same line
 * (two `}` or `#endif` do not tell which one the answer is at).
 */
export function provesLittle(line: string, around: Around): boolean {
  return CLOSES_ONLY.test(line) || around.prefix.startsWith(`${line}\n`) || around.prefix.includes(`\n${line}\n`);
}

/**
 * `line`, code and not only a closer, recurs around the cursor (`// @ts-ignore`, `[[nodiscard]]`): the code before
 * it has it, or the code after it has it twice.
 */
function recursAround(line: string, around: Around): boolean {
  if (CLOSES_ONLY.test(line)) return false;
  if (provesLittle(line, around)) return true;
  const first = around.suffix.indexOf(`\n${line}\n`);
  return first !== -1 && around.suffix.indexOf(`\n${line}\n`, first + 1) !== -1;
}

/**
 * `lines[at]`, still arriving, is at `want`'s indentation and has its first characters, enough of them to tell: at
 * least TELLING_CHARS, and a start no other line around has, unless the line is `final` (the answer ended in it:
 * the rest of it, which alone could tell, will never come; then a piece as isPieceOf has it is enough).
 */
function startsLike(lines: readonly string[], at: number, want: string, around: Around, final = false): boolean {
  const line = lines[at];
  const text = line.trimStart();
  const wanted = want.trimStart();
  return (
    (text.length >= Math.min(TELLING_CHARS, wanted.length) || (final && isPieceOf(line, want))) &&
    wanted.startsWith(text) &&
    blockIndentOf(line) === blockIndentOf(want) &&
    (text === wanted || final || !startRecurs(line, around, lines, at))
  );
}

/**
 * `line` is the start of `want` and no more, at its indentation: at least two characters, one of them a letter or
 * digit (a lone `}` or `)` may be a closer of the answer's own).
 */
function isPieceOf(line: string, want: string): boolean {
  const text = line.trimStart();
  const wanted = want.trimStart();
  return text.length >= 2 && /\w/.test(text) && text.length < wanted.length && wanted.startsWith(text) && blockIndentOf(line) === blockIndentOf(want);
}

/** How rejoinsAt judges: what it needs to see before it says 'yes'. */
export interface RejoinCheck {
  /** The code around the cursor: a line whose start recurs in it is confirmed only whole. */
  readonly around: Around;
  /** The stream is over: what arrived is all there will be. */
  readonly complete: boolean;
  /** Every existing line must be there: an answer that ends first is no proof. */
  readonly whole?: boolean;
  /**
   * A line still arriving never confirms by its start: where a rejoin leaves nothing to show, waiting for the whole
   * line costs nothing the user sees, and a start can mislead (`res = f(` above `res = f_other(`).
   */
  readonly wholeLines?: boolean;
}

/**
 * Whether the answer's `lines`, from line `from`, are the `existing` code again (blank lines aside): 'yes' when they
 * match it all (or all of it the answer has, when it is over), 'no' at the first line that differs, 'wait' while the
 * line that would tell is still arriving. One line of code alone proves little (`break;` recurs), so two are asked
 * for; but after a line that closes a block (`}`, `});`, `) {`), the model may go on with code of its own: that is a
 * rejoin too ('closer': weaker, see isRejoin), unless it goes on deeper than the code that follows (then it was
 * still writing inside the block). The confirming line need not be complete: its first characters tell
 * (startsLike), unless lines around the cursor start the same (see RejoinCheck for the rest).
 */
export function rejoinsAt(lines: readonly string[], from: number, existing: readonly string[], how: RejoinCheck): Rejoin {
  const { complete } = how;
  if (existing.length === 0) return 'no';
  let at = from;
  let closedBlock = false;
  for (let n = 0; n < existing.length; n++) {
    const want = existing[n];
    while (at < lines.length && lines[at].trim() === '' && (complete || at < lines.length - 1)) at++;
    if (at >= lines.length) return how.whole ? (complete ? 'no' : 'wait') : n > 0 ? 'yes' : 'no';
    const line = lines[at];
    const arriving = !complete && at === lines.length - 1;
    // The last line (still arriving, or where the stream was cut) confirms by its start; while it arrives, only as
    // the last line asked for (lines alike, `</div>` then `</div>`, are asked for up to one that differs).
    const lastAsked = complete || n === existing.length - 1;
    // After a line of code that recurs around the cursor (`// @ts-ignore`), a start is no proof either: the missing
    // line may begin as the one below does (`typeof window !==` above `typeof window.document !==`). (After a
    // closer, as common as `}`, the start is taken: waiting for whole lines there cost 11 % more tokens.)
    const wholeOnly = arriving && (how.wholeLines || existing.slice(0, n).every((l) => recursAround(l, how.around)));
    if (n > 0 && lastAsked && at === lines.length - 1 && !wholeOnly && startsLike(lines, at, want, how.around, complete)) return 'yes';
    // An answer over that ends part-way into the line that follows (stopped in the middle of writing it again): a
    // piece of that line is never code to insert above it, however short (`\t$(cal` above `\t$(call do_cmd)`).
    if (n === 0 && complete && !how.whole && at === lines.length - 1 && isPieceOf(line, want)) return 'yes';
    if (arriving && (line.trim() === '' || want.trimStart().startsWith(line.trimStart()))) return 'wait';
    if (!arriving && sameLineAs(line, want)) {
      closedBlock ||= n === 0 && CLOSING.test(want);
      at++;
      continue;
    }
    return closedBlock && blockIndentOf(line) <= blockIndentOf(want) ? 'closer' : 'no';
  }
  return 'yes';
}

/**
 * What rejoinsAt found: the existing code again ('yes'); its closing line, then code of the model's own ('closer');
 * neither ('no'); or not yet known ('wait').
 */
export type Rejoin = 'yes' | 'closer' | 'no' | 'wait';

export const isRejoin = (r: Rejoin): boolean => r === 'yes' || r === 'closer';

/**
 * Where the answer, from line `from` on and within `limit` non-blank lines, is the existing code again, both lines
 * of it ('yes' only); 'wait' while that is still arriving; undefined when it is not. For a rejoin at a closing line
 * that would leave nothing to show: missing code can begin with a line like the one that follows (`}` above `}`),
 * and then the answer rejoins for certain a few lines further on.
 */
export function provenRejoinFrom(
  lines: readonly string[],
  from: number,
  existing: readonly string[],
  how: Omit<RejoinCheck, 'whole'>,
  limit: number,
): number | 'wait' | undefined {
  let counted = 0;
  for (let i = from; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const rejoins = rejoinsAt(lines, i, existing, { ...how, whole: true });
    if (rejoins === 'yes') return i;
    if (rejoins === 'wait') return 'wait';
    if (++counted >= limit) return undefined;
  }
  return how.complete ? undefined : 'wait';
}

