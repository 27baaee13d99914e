/** The API client for the current endpoint and key, rebuilt only when either changes. */
import { randomUUID } from 'node:crypto';
import { OpenAICompatibleClient } from './core/api/client';
import { sharedHttp2Connections } from './core/api/connections';
import { ConfigService } from './config';
import { ApiKeyStore } from './secrets';

const PREPARE_DELAY_MS = 1000;

export class ClientProvider {
  private cached: { baseUrl: string; key: string; http2: boolean; client: OpenAICompatibleClient } | undefined;

  /** A random id for this window's session (Fireworks replica affinity), tied to nothing else. */
  private readonly sessionId = randomUUID();

  constructor(private readonly config: ConfigService, private readonly keys: ApiKeyStore) {
    // A moment after activation, off its path and before a keystroke needs it: the HTTP/2 pool's code is loaded and,
    // where there is a key, the HTTP stack's one-time costs are paid without a request (the first keystroke in an
    // editor does the same, whichever comes first).
    setTimeout(() => void this.current()?.prepare(), PREPARE_DELAY_MS).unref();
  }

  /** Undefined when there is no key, or the endpoint given is no URL (`baseUrlProblem`): then no request may be sent. */
  current(): OpenAICompatibleClient | undefined {
    const key = this.keys.current()?.key;
    if (!key || this.config.settings.baseUrlProblem) return undefined;
    const { baseUrl, http2 } = this.config.settings;
    if (this.cached?.baseUrl !== baseUrl || this.cached.key !== key || this.cached.http2 !== http2) {
      const client = new OpenAICompatibleClient({ baseUrl, apiKey: key, sessionId: this.sessionId, connections: http2 ? sharedHttp2Connections() : undefined });
      this.cached = { baseUrl, key, http2, client };
    }
    return this.cached.client;
  }

  /** A client for a key that is not stored yet (to check it before saving); undefined where nothing may be sent. */
  forKey(key: string): OpenAICompatibleClient | undefined {
    const { baseUrl, http2, baseUrlProblem } = this.config.settings;
    if (baseUrlProblem) return undefined;
    return new OpenAICompatibleClient({ baseUrl, apiKey: key, connections: http2 ? sharedHttp2Connections() : undefined });
  }
}
