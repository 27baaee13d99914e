/**
 * Every message between the extension host and the chat webview: one discriminated union per direction, and a
 * runtime validator for each that both sides run on receipt (a webview is a web page: what arrives is only data
 * until checked). Imported by the host (chatViewProvider.ts) and bundled into the webview (webview/main.ts); it must
 * stay free of `vscode` and of Node.
 */
import { isApiErrorKind } from '../core/api/errorKinds';
import type { ApiErrorKind } from '../core/api/errors';

/** What a piece of context is: the editor's selection, a whole file, or an image pasted or dropped in the input. */
export type ViewAttachmentKind = 'selection' | 'file' | 'image';

/** An attachment as the view shows it: where it came from (an image: its name), not its content. */
export interface ViewAttachment {
  readonly path: string;
  readonly startLine?: number;
  readonly endLine?: number;
  /** Absent: a selection, as older histories stored. */
  readonly kind?: ViewAttachmentKind;
  /** Cut to the context budget: only its head was (or will be) sent. */
  readonly truncated?: boolean;
}

/**
 * Context waiting to go with the next question, shown as a chip above the input: the editor's selection (which
 * follows the editor: `automatic`), a file chosen with `@`, or the current file added by the user. The user can
 * remove any of them before sending.
 */
export interface ViewContextChip extends ViewAttachment {
  /** Stable while the chip is shown; what `removeContext` names. */
  readonly id: string;
  readonly kind: ViewAttachmentKind;
  readonly automatic: boolean;
}

/** One workspace file offered after `@` in the input. */
export interface ViewFileSuggestion {
  /** Workspace-relative path (what `addFile` sends back). */
  readonly path: string;
  /** Open in an editor now (open editors come first). */
  readonly open: boolean;
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
  /** What kind of failure (state `error`): `auth` offers Set API Key, `model-not-found` offers the model picker. */
  readonly errorKind?: ViewErrorKind;
  readonly usage?: ViewUsage;
  /** The model stopped the answer at its output limit. */
  readonly cutOff?: boolean;
  readonly model?: string;
  readonly attachments?: readonly ViewAttachment[];
  /** An answer's reasoning (`reasoning_content` or `<think>`), shown folded above it. */
  readonly reasoning?: string;
}

export type ViewErrorKind = ApiErrorKind;

/** Host → webview. */
export type HostMessage =
  /**
   * The whole state: on the view's `ready`, after New Chat, on opening another session, after Regenerate or an
   * edited question removed the last exchange, and whenever the view may be out of step.
   */
  | {
      readonly type: 'restore';
      readonly sessionId: string;
      readonly title: string;
      readonly messages: readonly ViewChatMessage[];
      readonly hasKey: boolean;
      /** Why nothing can be sent though a key may be set: the endpoint setting is no URL (settings.ts). */
      readonly endpointProblem?: string;
      readonly busy: boolean;
      readonly model: string;
      readonly context: readonly ViewContextChip[];
    }
  | { readonly type: 'keyState'; readonly hasKey: boolean; readonly endpointProblem?: string }
  /** The chat model changed (setting or picker). */
  | { readonly type: 'model'; readonly model: string }
  /** The context waiting for the next question changed (the whole list). */
  | { readonly type: 'context'; readonly chips: readonly ViewContextChip[] }
  /** The files matching what follows `@` (answer to `mentionQuery`, which it names). */
  | { readonly type: 'mentionResults'; readonly query: string; readonly files: readonly ViewFileSuggestion[] }
  /** Puts text in the input, e.g. a question asked while there was no key, kept for when there is one. */
  | { readonly type: 'setDraft'; readonly text: string }
  /**
   * A question was asked: its message and the (empty, streaming) answer that follows, in session `sessionId` (a new
   * chat's first question makes the session: the view learns its id here).
   */
  | { readonly type: 'turnStarted'; readonly sessionId: string; readonly title: string; readonly question: ViewChatMessage; readonly answer: ViewChatMessage }
  /**
   * Appended to a streaming answer since the previous delta (never the whole answer): `text` to the answer,
   * `reasoning` to its reasoning. Either may be empty.
   */
  | { readonly type: 'answerDelta'; readonly id: string; readonly text: string; readonly reasoning?: string }
  | {
      readonly type: 'answerEnded';
      readonly id: string;
      readonly state: 'complete' | 'stopped' | 'error';
      /** The end of the answer (and of its reasoning) not yet sent in an `answerDelta`: appended first. */
      readonly text?: string;
      readonly reasoning?: string;
      readonly error?: string;
      readonly errorKind?: ViewErrorKind;
      readonly usage?: ViewUsage;
      /** The model stopped the answer at its output limit. */
      readonly cutOff?: boolean;
    }
  | { readonly type: 'focusInput' };

