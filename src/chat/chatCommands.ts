/**
 * The chat's commands and the view's requests: Ask Fireworks (a question, with the selection, answered in the
 * view), the editor actions Explain / Fix / Write Tests / Document, New Chat, the history, and what the webview asks
 * of the host (routed by message type, exhaustively).
 */
import * as vscode from 'vscode';
import type { ContextAttachment } from '../core/chat/session';
import { SLASH_COMMANDS, SlashCommand, parseSlashCommand } from '../core/chat/slashCommands';
import { ApplyReview } from './applyReview';
import { ChatContext } from './chatContext';
import { ChatController } from './chatController';
import { CHAT_VIEW_ID } from './chatViewProvider';
import { applyCode, copyCode, insertCode, newFile, openLink } from './codeActions';
import { fileAttachment, secretRefusal, selectionAttachment } from './editorContext';
import { ChatHistory } from './history';
import type { Logger } from '../core/logger';
import { settle } from '../userActions';
import { HostMessage, ViewMessage, assertNever } from './protocol';
import { showSessionPicker } from './sessionPicker';
import type { UserEditor } from './userEditor';
import { WorkspaceFiles } from './workspaceFiles';

export interface ChatParts {
  readonly controller: ChatController;
  readonly context: ChatContext;
  readonly files: WorkspaceFiles;
  readonly history: ChatHistory;
  /** Where code applied to a file is reviewed before it is. */
  readonly review: ApplyReview;
  /** Answers `mentionResults` and other host messages to the view. */
  readonly post: (message: HostMessage) => void;
  /** Where a failed action of the user's is logged (and then shown). */
  readonly logger: Logger;
  /** The editor code from the chat goes to (not the review's diff). */
  readonly userEditor: UserEditor;
}

/** Opens the chat view (its container first, for a view never shown yet). */
export async function revealChat(): Promise<void> {
  await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
}

async function ask(parts: ChatParts): Promise<void> {
  // Read the selection before the input box takes the focus.
  const attachment = selectionAttachment(vscode.window.activeTextEditor);
  const question = await vscode.window.showInputBox({
    title: 'Ask Fireworks',
    prompt: attachment ? `About the selection in ${attachment.path} (lines ${attachment.startLine}-${attachment.endLine})` : 'Ask a question about your code',
    placeHolder: 'e.g. What does this code do?  (/explain, /fix, /tests and /doc work here too)',
    ignoreFocusOut: true,
  });
  if (!question?.trim()) return;
  await revealChat();
  // The box said the selection goes with the question: it does, even if its chip was removed in the view.
  await sendFromView(parts, question, false, attachment);
}

/** An editor action: the command on the selection, or on the whole file when nothing is selected. */
async function runEditorAction(parts: ChatParts, command: SlashCommand): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(`Fireworks: open a file to ${command.title.toLowerCase()}.`);
    return;
  }
  const refused = secretRefusal(editor.document);
  if (refused) {
    void vscode.window.showWarningMessage(`Fireworks: ${refused}`);
    return;
  }
  const attachment = selectionAttachment(editor) ?? fileAttachment(editor.document);
  await revealChat();
  // The answer streams in the view; the command does not wait for it.
  settle(parts.logger, command.title, parts.controller.ask(`/${command.name}`, [attachment]));
}

/**
 * A question from the view's input or the Ask box, with the context chips; a slash command with no context at all
 * works on the active editor's whole file.
 */
async function sendFromView(parts: ChatParts, text: string, edit = false, selection?: ContextAttachment): Promise<void> {
  if (edit) return parts.controller.editLast(text);
  // Without a key nothing is sent: the attached files and images stay for when there is one.
  if (!parts.controller.hasKey) return parts.controller.ask(text);
  const { context, images } = await parts.context.take();
  if (selection && !context.some((a) => a.kind === 'selection')) context.unshift(selection);
  const editor = vscode.window.activeTextEditor;
  if (!context.length && !images.length && parseSlashCommand(text) && editor && !secretRefusal(editor.document)) context.push(fileAttachment(editor.document));
  // The answer streams in the view; nothing waits for it.
  settle(parts.logger, 'Chat', parts.controller.ask(text, context, images));
}

