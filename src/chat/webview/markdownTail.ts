/**
 * The tail of a streaming answer (the text after its last block boundary: a paragraph, a list or a table as it
 * grows), rendered again at every frame, but only where its HTML changed. The source is parsed whole (markdown-it is
 * cheap) and its HTML compared part by part with what is shown (the tail's blocks, a list's items, a table's rows, a
 * row's cells); only parts that differ are sanitized and replaced, and a chunk that only lengthens the last run of
 * text (most chunks of prose) is appended to its text node. Sanitizing (DOMPurify parses the HTML into a document of
 * its own) and laying out a whole table again at every chunk was the costliest part of streaming.
 *
 * The elements are exactly those of a render of the whole source: the HTML is cut only between elements (markdown-it
 * renders its tokens one after another: the parts join into the whole), each part is parsed inside its ancestors'
 * tags, and a part whose nodes do not come out as one element (and a line break) is rendered with its parent.
 */
import { tokenSpans } from '../../core/chat/markdownBlocks';
import { ParsedMarkdown, parseMarkdown, sanitized } from './markdown';

/** A part of the shown HTML and the nodes that show it. */
interface Part {
  html: string;
  /** Its element, and the text node of the line break after it when its HTML ends with one. */
  readonly nodes: readonly ChildNode[];
  /** An element whose content is made of parts too (a list, a table, a row): its own tags and those parts. */
  readonly open?: string;
  readonly close?: string;
  children?: Part[];
}

interface Span {
  readonly from: number;
  readonly to: number;
  readonly html: string;
}

/** Tags around a part's content, and the parts' shape: one element, then maybe a line break. */
const OPEN_TAG = /^<[a-z][a-z0-9]*(?:\s[^<>]*)?>\n?$/;
const CLOSE_TAG = /^<\/[a-z][a-z0-9]*>\n?$/;
const ONE_ELEMENT = /^<[^]*>\n?$/;

function spansOf(parsed: ParsedMarkdown, from: number, to: number): Span[] {
  return tokenSpans(parsed.tokens, from, to).map(([start, end]) => ({ from: start, to: end, html: parsed.html(start, end) }));
}

const isLineBreak = (node: ChildNode | undefined): boolean => node?.nodeType === Node.TEXT_NODE && node.textContent === '\n';

/** The parts of `spans`, shown by `nodes` (all of them, in order); undefined when the nodes are not as expected. */
function partsOf(nodes: readonly ChildNode[], parsed: ParsedMarkdown, spans: readonly Span[]): Part[] | undefined {
  const parts: Part[] = [];
  let at = 0;
  for (const span of spans) {
    const lineBreak = span.html.endsWith('\n');
    const element = nodes[at];
    if (!ONE_ELEMENT.test(span.html) || !(element instanceof Element) || (lineBreak && !isLineBreak(nodes[at + 1]))) return undefined;
    const count = lineBreak ? 2 : 1;
    parts.push({ html: span.html, nodes: nodes.slice(at, at + count), ...innerParts(element, parsed, span) });
    at += count;
  }
  return at === nodes.length ? parts : undefined;
}

/** When `element` (showing `span`) is a list, a table, a row...: its tags and the parts of its content. */
function innerParts(element: Element, parsed: ParsedMarkdown, span: Span): Pick<Part, 'open' | 'close' | 'children'> {
  if (parsed.tokens[span.from].nesting !== 1 || span.to - span.from < 2) return {};
  const open = parsed.html(span.from, span.from + 1);
  const close = parsed.html(span.to - 1, span.to);
  if (!OPEN_TAG.test(open) || !CLOSE_TAG.test(close)) return {};
  const inner = Array.from(element.childNodes);
  const skip = open.endsWith('\n') ? 1 : 0;
  if (skip && !isLineBreak(inner[0])) return {};
  const children = partsOf(inner.slice(skip), parsed, spansOf(parsed, span.from + 1, span.to - 1));
  return children ? { open, close, children } : {};
}

/** New parts to show at the end of `container`, in a frame's batch (all of a frame's are sanitized in one go). */
interface Pending {
  readonly container: ParentNode;
  readonly context: readonly Part[];
  readonly spans: readonly Span[];
  /** The parts of `container`, to which the new ones are added. */
  readonly parts: Part[];
}

/**
 * `old`, shown as the last nodes of `container`, updated to `spans`: unchanged parts kept, the first changed one
 * updated part by part when its tags are the same, the others removed; the new ones are left to `batch`.
 */
function update(container: ParentNode, old: readonly Part[], parsed: ParsedMarkdown, spans: readonly Span[], context: readonly Part[], batch: Pending[]): Part[] {
  const parts: Part[] = [];
  let k = 0;
  while (k < spans.length && k < old.length && old[k].html === spans[k].html) parts.push(old[k++]);
  const changed = old[k];
  const span = spans[k];
  const element = changed?.nodes[0];
  if (changed?.children && span && element instanceof Element && parsed.tokens[span.from].nesting === 1 &&
      parsed.html(span.from, span.from + 1) === changed.open && parsed.html(span.to - 1, span.to) === changed.close) {
    changed.html = span.html;
    changed.children = update(element, changed.children, parsed, spansOf(parsed, span.from + 1, span.to - 1), [...context, changed], batch);
    parts.push(changed);
    k++;
  }
  for (const part of old.slice(k)) for (const node of part.nodes) node.remove();
  if (k < spans.length) batch.push({ container, context, spans: spans.slice(k), parts });
  return parts;
}

