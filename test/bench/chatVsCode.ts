/**
 * Section 5 of `npm run bench`: the chat view in a real VS Code (the harness: code-server's VS Code server, its web
 * workbench in headless Chromium), answered by the project's stand-in in this process.
 *
 * The bench asks as a user does (clicks the view's input, types, presses Enter) and watches the view from inside its
 * frame (a webview is a nested iframe): a MutationObserver notes when an expected text first is in the DOM, and the
 * next animation frame (painted). Stand-in and page stamp with Date.now() on the same machine, so times across the
 * processes compare directly.
 *   (a) first token → on screen: the stand-in's first content chunk written → that text in the view, over questions
 *       whose answer is short.
 *   (b) a long answer (1,500 lines in 4,000 chunks as fast as the stand-in can pace them, 1 ms apart): last chunk
 *       written → the answer's last line in the view; and the main thread meanwhile: long tasks (PerformanceObserver
 *       'longtask' in the view's frame: the workbench and the view share one thread here), gaps between animation
 *       frames, the longest animation frames with their scripts (Long Animation Frames, observed in the workbench's
 *       page), and the view's own work (its message handlers, animation-frame callbacks and timers, timed by wrapping
 *       them).
 * VS Code and its browser run at a raised priority when the bench may raise it (raisePriority).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Answer, RecordedRequest, StandIn } from '../standin/server';
import { evenChunks, generateAnswer } from './chatAnswer';
import { Browser, Frame, PAGE_NAME_HELPER, Page, VSCodeServer, frameWith, loadHarness, raisePriority } from './chatHarness';
import { Random, quantile, sleep } from './util';

export const FIRST_TOKEN_GOAL_MS = 50;
export const LAST_CHUNK_GOAL_MS = 100;
export const STALL_GOAL_MS = 200;

const VIEW = '#fireworks-chat';

export interface FirstTokenTrial {
  /** Stand-in wrote the first content chunk → its text in the view's DOM. */
  readonly firstTokenToDomMs: number;
  /** … → the next animation frame in the view (painted). */
  readonly firstTokenToPaintMs: number;
  /** … → the first answerDelta message reached the view (the way through extension host and workbench). */
  readonly firstTokenToMessageMs: number;
}

