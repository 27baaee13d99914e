/**
 * Other answers for a place where ghost text is shown, when the user asks for them (VS Code's Show Next Inline
 * Suggestion, Alt+]): one request for several choices (`n`) at a livelier temperature, each cut and post-processed
 * as the main answer is, streamed until every choice is decided. What differs from what is shown, and is not empty,
 * comes back in the model's order.
 */
import { CompletionClient } from '../api/completions';
import type { StreamHooks } from './answerStream';
import { CompletionSettings } from '../settings';
import { EditContext } from './editContext';
import { isDecided, postprocess } from './postprocess';
import { needsNextLine } from './singleLine';
import { FimTemplate, cutAtStop, stopFor } from './templates';

/** Choices asked for: with the one shown, VS Code's "1/3"…"3/3" at most, as other assistants offer. */
export const ALTERNATIVE_CHOICES = 3;
/** The lowest temperature they are asked at: at the usual 0.1 the choices would mostly be the same. */
export const ALTERNATIVES_TEMPERATURE = 0.8;

export interface AlternativesRequest {
  readonly prompt: string;
  readonly template: FimTemplate;
  readonly context: EditContext;
  readonly settings: CompletionSettings;
  /** The ghost text shown already (first in the result). */
  readonly shown: string;
}

/** `shown` first, then the distinct non-empty alternatives; just `shown` when the client cannot or the request fails. */
export async function alternativeAnswers(client: CompletionClient, request: AlternativesRequest, signal: AbortSignal, hooks: Omit<StreamHooks, 'id'>): Promise<string[]> {
  const { template, context, settings, shown } = request;
  const { logger, observer, backoff } = hooks;
  if (!client.streamChoices) return [shown];
  observer?.requestStarted();
  const midLine = context.mode === 'single' && context.lineSuffix.trim() !== '';
  const outcome = await client.streamChoices(
    {
      model: settings.model,
      prompt: request.prompt,
      maxTokens: settings.maxTokens,
      temperature: Math.max(settings.temperature, ALTERNATIVES_TEMPERATURE),
      stop: stopFor(template, midLine && !needsNextLine(context) ? ['\n'] : []),
    },
    ALTERNATIVE_CHOICES,
    { signal, timeoutMs: settings.timeoutMs, isDecided: (_index, soFar) => isDecided(cutAtStop(soFar, template.stop).text, context) },
  );
  // Counted as the main answers are (statistics, backoff): one request, its usage.
  observer?.requestFinished(outcome.ok ? { ok: true, text: '', finish: 'end', usage: outcome.usage, durationMs: outcome.durationMs } : outcome);
  if (outcome.ok) backoff?.succeeded();
  else backoff?.failed(outcome.error);
  if (!outcome.ok) {
    if (outcome.error.kind !== 'cancelled') logger.warn(`alternatives: ${outcome.error.kind} after ${outcome.durationMs} ms: ${outcome.error.message}`);
    return [shown];
  }
  const texts = outcome.texts.map((text, i) => postprocess(cutAtStop(text, template.stop).text, context, outcome.finishes[i] !== 'length'));
  const distinct = [shown, ...texts.filter((text) => text.trim() !== '')].filter((text, i, all) => all.indexOf(text) === i);
  logger.info(`alternatives: ${distinct.length - 1} other of ${ALTERNATIVE_CHOICES} in ${outcome.durationMs} ms`);
  return distinct;
}