/**
 * The batch's parts parsed and sanitized in one call (DOMPurify parses each call's HTML into a new document: most of
 * a small update's cost), each inside its ancestors' tags, and shown. False when their nodes are not as expected.
 */
function showBatch(batch: readonly Pending[], parsed: ParsedMarkdown): boolean {
  if (!batch.length) return true;
  const html = batch.map(({ context, spans }) =>
    `<div>${context.map((c) => c.open).join('')}${spans.map((s) => s.html).join('')}${context.map((c) => c.close).reverse().join('')}</div>`);
  const wrappers = Array.from(sanitized(html.join('')).children);
  if (wrappers.length !== batch.length) return false;
  return batch.every((pending, i) => {
    let container: Element | null = wrappers[i];
    for (let depth = 0; depth < pending.context.length && container; depth++) container = container.firstElementChild;
    if (!container) return false;
    const nodes = Array.from(container.childNodes);
    const skip = pending.context[pending.context.length - 1]?.open?.endsWith('\n') ? 1 : 0;
    const added = partsOf(nodes.slice(skip), parsed, pending.spans);
    if (!added) return false;
    pending.container.append(...nodes.slice(skip));
    pending.parts.push(...added);
    return true;
  });
}

/** HTML after the end of a text run that a chunk only lengthened: the closing tags (and line breaks) after it. */
const CLOSING = /^(?:<\/[a-z][a-z0-9]*>|\n)+$/;
/** Text as markdown-it escapes it (no tags). */
const PLAIN = /^(?:[^<>&]|&(?:amp|lt|gt|quot);)*$/;
const unescape = (html: string): string => html.replace(/&(amp|lt|gt|quot);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[name] ?? '');

/**
 * The text node in `root` that ends right before `closing` (closing tags and line breaks, as at the end of its HTML),
 * if the nodes are as that HTML says.
 */
function textBefore(root: ParentNode, closing: string): Text | undefined {
  let container: ParentNode = root;
  let at = container.childNodes.length;
  for (const token of (closing.match(/<\/[a-z0-9]+>|\n/g) ?? []).reverse()) {
    const node: ChildNode | undefined = container.childNodes[--at];
    if (token === '\n') {
      if (!isLineBreak(node)) return undefined;
    } else {
      if (!(node instanceof Element) || `</${node.localName}>` !== token) return undefined;
      container = node;
      at = node.childNodes.length;
    }
  }
  const text = container.childNodes[at - 1];
  return text instanceof Text ? text : undefined;
}

export class MarkdownTail {
  private source = '';
  private html = '';
  /** The parts shown; undefined when they could not be told apart (the tail is then rendered whole). */
  private parts: Part[] | undefined = [];

  constructor(readonly element: HTMLElement) {}

  show(source: string): void {
    if (source === this.source) return;
    this.source = source;
    const parsed = parseMarkdown(source);
    const spans = spansOf(parsed, 0, parsed.tokens.length);
    const html = spans.map((s) => s.html).join('');
    if (html === this.html) return;
    if (this.parts && this.lengthen(html, parsed, spans, this.parts)) {
      this.html = html;
      return;
    }
    this.html = html;
    if (this.parts) {
      const batch: Pending[] = [];
      const parts = update(this.element, this.parts, parsed, spans, [], batch);
      if (showBatch(batch, parsed)) {
        this.parts = parts;
        return;
      }
    }
    const fragment = sanitized(html);
    this.parts = partsOf(Array.from(fragment.childNodes), parsed, spans);
    this.element.replaceChildren(fragment);
  }

  /**
   * The usual chunk of prose: `html` is the shown HTML with text added at the end of its last text run (before
   * closing tags only). That text is appended to the text node (nothing to parse, sanitize or build); the parts'
   * HTML follows. False for any other change.
   */
  private lengthen(html: string, parsed: ParsedMarkdown, spans: readonly Span[], parts: Part[]): boolean {
    const old = this.html;
    let start = 0;
    while (start < old.length && old[start] === html[start]) start++;
    const rest = old.slice(start);
    const added = html.slice(start, html.length - rest.length);
    if (!html.endsWith(rest) || !added || old[start - 1] === '>' || !CLOSING.test(rest) || !PLAIN.test(added)) return false;
    const text = textBefore(this.element, rest);
    const run = old.slice(old.lastIndexOf('>', start - 1) + 1, start);
    if (!text || text.data !== unescape(run)) return false;
    // Only the last part at each depth holds the text: their HTML becomes the new one.
    const chain: [Part, Span][] = [];
    for (let level = parts, levelSpans = spans; ;) {
      if (level.length !== levelSpans.length || level.some((p, i) => i < level.length - 1 && p.html !== levelSpans[i].html)) return false;
      const part = level[level.length - 1];
      const span = levelSpans[levelSpans.length - 1];
      if (!part) break;
      chain.push([part, span]);
      if (!part.children) break;
      level = part.children;
      levelSpans = spansOf(parsed, span.from + 1, span.to - 1);
    }
    text.appendData(unescape(added));
    for (const [part, span] of chain) part.html = span.html;
    return true;
  }
}
