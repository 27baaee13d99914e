/**
 * The context waiting for the next question, as chips above the input: the editor's selection (automatic: it
 * follows the editor, and looks it), files chosen with `@`, the current file. Each has a remove button.
 */
import type { ViewContextChip } from '../protocol';
import { CUT_TITLE, attachmentIcon, attachmentLabel, cutMarker } from './attachments';
import { el, iconButton } from './dom';

export class ContextChips {
  constructor(private readonly root: HTMLElement, private readonly remove: (id: string) => void) {}

  show(chips: readonly ViewContextChip[]): void {
    this.root.replaceChildren(...chips.map((chip) => this.chip(chip)));
    this.root.hidden = chips.length === 0;
  }

  private chip(chip: ViewContextChip): HTMLElement {
    const label = attachmentLabel(chip);
    const root = el('span', `context-chip${chip.automatic ? ' automatic' : ''}`);
    root.setAttribute('role', 'listitem');
    root.dataset.id = chip.id;
    const lines = [chip.path];
    if (chip.automatic) lines.push("The editor's current selection: it follows the editor");
    if (chip.truncated) lines.push(CUT_TITLE);
    root.title = lines.join('\n');
    root.append(attachmentIcon(chip), el('span', 'chip-label', label));
    if (chip.truncated) root.append(cutMarker());
    const remove = iconButton('close', `Remove ${label}`, 'chip-remove');
    remove.addEventListener('click', () => this.remove(chip.id));
    root.append(remove);
    return root;
  }
}
