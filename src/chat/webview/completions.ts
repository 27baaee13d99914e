/**
 * Suggestions while typing in the input: `/` + letters as the whole input offers the slash commands; `@word` before
 * the caret (the `@` at the start or after a space) asks the host for matching files (debounced) and offers those
 * of the latest answer. Choosing a command fills `/name `; choosing a file removes `@word` and adds it as context.
 * Both share one SuggestionPopup; Escape closes it until the user starts another `@` or `/`.
 */
import { matchingSlashCommands } from '../../core/chat/slashCommands';
import type { ViewFileSuggestion } from '../protocol';
import { SuggestionItem, SuggestionPopup } from './popup';

const MENTION_DEBOUNCE_MS = 80;

type Trigger =
  | { readonly kind: 'slash'; readonly key: string }
  | { readonly kind: 'mention'; readonly key: string; readonly start: number; readonly end: number; readonly query: string };

/** What the text around the caret asks for, if anything. */
export function findTrigger(text: string, caret: number): Trigger | undefined {
  if (caret === text.length && matchingSlashCommands(text).length) return { kind: 'slash', key: 'slash' };
  const mention = /(?:^|\s)@([^\s@]*)$/.exec(text.slice(Math.max(0, caret - 300), caret));
  if (!mention || (caret > 300 && mention.index === 0 && !/\s/.test(mention[0][0]))) return undefined;
  const query = mention[1];
  const start = caret - query.length - 1;
  return { kind: 'mention', key: `mention:${start}`, start, end: caret, query };
}

export interface CompletionEvents {
  mentionQuery(query: string): void;
  addFile(path: string): void;
  /** The input's text was changed here (a choice was made). */
  textChanged(): void;
}

function fileItem(file: ViewFileSuggestion): SuggestionItem {
  const slash = file.path.lastIndexOf('/');
  return {
    icon: 'file',
    label: file.path.slice(slash + 1),
    detail: slash > 0 ? file.path.slice(0, slash) : undefined,
    badge: file.open ? 'open' : undefined,
    title: file.path,
  };
}

export class InputCompletions {
  private trigger: Trigger | undefined;
  /** The trigger closed with Escape: not offered again until another one starts. */
  private dismissed: string | undefined;
  /** The last query sent to the host: only its results are shown. */
  private asked: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly input: HTMLTextAreaElement,
    private readonly popup: SuggestionPopup,
    private readonly events: CompletionEvents,
  ) {}

  /** After the text or the caret changed. */
  update(): void {
    const { value, selectionStart, selectionEnd } = this.input;
    const trigger = selectionStart === selectionEnd && !this.input.disabled ? findTrigger(value, selectionStart) : undefined;
    if (trigger?.key !== this.dismissed) this.dismissed = undefined;
    this.trigger = trigger && trigger.key !== this.dismissed ? trigger : undefined;
    if (this.trigger?.kind === 'slash') this.showCommands();
    else if (this.trigger?.kind === 'mention') this.ask(this.trigger.query);
    else this.close();
  }

  mentionResults(query: string, files: readonly ViewFileSuggestion[]): void {
    if (query !== this.asked || this.trigger?.kind !== 'mention') return;
    this.popup.show({
      items: files.map(fileItem),
      empty: query ? `No files match ${query}` : 'No files found',
      label: 'Files',
      choose: (index) => this.chooseFile(files[index].path),
      dismissed: () => this.dismiss(),
    });
  }

  handleKey(event: KeyboardEvent): boolean {
    return this.popup.handleKey(event);
  }

  close(): void {
    this.trigger = undefined;
    this.asked = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.popup.close();
  }

  private dismiss(): void {
    this.dismissed = this.trigger?.key;
    this.close();
  }

  private ask(query: string): void {
    if (query === this.asked && this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.asked = query;
      this.events.mentionQuery(query);
    }, MENTION_DEBOUNCE_MS);
  }

  private showCommands(): void {
    const commands = matchingSlashCommands(this.input.value);
    this.popup.show({
      items: commands.map((c) => ({ icon: 'wand', label: `/${c.name}`, detail: c.description })),
      empty: 'No commands',
      label: 'Commands',
      choose: (index) => this.setText(`/${commands[index].name} `, Infinity),
      dismissed: () => this.dismiss(),
    });
  }

  private chooseFile(path: string): void {
    const trigger = this.trigger;
    this.close();
    if (trigger?.kind === 'mention') {
      const value = this.input.value;
      let before = value.slice(0, trigger.start);
      const after = value.slice(trigger.end);
      // `see @fo and` → `see and`, not `see  and`.
      if (/\s$/.test(before) && (after === '' || /^\s/.test(after))) before = before.slice(0, -1);
      this.setText(before + after, before.length);
    }
    this.events.addFile(path);
  }

  private setText(text: string, caret: number): void {
    this.input.value = text;
    const at = Math.min(caret, text.length);
    this.input.setSelectionRange(at, at);
    this.events.textChanged();
  }
}