/** Webview → host. */
export type ViewMessage =
  | { readonly type: 'ready' }
  /**
   * A question, with the context chips shown. `edit`: it replaces the last question (edit and resend): the last
   * exchange is removed and the question is asked again with that question's attachments.
   */
  | { readonly type: 'ask'; readonly text: string; readonly edit?: boolean }
  /** Ask the last question again, in place of its answer. */
  | { readonly type: 'regenerate' }
  | { readonly type: 'stop' }
  | { readonly type: 'newChat' }
  | { readonly type: 'showHistory' }
  | { readonly type: 'setApiKey' }
  /** Open the model picker (the endpoint's `/models`, or a typed id). */
  | { readonly type: 'chooseModel' }
  | { readonly type: 'removeContext'; readonly id: string }
  /** The user typed `@query`: which files match. */
  | { readonly type: 'mentionQuery'; readonly query: string }
  /** A file chosen after `@` becomes a context chip. */
  | { readonly type: 'addFile'; readonly path: string }
  /** Attach the whole file of the active editor. */
  | { readonly type: 'addCurrentFile' }
  /** An image pasted or dropped into the input, as a `data:` URI (the host checks its type and size). */
  | { readonly type: 'addImage'; readonly name: string; readonly dataUrl: string }
  | { readonly type: 'openLink'; readonly href: string }
  | { readonly type: 'copyCode'; readonly code: string }
  | { readonly type: 'insertCode'; readonly code: string }
  /**
   * A code block applied to a file, as an edit to review (core/chat/applyPlan.ts); `answerId` names the answer it
   * is in, whose question's selection says where it may go.
   */
  | { readonly type: 'applyCode'; readonly code: string; readonly answerId: string }
  /** A code block opened as a new untitled file; `language` is the fence's tag (may be empty). */
  | { readonly type: 'newFile'; readonly code: string; readonly language: string };

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

const isKind = (v: unknown): v is ViewAttachmentKind => v === 'selection' || v === 'file' || v === 'image';

function isAttachment(v: unknown): v is ViewAttachment {
  return (
    isRecord(v) &&
    isString(v.path) &&
    optional(v.startLine, isCount) &&
    optional(v.endLine, isCount) &&
    optional(v.kind, isKind) &&
    optional(v.truncated, isBoolean)
  );
}

function isChip(v: unknown): v is ViewContextChip {
  return isAttachment(v) && isRecord(v) && isString(v.id) && isKind(v.kind) && isBoolean(v.automatic);
}

function isSuggestion(v: unknown): v is ViewFileSuggestion {
  return isRecord(v) && isString(v.path) && isBoolean(v.open);
}

const isErrorKind = (v: unknown): v is ViewErrorKind => isApiErrorKind(v);
const isListOf = (check: (x: unknown) => boolean) => (v: unknown): boolean => Array.isArray(v) && v.every(check);

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
    optional(v.errorKind, isErrorKind) &&
    optional(v.usage, isUsage) &&
    optional(v.cutOff, isBoolean) &&
    optional(v.model, isString) &&
    optional(v.attachments, isListOf(isAttachment)) &&
    optional(v.reasoning, isString)
  );
}

/** One check per message type; a `Record` over the union's tags, so a new type must be added here. */
const HOST_CHECKS: { readonly [K in HostMessage['type']]: (m: Fields) => boolean } = {
  restore: (m) =>
    isString(m.sessionId) &&
    isString(m.title) &&
    isListOf(isChatMessage)(m.messages) &&
    isBoolean(m.hasKey) &&
    optional(m.endpointProblem, isString) &&
    isBoolean(m.busy) &&
    isString(m.model) &&
    isListOf(isChip)(m.context),
  keyState: (m) => isBoolean(m.hasKey) && optional(m.endpointProblem, isString),
  model: (m) => isString(m.model),
  context: (m) => isListOf(isChip)(m.chips),
  mentionResults: (m) => isString(m.query) && isListOf(isSuggestion)(m.files),
  setDraft: (m) => isString(m.text),
  turnStarted: (m) => isString(m.sessionId) && isString(m.title) && isChatMessage(m.question) && isChatMessage(m.answer),
  answerDelta: (m) => isString(m.id) && isString(m.text) && optional(m.reasoning, isString),
  answerEnded: (m) =>
    isString(m.id) &&
    (m.state === 'complete' || m.state === 'stopped' || m.state === 'error') &&
    optional(m.text, isString) &&
    optional(m.reasoning, isString) &&
    optional(m.error, isString) &&
    optional(m.errorKind, isErrorKind) &&
    optional(m.usage, isUsage) &&
    optional(m.cutOff, isBoolean),
  focusInput: () => true,
};

const VIEW_CHECKS: { readonly [K in ViewMessage['type']]: (m: Fields) => boolean } = {
  ready: () => true,
  ask: (m) => isString(m.text) && optional(m.edit, isBoolean),
  regenerate: () => true,
  stop: () => true,
  newChat: () => true,
  showHistory: () => true,
  setApiKey: () => true,
  chooseModel: () => true,
  removeContext: (m) => isString(m.id),
  mentionQuery: (m) => isString(m.query),
  addFile: (m) => isString(m.path),
  addCurrentFile: () => true,
  addImage: (m) => isString(m.name) && isString(m.dataUrl) && m.dataUrl.startsWith('data:image/'),
  openLink: (m) => isString(m.href),
  copyCode: (m) => isString(m.code),
  insertCode: (m) => isString(m.code),
  applyCode: (m) => isString(m.code) && isString(m.answerId),
  newFile: (m) => isString(m.code) && isString(m.language),
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
