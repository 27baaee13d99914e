/**
 * Section 1: what one keystroke costs before (and around) the network. `CompletionPipeline.run` with debounce 0
 * and a client stub that answers at once, streaming a typical answer through `isDecided` as the real client does.
 * The stub stamps the moment it is called, so each sample splits into:
 *   before the network  run() → streamCompletion() called: readWindow, cache lookup, template build, stop tokens;
 *   per-chunk checks    the stream loop's `isDecided` after every ~4-character chunk (ours only; naive has none);
 *   after the answer    postprocess, cache store, log line, until run() resolves.
 * Documents of 100 / 10,000 / 100,000 lines of synthetic TypeScript; 500 cursor places per size (line ends, middles
 * of lines, line starts; top, middle, bottom), cycled so that ours never hits its cache (a miss is the costly path;
 * its 200-entry cache stays full of entries for the same document).
 */
import { CompletionClient, CompletionOutcome, CompletionRequest, StreamOptions } from '../../src/core/api/completions';
import { CompletionInput } from '../../src/core/completion/pipeline';
import { LineSource, lineSourceOf } from '../../src/core/completion/window';
import { CHARS_PER_TOKEN, answerAt, tokenChunks } from './model';
import { PROVIDERS, ProviderKind, benchSettings, buildProvider } from './providers';
import { syntheticSource } from './synthetic';
import { Random, quantile } from './util';

export const KEYSTROKE_GOAL_US = 1000;

/** Answers at once, streaming `chunks` through `isDecided` as the real client does; stamps when it is called. */
export class InstantClient implements CompletionClient {
  calledAt = 0n;
  streamedAt = 0n;
  chunks: readonly string[] = [];

  async streamCompletion(_request: CompletionRequest, options: StreamOptions): Promise<CompletionOutcome> {
    this.calledAt = process.hrtime.bigint();
    let text = '';
    let finish: 'stop' | 'early' = 'stop';
    for (const chunk of this.chunks) {
      text += chunk;
      if (options.isDecided?.(text)) {
        finish = 'early';
        break;
      }
    }
    this.streamedAt = process.hrtime.bigint();
    return { ok: true, text, finish, durationMs: 0 };
  }
}

export interface Place {
  readonly input: CompletionInput;
  readonly chunks: readonly string[];
}

/** Counts the lines a run reads (lineAt calls): the work that must not grow with the document. */
export class CountingLines implements LineSource {
  reads = 0;
  readonly lineCount: number;

  constructor(private readonly inner: LineSource) {
    this.lineCount = inner.lineCount;
  }

  lineAt(line: number): string {
    this.reads++;
    return this.inner.lineAt(line);
  }
}

/** `count` distinct cursor places in `text` (line ends, middles, starts), each with the model's answer there. */
export function places(text: string, document: LineSource, count: number, seed: number): Place[] {
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const random = new Random(seed);
  const out: Place[] = [];
  const taken = new Set<number>();
  for (let i = 0; out.length < count && i < count * 20; i++) {
    // A tenth at the top, a tenth at the bottom, the rest anywhere.
    const zone = i % 10;
    const line = zone === 0 ? random.int(0, Math.min(5, lines.length - 1))
      : zone === 1 ? random.int(Math.max(0, lines.length - 6), lines.length - 1)
        : random.int(0, lines.length - 1);
    const content = lines[line];
    const indent = /^\s*/.exec(content)?.[0].length ?? 0;
    const kind = random.next();
    const character = kind < 0.5 ? content.length : kind < 0.75 ? random.int(indent, content.length) : indent;
    const cursor = starts[line] + character;
    if (taken.has(cursor)) continue; // distinct places, so that cycling through them never hits the cache
    taken.add(cursor);
    // The model's answer there, cut at max_tokens (256) as a server would.
    const answer = answerAt(text, cursor, text.slice(cursor, cursor + 2000)).slice(0, 256 * CHARS_PER_TOKEN);
    out.push({
      input: { document, position: { line, character }, manual: false, alreadyWaitedMs: 50, documentKey: 'file:///bench.ts', offset: cursor, languageId: 'typescript', filePath: 'src/bench.ts' },
      chunks: tokenChunks(answer),
    });
  }
  return out;
}

export interface PathFigures {
  readonly samples: number;
  readonly beforeNetworkUs: { readonly p50: number; readonly p99: number };
  readonly chunkChecksUs: { readonly p50: number; readonly p99: number };
  readonly afterAnswerUs: { readonly p50: number; readonly p99: number };
  readonly totalUs: { readonly p50: number; readonly p99: number };
  /** Results the cache answered (should be 0: every sample is a miss by construction). */
  readonly cacheHits: number;
  /** Most lines one run read from the document. */
  readonly maxLinesRead: number;
}

export interface KeystrokePathResult {
  readonly lines: number;
  readonly providers: Readonly<Record<ProviderKind, PathFigures>>;
}

const us = (ns: bigint): number => Number(ns) / 1000;
const summary = (values: number[]): { p50: number; p99: number } => ({ p50: quantile(values, 0.5), p99: quantile(values, 0.99) });

async function measure(kind: ProviderKind, all: readonly Place[], lines: CountingLines, warmup: number, samples: number): Promise<PathFigures> {
  const client = new InstantClient();
  const { pipeline } = buildProvider(kind, client, benchSettings({ debounceMs: 0 }));
  const signal = new AbortController().signal;
  const before: number[] = [];
  const checks: number[] = [];
  const after: number[] = [];
  const total: number[] = [];
  let cacheHits = 0;
  let maxLinesRead = 0;
  for (let i = 0; i < warmup + samples; i++) {
    const place = all[i % all.length];
    client.chunks = place.chunks;
    client.calledAt = 0n;
    lines.reads = 0;
    const start = process.hrtime.bigint();
    const result = await pipeline.run(place.input, signal);
    const end = process.hrtime.bigint();
    if (i < warmup) continue;
    maxLinesRead = Math.max(maxLinesRead, lines.reads);
    if (result.kind === 'shown' && result.reused) cacheHits++;
    if (client.calledAt === 0n) continue; // answered without the client (a cache hit)
    before.push(us(client.calledAt - start));
    checks.push(us(client.streamedAt - client.calledAt));
    after.push(us(end - client.streamedAt));
    total.push(us(end - start));
  }
  return {
    samples: total.length,
    beforeNetworkUs: summary(before),
    chunkChecksUs: summary(checks),
    afterAnswerUs: summary(after),
    totalUs: summary(total),
    cacheHits,
    maxLinesRead,
  };
}

export async function keystrokePath(options: { sizes: readonly number[]; warmup: number; samples: number }): Promise<KeystrokePathResult[]> {
  const results: KeystrokePathResult[] = [];
  for (const lines of options.sizes) {
    const text = syntheticSource(lines, lines);
    const document = new CountingLines(lineSourceOf(text));
    const all = places(text, document, 500, 7 + lines);
    // The first size also warms the JIT up for the others (the first code measured would otherwise pay for it).
    if (lines === options.sizes[0]) for (const kind of PROVIDERS) await measure(kind, all, document, options.warmup, 0);
    const figures = {} as Record<ProviderKind, PathFigures>;
    for (const kind of PROVIDERS) figures[kind] = await measure(kind, all, document, options.warmup, options.samples);
    results.push({ lines, providers: figures });
  }
  return results;
}
