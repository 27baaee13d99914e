/**
 * The API key: VS Code's SecretStorage first, then FIREWORKS_API_KEY, then OPENAI_API_KEY. It is never written to
 * settings, logs, webviews or messages.
 */
import * as vscode from 'vscode';
import { ResolvedKey, resolveKey } from './core/apiKey';

const SECRET_ID = 'fireworks.apiKey';

export class ApiKeyStore implements vscode.Disposable {
  private stored: string | undefined;
  /** The stored key has been read once: until then no key is given, not even the environment's (it may differ). */
  private loaded = false;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.changed.event;
  /** Resolves once the stored key has been read (at activation). */
  readonly ready: Promise<void>;

  /** `endpointIsFireworks`: where requests go now (an OpenAI key is never given for Fireworks: core/apiKey.ts). */
  constructor(private readonly secrets: vscode.SecretStorage, private readonly endpointIsFireworks: () => boolean = () => false) {
    this.ready = this.reload();
    this.subscription = secrets.onDidChange((event) => {
      if (event.key === SECRET_ID) void this.reload();
    });
  }

  private async reload(): Promise<void> {
    try {
      this.stored = await this.secrets.get(SECRET_ID);
    } catch {
      this.stored = undefined;
    }
    this.loaded = true;
    this.changed.fire();
  }

  /** The key to use now; the environment is read each time (cheap, and it can differ per process). */
  current(): ResolvedKey | undefined {
    if (!this.loaded) return undefined;
    return resolveKey(this.stored, process.env, this.endpointIsFireworks());
  }

  async store(key: string): Promise<void> {
    await this.secrets.store(SECRET_ID, key.trim());
    await this.reload();
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_ID);
    await this.reload();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
