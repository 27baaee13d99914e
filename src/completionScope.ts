/**
 * Which documents completions may read: never a secrets file (whatever the settings say), nor one matching the
 * exclude globs (matched with VS Code's own glob engine), nor one of a language switched off. Decided once per
 * document and settings, not per keystroke.
 */
import * as vscode from 'vscode';
import { isSecretPath } from './core/secretFiles';
import { languageEnabled } from './core/settings';
import { ConfigService } from './config';
import { documentLanguage } from './documentLanguage';

export type FileScope = 'on' | 'language-off' | 'excluded';

/**
 * Whether an exclude glob matches a document. VS Code matches a glob string against the absolute path, where
 * `generated/**` or `*.sql` never match; they are read as in a `.gitignore`: one without a `/` (`*.sql`) names files
 * at any depth, one with a `/` (`generated/**`) is relative to the document's workspace folder (anywhere, for a file
 * outside every folder).
 */
function matchesGlob(pattern: string, document: vscode.TextDocument): boolean {
  if (pattern.startsWith('**') || pattern.startsWith('/') || /^[A-Za-z]:[\\/]/.test(pattern)) return vscode.languages.match({ pattern }, document) > 0;
  const folder = pattern.includes('/') ? vscode.workspace.getWorkspaceFolder(document.uri) : undefined;
  const relative = folder ? new vscode.RelativePattern(folder, pattern) : `**/${pattern}`;
  return vscode.languages.match({ pattern: relative }, document) > 0;
}

export class CompletionScope implements vscode.Disposable {
  /** Whether a document matches an exclude glob (its URI never changes; a renamed file is a new document). */
  private excluded = new WeakMap<vscode.TextDocument, boolean>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly config: ConfigService) {
    const forget = (): void => {
      this.excluded = new WeakMap();
    };
    // A relative glob is matched in the document's workspace folder: another set of folders can change the answer.
    this.subscription = vscode.Disposable.from(config.onDidChange(forget), vscode.workspace.onDidChangeWorkspaceFolders(forget));
  }

  of(document: vscode.TextDocument): FileScope {
    const settings = this.config.settings.completions;
    let excluded = this.excluded.get(document);
    if (excluded === undefined) {
      // A workspace's own exclude list replaces the default one (VS Code does not merge arrays): the secrets files
      // stay out all the same.
      excluded = isSecretPath(document.uri.path) || settings.exclude.some((pattern) => matchesGlob(pattern, document));
      this.excluded.set(document, excluded);
    }
    if (excluded) return 'excluded';
    // The language can change on an open document, so that part is looked up each time (one map lookup).
    return languageEnabled(settings.languages, documentLanguage(document)) ? 'on' : 'language-off';
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
