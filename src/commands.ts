/** Command ids → services: the key, the on/off switch, the model picker, the status bar menu. */
import * as vscode from 'vscode';
import type { ModelsOutcome } from './core/api/client';
import { describeError } from './core/api/errors';
import { CompletionStats } from './core/completion/stats';
import { ACCEPTED_COMMAND } from './providers/inlineCompletionProvider';
import { ClientProvider } from './clients';
import { ConfigService } from './config';
import { pickModel } from './modelPicker';
import { ApiKeyStore } from './secrets';
import { reportFailure } from './userActions';

export interface CommandDeps {
  readonly config: ConfigService;
  readonly keys: ApiKeyStore;
  readonly clients: ClientProvider;
  readonly stats: CompletionStats;
  readonly log: vscode.LogOutputChannel;
}

const EXTENSION_ID = 'fireworks-community.fireworks-vscode';

async function setApiKey(deps: CommandDeps): Promise<void> {
  const endpoint = deps.config.settings.baseUrl;
  const key = await vscode.window.showInputBox({
    title: 'Fireworks: Set API Key',
    prompt: `API key for ${endpoint}. It is kept in VS Code's secret storage, never in settings.`,
    placeHolder: 'fw_...',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'Enter a key, or press Escape to cancel.'),
  });
  if (!key?.trim()) return;
  const client = deps.clients.forKey(key);
  if (!client) {
    await deps.keys.store(key);
    deps.log.info('API key stored in secret storage, not checked: the endpoint setting is not a URL.');
    void vscode.window.showWarningMessage(`Fireworks: API key saved. ${deps.config.settings.baseUrlProblem ?? ''}`);
    return;
  }
  const check = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Fireworks: checking the key' },
    () => client.listModels(new AbortController().signal),
  );
  if (!check.ok && check.error.kind === 'auth') {
    const choice = await vscode.window.showWarningMessage(
      `${endpoint} rejected this key: ${check.error.message}`,
      'Save Anyway',
      'Cancel',
    );
    if (choice !== 'Save Anyway') return;
  }
  await deps.keys.store(key);
  deps.log.info(`API key stored in secret storage${check.ok ? `, checked against ${endpoint}` : ''}.`);
  if (check.ok) void vscode.window.showInformationMessage(`Fireworks: API key saved and accepted by ${endpoint}.`);
  else if (check.error.kind !== 'auth') {
    void vscode.window.showWarningMessage(`Fireworks: API key saved, but it could not be checked: ${describeError(check.error, deps.config.settings.completions.model)}`);
  }
}

async function clearApiKey(deps: CommandDeps): Promise<void> {
  await deps.keys.clear();
  const fallback = deps.keys.current();
  deps.log.info('Stored API key cleared.');
  void vscode.window.showInformationMessage(
    fallback ? `Fireworks: stored API key cleared; ${fallback.source} from the environment is still used.` : 'Fireworks: stored API key cleared.',
  );
}

/** Writes a setting the user chose; where the workspace's own value stays in effect, says so instead of `done`. */
async function setByUser(deps: CommandDeps, key: string, value: unknown, done: string): Promise<void> {
  const overridden = await deps.config.update(key, value);
  if (!overridden) {
    deps.log.info(done);
    return;
  }
  deps.log.warn(`Not in effect: ${overridden}`);
  void vscode.window.showWarningMessage(`Fireworks: ${overridden}`);
}

async function toggleCompletions(deps: CommandDeps): Promise<void> {
  const enabled = !deps.config.settings.completions.enabled;
  await setByUser(deps, 'completions.enabled', enabled, `Completions turned ${enabled ? 'on' : 'off'}.`);
}

/** The models of the current endpoint; undefined without a key. */
function listModels(deps: CommandDeps): () => Promise<ModelsOutcome | undefined> {
  return async () => deps.clients.current()?.listModels(new AbortController().signal);
}

