/**
 * What the view asks of the editor: open a link (http(s) only), copy code, insert code at the cursor, apply it to a
 * file (shown first as a diff to apply or discard), open it as a new file.
 */
import * as vscode from 'vscode';
import { planApply, type ApplyPlace, type LineSpan } from '../core/chat/applyPlan';
import { languageForFence } from '../core/chat/languages';
import type { ApplyReview } from './applyReview';
import type { ContextAttachment } from '../core/chat/session';
import { displayPath } from './editorContext';
import type { UserEditor } from './userEditor';

export async function openLink(href: string): Promise<void> {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
  await vscode.env.openExternal(vscode.Uri.parse(url.toString(), true));
}

export async function copyCode(code: string): Promise<void> {
  await vscode.env.clipboard.writeText(code);
}

/** Replaces every selection of the editor the user last worked in (the chat view itself is not an editor). */
export async function insertCode(code: string, userEditor: UserEditor): Promise<void> {
  const editor = await userEditor.show();
  if (!editor) {
    void vscode.window.showInformationMessage('Fireworks: open a file to insert the code into.');
    return;
  }
  const done = await editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, code);
  });
  if (!done) void vscode.window.showWarningMessage(`Fireworks: the code could not be inserted into ${editor.document.uri.path.split('/').pop() ?? 'the file'} (is it read-only?).`);
}

/** What the code replaces, as the diff's title says it. */
const PLACE_LABEL: Readonly<Record<ApplyPlace, string>> = {
  file: 'the whole file',
  selection: 'in place of the selection asked about',
  definition: 'in place of the definition it rewrites',
  cursor: 'at the cursor',
};

/**
 * The file the question was about, its selection or the one file it attached (shown again if it was closed), else
 * the editor the user last worked in.
 */
async function targetEditor(asked: ContextAttachment | undefined, userEditor: UserEditor): Promise<vscode.TextEditor | undefined> {
  const editors = vscode.window.visibleTextEditors;
  const fromQuestion = asked && editors.find((e) => isAskedDocument(e.document, asked));
  if (fromQuestion) return fromQuestion;
  // Its URI; a question stored before URIs were kept names a path in the first folder.
  const folder = vscode.workspace.workspaceFolders?.[0];
  const uri = asked?.uri ? vscode.Uri.parse(asked.uri) : asked && folder ? vscode.Uri.joinPath(folder.uri, asked.path) : undefined;
  if (uri) {
    const reopened = await vscode.workspace.openTextDocument(uri).then(
      (document) => vscode.window.showTextDocument(document, { preview: false }),
      () => undefined,
    );
    if (reopened) return reopened;
  }
  // Not a side of a review's diff: the user's own editor, with their cursor.
  return userEditor.show();
}

/** Whether `document` is the one the question's code came from. */
function isAskedDocument(document: vscode.TextDocument, asked: ContextAttachment): boolean {
  return asked.uri ? document.uri.toString() === asked.uri : displayPath(document) === asked.path;
}

/** The selection's lines, when the document still has there the text that was asked about (a whole file has none). */
function askedLines(document: vscode.TextDocument, asked: ContextAttachment | undefined): LineSpan | undefined {
  if (!asked?.startLine || !asked.endLine || asked.endLine > document.lineCount) return undefined;
  if (!isAskedDocument(document, asked)) return undefined;
  const span = { start: asked.startLine - 1, end: asked.endLine - 1 };
  const now = document.getText(new vscode.Range(span.start, 0, span.end, document.lineAt(span.end).text.length));
  return now.trim() === asked.text.trim() ? span : undefined;
}

/**
 * Applies a code block to a file where it belongs (core/chat/applyPlan.ts: the whole file, the selection asked
 * about, the definition it rewrites, else the cursor), shown first as a diff for the user to apply or discard
 * (applyReview.ts).
 */
export function applyCode(review: ApplyReview, code: string, asked: ContextAttachment | undefined, userEditor: UserEditor): Promise<void> {
  return review.oneAtATime(() => proposeApply(review, code, asked, userEditor));
}

async function proposeApply(review: ApplyReview, code: string, asked: ContextAttachment | undefined, userEditor: UserEditor): Promise<void> {
  const editor = await targetEditor(asked, userEditor);
  if (!editor) {
    void vscode.window.showInformationMessage('Fireworks: open the file to apply the code to.');
    return;
  }
  const document = editor.document;
  const lines = Array.from({ length: document.lineCount }, (_, i) => document.lineAt(i).text);
  const selection = editor.selection;
  const cursor = selection.isEmpty ? { start: selection.start.line, end: selection.start.line - 1 } : { start: selection.start.line, end: selection.end.line };
  const plan = planApply(lines, code, { selection: askedLines(document, asked), cursor });
  if (plan.place === 'cursor') {
    await review.show(document, selection, code, PLACE_LABEL.cursor);
    return;
  }
  const last = Math.max(plan.lines.start, plan.lines.end);
  await review.show(document, new vscode.Range(plan.lines.start, 0, last, document.lineAt(last).text.length), plan.text, PLACE_LABEL[plan.place]);
}

/** A new untitled editor beside the current one, holding the code, in the language its fence named. */
export async function newFile(code: string, fenceTag: string): Promise<void> {
  const language = languageForFence(fenceTag, await vscode.languages.getLanguages());
  const document = await vscode.workspace.openTextDocument({ content: code, language });
  await vscode.window.showTextDocument(document, { preview: false });
}
