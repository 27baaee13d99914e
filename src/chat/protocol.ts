/**
 * Every message between the extension host and the chat webview: one discriminated union per direction, and a
 * runtime validator for each that both sides run on receipt (a webview is a web page: what arrives is only data
 * until checked). Imported by the host (chatViewProvider.ts) and bundled into the webview (webview/main.ts); it must
 * stay free of `vscode` and of Node.
 */

/** A code attachment as the view shows it: where it came from, not its text. */
export interface ViewAttachment {
  readonly path: string;
  readonly startLine?: number;
  readonly endLine?: number;
}

export interface ViewUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export type ViewMessageState = 'complete' | 'streaming' | 'stopped' | 'error';

/** One message of the conversation as the view renders it. */
export interface ViewChatMessage {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  readonly content: string;
  readonly state: ViewMessageState;
  /** What went wrong, in words for the user (state `error`). */
  readonly error?: string;
  readonly usage?: ViewUsage;
  readonly model?: string;
  readonly attachments?: readonly ViewAttachment[];
}

/** Host → webview. */
export type HostMessage =
  /** The whole state: on the view's `ready`, after New Chat, and whenever the view may be out of step. */
  | { readonly type: 'restore'; readonly title: string; readonly messages: readonly ViewChatMessage[]; readonly hasKey: boolean; readonly busy: boolean }
  | { readonly type: 'keyState'; readonly hasKey: boolean }
  /** A question was asked: its message and the (empty, streaming) answer that follows. */
  | { readonly type: 'turnStarted'; readonly title: string; readonly question: ViewChatMessage; readonly answer: ViewChatMessage }
  /** Text appended to a streaming answer since the previous delta (never the whole answer). */
  | { readonly type: 'answerDelta'; readonly id: string; readonly text: string }
  | {
      readonly type: 'answerEnded';
      readonly id: string;
      readonly state: 'complete' | 'stopped' | 'error';
      readonly error?: string;
      readonly usage?: ViewUsage;
    }
  | { readonly type: 'focusInput' };

/** Webview → host. */
export type ViewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'ask'; readonly text: string }
  | { readonly type: 'stop' }
  | { readonly type: 'newChat' }
  | { readonly type: 'setApiKey' }
  | { readonly type: 'openLink'; readonly href: string }
  | { readonly type: 'copyCode'; readonly code: string }
  | { readonly type: 'insertCode'; readonly code: string };

// ---------------------------------------------------------------------------------------------------------------
// Validation

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const optional = (v: unknown, check: (x: unknown) => boolean): boolean => v === undefined || check(v);

function isUsage(v: unknown): v is ViewUsage {
  return isRecord(v) && isCount(v.promptTokens) && isCount(v.completionTokens);
}

function isAttachment(v: unknown): v is ViewAttachment {
  return isRecord(v) && isString(v.path) && optional(v.startLine, isCount) && optional(v.endLine, isCount);
}

const MESSAGE_STATES: Record<ViewMessageState, true> = { complete: true, streaming: true, stopped: true, error: true };

function isChatMessage(v: unknown): v is ViewChatMessage {
  return (
    isRecord(v) &&
    isString(v.id) &&
    (v.role === 'user' || v.role === 'assistant') &&
    isString(v.content) &&
    isString(v.state) &&
    Object.hasOwn(MESSAGE_STATES, v.state) &&
    optional(v.error, isString) &&
    optional(v.usage, isUsage) &&
    optional(v.model, isString) &&
    optional(v.attachments, (a) => Array.isArray(a) && a.every(isAttachment))
  );
}

/** One check per message type; a `Record` over the union's tags, so a new type must be added here. */
const HOST_CHECKS: { readonly [K in HostMessage['type']]: (m: Fields) => boolean } = {
  restore: (m) => isString(m.title) && Array.isArray(m.messages) && m.messages.every(isChatMessage) && isBoolean(m.hasKey) && isBoolean(m.busy),
  keyState: (m) => isBoolean(m.hasKey),
  turnStarted: (m) => isString(m.title) && isChatMessage(m.question) && isChatMessage(m.answer),
  answerDelta: (m) => isString(m.id) && isString(m.text),
  answerEnded: (m) =>
    isString(m.id) &&
    (m.state === 'complete' || m.state === 'stopped' || m.state === 'error') &&
    optional(m.error, isString) &&
    optional(m.usage, isUsage),
  focusInput: () => true,
};

const VIEW_CHECKS: { readonly [K in ViewMessage['type']]: (m: Fields) => boolean } = {
  ready: () => true,
  ask: (m) => isString(m.text),
  stop: () => true,
  newChat: () => true,
  setApiKey: () => true,
  openLink: (m) => isString(m.href),
  copyCode: (m) => isString(m.code),
  insertCode: (m) => isString(m.code),
};

function check<T extends { type: string }>(value: unknown, checks: Readonly<Record<string, (m: Fields) => boolean>>): value is T {
  if (!isRecord(value) || !isString(value.type) || !Object.hasOwn(checks, value.type)) return false;
  return checks[value.type](value);
}

export function isHostMessage(value: unknown): value is HostMessage {
  return check<HostMessage>(value, HOST_CHECKS);
}

export function isViewMessage(value: unknown): value is ViewMessage {
  return check<ViewMessage>(value, VIEW_CHECKS);
}

/** For exhaustive switches: the compiler fails where a message type is not handled. */
export function assertNever(value: never): never {
  throw new Error(`unhandled message: ${JSON.stringify(value)}`);
}
