/**
 * Where a streaming Markdown answer can be cut into blocks that will not change any more: after a blank line outside
 * a fenced code block, and after a fence's closing line. The view renders the text before the last such boundary
 * once, block by block, and re-renders only the text after it as chunks arrive, so a chunk costs the same at the
 * end of a long answer as at its start.
 *
 * The scan is incremental: each `append` looks only at the lines completed since the previous one.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

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

  /** Adds streamed text; returns the offset up to which the text is made of complete blocks. */
  append(chunk: string): number {
    this.text += chunk;
    for (;;) {
      const end = this.text.indexOf('\n', this.scanned);
      if (end < 0) break;
      this.line(this.text.slice(this.scanned, end), end + 1);
      this.scanned = end + 1;
    }
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
        this.stable = next;
        this.previousBlank = true;
      }
      return;
    }
    if (fence) {
      // An opening fence ends the paragraph before it.
      const start = next - line.length - 1;
      if (!this.previousBlank) this.stable = start;
      const language = fence[2].trim().split(/\s+/)[0] ?? '';
      this.fence = { char: fence[1][0], length: fence[1].length, open: { start, bodyStart: next, language } };
      this.previousBlank = false;
      return;
    }
    const blank = line.trim() === '';
    if (blank && !this.previousBlank) this.stable = next;
    this.previousBlank = blank;
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
