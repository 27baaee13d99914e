/**
 * The endpoint's model list, as data: one entry of `GET {base}/models` read forgivingly, and the order in which a
 * model picker shows the list for chat or for completions. Fireworks says per model whether it takes chat requests
 * (`supports_chat`) and how long its context is (`context_length`); Ollama, LM Studio and most other servers give
 * ids only, and an unknown capability is never taken for a "no".
 */

export interface ModelInfo {
  readonly id: string;
  /** Whether the model takes chat requests, where the server says so. */
  readonly supportsChat?: boolean;
  /** Context window in tokens, where the server says so. */
  readonly contextLength?: number;
  /** Whether the model takes images in chat (Fireworks' `supports_image_input`), where the server says so. */
  readonly supportsImageInput?: boolean;
  readonly ownedBy?: string;
}

export type ModelUse = 'chat' | 'completion';

/** One model as a picker shows it. */
export interface ModelChoice {
  readonly id: string;
  readonly current: boolean;
  /** E.g. `current · 128k context`, or `current · not in the endpoint's list`; empty when there is nothing to say. */
  readonly description: string;
}

/** A run of models under one heading; the heading is only worth showing when there is more than one section. */
export interface ModelSection {
  readonly title: string;
  readonly models: readonly ModelChoice[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : undefined;
}

/**
 * One entry of a `/models` answer; undefined when it has no id. The context length is read from Fireworks' and
 * OpenRouter's `context_length`, vLLM's `max_model_len`, Groq's `context_window` or LM Studio's `max_context_length`.
 */
export function modelInfoFrom(raw: unknown): ModelInfo | undefined {
  if (!isRecord(raw) || typeof raw.id !== 'string' || !raw.id.trim()) return undefined;
  const contextLength = positiveInteger(raw.context_length ?? raw.max_model_len ?? raw.context_window ?? raw.max_context_length);
  return {
    id: raw.id.trim(),
    ...(typeof raw.supports_chat === 'boolean' ? { supportsChat: raw.supports_chat } : {}),
    ...(typeof raw.supports_image_input === 'boolean' ? { supportsImageInput: raw.supports_image_input } : {}),
    ...(contextLength !== undefined ? { contextLength } : {}),
    ...(typeof raw.owned_by === 'string' && raw.owned_by ? { ownedBy: raw.owned_by } : {}),
  };
}

/**
 * A context length as people say it: 131072 → `128k context`, 128000 → `128k context`, 1048576 → `1M context`.
 * Round thousands count in 1000s, multiples of 1024 in 1024s.
 */
export function formatContextLength(tokens: number): string {
  const unit = tokens % 1000 !== 0 && tokens % 1024 === 0 ? 1024 : 1000;
  if (tokens >= unit * unit) {
    const millions = Math.round((tokens / (unit * unit)) * 10) / 10;
    return `${millions}M context`;
  }
  if (tokens >= unit) return `${Math.round(tokens / unit)}k context`;
  return `${tokens} context`;
}

function describe(model: ModelInfo | undefined, use: ModelUse, current: boolean, note?: string): string {
  const images = use === 'chat' && model?.supportsImageInput === true ? 'takes images' : '';
  const parts = [current ? 'current' : '', note ?? '', images, model?.contextLength ? formatContextLength(model.contextLength) : ''];
  return parts.filter(Boolean).join(' · ');
}

/**
 * The picker's list for a use. Chat: the models that say they take chat first, then those that do not say; those
 * that say they do not are left out. Completions: the models that do not say they take chat (base and code models)
 * first, the chat models after. The endpoint's order is kept within a section, duplicate ids are shown once, and
 * the current model is marked where it stands; a current model the list leaves out is shown first, with the reason.
 */
export function modelSections(models: readonly ModelInfo[], use: ModelUse, current: string): ModelSection[] {
  const wanted = current.trim();
  const unique = new Map<string, ModelInfo>();
  for (const model of models) if (!unique.has(model.id)) unique.set(model.id, model);
  const choice = (model: ModelInfo): ModelChoice => ({ id: model.id, current: model.id === wanted, description: describe(model, use, model.id === wanted) });
  const all = [...unique.values()];
  const chat = all.filter((m) => m.supportsChat === true);
  const other = all.filter((m) => m.supportsChat === undefined);
  const notChat = all.filter((m) => m.supportsChat === false);
  const sections: ModelSection[] =
    use === 'chat'
      ? [
          { title: 'Chat models', models: chat.map(choice) },
          { title: 'Other models', models: other.map(choice) },
        ]
      : [
          { title: 'Completion models', models: [...notChat, ...other].map(choice) },
          { title: 'Chat models', models: chat.map(choice) },
        ];
  const shown = sections.some((s) => s.models.some((m) => m.current));
  if (wanted && !shown) {
    const listed = unique.get(wanted);
    const note = listed ? 'the endpoint says it does not take chat' : models.length ? "not in the endpoint's list" : undefined;
    sections.unshift({ title: 'Current', models: [{ id: wanted, current: true, description: describe(listed, use, true, note) }] });
  }
  return sections.filter((s) => s.models.length > 0);
}
