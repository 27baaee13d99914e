/**
 * The chat view's script (bundled into dist/webview.js, run in the webview's browser context). Every message from the
 * host is checked with isHostMessage before use; the view keeps only its draft in the webview state (the
 * conversation comes back from the host on `ready`, e.g. after the view was hidden or the window reloaded).
 */
import { HostMessage, ViewMessage, assertNever, isHostMessage } from '../protocol';
import { handleClicks } from './clicks';
import { Composer } from './composer';
import { required } from './dom';
import { MessageList } from './messageList';

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
  getState(): unknown;
  setState(state: ViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface ViewState {
  readonly draft: string;
}

const vscode = acquireVsCodeApi();
const post = (message: ViewMessage): void => vscode.postMessage(message);

const app = required<HTMLElement>('#fireworks-chat');
const scroller = required<HTMLElement>('.conversation', app);
const list = new MessageList(required<HTMLElement>('.messages', app), scroller);
const empty = required<HTMLElement>('.empty', app);
const noKey = required<HTMLElement>('.no-key', app);
const title = required<HTMLElement>('.session-title', app);

const saved = vscode.getState();
const composer = new Composer(required<HTMLElement>('form.composer', app), {
  send: (text) => post({ type: 'ask', text }),
  stop: () => post({ type: 'stop' }),
  draftChanged: (draft) => vscode.setState({ draft }),
});
if (typeof saved === 'object' && saved !== null && typeof (saved as Partial<ViewState>).draft === 'string') {
  composer.draft = (saved as ViewState).draft;
}

handleClicks(scroller, post);
required<HTMLButtonElement>('button.set-key', app).addEventListener('click', () => post({ type: 'setApiKey' }));

function showKeyState(hasKey: boolean): void {
  noKey.hidden = hasKey;
  composer.setEnabled(hasKey);
}

function refreshEmpty(): void {
  empty.hidden = !list.isEmpty;
  title.hidden = list.isEmpty;
}

function receive(message: HostMessage): void {
  switch (message.type) {
    case 'restore':
      list.clear();
      for (const m of message.messages) list.add(m);
      title.textContent = message.title;
      composer.setBusy(message.busy);
      showKeyState(message.hasKey);
      break;
    case 'keyState':
      showKeyState(message.hasKey);
      break;
    case 'turnStarted':
      title.textContent = message.title;
      list.add(message.question);
      list.add(message.answer);
      composer.setBusy(true);
      break;
    case 'answerDelta':
      list.appendText(message.id, message.text);
      break;
    case 'answerEnded':
      list.end(message.id, message.state, message.error, message.usage);
      composer.setBusy(false);
      break;
    case 'focusInput':
      composer.focus();
      break;
    default:
      assertNever(message);
  }
  refreshEmpty();
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostMessage(event.data)) receive(event.data);
});
post({ type: 'ready' });
