/**
 * Code from the editor as chat attachments: the active editor's selection, or a whole document, each cut to a
 * budget at a line boundary (the prompt builder trims further to the model's context, and says so).
 */
import * as vscode from 'vscode';
import type { ContextAttachment } from '../core/chat/session';
import { isSecretPath } from '../core/secretFiles';
import { documentLanguage } from '../documentLanguage';
import { workspacePath } from '../workspacePath';
import { headAtLine } from '../core/wholeCharacters';

/** A selection beyond this is cut. */
export const MAX_SELECTION_CHARS = 200_000;

/**
 * A whole file beyond this is cut to its head: about 10k tokens, a third of a 32k context, so that two files and a
 * conversation still fit. The chip says so.
 */
export const MAX_FILE_CHARS = 40_000;

/** The head of `text` within `max` characters, ending at a line boundary where that keeps most of it. */
function head(text: string, max: number): { text: string; truncated: boolean } {
  return { text: headAtLine(text, max), truncated: text.length > max };
}

/** The path shown (and sent) for a document: workspace-relative (workspacePath.ts), or the name of an untitled one. */
export function displayPath(document: vscode.TextDocument): string {
  return document.isUntitled ? document.fileName : workspacePath(document.uri, false);
}

/** The lines a selection covers, 1-based and inclusive (a selection ending at column 0 leaves that line out). */
export function selectionLines(selection: vscode.Selection): { startLine: number; endLine: number } {
  const endLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line : selection.end.line + 1;
  return { startLine: selection.start.line + 1, endLine };
}

/**
 * A secrets file (`.env*`, keys, credentials: core/secretFiles.ts) never goes to the model: its selection is not
 * offered, and attaching it is refused with this message.
 */
export function secretRefusal(document: vscode.TextDocument): string | undefined {
  const path = displayPath(document);
  // The whole path: a workspace opened at ~/.ssh has `config` and `known_hosts` at its root.
  return isSecretPath(document.uri.path) || isSecretPath(path) ? `${path} looks like a secrets file: it is not sent to the model.` : undefined;
}

/** The editor's selection as an attachment; none for an empty one, or one in a secrets file. */
export function selectionAttachment(editor: vscode.TextEditor | undefined): ContextAttachment | undefined {
  if (!editor || editor.selection.isEmpty || secretRefusal(editor.document)) return undefined;
  const document = editor.document;
  const text = document.getText(editor.selection);
  if (!text.trim()) return undefined;
  const cut = head(text, MAX_SELECTION_CHARS);
  return { kind: 'selection', path: displayPath(document), languageId: documentLanguage(document), ...cut, ...selectionLines(editor.selection), uri: document.uri.toString() };
}

export function fileAttachment(document: vscode.TextDocument): ContextAttachment {
  return { kind: 'file', path: displayPath(document), languageId: documentLanguage(document), ...head(document.getText(), MAX_FILE_CHARS), uri: document.uri.toString() };
}
