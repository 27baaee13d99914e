/**
 * Tells the user when the endpoint they gave is no URL, at activation and at each new such value (settings.ts
 * `baseUrlProblem`): nothing is sent then, and the status bar alone would leave them wondering why.
 */
import * as vscode from 'vscode';
import { Logger } from './core/logger';
import { ConfigService } from './config';

export function warnOnEndpointProblem(logger: Logger, config: ConfigService): vscode.Disposable {
  let told: string | undefined;
  const check = (): void => {
    const problem = config.settings.baseUrlProblem;
    if (problem && problem !== told) {
      logger.warn(problem);
      void vscode.window.showWarningMessage(`Fireworks: ${problem}`, 'Open Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'fireworks.baseUrl');
      });
    }
    told = problem;
  };
  check();
  return config.onDidChange(check);
}
