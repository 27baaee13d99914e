/**
 * An answer's reasoning, folded above it: "Thinking…" with a spinner while it streams, "Thought process" once the
 * answer itself begins or ends. Streamed text is appended as text nodes (a chunk costs the same however long the
 * reasoning already is); collapsed by default.
 */
import { el, icon } from './dom';

export class ReasoningView {
  readonly root: HTMLDetailsElement;
  private readonly label: HTMLElement;
  private readonly spinner: HTMLElement;
  private readonly text: HTMLElement;
  private thinking = false;

  constructor(initial: string, thinking: boolean) {
    this.root = el('details', 'reasoning');
    const summary = el('summary');
    this.label = el('span', 'reasoning-label');
    this.spinner = icon('loading', 'codicon-modifier-spin reasoning-spinner');
    summary.append(icon('chevron-right', 'reasoning-chevron'), this.label, this.spinner);
    this.text = el('div', 'reasoning-text', initial);
    this.root.append(summary, this.text);
    this.setThinking(thinking);
  }

  append(text: string): void {
    this.text.append(text);
  }

  /** The reasoning is over (the answer started, or the turn ended). */
  done(): void {
    this.setThinking(false);
  }

  private setThinking(thinking: boolean): void {
    if (thinking === this.thinking && this.label.textContent) return;
    this.thinking = thinking;
    this.label.textContent = thinking ? 'Thinking…' : 'Thought process';
    this.spinner.hidden = !thinking;
  }
}
