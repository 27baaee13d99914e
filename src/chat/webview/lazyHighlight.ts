/**
 * Highlighting of long code blocks, a piece at a time (codePieces), one piece per task: the block is shown as
 * plain text at once and colours fill in within a few frames, while streaming, scrolling and typing go on. Short
 * blocks are highlighted while rendering (markdown.ts), as before.
 */
import DOMPurify from 'dompurify';
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
}

const queue: Job[] = [];
let scheduled = false;

const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function runNext(): void {
  scheduled = false;
  // Pieces whose block was replaced meanwhile (a re-rendered tail) are dropped unseen.
  let job = queue.shift();
  while (job && !job.target.isConnected) job = queue.shift();
  if (job) job.target.replaceChildren(DOMPurify.sanitize(highlight(job.code, job.language, escapeText), { RETURN_DOM_FRAGMENT: true }));
  if (queue.length) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(runNext, 0);
}

/** Queues the long blocks `markdown.ts` left plain in `root`, each cut into pieces shown as plain text until their turn. */
export function highlightLater(root: ParentNode): void {
  for (const code of Array.from(root.querySelectorAll<HTMLElement>(`code[${LAZY_ATTRIBUTE}]`))) {
    const language = code.getAttribute(LAZY_ATTRIBUTE) ?? '';
    code.removeAttribute(LAZY_ATTRIBUTE);
    const spans = codePieces(code.textContent ?? '').map((piece) => {
      const span = document.createElement('span');
      span.textContent = piece;
      queue.push({ target: span, code: piece, language });
      return span;
    });
    code.replaceChildren(...spans);
  }
  if (queue.length) schedule();
}