export interface StatsSummary {
  readonly count: number;
  readonly sum: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface LongAnswerResult {
  readonly lines: number;
  readonly chars: number;
  readonly chunks: number;
  /** Stand-in: first content chunk → end of the response (the last chunk and [DONE]). */
  readonly streamMs: number;
  /** Stand-in's end of the response → the answer's last line in the view's DOM / painted. */
  readonly lastChunkToDomMs: number;
  readonly lastChunkToPaintMs: number;
  /** Stand-in's end of the response → the last answerDelta reached the view. */
  readonly lastChunkToLastMessageMs: number;
  /** answerDelta messages the view got (the host batches chunks, ~30 ms apart). */
  readonly deltaMessages: number;
  /** Long tasks seen by the view's frame while the answer streamed (and 500 ms after). */
  readonly longTasks: number;
  readonly longTasksOver50Ms: number;
  readonly longestTaskMs: number;
  /** Attribution of the longest task (`self`: the view's frame; `same-origin-ancestor`: the workbench's). */
  readonly longestTaskName: string;
  /** The longest animation frames (Long Animation Frames API) while it streamed. */
  readonly longFrames: readonly LongFrame[];
  /** Longest gap between two animation frames in the view. */
  readonly longestFrameGapMs: number;
  /** The view's own work: its message handlers and its animation-frame callbacks (render, scroll). */
  readonly viewHandlersMs: StatsSummary;
  readonly viewRendersMs: StatsSummary;
  readonly viewScrollsMs: StatsSummary;
  readonly viewTimersMs: StatsSummary;
  /** The whole answer is in the view at the end (last line there, state complete). */
  readonly complete: boolean;
}

export interface ChatVsCodeResult {
  readonly vscodeVersion: string;
  readonly startupMs: number;
  readonly warmupQuestions: number;
  readonly firstToken: readonly FirstTokenTrial[];
  readonly failures: number;
  readonly firstTokenP50: FirstTokenTrial;
  readonly firstTokenP90: FirstTokenTrial;
  readonly long?: LongAnswerResult;
  /** VS Code's and the browser's scheduling priority (nice; -10 when the bench could raise it). */
  readonly nice: number;
}

interface Seen {
  readonly dom: number;
  readonly paint: number;
}

interface Stats {
  count: number;
  sum: number;
  max: number;
  values: number[];
}

/** A long animation frame (PerformanceLongAnimationFrameTiming, not in TypeScript's DOM library yet), as kept. */
export interface LongFrame {
  readonly duration: number;
  /** Rendering (rAF callbacks, style, layout, paint) from renderStart to the end. */
  readonly renderMs: number;
  /** Style and layout at the end of the frame. */
  readonly styleAndLayoutMs: number;
  /** The longest scripts in it: who called them, from where, how long, and style/layout they forced. */
  readonly scripts: readonly { readonly invoker: string; readonly source: string; readonly durationMs: number; readonly forcedLayoutMs: number }[];
}

interface LoafEntry extends PerformanceEntry {
  readonly renderStart: number;
  readonly styleAndLayoutStart: number;
  readonly scripts: readonly { invoker: string; sourceURL: string; duration: number; forcedStyleAndLayoutDuration: number }[];
}

interface ChatMonitor {
  /** Expected texts → when first seen (Date.now()). */
  readonly seen: Record<string, Seen>;
  expect(marker: string, where: 'answer' | 'end'): void;
  /** Date.now() of answerDelta messages as they reached the view, and their count. */
  deltaTimes: number[];
  handlers: Stats;
  /** The view's animation-frame callbacks: its Markdown render, its scroll to the end (which lays out). */
  renders: Stats;
  scrolls: Stats;
  /** The view's timer callbacks (work it defers: lazy highlighting, saving its state). */
  timers: Stats;
  longTasks: { start: number; duration: number; name: string }[];
  longestFrameGap: number;
  /** Starts (clears) the main-thread watch: long tasks, frame gaps, the view's own work. */
  watch(on: boolean): void;
}

/**
 * In the view's frame: the monitor. Wraps requestAnimationFrame (the view calls it by its global name) to time the
 * view's callbacks, listens to messages before and after the view's own listener to time its handler.
 */
function installMonitor(): void {
  const w = window as unknown as { __chatBench?: ChatMonitor };
  if (w.__chatBench) return;
  const pending = new Map<string, 'answer' | 'end'>();
  const stats = (): Stats => ({ count: 0, sum: 0, max: 0, values: [] });
  let watching = false;
  const add = (s: Stats, ms: number): void => {
    if (!watching) return;
    s.count++;
    s.sum += ms;
    s.max = Math.max(s.max, ms);
    s.values.push(ms);
  };
  const monitor: ChatMonitor = {
    seen: {},
    expect: (marker, where) => { pending.set(marker, where); },
    deltaTimes: [],
    handlers: stats(),
    renders: stats(),
    scrolls: stats(),
    timers: stats(),
    longTasks: [],
    longestFrameGap: 0,
    watch: (on) => {
      watching = on;
      if (on) {
        monitor.deltaTimes = [];
        monitor.handlers = stats();
        monitor.renders = stats();
        monitor.scrolls = stats();
        monitor.timers = stats();
        monitor.longTasks = [];
        monitor.longestFrameGap = 0;
        lastFrame = 0;
        requestAnimationFrame(gapWatch);
      }
    },
  };
  w.__chatBench = monitor;

  const lastAnswer = (): Element | null => {
    const answers = document.querySelectorAll('.message.answer .markdown');
    return answers[answers.length - 1] ?? null;
  };
  const check = (): void => {
    if (pending.size === 0) return;
    const answer = lastAnswer();
    if (!answer) return;
    const dom = Date.now();
    for (const [marker, where] of pending) {
      // A long answer: only its last blocks (the tail), not its whole text, at every change.
      const text = where === 'answer'
        ? answer.textContent ?? ''
        : Array.from(answer.children).slice(-3).map((e) => e.textContent ?? '').join('');
      if (!text.includes(marker)) continue;
      pending.delete(marker);
      realRaf(() => { monitor.seen[marker] = { dom, paint: Date.now() }; });
    }
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });

