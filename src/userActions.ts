/**
 * What the user asked for and could not get: said in the log and in an error message, never left as an unhandled
 * rejection in the extension host. (Background completions report differently: completionGate.ts.)
 */
import * as vscode from 'vscode';

export interface ErrorLog {
  error(message: string): void;
}

export function reportFailure(log: ErrorLog, action: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log.error(`${action} failed: ${message}`);
  void vscode.window.showErrorMessage(`Fireworks: ${action} failed: ${message}`);
}

/** Lets `work` run on without waiting for it; if it fails, the failure is reported (reportFailure). */
export function settle(log: ErrorLog, action: string, work: PromiseLike<unknown>): void {
  Promise.resolve(work).catch((error: unknown) => reportFailure(log, action, error));
}
