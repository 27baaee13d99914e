/**
 * Fill-in-the-middle templates, kept as data: one per model family, picked from the model id.
 * Fireworks' completions API has no `suffix` parameter, so the FIM tokens are written into the prompt.
 */

export type TemplateId = 'starcoder' | 'qwen' | 'deepseek' | 'codellama' | 'codestral' | 'prefix-only';

export interface FimTemplate {
  readonly id: TemplateId;
  /** Human name, shown in the log. */
  readonly label: string;
  /** Builds the raw prompt from the text before and after the cursor. */
  build(prefix: string, suffix: string): string;
  /** Stop sequences for this family (Fireworks accepts at most 4 per request; see `stopFor`). */
  readonly stop: readonly string[];
  /** Whether the template carries the text after the cursor. */
  readonly usesSuffix: boolean;
}

const TEMPLATES: Readonly<Record<TemplateId, FimTemplate>> = {
  starcoder: {
    id: 'starcoder',
    label: 'StarCoder',
    build: (p, s) => `<fim_prefix>${p}<fim_suffix>${s}<fim_middle>`,
    stop: ['<|endoftext|>', '<file_sep>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>'],
    usesSuffix: true,
  },
  qwen: {
    id: 'qwen',
    label: 'Qwen2.5-Coder',
    build: (p, s) => `<|fim_prefix|>${p}<|fim_suffix|>${s}<|fim_middle|>`,
    stop: ['<|endoftext|>', '<|fim_pad|>', '<|file_sep|>', '<|im_end|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>'],
    usesSuffix: true,
  },
  deepseek: {
    id: 'deepseek',
    label: 'DeepSeek-Coder',
    build: (p, s) => `<｜fim▁begin｜>${p}<｜fim▁hole｜>${s}<｜fim▁end｜>`,
    stop: ['<｜end▁of▁sentence｜>', '<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>', '<|EOT|>'],
    usesSuffix: true,
  },
  codellama: {
    id: 'codellama',
    label: 'CodeLlama',
    build: (p, s) => `<PRE> ${p} <SUF>${s} <MID>`,
    stop: ['<EOT>', '<PRE>', '<SUF>', '<MID>'],
    usesSuffix: true,
  },
  codestral: {
    id: 'codestral',
    label: 'Codestral',
    build: (p, s) => `[SUFFIX]${s}[PREFIX]${p}`,
    stop: ['</s>', '[SUFFIX]', '[PREFIX]', '[MIDDLE]'],
    usesSuffix: true,
  },
  'prefix-only': {
    id: 'prefix-only',
    label: 'prefix only (no fill-in-the-middle)',
    build: (p) => p,
    stop: [],
    usesSuffix: false,
  },
};

/** Patterns over the model id (lower-cased), first match wins. Deployment suffixes (`#accounts/...`) are ignored. */
const FAMILY_PATTERNS: ReadonlyArray<readonly [RegExp, TemplateId]> = [
  [/starcoder/, 'starcoder'],
  [/qwen[\w.-]*coder|qwen2p5-coder|qwen2\.5-coder|qwen3-coder|codeqwen/, 'qwen'],
  [/deepseek[\w.-]*coder/, 'deepseek'],
  [/code-?llama/, 'codellama'],
  [/codestral/, 'codestral'],
];

export const TEMPLATE_IDS: readonly TemplateId[] = Object.keys(TEMPLATES) as TemplateId[];

export function isTemplateId(value: string): value is TemplateId {
  return Object.prototype.hasOwnProperty.call(TEMPLATES, value);
}

/** The family a model id belongs to, or prefix-only when we don't know its FIM tokens. */
export function detectTemplate(modelId: string): TemplateId {
  const model = modelId.split('#')[0].toLowerCase();
  for (const [pattern, id] of FAMILY_PATTERNS) {
    if (pattern.test(model)) return id;
  }
  return 'prefix-only';
}

/** `override` is the user's setting: 'auto' (or anything unknown) means detect from the model id. */
export function templateFor(modelId: string, override: string): FimTemplate {
  return TEMPLATES[isTemplateId(override) ? override : detectTemplate(modelId)];
}

/** Fireworks accepts at most four stop sequences; the rest are trimmed on the client by `cutAtStop`. */
export const MAX_STOP_SEQUENCES = 4;

export function stopFor(template: FimTemplate, extra: readonly string[] = []): string[] {
  return [...extra, ...template.stop].slice(0, MAX_STOP_SEQUENCES);
}

/**
 * Cuts the text at the first stop sequence of the template (the server may return it, or send ones we could not
 * ask for within the limit of four), and at any FIM control token that leaked into the answer.
 */
export function cutAtStop(text: string, stops: readonly string[]): { text: string; stopped: boolean } {
  let end = text.length;
  for (const stop of stops) {
    if (!stop) continue;
    const at = text.indexOf(stop);
    if (at !== -1 && at < end) end = at;
  }
  return { text: text.slice(0, end), stopped: end < text.length };
}
