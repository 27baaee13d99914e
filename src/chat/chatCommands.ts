/**
 * The chat's commands and the view's requests: Ask Fireworks (a question, with the selection, answered in the
 * view), New Chat, and what the webview asks of the host (routed by message type, exhaustively).
 */
import * as vscode from 'vscode';
import { ChatController } from './chatController';
import { CHAT_VIEW_ID } from './chatViewProvider';
import { copyCode, insertCode, openLink } from './codeActions';
import { selectionAttachment } from './editorContext';
import { ViewMessage, assertNever } from './protocol';

/** Opens the chat view (its container first, for a view never shown yet). */
export async function revealChat(): Promise<void> {
  await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
}

async function ask(controller: ChatController): Promise<void> {
  // Read the selection before the input box takes the focus.
  const attachment = selectionAttachment(vscode.window.activeTextEditor);
  const question = await vscode.window.showInputBox({
    title: 'Ask Fireworks',
    prompt: attachment ? `About the selection in ${attachment.path} (lines ${attachment.startLine}-${attachment.endLine})` : 'Ask a question about your code',
    placeHolder: 'e.g. What does this code do?',
    ignoreFocusOut: true,
  });
  if (!question?.trim()) return;
  await revealChat();
  // The answer streams in the view; the command does not wait for it.
  void controller.ask(question, attachment ? [attachment] : []);
}

export function registerChatCommands(controller: ChatController): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('fireworks.ask', () => ask(controller)),
    vscode.commands.registerCommand('fireworks.newChat', async () => {
      await revealChat();
      await controller.newChat();
    }),
  ];
}

/** What the webview asks for. */
export function routeViewMessage(controller: ChatController, message: ViewMessage): void {
  switch (message.type) {
    case 'ready':
      controller.restore();
      return;
    case 'ask':
      if (!controller.busy) void controller.ask(message.text);
      return;
    case 'stop':
      void controller.stop();
      return;
    case 'newChat':
      void controller.newChat();
      return;
    case 'setApiKey':
      void vscode.commands.executeCommand('fireworks.setApiKey');
      return;
    case 'openLink':
      void openLink(message.href);
      return;
    case 'copyCode':
      void copyCode(message.code);
      return;
    case 'insertCode':
      void insertCode(message.code);
      return;
    default:
      assertNever(message);
  }
}
