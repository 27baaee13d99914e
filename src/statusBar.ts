/** The status bar item: completion state (ready, working, off, no key, error) and the way into the menu. */
import * as vscode from 'vscode';
import { CompletionOutcome } from './core/api/completions';
import { ApiError } from './core/api/errors';
import { RequestObserver } from './core/completion/pipeline';
import { statusView } from './core/status';
import { ConfigService } from './config';
import { CompletionScope, FileScope } from './completionScope';
import { ApiKeyStore } from './secrets';

export class StatusBar implements RequestObserver, vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('fireworks.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[];
  private inFlight = 0;
  private lastError: ApiError | undefined;

  constructor(private readonly config: ConfigService, private readonly keys: ApiKeyStore, private readonly scope: CompletionScope) {
    this.item.name = 'Fireworks';
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidOpenTextDocument(() => this.render()),
      // Only another endpoint or model makes the last failure old news (as for the back-off, extension.ts).
      config.onDidChangeEndpoint(() => {
        this.lastError = undefined;
      }),
      config.onDidChange(() => this.render()),
      keys.onDidChange(() => {
        this.lastError = undefined;
        this.render();
      }),
    ];
    this.render();
    this.item.show();
  }

  requestStarted(): void {
    this.inFlight++;
    this.render();
  }

  requestFinished(outcome: CompletionOutcome): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (outcome.ok) this.lastError = undefined;
    else if (outcome.error.kind !== 'cancelled') this.lastError = outcome.error;
    this.render();
  }

  private activeFileScope(): FileScope | undefined {
    const document = vscode.window.activeTextEditor?.document;
    return document ? this.scope.of(document) : undefined;
  }

  render(): void {
    const settings = this.config.settings;
    const file = this.activeFileScope();
    const view = statusView({
      enabled: settings.completions.enabled,
      hasKey: this.keys.current() !== undefined,
      inFlight: this.inFlight,
      lastError: this.lastError,
      model: settings.completions.model,
      endpoint: settings.baseUrl,
      file: file === 'on' ? undefined : file,
      endpointProblem: settings.baseUrlProblem,
    });
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.command = view.command;
    this.item.accessibilityInformation = { label: view.tooltip };
    this.item.backgroundColor = view.kind === 'error' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
