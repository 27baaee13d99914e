/**
 * The chat benchmarks' answers: a long Markdown answer as a chat model writes one (prose paragraphs, headings,
 * bullet and numbered lists, a table now and then, fenced code in several languages, some blocks long), generated
 * from a seed so that every run streams the same text, and the ways to cut it into streamed chunks:
 * - tokens: one model token per chunk (what the view gets when the model is slower than the host's 30 ms batches);
 * - 30 ms batches of a fast model: what the host's DeltaBatcher sends (src/core/chat/batcher.ts);
 * - a given number of chunks (the real-VS Code section streams 1,500 lines in 4,000 chunks).
 * Python code comes from the bench's fixtures, the other languages from the samples below: fixed text, so that the
 * figures do not move with the repository's sources.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Random } from './util';

const ROOT = path.resolve(__dirname, '..', '..');

const FENCE_LINE = /^\s{0,3}(```|~~~)/;

/** Lines of code to cut code blocks from, by fence language ('' = a fence without a language: plain text). */
function codeSources(): ReadonlyMap<string, readonly string[]> {
  const lines = (text: string): string[] => text.replace(/\r\n/g, '\n').split('\n').filter((l) => !FENCE_LINE.test(l));
  const py = ['test/bench/fixtures/inventory.py', 'test/bench/fixtures/retry_client.py'].map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8')).join('\n');
  return new Map<string, readonly string[]>([
    ['ts', lines(TYPESCRIPT)],
    ['python', lines(py)],
    ['rust', lines(RUST)],
    ['go', lines(GO)],
    ['bash', lines(BASH)],
    ['json', lines(JSON_SAMPLE)],
    ['sql', lines(SQL)],
    ['yaml', lines(YAML)],
    ['css', lines(CSS)],
    ['', lines(LOG)],
  ]);
}

/** How often each fence language comes up (TypeScript and Python most). */
const LANGUAGE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['ts', 6], ['python', 5], ['rust', 2], ['go', 2], ['bash', 3], ['json', 2], ['sql', 1], ['yaml', 1], ['css', 1], ['', 1],
];

const WORDS = (
  'the function returns a new value when cache is empty so each call reads from map before it writes back result ' +
  'stream handler request response buffer chunk token answer view render block line offset length error retry ' +
  'timeout config setting option default user editor file path module import export type interface class method ' +
  'state update event listener promise async await loop index array string number boolean null undefined key ' +
  'because however instead therefore which means that this way you can keep only what changed since last time'
).split(' ');
const IDENTIFIERS = ['append', 'flush', 'stableLength', 'DeltaBatcher', 'render()', 'retry_after', 'max_tokens', 'useEffect', 'Vec<u8>', 'ctx.Done()', 'SELECT *', 'npm ci', 'tsconfig.json', 'Array.prototype.map', 'await fetch(url)', 'Map<string, number>'];

function sentence(random: Random): string {
  const n = random.int(8, 22);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    const roll = random.next();
    if (roll < 0.07) words.push(`\`${random.pick(IDENTIFIERS)}\``);
    else if (roll < 0.1) words.push(`**${random.pick(WORDS)} ${random.pick(WORDS)}**`);
    else if (roll < 0.11) words.push(`[the docs](https://example.com/docs/${random.pick(WORDS)})`);
    else words.push(random.pick(WORDS));
  }
  const text = words.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}${random.chance(0.15) ? ':' : '.'}`;
}

function paragraph(random: Random, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(random)).join(' ');
}

type Block = readonly string[];

function codeBlock(random: Random, sources: ReadonlyMap<string, readonly string[]>, lines: number): Block {
  let total = 0;
  for (const [, w] of LANGUAGE_WEIGHTS) total += w;
  let roll = random.next() * total;
  let language = LANGUAGE_WEIGHTS[0][0];
  for (const [name, w] of LANGUAGE_WEIGHTS) {
    roll -= w;
    if (roll < 0) {
      language = name;
      break;
    }
  }
  const source = sources.get(language) ?? [];
  const start = random.int(0, Math.max(0, source.length - 1));
  const body = Array.from({ length: lines }, (_, i) => source[(start + i) % source.length] ?? '');
  return [`\`\`\`${language}`, ...body, '```'];
}

function list(random: Random, items: number, numbered: boolean): Block {
  return Array.from({ length: items }, (_, i) => `${numbered ? `${i + 1}.` : '-'} ${sentence(random)}${random.chance(0.3) ? ` ${sentence(random)}` : ''}`);
}

