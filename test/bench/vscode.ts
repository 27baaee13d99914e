/**
 * Section 3: from the last keystroke to ghost text on screen in a real VS Code (the server build from code-server
 * in headless Chromium, scripts/harness.mjs), with the extension under development loaded from this folder
 * (`npm run build` first) and the stand-in (in this process) answering after a fixed time to first token.
 *
 * Each trial types `v_<n> = ` on a new line in a Python function's body at human pace (gaps shorter than the
 * debounce, so only the last key leads to a request). The stand-in answers `compute_total(items, <n>)`, a blank
 * line and the next function's header (where the block ends: decided) in its first token, then 40 more tokens of
 * junk at 50 tokens/s: ours shows the ghost text at the first token, the naive provider when the stream ends.
 * Timestamps, all on this machine's wall clock:
 *   last key      a capture-phase `keydown` listener in the page (performance.timeOrigin + now());
 *   request       the stand-in receiving it (RecordedRequest.receivedAt);
 *   first chunk   the stand-in writing the first token (RecordedRequest.firstChunkAt), i.e. after TTFT;
 *   in the DOM    a MutationObserver in the page seeing the expected ghost text in `.ghost-text-decoration`;
 *   painted       the next animation frame after that.
 * A second, outside measurement polls the page from here (one `page.evaluate` read each ~5 ms, as a test
 * would poll readGhostText), to show what polling adds. Word-based suggestions are off so that the suggest widget
 * does not compete with the ghost text.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Answer, StandIn, promptOf } from '../standin/server';
import { parseQwenFim } from './model';
import { Random, quantile, sleep } from './util';

/** The part of playwright-core's Page this uses. */
interface Page {
  keyboard: { type(text: string): Promise<void>; press(key: string): Promise<void> };
  evaluate(expression: string): Promise<unknown>;
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  waitForSelector(selector: string, options?: { timeout?: number }): Promise<unknown>;
  click(selector: string, options?: { timeout?: number }): Promise<void>;
  screenshot(options: { path: string }): Promise<unknown>;
  on(event: 'console', listener: (message: { text(): string }) => void): void;
  context(): { newCDPSession(page: Page): Promise<CdpSession> };
}

/** The part of a Chrome DevTools Protocol session this uses (playwright's CDPSession). */
interface CdpSession {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  on(event: 'Network.requestWillBeSent', listener: (event: { timestamp: number; wallTime: number }) => void): void;
  on(event: 'Network.webSocketFrameReceived', listener: (event: { timestamp: number; response: { opcode: number; payloadData: string } }) => void): void;
}

interface VSCodeServer {
  readonly port: number;
  readonly startupMs: number;
  url(options: { extensionDevelopmentPath?: string; openFile?: string }): string;
  stop(): Promise<void>;
}

/** What scripts/harness.mjs exports (a plain .mjs: typed here). */
interface Harness {
  readonly projectRoot: string;
  ensureHarness(): string;
  vscodeVersion(): string;
  startVSCode(options: { workspaceDir: string; userSettings?: Record<string, unknown>; env?: Record<string, string> }): Promise<VSCodeServer>;
  openWorkbench(url: string): Promise<{ browser: { close(): Promise<void> }; page: Page }>;
  waitForWorkbench(page: Page, timeout?: number): Promise<void>;
  readGhostText(page: Page): Promise<string>;
}

export interface GhostTrial {
  /** Last keydown → expected ghost text in the DOM (in-page observer). */
  readonly keyToDomMs: number;
  /** Last keydown → the next frame after that (painted). */
  readonly keyToPaintMs: number;
  /** Last keydown → the stand-in received the request. */
  readonly keyToRequestMs: number;
  /** Request received → first token written (the stand-in's TTFT). */
  readonly requestToFirstChunkMs: number;
  /** First token written → ghost text in the DOM. */
  readonly firstChunkToDomMs: number;
  /** Seen by polling from outside, measured from when the last key was sent from here. */
  readonly polledMs: number;
  /** Requests the stand-in got for this trial (1 expected: the keys before the last are within the debounce). */
  readonly requests: number;
  /** With the probe build (variants.ts), the way between, as seen in the extension host. */
  readonly probe?: ProbeTimes;
}

