/**
 * When each document changed, as the extension host saw it. The debounce counts from the keystroke, and VS Code
 * calls the provider some time after it (50 ms by its own debounce, more in a remote window): the provider tells the
 * pipeline how long ago the edit was, so the request does not leave later than the setting says. Every edit is
 * also kept until the next provider call, for the typing rhythm: VS Code skips the call for a key typed within its
 * own 50 ms, so the gaps between calls alone would make a fast typist look slow.
 */
import * as vscode from 'vscode';

/** Edits kept per document between two provider calls (a burst longer than this keeps its last ones). */
const MAX_PENDING = 32;

export class EditTimes implements vscode.Disposable {
  private readonly last = new WeakMap<vscode.TextDocument, number>();
  private readonly pending = new WeakMap<vscode.TextDocument, number[]>();
  private readonly subscription = vscode.workspace.onDidChangeTextDocument((event) => {
    if (!event.contentChanges.length) return;
    const now = Date.now();
    this.last.set(event.document, now);
    const times = this.pending.get(event.document) ?? [];
    times.push(now);
    if (times.length > MAX_PENDING) times.shift();
    this.pending.set(event.document, times);
  });

  /** Milliseconds since the document's last edit, or undefined when unknown. */
  sinceLastEdit(document: vscode.TextDocument): number | undefined {
    const at = this.last.get(document);
    return at === undefined ? undefined : Date.now() - at;
  }

  /** The times (Date.now()) of the document's edits since the last time this was asked, oldest first. */
  takeEdits(document: vscode.TextDocument): number[] {
    const times = this.pending.get(document) ?? [];
    this.pending.delete(document);
    return times;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
