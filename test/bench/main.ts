/**
 * `npm run bench`: what typing costs with the extension's completion pipeline ("ours") against a naive provider
 * (same pipeline, debounce only: no cache, no early stop), and what a streamed chat answer costs the chat view, in
 * eight sections:
 *   1. keystroke path: CPU time of one keystroke before the network (and around the answer), by document size;
 *   2. typing replay: real files typed at human pace against the stand-in playing a 50 tokens/s model;
 *   3. ghost text latency in a real VS Code (the harness), from the last keystroke to ghost text on screen, beside the
 *      floor: a minimal extension (floor/extension.ts) that only waits the debounce and shows one SDK request's line;
 *   4. chat rendering: main-thread cost per streamed chunk of 500- to 2,000-line answers, in a real Chromium page
 *      (chatRender.ts);
 *   5. chat in a real VS Code (the harness): first token → on screen, and a 1,500-line answer in 4,000 chunks: its
 *      last chunk → on screen and the longest main-thread stall meanwhile (chatVsCode.ts);
 *   6. fidelity: places cut out of code we did not write, answered with the missing code plus junk: how many come
 *      back exactly after Tab (fidelity.ts);
 *   7. connections: completions cut early over HTTPS with a network round trip, HTTP/2 against HTTP/1.1: connections
 *      opened and time to first token; the first completion after a pause, with and without the warm-up (connections.ts);
 *   8. memory: the heap the completion pipeline retains after thousands of completions, and the chat view's heap and
 *      DOM as a conversation grows and after New Chat (memory.ts).
 * Benchmarks print figures; goals are printed next to them as PASS/MISS, never asserted. Figures also go to
 * test-results/bench.json.
 *
 *   node --import tsx test/bench/main.ts [--quick] [--only 1,2,3,4,5,6,7,8] [--lines N] [--scale X] [--trials N] [--probe]
 *     --quick      fewer samples, fewer lines typed, fewer trials, chat answers in 30 ms batches only (a few minutes)
 *     --only       the sections to run, e.g. --only 4,5 for the chat
 *     --lines N    lines typed per file in the replay (default 16)
 *     --scale X    the replay's clock: every duration (human, VS Code, debounce, model) times X (default 0.5)
 *     --trials N   VS Code trials for ours (default 20; the naive provider gets half)
 *     --probe      also run probe builds of ours and of the floor in VS Code that log each step in the extension host
 *   BENCH_TRACE=<file>:<ours|naive> prints one replay session's keystrokes, requests and answers.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { connectionCost, idleCost, printConnections, printIdle } from './connections';
import { corpusScripts } from './corpus';
import { printFidelity, runFidelity } from './fidelity';
import { printChatRender, printChatVsCode } from './chatReport';
import { printKeystrokePath, printLatency, printReplay } from './completionReport';
import { keystrokePath } from './keystrokePath';
import { typingReplay } from './replay';
import { Chunking, chatRender } from './chatRender';
import { chatVsCode } from './chatVsCode';
import { chatMemory, pipelineMemory, printMemory } from './memory';
import { heading, table, verdict } from './util';
import { GhostLatencyResult, ghostLatency } from './vscode';
import { buildFloor, buildVariant } from './variants';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The replay's model: 150 ms to the first token, plus 0.1 ms for each prompt token its prompt cache does not hold
 * (an assumption: a 7B to 32B code model on one current GPU reads of the order of 5,000 to 30,000 prompt tokens a
 * second for one request; 10,000 is taken), then 50 tokens a second.
 */
const REPLAY_MODEL = { ttftMs: 150, prefillMsPerToken: 0.1, chunkDelayMs: 20 };

interface Options {
  readonly quick: boolean;
  readonly sections: ReadonlySet<number>;
  readonly lines: number;
  readonly scale: number;
  readonly trials: number;
  readonly probe: boolean;
}

