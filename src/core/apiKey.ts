/** Where the key comes from: SecretStorage first, then the environment, as the public contract says. */

export type KeySource = 'secret-storage' | 'FIREWORKS_API_KEY' | 'OPENAI_API_KEY';

export interface ResolvedKey {
  readonly key: string;
  readonly source: KeySource;
}

/** An OpenAI key's look: `sk-…` (Fireworks' keys are `fw_…`). */
const OPENAI_KEY = /^sk-/;

/**
 * The key to send: the stored one, else FIREWORKS_API_KEY, else OPENAI_API_KEY (Fireworks' OpenAI-compatibility page
 * has users keep their Fireworks key there). Where the endpoint is Fireworks, an OPENAI_API_KEY that is plainly
 * OpenAI's own is not used: it would be sent to another company at every keystroke.
 */
export function resolveKey(stored: string | undefined, env: Readonly<Record<string, string | undefined>>, endpointIsFireworks = false): ResolvedKey | undefined {
  if (stored?.trim()) return { key: stored.trim(), source: 'secret-storage' };
  const fireworks = env.FIREWORKS_API_KEY?.trim();
  if (fireworks) return { key: fireworks, source: 'FIREWORKS_API_KEY' };
  const openai = env.OPENAI_API_KEY?.trim();
  if (openai && !(endpointIsFireworks && OPENAI_KEY.test(openai))) return { key: openai, source: 'OPENAI_API_KEY' };
  return undefined;
}

/** Replaces anything key-like (and the given keys) so logs and messages never carry a key. */
export function redact(text: string, keys: readonly string[] = []): string {
  let out = text;
  for (const key of keys) if (key.length >= 4) out = out.split(key).join('[redacted]');
  return out
    .replace(/\b(fw|sk)[-_][A-Za-z0-9_-]{8,}/g, '[redacted]')
    .replace(/(Bearer\s+)[^\s"']+/gi, '$1[redacted]');
}
