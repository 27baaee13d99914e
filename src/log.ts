/** The "Fireworks" log channel, with anything key-like redacted before it is written. */
import * as vscode from 'vscode';
import { redact } from './core/apiKey';
import { Logger } from './core/logger';

export function createLogger(channel: vscode.LogOutputChannel, currentKey: () => string | undefined): Logger {
  const clean = (message: string): string => {
    const key = currentKey();
    return redact(message, key ? [key] : []);
  };
  return {
    trace: (m) => channel.trace(clean(m)),
    debug: (m) => channel.debug(clean(m)),
    info: (m) => channel.info(clean(m)),
    warn: (m) => channel.warn(clean(m)),
    error: (m) => channel.error(clean(m)),
  };
}
