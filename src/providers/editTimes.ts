/**
 * When each document last changed, as the extension host saw it. The debounce counts from the keystroke, and VS Code
 * calls the provider some time after it (50 ms by its own debounce, more in a remote window): the provider tells the
 * pipeline how long ago the edit was, so the request does not leave later than the setting says.
 */
import * as vscode from 'vscode';

export class EditTimes implements vscode.Disposable {
  private readonly last = new WeakMap<vscode.TextDocument, number>();
  private readonly subscription = vscode.workspace.onDidChangeTextDocument((event) => {
    if (event.contentChanges.length) this.last.set(event.document, Date.now());
  });

  /** Milliseconds since the document's last edit, or undefined when unknown. */
  sinceLastEdit(document: vscode.TextDocument): number | undefined {
    const at = this.last.get(document);
    return at === undefined ? undefined : Date.now() - at;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
