/**
 * A person typing a region of a real file into VS Code, turned into a script of keystrokes: for each one, the gap
 * before it and the document and cursor right after it. The editor behaviour that shapes what the provider sees
 * is modelled on VS Code's defaults:
 * - Enter inserts the new line's indentation (auto-indent), so leading whitespace is never typed;
 * - brackets and quotes auto-close when the next character allows it (`autoCloseBefore`), quotes not after a word
 *   character, `'` and backticks not in a comment; typing the closer steps over the auto-inserted one (overtype);
 * - Enter right after an opener whose closer was auto-inserted (`{|}`) moves the closer to its own line below
 *   (`{\n  |\n}`); when the person reaches that line in the true file they move onto it (Down/End: no edit).
 * The document is always `truth[0:cursor] + auto-inserted text + rest of the file`, so what is before the cursor
 * is exactly the true file, as when a person writes it.
 *
 * Human timing: gaps of 60–120 ms inside a burst; pauses of 400–1500 ms after a line that opens a block
 * (`:` `{` `(`), often at the end of a line, sometimes at the start of the next one, and now and then at random.
 */
import { Random } from './util';

export type KeyKind =
  /** A character inserted at the cursor (`inserted` is what appeared before the cursor). */
  | 'char'
  /** Enter plus the auto-indentation. */
  | 'enter'
  /** Typed a closer over the auto-inserted one: the text is unchanged, the cursor moved over it. */
  | 'overtype'
  /** Enter between an opener and its auto-inserted closer: the closer went to a line below. */
  | 'enter-between'
  /** Moved onto the closer line below (Down, End): no edit, no request (VS Code hides the ghost text). */
  | 'move';

export interface Keystroke {
  readonly kind: KeyKind;
  /** Milliseconds since the previous keystroke (human timing, before any scaling). */
  readonly gapMs: number;
  /**
   * The text now between the cursor before and after the keystroke (what the person typed, with auto-indentation;
   * an overtyped closer too). VS Code keeps ghost text that starts with it (and hides it on a cursor move).
   */
  readonly inserted: string;
  /** The whole document after the keystroke. */
  readonly doc: string;
  /** The cursor's offset in `doc` (also its offset in the true file). */
  readonly cursor: number;
  /** Whether the text after the cursor is the same as before the keystroke (a plain insertion). */
  readonly suffixUnchanged: boolean;
}

export interface TypingScript {
  readonly name: string;
  /** VS Code's language id for the file. */
  readonly languageId: string;
  readonly truth: string;
  /** The document before the first keystroke. */
  readonly initialDoc: string;
  readonly initialCursor: number;
  readonly keystrokes: readonly Keystroke[];
  /** Characters of the region typed (indentation included, though Enter inserts it). */
  readonly typedChars: number;
  readonly typedLines: number;
  /** Sum of the gaps (unscaled). */
  readonly durationMs: number;
}

const CLOSERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}', '"': '"', "'": "'", '`': '`' };
const BRACKET_CLOSERS = new Set([')', ']', '}']);
const QUOTES = new Set(['"', "'", '`']);
/** VS Code's default `autoCloseBefore` for most languages: auto-close only before these or at the end of a line. */
const AUTO_CLOSE_BEFORE = new Set([...';:.,=}])> \n\t']);

function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

function lineAt(text: string, offset: number): { start: number; end: number; text: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return { start, end, text: text.slice(start, end) };
}

/**
 * Whether the line so far is in a comment, crudely: a comment line (`//`, `/*`, ` * `, `#`) or a `//` comment after
 * code. VS Code's TypeScript and Python configurations do not auto-close `'` and backticks there (`notIn: comment`).
 */
