/** What follows an answer once it ended: its error (with the action that fixes it, if any), "Stopped", the usage. */
import type { ViewErrorKind, ViewUsage } from '../protocol';
import { el, icon, textButton } from './dom';

export interface ErrorActions {
  setApiKey(): void;
  chooseModel(): void;
}

export interface AnswerEnd {
  readonly state: 'complete' | 'stopped' | 'error' | 'streaming';
  readonly error?: string;
  readonly errorKind?: ViewErrorKind;
  readonly usage?: ViewUsage;
  readonly model?: string;
  readonly cutOff?: boolean;
}

function formatUsage(usage: ViewUsage, model?: string): string {
  const n = (v: number): string => v.toLocaleString('en-US');
  const shortModel = model ? ` · ${model.split('/').pop() ?? model}` : '';
  return `${n(usage.promptTokens)} in · ${n(usage.completionTokens)} out${shortModel}`;
}

function errorAction(kind: ViewErrorKind | undefined, actions: ErrorActions): HTMLButtonElement | undefined {
  if (kind === 'auth') {
    const button = textButton('Set API Key', 'error-action');
    button.addEventListener('click', () => actions.setApiKey());
    return button;
  }
  if (kind === 'model-not-found') {
    const button = textButton('Choose Model', 'error-action');
    button.addEventListener('click', () => actions.chooseModel());
    return button;
  }
  return undefined;
}

export function fillFooter(footer: HTMLElement, end: AnswerEnd, actions: ErrorActions): void {
  footer.replaceChildren();
  if (end.state === 'error') {
    const box = el('div', 'answer-error');
    box.setAttribute('role', 'alert');
    const body = el('div', 'answer-error-body');
    body.append(el('span', 'answer-error-text', end.error ?? 'The request failed.'));
    const action = errorAction(end.errorKind, actions);
    if (action) body.append(action);
    box.append(icon('error'), body);
    footer.append(box);
  } else if (end.state === 'stopped') {
    footer.append(el('span', 'answer-note', 'Stopped'));
  } else if (end.cutOff) {
    footer.append(el('span', 'answer-note', 'Cut off at the model\'s output limit: ask it to go on'));
  }
  if (end.usage) footer.append(el('span', 'answer-usage', formatUsage(end.usage, end.model)));
}
