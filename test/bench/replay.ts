/**
 * Section 2: typing replay. Each file's typing script (typist.ts) is played in real time against each provider,
 * with VS Code's inline-completion behaviour around it:
 * - every keystroke cancels the provider call in flight (its AbortSignal aborts: the debounce, or the HTTP request
 *   unless the provider keeps it for the next call: ours does while the user types what it streams);
 * - VS Code waits its own 50 ms after a keystroke, then calls the provider with `alreadyWaitedMs: 50`; a keystroke
 *   within those 50 ms means no call at all for the one before;
 * - a keystroke that inserts what the ghost text starts with keeps the rest on screen ("typed into ghost text"),
 *   whatever the provider answers next (VS Code reuses a suggestion still valid: InlineCompletionsSource
 *   `canBeReused`); any other keystroke hides it; moving the cursor hides it and asks nothing;
 * - otherwise a result arriving before the next keystroke is shown as ghost text.
 * The model is the stand-in (real HTTP on 127.0.0.1) playing model.ts, reached through the real
 * OpenAICompatibleClient. One stand-in per provider and file, so its counters are that session's alone.
 */
import { OpenAICompatibleClient } from '../../src/core/api/client';
import { CompletionResult } from '../../src/core/completion/pipeline';
import { CHARS_PER_TOKEN } from '../../src/core/completion/prompt';
import type { SourceFile } from '../../src/core/completion/snippets';
import { lineSourceOf } from '../../src/core/completion/window';
import { StandIn, promptOf } from '../standin/server';
import { ModelTiming, PromptCache, modelResponder, parseQwenFim } from './model';
import { PROVIDERS, ProviderKind, RequestObserver, benchSettings, buildProvider } from './providers';
import { TypingScript, positionOf } from './typist';
import { quantile, sleep } from './util';

/** VS Code's own wait after a keystroke before it asks inline completion providers. */
const VSCODE_INLINE_DEBOUNCE_MS = 50;
const DEBOUNCE_MS = 250;
const TIMEOUT_MS = 5000;

export interface SessionFigures {
  readonly keystrokes: number;
  /** Times the provider was called (keystrokes VS Code did not skip within its 50 ms). */
  readonly providerCalls: number;
  readonly requests: number;
  /** Requests the stand-in saw closed before the end of the answer. */
  readonly aborted: number;
  /** Aborted by our early stop (the answer was decided), as opposed to by a keystroke or a timeout. */
  readonly stoppedEarly: number;
  readonly timedOut: number;
  /** Tokens the stand-in actually streamed before the answer ended or the client went away. */
  readonly tokens: number;
  /** The requests' prompts, in approximate tokens (characters / CHARS_PER_TOKEN). */
  readonly promptTokens: number;
  /**
   * Of those, what the endpoint's prompt cache did not hold (PromptCache: beyond the start each prompt shares with one
   * of the session's recent prompts, in whole blocks): what it read anew, each token adding to the time to first token.
   */
  readonly uncachedPromptTokens: number;
  /** New ghost texts on screen: results that came before the next keystroke, where none was being typed into. */
  readonly shown: number;
  readonly shownFromCache: number;
  /** Characters of those new ghost texts. */
  readonly shownChars: number;
  /** Provider results answered from the cache (shown or not). */
  readonly reuseHits: number;
  /** Keystrokes that typed into the ghost text on screen and left some of it. */
  readonly typedIntoGhost: number;
  readonly typedIntoGhostWithoutRequest: number;
  /** Characters the user typed that the ghost text on screen had already suggested. */
  readonly charsMatchingGhost: number;
  /**
   * Requests aborted before their answer ended because it was no longer wanted: a keystroke superseded them (the
   * user typed on while it streamed), or, for ours, what the user typed disagreed with it.
   */
  readonly superseded: number;
  /** Why each request was made: what the screen showed at its keystroke (see RequestCause). */
  readonly requestCauses: Readonly<Record<RequestCause, number>>;
  /**
   * Requests made while typing into ghost text after the text after the cursor had changed since the ghost text
   * came (an auto-closed bracket or quote, an overtyped closer, a closer moved down by Enter).
   */
  readonly typedIntoAfterSuffixChange: number;
  /** Milliseconds from a keystroke to ghost text from a request (not the cache), at the real (unscaled) pace. */
  readonly msToGhost: readonly number[];
}

/**
 * What the screen showed at the keystroke a request was made for:
 * - `typed-into`: ghost text the user was typing into (VS Code still shows it; a request here is wasted);
 * - otherwise no ghost text, because the user had typed all of the last one (`finished`), typed something else
 *   than it (`rejected`), typed on while the answer for an earlier pause was still coming (`superseded`: that
 *   request was aborted), the last answer was empty or failed (`empty`), or there had been none yet / the cursor
 *   moved (`start`).
 */