function inComment(before: string): boolean {
  return /^\s*(?:\/\/|\/\*|\*|#)/.test(before) || /\s\/\/\s/.test(before);
}

/** Whether a quote typed after `before` (the line so far) would open a string, crudely: outside any string. */
function outsideString(before: string): boolean {
  for (const q of QUOTES) {
    let count = 0;
    for (let i = 0; i < before.length; i++) if (before[i] === q && before[i - 1] !== '\\') count++;
    if (count % 2 === 1) return false;
  }
  return true;
}

export interface TypingOptions {
  readonly name: string;
  readonly languageId: string;
  readonly truth: string;
  /** Offsets of the region typed, at line starts: [start, end). The rest of the file is there already. */
  readonly start: number;
  readonly end: number;
  readonly seed: number;
  /** Backtick template strings auto-close (TypeScript/JavaScript, not Python). */
  readonly backtick: boolean;
}

/** Plays the person and the editor forward, producing the script both providers are replayed against. */
export function typingScript(options: TypingOptions): TypingScript {
  const { truth, start } = options;
  const random = new Random(options.seed);
  // Type up to the last newline of the region; that newline and the rest of the file are already there.
  const end = truth[options.end - 1] === '\n' ? options.end - 1 : options.end;
  const rest = truth.slice(end);
  let cursor = start;
  /** Auto-inserted closers right after the cursor, on its line. */
  let pending = '';
  /** Auto-inserted closer lines below the cursor's line, nearest first. */
  let below: string[] = [];
  const docNow = (): string => truth.slice(0, cursor) + pending + below.map((l) => `\n${l}`).join('') + rest;

  const keystrokes: Keystroke[] = [];
  let gapBefore = random.between(60, 120);
  let typedLines = 0;
  let previous = cursor;
  const push = (kind: KeyKind, suffixUnchanged: boolean): void => {
    keystrokes.push({ kind, gapMs: gapBefore, inserted: truth.slice(previous, cursor), doc: docNow(), cursor, suffixUnchanged });
    previous = cursor;
  };
  const burst = (): number => random.between(60, 120);
  const pause = (): number => random.between(400, 1500);

  while (cursor < end) {
    const ch = truth[cursor];
    if (ch === '\n') {
      const next = lineAt(truth, cursor + 1);
      const nextIndent = indentOf(next.text);
      // Closer lines the true file does not continue with (it went on at a shallower indent): the person deleted
      // them; the model keeps the document equal to the true file before the cursor.
      while (pending === '' && below.length > 0 && next.text.trim() !== '' && !next.text.startsWith(below[0]) &&
        nextIndent.length <= indentOf(below[0]).length) below = below.slice(1);
      if (pending === '' && below.length > 0 && next.text.startsWith(below[0])) {
        cursor = next.start + below[0].length;
        below = below.slice(1);
        push('move', false);
      } else {
        const betweenBrackets = pending !== '' && BRACKET_CLOSERS.has(pending[0]) && CLOSERS[truth[cursor - 1]] === pending[0];
        // Auto-closed quotes never closed on their line: deleted by the person before Enter.
        const closers = [...pending].filter((c) => !QUOTES.has(c)).join('');
        const lineIndent = indentOf(lineAt(truth, cursor).text);
        cursor = next.start + (next.text.trim() === '' ? 0 : nextIndent.length);
        if (betweenBrackets) {
          below = [lineIndent + closers, ...below];
          pending = '';
          push('enter-between', false);
        } else {
          const unchanged = closers === pending;
          pending = closers;
          push('enter', unchanged);
        }
        typedLines++;
      }
      // Thinking at the start of a line, sometimes.
      gapBefore = random.chance(0.3) ? pause() : burst();
      continue;
    }

    const nextIsLineEnd = truth[cursor + 1] === '\n' || cursor + 1 >= truth.length;
    if (pending !== '' && pending[0] === ch && (BRACKET_CLOSERS.has(ch) || QUOTES.has(ch))) {
      pending = pending.slice(1);
      cursor++;
      push('overtype', false);
    } else {
      const after = pending[0];
      const lineBefore = truth.slice(lineAt(truth, cursor).start, cursor);
      const allowed = after === undefined || AUTO_CLOSE_BEFORE.has(after);
      const isQuote = QUOTES.has(ch) && (ch !== '`' || options.backtick) && (ch === '"' || !inComment(lineBefore));
      const closes =
        allowed &&
        ((ch in CLOSERS && !QUOTES.has(ch)) || (isQuote && !/\w$/.test(lineBefore) && outsideString(lineBefore)));
      cursor++;
      if (closes) pending = CLOSERS[ch] + pending;
      push('char', !closes);
    }
    // The next gap: a pause after a block opener at the end of a line, often at the end of a line, now and then.
    const opener = ch === ':' || ch === '{' || ch === '(' || ch === '[';
    if (nextIsLineEnd) gapBefore = opener ? (random.chance(0.85) ? pause() : burst()) : random.chance(0.5) ? pause() : burst();
    else gapBefore = (opener && random.chance(0.25)) || random.chance(0.02) ? pause() : burst();
  }

  const initialDoc = truth.slice(0, start) + rest;
  return {
    name: options.name,
    languageId: options.languageId,
    truth,
    initialDoc,
    initialCursor: start,
    keystrokes,
    typedChars: end - start,
    typedLines,
    durationMs: keystrokes.reduce((sum, k) => sum + k.gapMs, 0),
  };
}

/** Line and character of an offset. */
export function positionOf(doc: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = doc.indexOf('\n'); i !== -1 && i < offset; i = doc.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