async function chooseCompletionModel(deps: CommandDeps): Promise<void> {
  const current = deps.config.settings.completions.model;
  const chosen = await pickModel({ title: 'Fireworks: Choose Completion Model', current, kind: 'completion', list: listModels(deps) });
  if (!chosen || chosen === current) return;
  await setByUser(deps, 'completions.model', chosen, `Completion model set to ${chosen}.`);
}

async function chooseChatModel(deps: CommandDeps): Promise<void> {
  const current = deps.config.settings.chat.model;
  const chosen = await pickModel({ title: 'Fireworks: Choose Chat Model', current, kind: 'chat', list: listModels(deps) });
  if (!chosen || chosen === current) return;
  await setByUser(deps, 'chat.model', chosen, `Chat model set to ${chosen}.`);
}

async function showStatistics(deps: CommandDeps): Promise<void> {
  const lines = deps.stats.summary();
  await vscode.window.showQuickPick(
    lines.map((line) => ({ label: line.value, description: line.label })),
    { title: 'Fireworks: Completion Statistics (this window, kept on this machine only)' },
  );
}

async function showMenu(deps: CommandDeps): Promise<void> {
  type Entry = vscode.QuickPickItem & { run: () => unknown };
  const settings = deps.config.settings;
  const key = deps.keys.current();
  const entries: Entry[] = [
    settings.completions.enabled
      ? { label: '$(circle-slash) Turn Completions Off', run: () => vscode.commands.executeCommand('fireworks.toggleCompletions') }
      : { label: '$(check) Turn Completions On', run: () => vscode.commands.executeCommand('fireworks.toggleCompletions') },
    { label: '$(key) Set API Key', description: key ? `now from ${key.source}` : 'no key', run: () => vscode.commands.executeCommand('fireworks.setApiKey') },
    ...(key?.source === 'secret-storage'
      ? [{ label: '$(trash) Clear Stored API Key', run: () => vscode.commands.executeCommand('fireworks.clearApiKey') }]
      : []),
    { label: '$(symbol-class) Choose Completion Model', description: settings.completions.model, run: () => vscode.commands.executeCommand('fireworks.chooseCompletionModel') },
    { label: '$(comment-discussion) Choose Chat Model', description: settings.chat.model, run: () => vscode.commands.executeCommand('fireworks.chooseChatModel') },
    { label: '$(graph) Show Completion Statistics', run: () => vscode.commands.executeCommand('fireworks.showStatistics') },
    { label: '$(gear) Open Settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${EXTENSION_ID}`) },
    { label: '$(output) Show Log', run: () => deps.log.show() },
  ];
  const chosen = await vscode.window.showQuickPick(entries, { title: `Fireworks (${settings.baseUrl})` });
  await chosen?.run();
}

/** A command that fails says so once, clearly, and logs why; it never rejects into VS Code. */
function safely(deps: CommandDeps, name: string, run: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await run();
    } catch (error) {
      reportFailure(deps.log, name, error);
    }
  };
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('fireworks.setApiKey', safely(deps, 'Set API Key', () => setApiKey(deps))),
    vscode.commands.registerCommand('fireworks.clearApiKey', safely(deps, 'Clear API Key', () => clearApiKey(deps))),
    vscode.commands.registerCommand('fireworks.toggleCompletions', safely(deps, 'Toggle Completions', () => toggleCompletions(deps))),
    vscode.commands.registerCommand('fireworks.chooseCompletionModel', safely(deps, 'Choose Completion Model', () => chooseCompletionModel(deps))),
    vscode.commands.registerCommand('fireworks.chooseChatModel', safely(deps, 'Choose Chat Model', () => chooseChatModel(deps))),
    vscode.commands.registerCommand('fireworks.showMenu', safely(deps, 'Menu', () => showMenu(deps))),
    vscode.commands.registerCommand('fireworks.showLog', () => deps.log.show()),
    vscode.commands.registerCommand('fireworks.showStatistics', safely(deps, 'Statistics', () => showStatistics(deps))),
    vscode.commands.registerCommand(ACCEPTED_COMMAND, () => deps.stats.completionAccepted()),
  ];
}
