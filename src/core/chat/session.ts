/**
 * Chat sessions as data: the message and session shapes, the versioned storage shape and its forgiving parser, and
 * pure updates (every function returns a new value; nothing here reads the clock or the disk).
 *
 * Storage: `{ version: 1, sessions }`, written by the host (chat/history.ts). `parseStore` accepts anything read
 * back, keeps every message it can make sense of and drops the rest, and never throws: a damaged history must not
 * cost the user the chat view. An answer that was streaming when the editor closed or crashed is on disk as
 * `state: 'streaming'`; it is loaded as `'stopped'`, with its partial text kept.
 */
import { parseSlashCommand } from './slashCommands';
import { headOfWhole } from '../wholeCharacters';
import type { Usage } from '../api/wire';
import { isApiErrorKind } from '../api/errorKinds';
import type { ApiErrorKind } from '../api/errors';
import { IMAGE_TYPES, type ImageAttachment, type ImageType } from './images';

export const STORE_VERSION = 1;

/** The title a session has until its first question names it. */
export const DEFAULT_SESSION_TITLE = 'New chat';

const MAX_TITLE_LENGTH = 200;

export type ChatRole = 'system' | 'user' | 'assistant';

/** `streaming`: being written now; `stopped`: ended by Stop (or a crash), partial text kept; `error`: failed. */
export type MessageState = 'complete' | 'streaming' | 'stopped' | 'error';

/** Code the user attached to a question: the editor's selection or a whole file. */
export interface ContextAttachment {
  readonly kind: 'selection' | 'file';
  /** Workspace-relative path (or the file name of an untitled document). */
  readonly path: string;
  /** VS Code's language id (`typescript`, `python`, `typescriptreact`, ...). */
  readonly languageId: string;
  readonly text: string;
  /** Whether `text` was cut before it was attached (a file over the size limit). */
  readonly truncated: boolean;
  /** 1-based, inclusive: where a selection starts and ends. */
  readonly startLine?: number;
  readonly endLine?: number;
  /** The document's URI: where code from the answer goes back to (two workspace folders may hold the same path). */
  readonly uri?: string;
}

export interface MessageError {
  readonly kind: ApiErrorKind;
  /** What the user was shown. */
  readonly message: string;
}

export interface ChatMessage {
  readonly id: string;
  readonly role: ChatRole;
  /** The text: the question, or the answer (so far). */
  readonly content: string;
  /** The model's reasoning, shown apart from the answer and never sent back to the model. */
  readonly reasoning?: string;
  /** Attachments of a user message. */
  readonly context?: readonly ContextAttachment[];
  /** Images attached to a user message (their bytes only while the window is open: see images.ts). */
  readonly images?: readonly ImageAttachment[];
  readonly state: MessageState;
  readonly error?: MessageError;
  readonly usage?: Usage;
  /** An answer the model stopped at its output limit (`finish_reason: length`): it may end mid-sentence or mid-code. */
  readonly cutOff?: boolean;
  /** The model that wrote an answer (the session's model may change later). */
  readonly model?: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** Epoch milliseconds at which an answer ended (complete, stopped or failed). */
  readonly finishedAt?: number;
}

export interface ChatSession {
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
  /** The time of the last message added or changed: the order of the history list. */
  readonly updatedAt: number;
  /** The chat model of the session's last question. */
  readonly model: string;
  readonly messages: readonly ChatMessage[];
}

export interface ChatStore {
  readonly version: typeof STORE_VERSION;
  readonly sessions: readonly ChatSession[];
}

