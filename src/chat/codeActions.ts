/** What the view asks of the editor: open a link (http(s) only), copy code, insert code at the cursor, open it as a new file. */
import * as vscode from 'vscode';
import { languageForFence } from '../core/chat/languages';

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
export async function insertCode(code: string): Promise<void> {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) {
    void vscode.window.showInformationMessage('Fireworks: open a file to insert the code into.');
    return;
  }
  await editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, code);
  });
  await vscode.window.showTextDocument(editor.document, editor.viewColumn);
}

/** A new untitled editor beside the current one, holding the code, in the language its fence named. */
export async function newFile(code: string, fenceTag: string): Promise<void> {
  const language = languageForFence(fenceTag, await vscode.languages.getLanguages());
  const document = await vscode.workspace.openTextDocument({ content: code, language });
  await vscode.window.showTextDocument(document, { preview: false });
}
