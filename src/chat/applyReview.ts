/**
 * Code from the chat applied to a file is first shown as a diff: the file as it is, beside it as it would be. The diff
 * editor's title bar has Apply and Discard (also in the command palette while a review is open, and on the message
 * that says so); nothing changes until Apply, which refuses a file edited since and then leaves one undo step.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

export const PROPOSED_SCHEME = 'fireworks-proposed';
export const APPLY_COMMAND = 'fireworks.applyProposed';
export const DISCARD_COMMAND = 'fireworks.discardProposed';
const REVIEWING = 'fireworks.reviewingCode';

interface Pending {
  readonly target: vscode.Uri;
  readonly version: number;
  readonly range: vscode.Range;
  readonly text: string;
  readonly proposed: vscode.Uri;
  readonly content: string;
}

export class ApplyReview implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private pending: Pending | undefined;
  /** Reviews are prepared and opened one after the other (a double click on Apply: the second replaces the first). */
  private queue: Promise<void> = Promise.resolve();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registrations: vscode.Disposable[];

  constructor() {
    this.registrations = [
      vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, this),
      vscode.commands.registerCommand(APPLY_COMMAND, () => this.apply()),
      vscode.commands.registerCommand(DISCARD_COMMAND, () => this.end()),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.pending?.proposed.toString() === uri.toString() ? this.pending.content : '';
  }

  /** Runs `prepare` (which finds the place and calls `show`) after any review still being prepared or opened. */
  oneAtATime(prepare: () => Promise<void>): Promise<void> {
    const done = this.queue.then(prepare);
    this.queue = done.catch(() => undefined);
    return done;
  }

  /** Shows `text` in place of `range` of `document` as a diff to review; `where` says what it replaces. */
  async show(document: vscode.TextDocument, range: vscode.Range, text: string, where: string): Promise<void> {
    await this.end(); // one review at a time: a new one replaces the last
    const before = document.getText();
    const content = before.slice(0, document.offsetAt(range.start)) + text + before.slice(document.offsetAt(range.end));
    const proposed = vscode.Uri.from({ scheme: PROPOSED_SCHEME, path: document.uri.path, query: `v${document.version}-${Date.now()}` });
    this.pending = { target: document.uri, version: document.version, range, text, proposed, content };
    this.changed.fire(proposed);
    await vscode.commands.executeCommand('setContext', REVIEWING, true);
    const name = path.basename(document.uri.path) || 'file';
    await vscode.commands.executeCommand('vscode.diff', document.uri, proposed, `${name} ↔ code from the chat (${where})`, { preview: false });
    void vscode.window
      .showInformationMessage(`Fireworks: review the change to ${name}, then apply or discard it (also in the diff's title bar).`, 'Apply', 'Discard')
      .then((choice) => {
        if (this.pending?.proposed.toString() !== proposed.toString()) return;
        if (choice === 'Apply') void this.apply();
        else if (choice === 'Discard') void this.end();
      });
  }

  private async apply(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    await this.end();
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === pending.target.toString());
    if (!document || document.version !== pending.version) {
      void vscode.window.showWarningMessage('Fireworks: the file changed after the code was shown; nothing was applied. Apply the code again.');
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(pending.target, pending.range, pending.text);
    if (!(await vscode.workspace.applyEdit(edit))) return;
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const start = new vscode.Position(pending.range.start.line, 0);
    editor.selection = new vscode.Selection(start, start);
    editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Ends the review: the diff closes, nothing is applied. */
  private async end(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    await vscode.commands.executeCommand('setContext', REVIEWING, false);
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === pending.proposed.toString());
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }

  dispose(): void {
    for (const registration of this.registrations) registration.dispose();
    this.changed.dispose();
  }
}
