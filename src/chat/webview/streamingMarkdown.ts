/**
 * One answer's Markdown as it streams, at a cost per chunk that does not grow with the answer:
 * - text before the last block boundary (MarkdownBlockSplitter) becomes a block of its own, never touched again;
 *   blocks are grouped into pages (below), so that laying out the answer after a chunk does not step through every
 *   block of it;
 * - the tail after it is rendered again at most once per animation frame, and only where its HTML changed
 *   (markdownTail.ts); when a blank line ends it, it becomes the block as it is and a new tail follows;
 * - a fenced code block still open is shown as plain text appended as it comes; once it closes, the same elements
 *   are its block, highlighted in a task of its own right after (a 1,500-line block re-highlighted per frame made
 *   the view fall 15 s behind the stream; rendering and highlighting a closed block again in the frame that closed
 *   it made those frames the slowest).
 * Markdown that spans a blank line (a loose list) is rendered as separate pieces; that is the price.
 */
import { MarkdownBlockSplitter } from '../../core/chat/markdownBlocks';
import { el } from './dom';
import { isKnownLanguage } from './highlight';
import { highlightCodeLater, warmUpHighlighter } from './lazyHighlight';
import { emptyCodeBlock, markdownHtml, sanitized, soleFence } from './markdown';
import { MarkdownTail } from './markdownTail';

/**
 * Blocks per page. A block's layout is kept by the browser, but a parent whose content changed steps through all
 * its children; pages (plain divs: margins collapse through them as if they were not there) make that the pages
 * plus the last page's blocks. Measured in Chromium after a 2,000-line answer: laying out a changed paragraph at
 * its end took 0.2–0.4 ms with all blocks in one parent, 0.06 ms with pages of 32.
 */
const PAGE_BLOCKS = 32;

/**
 * The last line of an open code block, while it may still become the fence that closes it: not shown until it is
 * complete (it may be no code at all). Whitespace alone is not seen either way.
 */
const MAYBE_FENCE = /^ {0,3}(?:`+|~+)?$/;

/** A link reference definition (`[1]: https://example.com`), which links anywhere in the answer may use. */
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]\n]+\]:[ \t]*\S/m;

interface LiveCode {
  readonly start: number;
  readonly root: HTMLElement;
  /** The code element and its language (as the code block shows it). */
  readonly code: HTMLElement;
  readonly language: string;
  /** The code so far, one Text node appended to (not a node per chunk: fewer nodes to lay out). */
  readonly text: Text;
  /** Offset of the source shown in `text` so far. */
  shown: number;
}

export class StreamingMarkdown {
  private readonly splitter = new MarkdownBlockSplitter();
  /** Offset of the text already rendered into stable blocks. */
  private rendered = 0;
  /** The last page: its blocks, then the code block streaming in (if any), then the tail. */
  private page = el('div', 'md-page');
  private tail = new MarkdownTail(el('div', 'md-block md-tail'));
  private live: LiveCode | undefined;
  private frame: number | undefined;
  /** Length of the text the answer was created with (a restored one): what is rendered past it streamed in. */
  private readonly initialLength: number;

  constructor(private readonly root: HTMLElement, initial = '') {
    this.initialLength = initial.length;
    warmUpHighlighter();
    this.page.append(this.tail.element);
    root.replaceChildren(this.page);
    if (initial) this.append(initial);
  }

  append(text: string): void {
    this.splitter.append(text);
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      this.render(false);
    });
  }

  /** The end of the stream (or an answer loaded whole): everything rendered as Markdown, code highlighted. */
  finish(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.render(true);
    // Reference links (`[the docs][1]`, with `[1]: https://…` further down): each block was rendered alone, without
    // the definitions below it; the finished answer is rendered once more, whole, so that they resolve.
    const source = this.splitter.source;
    if (REFERENCE_DEFINITION.test(source)) {
      const page = el('div', 'md-page');
      const block = el('div', 'md-block');
      block.append(sanitized(markdownHtml(source, 'later')));
      page.append(block);
      this.root.replaceChildren(page);
    }
  }

  private render(final: boolean): void {
    const source = this.splitter.source;
    const stable = this.splitter.stableLength;
    if (stable > this.rendered) {
      const text = source.slice(this.rendered, stable);
      if (!this.keepLive(text)) this.settle(text);
      this.rendered = stable;
    }
    const open = final ? undefined : this.splitter.openFence;
    // Streamed as a live block only where the fence begins the tail: one inside a list item (indented under
    // `1. Install it:`) belongs to the item, and is shown there, rendered with the rest of the tail.
    const fence = open && source.slice(this.rendered, open.start).trim() === '' ? open : undefined;
    if (this.live && this.live.start !== fence?.start) {
      this.live.root.remove();
      this.live = undefined;
    }
    this.tail.show(source.slice(this.rendered, fence ? fence.start : source.length));
    if (!fence) return;
    if (!this.live) {
      const root = el('div', 'md-block md-live');
      const block = emptyCodeBlock(fence.language);
      root.append(block.root);
      const text = document.createTextNode('');
      block.code.replaceChildren(text);
      this.live = { start: fence.start, root, code: block.code, language: block.root.dataset.language ?? '', text, shown: fence.bodyStart };
      // Before the tail (empty while a fence is open), where the block stays once it closes: closing it then moves
      // nothing, and its text need not be laid out again.
      this.tail.element.before(root);
    }
    const lineStart = source.lastIndexOf('\n', source.length - 1) + 1;
    const end = MAYBE_FENCE.test(source.slice(lineStart)) ? Math.max(lineStart, this.live.shown) : source.length;
    if (end > this.live.shown) {
      this.live.text.appendData(source.slice(this.live.shown, end));
      this.live.shown = end;
    }
  }

  /**
   * A code block that closed, when it is all of `text` and its code is what the live block shows (as good as
   * always): the live block becomes its block as it is, highlighted in a task of its own. Rendering it again would
   * cost this frame a render of the whole block and a layout of its text.
   */
  private keepLive(text: string): boolean {
    const live = this.live;
    if (!live) return false;
    const fence = soleFence(text);
    const shown = live.text.data;
    if (!fence || fence.language !== live.language || !fence.content.startsWith(shown)) return false;
    if (fence.content.length > shown.length) live.text.appendData(fence.content.slice(shown.length));
    live.root.className = 'md-block';
    this.live = undefined;
    if (isKnownLanguage(live.language)) highlightCodeLater(live.code, live.language);
    return true;
  }

  /** Text that will not change any more, as a block of its own, where it is. */
  private settle(text: string): void {
    if (this.live && this.live.start >= this.rendered) {
      // A code block shown plain as it streamed, which the live block could not become: plain for this frame too.
      const block = el('div', 'md-block');
      block.append(sanitized(markdownHtml(text, 'later')));
      this.tail.element.before(block);
      return;
    }
    // The tail shows the start of it: updated where it changed, it becomes the block, and a new tail follows it.
    this.tail.show(text);
    this.tail.element.className = 'md-block';
    this.tail = new MarkdownTail(el('div', 'md-block md-tail'));
    if (this.page.childElementCount >= PAGE_BLOCKS) {
      // A page finished while streaming is laid out and painted only when on screen (chat.css): a chunk at the end
      // of a long answer then costs what it costs at the start. Not one of a restored answer: its place on screen
      // is where the user was reading, which needs every page's real height.
      if (this.rendered > this.initialLength) this.page.classList.add('md-page-done');
      const page = el('div', 'md-page');
      this.page.after(page);
      this.page = page;
    }
    this.page.append(this.tail.element);
  }
}
