/**
 * Other files the user is working with, most recent first, for snippets in the prompt: open editors and recently
 * edited documents. Never the current document, never a file completions are off for (excluded globs, secrets, a
 * language switched off).
 * Read only after the debounce, when a request is about to be made.
 */
import * as vscode from 'vscode';
import { SNIPPET_CAPS, SourceFile } from './core/completion/snippets';
import { CompletionScope } from './completionScope';
import { documentLanguage } from './documentLanguage';
import { workspacePath } from './workspacePath';

/**
 * The start of a document, as much as snippets look at (SNIPPET_CAPS): this runs before every request, and a whole
 * copy of a 30 MB log or dump open in another tab would cost tens of milliseconds each time.
 */
function snippetSource(document: vscode.TextDocument): string {
  const lines = Math.min(document.lineCount, SNIPPET_CAPS.maxFileLines);
  let end = 0;
  for (let chars = 0; end < lines && chars <= SNIPPET_CAPS.maxFileChars; end++) chars += document.lineAt(end).text.length + 1;
  const text = document.getText(new vscode.Range(0, 0, end, 0));
  return text.length > SNIPPET_CAPS.maxFileChars ? text.slice(0, SNIPPET_CAPS.maxFileChars) : text;
}

export class OtherFiles implements vscode.Disposable {
  /** Document URIs, most recently edited or focused first. */
  private recent: string[] = [];
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly scope: CompletionScope) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length) this.touch(event.document.uri);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.touch(editor.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.recent = this.recent.filter((key) => key !== document.uri.toString());
      }),
    ];
  }

  private touch(uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.recent[0] === key) return;
    this.recent = [key, ...this.recent.filter((k) => k !== key)].slice(0, SNIPPET_CAPS.maxFiles * 2);
  }

  files(currentDocumentKey: string | undefined): SourceFile[] {
    const open = new Map<string, vscode.TextDocument>();
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled' && document.uri.scheme !== 'vscode-remote') continue;
      open.set(document.uri.toString(), document);
    }
    const visible = vscode.window.visibleTextEditors.map((e) => e.document.uri.toString());
    const order = [...this.recent, ...visible, ...open.keys()];
    const seen = new Set<string>();
    const files: SourceFile[] = [];
    for (const key of order) {
      if (seen.has(key) || key === currentDocumentKey) continue;
      seen.add(key);
      const document = open.get(key);
      // Nothing from a file completions are off for: excluded (secrets among them), or of a language switched off.
      if (!document || this.scope.of(document) !== 'on') continue;
      const path = workspacePath(document.uri);
      files.push({ path, languageId: documentLanguage(document), text: snippetSource(document), recency: files.length });
      if (files.length >= SNIPPET_CAPS.maxFiles) break;
    }
    return files;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