export type RequestCause = 'typed-into' | 'finished' | 'rejected' | 'superseded' | 'empty' | 'start';
const REQUEST_CAUSES: readonly RequestCause[] = ['typed-into', 'finished', 'rejected', 'superseded', 'empty', 'start'];

interface Call {
  readonly key: number;
  readonly controller: AbortController;
  requested: boolean;
  /** The provider returned (with any result). */
  done: boolean;
}

/**
 * BENCH_TRACE=<file name>:<provider> prints that session's events (keystrokes, requests, ghost texts);
 * `*:<provider>` every session of that provider, each line headed by its file's name.
 */
function tracer(script: TypingScript, kind: ProviderKind): ((line: string) => void) | undefined {
  const wanted = process.env.BENCH_TRACE;
  if (wanted !== `${script.name}:${kind}` && wanted !== `*:${kind}`) return undefined;
  const t0 = performance.now();
  const head = wanted.startsWith('*') ? `${script.name} ` : '';
  return (line) => console.log(`${head}${(performance.now() - t0).toFixed(0).padStart(7)} ${line}`);
}

/** The prompt's line at the cursor, `|` marking the cursor (for traces). */
function cursorLine(prompt: string): string {
  const fim = parseQwenFim(prompt);
  if (!fim) return '?';
  return JSON.stringify(`${fim.prefix.slice(fim.prefix.lastIndexOf('\n') + 1)}|${fim.suffix.split('\n', 1)[0]}`);
}

