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
  /** Share at most for the text after the cursor. */
  suffixShare: number;
  /** Share for snippets, whatever the text at the cursor (their room is the same at every keystroke). */
  snippetShare: number;
}

/** The settings' defaults: the prefix gets 60 % and what the suffix and snippets leave. */
export const DEFAULT_PROMPT_BUDGET: Readonly<PromptBudget> = { maxTokens: 2048, suffixShare: 0.15, snippetShare: 0.25 };

export interface PromptParts {
  /** Workspace-relative path of the current file; without one (untitled), no path line (see `currentFileLine`). */
  filePath?: string;
  languageId: string;
  /** Text before the cursor. */
  prefix: string;
  /** The file's line the prefix starts on; with it, a prefix cut part-way into the file starts at an anchor line. */
  prefixFirstLine?: number;
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

/**
 * Where the prefix starts part-way into the file, it starts at a line whose number is a multiple of this: while the
 * cursor moves down and the text before it grows, consecutive requests begin alike, so the endpoint's prompt cache
 * (Fireworks keeps one per replica, and the session id keeps a window's requests on one) serves all of the prompt but
 * its last lines, and the model starts answering sooner. It costs on average half this many of the lines farthest
 * from the cursor.
 */
export const PREFIX_ANCHOR_LINES = 16;

/**
 * `keepEnd` of a prefix that starts on the file's line `firstLine`, going on to the next anchor line
 * (`PREFIX_ANCHOR_LINES`) where it does not start at the file's start; as `keepEnd` where no anchor line is left
 * before the cursor's line, or reaching it would drop more than a quarter of what fits.
 */
export function keepAnchoredEnd(prefix: string, maxChars: number, firstLine: number | undefined): string {
  const kept = keepEnd(prefix, maxChars);
  if (firstLine === undefined) return kept;
  const dropped = prefix.length - kept.length;
  if (dropped > 0 && prefix[dropped - 1] !== '\n') return kept; // cut mid-line: no whole line fits
  let line = firstLine;
  for (let at = prefix.indexOf('\n'); at !== -1 && at < dropped; at = prefix.indexOf('\n', at + 1)) line++;
  if (line === 0) return kept;
  let start = 0;
  for (; line % PREFIX_ANCHOR_LINES !== 0; line++) {
    const newline = kept.indexOf('\n', start);
    if (newline === -1) return kept;
    start = newline + 1;
  }
  // Lines so long that the anchor would take a large part of what fits: the text nearest the cursor matters more.
  return start <= kept.length / 4 ? kept.slice(start) : kept;
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
 * Cuts the parts to the budget. The suffix keeps its start, up to `suffixShare`; snippets get `snippetShare` however
 * much the text at the cursor takes (a room that is the same at every keystroke keeps their blocks the same, and the
 * endpoint's prompt cache serves them); the prefix keeps its end, nearest the cursor, in whatever the suffix and
 * snippets leave, from an anchor line (`keepAnchoredEnd`). Cuts fall on line boundaries where possible.
 * `header + prefix + suffix` is at most `maxTokens * CHARS_PER_TOKEN` characters.
 * Snippets from secret-looking paths (`isSecretPath`) are left out here too.
 */
export function fitToBudget(parts: PromptParts, budget: PromptBudget): FittedPrompt {
  const maxTokens = Number.isFinite(budget.maxTokens) ? Math.max(0, budget.maxTokens) : DEFAULT_PROMPT_BUDGET.maxTokens;
  const total = Math.floor(maxTokens * CHARS_PER_TOKEN);
  const suffixShare = share(budget.suffixShare, DEFAULT_PROMPT_BUDGET.suffixShare);
  const snippetShare = Math.min(share(budget.snippetShare, DEFAULT_PROMPT_BUDGET.snippetShare), 1 - suffixShare);

  let pathLine = currentFileLine(parts);
  if (pathLine.length > total) pathLine = '';
  const suffix = keepStart(parts.suffix, Math.min(Math.floor(total * suffixShare), total - pathLine.length));

  // The path line comes out of the prefix's share.
  let snippetRoom = Math.min(Math.floor(total * snippetShare), total - pathLine.length - suffix.length);
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
  const prefix = keepAnchoredEnd(parts.prefix, total - header.length - suffix.length, parts.prefixFirstLine);
  return { prefix, suffix, header };
}
