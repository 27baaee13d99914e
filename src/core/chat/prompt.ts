/**
 * The messages one chat request sends: the system prompt, as much of the conversation as fits, and the new
 * question with its attachments.
 *
 * Budget: `contextTokens - reserveForAnswer` approximate tokens (CHARS_PER_TOKEN characters each, plus
 * MESSAGE_OVERHEAD_TOKENS per message for the role markers the chat template adds). No tokenizer runs here:
 * chat models average 3.5 to 4.5 characters per token on English and code, and the reserve for the answer absorbs
 * the error. Fireworks also lowers max_tokens itself when a request would overflow (context_length_exceeded_behavior).
 *
 * The trimming rule:
 * 1. The system prompt and the new question's text are always sent, whatever their size.
 * 2. The new question's attachments get what remains after (1). When they don't fit, each is cut (its head kept,
 *    at a line boundary) to a fair share: small ones whole, the rest split evenly between the large ones; each cut
 *    one is headed "(truncated)" and followed by a note saying how much was sent.
 * 3. Earlier turns fill what remains after (2), newest first, as whole exchanges (a question with its answer);
 *    the first exchange that does not fit ends the history, so that no exchange is skipped while an older one is
 *    sent: the model never sees a conversation with a hole in it. Where some are left out, the history starts at an
 *    anchor exchange (HISTORY_ANCHOR_EXCHANGES), for the endpoint's prompt cache.
 * What counts as an exchange: a user message followed by an answer with text (complete, stopped or failed part-way).
 * Questions without an answer with text (failed, or the one being answered now) and answers being streamed are
 * left out, which also keeps the roles alternating user/assistant, as some servers' chat templates require.
 * Past reasoning is never sent back: models are trained without it, and it would crowd out the conversation.
 * Images: the new question's go as `image_url` parts after its text, IMAGE_TOKENS each in the budget; earlier turns
 * name theirs in a note and never send them again (a vision model has answered about them; resending costs tokens).
 * Stored `system` messages are ignored: the system prompt comes from the options.
 */
import { headAtLine } from '../wholeCharacters';
import { contentText, type ChatContentPart, type ChatRequestMessage } from '../api/chatCompletions';
import { CHARS_PER_TOKEN } from '../completion/prompt';
import { IMAGE_TOKENS, imageNote, type ImageAttachment } from './images';
import { fenceLanguage } from './languages';
import type { ChatMessage, ChatSession, ContextAttachment } from './session';
import { expandQuestion } from './slashCommands';

/**
 * The default system prompt. Short (it is sent with every request and its tokens are paid for every time) and
 * limited to what changes answers in an editor: be concise, put code in fenced blocks with a language tag (the
 * view highlights and offers copy and insert on them), use the attached code, and say so when unsure rather than
 * invent an API.
 */
export const DEFAULT_CHAT_SYSTEM_PROMPT = [
  'You are a coding assistant inside the user\'s code editor (VS Code).',
  'Answer concisely and directly; skip preambles and restating the question.',
  'Put code in fenced Markdown code blocks with a language tag (for example ```ts), and show only the code that matters.',
  'Code the user attached comes before the question, in fenced blocks headed by its file path; refer to files by those paths.',
  'When you are not sure, say so plainly instead of guessing, and never invent APIs, options or files.',
].join('\n');

/** A model's context when the caller does not know it: 32k tokens, common to today's chat models. */
export const DEFAULT_CONTEXT_TOKENS = 32_768;

/** Tokens kept free for the answer when the caller does not say. */
export const DEFAULT_RESERVE_FOR_ANSWER = 4_096;

/** Tokens a chat template adds per message (role markers, separators). */
export const MESSAGE_OVERHEAD_TOKENS = 4;

export interface ChatPromptOptions {
  /** Default DEFAULT_CHAT_SYSTEM_PROMPT; an empty string sends no system message. */
  readonly systemPrompt?: string;
  /** The model's context window, in tokens. Default DEFAULT_CONTEXT_TOKENS. */
  readonly contextTokens?: number;
  /** Tokens left free for the answer. Default DEFAULT_RESERVE_FOR_ANSWER. */
  readonly reserveForAnswer?: number;
}

export interface NewQuestion {
  readonly content: string;
  readonly context?: readonly ContextAttachment[];
  /** Sent as image parts where their bytes are at hand, else named in a note (see images.ts). */
  readonly images?: readonly ImageAttachment[];
}

export interface ChatPrompt {
  readonly messages: ChatRequestMessage[];
  /** Approximate tokens of `messages` (same estimate as the budget). */
  readonly estimatedTokens: number;
  /** Earlier exchanges left out to fit. */
  readonly omittedExchanges: number;
  /** Paths of the new question's attachments that were cut to fit. */
  readonly cutAttachments: string[];
  /** The text of each of the new question's attachments as sent (its head where it was cut), in order. */
  readonly sentAttachmentTexts: string[];
}