async function playSession(script: TypingScript, others: readonly SourceFile[], kind: ProviderKind, scale: number, timing: ModelTiming): Promise<SessionFigures> {
  const trace = tracer(script, kind);
  const standIn = await StandIn.start();
  try {
    const promptCache = new PromptCache();
    const scaled = { ttftMs: timing.ttftMs * scale, chunkDelayMs: timing.chunkDelayMs * scale, prefillMsPerToken: (timing.prefillMsPerToken ?? 0) * scale };
    standIn.onCompletion(modelResponder(script.truth, scaled, promptCache));
    const client = new OpenAICompatibleClient({ baseUrl: standIn.baseUrl, apiKey: 'bench-key' });
    const callsBySignal = new WeakMap<AbortSignal, Call>();
    let stoppedEarly = 0;
    /** Requests the client ended because the answer was no longer wanted (a keystroke; ours: what was typed disagreed). */
    let superseded = 0;
    const observer: RequestObserver = {
      request: (request, options) => {
        // The request is made by the provider call in flight (the pipeline may give the client a signal of its own).
        const call = callsBySignal.get(options.signal) ?? (latest && !latest.controller.signal.aborted ? latest : undefined);
        if (call) call.requested = true;
        trace?.(`  request for #${call?.key ?? '?'} at ${cursorLine(request.prompt)}`);
      },
      outcome: (outcome) => {
        if (outcome.ok && outcome.finish === 'early') stoppedEarly++;
        if (!outcome.ok && outcome.error.kind === 'cancelled') superseded++;
        trace?.(`  answer ${outcome.ok ? `${outcome.finish} ${JSON.stringify(outcome.text)}` : outcome.error.kind}`);
      },
    };
    const settings = benchSettings({ debounceMs: DEBOUNCE_MS * scale, timeoutMs: TIMEOUT_MS * scale });
    const { pipeline } = buildProvider(kind, client, settings, { observer, otherFiles: others });
    const documentKey = `file:///bench/${script.name}`;

    let ghost: string | undefined;
    /** The text after the cursor when the ghost text on screen came. */
    let ghostSuffix = '';
    let latest: Call | undefined;
    let vscodeWait: NodeJS.Timeout | undefined;
    const running: Promise<void>[] = [];
    const calls: Call[] = [];
    const typedIntoAt: number[] = [];
    const keyTimes: number[] = [];
    const causeAt: RequestCause[] = [];
    const suffixChangedAt: boolean[] = [];
    /** Why nothing is on screen now. */
    let emptyBecause: RequestCause = 'start';
    const msToGhost: number[] = [];
    let shown = 0;
    let shownFromCache = 0;
    let shownChars = 0;
    let reuseHits = 0;
    let charsMatchingGhost = 0;
    let timedOut = 0;

    const callProvider = (key: number): void => {
      const stroke = script.keystrokes[key];
      const call: Call = { key, controller: new AbortController(), requested: false, done: false };
      calls.push(call);
      latest = call;
      callsBySignal.set(call.controller.signal, call);
      const input = {
        document: lineSourceOf(stroke.doc),
        position: positionOf(stroke.doc, stroke.cursor),
        manual: false,
        alreadyWaitedMs: VSCODE_INLINE_DEBOUNCE_MS * scale,
        documentKey,
        offset: stroke.cursor,
        languageId: script.languageId,
        filePath: script.name,
      };
      running.push(
        pipeline.run(input, call.controller.signal).then((result: CompletionResult) => {
          call.done = true;
          if (result.kind === 'shown' && result.reused) reuseHits++;
          trace?.(`  #${key} -> ${result.kind}${result.kind === 'shown' ? ` ${result.reused ? '(cache) ' : ''}${JSON.stringify(result.text)}` : ''}`);
          if (result.kind === 'error' && result.error.kind === 'timeout') timedOut++;
          if (latest !== call || call.controller.signal.aborted) return; // VS Code dropped it: a newer keystroke
          // Ghost text the user is typing into stays whatever the provider answers (VS Code reuses it).
          if (ghost !== undefined) return;
          if (result.kind !== 'shown') {
            if (result.kind === 'empty' || result.kind === 'error') emptyBecause = 'empty';
            return;
          }
          ghost = result.text;
          ghostSuffix = stroke.doc.slice(stroke.cursor);
          shown++;
          trace?.(`  new ghost text for #${key}${result.reused ? ' (cache)' : ''}`);
          shownChars += result.text.length;
          if (result.reused) shownFromCache++;
          else msToGhost.push((performance.now() - keyTimes[key]) / scale);
        }),
      );
    };

    const started = performance.now();
    let due = 0;
    for (let key = 0; key < script.keystrokes.length; key++) {
      const stroke = script.keystrokes[key];
      due += stroke.gapMs * scale;
      await sleep(started + due - performance.now());
      keyTimes[key] = performance.now();
      // What the screen shows after this keystroke.
      const typedInto =
        ghost !== undefined && stroke.kind !== 'move' && stroke.inserted !== '' && ghost.startsWith(stroke.inserted);
      if (typedInto && ghost !== undefined) {
        charsMatchingGhost += stroke.inserted.length;
        ghost = ghost.slice(stroke.inserted.length) || undefined;
        if (ghost !== undefined) typedIntoAt.push(key);
        else emptyBecause = 'finished';
      } else if (ghost !== undefined) {
        ghost = undefined;
        emptyBecause = stroke.kind === 'move' ? 'start' : 'rejected';
      } else if (latest?.requested && !latest.done) {
        emptyBecause = 'superseded';
      }
      causeAt[key] = ghost !== undefined ? 'typed-into' : emptyBecause;
      suffixChangedAt[key] = ghost !== undefined && stroke.doc.slice(stroke.cursor) !== ghostSuffix;
      if (ghost !== undefined && stroke.kind === 'enter-between') {
        // Enter also moved the closer to a line below, which the ghost text does not have: VS Code drops its item
        // and asks again; what it shows is the provider's answer (a request for it is still one typed into).
        ghost = undefined;
        emptyBecause = 'typed-into';
      }
      trace?.(`#${key} ${stroke.kind} ${JSON.stringify(stroke.inserted)} gap ${stroke.gapMs.toFixed(0)} ${causeAt[key]}`);
      // VS Code cancels what is pending for the previous keystroke and asks again 50 ms later.
      clearTimeout(vscodeWait);
      latest?.controller.abort();
      latest = undefined;
      if (stroke.kind === 'move') continue;
      vscodeWait = setTimeout(() => callProvider(key), VSCODE_INLINE_DEBOUNCE_MS * scale);
    }
    // Let the last keystroke's answer arrive (and the stand-in finish every stream) before counting.
    await sleep(VSCODE_INLINE_DEBOUNCE_MS * scale + 10);
    await Promise.all(running);
    const requests = standIn.completionRequests();
    await Promise.all(requests.map((r) => r.done));

    const byKey = new Map(calls.map((c) => [c.key, c]));
    const prompts = requests.map(promptOf);
    const aborted = requests.filter((r) => r.aborted).length;
    const requestCauses = Object.fromEntries(REQUEST_CAUSES.map((cause) => [cause, 0])) as Record<RequestCause, number>;
    for (const call of calls) if (call.requested) requestCauses[causeAt[call.key]]++;
    return {
      keystrokes: script.keystrokes.length,
      providerCalls: calls.length,
      requests: requests.length,
      aborted,
      stoppedEarly,
      timedOut,
      tokens: requests.reduce((sum, r) => sum + r.streamedTokens, 0),
      promptTokens: prompts.reduce((sum, p) => sum + p.length, 0) / CHARS_PER_TOKEN,
      uncachedPromptTokens: promptCache.uncachedTokens,
      shown,
      shownFromCache,
      shownChars,
      reuseHits,
      typedIntoGhost: typedIntoAt.length,
      typedIntoGhostWithoutRequest: typedIntoAt.filter((key) => !byKey.get(key)?.requested).length,
      charsMatchingGhost,
      superseded,
      requestCauses,
      typedIntoAfterSuffixChange: calls.filter((c) => c.requested && causeAt[c.key] === 'typed-into' && suffixChangedAt[c.key]).length,
      msToGhost,
    };
  } finally {
    await standIn.close();
  }
}

