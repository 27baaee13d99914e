/**
 * Chat sessions of this workspace, kept in VS Code's workspaceState (one key, written whole: VS Code's storage
 * replaces a key's value at once, so a crash leaves the previous or the next version, never half of one). An answer
 * being streamed is saved at most once per `saveInterval` (500 ms for a history of normal size), so that a window
 * reloaded mid-answer keeps what had arrived (`parseStore` loads a `streaming` answer as `stopped`).
 */
import type * as vscode from 'vscode';
import {
  ChatSession,
  ChatStore,
  STORE_VERSION,
  deleteSession,
  emptyStore,
  findSession,
  parseStore,
  putSession,
  storedForm,
  renameSession,
  sessionsByRecent,
  storedVersion,
} from '../core/chat/session';

const STORE_KEY = 'fireworks.chat.store';
const CURRENT_KEY = 'fireworks.chat.currentSession';
/** Sessions kept per workspace (the oldest go first). */
const MAX_SESSIONS = 50;
export const SAVE_INTERVAL_MS = 500;
/** The longest a streaming answer waits to be saved (a crash loses at most this much of it). */
export const MAX_SAVE_INTERVAL_MS = 4_000;
/** Characters of history written per SAVE_INTERVAL_MS at most while an answer streams (see saveInterval). */
const CHARS_PER_INTERVAL = 250_000;

/**
 * How long a streaming answer waits to be saved: every write carries the whole store (one key) over the channel
 * the answer's deltas also take, so a large history is written less often: 500 ms up to 250,000 characters, then
 * longer in proportion, at most MAX_SAVE_INTERVAL_MS.
 */
export function saveInterval(store: ChatStore): number {
  let chars = 0;
  for (const session of store.sessions) {
    for (const m of session.messages) chars += m.content.length + (m.reasoning?.length ?? 0) + (m.context ?? []).reduce((n, a) => n + a.text.length, 0);
  }
  return Math.min(MAX_SAVE_INTERVAL_MS, SAVE_INTERVAL_MS * Math.max(1, Math.ceil(chars / CHARS_PER_INTERVAL)));
}

export class ChatHistory implements vscode.Disposable {
  private store: ChatStore;
  /** A history written by a newer version of the extension is read, never overwritten. */
  private readonly readOnly: boolean;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Sessions deleted in this window: an answer that ends after the delete must not bring its session back. */
  private readonly deletedIds = new Set<string>();
  /**
   * Titles given by the user in this window, with the titles they replaced: a later `put` of a copy taken before
   * the rename (the controller's, mid-answer) keeps the new title. Any other title in a `put` is taken as given.
   */
  private readonly renamed = new Map<string, { title: string; stale: Set<string> }>();

  constructor(private readonly memento: vscode.Memento) {
    const raw = memento.get<unknown>(STORE_KEY);
    this.store = raw === undefined ? emptyStore() : parseStore(raw);
    this.readOnly = (storedVersion(raw) ?? STORE_VERSION) > STORE_VERSION;
  }

  /** The session the view shows: the one last used, if it is still there. */
  currentSession(): ChatSession | undefined {
    const id = this.memento.get<string>(CURRENT_KEY);
    return id ? findSession(this.store, id) : undefined;
  }

  /** This workspace's sessions, most recently used first. */
  sessions(): ChatSession[] {
    return sessionsByRecent(this.store);
  }

  /** Makes a stored session the current one; undefined (and nothing changes) when there is no such session. */
  select(id: string): ChatSession | undefined {
    const session = findSession(this.store, id);
    if (session && this.memento.get<string>(CURRENT_KEY) !== id) this.markCurrent(id);
    return session;
  }

  /** Renames a session and writes; a blank title or an unknown id changes nothing. The list order stays. */
  async rename(id: string, title: string): Promise<ChatSession | undefined> {
    const old = findSession(this.store, id)?.title;
    this.store = renameSession(this.store, id, title);
    const session = findSession(this.store, id);
    if (old === undefined || !session || session.title === old) return session;
    const entry = this.renamed.get(id) ?? { title: session.title, stale: new Set<string>() };
    entry.stale.add(old);
    entry.stale.delete(session.title);
    entry.title = session.title;
    this.renamed.set(id, entry);
    await this.save();
    return session;
  }

  /** Removes a session and writes; when it was the current one, none is current any more. False: no such session. */
  async delete(id: string): Promise<boolean> {
    const before = this.store;
    this.store = deleteSession(this.store, id);
    if (this.store === before) return false;
    this.deletedIds.add(id);
    this.renamed.delete(id);
    if (this.memento.get<string>(CURRENT_KEY) === id) await this.memento.update(CURRENT_KEY, undefined);
    await this.save();
    return true;
  }

  /**
   * Replaces (or adds) a session and makes it the current one; `soon` waits up to SAVE_INTERVAL_MS to write. A
   * session deleted in this window stays deleted, and a title renamed in this window is not undone by a copy taken
   * before the rename.
   */
  put(given: ChatSession, when: 'now' | 'soon'): void {
    if (this.deletedIds.has(given.id)) return;
    const renamed = this.renamed.get(given.id);
    const session = renamed?.stale.has(given.title) ? { ...given, title: renamed.title } : given;
    // Images by name only: their bytes stay with the window (core/chat/images.ts).
    this.store = putSession(this.store, storedForm(session));
    if (this.store.sessions.length > MAX_SESSIONS) {
      const kept = [...this.store.sessions].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, MAX_SESSIONS);
      this.store = { version: STORE_VERSION, sessions: this.store.sessions.filter((s) => kept.includes(s)) };
    }
    if (this.memento.get<string>(CURRENT_KEY) !== session.id) this.markCurrent(session.id);
    if (when === 'now') void this.save();
    else this.timer ??= setTimeout(() => void this.save(), saveInterval(this.store));
  }

  /** Which session is current, written without waiting (a failed write only means another is shown next time). */
  private markCurrent(id: string): void {
    Promise.resolve(this.memento.update(CURRENT_KEY, id)).catch(() => undefined);
  }

  /** No session is current: the view starts empty until the next question. */
  async clearCurrent(): Promise<void> {
    await this.memento.update(CURRENT_KEY, undefined);
  }

  /** Writes now (also what a pending `soon` does); writes never overlap. */
  save(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.readOnly) return this.writing;
    const snapshot = this.store;
    this.writing = this.writing.then(() => this.memento.update(STORE_KEY, snapshot)).catch(() => undefined);
    return this.writing;
  }

  dispose(): void {
    if (this.timer !== undefined) void this.save();
  }
}