  const realRaf = window.requestAnimationFrame.bind(window);
  // The scroll-to-end callback is told apart by its source (it sets scrollTop).
  window.requestAnimationFrame = (callback: FrameRequestCallback): number => realRaf((time) => {
    const start = performance.now();
    callback(time);
    add(callback.toString().includes('scrollTop') ? monitor.scrolls : monitor.renders, performance.now() - start);
  });
  const timerWindow = window as unknown as { setTimeout(handler: TimerHandler, timeout?: number, ...args: unknown[]): number };
  const realSetTimeout = timerWindow.setTimeout.bind(window);
  timerWindow.setTimeout = (handler: TimerHandler, timeout?: number, ...args: unknown[]): number => {
    if (typeof handler !== 'function') return realSetTimeout(handler, timeout, ...args);
    return realSetTimeout(() => {
      const start = performance.now();
      handler(...args);
      add(monitor.timers, performance.now() - start);
    }, timeout);
  };
  let lastFrame = 0;
  const gapWatch = (): void => {
    const now = performance.now();
    if (lastFrame) monitor.longestFrameGap = Math.max(monitor.longestFrameGap, now - lastFrame);
    lastFrame = now;
    if (watching) realRaf(gapWatch);
  };

  let handlerStart = 0;
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    handlerStart = performance.now();
    const data = event.data as { type?: unknown } | null;
    if (watching && data?.type === 'answerDelta') monitor.deltaTimes.push(Date.now());
  }, true);
  // Added after the view's listener: runs after it.
  window.addEventListener('message', () => add(monitor.handlers, performance.now() - handlerStart));

  new PerformanceObserver((list) => {
    if (!watching) return;
    for (const entry of list.getEntries()) monitor.longTasks.push({ start: performance.timeOrigin + entry.startTime, duration: entry.duration, name: entry.name });
  }).observe({ type: 'longtask' });
}

interface FrameWatch {
  watching: boolean;
  frames: LongFrame[];
}

/**
 * In the workbench's page (the top frame: the webview's frame gets no Long Animation Frame entries): the long
 * animation frames while watching, with the scripts that ran in them (webview.js is the view's).
 */
function installFrameWatch(): void {
  const w = window as unknown as { __chatBenchFrames?: FrameWatch };
  if (w.__chatBenchFrames) return;
  const watch: FrameWatch = { watching: false, frames: [] };
  w.__chatBenchFrames = watch;
  new PerformanceObserver((list) => {
    if (!watch.watching) return;
    for (const entry of list.getEntries() as LoafEntry[]) {
      const end = entry.startTime + entry.duration;
      watch.frames.push({
        duration: entry.duration,
        renderMs: entry.renderStart ? end - entry.renderStart : 0,
        styleAndLayoutMs: entry.styleAndLayoutStart ? end - entry.styleAndLayoutStart : 0,
        scripts: [...entry.scripts]
          .sort((x, y) => y.duration - x.duration)
          .slice(0, 3)
          .map((script) => ({
            invoker: script.invoker,
            source: script.sourceURL.split('/').pop()?.split('?')[0] ?? '',
            durationMs: script.duration,
            forcedLayoutMs: script.forcedStyleAndLayoutDuration,
          })),
      });
    }
  }).observe({ type: 'long-animation-frame' });
}

function chatAnswer(content: string[], chunkDelayMs: number, ttftMs = 20): Answer {
  return { kind: 'chat', content, chunkDelayMs, ttftMs };
}

/** A short answer whose first chunk holds `marker`. */
function shortAnswer(marker: string, random: Random): string[] {
  const words = Array.from({ length: 30 }, () => ` ${random.pick(['the', 'view', 'shows', 'each', 'token', 'as', 'it', 'comes', 'quickly'])}`);
  return [`${marker}:`, ...words, '.\n\n```ts\nconst answer = 42;\n```\n'];
}

export interface ChatVsCodeOptions {
  readonly root: string;
  readonly questions: number;
  readonly warmup: number;
  readonly longLines: number;
  readonly longChunks: number;
  readonly log: (line: string) => void;
}

/** Waits for `promise`, at most `ms` (its timer cleared: a pending one would keep the bench's process alive). */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); })]);
  clearTimeout(timer);
}

async function untilTrue(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function openChatView(page: Page): Promise<Frame> {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { timeout: 10000 });
  await page.keyboard.type('Fireworks AI: Focus on Chat View');
  await untilTrue('the Focus on Chat View command in the palette', () => page.evaluate(() => {
    const row = document.querySelector('.quick-input-list .monaco-list-row.focused');
    return (row?.textContent ?? '').startsWith('Fireworks AI: Focus on Chat View');
  }), 10000);
  await page.keyboard.press('Enter');
  let frame: Frame | undefined;
  await untilTrue('the chat view', async () => (frame = await frameWith(page, VIEW)) !== undefined, 30000, 200);
  if (!frame) throw new Error('no chat view');
  return frame;
}