/**
 * Characters a tokenizer gives about a token each (CJK ideographs, kana, Hangul, full-width forms): counted at 4 a
 * token like Latin text, a page of Chinese would be budgeted at a quarter of what it costs, and overflow the context.
 */
const WIDE = /[\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff00-\uffef]/g;

export function estimateTokens(text: string): number {
  const wide = text.match(WIDE)?.length ?? 0;
  return Math.ceil((text.length - wide) / CHARS_PER_TOKEN + wide);
}

function messageTokens(message: ChatRequestMessage): number {
  const images = typeof message.content === 'string' ? 0 : message.content.filter((p) => p.type === 'image_url').length;
  return estimateTokens(contentText(message.content)) + images * IMAGE_TOKENS + MESSAGE_OVERHEAD_TOKENS;
}

/** A fence longer than any run of backticks in the text, so that Markdown inside an attachment can't close it. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function heading(a: ContextAttachment, truncated: boolean): string {
  const lines = a.startLine !== undefined ? (a.endLine !== undefined && a.endLine !== a.startLine ? `lines ${a.startLine}-${a.endLine}, ` : `line ${a.startLine}, `) : '';
  const what = a.kind === 'selection' ? 'Selection from' : 'File';
  return `${what} ${a.path} (${lines}${a.languageId})${truncated ? ' (truncated)' : ''}:`;
}

function lineCount(text: string): number {
  if (!text) return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/**
 * One attachment as Markdown: a heading with path and language, the code in a fence, and where `sentText` is less
 * than the attachment's text, a note saying so.
 */
export function renderAttachment(a: ContextAttachment, sentText: string = a.text): string {
  const cut = sentText.length < a.text.length;
  const body = sentText.endsWith('\n') || !sentText ? sentText : `${sentText}\n`;
  const fence = fenceFor(sentText);
  const parts = [heading(a, a.truncated || cut), `${fence}${fenceLanguage(a.languageId)}`, `${body}${fence}`];
  if (cut) {
    const note = sentText
      ? `[Cut to fit the model's context: the first ${lineCount(sentText)} of ${lineCount(a.text)} lines were sent.]`
      : `[Left out: no room in the model's context for its ${lineCount(a.text)} lines.]`;
    parts.push(note);
  }
  return parts.join('\n');
}

/**
 * The user turn: attachments first, the question last (where the model's attention is); a slash command
 * (`/fix …`) is replaced by its instruction.
 */
export function renderUserTurn(question: NewQuestion, sentTexts?: readonly string[], imagesSent = false): string {
  const attachments = (question.context ?? []).map((a, i) => renderAttachment(a, sentTexts?.[i] ?? a.text));
  const notes = imagesSent ? [] : (question.images ?? []).map(imageNote);
  return [...attachments, ...notes, expandQuestion(question.content)].filter((part) => part.length > 0).join('\n\n');
}

/**
 * The new question as the API takes it: its text, and after it the images whose bytes are at hand as `image_url`
 * parts (an image without them is named in the text instead).
 */
function userMessage(question: NewQuestion, sentTexts: readonly string[]): ChatRequestMessage {
  const images = question.images ?? [];
  const atHand = images.filter((i) => i.dataUrl !== undefined);
  if (!atHand.length) return { role: 'user', content: renderUserTurn(question, sentTexts) };
  const text = renderUserTurn({ ...question, images: images.filter((i) => i.dataUrl === undefined) }, sentTexts);
  const parts: ChatContentPart[] = [{ type: 'text', text }, ...atHand.map((i): ChatContentPart => ({ type: 'image_url', image_url: { url: i.dataUrl ?? '' } }))];
  return { role: 'user', content: parts };
}


/**
 * Max-min fair shares of `total` characters: lengths that fit under an even share are given whole, and what they
 * leave is split evenly between the others.
 */
function fairShares(lengths: readonly number[], total: number): number[] {
  const shares = lengths.map(() => 0);
  let left = Math.max(0, total);
  let open = lengths.map((_, i) => i);
  while (open.length && left > 0) {
    const share = Math.floor(left / open.length);
    const small = open.filter((i) => lengths[i] <= share);
    if (!small.length) {
      for (const i of open) shares[i] = share;
      break;
    }
    for (const i of small) {
      shares[i] = lengths[i];
      left -= lengths[i];
    }
    open = open.filter((i) => lengths[i] > share);
  }
  return shares;
}

