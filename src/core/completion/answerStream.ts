/**
 * One request's stream into its LiveAnswer: what is shown at the place asked for is decided as the chunks come
 * (postprocess.ts `isDecided`), then the stream reads on for the lines after it (tail.ts) when a cache can use them,
 * or ends there; how it ended goes to the observer, the backoff and the log.
 */
import { CompletionClient, CompletionOutcome } from '../api/completions';
import { Logger } from '../logger';
import { CompletionSettings } from '../settings';
import { Backoff } from './backoff';
import { LiveAnswer } from './liveAnswer';
import { EditContext } from './editContext';
import { isDecided, postprocess } from './postprocess';
import { needsNextLine } from './singleLine';
import { ReadOn, tailReader } from './tail';
import { FimTemplate, cutAtStop, stopFor } from './templates';

/** Lets the UI show that a request is in flight and how it ended. */
export interface RequestObserver {
  requestStarted(): void;
  requestFinished(outcome: CompletionOutcome): void;
}

/** What shapes an answer: the prompt's template, the place, the settings; whether to read on past what is shown. */
export interface AnswerShape {
  readonly template: FimTemplate;
  readonly context: EditContext;
  readonly settings: CompletionSettings;
  readonly readTail: boolean;
}

export interface StreamHooks {
  readonly id: number;
  readonly logger: Logger;
  readonly observer?: RequestObserver;
  readonly backoff?: Backoff;
}

/** Starts the request; `answer` fills as it streams (it is aborted through its own signal). */
export function streamAnswer(answer: LiveAnswer, client: CompletionClient, prompt: string, shape: AnswerShape, hooks: StreamHooks): void {
  const { template, context, settings } = shape;
  let stopped: ReadOn = { stop: false };
  const readOn = tailReader(context, settings.maxLines);
  // In the middle of a line one line is asked for, and nothing after it is read, but for what tells its end.
  const midLine = context.mode === 'single' && context.lineSuffix.trim() !== '';
  hooks.observer?.requestStarted();
  void client
    .streamCompletion(
      {
        model: settings.model,
        prompt,
        maxTokens: settings.maxTokens,
        temperature: settings.temperature,
        stop: stopFor(template, midLine && !needsNextLine(context) ? ['\n'] : []),
      },
      {
        signal: answer.signal,
        timeoutMs: settings.timeoutMs,
        isDecided: (soFar) => {
          const raw = cutAtStop(soFar, template.stop).text;
          if (answer.shown === undefined && isDecided(raw, context)) answer.decide(postprocess(raw, context));
          answer.update(raw);
          if (midLine && answer.shown !== undefined) {
            // The one line asked for; what came after it told where it ends, and is junk.
            const newline = raw.indexOf('\n');
            stopped = newline === -1 ? { stop: true, keep: raw, complete: false } : { stop: true, keep: raw.slice(0, newline), complete: true };
            return true;
          }
          if (!shape.readTail) return answer.shown !== undefined;
          stopped = readOn(raw, answer.shown !== undefined);
          return stopped.stop;
        },
      },
    )
    .then((outcome) => finished(answer, inTime(answer, outcome, shape, hooks), stopped, shape, hooks))
    .catch((error: unknown) => {
      // The client reports failures as outcomes; anything else (in the stream or in what follows it) is a bug of
      // ours, which must not leave callers waiting on an answer that never ends.
      hooks.logger.error(`#${hooks.id} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
      answer.end('failed');
    });
}

/**
 * The stream failed after the ghost text was decided, while it read on for the lines after it (tail.ts): the deadline
 * fell (a local model at a few tokens a second), or the connection dropped. The endpoint answered what was asked,
 * and what it read on is kept as a truncated answer; counted as a failure, the back-off would pause completions and
 * the status bar flag an endpoint that works.
 */
function inTime(answer: LiveAnswer, outcome: CompletionOutcome, shape: AnswerShape, hooks: StreamHooks): CompletionOutcome {
  if (outcome.ok || outcome.error.kind === 'cancelled' || answer.shown === undefined) return outcome;
  const why = outcome.error.kind === 'timeout' ? `the ${shape.settings.timeoutMs} ms timeout` : `${outcome.error.kind}: ${outcome.error.message}`;
  hooks.logger.debug(`#${hooks.id} reading on after its ghost text was cut by ${why}`);
  return { ok: true, text: answer.raw, finish: 'early', durationMs: outcome.durationMs };
}

function finished(answer: LiveAnswer, outcome: CompletionOutcome, stopped: ReadOn, shape: AnswerShape, hooks: StreamHooks): void {
  const { template, context, settings } = shape;
  const { id, logger } = hooks;
  try {
    hooks.observer?.requestFinished(outcome);
  } catch (error) {
    // A bug of ours in what only reports the request (status bar, statistics): the answer still shows.
    logger.error(`#${id} reporting its end failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (outcome.ok) hooks.backoff?.succeeded();
  else hooks.backoff?.failed(outcome.error);
  if (!outcome.ok) {
    const usable = answer.shown !== undefined;
    if (outcome.error.kind === 'cancelled') {
      logger.debug(`#${id} aborted after ${outcome.durationMs} ms (${usable ? 'after its ghost text was decided' : 'superseded'})`);
      answer.end(usable || answer.raw !== '' ? 'truncated' : 'failed');
    } else {
      logger.warn(`#${id} ${outcome.error.kind} after ${outcome.durationMs} ms: ${outcome.error.message}`);
      answer.end(usable ? 'truncated' : 'failed', answer.raw, outcome.error);
    }
    return;
  }
  const full = cutAtStop(outcome.text, template.stop).text;
  answer.decide(postprocess(full, context, outcome.finish !== 'length'));
  if (outcome.finish === 'early') answer.end(stopped.stop && stopped.complete ? 'complete' : 'truncated', stopped.stop ? stopped.keep : full);
  else answer.end(outcome.finish === 'length' ? 'truncated' : 'complete', full);
  const text = answer.shown ?? '';
  const usage = outcome.usage ? `, ${outcome.usage.promptTokens}+${outcome.usage.completionTokens} tokens` : '';
  const server = outcome.serverTimings ? `, ${outcome.serverTimings}` : '';
  logger.info(
    `#${id} ${settings.model} [${template.id}, ${context.mode}] ${outcome.durationMs} ms` +
      ` (first chunk ${outcome.timeToFirstChunkMs ?? '-'} ms, ${outcome.finish}${usage}${server}):` +
      ` ${text ? `${text.length} chars shown` : 'nothing to show'}, ${answer.raw.length} chars kept for what follows`,
  );
}
