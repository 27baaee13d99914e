/** The active editor's selection as a chat attachment (what Ask Fireworks sends with the question). */
import * as vscode from 'vscode';
import type { ContextAttachment } from '../core/chat/session';

/** A selection beyond this is cut (the prompt builder trims further to the model's context). */
const MAX_SELECTION_CHARS = 200_000;

export function selectionAttachment(editor: vscode.TextEditor | undefined): ContextAttachment | undefined {
  if (!editor || editor.selection.isEmpty) return undefined;
  const document = editor.document;
  const selection = editor.selection;
  const text = document.getText(selection);
  if (!text.trim()) return undefined;
  // A selection ending at column 0 of a line does not include that line.
  const endLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line : selection.end.line + 1;
  return {
    kind: 'selection',
    path: document.isUntitled ? document.fileName : vscode.workspace.asRelativePath(document.uri, false),
    languageId: document.languageId,
    text: text.slice(0, MAX_SELECTION_CHARS),
    truncated: text.length > MAX_SELECTION_CHARS,
    startLine: selection.start.line + 1,
    endLine,
  };
}
