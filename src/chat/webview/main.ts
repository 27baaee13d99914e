/**
 * The chat view's script (bundled into dist/webview.js, run in the webview's browser context). Every message from the
 * host is checked with isHostMessage before use. What the view shows is kept in the webview state (snapshot.ts) and
 * shown again at once when the view is recreated; the host's `restore`, asked for with `ready`, then replaces it.
 */
import { HostMessage, ViewContextChip, ViewMessage, assertNever, isHostMessage } from '../protocol';
import { handleClicks } from './clicks';
import { Composer } from './composer';
import { ContextChips } from './contextChips';
import { watchImageInput } from './imageInput';
import { required } from './dom';
import { MessageList } from './messageList';
import { DRAFT_DELAY_MS, LoadedState, RestoreMessage, StateSaver, ViewSnapshot, draftWasSent, loadSnapshot, sameConversation } from './snapshot';
import { Transcript } from './transcript';

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
  getState(): unknown;
  setState(state: ViewSnapshot): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: ViewMessage): void => vscode.postMessage(message);

const app = required<HTMLElement>('#fireworks-chat');
const scroller = required<HTMLElement>('.conversation', app);
const empty = required<HTMLElement>('.empty', app);
const noKey = required<HTMLElement>('.no-key', app);
const noKeyText = required<HTMLElement>('p', noKey);
const setKeyButton = required<HTMLButtonElement>('button.set-key', noKey);
const NO_KEY_TEXT = noKeyText.textContent ?? '';
const title = required<HTMLElement>('.session-title', app);

/** What the view shows besides the messages (for the saved state). */
const shown = {
  /** Whether a snapshot or the host's restore has been shown (until then: neither placeholder nor no-key box). */
  known: false,
  sessionId: '',
  title: '',
  model: '',
  hasKey: true,
  chips: [] as readonly ViewContextChip[],
};
const transcript = new Transcript();

const list = new MessageList(required<HTMLElement>('.messages', app), scroller, {
  regenerate: () => post({ type: 'regenerate' }),
  edit: (question) => composer.startEditing(question),
  setApiKey: () => post({ type: 'setApiKey' }),
  chooseModel: () => post({ type: 'chooseModel' }),
  focusInput: () => composer.focus(),
});

const composer = new Composer(required<HTMLElement>('form.composer', app), {
  send: (text, edit) => post(edit ? { type: 'ask', text, edit: true } : { type: 'ask', text }),
  stop: () => post({ type: 'stop' }),
  draftChanged: () => saver.soon(DRAFT_DELAY_MS),
  editingChanged: (editing) => list.setEditing(editing),
  mentionQuery: (query) => post({ type: 'mentionQuery', query }),
  addFile: (path) => post({ type: 'addFile', path }),
  addCurrentFile: () => post({ type: 'addCurrentFile' }),
  chooseModel: () => post({ type: 'chooseModel' }),
});

const composerRoot = required<HTMLElement>('form.composer', app);
watchImageInput(
  composerRoot,
  required<HTMLTextAreaElement>('textarea', composerRoot),
  required<HTMLInputElement>('input.image-chooser', composerRoot),
  required<HTMLButtonElement>('button.attach-image', composerRoot),
  (name, dataUrl) => post({ type: 'addImage', name, dataUrl }),
);

const chips = new ContextChips(required<HTMLElement>('.context-chips', app), (id) => {
  post({ type: 'removeContext', id });
  composer.focus();
});

const saver = new StateSaver(() =>
  vscode.setState({
    draft: composer.draft,
    editing: composer.editing,
    draftBeforeEdit: composer.draftAside,
    sessionId: shown.sessionId,
    title: shown.title,
    model: shown.model,
    hasKey: shown.hasKey,
    messages: transcript.messages,
    context: shown.chips,
    readingAt: list.readingAt,
    unfolded: list.unfoldedReasoning,
  }),
);
// Where the user reads and what they unfolded come back with the conversation when the view is shown again.
// (Not at every scroll: the view's own scrolls to the end while an answer streams change nothing to save.)
let savedReadingAt: number | undefined;
scroller.addEventListener('scroll', () => {
  if (list.readingAt === savedReadingAt) return;
  savedReadingAt = list.readingAt;
  saver.soon(DRAFT_DELAY_MS);
}, { passive: true });
scroller.addEventListener('toggle', () => saver.soon(DRAFT_DELAY_MS), true);

handleClicks(scroller, post);
setKeyButton.addEventListener('click', () => post({ type: 'setApiKey' }));