function table(random: Random, rows: number): Block {
  const row = (): string => `| \`${random.pick(IDENTIFIERS)}\` | ${random.pick(WORDS)} ${random.pick(WORDS)} | ${random.int(1, 999)} ms |`;
  return ['| name | what | cost |', '| --- | --- | ---: |', ...Array.from({ length: rows }, row)];
}

export interface GeneratedAnswer {
  readonly text: string;
  readonly lines: number;
  /** Lines inside fenced code blocks (fences included). */
  readonly codeLines: number;
  readonly codeBlocks: number;
  /** The answer's last line: unique, so that a test can tell when the whole answer is on screen. */
  readonly lastLine: string;
  /** Where each repeated part starts (offsets in `text`; [0] for an answer of one part). */
  readonly partStarts: readonly number[];
}

/** One part of an answer: exactly `lines` lines, the last one `marker`. */
function answerPart(lines: number, seed: number, marker: string): GeneratedAnswer {
  const random = new Random(seed);
  const sources = codeSources();
  const out: string[] = [paragraph(random, 2), ''];
  let codeLines = 0;
  let codeBlocks = 0;
  for (;;) {
    const roll = random.next();
    let block: Block;
    if (roll < 0.3) block = [paragraph(random, random.int(1, 5))];
    else if (roll < 0.4) block = [`${random.chance(0.5) ? '##' : '###'} ${sentence(random).replace(/[.:]$/, '')}`];
    else if (roll < 0.55) block = list(random, random.int(3, 8), false);
    else if (roll < 0.62) block = list(random, random.int(3, 6), true);
    else if (roll < 0.66) block = table(random, random.int(3, 8));
    else block = codeBlock(random, sources, random.chance(1 / 12) ? random.int(80, 150) : random.int(6, 40));
    // Room for the block, its blank line and the closing paragraph (at least one line); near the end, only short
    // blocks fit.
    const room = lines - out.length - 2;
    if (block.length > room) {
      if (room <= 6) break;
      continue;
    }
    if (block[0].startsWith('```')) {
      codeLines += block.length;
      codeBlocks++;
    }
    out.push(...block, '');
  }
  // The closing paragraph fills the rest, soft-wrapped; its last line is the marker.
  while (out.length < lines - 1) out.push(sentence(random));
  out.push(marker);
  return { text: out.slice(0, lines).join('\n'), lines, codeLines, codeBlocks, lastLine: marker, partStarts: [0] };
}

/** Lines of the part a long answer repeats. */
export const ANSWER_PART_LINES = 500;

/**
 * An answer of exactly `lines` lines (no final newline), its last line a paragraph of its own holding `marker`.
 * Code blocks are mostly 6–40 lines, one in twelve 80–150 lines. A multiple of 500 lines is the same 500-line part
 * repeated (a blank line between, each part's own last line naming it): answers of different lengths then have the
 * same mix of content, and their costs compare line for line.
 */
export function generateAnswer(lines: number, seed: number, marker = `End of the answer (${lines} lines, seed ${seed}).`): GeneratedAnswer {
  const parts = lines % ANSWER_PART_LINES === 0 ? lines / ANSWER_PART_LINES : 1;
  if (parts === 1) return answerPart(lines, seed, marker);
  // Every part but the last ends with the blank line that separates it from the next.
  const pieces = Array.from({ length: parts }, (_, i) =>
    i < parts - 1 ? answerPart(ANSWER_PART_LINES - 1, seed, `End of part ${i + 1} of ${parts}.`) : answerPart(ANSWER_PART_LINES, seed, marker));
  return {
    text: pieces.map((p) => p.text).join('\n\n'),
    lines,
    codeLines: pieces.reduce((n, p) => n + p.codeLines, 0),
    codeBlocks: pieces.reduce((n, p) => n + p.codeBlocks, 0),
    lastLine: marker,
    partStarts: pieces.map((_, i) => pieces.slice(0, i).reduce((n, p) => n + p.text.length + 2, 0)),
  };
}

/** Pieces the size of a model's tokens (a word with its space, a number, one or two punctuation marks, a newline). */
export function tokenize(text: string): string[] {
  const tokens = text.match(/ ?[A-Za-z_]+| ?\d{1,3}| ?[^\sA-Za-z_\d]{1,2}|\n|[ \t]+|[^]/g) ?? [];
  if (tokens.join('') !== text) throw new Error('tokenize lost text');
  return tokens;
}