/** Milliseconds, from the extension host's console (probe build). */
export interface ProbeTimes {
  /** Last keydown → the document change reaches the extension host. */
  readonly keyToChangeMs: number;
  /** Last keydown → VS Code calls the provider (VS Code's 50 ms included). */
  readonly keyToCallMs: number;
  /** Provider called → request sent by the client (the rest of the debounce, window, prompt). */
  readonly callToSendMs: number;
  /** Request sent → first token in the client (TTFT and the HTTP way both ways). */
  readonly sendToChunkMs: number;
  /** First token in the client → the provider returns (early stop, post-processing). */
  readonly chunkToReturnMs: number;
  /** Provider returned → ghost text in the DOM (back to the workbench, rendering). */
  readonly returnToDomMs: number;
  /** Provider returned → the WebSocket frame with the answer reached the page (the extension host's reply, the server). */
  readonly returnToFrameMs?: number;
  /** That frame in the page → ghost text in the DOM (VS Code's renderer, waiting for an animation frame included). */
  readonly frameToDomMs?: number;
  /** The debounce the pipeline asked for at that call (the setting less the time since the edit reached the host). */
  readonly plannedWaitMs?: number;
  /** How late the debounce's timer fired (a busy extension host). */
  readonly timerLateMs?: number;
  /** The debounce's end → the request sent (prompt, snippets, client). */
  readonly waitedToSendMs?: number;
}

type Figure = Exclude<keyof GhostTrial, 'requests' | 'probe'>;
/** The probe figures every trial has (main.ts prints them). */
type ProbeFigure = Exclude<keyof ProbeTimes, 'plannedWaitMs' | 'timerLateMs' | 'waitedToSendMs' | 'returnToFrameMs' | 'frameToDomMs'>;
const FIGURES: readonly Figure[] = ['keyToDomMs', 'keyToPaintMs', 'keyToRequestMs', 'requestToFirstChunkMs', 'firstChunkToDomMs', 'polledMs'];
const PROBE_FIGURES: readonly ProbeFigure[] = ['keyToChangeMs', 'keyToCallMs', 'callToSendMs', 'sendToChunkMs', 'chunkToReturnMs', 'returnToDomMs'];

export interface GhostLatencyResult {
  readonly extension: string;
  readonly vscodeVersion: string;
  readonly startupMs: number;
  readonly debounceMs: number;
  readonly ttftMs: number;
  readonly warmupTrials: number;
  readonly trials: readonly GhostTrial[];
  /** The window's first ghost text (the first warm-up trial, typed once the extension is active): cold. */
  readonly firstKeyToDomMs?: number;
  /** With the probe build, the way between for that first one. */
  readonly firstProbe?: ProbeTimes;
  readonly failures: number;
  readonly p50: Readonly<Record<Figure, number>>;
  readonly p90: Readonly<Record<Figure, number>>;
  readonly probeP50?: Readonly<Record<ProbeFigure, number>>;
}

const INITIAL_FILE = 'import math\n\n\ndef trials(items):\n    total = 0';
const JUNK_TOKENS = 40;

/** The ghost text expected for `v_<n> = `. */
function answerFor(n: number): string {
  return `compute_total(items, ${n})`;
}

const PAGE_NAME_HELPER = 'globalThis.__name = (fn) => fn';

/** Installs the in-page clock: the time of the last keydown (capture phase, before VS Code handles it). */
function installKeyClock(): void {
  const w = window as unknown as { __benchLastKey: number };
  w.__benchLastKey = 0;
  window.addEventListener('keydown', () => { w.__benchLastKey = performance.timeOrigin + performance.now(); }, true);
}

