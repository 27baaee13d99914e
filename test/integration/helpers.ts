/** Shared steps for the suite that runs inside VS Code: the stand-in, settings, editors, waiting. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { StandIn } from '../standin/server';
import { userEye } from './userEye';

export const EXTENSION_ID = 'fireworks-community.fireworks-vscode';
export const TEST_KEY = 'integration-test-key-0042';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `probe` returns a value that is not undefined/false, or fails with `what`. */
export async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  await extension.activate();
}

export async function setUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('fireworks').update(key, value, vscode.ConfigurationTarget.Global);
}

/** A fresh stand-in, with the extension pointed at it through the user's settings and a key in the environment. */
export async function useStandIn(): Promise<StandIn> {
  const standIn = await StandIn.start();
  process.env.FIREWORKS_API_KEY = TEST_KEY;
  delete process.env.OPENAI_API_KEY;
  await setUserSetting('baseUrl', standIn.baseUrl);
  await setUserSetting('completions.enabled', true);
  return standIn;
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite runs with a workspace folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Opens a new file with `content` in the workspace, cursor at the end, focused as a user's editor would be. */
export async function openEditor(name: string, content: string): Promise<vscode.TextEditor> {
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content));
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const end = document.lineAt(document.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  return editor;
}

export async function closeEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Puts the cursor at `line`:`character` and asks for ghost text there (Alt+\\). The renderer applies a selection set
 * through the API asynchronously: the request waits until the view has it.
 */
export async function triggerAt(editor: vscode.TextEditor, line: number, character: number): Promise<void> {
  editor.selection = new vscode.Selection(line, character, line, character);
  await sleep(300);
  await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
}

/** Types as a user does: real key events through the browser when the bridge is there, else VS Code's `type`. */
export async function typeText(text: string, delayMs = 40): Promise<void> {
  if (userEye.available) {
    await userEye.type(text, delayMs);
    return;
  }
  for (const ch of text) {
    await vscode.commands.executeCommand('type', { text: ch });
    await sleep(delayMs);
  }
}

/** The ghost text on screen (bridge), or undefined where the DOM can't be seen. */
export async function ghostText(): Promise<string | undefined> {
  return userEye.available ? userEye.ghostText() : undefined;
}

/** Waits until the ghost text on screen contains `expected` (with the bridge); returns the text seen. */
export async function waitForGhostText(expected: string, timeoutMs = 8000): Promise<string> {
  if (!userEye.available) return expected;
  return until(`ghost text containing ${JSON.stringify(expected)}`, async () => {
    const text = await userEye.ghostText();
    return text.includes(expected) ? text : undefined;
  }, timeoutMs);
}

/** Accepts the ghost text as a user does: Tab (or the commit command without the bridge). */
/** VS Code's Show Next Inline Suggestion (Alt+]): the next of the answers for the place. */
export async function showNextSuggestion(): Promise<void> {
  if (userEye.available) await userEye.press('Alt+]');
  else await vscode.commands.executeCommand('editor.action.inlineSuggest.showNext');
}

export async function acceptGhostText(): Promise<void> {
  if (userEye.available) await userEye.press('Tab');
  else await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
}

/**
 * The hooks every completion suite needs: the extension active and pointed at a fresh stand-in, a clean slate and
 * no open editors around each test, everything closed at the end. `use` receives the stand-in.
 */
export function withStandIn(use: (standIn: StandIn) => void): void {
  let standIn: StandIn | undefined;
  before(async function () {
    await activateExtension();
    standIn = await useStandIn();
    use(standIn);
  });
  after(async function () {
    process.env.FIREWORKS_API_KEY = TEST_KEY;
    await closeEditors();
    await standIn?.close();
  });
  beforeEach(function () {
    standIn?.reset();
  });
  afterEach(async function () {
    await closeEditors();
  });
}

/** Our status bar item as the user sees it (text and tooltip), or undefined where the DOM can't be seen. */
export async function statusBarText(): Promise<string | undefined> {
  if (!userEye.available) return undefined;
  const ours = (await userEye.statusBar()).find((i) => /fireworks/i.test(`${i.id} ${i.text} ${i.tooltip}`));
  return ours ? `${ours.text} | ${ours.tooltip}` : '';
}