/** The deltas the host sends for a model at `tokensPerSecond`: what arrives in each 30 ms batch, ±1/3 (network jitter). */
export function batchChunks(text: string, tokensPerSecond: number, seed: number, batchMs = 30): string[] {
  const random = new Random(seed);
  const tokens = tokenize(text);
  const perBatch = (tokensPerSecond * batchMs) / 1000;
  const chunks: string[] = [];
  for (let i = 0; i < tokens.length;) {
    const n = Math.max(1, Math.round(random.between(perBatch * (2 / 3), perBatch * (4 / 3))));
    chunks.push(tokens.slice(i, i + n).join(''));
    i += n;
  }
  return chunks;
}

/** The text in `count` chunks of about the same number of tokens. */
export function evenChunks(text: string, count: number): string[] {
  const tokens = tokenize(text);
  const chunks: string[] = [];
  for (let c = 0; c < count; c++) {
    const from = Math.floor((c * tokens.length) / count);
    const to = Math.floor(((c + 1) * tokens.length) / count);
    if (to > from) chunks.push(tokens.slice(from, to).join(''));
  }
  return chunks;
}

// ---------------------------------------------------------------------------------------------------------------
// Code samples.

const TYPESCRIPT = `/**
 * Streamed text → at most one message per interval: a burst of tokens becomes one message, and the receiver gets
 * only what was appended since the last one.
 */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class DeltaBatcher {
  private pending = '';
  private timer: unknown;
  private lastSentAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly send: (text: string) => void,
    private readonly intervalMs = 30,
    private readonly timers: Timers = realTimers,
    private readonly now: () => number = Date.now,
  ) {}

  push(text: string): void {
    if (!text) return;
    this.pending += text;
    if (this.timer !== undefined) return;
    const wait = this.lastSentAt + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = this.timers.setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    this.cancelTimer();
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.lastSentAt = this.now();
    this.send(text);
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export async function* lines(stream: AsyncIterable<string>, signal?: AbortSignal): AsyncGenerator<string> {
  let buffer = '';
  for await (const chunk of stream) {
    if (signal?.aborted) return;
    buffer += chunk;
    let end = buffer.indexOf('\\n');
    while (end >= 0) {
      yield buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      end = buffer.indexOf('\\n');
    }
  }
  if (buffer) yield buffer;
}

type Entry<V> = { readonly value: V; readonly at: number };

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(private readonly ttlMs: number, private readonly capacity = 100) {}

  get(key: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry || now - entry.at > this.ttlMs) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, now = Date.now()): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: now });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}`;

const RUST = `use std::collections::HashMap;
use std::time::{Duration, Instant};

/// A small LRU cache with a time to live per entry.
pub struct Cache<V> {
    entries: HashMap<String, (V, Instant)>,
    order: Vec<String>,
    capacity: usize,
    ttl: Duration,
}

impl<V: Clone> Cache<V> {
    pub fn new(capacity: usize, ttl: Duration) -> Self {
        Self { entries: HashMap::with_capacity(capacity), order: Vec::new(), capacity, ttl }
    }

    pub fn get(&mut self, key: &str) -> Option<V> {
        let (value, at) = self.entries.get(key)?;
        if at.elapsed() > self.ttl {
            self.entries.remove(key);
            self.order.retain(|k| k != key);
            return None;
        }
        let value = value.clone();
        self.touch(key);
        Some(value)
    }

    pub fn insert(&mut self, key: String, value: V) {
        if self.entries.len() >= self.capacity && !self.entries.contains_key(&key) {
            if let Some(oldest) = self.order.first().cloned() {
                self.entries.remove(&oldest);
                self.order.remove(0);
            }
        }
        self.entries.insert(key.clone(), (value, Instant::now()));
        self.touch(&key);
    }

    fn touch(&mut self, key: &str) {
        self.order.retain(|k| k != key);
        self.order.push(key.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evicts_the_oldest_entry() {
        let mut cache = Cache::new(2, Duration::from_secs(60));
        cache.insert("a".into(), 1);
        cache.insert("b".into(), 2);
        cache.insert("c".into(), 3);
        assert_eq!(cache.get("a"), None);
        assert_eq!(cache.get("c"), Some(3));
    }
}`;

const GO = `package stream

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Delta is one piece of a streamed chat answer.
type Delta struct {
	Content string \`json:"content"\`
	Reason  string \`json:"finish_reason,omitempty"\`
}

// ReadEvents calls fn for every data line of a server-sent event stream until [DONE].
func ReadEvents(ctx context.Context, r io.Reader, fn func(Delta) error) error {
	scanner := bufio.NewScanner(r)
	scanner.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for scanner.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		line := scanner.Text()
		if !strings.HasPrefix(line, "data: ") {
			continue
		}
		payload := strings.TrimPrefix(line, "data: ")
		if payload == "[DONE]" {
			return nil
		}
		var delta Delta
		if err := json.Unmarshal([]byte(payload), &delta); err != nil {
			return fmt.Errorf("bad event %q: %w", payload, err)
		}
		if err := fn(delta); err != nil {
			return err
		}
	}
	return scanner.Err()
}`;

