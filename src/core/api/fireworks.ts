/** What only Fireworks gets. Nothing Fireworks-specific is sent to other endpoints. */

export const FIREWORKS_DEFAULT_BASE_URL = 'https://api.fireworks.ai/inference/v1';

export function isFireworksEndpoint(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname.toLowerCase();
    return host === 'fireworks.ai' || host.endsWith('.fireworks.ai');
  } catch {
    return false;
  }
}

/**
 * Extra body fields for a completions request. `truncate` lowers max_tokens to fit the context window instead of
 * failing (Fireworks' documented default, sent explicitly so a changed default cannot turn into errors).
 */
export function fireworksCompletionExtras(fireworks: boolean): Record<string, unknown> {
  return fireworks ? { context_length_exceeded_behavior: 'truncate' } : {};
}

/**
 * Keeps one editor session's requests on one replica, so that consecutive prompts, which share most of their
 * prefix, hit that replica's prompt cache (Fireworks documents `x-session-affinity` for this).
 */
export function fireworksHeaders(fireworks: boolean, sessionId: string | undefined): Record<string, string> {
  return fireworks && sessionId ? { 'x-session-affinity': sessionId } : {};
}

/** Timing headers Fireworks returns; read into the log so a user can see where the time goes. */
export function fireworksTimings(headers: Headers | undefined): string | undefined {
  if (!headers) return undefined;
  const parts: string[] = [];
  const ttft = headers.get('fireworks-server-time-to-first-token');
  const prompt = headers.get('fireworks-prompt-tokens');
  const cached = headers.get('fireworks-cached-prompt-tokens');
  if (ttft) parts.push(`server ttft ${ttft}`);
  if (prompt) parts.push(`prompt tokens ${prompt}`);
  if (cached) parts.push(`cached ${cached}`);
  return parts.length ? parts.join(', ') : undefined;
}
