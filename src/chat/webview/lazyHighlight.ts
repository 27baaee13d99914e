/**
 * Highlighting of long code blocks, a piece at a time (codePieces), in tasks of their own: the block is shown as
 * plain text at once and colours fill in within a few frames, while streaming, scrolling and typing go on. Short
 * blocks are highlighted while rendering (markdown.ts), except those that close while an answer streams: they come
 * here too, as one piece, so that the frame that closes a block does not also highlight it. A piece takes two tasks:
 * highlighting it, then building its elements (each step takes about as long as the other).
 */
import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/core';
import { codePieces } from '../../core/chat/codePieces';
import { highlight } from './highlight';

/** Blocks longer than this are highlighted piece by piece (about 100 lines of code). */
export const LAZY_HIGHLIGHT_CHARS = 4_000;

/** The attribute markdown.ts puts on a long block's `<code>` instead of highlighting it: the language. */
export const LAZY_ATTRIBUTE = 'data-lazy-language';

interface Job {
  readonly target: HTMLElement;
  readonly code: string;
  readonly language: string;
  /** The code highlighted, once done (it is shown by a task of its own: each step takes about as long). */
  html?: string;
}

const queue: Job[] = [];
let scheduled = false;

const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'" };
/** What highlight.js writes: spans with a class, their ends, the entities it escapes text with; and anything else. */
const HIGHLIGHTED = /<span class="([\w .:-]*)">|<\/span>|&(amp|lt|gt|quot|#x27);|[<>&]/g;

/**
 * highlight.js's HTML as the elements it stands for, built with DOM calls: the code only ever becomes text nodes.
 * Undefined for anything but spans with a class and escaped text (then DOMPurify parses it, as it did all of it
 * before: that took longer than highlighting, 0.6–1.3 ms against 0.3–0.9 ms for a 35-line block).
 */
function highlightedNodes(html: string): DocumentFragment | undefined {
  const fragment = document.createDocumentFragment();
  const open: ParentNode[] = [fragment];
  let text = '';
  let at = 0;
  const flush = (): void => {
    if (text) open[open.length - 1].append(document.createTextNode(text));
    text = '';
  };
  for (const match of html.matchAll(HIGHLIGHTED)) {
    text += html.slice(at, match.index);
    at = match.index + match[0].length;
    if (match[2] !== undefined) {
      text += ENTITIES[match[2]];
      continue;
    }
    flush();
    if (match[1] !== undefined) {
      const span = document.createElement('span');
      span.className = match[1];
      open[open.length - 1].append(span);
      open.push(span);
    } else if (match[0] === '</span>' && open.length > 1) {
      open.pop();
    } else {
      return undefined;
    }
  }
  text += html.slice(at);
  flush();
  return open.length === 1 ? fragment : undefined;
}

function runNext(): void {
  scheduled = false;
  // Pieces whose block was replaced meanwhile (a re-rendered tail) are dropped unseen.
  let job = queue.shift();
  while (job && !job.target.isConnected) job = queue.shift();
  if (job && job.html === undefined) {
    job.html = highlight(job.code, job.language, escapeText);
    queue.unshift(job);
  } else if (job?.html !== undefined) {
    job.target.replaceChildren(highlightedNodes(job.html) ?? DOMPurify.sanitize(job.html, { RETURN_DOM_FRAGMENT: true }));
  }
  if (queue.length) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(runNext, 0);
}

/** Queues `code`'s text to be highlighted in `language`, a piece at a time; each piece stays plain until its turn. */
function enqueue(code: HTMLElement, language: string): void {
  const text = code.textContent ?? '';
  // A block short enough to have been highlighted while rendering is highlighted whole, as it would have been.
  const pieces = text.length > LAZY_HIGHLIGHT_CHARS ? codePieces(text) : [text];
  if (pieces.length === 1) {
    // One piece: highlighted in place, the same elements as a block highlighted while rendering.
    queue.push({ target: code, code: pieces[0], language });
    return;
  }
  const spans = pieces.map((piece) => {
    const span = document.createElement('span');
    span.textContent = piece;
    queue.push({ target: span, code: piece, language });
    return span;
  });
  code.replaceChildren(...spans);
}

/** Queues the long blocks `markdown.ts` left plain in `root`. */
export function highlightLater(root: ParentNode): void {
  for (const code of Array.from(root.querySelectorAll<HTMLElement>(`code[${LAZY_ATTRIBUTE}]`))) {
    const language = code.getAttribute(LAZY_ATTRIBUTE) ?? '';
    code.removeAttribute(LAZY_ATTRIBUTE);
    enqueue(code, language);
  }
  if (queue.length) schedule();
}

/** Queues a code block shown plain as it streamed, now closed (a language highlight.ts knows). */
export function highlightCodeLater(code: HTMLElement, language: string): void {
  enqueue(code, language);
  schedule();
}

/** A little code of most kinds, highlighted once per language to have its grammar compiled. */
const WARM_UP_CODE = 'x = f(1, "s") // c\n';
let warmedUp = false;

/**
 * highlight.js compiles a language's grammar the first time it highlights in it: 3–30 ms, which made the first
 * code block in each language the slowest task while an answer streamed. Done here instead, once per view when its
 * first answer is shown: one language per idle callback, all within about a second (each a task of its own), so
 * that highlighting a closed block takes about a millisecond.
 */
export function warmUpHighlighter(): void {
  if (warmedUp || typeof requestIdleCallback !== 'function') return;
  warmedUp = true;
  for (const language of hljs.listLanguages()) requestIdleCallback(() => highlight(WARM_UP_CODE, language, escapeText), { timeout: 1000 });
}
