/** The input: Enter sends, Shift+Enter is a new line; Send and Stop; the draft survives the view being hidden. */
import { required } from './dom';

export interface ComposerEvents {
  send(text: string): void;
  stop(): void;
  draftChanged(text: string): void;
}

const MAX_INPUT_HEIGHT_PX = 200;

export class Composer {
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private busy = false;
  private enabled = true;

  constructor(root: HTMLElement, private readonly events: ComposerEvents) {
    this.input = required<HTMLTextAreaElement>('textarea', root);
    this.sendButton = required<HTMLButtonElement>('button.send', root);
    this.stopButton = required<HTMLButtonElement>('button.stop', root);
    root.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => {
      this.fit();
      this.refresh();
      this.events.draftChanged(this.input.value);
    });
    this.stopButton.addEventListener('click', () => this.events.stop());
  }

  set draft(text: string) {
    this.input.value = text;
    this.fit();
    this.refresh();
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.refresh();
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.input.disabled = !enabled;
    this.refresh();
  }

  focus(): void {
    this.input.focus();
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (!text || this.busy || !this.enabled) return;
    this.input.value = '';
    this.fit();
    this.refresh();
    this.events.draftChanged('');
    this.events.send(text);
  }

  private refresh(): void {
    this.sendButton.hidden = this.busy;
    this.stopButton.hidden = !this.busy;
    this.sendButton.disabled = !this.enabled || !this.input.value.trim();
  }

  /** Grows with its text up to a limit (CSSOM, which the view's CSP allows, unlike style attributes). */
  private fit(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, MAX_INPUT_HEIGHT_PX)}px`;
  }
}
