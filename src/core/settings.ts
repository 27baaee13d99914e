/**
 * The typed settings snapshot and how raw values (from VS Code, or anywhere) become it: defaults, validation,
 * clamping, and the environment fallbacks of the public contract. Pure: unit-tested without VS Code.
 */
import { FIREWORKS_DEFAULT_BASE_URL } from './api/fireworks';
import { TemplateId, isTemplateId } from './completion/templates';
import { SECRET_FILE_GLOBS } from './secretFiles';

export const DEFAULT_COMPLETION_MODEL = 'accounts/fireworks/models/qwen2p5-coder-32b-instruct';
export const DEFAULT_CHAT_MODEL = 'accounts/fireworks/models/llama-v3p3-70b-instruct';
/**
 * 250 ms: longer than the gap between most keystrokes of a typing burst (so a typed word costs no request), short
 * enough that the pause before ghost text is under the ~300 ms where people start to notice waiting.
 */
export const DEFAULT_DEBOUNCE_MS = 250;

/** Prose and commit messages get no code completions unless the user asks for them. */
export const DEFAULT_LANGUAGES: Readonly<Record<string, boolean>> = { '*': true, plaintext: false, markdown: false, scminput: false };

/** The default of `fireworks.completions.exclude`: files whose content must never leave the machine in a prompt. */
export const DEFAULT_EXCLUDE: readonly string[] = SECRET_FILE_GLOBS;

export interface CompletionSettings {
  readonly enabled: boolean;
  readonly model: string;
  readonly template: TemplateId | 'auto';
  readonly debounceMs: number;
  readonly maxTokens: number;
  readonly maxLines: number;
  readonly temperature: number;
  readonly timeoutMs: number;
  /** `auto` decides from the cursor's place (postprocess.ts chooseLineMode); or force one line or several. */
  readonly lineMode: 'auto' | 'single' | 'multi';
  /** Per language id, with "*" for the rest (as Copilot's `github.copilot.enable`). */
  readonly languages: Readonly<Record<string, boolean>>;
  /** Globs of files that never send a request (secrets files by default). */
  readonly exclude: readonly string[];
  /** The prompt budget in approximate tokens: see `suffixPercent` and `snippetsPercent`; the prefix gets the rest. */
  readonly promptTokens: number;
  /** Of the prompt budget, the percentage at most for the code after the cursor. */
  readonly suffixPercent: number;
  /** Of the prompt budget, the percentage for snippets from other files; what they leave goes to the prefix. */
  readonly snippetsPercent: number;
  /** Snippets from other open and recently edited files that resemble the code at the cursor. */
  readonly contextFromOtherFiles: boolean;
  /** Other answers when the user asks for them at a ghost text (Alt+], the hover): see alternatives.ts. */
  readonly alternatives: boolean;
}

export interface Settings {
  readonly baseUrl: string;
  /** Where baseUrl came from: the user's own settings, OPENAI_API_BASE, or the default. */
  readonly baseUrlSource: 'user' | 'environment' | 'default';
  /**
   * Set when the endpoint given is not an http(s) URL (`localhost:11434/v1`, a typo): what to tell the user. Then
   * nothing is sent anywhere, rather than the code going to the next endpoint down the list (Fireworks' cloud, for a
   * user who meant to stay on a local server).
   */
  readonly baseUrlProblem?: string;
  readonly completions: CompletionSettings;
  readonly chat: { readonly model: string };
  /**
   * Negotiate HTTP/2 where the endpoint offers it (connections.ts): `fireworks.http2`, except where VS Code's
   * `http.proxySupport` is "on", which lets a request that brings its own connections skip the proxy.
   */
  readonly http2: boolean;
}

/**
 * Whether completions go to the same place in the same way under both: endpoint, completion model, HTTP/2. A change
 * of anything else (a switch, a language, the chat model) does not make a failure of the endpoint news again.
 */
export function sameEndpoint(a: Settings, b: Settings): boolean {
  return a.baseUrl === b.baseUrl && a.completions.model === b.completions.model && a.http2 === b.http2;
}

