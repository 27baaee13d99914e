/** The chat view as tests see it: its elements (through the user-eye bridge), asking in it, waiting for answers. */
import * as vscode from 'vscode';
import { Answer, RecordedRequest, StandIn } from '../standin/server';
import { activateExtension, closeEditors, sleep, until, useStandIn } from './helpers';
import { FrameElement, userEye } from './userEye';

/** The chat view's root element: it tells its frame apart from every other webview. */
export const VIEW = '#fireworks-chat';

export async function query(selector: string): Promise<FrameElement[]> {
  return (await userEye.frameQuery(VIEW, selector)).elements;
}

export async function openChat(): Promise<void> {
  await vscode.commands.executeCommand('fireworks.chatView.focus');
  await until('the chat view', async () => (await userEye.frameQuery(VIEW, VIEW)).found, 15000);
}

/** Types a question into the view's input and presses Enter, as a user does. */
export async function askInView(question: string): Promise<void> {
  await userEye.frameClick(VIEW, 'textarea');
  await userEye.type(`${question}\n`, 5);
}

export async function lastAnswer(state?: string): Promise<FrameElement | undefined> {
  const answers = await query('.message.answer');
  const last = answers[answers.length - 1];
  return last && (!state || last.attributes['data-state'] === state) ? last : undefined;
}

export function waitForAnswer(state: string, timeoutMs = 10000): Promise<FrameElement> {
  return until(`an answer in state ${state}`, () => lastAnswer(state), timeoutMs);
}

export function userMessages(request: RecordedRequest): string[] {
  const messages = (request.body as { messages?: Array<{ role: string; content: string }> }).messages ?? [];
  return messages.filter((m) => m.role === 'user').map((m) => m.content);
}

export function lastUserMessage(request: RecordedRequest): string {
  return userMessages(request).pop() ?? '';
}

export function chatAnswer(content: string[], chunkDelayMs = 10): Answer {
  return { kind: 'chat', content, chunkDelayMs };
}

export async function setTheme(name: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', name, vscode.ConfigurationTarget.Global);
  await sleep(300);
}

/** The visible elements matching `selector` in the view. */
export async function visible(selector: string): Promise<FrameElement[]> {
  return (await query(selector)).filter((e) => e.visible);
}

/**
 * The hooks of a chat suite: the extension and a stand-in (given to `use`), a theme for the whole suite if asked,
 * and before each test a reset stand-in, no notifications and an empty chat in an open view (`closeEditors`: also
 * no editor). Skipped without the browser's eye: what the view shows can only be checked with it.
 */
export function withChatView(use: (standIn: StandIn) => void, options: { theme?: string; closeEditors?: boolean } = {}): void {
  let standIn: StandIn | undefined;
  before(async function () {
    if (!userEye.available) this.skip();
    await activateExtension();
    standIn = await useStandIn();
    use(standIn);
    if (options.theme) await setTheme(options.theme);
  });

  after(async function () {
    if (options.theme) await setTheme(undefined);
    await closeEditors();
    await standIn?.close();
  });

  beforeEach(async function () {
    standIn?.reset();
    await vscode.commands.executeCommand('notifications.clearAll');
    if (options.closeEditors) await closeEditors();
    await vscode.commands.executeCommand('fireworks.newChat');
    await openChat();
    await until('an empty conversation', async () => (await query('.message')).length === 0);
  });
}