export function registerChatCommands(parts: ChatParts): vscode.Disposable[] {
  const { controller, history } = parts;
  const actionIds: Record<SlashCommand['name'], string> = { explain: 'fireworks.explain', fix: 'fireworks.fix', tests: 'fireworks.writeTests', doc: 'fireworks.document' };
  return [
    vscode.commands.registerCommand('fireworks.ask', () => ask(parts)),
    vscode.commands.registerCommand('fireworks.newChat', async () => {
      await revealChat();
      await controller.newChat();
    }),
    vscode.commands.registerCommand('fireworks.chatHistory', () =>
      showSessionPicker(history, {
        open: async (id) => {
          await revealChat();
          await controller.open(id);
        },
        deleted: (id) => controller.deleted(id),
        renamed: async (id) => controller.renamed(id),
      }),
    ),
    ...SLASH_COMMANDS.map((command) => vscode.commands.registerCommand(actionIds[command.name], () => runEditorAction(parts, command))),
  ];
}

/** What the webview asks for. A failure of what it started is reported, never left unhandled (settle). */
export function routeViewMessage(parts: ChatParts, message: ViewMessage): void {
  const { controller, context } = parts;
  const run = (action: string, work: PromiseLike<unknown>): void => settle(parts.logger, action, work);
  switch (message.type) {
    case 'ready':
      controller.restore();
      return;
    case 'ask':
      if (!controller.busy) run('Chat', sendFromView(parts, message.text, message.edit === true));
      return;
    case 'regenerate':
      if (!controller.busy) run('Regenerate', controller.regenerate());
      return;
    case 'stop':
      run('Stop', controller.stop());
      return;
    case 'newChat':
      run('New Chat', controller.newChat());
      return;
    case 'showHistory':
      run('Chat History', vscode.commands.executeCommand('fireworks.chatHistory'));
      return;
    case 'setApiKey':
      run('Set API Key', vscode.commands.executeCommand('fireworks.setApiKey'));
      return;
    case 'chooseModel':
      run('Choose Chat Model', vscode.commands.executeCommand('fireworks.chooseChatModel'));
      return;
    case 'removeContext':
      context.remove(message.id);
      return;
    case 'mentionQuery':
      run('Find files', parts.files.suggest(message.query).then((files) => parts.post({ type: 'mentionResults', query: message.query, files })));
      return;
    case 'addFile':
      run('Attach File', parts.files.resolve(message.path).then(async (uri) => {
        const problem = uri ? await context.addFile(uri) : `${message.path} is not in the workspace any more.`;
        if (problem) void vscode.window.showWarningMessage(`Fireworks: ${problem}`);
      }));
      return;
    case 'addCurrentFile':
      run('Attach Current File', context.addCurrentFile().then((problem) => {
        if (problem) void vscode.window.showWarningMessage(`Fireworks: ${problem}`);
      }));
      return;
    case 'addImage': {
      const problem = context.addImage(message.name, message.dataUrl);
      if (problem) void vscode.window.showWarningMessage(`Fireworks: ${problem}`);
      return;
    }
    case 'openLink':
      run('Open Link', openLink(message.href));
      return;
    case 'copyCode':
      run('Copy', copyCode(message.code));
      return;
    case 'insertCode':
      run('Insert at Cursor', insertCode(message.code, parts.userEditor));
      return;
    case 'applyCode':
      run('Apply', applyCode(parts.review, message.code, parts.controller.attachmentAsked(message.answerId), parts.userEditor));
      return;
    case 'newFile':
      run('New File', newFile(message.code, message.language));
      return;
    default:
      assertNever(message);
  }
}
