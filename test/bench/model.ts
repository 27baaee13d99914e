/**
 * A stand-in "model" that knows the file being typed: it reads the Qwen fill-in-the-middle prompt, finds the cursor
 * in the true file, and answers the way a decent code model does: the TRUE continuation for the next 1–6 lines,
 * then the junk real models add (the code after the cursor repeated, or the lines before it looped), until
 * max_tokens. Streamed like a hosted model: a first token after `ttftMs`, plus `prefillMsPerToken` for each prompt
 * token its prompt cache does not hold (PromptCache), then one ~4-character token per `chunkDelayMs` (20 ms = 50
 * tokens/s).
 */
import { Answer, Responder, promptOf } from '../standin/server';
import { hash } from './util';

const FIM_PREFIX = '<|fim_prefix|>';
const FIM_SUFFIX = '<|fim_suffix|>';
const FIM_MIDDLE = '<|fim_middle|>';

export interface ModelTiming {
  /** Time to first token. */
  readonly ttftMs: number;
  /** Between tokens. */
  readonly chunkDelayMs: number;
  /** Added to the time to first token for each prompt token the prompt cache does not hold (reading it: prefill). */
  readonly prefillMsPerToken?: number;
}

/** A prompt cache keeps whole blocks of tokens (vLLM's and Fireworks' keep the attention state of 16-token pages). */
const CACHE_BLOCK_TOKENS = 16;
/** Prompts a replica's cache is taken to hold for one window: far fewer than a GPU's, so never flattering. */
const CACHE_PROMPTS = 32;

/**
 * One replica's prompt cache as a session's requests meet it (the session id keeps a window's requests on one
 * replica): a prompt whose start is the start of one it read before is read again only from where they part, in
 * whole blocks. Counts what it had to read.
 */
export class PromptCache {
  private readonly prompts: string[] = [];
  /** Prompt tokens read anew over all prompts so far. */
  uncachedTokens = 0;

  /** Tokens of `prompt` not in the cache (then it is); ~CHARS_PER_TOKEN characters a token. */
  read(prompt: string): number {
    const held = Math.max(0, ...this.prompts.map((p) => sharedStart(p, prompt)));
    const heldTokens = Math.floor(held / CHARS_PER_TOKEN / CACHE_BLOCK_TOKENS) * CACHE_BLOCK_TOKENS;
    const uncached = Math.max(0, Math.ceil(prompt.length / CHARS_PER_TOKEN) - heldTokens);
    this.prompts.push(prompt);
    if (this.prompts.length > CACHE_PROMPTS) this.prompts.shift();
    this.uncachedTokens += uncached;
    return uncached;
  }
}

/** How many characters two texts have alike from their start. */
export function sharedStart(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

export const CHARS_PER_TOKEN = 4;
/** Enough text for max_tokens 256 (the stand-in cuts at the request's max_tokens). */
const ANSWER_CHARS = 1200;

/** The text before and after the cursor in a Qwen FIM prompt, or undefined for another shape. */
export function parseQwenFim(prompt: string): { prefix: string; suffix: string } | undefined {
  if (!prompt.startsWith(FIM_PREFIX) || !prompt.endsWith(FIM_MIDDLE)) return undefined;
  const at = prompt.lastIndexOf(FIM_SUFFIX);
  if (at < 0) return undefined;
  return { prefix: prompt.slice(FIM_PREFIX.length, at), suffix: prompt.slice(at + FIM_SUFFIX.length, -FIM_MIDDLE.length) };
}

/**
 * Where the cursor is in `truth`, given the prompt's text before it (its window ends at the cursor). The prompt may
 * start with lines that are not the file's (a `Path:` header, snippets of other files): they are skipped.
 */
export function locate(truth: string, prefix: string): number | undefined {
  for (let text = prefix; ; ) {
    const at = truth.indexOf(text);
    if (at >= 0) return at + text.length;
    const newline = text.indexOf('\n');
    if (newline < 0) return undefined;
    text = text.slice(newline + 1);
  }
}

/** End (exclusive, before its '\n') of the k-th line counted from `from` (the rest of the current line is line 1). */
function endOfLine(text: string, from: number, k: number): number {
  let end = from;
  for (let i = 0; i < k; i++) {
    const nl = text.indexOf('\n', i === 0 ? end : end + 1);
    if (nl < 0) return text.length;
    end = nl;
  }
  return end;
}

/** The last few non-blank lines before the cursor's line: what a model loops on when nothing follows. */
function loopedLines(truth: string, cursor: number, count: number): string {
  const lines = truth.slice(0, cursor).split('\n').slice(0, -1).filter((l) => l.trim() !== '');
  return lines.slice(-count).join('\n');
}

/**
 * The model's whole answer at `cursor` (before max_tokens): the true continuation for 1–6 lines (chosen from the
 * position, so every provider gets the same answer at the same place), then junk. When the line goes on after the
 * cursor, the true part is what fits before the rest of the line.
 */
export function answerAt(truth: string, cursor: number, suffixInPrompt: string): string {
  const h = hash(`${cursor}`);
  const trueLines = 1 + (h % 6);
  let truePart = truth.slice(cursor, endOfLine(truth, cursor, trueLines));
  // In the middle of a line (`foo(|)` after auto-closing) a FIM model writes the middle that fits before the text
  // that follows on the line, then (junk) repeats that text.
  const lineSuffix = suffixInPrompt.split('\n', 1)[0].trim();
  if (lineSuffix !== '') {
    const lineEnd = endOfLine(truth, cursor, 1);
    const at = truth.slice(cursor, lineEnd).indexOf(lineSuffix);
    if (at >= 0) truePart = truth.slice(cursor, cursor + at);
  }
  // Junk: the code after the cursor, re-emitted (the model did not see that it is already there), or when nothing
  // follows, the lines before the cursor again (a model looping on its context).
  const repeated = suffixInPrompt.trim() !== '' ? suffixInPrompt : loopedLines(truth, cursor, 3 + ((h >>> 8) % 6));
  let answer = truePart;
  if (repeated.trim() === '') return answer;
  while (answer.length < ANSWER_CHARS) answer += `\n${repeated.replace(/^\n+/, '')}`;
  return answer.slice(0, ANSWER_CHARS);
}

/** Splits text into ~one-token chunks. */
export function tokenChunks(text: string): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += CHARS_PER_TOKEN) chunks.push(text.slice(i, i + CHARS_PER_TOKEN));
  return chunks;
}

/**
 * A stand-in responder playing the model for one true file, on one replica whose prompt cache is `cache`. Prompts it
 * cannot place get an empty answer.
 */
export function modelResponder(truth: string, timing: ModelTiming, cache = new PromptCache()): Responder {
  return (req): Answer => {
    const prompt = promptOf(req);
    const ttftMs = timing.ttftMs + cache.read(prompt) * (timing.prefillMsPerToken ?? 0);
    const fim = parseQwenFim(prompt);
    const cursor = fim ? locate(truth, fim.prefix) : undefined;
    if (!fim || cursor === undefined) return { kind: 'completion', chunks: [''], ttftMs };
    return { kind: 'completion', chunks: tokenChunks(answerAt(truth, cursor, fim.suffix)), ttftMs, chunkDelayMs: timing.chunkDelayMs };
  };
}