/** Values as read, unvalidated. `baseUrl` must be the user-level value only (never a workspace's). */
export interface RawSettings {
  baseUrl?: unknown;
  'completions.enabled'?: unknown;
  'completions.model'?: unknown;
  'completions.template'?: unknown;
  'completions.debounceMs'?: unknown;
  'completions.maxTokens'?: unknown;
  'completions.maxLines'?: unknown;
  'completions.temperature'?: unknown;
  'completions.timeoutMs'?: unknown;
  'completions.lineMode'?: unknown;
  'completions.languages'?: unknown;
  'completions.exclude'?: unknown;
  'completions.promptTokens'?: unknown;
  'completions.suffixPercent'?: unknown;
  'completions.snippetsPercent'?: unknown;
  'completions.contextFromOtherFiles'?: unknown;
  'completions.alternatives'?: unknown;
  'chat.model'?: unknown;
  http2?: unknown;
  /** VS Code's own `http.proxySupport`. */
  'http.proxySupport'?: unknown;
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}

function number(value: unknown, fallback: number, min: number, max: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  return Math.min(max, Math.max(min, n));
}

/** A usable http(s) base URL without a trailing slash, or undefined. */
export function normalizeBaseUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.toString().replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

function booleanMap(value: unknown, fallback: Readonly<Record<string, boolean>>): Readonly<Record<string, boolean>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fallback;
  const map: Record<string, boolean> = {};
  for (const [key, enabled] of Object.entries(value)) if (typeof enabled === 'boolean') map[key] = enabled;
  return map;
}

function stringList(value: unknown, fallback: readonly string[]): readonly string[] {
  if (!Array.isArray(value)) return fallback;
  return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
}

/** Whether completions are on for a language: its own entry, else "*", else on. */
export function languageEnabled(languages: Readonly<Record<string, boolean>>, languageId: string): boolean {
  return languages[languageId] ?? languages['*'] ?? true;
}

/** The endpoint in effect: the user's setting, else OPENAI_API_BASE, else Fireworks; a given one that is no URL stops there. */
function endpoint(raw: RawSettings, env: Readonly<Record<string, string | undefined>>): Pick<Settings, 'baseUrl' | 'baseUrlSource' | 'baseUrlProblem'> {
  const given: [unknown, 'user' | 'environment', string][] = [
    [raw.baseUrl, 'user', 'fireworks.baseUrl'],
    [env.OPENAI_API_BASE, 'environment', 'OPENAI_API_BASE'],
  ];
  for (const [value, source, name] of given) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    const url = normalizeBaseUrl(value);
    if (url) return { baseUrl: url, baseUrlSource: source };
    return {
      baseUrl: value.trim(),
      baseUrlSource: source,
      baseUrlProblem: `${name} "${value.trim()}" is not an http(s) URL (such as http://localhost:11434/v1): nothing is sent until it is fixed.`,
    };
  }
  return { baseUrl: FIREWORKS_DEFAULT_BASE_URL, baseUrlSource: 'default' };
}

export function resolveSettings(raw: RawSettings, env: Readonly<Record<string, string | undefined>>): Settings {
  const template = typeof raw['completions.template'] === 'string' && isTemplateId(raw['completions.template'])
    ? raw['completions.template']
    : 'auto';
  return {
    ...endpoint(raw, env),
    completions: {
      enabled: raw['completions.enabled'] !== false,
      model: text(raw['completions.model'], DEFAULT_COMPLETION_MODEL),
      template,
      debounceMs: Math.round(number(raw['completions.debounceMs'], DEFAULT_DEBOUNCE_MS, 0, 2000)),
      maxTokens: Math.round(number(raw['completions.maxTokens'], 512, 1, 4096)),
      maxLines: Math.round(number(raw['completions.maxLines'], 30, 1, 200)),
      temperature: number(raw['completions.temperature'], 0.1, 0, 2),
      timeoutMs: Math.round(number(raw['completions.timeoutMs'], 5000, 500, 60_000)),
      lineMode: raw['completions.lineMode'] === 'single' || raw['completions.lineMode'] === 'multi' ? raw['completions.lineMode'] : 'auto',
      languages: booleanMap(raw['completions.languages'], DEFAULT_LANGUAGES),
      exclude: stringList(raw['completions.exclude'], DEFAULT_EXCLUDE),
      promptTokens: Math.round(number(raw['completions.promptTokens'], 2048, 256, 32_768)),
      suffixPercent: number(raw['completions.suffixPercent'], 15, 0, 50),
      snippetsPercent: number(raw['completions.snippetsPercent'], 25, 0, 50),
      contextFromOtherFiles: raw['completions.contextFromOtherFiles'] !== false,
      alternatives: raw['completions.alternatives'] !== false,
    },
    chat: { model: text(raw['chat.model'], DEFAULT_CHAT_MODEL) },
    http2: raw.http2 !== false && raw['http.proxySupport'] !== 'on',
  };
}
