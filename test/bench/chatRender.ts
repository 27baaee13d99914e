/**
 * Section 4 of `npm run bench`: what streaming one long answer costs the chat view's main thread, per chunk, in a
 * real browser page (Debian's Chromium, headless, driven by playwright-core from the harness folder): not jsdom.
 *
 * The page is the view as users get it: the HTML that ChatViewProvider writes (its own code, bundled here with a
 * stand-in for the `vscode` module), media/chat.css, codicons, and the webview script bundled from
 * src/chat/webview/main.ts as `npm run package` ships it (minified). A fake `acquireVsCodeApi` takes the place of
 * VS Code's, and the bench posts what the host posts while an answer streams: `turnStarted`, one `answerDelta` per
 * chunk, `answerEnded`.
 *
 * One chunk's cost = its message handler (dispatched as the `message` event the webview gets) + the animation frame
 * it asks for (the view's requestAnimationFrame callbacks: the Markdown render and the scroll to the end, which
 * reads scrollHeight and so lays out) + style and layout still pending after them (forced by reading offsetHeight).
 * The page's requestAnimationFrame is replaced by a queue the bench runs right after each message: every chunk gets
 * a frame of its own, as with the host's 30 ms batches on a 60 Hz display (a worst case for token-sized chunks, which
 * a real display would coalesce). Painting and compositing are not counted. The event loop is yielded to about once
 * per display frame (16 ms); the view's timer callbacks (work it defers to tasks of their own) are timed apart.
 * Timers are precise to 5 µs (the page is cross-origin isolated). Each answer is streamed `repeats` times, each time
 * in a fresh page after a warm-up answer; a chunk's cost is its median over the streams (the machine may be shared:
 * a stream preempted by another process at some chunk does not make that chunk costly). The browser runs at a raised
 * priority when the bench may raise it (raisePriority).
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HostMessage } from '../../src/chat/protocol';
import { MarkdownBlockSplitter } from '../../src/core/chat/markdownBlocks';
import { GeneratedAnswer, batchChunks, generateAnswer, tokenize } from './chatAnswer';
import { Browser, CHROMIUM, CHROMIUM_ARGS, PAGE_NAME_HELPER, Page, loadHarness, raisePriority } from './chatHarness';
import { quantile } from './util';

/** Goal: p99 of one chunk's main-thread cost. */
export const CHUNK_GOAL_MS = 4;
/**
 * Goal: linear, i.e. a chunk costs no more at the end of a long answer than at its start: the last 500-line part of
 * the longest answer (the same text as its first) costs at most this times its first part.
 */
export const LINEAR_GOAL_RATIO = 1.25;

/** The fast model whose 30 ms batches are streamed (tokens per second). */
export const FAST_MODEL_TOKENS_PER_SECOND = 300;

export type Chunking = 'batched' | 'tokens';