/** In the page: resolves when ghost text containing `expected` is in the DOM, with the last keydown and frame times. */
function observeGhost(expected: string): Promise<{ lastKey: number; dom: number; paint: number } | undefined> {
  const now = (): number => performance.timeOrigin + performance.now();
  const ghost = (): string =>
    Array.from(document.querySelectorAll('.monaco-editor .ghost-text-decoration, .monaco-editor .ghost-text'))
      .map((e) => e.textContent ?? '')
      .join('')
      .replace(/\u00a0/g, ' ');
  return new Promise((resolve) => {
    const done = (): void => {
      const dom = now();
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() =>
        resolve({ lastKey: (window as unknown as { __benchLastKey: number }).__benchLastKey, dom, paint: now() }),
      );
    };
    const observer = new MutationObserver(() => { if (ghost().includes(expected)) done(); });
    const timer = setTimeout(() => { observer.disconnect(); resolve(undefined); }, 5000);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

function readGhostOnce(): string {
  return Array.from(document.querySelectorAll('.monaco-editor .ghost-text-decoration, .monaco-editor .ghost-text'))
    .map((e) => e.textContent ?? '')
    .join('')
    .replace(/\u00a0/g, ' ');
}

async function loadHarness(root: string): Promise<Harness> {
  return (await import(pathToFileURL(path.join(root, 'scripts', 'harness.mjs')).href)) as Harness;
}

export interface GhostLatencyOptions {
  readonly root: string;
  /** The extension under development to load (the project root, or a build from variants.ts), and its name. */
  readonly extensionPath: string;
  readonly extension: string;
  /** The extension is the probe build: read its console for the way between. */
  readonly probe?: boolean;
  readonly trials: number;
  readonly warmup: number;
  readonly ttftMs: number;
  readonly debounceMs: number;
  readonly log: (line: string) => void;
}

interface ProbeEvent {
  readonly kind: string;
  readonly at: number;
  readonly detail: string;
}

/**
 * When WebSocket frames carrying an answer reached the page, on the wall clock: the frames the workbench receives
 * from the VS Code server, as Chromium's DevTools report them (their monotonic time set on the wall clock by a request's
 * `wallTime`). Only frames that contain `marker` are kept, with their text.
 */
async function watchFrames(page: Page, marker: string): Promise<{ at: number; text: string }[]> {
  const frames: { at: number; text: string }[] = [];
  const cdp = await page.context().newCDPSession(page);
  let offset: number | undefined;
  cdp.on('Network.requestWillBeSent', (event) => { offset ??= event.wallTime * 1000 - event.timestamp * 1000; });
  cdp.on('Network.webSocketFrameReceived', (event) => {
    const { opcode, payloadData } = event.response;
    const text = opcode === 2 ? Buffer.from(payloadData, 'base64').toString('latin1') : payloadData;
    if (offset !== undefined && text.includes(marker)) frames.push({ at: event.timestamp * 1000 + offset, text });
  });
  await cdp.send('Network.enable');
  await page.evaluate('fetch(location.href).catch(() => undefined)'); // a request, to set the clocks side by side
  return frames;
}

/** The probe's timings for one trial, from the events between its last keydown and the ghost text in the DOM. */
function probeTimes(events: readonly ProbeEvent[], lastKey: number, dom: number, frameAt?: (after: number) => number | undefined): ProbeTimes | undefined {
  const first = (kind: string, after: number, detail = ''): number | undefined =>
    events.find((e) => e.kind === kind && e.at >= after && e.at <= dom && e.detail.startsWith(detail))?.at;
  const change = first('change', lastKey - 1);
  const call = first('call', lastKey);
  const send = call === undefined ? undefined : first('send', call);
  const chunk = send === undefined ? undefined : first('chunk', send);
  const returned = chunk === undefined ? undefined : first('return', chunk, 'shown');
  if (change === undefined || call === undefined || send === undefined || chunk === undefined || returned === undefined) return undefined;
  const last = (kind: string): ProbeEvent | undefined => events.filter((e) => e.kind === kind && e.at >= call && e.at <= send).pop();
  const wait = last('wait');
  const waited = last('waited');
  const planned = wait ? Number.parseFloat(wait.detail) : undefined;
  const frame = frameAt?.(returned - 1);
  return {
    ...(frame !== undefined && frame <= dom ? { returnToFrameMs: frame - returned, frameToDomMs: dom - frame } : {}),
    ...(wait && waited && planned !== undefined
      ? { plannedWaitMs: planned, timerLateMs: waited.at - wait.at - planned, waitedToSendMs: send - waited.at }
      : {}),
    keyToChangeMs: change - lastKey,
    keyToCallMs: call - lastKey,
    callToSendMs: send - call,
    sendToChunkMs: chunk - send,
    chunkToReturnMs: returned - chunk,
    returnToDomMs: dom - returned,
  };
}

export async function ghostLatency(options: GhostLatencyOptions): Promise<GhostLatencyResult> {
  const harness = await loadHarness(options.root);
  harness.ensureHarness();
  const standIn = await StandIn.start();
  standIn.onCompletion((req): Answer => {
    const fim = parseQwenFim(promptOf(req));
    const match = fim ? /v_(\d+) = $/.exec(fim.prefix) : null;
    if (!match) return { kind: 'completion', chunks: [''], ttftMs: options.ttftMs };
    const n = Number(match[1]);
    const junk = Array.from({ length: JUNK_TOKENS }, (_, i) => (i % 6 === 0 ? '\n    ' : 'pass'));
    return { kind: 'completion', chunks: [`${answerFor(n)}\n\n\ndef after_${n}(items):`, ...junk], ttftMs: options.ttftMs, chunkDelayMs: 20 };
  });
  const workspaceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-bench-ws-'));
  const file = path.join(workspaceDir, 'bench.py');
  fs.writeFileSync(file, INITIAL_FILE);
  let server: VSCodeServer | undefined;
  let browser: { close(): Promise<void> } | undefined;
  try {
    server = await harness.startVSCode({
      workspaceDir,
      env: { FIREWORKS_API_KEY: 'bench-key' },
      userSettings: {
        'fireworks.baseUrl': standIn.baseUrl,
        'fireworks.completions.debounceMs': options.debounceMs,
        'editor.quickSuggestions': { other: false, comments: false, strings: false },
        'editor.suggestOnTriggerCharacters': false,
        'editor.wordBasedSuggestions': 'off',
        'editor.parameterHints.enabled': false,
      },
    });
    options.log(`  VS Code ${harness.vscodeVersion()} server ready in ${server.startupMs} ms`);
    const workbench = await harness.openWorkbench(server.url({ extensionDevelopmentPath: options.extensionPath, openFile: file }));
    browser = workbench.browser;
    const page = workbench.page;
    // A development extension's console reaches the workbench's: `BENCH_PROBE <kind> <time> [detail]`.
    const events: ProbeEvent[] = [];
    if (options.probe) {
      page.on('console', (message) => {
        const match = /BENCH_PROBE (\w+) ([\d.]+) ?(.*)$/.exec(message.text());
        if (match) events.push({ kind: match[1], at: Number(match[2]), detail: match[3] });
      });
    }
    await harness.waitForWorkbench(page);
    const frames = options.probe ? await watchFrames(page, 'compute_total(') : [];
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 60000 });
    await page.click('.monaco-editor .view-lines');
    // tsx compiles this file with esbuild's keepNames, which wraps functions in `__name(fn, "name")`; the functions
    // handed to page.evaluate run in the page, where that helper must exist too.
    await page.evaluate(PAGE_NAME_HELPER);
    await page.evaluate(installKeyClock);
    await page.keyboard.press('Control+End');
    // The extension activates on startup finished: its status bar item says it is there.
    await page.waitForSelector('.statusbar-item[id*="fireworks"]', { timeout: 30000 }).catch(() => options.log('  (no Fireworks status bar item seen)'));

    const random = new Random(42);
    const trials: (GhostTrial & { lastKey: number; dom: number; n: number })[] = [];
    let failures = 0;
    let firstKeyToDomMs: number | undefined;
    let first: { lastKey: number; dom: number } | undefined;
    for (let n = 0; n < options.warmup + options.trials; n++) {
      const expected = answerFor(n);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      const before = standIn.completionRequests().length;
      const text = `v_${n} = `;
      // Not awaited yet: a failure must not go unhandled meanwhile (it counts as no ghost text seen).
      const seen = page.evaluate(observeGhost, expected).catch((error: unknown) => {
        options.log(`  trial ${n}: observing the page failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      });
      let sentAt = 0;
      for (const ch of text) {
        await sleep(random.between(70, 110));
        await page.keyboard.type(ch);
        sentAt = Date.now();
      }
      // Outside view: poll the DOM from here until the ghost text shows.
      let polledAt = 0;
      while (Date.now() - sentAt < 5000) {
        if ((await page.evaluate(readGhostOnce)).includes(expected)) {
          polledAt = Date.now();
          break;
        }
        await sleep(5);
      }
      const stamps = await seen;
      const sent = standIn.completionRequests().slice(before);
      const request = sent.find((r) => promptOf(r).includes(`v_${n} = <|fim_suffix|>`));
      const warm = n < options.warmup;
      if (!stamps || !request || request.firstChunkAt === undefined || polledAt === 0) {
        if (!warm) failures++;
        options.log(`  trial ${n}: no ghost text seen${warm ? ' (warm-up)' : ''}`);
        await sleep(500);
        continue;
      }
      if (n === 0) {
        firstKeyToDomMs = stamps.dom - stamps.lastKey;
        first = { lastKey: stamps.lastKey, dom: stamps.dom };
      }
      if (!warm) {
        const onScreen = await harness.readGhostText(page);
        if (onScreen.trim() !== expected) options.log(`  trial ${n}: ghost text on screen is ${JSON.stringify(onScreen)}, expected ${JSON.stringify(expected)}`);
        trials.push({
          keyToDomMs: stamps.dom - stamps.lastKey,
          keyToPaintMs: stamps.paint - stamps.lastKey,
          keyToRequestMs: request.receivedAt - stamps.lastKey,
          requestToFirstChunkMs: request.firstChunkAt - request.receivedAt,
          firstChunkToDomMs: stamps.dom - request.firstChunkAt,
          polledMs: polledAt - sentAt,
          requests: sent.length,
          lastKey: stamps.lastKey,
          dom: stamps.dom,
          n,
        });
      }
      await sleep(200);
    }
    await sleep(300); // the console's last lines
    const frameWith = (n: number) => (after: number): number | undefined => frames.find((f) => f.at >= after && f.text.includes(answerFor(n)))?.at;
    const measured: GhostTrial[] = trials.map(({ lastKey, dom, n, ...trial }) => ({ ...trial, probe: options.probe ? probeTimes(events, lastKey, dom, frameWith(n)) : undefined }));
    const pick = (q: number): Record<Figure, number> =>
      Object.fromEntries(FIGURES.map((k) => [k, quantile(measured.map((t) => t[k]), q)])) as Record<Figure, number>;
    const probed = measured.flatMap((t) => (t.probe ? [t.probe] : []));
    if (options.probe) {
      const p50 = (pick: (t: ProbeTimes) => number | undefined): string =>
        quantile(probed.flatMap((t) => { const v = pick(t); return v === undefined ? [] : [v]; }), 0.5).toFixed(1);
      options.log(`  probe, p50 ms: call → request sent = debounce asked for ${p50((t) => t.plannedWaitMs)} + timer late ` +
        `${p50((t) => t.timerLateMs)} + debounce end → sent ${p50((t) => t.waitedToSendMs)}`);
      options.log(`  probe, p50 ms: provider returns → ghost text in the DOM = the answer's WebSocket frame reaches the page ` +
        `${p50((t) => t.returnToFrameMs)} + the page's renderer ${p50((t) => t.frameToDomMs)} (${probed.filter((t) => t.frameToDomMs !== undefined).length} of ${probed.length} trials)`);
    }
    return {
      extension: options.extension,
      vscodeVersion: harness.vscodeVersion(),
      startupMs: server.startupMs,
      debounceMs: options.debounceMs,
      ttftMs: options.ttftMs,
      warmupTrials: options.warmup,
      trials: measured,
      firstKeyToDomMs,
      firstProbe: options.probe && first ? probeTimes(events, first.lastKey, first.dom, frameWith(0)) : undefined,
      failures,
      p50: pick(0.5),
      p90: pick(0.9),
      probeP50: options.probe
        ? (Object.fromEntries(PROBE_FIGURES.map((k) => [k, quantile(probed.map((t) => t[k]), 0.5)])) as Record<ProbeFigure, number>)
        : undefined,
    };
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await standIn.close();
    fs.rmSync(workspaceDir, { recursive: true, force: true });
  }
}