async function ask(page: Page, frame: Frame, question: string): Promise<void> {
  await frame.locator(`${VIEW} textarea`).first().click({ timeout: 10000 });
  await page.keyboard.type(question);
  await page.keyboard.press('Enter');
}

async function lastAnswerState(frame: Frame): Promise<string | undefined> {
  return await frame.evaluate(() => {
    const answers = document.querySelectorAll<HTMLElement>('.message.answer');
    return answers[answers.length - 1]?.dataset.state;
  });
}

async function seen(frame: Frame, marker: string): Promise<Seen | undefined> {
  return await frame.evaluate((m: string) => (window as unknown as { __chatBench: ChatMonitor }).__chatBench.seen[m], marker);
}

function summarize(values: readonly number[]): StatsSummary {
  return {
    count: values.length,
    sum: values.reduce((a, b) => a + b, 0),
    p50: quantile(values, 0.5),
    p99: quantile(values, 0.99),
    max: values.reduce((a, b) => Math.max(a, b), 0),
  };
}

export async function chatVsCode(options: ChatVsCodeOptions): Promise<ChatVsCodeResult> {
  const started = Date.now();
  const harness = await loadHarness(options.root);
  harness.ensureHarness();
  const standIn = await StandIn.start();
  let next: Answer = chatAnswer(['Hello.'], 10);
  standIn.onChat(() => next);
  const workspaceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-bench-chat-ws-'));
  let server: VSCodeServer | undefined;
  let browser: Browser | undefined;
  const priority = raisePriority();
  try {
    server = await harness.startVSCode({
      workspaceDir,
      env: { FIREWORKS_API_KEY: 'bench-key' },
      userSettings: { 'fireworks.baseUrl': standIn.baseUrl, 'fireworks.completions.enabled': false },
    });
    options.log(`  VS Code ${harness.vscodeVersion()} server ready in ${server.startupMs} ms`);
    const workbench = await harness.openWorkbench(server.url({ extensionDevelopmentPath: options.root }));
    browser = workbench.browser;
    const page = workbench.page;
    await harness.waitForWorkbench(page);
    await page.waitForSelector('.statusbar-item[id*="fireworks"]', { timeout: 30000 }).catch(() => options.log('  (no Fireworks status bar item seen)'));
    options.log(`  workbench up, extension active ${((Date.now() - started) / 1000).toFixed(0)} s after the start`);
    const frame = await openChatView(page);
    await frame.evaluate(PAGE_NAME_HELPER);
    await frame.evaluate(installMonitor);
    await page.evaluate(PAGE_NAME_HELPER);
    await page.evaluate(installFrameWatch);

    /** Asks; resolves with the stand-in's request once the answer has ended in the view. */
    const turn = async (question: string, answer: Answer, timeoutMs: number): Promise<RecordedRequest> => {
      const before = standIn.chatRequests().length;
      next = answer;
      await ask(page, frame, question);
      await untilTrue('the request', async () => standIn.chatRequests().length > before, 10000, 20);
      const request = standIn.chatRequests()[before];
      await within(request.done, timeoutMs);
      await untilTrue('the answer to end', async () => (await lastAnswerState(frame)) !== 'streaming', timeoutMs);
      return request;
    };

    options.log(`  chat view open ${((Date.now() - started) / 1000).toFixed(0)} s after the start`);
    // (a) first token → on screen
    const random = new Random(7);
    const trials: FirstTokenTrial[] = [];
    let failures = 0;
    for (let n = 0; n < options.warmup + options.questions; n++) {
      const marker = `Answer number ${n} starts here`;
      await frame.evaluate(({ m }: { m: string }) => {
        const monitor = (window as unknown as { __chatBench: ChatMonitor }).__chatBench;
        monitor.expect(m, 'answer');
        monitor.watch(true);
      }, { m: marker });
      const request = await turn(`Question ${n}: how fast is the first token?`, chatAnswer(shortAnswer(marker, random), 15), 15000);
      await sleep(100);
      const stamps = await seen(frame, marker);
      const deltas = await frame.evaluate(() => (window as unknown as { __chatBench: ChatMonitor }).__chatBench.deltaTimes);
      if (n < options.warmup) continue;
      if (!stamps || request.firstChunkAt === undefined || deltas.length === 0) {
        failures++;
        options.log(`  question ${n}: the first token was not seen in the view`);
        continue;
      }
      trials.push({
        firstTokenToDomMs: stamps.dom - request.firstChunkAt,
        firstTokenToPaintMs: stamps.paint - request.firstChunkAt,
        firstTokenToMessageMs: deltas[0] - request.firstChunkAt,
      });
      await sleep(150);
    }
    const pick = (q: number): FirstTokenTrial => ({
      firstTokenToDomMs: quantile(trials.map((t) => t.firstTokenToDomMs), q),
      firstTokenToPaintMs: quantile(trials.map((t) => t.firstTokenToPaintMs), q),
      firstTokenToMessageMs: quantile(trials.map((t) => t.firstTokenToMessageMs), q),
    });

    options.log(`  (a) ${options.warmup + options.questions} questions asked, ${((Date.now() - started) / 1000).toFixed(0)} s after the start`);
    // (b) a long answer in many chunks
    let long: LongAnswerResult | undefined;
    if (options.longLines > 0) {
      const answer = generateAnswer(options.longLines, 1500);
      const chunks = evenChunks(answer.text, options.longChunks);
      await frame.evaluate(({ m }: { m: string }) => {
        const monitor = (window as unknown as { __chatBench: ChatMonitor }).__chatBench;
        monitor.expect(m, 'end');
        monitor.watch(true);
      }, { m: answer.lastLine });
      await page.evaluate(() => {
        const watch = (window as unknown as { __chatBenchFrames: FrameWatch }).__chatBenchFrames;
        watch.frames = [];
        watch.watching = true;
      });
      const request = await turn('Explain everything, at length', chatAnswer(chunks, 1), 120000);
      await untilTrue('the last line in the view', async () => (await seen(frame, answer.lastLine)) !== undefined, 10000).catch(() => undefined);
      await sleep(500);
      const stamps = await seen(frame, answer.lastLine);
      const longFrames = await page.evaluate(() => {
        const watch = (window as unknown as { __chatBenchFrames: FrameWatch }).__chatBenchFrames;
        watch.watching = false;
        return watch.frames;
      });
      const watched = await frame.evaluate(() => {
        const monitor = (window as unknown as { __chatBench: ChatMonitor }).__chatBench;
        monitor.watch(false);
        const answers = document.querySelectorAll<HTMLElement>('.message.answer');
        const last = answers[answers.length - 1];
        return {
          deltaTimes: monitor.deltaTimes,
          handlers: monitor.handlers.values,
          renders: monitor.renders.values,
          scrolls: monitor.scrolls.values,
          timers: monitor.timers.values,
          longTasks: monitor.longTasks,
          longestFrameGap: monitor.longestFrameGap,
          state: last?.dataset.state,
        };
      });
      const end = request.endedAt ?? Number.NaN;
      const first = request.firstChunkAt ?? Number.NaN;
      const lastDelta = watched.deltaTimes[watched.deltaTimes.length - 1] ?? Number.NaN;
      const longest = [...watched.longTasks].sort((a, b) => b.duration - a.duration)[0];
      long = {
        lines: answer.lines,
        chars: answer.text.length,
        chunks: chunks.length,
        streamMs: end - first,
        lastChunkToDomMs: stamps ? stamps.dom - end : Number.NaN,
        lastChunkToPaintMs: stamps ? stamps.paint - end : Number.NaN,
        lastChunkToLastMessageMs: lastDelta - end,
        deltaMessages: watched.deltaTimes.length,
        longTasks: watched.longTasks.length,
        longTasksOver50Ms: watched.longTasks.filter((t) => t.duration >= 50).length,
        longestTaskMs: longest?.duration ?? 0,
        longestTaskName: longest?.name ?? '',
        longFrames: [...longFrames].sort((a, b) => b.duration - a.duration).slice(0, 5),
        longestFrameGapMs: watched.longestFrameGap,
        viewHandlersMs: summarize(watched.handlers),
        viewRendersMs: summarize(watched.renders),
        viewScrollsMs: summarize(watched.scrolls),
        viewTimersMs: summarize(watched.timers),
        complete: stamps !== undefined && watched.state === 'complete',
      };
    }
    return {
      vscodeVersion: harness.vscodeVersion(),
      startupMs: server.startupMs,
      warmupQuestions: options.warmup,
      firstToken: trials,
      failures,
      firstTokenP50: pick(0.5),
      firstTokenP90: pick(0.9),
      long,
      nice: priority.nice,
    };
  } finally {
    priority.restore();
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await standIn.close();
    fs.rmSync(workspaceDir, { recursive: true, force: true });
  }
}
