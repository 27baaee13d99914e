/**
 * The language the extension takes a document to be in: VS Code's, or, for code it shows as plain text because no
 * extension for its language is installed, its file extension's (core/completion/fileLanguage.ts). Completions
 * switch on it and write their prompt's comments in it; chat fences the user's code with it.
 */
import * as vscode from 'vscode';
import { completionLanguage } from './core/completion/fileLanguage';

export function documentLanguage(document: vscode.TextDocument): string {
  return completionLanguage(document.languageId, document.isUntitled ? undefined : document.uri.path);
}
