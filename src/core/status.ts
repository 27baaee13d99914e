/**
 * The completion state as the status bar shows it. Pure: the VS Code side only copies these fields onto the item.
 */
import { ApiError, describeError } from './api/errors';

export interface StatusState {
  readonly enabled: boolean;
  readonly hasKey: boolean;
  readonly inFlight: number;
  readonly lastError?: ApiError;
  readonly model: string;
  readonly endpoint: string;
  /** The active editor's file: completions off for its language, or excluded by a glob. */
  readonly file?: 'language-off' | 'excluded';
  /** The endpoint setting is no URL (settings.ts `baseUrlProblem`): nothing is sent. */
  readonly endpointProblem?: string;
}

export type StatusKind = 'ready' | 'working' | 'off' | 'no-key' | 'error';

export interface StatusView {
  readonly kind: StatusKind;
  /** With codicons, e.g. `$(sparkle) Fireworks`. */
  readonly text: string;
  readonly tooltip: string;
  /** A click on the item: the menu, or straight to setting the key when there is none. */
  readonly command: 'fireworks.showMenu' | 'fireworks.setApiKey';
}

export function statusView(state: StatusState): StatusView {
  const where = `${state.model} at ${state.endpoint}`;
  if (state.endpointProblem) {
    return { kind: 'error', text: '$(warning) Fireworks', tooltip: `Fireworks: ${state.endpointProblem}`, command: 'fireworks.showMenu' };
  }
  if (!state.hasKey) {
    return {
      kind: 'no-key',
      text: '$(key) Fireworks: set API key',
      tooltip: 'Fireworks: no API key, so no completions are requested. Click to set one.',
      command: 'fireworks.setApiKey',
    };
  }
  if (!state.enabled) {
    return { kind: 'off', text: '$(circle-slash) Fireworks', tooltip: 'Fireworks completions are off. Click for the menu.', command: 'fireworks.showMenu' };
  }
  if (state.file === 'excluded') {
    return {
      kind: 'off',
      text: '$(circle-slash) Fireworks',
      tooltip: 'Fireworks: off for this file (it matches fireworks.completions.exclude); nothing from it is sent.',
      command: 'fireworks.showMenu',
    };
  }
  if (state.file === 'language-off') {
    return {
      kind: 'off',
      text: '$(circle-slash) Fireworks',
      tooltip: 'Fireworks: off for this language (fireworks.completions.languages).',
      command: 'fireworks.showMenu',
    };
  }
  if (state.inFlight > 0) {
    return { kind: 'working', text: '$(loading~spin) Fireworks', tooltip: `Fireworks: asking ${where}`, command: 'fireworks.showMenu' };
  }
  if (state.lastError) {
    return {
      kind: 'error',
      text: '$(warning) Fireworks',
      tooltip: `Fireworks: ${describeError(state.lastError, state.model)}`,
      command: 'fireworks.showMenu',
    };
  }
  return { kind: 'ready', text: '$(sparkle) Fireworks', tooltip: `Fireworks completions: ${where}`, command: 'fireworks.showMenu' };
}
