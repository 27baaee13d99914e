/**
 * Section 8 of `npm run bench`: memory. What the extension keeps while the user works, measured where it lives:
 * (a) the completion pipeline in the extension host (plain Node here): the heap it retains after thousands of
 *     completions at distinct places, wired as src/extension.ts wires it (answer cache, backoff, typing rhythm,
 *     connection warmth, statistics), against the naive provider (no cache); V8's heap after a full collection;
 * (b) the chat view in Chromium (the page of section 4): its JavaScript heap and DOM nodes as a conversation grows
 *     answer by answer, and after New Chat (the view's `restore` with no messages), which must give it all back.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { CompletionClient } from '../../src/core/api/completions';
import { Backoff } from '../../src/core/completion/backoff';
import { CompletionCache } from '../../src/core/completion/cache';
import { ConnectionWarmth } from '../../src/core/completion/connectionWarmth';
import { CompletionPipeline } from '../../src/core/completion/pipeline';
import { CompletionStats } from '../../src/core/completion/stats';
import { TypingRhythm } from '../../src/core/completion/rhythm';
import { lineSourceOf } from '../../src/core/completion/window';
import { silentLogger } from '../../src/core/logger';
import type { HostMessage } from '../../src/chat/protocol';
import { FAST_MODEL_TOKENS_PER_SECOND, openChatViewPages, streamInPage, turn } from './chatRender';
import type { CdpSession } from './chatHarness';
import { batchChunks, generateAnswer } from './chatAnswer';
import { InstantClient, places } from './keystrokePath';
import { ProviderKind, benchSettings } from './providers';
import { syntheticSource } from './synthetic';
import { heading, table, verdict } from './util';

/** Goal (a): between the first checkpoint past the cache's fill and the last, the heap grows less than this. */
export const PIPELINE_GROWTH_GOAL_MB = 1;
/** Goal (b): after New Chat, the view's heap is within this of what it was after its first answer and New Chat. */
export const CHAT_RETAINED_GOAL_MB = 1;

const MB = 1024 * 1024;

/** V8's collector, callable without `--expose-gc` on the command line. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

function heapAfterGc(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export interface PipelineMemory {
  readonly provider: ProviderKind;
  /** Completions run → heap retained above the baseline (MB), and what the cache holds then. */
  readonly checkpoints: readonly { readonly completions: number; readonly retainedMb: number; readonly cacheEntries: number; readonly cacheMb: number }[];
}

function pipelineFor(kind: ProviderKind, client: CompletionClient, cache: CompletionCache): CompletionPipeline {
  const settings = benchSettings({ debounceMs: 0 });
  const base = { client: () => client, settings: () => settings, logger: silentLogger };
  if (kind === 'naive') return new CompletionPipeline(base);
  return new CompletionPipeline({
    ...base,
    backoff: new Backoff(),
    cache,
    rhythm: new TypingRhythm(),
    warmth: new ConnectionWarmth(),
    observer: new CompletionStats(),
  });
}

/** (a): `checkpoints` are completion counts; each completion is at a place no earlier one was asked for. */
export async function pipelineMemory(checkpoints: readonly number[]): Promise<PipelineMemory[]> {
  const gc = collector();
  const text = syntheticSource(10_000, 10_000);
  const document = lineSourceOf(text);
  const all = places(text, document, 500, 8);
  const results: PipelineMemory[] = [];
  for (const provider of ['ours', 'naive'] as const) {
    const client = new InstantClient();
    const cache = new CompletionCache();
    const pipeline = pipelineFor(provider, client, cache);
    const signal = new AbortController().signal;
    const run = async (i: number): Promise<void> => {
      const place = all[i % all.length];
      client.chunks = place.chunks;
      // Another document every 500: every completion is a new place (a cache miss that stores an entry).
      const documentKey = `file:///bench-${provider}-${Math.floor(i / all.length)}.ts`;
      await pipeline.run({ ...place.input, documentKey }, signal);
    };
    // Compiled and optimized before the baseline: code is not what this measures.
    for (let i = 0; i < 300; i++) await run(1_000_000 + i);
    cache.clear();
    const baseline = heapAfterGc(gc);
    const rows: PipelineMemory['checkpoints'][number][] = [];
    let done = 0;
    for (const target of checkpoints) {
      for (; done < target; done++) await run(done);
      rows.push({
        completions: target,
        retainedMb: (heapAfterGc(gc) - baseline) / MB,
        cacheEntries: cache.size,
        cacheMb: cache.totalBytes / MB,
      });
    }
    results.push({ provider, checkpoints: rows });
  }
  return results;
}

