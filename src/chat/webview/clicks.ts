/**
 * Clicks inside answers: links never navigate the webview (the host opens http(s) links in the browser), and the
 * Copy / Insert / Apply / New File buttons of code blocks send the block's text (and the fence's language, or the
 * answer it is in) to the host.
 */
import type { ViewMessage } from '../protocol';
import { icon } from './dom';

/** How long a Copy button shows its check mark. */
const COPIED_MS = 1500;
const copiedTimers = new WeakMap<HTMLButtonElement, ReturnType<typeof setTimeout>>();

/** What a click inside an answer landed on: a link, or a code block's button with the block it acts on. */
export type ClickTarget =
  | { readonly kind: 'link'; readonly href: string | null }
  | { readonly kind: 'codeAction'; readonly action: string | undefined; readonly code: string; readonly language: string; readonly answerId: string };

/**
 * The message a click sends to the host. Only a primary click (`click`: the left button, Enter or Space) acts: a
 * middle or right click arrives as `auxclick`, which is listened to only to keep links from navigating.
 */
export function clickMessage(target: ClickTarget, eventType: string): ViewMessage | undefined {
  if (eventType !== 'click') return undefined;
  if (target.kind === 'link') return target.href ? { type: 'openLink', href: target.href } : undefined;
  const { action, code } = target;
  if (action === 'copy') return { type: 'copyCode', code };
  if (action === 'insert') return { type: 'insertCode', code };
  if (action === 'apply') return { type: 'applyCode', code, answerId: target.answerId };
  if (action === 'newfile') return { type: 'newFile', code, language: target.language };
  return undefined;
}

export function handleClicks(root: HTMLElement, post: (message: ViewMessage) => void): void {
  const onClick = (event: MouseEvent): void => {
    const target = event.target instanceof Element ? event.target : null;
    const link = target?.closest('a');
    if (link) {
      // Handled here, and kept from VS Code's own webview link handler (which listens on the window, later).
      event.preventDefault();
      event.stopPropagation();
      const message = clickMessage({ kind: 'link', href: link.getAttribute('href') }, event.type);
      if (message) post(message);
      return;
    }
    const button = target?.closest<HTMLButtonElement>('button.code-action');
    if (!button) return;
    const block = button.closest<HTMLElement>('.code-block');
    const message = clickMessage(
      {
        kind: 'codeAction',
        action: button.dataset.action,
        code: block?.querySelector('code')?.textContent ?? '',
        language: block?.dataset.language ?? '',
        answerId: button.closest<HTMLElement>('.message.answer')?.dataset.id ?? '',
      },
      event.type,
    );
    if (!message) return;
    post(message);
    if (message.type === 'copyCode') {
      // A check for a moment, then the copy icon again (counted from the last click, however many came).
      clearTimeout(copiedTimers.get(button));
      button.replaceChildren(icon('check'));
      copiedTimers.set(button, setTimeout(() => button.replaceChildren(icon('copy')), COPIED_MS));
    }
  };
  root.addEventListener('click', onClick);
  root.addEventListener('auxclick', onClick);
}
