/**
 * What the view shows, kept in the webview state (vscode.setState) so that a view shown again or a reloaded window
 * shows its conversation at once, before the host's `restore` arrives. Checked on load with the protocol's own
 * validator (a state from an older version, or none, gives no snapshot). Written at once on the events that
 * matter, and at most about once a second while an answer streams (setState serializes everything).
 */
import { HostMessage, ViewChatMessage, ViewContextChip, isHostMessage } from '../protocol';

export type RestoreMessage = Extract<HostMessage, { type: 'restore' }>;

export interface ViewSnapshot {
  readonly draft: string;
  readonly editing: boolean;
  /** The draft put aside while the last question is edited: back in the input when the edit is cancelled. */
  readonly draftBeforeEdit: string;
  readonly sessionId: string;
  readonly title: string;
  readonly model: string;
  readonly hasKey: boolean;
  readonly messages: readonly ViewChatMessage[];
  readonly context: readonly ViewContextChip[];
  /** The scroll offset where the user was reading, when not at the end. */
  readonly readingAt?: number;
  /** Answers whose reasoning the user unfolded. */
  readonly unfolded?: readonly string[];
}

export interface LoadedState {
  readonly draft: string;
  readonly editing: boolean;
  /** '' when not editing (or saved by a version that did not keep it). */
  readonly draftBeforeEdit: string;
  readonly readingAt?: number;
  readonly unfolded: readonly string[];
  /** The conversation last shown, as a restore message (absent: nothing to show until the host's). */
  readonly view?: RestoreMessage;
}

export function loadSnapshot(state: unknown): LoadedState {
  if (typeof state !== 'object' || state === null) return { draft: '', editing: false, draftBeforeEdit: '', unfolded: [] };
  const s = state as Partial<Record<keyof ViewSnapshot, unknown>>;
  const draft = typeof s.draft === 'string' ? s.draft : '';
  const readingAt = typeof s.readingAt === 'number' && Number.isFinite(s.readingAt) && s.readingAt >= 0 ? s.readingAt : undefined;
  const unfolded = Array.isArray(s.unfolded) ? s.unfolded.filter((id): id is string => typeof id === 'string') : [];
  const view = {
    type: 'restore',
    sessionId: s.sessionId,
    title: s.title,
    messages: s.messages,
    hasKey: s.hasKey,
    busy: Array.isArray(s.messages) && s.messages.some((m: { state?: unknown }) => m?.state === 'streaming'),
    model: s.model,
    context: s.context,
  };
  if (!isHostMessage(view) || view.type !== 'restore') return { draft, editing: false, draftBeforeEdit: '', unfolded: [] };
  const editing = s.editing === true;
  const draftBeforeEdit = editing && typeof s.draftBeforeEdit === 'string' ? s.draftBeforeEdit : '';
  return { draft, editing, draftBeforeEdit, view, readingAt, unfolded };
}

/**
 * Whether a draft restored from the view's saved state is the start of a question sent after that state was saved:
 * the state a window reload brings back can be older than the last one written (the web workbench persists it
 * when it gets to), while the host's conversation is current. Such a draft was consumed: it must not come back.
 */
export function draftWasSent(draft: string, saved: RestoreMessage | undefined, current: RestoreMessage): boolean {
  const asked = (messages: readonly { role: string }[]): number => messages.filter((m) => m.role === 'user').length;
  const text = draft.trim();
  // The host's conversation must go on from the saved one (its first messages the same), with more questions.
  const continues = (before: RestoreMessage): boolean => before.messages.every((m, i) => current.messages[i]?.id === m.id);
  if (!text || (saved && (!continues(saved) || asked(saved.messages) >= asked(current.messages)))) return false;
  const last = [...current.messages].reverse().find((m) => m.role === 'user');
  return last !== undefined && last.content.startsWith(text);
}

/** The same messages (by id) in both: the conversation a saved state showed is the one the host restores. */
export function sameConversation(saved: RestoreMessage | undefined, current: RestoreMessage): boolean {
  return saved !== undefined && saved.messages.length === current.messages.length && saved.messages.every((m, i) => m.id === current.messages[i].id);
}

const STREAMING_INTERVAL_MS = 1000;
/** Typing: the draft is saved this long after a keystroke (not per keystroke: the state holds the conversation too). */
export const DRAFT_DELAY_MS = 250;

export class StateSaver {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly write: () => void) {}

  now(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.write();
  }

  /** At most once per interval (while streaming; `DRAFT_DELAY_MS` while typing). */
  soon(intervalMs = STREAMING_INTERVAL_MS): void {
    this.timer ??= setTimeout(() => this.now(), intervalMs);
  }
}
