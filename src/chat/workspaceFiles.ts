/**
 * The workspace's files for `@` in the chat input: listed once with findFiles (build output and dependencies left
 * out) and listed again only after files are created or deleted; open editors come first (matchFiles).
 */
import * as vscode from 'vscode';
import { FileCandidate, matchFiles } from '../core/chat/fileMatch';
import { isSecretPath } from '../core/secretFiles';
import type { ViewFileSuggestion } from './protocol';

const LEFT_OUT_FOLDERS = ['node_modules', '.git', 'dist', 'out', 'build', 'target', '.venv', 'venv', '__pycache__', '.next', 'coverage'];
const EXCLUDE = `**/{${LEFT_OUT_FOLDERS.join(',')}}/**`;
/** A path inside one of the folders the listing leaves out. */
const LEFT_OUT = new RegExp(`/(?:${LEFT_OUT_FOLDERS.map((f) => f.replace(/\./g, '\\.')).join('|')})/`);
const MAX_FILES = 20_000;

export class WorkspaceFiles implements vscode.Disposable {
  private listing: Promise<Map<string, vscode.Uri>> | undefined;
  private readonly watcher: vscode.FileSystemWatcher;

  constructor() {
    this.watcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    // A build writing its output would otherwise throw the listing away at every file, for folders it leaves out.
    const forget = (uri: vscode.Uri): void => {
      if (!LEFT_OUT.test(uri.path)) this.listing = undefined;
    };
    this.watcher.onDidCreate(forget);
    this.watcher.onDidDelete(forget);
  }

  async suggest(query: string): Promise<ViewFileSuggestion[]> {
    const [files, open] = await Promise.all([this.files(), Promise.resolve(this.openFiles())]);
    // Secrets files by their whole path too (a workspace opened at ~/.ssh): matchFiles sees only the relative one.
    const shown = (entries: Map<string, vscode.Uri>, isOpen: boolean): FileCandidate[] =>
      [...entries].filter(([, uri]) => !isSecretPath(uri.path)).map(([path]) => ({ path, open: isOpen }));
    const candidates: FileCandidate[] = [...shown(open, true), ...shown(files, false)];
    return matchFiles(query, candidates);
  }

  /** The file a suggestion named (an open editor's document, or a workspace file). */
  async resolve(path: string): Promise<vscode.Uri | undefined> {
    return this.openFiles().get(path) ?? (await this.files()).get(path);
  }

  private files(): Promise<Map<string, vscode.Uri>> {
    this.listing ??= Promise.resolve(vscode.workspace.findFiles('**/*', EXCLUDE, MAX_FILES)).then(
      (uris) => new Map(uris.map((uri) => [vscode.workspace.asRelativePath(uri, true), uri])),
      () => new Map<string, vscode.Uri>(),
    );
    return this.listing;
  }

  private openFiles(): Map<string, vscode.Uri> {
    const open = new Map<string, vscode.Uri>();
    for (const tab of vscode.window.tabGroups.all.flatMap((group) => group.tabs)) {
      if (!(tab.input instanceof vscode.TabInputText)) continue;
      const uri = tab.input.uri;
      if (uri.scheme !== 'file' && uri.scheme !== 'untitled' && uri.scheme !== 'vscode-remote') continue;
      open.set(uri.scheme === 'untitled' ? uri.path : vscode.workspace.asRelativePath(uri, true), uri);
    }
    return open;
  }

  dispose(): void {
    this.watcher.dispose();
  }
}
