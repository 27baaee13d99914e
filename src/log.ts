/** The "Fireworks" log channel, with anything key-like redacted before it is written. */
import * as vscode from 'vscode';
import { redact } from './core/apiKey';
import { Logger } from './core/logger';
import { ConfigService } from './config';
import { ApiKeyStore } from './secrets';

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

/** The log's first line: where completions go and whether there is a key (once the key store has looked). */
export async function logActivated(logger: Logger, config: ConfigService, keys: ApiKeyStore): Promise<void> {
  await keys.ready;
  const key = keys.current();
  const { baseUrl, baseUrlSource, completions } = config.settings;
  logger.info(`Activated: endpoint ${baseUrl} (${baseUrlSource}), model ${completions.model}, key ${key ? `from ${key.source}` : 'not set'}.`);
}
