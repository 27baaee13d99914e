/** How a piece of context is named in the view: `name:start-end`, `name:line` or `name`, its icon and its cut marker. */
import type { ViewAttachment } from '../protocol';
import { el, icon } from './dom';

export function attachmentLabel(a: ViewAttachment): string {
  const name = a.path.split(/[\\/]/).pop() || a.path;
  if (a.startLine === undefined) return name;
  return a.endLine !== undefined && a.endLine !== a.startLine ? `${name}:${a.startLine}-${a.endLine}` : `${name}:${a.startLine}`;
}

export function attachmentIcon(a: ViewAttachment): HTMLElement {
  return icon(a.kind === 'image' ? 'file-media' : a.kind === 'file' ? 'file' : 'selection');
}

export const CUT_TITLE = 'Too long for the context budget: only its first part is sent';

/** Shown on an attachment cut to the budget. */
export function cutMarker(): HTMLElement {
  const marker = el('span', 'cut', 'partial');
  marker.title = CUT_TITLE;
  return marker;
}

/** A sent question's attachment (`.attachment`): icon, label, cut marker; the full path as tooltip. */
export function renderAttachment(a: ViewAttachment): HTMLElement {
  const chip = el('span', 'attachment');
  chip.title = a.truncated ? `${a.path}\n${CUT_TITLE}` : a.path;
  chip.append(attachmentIcon(a), el('span', 'attachment-label', attachmentLabel(a)));
  if (a.truncated) chip.append(cutMarker());
  return chip;
}