const ALL_SECTIONS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8];

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const only = value('--only');
  const sections = only ? only.split(',').map(Number) : ALL_SECTIONS;
  const unknown = sections.filter((n) => !ALL_SECTIONS.includes(n));
  if (unknown.length) throw new Error(`--only wants section numbers among ${ALL_SECTIONS.join(',')}, not ${unknown.join(',')}`);
  const number = (name: string, fallback: number): number => {
    const raw = value(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} wants a positive number, not ${raw}`);
    return n;
  };
  return {
    quick,
    sections: new Set(sections),
    lines: number('--lines', quick ? 6 : 16),
    scale: number('--scale', 0.5),
    trials: number('--trials', quick ? 6 : 20),
    probe: argv.includes('--probe'),
  };
}

function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (dirty) commit += ' (src/ modified)';
  } catch {
    // not a git checkout
  }
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    commit,
    date: new Date().toISOString(),
    loadAverage1m: Number(os.loadavg()[0].toFixed(2)),
  };
}

/** A warning when other work shares the machine (timings then carry its noise). */
function loadWarning(when: string): string | undefined {
  const load = os.loadavg()[0];
  const cores = os.cpus().length;
  return load > cores * 0.75
    ? `WARNING: load average ${load.toFixed(1)} on ${cores} cores ${when}: other processes compete for the CPU; timings are noisy.`
    : undefined;
}

/** The load average when a section starts; call the result when it ends: both, as words. */
function sectionLoad(): () => string {
  const start = os.loadavg()[0];
  return () => `load average ${start.toFixed(1)} at the start of this section, ${os.loadavg()[0].toFixed(1)} at its end (${os.cpus().length} cores)`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const info = machine();
  console.log(`Fireworks AI for VS Code: completion and chat benchmarks${options.quick ? ' (quick)' : ''}`);
  console.log(`Machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, ${info.os}; Node ${info.node}; commit ${info.commit}; ${info.date}`);
  console.log(`Load average (1 min) at start: ${info.loadAverage1m}`);
  const startWarning = loadWarning('at start');
  if (startWarning) console.log(startWarning);
  const started = Date.now();
  const verdicts: Record<string, boolean> = {};
  const json: Record<string, unknown> = { machine: info, options: { ...options, sections: [...options.sections] } };

  if (options.sections.has(1)) {
    const sizes = [100, 10_000, 100_000];
    const results = await keystrokePath({ sizes, warmup: options.quick ? 500 : 3000, samples: options.quick ? 2000 : 10_000 });
    verdicts.keystrokePath = printKeystrokePath(results);
    json.keystrokePath = results;
  }

  if (options.sections.has(2)) {
    const scripts = corpusScripts(options.lines);
    const result = await typingReplay(scripts, { scale: options.scale, timing: REPLAY_MODEL });
    verdicts.typingReplay = printReplay(result);
    json.typingReplay = result;
  }

  if (options.sections.has(3)) {
    const runs: GhostLatencyResult[] = [];
    const log = (line: string): void => console.log(line);
    console.log('\n(section 3: running VS Code…)');
    const common = { root: ROOT, ttftMs: 100, debounceMs: 250, log };
    // A build in a temporary folder, run and then removed.
    const inBuild = async (build: Promise<{ dir: string; dispose: () => void }>, run: (dir: string) => Promise<GhostLatencyResult>): Promise<GhostLatencyResult> => {
      const { dir, dispose } = await build;
      try {
        return await run(dir);
      } finally {
        dispose();
      }
    };
    const trials = { trials: options.trials, warmup: 2 };
    runs.push(await ghostLatency({ ...common, ...trials, extension: 'ours', extensionPath: ROOT }));
    const naiveTrials = { trials: Math.max(3, Math.ceil(options.trials / 2)), warmup: 1 };
    runs.push(await inBuild(buildVariant(ROOT, 'naive'), (dir) => ghostLatency({ ...common, ...naiveTrials, extension: 'naive', extensionPath: dir })));
    runs.push(await inBuild(buildFloor(ROOT), (dir) => ghostLatency({ ...common, ...trials, extension: 'floor', extensionPath: dir })));
    if (options.probe) {
      runs.push(await inBuild(buildVariant(ROOT, 'probe'), (dir) => ghostLatency({ ...common, ...trials, extension: 'ours (probe build)', extensionPath: dir, probe: true })));
      runs.push(await inBuild(buildFloor(ROOT, true), (dir) => ghostLatency({ ...common, ...trials, extension: 'floor (probe build)', extensionPath: dir, probe: true })));
    }
    verdicts.ghostLatency = printLatency(runs, ROOT);
    json.ghostLatency = runs;
  }

  if (options.sections.has(4)) {
    console.log('\n(section 4: streaming answers into the chat view in Chromium…)');
    const chunkings: Chunking[] = options.quick ? ['batched'] : ['batched', 'tokens'];
    const load = sectionLoad();
    const result = await chatRender({ root: ROOT, sizes: [500, 1000, 2000], chunkings, repeats: { batched: options.quick ? 1 : 3, tokens: 1 }, log: (line) => console.log(line) });
    verdicts.chatRender = printChatRender(result, load());
    json.chatRender = result;
  }

  if (options.sections.has(5)) {
    console.log('\n(section 5: running VS Code with the chat view…)');
    const load = sectionLoad();
    const result = await chatVsCode({
      root: ROOT,
      questions: options.quick ? 6 : 10,
      warmup: 2,
      longLines: 1500,
      longChunks: 4000,
      log: (line) => console.log(line),
    });
    verdicts.chatVsCode = printChatVsCode(result, load());
    json.chatVsCode = result;
  }

  if (options.sections.has(6)) {
    const result = await runFidelity(ROOT, options.quick ? 10 : 30);
    printFidelity(result);
    json.fidelity = { files: result.files, kinds: Object.fromEntries(result.kinds) };
  }

  if (options.sections.has(7)) {
    const runs = await connectionCost({ rtts: [0, 50, 150], requests: options.quick ? 6 : 15 });
    printConnections(runs);
    const idle = await idleCost({ rtts: [50, 150], trials: options.quick ? 3 : 7 });
    printIdle(idle);
    json.connections = { runs, idle };
  }

  if (options.sections.has(8)) {
    const pipeline = await pipelineMemory(options.quick ? [500, 2_000, 5_000] : [100, 500, 2_000, 10_000, 20_000]);
    console.log('\n(section 8: a conversation in the chat view in Chromium…)');
    const chat = await chatMemory(ROOT, { answers: options.quick ? 10 : 30, lines: 200, checkpoints: options.quick ? [1, 5, 10] : [1, 5, 10, 20, 30] });
    verdicts.memory = printMemory(pipeline, chat);
    json.memory = { pipeline, chat };
  }

  console.log(heading('Summary'));
  console.log(table([['section', 'goals'], ...Object.entries(verdicts).map(([name, ok]) => [name, verdict(ok)])]));
  const seconds = (Date.now() - started) / 1000;
  console.log(`\nWhole run: ${seconds.toFixed(0)} s. Load average (1 min) at the end: ${os.loadavg()[0].toFixed(2)}.`);
  const endWarning = loadWarning('at the end');
  if (endWarning) console.log(endWarning);
  json.loadAverage1mAtEnd = Number(os.loadavg()[0].toFixed(2));
  json.verdicts = verdicts;
  json.wallSeconds = seconds;
  const out = path.join(ROOT, 'test-results', 'bench.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`Figures: ${path.relative(process.cwd(), out)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