export interface ChunkFigures {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * What a chunk did to the answer (from MarkdownBlockSplitter, as the view sees it): `code` only added to a code block
 * still open (appended as plain text), `close` closed a code block (which is then rendered and highlighted whole),
 * `text` anything else (the tail after the last block boundary re-rendered: prose, lists, tables, headings).
 */
export type ChunkKind = 'text' | 'code' | 'close';
export const CHUNK_KINDS: readonly ChunkKind[] = ['text', 'code', 'close'];

export interface KindFigures extends ChunkFigures {
  readonly chunks: number;
  readonly sumMs: number;
}

export interface RenderRun {
  readonly lines: number;
  readonly chars: number;
  readonly codeBlocks: number;
  readonly codeLines: number;
  readonly chunking: Chunking;
  readonly chunks: number;
  readonly meanChunkChars: number;
  /** Streams of the answer; each figure below is per chunk the median over them. */
  readonly repeats: number;
  /** Without the median: a single stream's p99 (the median over the streams), and the largest chunk in any stream. */
  readonly singleRunP99: number;
  readonly singleRunMax: number;
  /** Per chunk (answerDelta), ms: the whole cost and its parts. */
  readonly total: ChunkFigures;
  /** The message handler. */
  readonly handler: ChunkFigures;
  /** The frame's callbacks but the scroll: the Markdown render. */
  readonly render: ChunkFigures;
  /** The scroll-to-end callback: style and layout (it reads scrollHeight), and the scroll. */
  readonly scroll: ChunkFigures;
  /** Style and layout still pending after the frame's callbacks. */
  readonly layout: ChunkFigures;
  /**
   * The view's timer callbacks (work it defers to tasks of their own, e.g. highlighting long code blocks a piece at a
   * time, saving its state): per task over all streams, `chunks` = tasks per stream, `sumMs` per stream (medians).
   */
  readonly timers: KindFigures;
  readonly byKind: Readonly<Record<ChunkKind, KindFigures>>;
  /**
   * The chunks' cost summed per repeated 500-line part of the answer (the same text each time): flat when a chunk
   * costs no more at the end of a long answer than at its start.
   */
  readonly partSumsMs: readonly number[];
  /** The same, of the render (rAF) alone and of the scroll to the end (its style and layout) alone. */
  readonly partRenderMs: readonly number[];
  readonly partScrollMs: readonly number[];
  /** Closing chunks: ms per 100 lines of the code block they close (median). */
  readonly closeMsPer100CodeLines: number;
  /** The answer's whole cost, ms: the sum over its chunks and the view's timer tasks. */
  readonly sumMs: number;
  readonly msPer1000Lines: number;
  /** answerEnded: the final render (the tail as Markdown) and its layout, ms. */
  readonly endMs: number;
  /** At the end the page shows the answer's last line and all its code blocks (sanity check). */
  readonly complete: boolean;
  /** The three costliest chunks: what they were (ms, and the chunk's text, cut). */
  readonly worst: readonly { readonly ms: number; readonly index: number; readonly kind: ChunkKind; readonly text: string }[];
}

export interface RenderResult {
  readonly browser: string;
  readonly viewport: { readonly width: number; readonly height: number };
  /** The browser's scheduling priority (nice; -10 when the bench could raise it). */
  readonly nice: number;
  readonly runs: readonly RenderRun[];
}

const VIEWPORT = { width: 420, height: 900 };

/** VS Code's webview default styles and a dark theme's variables (VS Code sets them on the webview's html). */
const THEME_CSS = `html {
  --vscode-font-family: system-ui, "Ubuntu", "Droid Sans", sans-serif;
  --vscode-font-size: 13px;
  --vscode-font-weight: normal;
  --vscode-editor-font-family: "Droid Sans Mono", "monospace", monospace;
  --vscode-editor-font-size: 14px;
  --vscode-editor-font-weight: normal;
  --vscode-foreground: #cccccc;
  --vscode-descriptionForeground: #9d9d9d;
  --vscode-editor-background: #1f1f1f;
  --vscode-editor-foreground: #cccccc;
  --vscode-sideBar-background: #181818;
  --vscode-panel-border: #2b2b2b;
  --vscode-widget-border: #313131;
  --vscode-textLink-foreground: #4daafc;
  --vscode-textCodeBlock-background: #2b2b2b;
  --vscode-textPreformat-foreground: #d0d0d0;
  --vscode-textPreformat-background: #3c3c3c;
  --vscode-input-background: #313131;
  --vscode-input-foreground: #cccccc;
  --vscode-input-border: #3c3c3c;
  --vscode-focusBorder: #0078d4;
  --vscode-button-background: #0078d4;
  --vscode-button-foreground: #ffffff;
  --vscode-errorForeground: #f85149;
}
body { margin: 0; padding: 0 20px; }
`;

/** The `vscode` module as far as ChatViewProvider's html() needs it. */
const VSCODE_STUB = `
class Uri {
  constructor(path) { this.path = path; }
  static file(path) { return new Uri(path); }
  static joinPath(base, ...parts) { return new Uri([base.path, ...parts].join('/')); }
  toString() { return this.path; }
}
const disposable = { dispose() {} };
class EventEmitter { constructor() { this.event = () => disposable; } fire() {} dispose() {} }
module.exports = { Uri, EventEmitter, Disposable: { from: () => disposable } };
`;

interface ProviderModule {
  ChatViewProvider: new (extensionUri: unknown, onMessage: (message: unknown) => void) => { resolveWebviewView(view: unknown): void };
}

/** The view's HTML as ChatViewProvider writes it, its resources under `origin`/ext/. */
async function viewHtml(root: string, dir: string, origin: string): Promise<string> {
  const outfile = path.join(dir, 'provider.js');
  await esbuild.build({
    entryPoints: [path.join(root, 'src', 'chat', 'chatViewProvider.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    logLevel: 'warning',
    plugins: [{
      name: 'vscode-stub',
      setup(build) {
        build.onResolve({ filter: /^vscode$/ }, () => ({ path: 'vscode', namespace: 'vscode-stub' }));
        build.onLoad({ filter: /.*/, namespace: 'vscode-stub' }, () => ({ contents: VSCODE_STUB, loader: 'js' }));
      },
    }],
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle written just now, loaded once
  const { ChatViewProvider } = require(outfile) as ProviderModule;
  const webview = {
    options: {},
    html: '',
    cspSource: origin,
    asWebviewUri: (uri: { path: string }) => ({ toString: () => `${origin}${uri.path}` }),
    onDidReceiveMessage: () => ({ dispose: () => undefined }),
    postMessage: () => Promise.resolve(true),
  };
  const view = {
    webview,
    visible: true,
    onDidDispose: () => ({ dispose: () => undefined }),
    onDidChangeVisibility: () => ({ dispose: () => undefined }),
    show: () => undefined,
  };
  new ChatViewProvider({ path: '/ext' }, () => undefined).resolveWebviewView(view);
  if (!webview.html.includes('fireworks-chat')) throw new Error('ChatViewProvider wrote no chat view HTML');
  // VS Code's default styles and theme variables come before the view's own.
  return webview.html.replace('<link', `<link rel="stylesheet" href="${origin}/ext/bench-theme.css">\n<link`);
}

/** The view's files as a webview gets them: /ext/dist/webview.js (minified), /ext/dist/codicons, /ext/media. */
async function buildViewFiles(root: string, dir: string): Promise<void> {
  const ext = path.join(dir, 'ext');
  await esbuild.build({
    entryPoints: [path.join(root, 'src', 'chat', 'webview', 'main.ts')],
    outfile: path.join(ext, 'dist', 'webview.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
  });
  fs.mkdirSync(path.join(ext, 'dist', 'codicons'), { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    fs.copyFileSync(path.join(root, 'node_modules', '@vscode', 'codicons', 'dist', file), path.join(ext, 'dist', 'codicons', file));
  }
  fs.cpSync(path.join(root, 'media'), path.join(ext, 'media'), { recursive: true });
  fs.writeFileSync(path.join(ext, 'bench-theme.css'), THEME_CSS);
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** Serves `dir` and the view's HTML at /, cross-origin isolated (precise timers), on 127.0.0.1. */
async function serve(dir: string): Promise<{ origin: string; setHtml(html: string): void; close(): Promise<void> }> {
  let html = '';
  const server = http.createServer((req, res) => {
    const headers = {
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'no-store',
    };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
      return;
    }
    const file = path.join(dir, path.normalize(url.pathname));
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    setHtml: (text) => { html = text; },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

interface BenchWindow {
  __benchPosted: unknown[];
  /** Durations of the view's timer callbacks (setTimeout) since the last reset. */
  __benchTimers: number[];
  __benchPendingTimers(): number;
  /** Runs one frame's callbacks; returns the time spent in the view's scroll callbacks (the rest is rendering). */
  __benchFlushFrames(): number;
  __benchSink: number;
}

/**
 * Before the view's script: VS Code's API (what the view posts is kept) and a requestAnimationFrame that only queues,
 * run by __benchFlushFrames (one frame: the callbacks queued so far).
 */
function initPage(): void {
  const w = window as unknown as BenchWindow & { acquireVsCodeApi(): unknown };
  w.__benchPosted = [];
  let state: unknown;
  w.acquireVsCodeApi = () => ({
    postMessage: (message: unknown) => { w.__benchPosted.push(message); },
    getState: () => state,
    setState: (value: unknown) => { state = structuredClone(value); },
  });
  // The view's timers (work it defers to later tasks: highlighting long blocks a piece at a time, state snapshots):
  // each callback timed where it runs.
  w.__benchTimers = [];
  const pendingTimers = new Set<number>();
  // The browser's timer functions (the DOM's, not Node's, whose types TypeScript merges in here).
  const timerWindow = window as unknown as {
    setTimeout(handler: TimerHandler, timeout?: number, ...args: unknown[]): number;
    clearTimeout(id?: number): void;
  };
  const realSetTimeout = timerWindow.setTimeout.bind(window);
  const realClearTimeout = timerWindow.clearTimeout.bind(window);
  w.__benchPendingTimers = () => pendingTimers.size;
  timerWindow.setTimeout = (handler: TimerHandler, timeout?: number, ...args: unknown[]): number => {
    if (typeof handler !== 'function') return realSetTimeout(handler, timeout, ...args);
    const id = realSetTimeout(() => {
      pendingTimers.delete(id);
      const start = performance.now();
      handler(...args);
      w.__benchTimers.push(performance.now() - start);
    }, timeout);
    pendingTimers.add(id);
    return id;
  };
  timerWindow.clearTimeout = (id?: number): void => {
    if (id !== undefined) pendingTimers.delete(id);
    realClearTimeout(id);
  };
  const queue = new Map<number, FrameRequestCallback>();
  let next = 1;
  window.requestAnimationFrame = (callback: FrameRequestCallback): number => {
    const id = next++;
    queue.set(id, callback);
    return id;
  };
  window.cancelAnimationFrame = (id: number): void => { queue.delete(id); };
  // The view's scroll-to-end callback is told apart by its source (it sets scrollTop, which reads scrollHeight).
  const scrolls = new WeakMap<FrameRequestCallback, boolean>();
  w.__benchFlushFrames = (): number => {
    const frame = [...queue.values()];
    queue.clear();
    const now = performance.now();
    let scrollMs = 0;
    for (const callback of frame) {
      let scroll = scrolls.get(callback);
      if (scroll === undefined) {
        scroll = callback.toString().includes('scrollTop');
        scrolls.set(callback, scroll);
      }
      const start = performance.now();
      callback(now);
      if (scroll) scrollMs += performance.now() - start;
    }
    return scrollMs;
  };
}

interface PageTimes {
  readonly handler: number[];
  readonly render: number[];
  readonly scroll: number[];
  readonly layout: number[];
  readonly timers: number[];
  /** The measured answer's text and code blocks on the page at the end. */
  readonly text: string;
  readonly codeBlocks: number;
  readonly isolated: boolean;
}

/** In the page: posts the messages one by one as the host would, timing each (see the file's comment). */
export async function streamInPage(messages: readonly HostMessage[]): Promise<PageTimes> {
  const w = window as unknown as BenchWindow;
  const channel = new MessageChannel();
  const yieldToLoop = (): Promise<void> => new Promise((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
  const handler: number[] = [];
  const render: number[] = [];
  const scroll: number[] = [];
  const layout: number[] = [];
  w.__benchFlushFrames();
  w.__benchTimers = [];
  let lastYield = performance.now();
  for (const data of messages) {
    const t0 = performance.now();
    window.dispatchEvent(new MessageEvent('message', { data }));
    const t1 = performance.now();
    const scrollMs = w.__benchFlushFrames();
    const t2 = performance.now();
    w.__benchSink = document.documentElement.offsetHeight;
    const t3 = performance.now();
    handler.push(t1 - t0);
    render.push(t2 - t1 - scrollMs);
    scroll.push(scrollMs);
    layout.push(t3 - t2);
    // Back to the event loop about once a display frame (the browser paints, collects garbage, runs its tasks).
    if (t3 - lastYield >= 16) {
      await yieldToLoop();
      lastYield = performance.now();
    }
  }
  // The work the view deferred to timers (up to 10 s), with the frames it asks for.
  for (const end = performance.now() + 10_000; w.__benchPendingTimers() > 0 && performance.now() < end;) {
    await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 20 }));
    w.__benchFlushFrames();
  }
  w.__benchFlushFrames();
  const timers = w.__benchTimers;
  const answers = document.querySelectorAll('.message.answer .markdown');
  const last = answers[answers.length - 1];
  return {
    handler, render, scroll, layout, timers,
    text: last?.textContent ?? '',
    codeBlocks: last?.querySelectorAll('pre code').length ?? 0,
    isolated: crossOriginIsolated,
  };
}

export function turn(id: number, question: string, answer: GeneratedAnswer, chunks: readonly string[]): HostMessage[] {
  const answerId = `a${id}`;
  return [
    {
      type: 'turnStarted',
      sessionId: 'bench',
      title: question,
      question: { id: `q${id}`, role: 'user', content: question, state: 'complete' },
      answer: { id: answerId, role: 'assistant', content: '', state: 'streaming', model: 'accounts/fireworks/models/bench' },
    },
    ...chunks.map((text): HostMessage => ({ type: 'answerDelta', id: answerId, text })),
    { type: 'answerEnded', id: answerId, state: 'complete', usage: { promptTokens: 1200, completionTokens: tokenize(answer.text).length } },
  ];
}

/** Each chunk's kind, and for a closing chunk the lines of the code block it closes. */
function chunkKinds(chunks: readonly string[]): { kind: ChunkKind; codeLines: number }[] {
  const splitter = new MarkdownBlockSplitter();
  return chunks.map((chunk) => {
    const before = splitter.openFence;
    splitter.append(chunk);
    if (!before) return { kind: 'text', codeLines: 0 };
    if (splitter.openFence?.start === before.start) return { kind: 'code', codeLines: 0 };
    const body = splitter.source.slice(before.bodyStart);
    return { kind: 'close', codeLines: body.slice(0, Math.max(0, body.search(/^ {0,3}(```|~~~)/m))).split('\n').length - 1 };
  });
}

/** The chunks' costs summed per part of the answer (a chunk belongs to the part it starts in). */
function partSums(answer: GeneratedAnswer, chunks: readonly string[], costs: readonly number[]): number[] {
  const sums = answer.partStarts.map(() => 0);
  let offset = 0;
  chunks.forEach((chunk, i) => {
    let part = answer.partStarts.length - 1;
    while (part > 0 && answer.partStarts[part] > offset) part--;
    sums[part] += costs[i];
    offset += chunk.length;
  });
  return sums;
}

function figures(values: readonly number[]): ChunkFigures {
  return { p50: quantile(values, 0.5), p99: quantile(values, 0.99), max: values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY) };
}

export interface ChatRenderOptions {
  readonly root: string;
  readonly sizes: readonly number[];
  readonly chunkings: readonly Chunking[];
  /** Streams of each answer by chunking (fresh pages); a chunk's cost is its median over them. */
  readonly repeats: Readonly<Record<Chunking, number>>;
  readonly log: (line: string) => void;
}

/** The chat view as this section serves it, in Chromium: each `open()` is a fresh view that has posted `ready`. */
export interface ChatViewPages {
  readonly browserVersion: string;
  open(): Promise<Page>;
  close(): Promise<void>;
}

/** Builds the view's files, serves them on 127.0.0.1 and launches Chromium (with `extraArgs`) to show them. */
export async function openChatViewPages(root: string, extraArgs: readonly string[] = []): Promise<ChatViewPages> {
  const harness = await loadHarness(root);
  harness.ensureHarness();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-bench-chat-page-'));
  const server = await serve(dir);
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await buildViewFiles(root, dir);
    server.setHtml(await viewHtml(root, dir, server.origin));
    browser = await harness.playwright().chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript(`${PAGE_NAME_HELPER}\n(${initPage.toString()})();`);
    return {
      browserVersion: `Chromium ${browser.version()}`,
      async open() {
        const page: Page = await context.newPage();
        await page.goto(`${server.origin}/`);
        // The view's script has run when it posted `ready`.
        await page.waitForFunction('window.__benchPosted.some((m) => m.type === "ready")', undefined, { timeout: 10000 });
        return page;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function chatRender(options: ChatRenderOptions): Promise<RenderResult> {
  const priority = raisePriority();
  let pages: ChatViewPages | undefined;
  try {
    pages = await openChatViewPages(options.root);
    const warmup = generateAnswer(1000, 7);
    const runs: RenderRun[] = [];
    for (const lines of options.sizes) {
      // 1,000 and 2,000 lines: the 500-line answer's text repeated (the same mix of content, line for line).
      const answer = generateAnswer(lines, 2026);
      for (const chunking of options.chunkings) {
        // Fresh strings, as messages bring them (V8 keeps substrings of the answer as slices, which made the
        // splitter below copy the whole text at every chunk).
        const chunks = JSON.parse(JSON.stringify(
          chunking === 'tokens' ? tokenize(answer.text) : batchChunks(answer.text, FAST_MODEL_TOKENS_PER_SECOND, lines),
        )) as string[];
        const runsTimes: PageTimes[] = [];
        for (let repeat = 0; repeat < options.repeats[chunking]; repeat++) {
          const page = await pages.open();
          // A warm-up answer first, in batches (the script's code gets compiled and optimized), then the measured one
          // below it.
          const warm = batchChunks(warmup.text, FAST_MODEL_TOKENS_PER_SECOND, 7);
          await page.evaluate(streamInPage, turn(1, 'Warm up', warmup, warm));
          runsTimes.push(await page.evaluate(streamInPage, turn(2, `Explain it all (${lines} lines)`, answer, chunks)));
          await page.close();
        }
        if (runsTimes.some((t) => !t.isolated)) options.log('  (the page is not cross-origin isolated: timers are coarse, 100 µs)');
        // Per message, the median over the repeats: other processes preempting one run do not make a chunk costly.
        const median = (pick: (t: PageTimes) => readonly number[]): number[] => {
          const picked = runsTimes.map(pick);
          return picked[0].map((_, i) => quantile(picked.map((values) => values[i]), 0.5));
        };
        const totalOf = (t: PageTimes): number[] => t.handler.map((h, i) => h + t.render[i] + t.scroll[i] + t.layout[i]);
        const times = { handler: median((t) => t.handler), render: median((t) => t.render), scroll: median((t) => t.scroll), layout: median((t) => t.layout) };
        const singleRuns = runsTimes.map((t) => figures(totalOf(t).slice(1, -1)));
        const deltas = (values: readonly number[]): number[] => values.slice(1, -1);
        const total = median(totalOf);
        const chunkTotals = deltas(total);
        const kinds = chunkKinds(chunks);
        const timerTasks = runsTimes.flatMap((t) => t.timers);
        const timers: KindFigures = {
          ...(timerTasks.length ? figures(timerTasks) : { p50: 0, p99: 0, max: 0 }),
          chunks: quantile(runsTimes.map((t) => t.timers.length), 0.5),
          sumMs: quantile(runsTimes.map((t) => t.timers.reduce((a, b) => a + b, 0)), 0.5),
        };
        const sumMs = chunkTotals.reduce((a, b) => a + b, 0) + timers.sumMs;
        const worst = chunkTotals
          .map((ms, index) => ({ ms, index, kind: kinds[index].kind, text: chunks[index].slice(0, 40) }))
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 3);
        const run: RenderRun = {
          lines,
          chars: answer.text.length,
          codeBlocks: answer.codeBlocks,
          codeLines: answer.codeLines,
          chunking,
          chunks: chunks.length,
          meanChunkChars: answer.text.length / chunks.length,
          total: figures(chunkTotals),
          handler: figures(deltas(times.handler)),
          render: figures(deltas(times.render)),
          scroll: figures(deltas(times.scroll)),
          layout: figures(deltas(times.layout)),
          timers,
          byKind: Object.fromEntries(CHUNK_KINDS.map((kind) => {
            const values = chunkTotals.filter((_, i) => kinds[i].kind === kind);
            return [kind, { ...figures(values), chunks: values.length, sumMs: values.reduce((a, b) => a + b, 0) }];
          })) as Record<ChunkKind, KindFigures>,
          partSumsMs: partSums(answer, chunks, chunkTotals),
          partRenderMs: partSums(answer, chunks, deltas(times.render)),
          partScrollMs: partSums(answer, chunks, deltas(times.scroll)),
          closeMsPer100CodeLines: quantile(chunkTotals.flatMap((ms, i) => (kinds[i].kind === 'close' ? [(ms / kinds[i].codeLines) * 100] : [])), 0.5),
          sumMs,
          msPer1000Lines: (sumMs / lines) * 1000,
          endMs: total[total.length - 1],
          complete: runsTimes.every((t) => t.codeBlocks === answer.codeBlocks && t.text.includes(answer.lastLine)),
          repeats: options.repeats[chunking],
          singleRunP99: quantile(singleRuns.map((f) => f.p99), 0.5),
          singleRunMax: Math.max(...singleRuns.map((f) => f.max)),
          worst,
        };
        runs.push(run);
        options.log(`  ${lines} lines, ${chunking}: ${chunks.length} chunks, p99 ${run.total.p99.toFixed(2)} ms, total ${sumMs.toFixed(0)} ms`);
      }
    }
    return { browser: pages.browserVersion, viewport: VIEWPORT, nice: priority.nice, runs };
  } finally {
    priority.restore();
    await pages?.close();
  }
}
