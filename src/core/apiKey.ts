/** Where the key comes from: SecretStorage first, then the environment, as the public contract says. */

export type KeySource = 'secret-storage' | 'FIREWORKS_API_KEY' | 'OPENAI_API_KEY';

export interface ResolvedKey {
  readonly key: string;
  readonly source: KeySource;
}

/** An OpenAI key's look: `sk-…`. */
const OPENAI_KEY = /^sk-/;
/** A Fireworks key's look: `fw_…`. */
const FIREWORKS_KEY = /^fw_/;

/**
 * The key to send: the stored one, else FIREWORKS_API_KEY, else OPENAI_API_KEY (Fireworks' OpenAI-compatibility page
 * has users keep their Fireworks key there). A key from the environment that is plainly another company's is not
 * sent at every keystroke to an endpoint that is not theirs: an OpenAI key (`sk-…`) to Fireworks, a Fireworks key
 * (`fw_…`) elsewhere (OPENAI_API_BASE set for another tool). The stored key is the user's choice for this endpoint.
 */
export function resolveKey(stored: string | undefined, env: Readonly<Record<string, string | undefined>>, endpointIsFireworks: boolean): ResolvedKey | undefined {
  if (stored?.trim()) return { key: stored.trim(), source: 'secret-storage' };
  const belongsElsewhere = (key: string): boolean => (endpointIsFireworks ? OPENAI_KEY.test(key) : FIREWORKS_KEY.test(key));
  const fireworks = env.FIREWORKS_API_KEY?.trim();
  if (fireworks && !belongsElsewhere(fireworks)) return { key: fireworks, source: 'FIREWORKS_API_KEY' };
  const openai = env.OPENAI_API_KEY?.trim();
  if (openai && !belongsElsewhere(openai)) return { key: openai, source: 'OPENAI_API_KEY' };
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
