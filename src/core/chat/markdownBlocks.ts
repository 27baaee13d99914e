/**
 * Where a streaming Markdown answer can be cut into blocks that will not change any more: after a blank line outside
 * a fenced code block, and after a fence's closing line, where the next line that is not blank starts at the margin
 * (an indented one goes on the block above: a list item's next paragraph, or its code fence indented with it, which
 * rendered alone would be an indented code block showing the fence lines). The view renders the text before the last
 * such boundary once, block by block, and re-renders only the text after it as chunks arrive, so a chunk costs the
 * same at the end of a long answer as at its start. Lines may end in CRLF.
 *
 * The scan is incremental: each `append` looks only at the lines completed since the previous one.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*?)\r?$/;
const INDENTED = /^[ \t]/;

/** A fenced code block still open at the end of the text so far. */
export interface OpenFence {
  /** Offset of its opening line. */
  readonly start: number;
  /** Offset of its first line of code. */
  readonly bodyStart: number;
  /** The info string's first word (the language), as written. */
  readonly language: string;
}

export class MarkdownBlockSplitter {
  private text = '';
  /** Start of the first line not scanned yet (always a line start). */
  private scanned = 0;
  private fence: { char: string; length: number; open: OpenFence } | undefined;
  private previousBlank = true;
  private stable = 0;
  /** A cut that holds if the next line that is not blank starts at the margin. */
  private pending: number | undefined;

  /** Adds streamed text; returns the offset up to which the text is made of complete blocks. */
  append(chunk: string): number {
    this.text += chunk;
    for (;;) {
      const end = this.text.indexOf('\n', this.scanned);
      if (end < 0) break;
      this.line(this.text.slice(this.scanned, end), end + 1);
      this.scanned = end + 1;
    }
    // The line still coming already tells, by its first character, whether a pending cut holds.
    const coming = this.text.slice(this.scanned);
    if (this.pending !== undefined && coming !== '' && !INDENTED.test(coming) && coming[0] !== '\r') this.settle(false);
    return this.stable;
  }

  /** Offset up to which the text is made of complete blocks. */
  get stableLength(): number {
    return this.stable;
  }

  get source(): string {
    return this.text;
  }

  /** The fenced code block still open, if any: the view can show its code as it comes without re-rendering it. */
  get openFence(): OpenFence | undefined {
    return this.fence?.open;
  }

  private line(line: string, next: number): void {
    const fence = FENCE.exec(line);
    if (this.fence) {
      const closes = fence && fence[1][0] === this.fence.char && fence[1].length >= this.fence.length && line.trim() === fence[1];
      if (closes) {
        this.fence = undefined;
        this.pending = next;
        this.previousBlank = true;
      }
      return;
    }
    const blank = line.trim() === '';
    const indented = INDENTED.test(line);
    if (!blank && this.pending !== undefined) this.settle(indented);
    if (fence) {
      // An opening fence at the margin ends the paragraph before it.
      const start = next - line.length - 1;
      if (!this.previousBlank && !indented) this.stable = start;
      const language = fence[2].trim().split(/\s+/)[0] ?? '';
      this.fence = { char: fence[1][0], length: fence[1].length, open: { start, bodyStart: next, language } };
      this.previousBlank = false;
      return;
    }
    if (blank && !this.previousBlank) this.pending = next;
    this.previousBlank = blank;
  }

  /** The pending cut holds, or (the next line is indented: it goes on the block above) does not. */
  private settle(indented: boolean): void {
    if (!indented && this.pending !== undefined) this.stable = this.pending;
    this.pending = undefined;
  }
}

/** What tokenSpans reads of markdown-it's block tokens. */
export interface BlockToken {
  /** 1 opens an element, -1 closes one, 0 is whole (a code block, an inline run). */
  readonly nesting: number;
  readonly level: number;
}

/**
 * The parts of markdown-it's tokens [from, to) at their top level, as [from, to) ranges: a token of its own (a
 * fence) or an opening token with everything up to its closing one (a paragraph, a list, a list item, a table row).
 * Each renders to one element (the streaming view compares them one by one with what it shows).
 */
export function tokenSpans(tokens: readonly BlockToken[], from: number, to: number): [number, number][] {
  const spans: [number, number][] = [];
  for (let start = from; start < to;) {
    const open = tokens[start];
    let end = start + 1;
    if (open.nesting === 1) {
      while (end < to && !(tokens[end].nesting === -1 && tokens[end].level === open.level)) end++;
      end = Math.min(end + 1, to);
    }
    spans.push([start, end]);
    start = end;
  }
  return spans;
}
