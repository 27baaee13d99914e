/**
 * The input and its toolbar: Enter sends, Shift+Enter is a new line; Send and Stop; Add Context (`@`), Attach
 * Current File and the model button; `@` and `/` suggestions (completions.ts); editing the last question (a banner,
 * Escape or its button cancels, the next Send resends it in place of the old one).
 */
import type { ViewFileSuggestion } from '../protocol';
import { InputCompletions } from './completions';
import { required } from './dom';
import { SuggestionPopup } from './popup';

export interface ComposerEvents {
  send(text: string, edit: boolean): void;
  stop(): void;
  /** The draft or the editing flag changed (what the view's state keeps). */
  draftChanged(): void;
  /** Editing the last question started or ended. */
  editingChanged(editing: boolean): void;
  mentionQuery(query: string): void;
  addFile(path: string): void;
  addCurrentFile(): void;
  chooseModel(): void;
}

const MAX_INPUT_HEIGHT_PX = 200;
const EDIT_PLACEHOLDER = 'Edit your question…';

export class Composer {
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly contextButtons: HTMLButtonElement[];
  private readonly modelButton: HTMLButtonElement;
  private readonly modelName: HTMLElement;
  private readonly banner: HTMLElement;
  private readonly completions: InputCompletions;
  private readonly placeholder: string;
  private busy = false;
  private enabled = true;
  private editingQuestion = false;
  /** The draft put aside while the last question is edited; back when editing is cancelled. */
  private draftBeforeEdit = '';

  constructor(root: HTMLElement, private readonly events: ComposerEvents) {
    this.input = required<HTMLTextAreaElement>('textarea', root);
    this.placeholder = this.input.placeholder;
    this.sendButton = required<HTMLButtonElement>('button.send', root);
    this.stopButton = required<HTMLButtonElement>('button.stop', root);
    const addContext = required<HTMLButtonElement>('button.add-context', root);
    const attachFile = required<HTMLButtonElement>('button.attach-file', root);
    // Attach Image has its own handler (imageInput.ts); it is here to be disabled with the others.
    this.contextButtons = [addContext, attachFile, required<HTMLButtonElement>('button.attach-image', root)];
    this.modelButton = required<HTMLButtonElement>('button.model', root);
    this.modelName = required<HTMLElement>('.model-name', this.modelButton);
    this.banner = required<HTMLElement>('.edit-banner', root);
    this.completions = new InputCompletions(this.input, new SuggestionPopup(required<HTMLElement>('.suggestions', root), this.input), {
      mentionQuery: (query) => events.mentionQuery(query),
      addFile: (path) => events.addFile(path),
      textChanged: () => this.changed(),
    });

    root.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (event) => this.onKey(event));
    this.input.addEventListener('input', () => this.changed());
    this.input.addEventListener('click', () => this.completions.update());
    this.input.addEventListener('keyup', (event) => {
      if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) this.completions.update();
    });
    this.input.addEventListener('blur', () => this.completions.close());
    this.stopButton.addEventListener('click', () => events.stop());
    addContext.addEventListener('click', () => this.insertMention());
    attachFile.addEventListener('click', () => events.addCurrentFile());
    this.modelButton.addEventListener('click', () => events.chooseModel());
    required<HTMLButtonElement>('button.cancel-edit', this.banner).addEventListener('click', () => {
      this.cancelEditing();
      this.focus();
    });
  }

  get draft(): string {
    return this.input.value;
  }

  set draft(text: string) {
    this.input.value = text;
    this.fit();
    this.refresh();
  }

  get editing(): boolean {
    return this.editingQuestion;
  }

  /** The draft put aside while the last question is edited (what the view's state keeps with the flag). */
  get draftAside(): string {
    return this.draftBeforeEdit;
  }

  /** Puts text in the input (the host's setDraft) with the caret at its end. */
  setDraft(text: string): void {
    this.draft = text;
    this.focus();
    this.input.setSelectionRange(text.length, text.length);
    this.events.draftChanged();
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.refresh();
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.input.disabled = !enabled;
    for (const button of this.contextButtons) button.disabled = !enabled;
    if (!enabled) this.completions.close();
    this.refresh();
  }

  setModel(model: string): void {
    const short = model.split('/').pop() || model;
    this.modelName.textContent = short || 'Model';
    this.modelButton.title = model || 'Choose Model';
  }

  focus(): void {
    this.input.focus();
  }

  mentionResults(query: string, files: readonly ViewFileSuggestion[]): void {
    this.completions.mentionResults(query, files);
  }

  /** Edit and Resend: the question goes into the input; the next Send replaces it. */
  startEditing(question: string): void {
    if (!this.editingQuestion) this.draftBeforeEdit = this.input.value;
    this.setEditing(true);
    this.setDraft(question);
  }

  cancelEditing(): void {
    if (!this.editingQuestion) return;
    this.setEditing(false);
    this.draft = this.draftBeforeEdit;
    this.draftBeforeEdit = '';
    this.events.draftChanged();
  }

  /**
   * Restores the editing flag from the view's saved state (the text is the draft), with the draft put aside: the view
   * is not kept while hidden, and cancelling the edit after it is shown again must still bring that draft back.
   */
  restoreEditing(editing: boolean, draftBeforeEdit = ''): void {
    this.setEditing(editing);
    this.draftBeforeEdit = editing ? draftBeforeEdit : '';
  }

  private setEditing(editing: boolean): void {
    if (editing === this.editingQuestion) return;
    this.editingQuestion = editing;
    this.banner.hidden = !editing;
    this.input.placeholder = editing ? EDIT_PLACEHOLDER : this.placeholder;
    this.events.editingChanged(editing);
  }

  private onKey(event: KeyboardEvent): void {
    if (this.completions.handleKey(event)) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    } else if (event.key === 'Escape' && this.editingQuestion && !event.isComposing) {
      event.preventDefault();
      event.stopPropagation();
      this.cancelEditing();
    }
  }

  /** Add Context: `@` at the caret (after a space if needed), which opens the file list. */
  private insertMention(): void {
    const { value, selectionStart, selectionEnd } = this.input;
    const space = selectionStart > 0 && !/\s/.test(value[selectionStart - 1]) ? ' ' : '';
    this.input.focus();
    this.input.setRangeText(`${space}@`, selectionStart, selectionEnd, 'end');
    this.changed();
  }

  private changed(): void {
    this.fit();
    this.refresh();
    this.completions.update();
    this.events.draftChanged();
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (!text || this.busy || !this.enabled) return;
    const edit = this.editingQuestion;
    this.input.value = '';
    this.draftBeforeEdit = '';
    this.setEditing(false);
    this.completions.close();
    this.fit();
    this.refresh();
    this.events.draftChanged();
    this.events.send(text, edit);
  }

  private refresh(): void {
    // A button hidden while it has the focus would drop it to the page: a keyboard user's next key would go nowhere.
    const focused = document.activeElement;
    this.sendButton.hidden = this.busy;
    this.stopButton.hidden = !this.busy;
    if (focused === this.sendButton && this.busy) this.stopButton.focus();
    else if (focused === this.stopButton && !this.busy) this.input.focus();
    this.sendButton.disabled = !this.enabled || !this.input.value.trim();
  }

  /** Grows with its text up to a limit (CSSOM, which the view's CSP allows, unlike style attributes). */
  private fit(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, MAX_INPUT_HEIGHT_PX)}px`;
  }
}
