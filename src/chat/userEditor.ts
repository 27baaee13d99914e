/**
 * The editor the user last worked in, as code from the chat must see it. While the chat's review diff is open, its
 * sides are the active editor, with a selection of their own (line 1): Insert at Cursor would edit the read-only
 * proposed side and Apply would go to the top of the file. Remembered instead: the last editor of the user's own,
 * with its selections, shown again when asked for.
 */
import * as vscode from 'vscode';
import { PROPOSED_SCHEME } from './applyReview';

interface Place {
  readonly uri: vscode.Uri;
  readonly viewColumn: vscode.ViewColumn | undefined;
  readonly selections: readonly vscode.Selection[];
}

/** An editor of a file the user works in: not output, not either side of a diff tab. */
function isUsersOwn(editor: vscode.TextEditor): boolean {
  const scheme = editor.document.uri.scheme;
  if (scheme === PROPOSED_SCHEME || scheme === 'output' || scheme === 'vscode-scm') return false;
  return !(vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff);
}

export class UserEditor implements vscode.Disposable {
  private last: Place | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    const note = (editor: vscode.TextEditor | undefined): void => {
      if (editor && isUsersOwn(editor)) this.last = { uri: editor.document.uri, viewColumn: editor.viewColumn, selections: editor.selections };
    };
    note(vscode.window.activeTextEditor);
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(note),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor === vscode.window.activeTextEditor) note(event.textEditor);
      }),
    ];
  }

  /** That editor, brought back where a review covers it, its selections as the user left them. */
  async show(): Promise<vscode.TextEditor | undefined> {
    const last = this.last;
    const active = vscode.window.activeTextEditor;
    if (!last) return active && isUsersOwn(active) ? active : undefined;
    if (active && active.document.uri.toString() === last.uri.toString() && isUsersOwn(active)) return active;
    const editor = await vscode.workspace.openTextDocument(last.uri).then(
      (document) => vscode.window.showTextDocument(document, { viewColumn: last.viewColumn, preview: false }),
      () => undefined,
    );
    if (editor) editor.selections = [...last.selections];
    return editor;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
