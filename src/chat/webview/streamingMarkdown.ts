/**
 * One answer's Markdown as it streams, at a cost per chunk that does not grow with the answer:
 * - text before the last block boundary (MarkdownBlockSplitter) is rendered once into its own element and never
 *   touched again;
 * - the short tail after it is re-rendered, at most once per animation frame;
 * - a fenced code block still open is shown as plain text appended as it comes, and highlighted once it closes (a
 *   1,500-line block re-highlighted per frame made the view fall 15 s behind the stream).
 * Markdown that spans a blank line (a loose list) is rendered as separate pieces; that is the price.
 */
import { MarkdownBlockSplitter } from '../../core/chat/markdownBlocks';
import { el } from './dom';
import { renderMarkdown } from './markdown';

interface LiveCode {
  readonly start: number;
  readonly root: HTMLElement;
  readonly code: HTMLElement;
  /** Offset of the source shown in `code` so far. */
  shown: number;
}

export class StreamingMarkdown {
  private readonly splitter = new MarkdownBlockSplitter();
  /** Offset of the text already rendered into stable blocks. */
  private rendered = 0;
  private readonly tail: HTMLElement;
  private live: LiveCode | undefined;
  private frame: number | undefined;

  constructor(private readonly root: HTMLElement, initial = '') {
    this.tail = el('div', 'md-block md-tail');
    root.replaceChildren(this.tail);
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
  }

  private render(final: boolean): void {
    const source = this.splitter.source;
    const stable = this.splitter.stableLength;
    if (stable > this.rendered) {
      const block = el('div', 'md-block');
      block.append(renderMarkdown(source.slice(this.rendered, stable)));
      this.root.insertBefore(block, this.tail);
      this.rendered = stable;
    }
    const fence = final ? undefined : this.splitter.openFence;
    if (this.live && this.live.start !== fence?.start) {
      this.live.root.remove();
      this.live = undefined;
    }
    this.tail.replaceChildren(renderMarkdown(source.slice(this.rendered, fence ? fence.start : source.length)));
    if (!fence) return;
    if (!this.live) {
      const root = el('div', 'md-block md-live');
      root.append(renderMarkdown(`\`\`\`${fence.language}\n\`\`\`\n`));
      const code = root.querySelector<HTMLElement>('code') ?? root;
      code.replaceChildren();
      this.live = { start: fence.start, root, code, shown: fence.bodyStart };
      this.root.append(root);
    }
    if (source.length > this.live.shown) {
      this.live.code.append(document.createTextNode(source.slice(this.live.shown)));
      this.live.shown = source.length;
    }
  }
}