export function emptyStore(): ChatStore {
  return { version: STORE_VERSION, sessions: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// Titles

/**
 * A session's title from its first question: the first line of prose outside code fences (else of code), Markdown
 * markers skipped, whitespace collapsed, cut at a word boundary to `maxLength` characters with an ellipsis.
 */
export function titleFrom(question: string, maxLength = 48): string {
  const prose: string[] = [];
  const code: string[] = [];
  let inFence = false;
  for (const raw of question.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(raw)) {
      inFence = !inFence;
      continue;
    }
    // Block markers at the line's start (`# `, `> `, `- `, `1. `, a fence's backticks), then paired inline ones
    // (`**Why**`, `` `useEffect` ``): markers go, words stay (`-1 is returned`, `#include` keep theirs).
    const clean = raw
      .replace(/^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)*/, '')
      .replace(/(\*\*|__|`)(.+?)\1/g, '$2')
      .replace(/\s+/g, ' ')
      .trim();
    if (clean) (inFence ? code : prose).push(clean);
  }
  // Prose names a question better than the code pasted into it; a question that is only code is named by its code.
  const line = prose[0] ?? code[0];
  if (!line) return DEFAULT_SESSION_TITLE;
  if (line.length <= maxLength) return line;
  const cut = headOfWhole(line, maxLength - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxLength / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function cleanTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE_LENGTH);
}

// ---------------------------------------------------------------------------------------------------------------
// Pure updates

export function createSession(init: { id: string; model: string; now: number; title?: string }): ChatSession {
  const title = init.title === undefined ? '' : cleanTitle(init.title);
  return { id: init.id, title: title || DEFAULT_SESSION_TITLE, createdAt: init.now, updatedAt: init.now, model: init.model, messages: [] };
}

export function findSession(store: ChatStore, id: string): ChatSession | undefined {
  return store.sessions.find((s) => s.id === id);
}

/** Puts the session first (a session with the same id is replaced). */
export function addSession(store: ChatStore, session: ChatSession): ChatStore {
  return { version: STORE_VERSION, sessions: [session, ...store.sessions.filter((s) => s.id !== session.id)] };
}

/** Replaces the session with the same id where it stands; adds it first if there is none. */
/** The session as the history keeps it: images named, their bytes left out (see images.ts). */
export function storedForm(session: ChatSession): ChatSession {
  if (!session.messages.some((m) => m.images?.some((i) => i.dataUrl !== undefined))) return session;
  const messages = session.messages.map((m) => (m.images ? { ...m, images: m.images.map(({ name, type, bytes }) => ({ name, type, bytes })) } : m));
  return { ...session, messages };
}

export function putSession(store: ChatStore, session: ChatSession): ChatStore {
  const at = store.sessions.findIndex((s) => s.id === session.id);
  if (at < 0) return addSession(store, session);
  const sessions = [...store.sessions];
  sessions[at] = session;
  return { version: STORE_VERSION, sessions };
}

/** A blank title leaves the session as it was. Renaming does not change `updatedAt` (the list order). */
export function renameSession(store: ChatStore, id: string, title: string): ChatStore {
  const clean = cleanTitle(title);
  const session = findSession(store, id);
  if (!clean || !session || session.title === clean) return store;
  return putSession(store, { ...session, title: clean });
}

export function deleteSession(store: ChatStore, id: string): ChatStore {
  if (!findSession(store, id)) return store;
  return { version: STORE_VERSION, sessions: store.sessions.filter((s) => s.id !== id) };
}

/** Most recently updated first. */
export function sessionsByRecent(store: ChatStore): ChatSession[] {
  return [...store.sessions].sort((a, b) => b.updatedAt - a.updatedAt);
}

/**
 * The title a first question gives its session: its words (titleFrom); for a bare slash command (`/explain`, as the
 * editor's Explain asks), the command and the file it is about (`Explain: cache.ts`), not `/explain` for them all.
 */
function questionTitle(message: ChatMessage): string {
  const command = parseSlashCommand(message.content);
  const about = message.context?.[0]?.path.split(/[\\/]/).pop();
  return command && command.rest === '' && about ? titleFrom(`${command.command.title}: ${about}`) : titleFrom(message.content);
}

/** Appends a message; the first question names a session that still has the default title. */
export function appendMessage(session: ChatSession, message: ChatMessage): ChatSession {
  const named = session.title === DEFAULT_SESSION_TITLE && message.role === 'user' && !session.messages.some((m) => m.role === 'user');
  return {
    ...session,
    title: named ? questionTitle(message) : session.title,
    updatedAt: Math.max(session.updatedAt, message.createdAt),
    model: message.role === 'assistant' && message.model ? message.model : session.model,
    messages: [...session.messages, message],
  };
}

/** Changes one message (an answer as it streams and when it ends); an unknown id leaves the session as it was. */
export function updateMessage(session: ChatSession, messageId: string, patch: Partial<Omit<ChatMessage, 'id' | 'role'>>, now: number): ChatSession {
  const at = session.messages.findIndex((m) => m.id === messageId);
  if (at < 0) return session;
  const messages = [...session.messages];
  messages[at] = { ...messages[at], ...patch };
  return { ...session, messages, updatedAt: Math.max(session.updatedAt, now) };
}

/**
 * The session without its last question and everything after it (its answer), and that question: what Regenerate
 * and edit-and-resend ask again. Undefined when the session has no question.
 */
export function withoutLastQuestion(session: ChatSession): { readonly session: ChatSession; readonly question: ChatMessage } | undefined {
  let at = session.messages.length - 1;
  while (at >= 0 && session.messages[at].role !== 'user') at--;
  if (at < 0) return undefined;
  const question = session.messages[at];
  // The first question taken back named the session (unless the user renamed it): the question that takes its
  // place names it anew (an edited first question no longer leaves the old one's title).
  const first = !session.messages.slice(0, at).some((m) => m.role === 'user');
  const title = first && session.title === questionTitle(question) ? DEFAULT_SESSION_TITLE : session.title;
  return { session: { ...session, title, messages: session.messages.slice(0, at) }, question };
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing stored data

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function time(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/** A string, or the text parts of an OpenAI-style content array. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return undefined;
  const parts = value.map((p) => (isRecord(p) && typeof p.text === 'string' ? p.text : undefined)).filter((p): p is string => p !== undefined);
  return parts.length ? parts.join('') : undefined;
}

function parseAttachment(raw: unknown): ContextAttachment | undefined {
  if (!isRecord(raw)) return undefined;
  const kind = raw.kind === 'selection' || raw.kind === 'file' ? raw.kind : undefined;
  const path = nonEmptyString(raw.path);
  if (!kind || !path || typeof raw.text !== 'string') return undefined;
  const line = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined);
  const startLine = line(raw.startLine);
  const endLine = line(raw.endLine);
  return {
    kind,
    path,
    languageId: nonEmptyString(raw.languageId) ?? 'plaintext',
    text: raw.text,
    truncated: raw.truncated === true,
    ...(startLine !== undefined ? { startLine } : {}),
    ...(endLine !== undefined && (startLine === undefined || endLine >= startLine) ? { endLine } : {}),
    ...(nonEmptyString(raw.uri) ? { uri: nonEmptyString(raw.uri) } : {}),
  };
}

function parseImage(raw: unknown): ImageAttachment | undefined {
  if (!isRecord(raw)) return undefined;
  const name = nonEmptyString(raw.name);
  const type = (IMAGE_TYPES as readonly unknown[]).includes(raw.type) ? (raw.type as ImageType) : undefined;
  if (!name || !type) return undefined;
  return { name, type, bytes: count(raw.bytes) ?? 0 };
}

function parseUsage(raw: unknown): Usage | undefined {
  if (!isRecord(raw)) return undefined;
  const promptTokens = count(raw.promptTokens ?? raw.prompt_tokens);
  const completionTokens = count(raw.completionTokens ?? raw.completion_tokens);
  return promptTokens === undefined && completionTokens === undefined ? undefined : { promptTokens: promptTokens ?? 0, completionTokens: completionTokens ?? 0 };
}

function parseError(raw: unknown): MessageError | undefined {
  if (typeof raw === 'string') return raw.trim() ? { kind: 'server', message: raw } : undefined;
  if (!isRecord(raw)) return undefined;
  const message = nonEmptyString(raw.message);
  if (!message) return undefined;
  const kind = isApiErrorKind(raw.kind) ? raw.kind : 'server';
  return { kind, message };
}

function parseState(raw: unknown, role: ChatRole): MessageState {
  if (role !== 'assistant') return 'complete';
  // Written mid-answer and never finished: the editor closed or crashed. The partial text stays, as after Stop.
  if (raw === 'streaming' || raw === 'stopped') return 'stopped';
  return raw === 'error' ? 'error' : 'complete';
}

function parseMessage(raw: unknown, fallbackId: string, fallbackTime: number): ChatMessage | undefined {
  if (!isRecord(raw)) return undefined;
  const role = raw.role === 'system' || raw.role === 'user' || raw.role === 'assistant' ? raw.role : undefined;
  if (!role) return undefined;
  const content = textOf(raw.content) ?? '';
  const state = parseState(raw.state, role);
  const reasoning = nonEmptyString(raw.reasoning) ?? nonEmptyString(raw.reasoning_content);
  const context = Array.isArray(raw.context) ? raw.context.map(parseAttachment).filter((a): a is ContextAttachment => a !== undefined) : [];
  const images = Array.isArray(raw.images) ? raw.images.map(parseImage).filter((i): i is ImageAttachment => i !== undefined) : [];
  const error = parseError(raw.error);
  const usage = parseUsage(raw.usage);
  const model = nonEmptyString(raw.model);
  const finishedAt = time(raw.finishedAt);
  // A message with nothing in it (a user turn without text or attachments) carries nothing worth keeping, except
  // an answer that ended, which the view shows as stopped or failed.
  if (!content && !reasoning && !context.length && !images.length && !error && role !== 'assistant') return undefined;
  return {
    id: nonEmptyString(raw.id) ?? fallbackId,
    role,
    content,
    ...(reasoning !== undefined && role === 'assistant' ? { reasoning } : {}),
    ...(context.length && role === 'user' ? { context } : {}),
    ...(images.length && role === 'user' ? { images } : {}),
    state: error && state === 'complete' ? 'error' : state,
    ...(error ? { error } : {}),
    ...(usage ? { usage } : {}),
    ...(raw.cutOff === true && role === 'assistant' ? { cutOff: true } : {}),
    ...(model ? { model } : {}),
    createdAt: time(raw.createdAt) ?? fallbackTime,
    ...(finishedAt !== undefined ? { finishedAt } : {}),
  };
}

function parseSession(raw: unknown, index: number): ChatSession | undefined {
  if (!isRecord(raw)) return undefined;
  const storedId = nonEmptyString(raw.id);
  const id = storedId ?? `recovered-${index}`;
  const rawMessages: unknown[] = Array.isArray(raw.messages) ? raw.messages : [];
  const createdAtRaw = time(raw.createdAt);
  const fallbackTime = createdAtRaw ?? time(raw.updatedAt) ?? 0;
  const messages: ChatMessage[] = [];
  const seen = new Set<string>();
  rawMessages.forEach((m, i) => {
    const message = parseMessage(m, `${id}-m${i}`, fallbackTime);
    if (!message) return;
    const unique = seen.has(message.id) ? { ...message, id: `${message.id}-${i}` } : message;
    seen.add(unique.id);
    messages.push(unique);
  });
  // Neither an id nor a single readable message: nothing to recover.
  if (!storedId && !messages.length) return undefined;
  const firstQuestion = messages.find((m) => m.role === 'user');
  const title = typeof raw.title === 'string' ? cleanTitle(raw.title) : '';
  const createdAt = createdAtRaw ?? messages[0]?.createdAt ?? fallbackTime;
  const lastTime = Math.max(createdAt, ...messages.map((m) => m.finishedAt ?? m.createdAt));
  const lastModel = [...messages].reverse().find((m) => m.model)?.model;
  return {
    id,
    title: title || (firstQuestion ? titleFrom(firstQuestion.content) : DEFAULT_SESSION_TITLE),
    createdAt,
    updatedAt: time(raw.updatedAt) ?? lastTime,
    model: typeof raw.model === 'string' ? raw.model : lastModel ?? '',
    messages,
  };
}

/**
 * The stored version, where there is one: the host must not overwrite a history written by a newer version of
 * the extension (`storedVersion(raw) > STORE_VERSION`) with what this version could read of it.
 */
export function storedVersion(raw: unknown): number | undefined {
  const value = typeof raw === 'string' ? safeJson(raw) : raw;
  return isRecord(value) && typeof value.version === 'number' ? value.version : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Reads a stored history. Accepts the current shape, a JSON string of it, a bare array of sessions (before the
 * shape was versioned) and a newer version's (read as far as it matches this one); anything else gives an empty
 * store. Sessions and messages that cannot be read are dropped, missing ids, titles and times are filled in, and
 * duplicate ids are made unique. Never throws.
 */
export function parseStore(raw: unknown): ChatStore {
  const value = typeof raw === 'string' ? safeJson(raw) : raw;
  const list: unknown = Array.isArray(value) ? value : isRecord(value) ? value.sessions : undefined;
  if (!Array.isArray(list)) return emptyStore();
  const sessions: ChatSession[] = [];
  const seen = new Set<string>();
  list.forEach((item: unknown, index) => {
    const session = parseSession(item, index);
    if (!session) return;
    let id = session.id;
    for (let n = 2; seen.has(id); n++) id = `${session.id}-${n}`;
    seen.add(id);
    sessions.push(id === session.id ? session : { ...session, id });
  });
  return { version: STORE_VERSION, sessions };
}
