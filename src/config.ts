/**
 * The typed settings snapshot: read once, re-read on onDidChangeConfiguration, never per keystroke.
 * `fireworks.baseUrl` is taken from the user's own settings only: a repository's workspace settings cannot change
 * where the key is sent (the manifest scopes it to `application` as well).
 */
import * as vscode from 'vscode';
import { RawSettings, Settings, resolveSettings, sameEndpoint } from './core/settings';

const SECTION = 'fireworks';

function read(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const raw: RawSettings = {
    baseUrl: config.inspect<string>('baseUrl')?.globalValue,
    'completions.enabled': config.get('completions.enabled'),
    'completions.model': config.get('completions.model'),
    'completions.template': config.get('completions.template'),
    'completions.debounceMs': config.get('completions.debounceMs'),
    'completions.maxTokens': config.get('completions.maxTokens'),
    'completions.maxLines': config.get('completions.maxLines'),
    'completions.temperature': config.get('completions.temperature'),
    'completions.timeoutMs': config.get('completions.timeoutMs'),
    'completions.lineMode': config.get('completions.lineMode'),
    'completions.languages': config.get('completions.languages'),
    'completions.exclude': config.get('completions.exclude'),
    'completions.promptTokens': config.get('completions.promptTokens'),
    'completions.suffixPercent': config.get('completions.suffixPercent'),
    'completions.snippetsPercent': config.get('completions.snippetsPercent'),
    'completions.contextFromOtherFiles': config.get('completions.contextFromOtherFiles'),
    'completions.alternatives': config.get('completions.alternatives'),
    'chat.model': config.get('chat.model'),
    http2: config.get('http2'),
    'http.proxySupport': vscode.workspace.getConfiguration('http').get('proxySupport'),
  };
  return resolveSettings(raw, process.env);
}

export class ConfigService implements vscode.Disposable {
  private snapshot: Settings = read();
  private readonly changed = new vscode.EventEmitter<Settings>();
  private readonly endpointChanged = new vscode.EventEmitter<Settings>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.changed.event;
  /**
   * Completions now go elsewhere or another way (endpoint, completion model, HTTP/2: `sameEndpoint`): a failure heard
   * before is old news. Fires before onDidChange.
   */
  readonly onDidChangeEndpoint = this.endpointChanged.event;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION) && !event.affectsConfiguration('http.proxySupport')) return;
      const before = this.snapshot;
      this.snapshot = read();
      if (!sameEndpoint(before, this.snapshot)) this.endpointChanged.fire(this.snapshot);
      this.changed.fire(this.snapshot);
    });
  }

  get settings(): Settings {
    return this.snapshot;
  }

  /**
   * Writes a user-level setting (the only level this extension writes: never a repository's files). Where this
   * workspace's settings set it too, theirs stays in effect: returned is what to tell the user, else undefined.
   */
  async update(key: string, value: unknown): Promise<string | undefined> {
    const config = vscode.workspace.getConfiguration(SECTION);
    await config.update(key, value, vscode.ConfigurationTarget.Global);
    const inspected = config.inspect(key);
    const local = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
    if (local === undefined || JSON.stringify(local) === JSON.stringify(value)) return undefined;
    return `this workspace's settings set ${SECTION}.${key} to ${JSON.stringify(local)}, which stays in effect over your user setting. Change it in .vscode/settings.json.`;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.endpointChanged.dispose();
  }
}