const BASH = `#!/usr/bin/env bash
set -euo pipefail

# Builds the extension, runs the unit tests and packages a .vsix.
root="$(cd "$(dirname "\${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if ! command -v node >/dev/null 2>&1; then
  echo "node is required" >&2
  exit 1
fi

npm ci --no-audit --no-fund
npm run typecheck
npm run lint
npm run test:unit

version="$(node -p "require('./package.json').version")"
out="fireworks-vscode-\${version}.vsix"
rm -f "$out"
npm run package
ls -lh "$out"

for file in dist/*.js; do
  size=$(stat -c %s "$file")
  printf '%-30s %8d bytes\\n' "$file" "$size"
done`;

const JSON_SAMPLE = `{
  "fireworks.baseUrl": "https://api.fireworks.ai/inference/v1",
  "fireworks.completions.enabled": true,
  "fireworks.completions.languages": {
    "*": true,
    "plaintext": false,
    "markdown": false
  },
  "fireworks.completions.model": "accounts/fireworks/models/qwen2p5-coder-32b-instruct",
  "fireworks.completions.debounceMs": 250,
  "fireworks.completions.maxTokens": 256,
  "fireworks.completions.maxLines": 30,
  "fireworks.chat.model": "accounts/fireworks/models/llama-v3p3-70b-instruct",
  "editor.inlineSuggest.enabled": true,
  "files.exclude": {
    "**/node_modules": true,
    "**/dist": true
  },
  "search.exclude": {
    "**/out": true
  }
}`;

const SQL = `-- Orders per customer in the last 30 days, with their total and the latest order.
WITH recent AS (
  SELECT o.id, o.customer_id, o.total_cents, o.created_at
  FROM orders AS o
  WHERE o.created_at >= now() - interval '30 days'
    AND o.status IN ('paid', 'shipped')
)
SELECT
  c.id,
  c.email,
  count(r.id) AS orders,
  sum(r.total_cents) / 100.0 AS total,
  max(r.created_at) AS latest
FROM customers AS c
JOIN recent AS r ON r.customer_id = c.id
GROUP BY c.id, c.email
HAVING count(r.id) > 1
ORDER BY total DESC
LIMIT 50;

CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_created
  ON orders (customer_id, created_at DESC);`;

const YAML = `name: ci
on:
  push:
    branches: [main]
  pull_request:
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [20, 22]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: \${{ matrix.node }}
          cache: npm
      - run: npm ci
      - run: npm run typecheck
      - run: npm run lint
      - run: npm run test:unit
      - name: Package
        if: matrix.node == 20
        run: npm run package`;

const CSS = `.message.answer .markdown pre {
  margin: 0;
  padding: 8px 10px;
  overflow-x: auto;
  background: var(--vscode-textCodeBlock-background);
  border-radius: 4px;
  font-family: var(--vscode-editor-font-family);
  font-size: var(--vscode-editor-font-size);
}

.code-block .code-toolbar {
  display: flex;
  align-items: center;
  gap: 4px;
  padding: 2px 4px;
  border-bottom: 1px solid var(--vscode-panel-border);
}

.code-block .code-language {
  flex: 1;
  opacity: 0.7;
  text-transform: lowercase;
}

@media (prefers-reduced-motion: reduce) {
  .codicon-modifier-spin {
    animation: none;
  }
}`;

const LOG = `2026-11-25T10:42:01.112Z info  request 7f3a model=llama-v3p3-70b-instruct prompt_tokens=1843
2026-11-25T10:42:01.398Z info  first token after 286 ms
2026-11-25T10:42:03.874Z info  finished reason=stop completion_tokens=612 tokens_per_second=247
2026-11-25T10:42:07.005Z warn  retrying after 429 Too Many Requests (retry-after 2 s)
2026-11-25T10:42:09.017Z info  request 7f3b model=llama-v3p3-70b-instruct prompt_tokens=2011
2026-11-25T10:42:09.341Z info  first token after 324 ms
2026-11-25T10:42:12.260Z info  finished reason=length completion_tokens=1024 tokens_per_second=351
Traceback (most recent call last):
  File "/srv/app/worker.py", line 88, in run
    result = client.complete(prompt, timeout=5)
  File "/srv/app/client.py", line 41, in complete
    raise TimeoutError(f"no answer after {timeout} s")
TimeoutError: no answer after 5 s`;
