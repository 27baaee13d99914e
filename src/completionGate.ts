/**
 * Whether a completion may be requested now, and what the user hears when one fails: the status bar always,
 * a notification only for what needs their action, once per cause (core/errorPolicy.ts).
 */
import * as vscode from 'vscode';
import { ApiError, describeError, isPathNotFound } from './core/api/errors';
import { Backoff } from './core/completion/backoff';
import { CompletionStats } from './core/completion/stats';
import { NotificationPolicy } from './core/errorPolicy';
import { Logger } from './core/logger';
import { ProviderGate } from './providers/inlineCompletionProvider';
import { CompletionScope } from './completionScope';
import { ConfigService } from './config';
import { ApiKeyStore } from './secrets';

export class CompletionGate implements ProviderGate {
  private readonly policy = new NotificationPolicy();

  constructor(
    private readonly config: ConfigService,
    private readonly keys: ApiKeyStore,
    private readonly logger: Logger,
    private readonly backoff: Backoff,
    private readonly scope: CompletionScope,
    private readonly stats: CompletionStats,
  ) {}

  onShown(reused: boolean, typedAhead: number): void {
    this.stats.completionShown(reused, typedAhead);
  }

  canRequest(document: vscode.TextDocument): boolean {
    return this.config.settings.completions.enabled && this.keys.current() !== undefined && this.scope.of(document) === 'on';
  }

  /** The user changed the key, model or endpoint: failures are news again, and a back-off hold is lifted. */
  reset(): void {
    this.policy.reset();
    this.backoff.reset();
  }

  onError(error: ApiError): void {
    const settings = this.config.settings;
    if (!this.policy.shouldNotify(error, settings.completions.model, settings.baseUrl)) return;
    const message = `Fireworks: ${describeError(error, settings.completions.model)}`;
    if (isPathNotFound(error)) {
      void vscode.window.showErrorMessage(message, 'Open Settings', 'Open Log').then((choice) => this.follow(choice));
    } else if (error.kind === 'model-not-found' || error.kind === 'bad-request') {
      void vscode.window
        .showErrorMessage(`${message} Choose another model in "fireworks.completions.model".`, 'Choose Model', 'Open Log')
        .then((choice) => this.follow(choice));
    } else if (error.kind === 'auth') {
      void vscode.window.showErrorMessage(message, 'Set API Key', 'Open Log').then((choice) => this.follow(choice));
    } else {
      void vscode.window.showErrorMessage(message, 'Open Log').then((choice) => this.follow(choice));
    }
  }

  onUnexpected(error: unknown): void {
    this.logger.error(`Unexpected completion failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  private follow(choice: string | undefined): void {
    if (choice === 'Choose Model') void vscode.commands.executeCommand('fireworks.chooseCompletionModel');
    else if (choice === 'Set API Key') void vscode.commands.executeCommand('fireworks.setApiKey');
    else if (choice === 'Open Log') void vscode.commands.executeCommand('fireworks.showLog');
    else if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'fireworks.baseUrl');
  }
}