export interface ReplayTotals extends Omit<SessionFigures, 'msToGhost'> {
  readonly msToGhostP50: number;
  readonly msToGhostP90: number;
}

export interface ReplayResult {
  readonly scale: number;
  /** The model's timing, unscaled. */
  readonly timing: ModelTiming;
  readonly wallMs: number;
  readonly files: ReadonlyArray<{ readonly name: string; readonly lines: number; readonly chars: number; readonly keystrokes: number; readonly typingMs: number }>;
  readonly perFile: ReadonlyArray<{ readonly name: string; readonly providers: Readonly<Record<ProviderKind, ReplayTotals>> }>;
  readonly totals: Readonly<Record<ProviderKind, ReplayTotals>>;
}

function total(sessions: readonly SessionFigures[]): ReplayTotals {
  const sum = (pick: (s: SessionFigures) => number): number => sessions.reduce((n, s) => n + pick(s), 0);
  const ms = sessions.flatMap((s) => s.msToGhost);
  return {
    keystrokes: sum((s) => s.keystrokes),
    providerCalls: sum((s) => s.providerCalls),
    requests: sum((s) => s.requests),
    aborted: sum((s) => s.aborted),
    stoppedEarly: sum((s) => s.stoppedEarly),
    timedOut: sum((s) => s.timedOut),
    tokens: sum((s) => s.tokens),
    promptTokens: sum((s) => s.promptTokens),
    uncachedPromptTokens: sum((s) => s.uncachedPromptTokens),
    shown: sum((s) => s.shown),
    shownFromCache: sum((s) => s.shownFromCache),
    shownChars: sum((s) => s.shownChars),
    reuseHits: sum((s) => s.reuseHits),
    typedIntoGhost: sum((s) => s.typedIntoGhost),
    typedIntoGhostWithoutRequest: sum((s) => s.typedIntoGhostWithoutRequest),
    charsMatchingGhost: sum((s) => s.charsMatchingGhost),
    superseded: sum((s) => s.superseded),
    typedIntoAfterSuffixChange: sum((s) => s.typedIntoAfterSuffixChange),
    requestCauses: Object.fromEntries(REQUEST_CAUSES.map((cause) => [cause, sum((s) => s.requestCauses[cause])])) as Record<RequestCause, number>,
    msToGhostP50: quantile(ms, 0.5),
    msToGhostP90: quantile(ms, 0.9),
  };
}

/** Plays every script against both providers, all sessions at once (each waits on its own clock). */
export async function typingReplay(scripts: readonly TypingScript[], options: { scale: number; timing: ModelTiming }): Promise<ReplayResult> {
  const started = Date.now();
  const jobs = scripts.flatMap((script) => PROVIDERS.map((kind) => ({ script, kind })));
  // The other files of the corpus are open beside each one (snippets in the prompt, as in the editor).
  const openBeside = (script: TypingScript): SourceFile[] =>
    scripts.filter((s) => s !== script).map((s, recency) => ({ path: s.name, languageId: s.languageId, text: s.truth, recency }));
  const figures = await Promise.all(jobs.map(({ script, kind }) => playSession(script, openBeside(script), kind, options.scale, options.timing)));
  const perFile = scripts.map((script) => {
    const providers = {} as Record<ProviderKind, ReplayTotals>;
    for (const kind of PROVIDERS) providers[kind] = total(figures.filter((_, i) => jobs[i].script === script && jobs[i].kind === kind));
    return { name: script.name, providers };
  });
  const totals = {} as Record<ProviderKind, ReplayTotals>;
  for (const kind of PROVIDERS) totals[kind] = total(figures.filter((_, i) => jobs[i].kind === kind));
  return {
    scale: options.scale,
    timing: options.timing,
    wallMs: Date.now() - started,
    files: scripts.map((s) => ({ name: s.name, lines: s.typedLines + 1, chars: s.typedChars, keystrokes: s.keystrokes.length, typingMs: s.durationMs })),
    perFile,
    totals,
  };
}
