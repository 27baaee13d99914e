/**
 * The prompt budget: how much of the text before the cursor, after it, and of other files' snippets goes into one
 * completion request. The caller builds the FIM prompt as `template.build(header + prefix, suffix)`.
 *
 * Budgets are in tokens, approximated as `CHARS_PER_TOKEN` characters each: no tokenizer runs on the keystroke path,
 * and the models we target (Qwen2.5-Coder, StarCoder2, DeepSeek-Coder, Codestral) average 3.5–4.5 characters per
 * token on source code, so `maxTokens * 4` characters is within about 15 % of the real count; the model's context
 * (16k–128k tokens) is far above the default budget, so the approximation never risks overflowing it.
 *
 * Snippets are kept as code, each after a comment line naming its path, not commented out line by line:
 * - Code models are trained on repositories concatenated file after file with the path before each file
 *   (StarCoder2's and Qwen2.5-Coder's `<file_sep>path` format); plain code after a path line is what they have seen,
 *   and a `Path:` comment is the closest thing a FIM prompt can hold without a repository-level template.
 * - Commented-out code reads as dead code: the model learns it is not the program, and tends to continue in kind
 *   (suggesting comments), while `#` or `//` on every line costs a token per line of the budget.
 * - The risk, that the model takes a snippet for the start of the current file, is what the current file's own
 *   `Path:` line just before the prefix is for: it marks where the current file starts.
 * (Peers such as Continue and Cody head their snippets with a commented path too.)
 */
import { commentLine } from './comments';
import { isSecretPath } from '../secretFiles';
import { type Snippet } from './snippets';

/** Approximate characters per token, for budgets in tokens. */
export const CHARS_PER_TOKEN = 4;

export interface PromptBudget {
  /** The whole prompt (header, prefix and suffix), in approximate tokens (`CHARS_PER_TOKEN`). */
  maxTokens: number;
  /** Share reserved for the text before the cursor. */
  prefixShare: number;
  /** Share at most for the text after the cursor. The rest goes to snippets; what they leave goes to the prefix. */
  suffixShare: number;
}

export const DEFAULT_PROMPT_BUDGET: Readonly<PromptBudget> = { maxTokens: 2048, prefixShare: 0.6, suffixShare: 0.15 };

export interface PromptParts {
  /** Workspace-relative path of the current file; without one (untitled), no path line (see `currentFileLine`). */
  filePath?: string;
  languageId: string;
  /** Text before the cursor. */
  prefix: string;
  /** Text after the cursor. */
  suffix: string;
  /** Best first, as `bestSnippets` returns them. */
  snippets: readonly Snippet[];
}

export interface FittedPrompt {
  prefix: string;
  suffix: string;
  /** Snippets, then the current file's path line; goes before the prefix. */
  header: string;
}

/** `text`'s end within `maxChars`, starting at a line start when the cut leaves one (else mid-line). */
export function keepEnd(text: string, maxChars: number): string {
  const max = Math.max(0, Math.floor(maxChars));
  if (text.length <= max) return text;
  if (max === 0) return '';
  const tail = text.slice(text.length - max);
  if (text[text.length - max - 1] === '\n') return tail;
  const newline = tail.indexOf('\n');
  return newline !== -1 && newline < tail.length - 1 ? tail.slice(newline + 1) : tail;
}

/** `text`'s start within `maxChars`, ending after a whole line when the cut leaves one (else mid-line). */
export function keepStart(text: string, maxChars: number): string {
  const max = Math.max(0, Math.floor(maxChars));
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  if (text[max] === '\n') return head;
  const newline = head.lastIndexOf('\n');
  return newline > 0 ? head.slice(0, newline + 1) : head;
}

function share(value: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : fallback;
}

/**
 * The current file's header line: its path, and its language when the path has no extension to tell it. An untitled
 * file gets a `Language:` line when snippets come before it (to mark where they end), else none.
 */
function currentFileLine(parts: PromptParts): string {
  if (!parts.filePath) return parts.snippets.length ? `${commentLine(parts.languageId, `Language: ${parts.languageId}`)}\n` : '';
  const name = parts.filePath.split(/[\\/]/).pop() ?? '';
  const hasExtension = name.lastIndexOf('.') > 0;
  const label = hasExtension ? `Path: ${parts.filePath}` : `Path: ${parts.filePath} (language: ${parts.languageId})`;
  return `${commentLine(parts.languageId, label)}\n`;
}

/**
 * Cuts the parts to the budget. The suffix keeps its start, up to `suffixShare`; the prefix is guaranteed
 * `prefixShare` (less what the current file's path line takes) and keeps its end, nearest the cursor; snippets get
 * the rest, plus what the prefix does not need; whatever the suffix and snippets leave goes to the prefix. Cuts fall
 * on line boundaries where possible. `header + prefix + suffix` is at most `maxTokens * CHARS_PER_TOKEN` characters.
 * Snippets from secret-looking paths (`isSecretPath`) are left out here too.
 */
export function fitToBudget(parts: PromptParts, budget: PromptBudget): FittedPrompt {
  const maxTokens = Number.isFinite(budget.maxTokens) ? Math.max(0, budget.maxTokens) : DEFAULT_PROMPT_BUDGET.maxTokens;
  const total = Math.floor(maxTokens * CHARS_PER_TOKEN);
  const suffixShare = share(budget.suffixShare, DEFAULT_PROMPT_BUDGET.suffixShare);
  const prefixShare = Math.min(share(budget.prefixShare, DEFAULT_PROMPT_BUDGET.prefixShare), 1 - suffixShare);

  let pathLine = currentFileLine(parts);
  if (pathLine.length > total) pathLine = '';
  const suffix = keepStart(parts.suffix, Math.min(Math.floor(total * suffixShare), total - pathLine.length));

  // Snippets may use what neither the suffix nor the prefix's reserved share (as far as the prefix fills it) needs.
  const prefixReserve = Math.max(0, Math.floor(total * prefixShare) - pathLine.length);
  const prefixAtReserve = keepEnd(parts.prefix, prefixReserve).length;
  let snippetRoom = total - pathLine.length - suffix.length - prefixAtReserve;
  const blocks: string[] = [];
  for (const snippet of parts.snippets) {
    if (isSecretPath(snippet.path)) continue; // However the caller found it.
    const title = `${commentLine(snippet.languageId ?? parts.languageId, `Path: ${snippet.path}`)}\n`;
    // Each block: path line, code, blank line.
    const room = snippetRoom - title.length - 2;
    if (room <= 0) continue;
    const code = snippet.text.length <= room ? snippet.text : keepStart(snippet.text, room).replace(/\n$/, '');
    if (code.trim() === '' || (code.length < snippet.text.length && !snippet.text.startsWith(`${code}\n`))) continue;
    const block = `${title}${code}\n\n`;
    blocks.push(block);
    snippetRoom -= block.length;
  }
  const header = parts.filePath || blocks.length ? blocks.join('') + pathLine : '';
  const prefix = keepEnd(parts.prefix, total - header.length - suffix.length);
  return { prefix, suffix, header };
}