/** No key, or (endpointProblem) an endpoint setting that is no URL: then the box says that instead. */
function showKeyState(hasKey: boolean, endpointProblem?: string): void {
  shown.hasKey = hasKey;
  composer.setEnabled(hasKey);
  noKeyText.textContent = endpointProblem ?? NO_KEY_TEXT;
  setKeyButton.hidden = endpointProblem !== undefined;
}

function showTitle(text: string): void {
  shown.title = text;
  title.textContent = text;
}

function showModel(model: string): void {
  shown.model = model;
  composer.setModel(model);
}

function showChips(context: readonly ViewContextChip[]): void {
  shown.chips = context;
  chips.show(context);
}

function setBusy(busy: boolean): void {
  composer.setBusy(busy);
  list.setBusy(busy);
}

function refreshPlaceholders(): void {
  empty.hidden = !shown.known || !list.isEmpty;
  noKey.hidden = !shown.known || shown.hasKey;
  title.hidden = list.isEmpty || !shown.title;
}

function showReading(state: LoadedState): void {
  list.unfoldReasoning(state.unfolded);
  if (state.readingAt !== undefined) list.readAt(state.readingAt);
}

/** The whole state, from the host or from the saved snapshot; a conversation already shown is not rebuilt. */
function showRestore(message: RestoreMessage): void {
  const same = shown.known && shown.sessionId === message.sessionId && transcript.equals(message.messages);
  if (!same) {
    transcript.replace(message.messages);
    list.replaceAll(message.messages);
  }
  shown.known = true;
  shown.sessionId = message.sessionId;
  showTitle(message.title);
  showModel(message.model);
  showChips(message.context);
  showKeyState(message.hasKey, message.endpointProblem);
  setBusy(message.busy);
  // An edit of a question that is gone, or while an answer streams, is over.
  if (composer.editing && (message.busy || !message.messages.some((m) => m.role === 'user'))) composer.cancelEditing();
}

function receive(message: HostMessage): void {
  switch (message.type) {
    case 'restore':
      // The host's first restore: a draft from an older saved state that the conversation shows was sent since is
      // not the user's any more.
      if (!hostRestored && composer.draft === saved.draft && draftWasSent(saved.draft, saved.view, message)) composer.draft = '';
      showRestore(message);
      // Still the conversation last shown (even if rebuilt): where the user was reading, what they unfolded.
      if (!hostRestored && sameConversation(saved.view, message)) showReading(saved);
      hostRestored = true;
      saver.now();
      break;
    case 'keyState':
      showKeyState(message.hasKey, message.endpointProblem);
      saver.now();
      break;
    case 'model':
      showModel(message.model);
      saver.now();
      break;
    case 'context':
      showChips(message.chips);
      saver.now();
      break;
    case 'mentionResults':
      composer.mentionResults(message.query, message.files);
      break;
    case 'setDraft':
      composer.cancelEditing();
      composer.setDraft(message.text);
      break;
    case 'turnStarted':
      composer.cancelEditing();
      shown.sessionId = message.sessionId;
      showTitle(message.title);
      transcript.add(message.question);
      transcript.add(message.answer);
      list.add(message.question);
      list.add(message.answer);
      setBusy(true);
      saver.now();
      break;
    case 'answerDelta':
      transcript.append(message.id, message.text, message.reasoning);
      list.appendDelta(message.id, message.text, message.reasoning);
      saver.soon();
      break;
    case 'answerEnded':
      if (message.text || message.reasoning) {
        transcript.append(message.id, message.text ?? '', message.reasoning);
        list.appendDelta(message.id, message.text ?? '', message.reasoning);
      }
      transcript.end(message.id, message.state, message.error, message.errorKind, message.usage, message.cutOff);
      list.end(message.id, message.state, message.error, message.errorKind, message.usage, message.cutOff);
      setBusy(transcript.busy);
      saver.now();
      break;
    case 'focusInput':
      composer.focus();
      break;
    default:
      assertNever(message);
  }
  refreshPlaceholders();
}

// What was shown last time, at once (the host's restore follows `ready`).
const saved = loadSnapshot(vscode.getState());
let hostRestored = false;
composer.draft = saved.draft;
if (saved.view) {
  showRestore(saved.view);
  showReading(saved);
}
composer.restoreEditing(saved.editing && saved.view !== undefined, saved.draftBeforeEdit);
refreshPlaceholders();

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostMessage(event.data)) receive(event.data);
});
window.addEventListener('pagehide', () => saver.now());
post({ type: 'ready' });
