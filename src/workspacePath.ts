/**
 * How a document's path is written where it leaves the machine (the completion prompt's path lines, chat
 * attachments): relative to its workspace folder, or, for a file outside every folder, its name alone. A full path
 * would tell the endpoint the user's name and how their disk is laid out.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

export function workspacePath(uri: vscode.Uri, includeWorkspaceFolder?: boolean): string {
  const relative = vscode.workspace.asRelativePath(uri, includeWorkspaceFolder);
  const outside = path.isAbsolute(relative) || path.posix.isAbsolute(relative) || relative === uri.fsPath || relative === uri.toString();
  return outside ? path.posix.basename(uri.path) : relative;
}