/** The exchanges (question and answer) of a session that can be sent, oldest first. */
function exchanges(messages: readonly ChatMessage[]): Array<[ChatRequestMessage, ChatRequestMessage]> {
  const turns = messages.filter((m) => m.role !== 'system');
  const out: Array<[ChatRequestMessage, ChatRequestMessage]> = [];
  for (let i = 0; i < turns.length; i++) {
    const question = turns[i];
    const answer = turns[i + 1];
    if (question.role !== 'user' || answer?.role !== 'assistant') continue;
    i++;
    if (answer.state === 'streaming' || !answer.content.trim()) continue;
    out.push([
      { role: 'user', content: renderUserTurn(question) },
      { role: 'assistant', content: answer.content },
    ]);
  }
  return out;
}

/**
 * Where earlier turns must be left out, the oldest one sent is an exchange whose number in the conversation is a
 * multiple of this: as the conversation goes on, consecutive requests begin alike for several questions, and the
 * endpoint's prompt cache (Fireworks keeps one per replica, and the session id keeps a window's requests on one)
 * serves all of them but the newest turns, where a long conversation with files attached would otherwise be read anew,
 * tens of thousands of tokens, at every question. It costs at most this many less one of the oldest exchanges that
 * would fit.
 */
export const HISTORY_ANCHOR_EXCHANGES = 4;

/**
 * The first exchange to send, of `count`, where `fits` is the oldest that fits: the next anchor exchange from there,
 * unless that would leave out more than half of those that fit.
 */
function anchoredStart(fits: number, count: number): number {
  if (fits === 0) return 0;
  const anchored = Math.ceil(fits / HISTORY_ANCHOR_EXCHANGES) * HISTORY_ANCHOR_EXCHANGES;
  return count - anchored >= (count - fits) / 2 && anchored < count ? anchored : fits;
}

/** The request for `newQuestion` after `session`'s conversation, trimmed to the budget (see the rule above). */
export function buildChatPrompt(session: Pick<ChatSession, 'messages'>, newQuestion: NewQuestion | string, options: ChatPromptOptions = {}): ChatPrompt {
  const question: NewQuestion = typeof newQuestion === 'string' ? { content: newQuestion } : newQuestion;
  const systemPrompt = options.systemPrompt ?? DEFAULT_CHAT_SYSTEM_PROMPT;
  const contextTokens = options.contextTokens ?? DEFAULT_CONTEXT_TOKENS;
  const reserve = options.reserveForAnswer ?? DEFAULT_RESERVE_FOR_ANSWER;
  const budget = Math.max(0, contextTokens - reserve);

  const system: ChatRequestMessage[] = systemPrompt ? [{ role: 'system', content: systemPrompt }] : [];
  let used = system.reduce((n, m) => n + messageTokens(m), 0);

  // The question with every attachment empty: what it costs before any attachment text.
  const attachments = question.context ?? [];
  const bare = renderUserTurn(question, attachments.map(() => ''));
  const imageTokens = (question.images ?? []).filter((i) => i.dataUrl !== undefined).length * IMAGE_TOKENS;
  // Room for attachment text, less some slack per attachment for a longer fence and a final newline; when they
  // must be cut, the "(truncated)" headings and the notes are paid for from it too (80 characters each, generously).
  // Shares are in tokens (text of another script costs more of them per character), then cut in characters.
  const room = budget - used - estimateTokens(bare) - imageTokens - MESSAGE_OVERHEAD_TOKENS - 4 * attachments.length;
  const lengths = attachments.map((a) => estimateTokens(a.text));
  const total = lengths.reduce((n, l) => n + l, 0);
  const shares = total <= room ? lengths : fairShares(lengths, room - 20 * attachments.length);
  const sentTexts = attachments.map((a, i) =>
    shares[i] >= lengths[i] ? a.text : headAtLine(a.text, Math.floor((shares[i] * a.text.length) / Math.max(1, lengths[i]))),
  );
  const user = userMessage(question, sentTexts);
  used += messageTokens(user);

  const all = exchanges(session.messages);
  const costs = all.map(([q, a]) => messageTokens(q) + messageTokens(a));
  let start = all.length;
  for (let fitted = used; start > 0 && fitted + costs[start - 1] <= budget; start--) fitted += costs[start - 1];
  start = anchoredStart(start, all.length);
  const kept = all.slice(start).flat();
  used += costs.slice(start).reduce((n, c) => n + c, 0);
  const omitted = start;

  return {
    messages: [...system, ...kept, user],
    estimatedTokens: used,
    omittedExchanges: omitted,
    cutAttachments: attachments.filter((a, i) => sentTexts[i].length < a.text.length).map((a) => a.path),
    sentAttachmentTexts: sentTexts,
  };
}

/** The `messages` to send for `newQuestion` after `session`'s conversation (see buildChatPrompt). */
export function buildChatMessages(session: Pick<ChatSession, 'messages'>, newQuestion: NewQuestion | string, options: ChatPromptOptions = {}): ChatRequestMessage[] {
  return buildChatPrompt(session, newQuestion, options).messages;
}
