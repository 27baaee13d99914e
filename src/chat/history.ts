/**
 * Chat sessions of this workspace, kept in VS Code's workspaceState (one key, written whole: VS Code's storage
 * replaces a key's value at once, so a crash leaves the previous or the next version, never half of one). An answer
 * being streamed is saved at most once per `SAVE_INTERVAL_MS`, so that a window reloaded mid-answer keeps what had
 * arrived (`parseStore` loads a `streaming` answer as `stopped`).
 */
import * as vscode from 'vscode';
import { ChatSession, ChatStore, STORE_VERSION, emptyStore, findSession, parseStore, putSession, storedVersion } from '../core/chat/session';

const STORE_KEY = 'fireworks.chat.store';
const CURRENT_KEY = 'fireworks.chat.currentSession';
/** Sessions kept per workspace (the oldest go first). */
const MAX_SESSIONS = 50;
export const SAVE_INTERVAL_MS = 500;

export class ChatHistory implements vscode.Disposable {
  private store: ChatStore;
  /** A history written by a newer version of the extension is read, never overwritten. */
  private readonly readOnly: boolean;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();

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

  /** Replaces (or adds) a session and makes it the current one; `soon` waits up to SAVE_INTERVAL_MS to write. */
  put(session: ChatSession, when: 'now' | 'soon'): void {
    this.store = putSession(this.store, session);
    if (this.store.sessions.length > MAX_SESSIONS) {
      const kept = [...this.store.sessions].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, MAX_SESSIONS);
      this.store = { version: STORE_VERSION, sessions: this.store.sessions.filter((s) => kept.includes(s)) };
    }
    if (this.memento.get<string>(CURRENT_KEY) !== session.id) void this.memento.update(CURRENT_KEY, session.id);
    if (when === 'now') void this.save();
    else this.timer ??= setTimeout(() => void this.save(), SAVE_INTERVAL_MS);
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