export interface ChatMemory {
  readonly browser: string;
  readonly answerLines: number;
  readonly answerChars: number;
  /** The view before any answer, and after its first answer and New Chat (the baseline: code compiled, grammars built). */
  readonly freshMb: number;
  readonly baselineMb: number;
  readonly baselineDomNodes: number;
  /** After each checkpoint's number of answers: MB above the baseline, and DOM nodes. */
  readonly checkpoints: readonly { readonly answers: number; readonly heapMb: number; readonly domNodes: number }[];
  /** After New Chat: MB above the baseline, and DOM nodes. */
  readonly afterNewChat: { readonly heapMb: number; readonly domNodes: number };
}

/**
 * The page's reachable JavaScript heap, as DevTools' heap snapshot counts it (the sum of its objects' own sizes,
 * after the collection the snapshot makes): what the page holds, without the collector's free or fragmented space
 * that `performance.memory` also counts.
 */
function heapMeter(cdp: CdpSession): () => Promise<number> {
  let json = '';
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (params) => { json += params.chunk; });
  return async () => {
    json = '';
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const snapshot = JSON.parse(json) as { snapshot: { meta: { node_fields: string[] } }; nodes: number[] };
    json = '';
    const fields = snapshot.snapshot.meta.node_fields;
    let total = 0;
    for (let i = fields.indexOf('self_size'); i < snapshot.nodes.length; i += fields.length) total += snapshot.nodes[i];
    return total;
  };
}

const domNodes = (): number => document.getElementsByTagName('*').length;

/** (b): a conversation of `answers` answers of `lines` lines each, streamed as a fast model's 30 ms batches. */
export async function chatMemory(root: string, options: { answers: number; lines: number; checkpoints: readonly number[] }): Promise<ChatMemory> {
  const pages = await openChatViewPages(root);
  try {
    const page = await pages.open();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    const reachableHeap = heapMeter(cdp);
    const answer = generateAnswer(options.lines, 2026);
    const chunks = batchChunks(answer.text, FAST_MODEL_TOKENS_PER_SECOND, options.lines);
    let asked = 0;
    const ask = async (): Promise<void> => {
      asked++;
      // Fresh strings per answer, as messages bring them.
      await page.evaluate(streamInPage, JSON.parse(JSON.stringify(turn(asked, `Question ${asked}`, answer, chunks))) as HostMessage[]);
    };
    const newChat = async (): Promise<void> => {
      const message: HostMessage = { type: 'restore', sessionId: `new-${asked}`, title: 'New chat', messages: [], hasKey: true, busy: false, model: 'accounts/fireworks/models/bench', context: [] };
      await page.evaluate((m: HostMessage) => new Promise((resolve) => {
        window.dispatchEvent(new MessageEvent('message', { data: m }));
        setTimeout(resolve, 300);
      }), message);
    };
    const fresh = await reachableHeap();
    await ask();
    await newChat();
    const baseline = await reachableHeap();
    const baselineDomNodes = await page.evaluate(domNodes);
    const rows: ChatMemory['checkpoints'][number][] = [];
    for (let n = 1; n <= options.answers; n++) {
      await ask();
      if (options.checkpoints.includes(n)) rows.push({ answers: n, heapMb: ((await reachableHeap()) - baseline) / MB, domNodes: await page.evaluate(domNodes) });
    }
    await newChat();
    const afterNewChat = { heapMb: ((await reachableHeap()) - baseline) / MB, domNodes: await page.evaluate(domNodes) };
    await cdp.detach();
    await page.close();
    return {
      browser: pages.browserVersion,
      answerLines: options.lines,
      answerChars: answer.text.length,
      freshMb: fresh / MB,
      baselineMb: baseline / MB,
      baselineDomNodes,
      checkpoints: rows,
      afterNewChat,
    };
  } finally {
    await pages.close();
  }
}

