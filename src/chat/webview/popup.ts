/**
 * The suggestion list over the input (files after `@`, commands after `/`): a listbox whose active option the
 * textarea names with aria-activedescendant, so focus never leaves the input. Up/Down move, Enter or Tab choose,
 * Escape closes; the mouse chooses with a click.
 */
import { el, icon } from './dom';

export interface SuggestionItem {
  readonly icon: string;
  /** Shown bold: a file's name, a command. */
  readonly label: string;
  /** Shown dimmed after it: a directory, a description. */
  readonly detail?: string;
  /** A small hint at the end (e.g. `open`). */
  readonly badge?: string;
  readonly title?: string;
}

export interface PopupContent {
  readonly items: readonly SuggestionItem[];
  /** What the list says when it has no items. */
  readonly empty: string;
  readonly label: string;
  choose(index: number): void;
  /** Closed with Escape. */
  dismissed(): void;
}

export class SuggestionPopup {
  private content: PopupContent | undefined;
  private options: HTMLElement[] = [];
  private active = 0;

  constructor(private readonly root: HTMLElement, private readonly input: HTMLTextAreaElement) {
    input.setAttribute('aria-controls', root.id);
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    // The input keeps the focus (and its caret) while the mouse is used on the list.
    root.addEventListener('mousedown', (event) => event.preventDefault());
    root.addEventListener('click', (event) => {
      const index = this.indexAt(event.target);
      if (index !== undefined) this.choose(index);
    });
    root.addEventListener('mousemove', (event) => {
      const index = this.indexAt(event.target);
      if (index !== undefined && index !== this.active) this.setActive(index, false);
    });
  }

  get isOpen(): boolean {
    return this.content !== undefined;
  }

  show(content: PopupContent): void {
    const previous = this.content && this.options[this.active]?.dataset.key;
    this.content = content;
    this.root.setAttribute('aria-label', content.label);
    this.options = content.items.map((item, index) => this.option(item, index));
    this.root.replaceChildren(...(this.options.length ? this.options : [el('div', 'suggestion-empty', content.empty)]));
    this.root.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    // The same item stays active when the list is refreshed as the user types.
    const kept = previous === undefined ? -1 : this.options.findIndex((o) => o.dataset.key === previous);
    this.setActive(Math.max(kept, 0), true);
  }

  close(): void {
    if (!this.content) return;
    this.content = undefined;
    this.options = [];
    this.root.hidden = true;
    this.root.replaceChildren();
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  /** Handles a key of the input while the list is open; true when the key was the list's (nothing else may act on it). */
  handleKey(event: KeyboardEvent): boolean {
    const content = this.content;
    if (!content || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return false;
    const count = this.options.length;
    switch (event.key) {
      case 'ArrowDown':
        if (count) this.setActive((this.active + 1) % count, true);
        return true;
      case 'ArrowUp':
        if (count) this.setActive((this.active - 1 + count) % count, true);
        return true;
      case 'Enter':
      case 'Tab':
        if (event.shiftKey) return false;
        if (count) this.choose(this.active);
        else this.close();
        return true;
      case 'Escape':
        this.close();
        content.dismissed();
        return true;
      default:
        return false;
    }
  }

  private choose(index: number): void {
    const content = this.content;
    if (!content || index < 0 || index >= content.items.length) return;
    this.close();
    content.choose(index);
  }

  private setActive(index: number, reveal: boolean): void {
    this.options[this.active]?.setAttribute('aria-selected', 'false');
    this.active = index;
    const option = this.options[index];
    if (!option) {
      this.input.removeAttribute('aria-activedescendant');
      return;
    }
    option.setAttribute('aria-selected', 'true');
    this.input.setAttribute('aria-activedescendant', option.id);
    if (reveal) option.scrollIntoView({ block: 'nearest' });
  }

  private option(item: SuggestionItem, index: number): HTMLElement {
    const option = el('div', 'suggestion');
    option.id = `${this.root.id}-${index}`;
    option.setAttribute('role', 'option');
    option.setAttribute('aria-selected', 'false');
    option.dataset.index = String(index);
    option.dataset.key = `${item.label}\n${item.detail ?? ''}`;
    if (item.title) option.title = item.title;
    option.append(icon(item.icon), el('span', 'suggestion-label', item.label));
    if (item.detail) option.append(el('span', 'suggestion-detail', item.detail));
    if (item.badge) option.append(el('span', 'suggestion-badge', item.badge));
    return option;
  }

  private indexAt(target: EventTarget | null): number | undefined {
    const option = target instanceof Element ? target.closest<HTMLElement>('[role="option"]') : null;
    if (!option || !this.root.contains(option)) return undefined;
    return Number(option.dataset.index);
  }
}
