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

export function handleClicks(root: HTMLElement, post: (message: ViewMessage) => void): void {
  const onClick = (event: MouseEvent): void => {
    const target = event.target instanceof Element ? event.target : null;
    const link = target?.closest('a');
    if (link) {
      // Handled here, and kept from VS Code's own webview link handler (which listens on the window, later).
      event.preventDefault();
      event.stopPropagation();
      const href = link.getAttribute('href');
      if (href && event.type === 'click') post({ type: 'openLink', href });
      return;
    }
    const button = target?.closest<HTMLButtonElement>('button.code-action');
    if (!button) return;
    const block = button.closest<HTMLElement>('.code-block');
    const code = block?.querySelector('code')?.textContent ?? '';
    if (button.dataset.action === 'copy') {
      post({ type: 'copyCode', code });
      // A check for a moment, then the copy icon again (counted from the last click, however many came).
      clearTimeout(copiedTimers.get(button));
      button.replaceChildren(icon('check'));
      copiedTimers.set(button, setTimeout(() => button.replaceChildren(icon('copy')), COPIED_MS));
    } else if (button.dataset.action === 'insert') {
      post({ type: 'insertCode', code });
    } else if (button.dataset.action === 'apply') {
      post({ type: 'applyCode', code, answerId: button.closest<HTMLElement>('.message.answer')?.dataset.id ?? '' });
    } else if (button.dataset.action === 'newfile') {
      post({ type: 'newFile', code, language: block?.dataset.language ?? '' });
    }
  };
  root.addEventListener('click', onClick);
  root.addEventListener('auxclick', onClick);
}