const mb = (value: number): string => value.toFixed(2);

/** Prints both parts; true when both goals are met. */
export function printMemory(pipeline: readonly PipelineMemory[], chat: ChatMemory | undefined): boolean {
  console.log(heading('8. Memory: what the extension keeps while you work'));
  console.log('(a) Completion pipeline (extension host; plain Node, V8 heap after a full collection), wired as the extension');
  console.log('wires it; each completion at a new place (a 10,000-line file, 500 places, another document every 500), answered');
  console.log('at once. MB retained above the baseline taken before the first; the cache is bounded at 200 entries and 2 MB.\n');
  const counts = pipeline[0]?.checkpoints.map((c) => c.completions) ?? [];
  const rows: (string | number)[][] = [['completions', ...pipeline.flatMap((p) => [`${p.provider} MB`, ...(p.provider === 'ours' ? ['cache entries', 'cache MB'] : [])])]];
  counts.forEach((count, i) => {
    rows.push([count.toLocaleString('en-US'), ...pipeline.flatMap((p) => {
      const c = p.checkpoints[i];
      return [mb(c.retainedMb), ...(p.provider === 'ours' ? [c.cacheEntries, mb(c.cacheMb)] : [])];
    })]);
  });
  console.log(table(rows));
  const ours = pipeline.find((p) => p.provider === 'ours');
  const filled = ours?.checkpoints.find((c) => c.cacheEntries >= 200);
  const last = ours?.checkpoints[ours.checkpoints.length - 1];
  const growth = filled && last && last !== filled ? last.retainedMb - filled.retainedMb : undefined;
  const okPipeline = growth !== undefined && growth < PIPELINE_GROWTH_GOAL_MB;
  console.log(`ours, from ${filled?.completions.toLocaleString('en-US') ?? '?'} to ${last?.completions.toLocaleString('en-US') ?? '?'} completions (the cache full): ` +
    `${growth === undefined ? '?' : mb(growth)} MB more; goal < ${PIPELINE_GROWTH_GOAL_MB} MB (bounded, no leak): ${verdict(okPipeline)}`);
  if (!chat) return okPipeline;

  console.log(`\n(b) Chat view (${chat.browser}, the page of section 4): a conversation of answers of ${chat.answerLines} lines`);
  console.log(`(${chat.answerChars.toLocaleString('en-US')} characters: prose, lists, tables, highlighted code blocks), streamed as 30 ms batches. Reachable JS heap`);
  console.log(`(DevTools' heap snapshot) above the baseline: the view after one answer and New Chat, ${mb(chat.baselineMb)} MB (a fresh view:`);
  console.log(`${mb(chat.freshMb)} MB; the first answer compiles the view's code and the highlighter's grammars), ${chat.baselineDomNodes} DOM nodes.\n`);
  const chatRows: (string | number)[][] = [['answers', 'lines shown', 'heap MB', 'MB per 1,000 lines', 'DOM nodes']];
  for (const c of chat.checkpoints) {
    const lines = c.answers * chat.answerLines;
    chatRows.push([c.answers, lines.toLocaleString('en-US'), mb(c.heapMb), mb((c.heapMb / lines) * 1000), c.domNodes.toLocaleString('en-US')]);
  }
  chatRows.push(['New Chat', 0, mb(chat.afterNewChat.heapMb), '-', chat.afterNewChat.domNodes.toLocaleString('en-US')]);
  console.log(table(chatRows));
  const okChat = chat.afterNewChat.heapMb < CHAT_RETAINED_GOAL_MB;
  console.log(`After New Chat the view keeps ${mb(chat.afterNewChat.heapMb)} MB more than the baseline; goal < ${CHAT_RETAINED_GOAL_MB} MB (nothing of the old conversation kept): ${verdict(okChat)}`);
  return okPipeline && okChat;
}
