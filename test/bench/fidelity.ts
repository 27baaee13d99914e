/**
 * Fidelity: code the team did not write (the `openai` package's TypeScript sources, undici's and mocha's JavaScript;
 * where the machine has them, Python's standard library, the Go, C and shell of git's contributed tools, the GNU C++
 * library's headers, PHP of App Engine, SCSS of highlight.js's themes, Debian's Perl, CMake's modules)
 * with a piece cut out at many places, the cursor where it was, and a "model" that answers the true missing piece
 * plus the junk real models add: the code after the cursor repeated, code running past the end of
 * the block, brackets that already exist closed again. The answer streams through the real pipeline (templates'
 * stop sequences, early stop, post-processing) in one-token chunks; after "Tab" the file must be exactly the
 * original. Printed per kind of place, so a change to post-processing shows what it wins and what it costs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompletionClient, CompletionOutcome, CompletionRequest, StreamOptions } from '../../src/core/api/completions';
import { CompletionPipeline } from '../../src/core/completion/pipeline';
import { indentOf } from '../../src/core/completion/editContext';
import { editorItem } from '../../src/core/completion/editorItem';
import { lineSourceOf } from '../../src/core/completion/window';
import type { Logger } from '../../src/core/logger';
import { type CompletionSettings, resolveSettings } from '../../src/core/settings';
import { CHARS_PER_TOKEN } from './model';
import { Random, heading, table } from './util';

export interface FidelityCase {
  readonly kind: string;
  readonly file: string;
  readonly languageId: string;
  readonly before: string;
  readonly missing: string;
  readonly after: string;
  readonly junk: string;
}

/** Cases of one kind: how many, how many came back exactly, and of those how many one Tab key accepts. */
export interface Tally {
  total: number;
  exact: number;
  byTab: number;
}

export interface FidelityResult {
  readonly files: number;
  /** Per kind of place: cases and how many came back exactly. */
  readonly kinds: ReadonlyMap<string, Tally>;
  /** A few failures per kind, for reading. */
  readonly failures: ReadonlyMap<string, readonly string[]>;
}

/** The user's defaults (line limit, token limit, template), asked at once, without snippets from other files. */
const SETTINGS: CompletionSettings = {
  ...resolveSettings({}, {}).completions,
  model: 'accounts/fireworks/models/qwen2p5-coder-32b-instruct',
  debounceMs: 0,
  temperature: 0,
  languages: { '*': true },
  exclude: [],
  contextFromOtherFiles: false,
};

/** Real code from installed packages and the system, never ours. */
export function fidelityCorpus(root: string): { file: string; languageId: string }[] {
  const chosen = process.env.FIREWORKS_FIDELITY_DIRS;
  if (chosen) return corpusOf(chosen);
  const files: { file: string; languageId: string }[] = [];
  /** The files of `dir` that end in `ext`, in name order, the first `most` of them. */
  const add = (dir: string, ext: string, languageId: string, most = Infinity): void => {
    if (!fs.existsSync(dir)) return;
    const names = fs.readdirSync(dir).sort().filter((name) => name.endsWith(ext) && !name.endsWith('.d.ts'));
    for (const name of names.slice(0, most)) files.push({ file: path.join(dir, name), languageId });
  };
  add(path.join(root, 'node_modules/openai/src/lib'), '.ts', 'typescript');
  add(path.join(root, 'node_modules/openai/src/internal'), '.ts', 'typescript');
  // JavaScript: undici's HTTP client and mocha's command line, as npm installs them.
  add(path.join(root, 'node_modules/undici/lib/dispatcher'), '.js', 'javascript');
  add(path.join(root, 'node_modules/mocha/lib/cli'), '.js', 'javascript');
  const python = fs.existsSync('/usr/lib') ? fs.readdirSync('/usr/lib').filter((d) => /^python3\.\d+$/.test(d)).sort().pop() : undefined;
  if (python) {
    add(path.join('/usr/lib', python, 'json'), '.py', 'python');
    add(path.join('/usr/lib', python, 'logging'), '.py', 'python');
    add(path.join('/usr/lib', python, 'email'), '.py', 'python');
    add(path.join('/usr/lib', python, 'asyncio'), '.py', 'python');
  }
  // Go and C: git's contributed tools, where Debian's git package installed them with its documentation.
  const contrib = '/usr/share/doc/git/contrib';
  add(path.join(contrib, 'persistent-https'), '.go', 'go');
  for (const tool of ['gnome-keyring', 'libsecret', 'osxkeychain', 'wincred']) add(path.join(contrib, 'credential', tool), '.c', 'c');
  // Shell: git's contributed scripts (`if`/`fi`, `case`/`esac`, `do`/`done` blocks).
  add(contrib, '.sh', 'shellscript');
  add(path.join(contrib, 'subtree'), '.sh', 'shellscript');
  // C++: the GNU C++ library's own headers, where g++ installed them.
  const cxx = fs.existsSync('/usr/include/c++') ? fs.readdirSync('/usr/include/c++').filter((d) => /^\d+$/.test(d)).sort((x, y) => Number(x) - Number(y)).pop() : undefined;
  if (cxx) add(path.join('/usr/include/c++', cxx, 'bits'), '.h', 'cpp');
  // PHP: the App Engine SDK, where the Google Cloud SDK installed it (generated protocol buffers: repeated code).
  const appengine = '/usr/lib/google-cloud-sdk/platform/google_appengine/php/sdk/google/appengine/api';
  for (const dir of ['', 'log', 'memcache', 'taskqueue', 'users']) add(path.join(appengine, dir), '.php', 'php');
  // SCSS: highlight.js's themes, as npm installs them (a short block per rule: `}` then the next rule).
  add(path.join(root, 'node_modules/highlight.js/scss'), '.scss', 'scss');
  // Perl: Debian's own modules (Dpkg), CMake: its modules (long lines, `endif()`), where they are installed.
  add('/usr/share/perl5/Dpkg', '.pm', 'perl');
  const cmake = fs.existsSync('/usr/share') ? fs.readdirSync('/usr/share').filter((d) => /^cmake-\d/.test(d)).sort().pop() : undefined;
  if (cmake) add(path.join('/usr/share', cmake, 'Modules'), '.cmake', 'cmake', 60);
  return files;
}

/**
 * Other code than the default corpus, for a one-off check (FIREWORKS_FIDELITY_DIRS): `dir:ext:languageId` entries
 * separated by commas (`~/src/ripgrep:.rs:rust,~/src/sinatra:.rb:ruby`), each directory read recursively, up to 60
 * of its files spread over it.
 */
export function corpusOf(spec: string): { file: string; languageId: string }[] {
  const files: { file: string; languageId: string }[] = [];
  for (const entry of spec.split(',').filter((e) => e.trim() !== '')) {
    const [dir, ext, languageId] = entry.trim().split(':');
    if (!dir || !ext || !languageId) throw new Error(`FIREWORKS_FIDELITY_DIRS: "${entry}" is not dir:ext:languageId`);
    const all = (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
      .filter((name) => name.endsWith(ext) && !name.endsWith('.d.ts') && fs.statSync(path.join(dir, name)).isFile())
      .sort();
    const step = Math.max(1, Math.floor(all.length / 60));
    for (const name of all.filter((_, i) => i % step === 0).slice(0, 60)) files.push({ file: path.join(dir, name), languageId });
  }
  return files;
}

const OPENER = /[:{([]\s*$/;

/** The cases cut from one file: `perFile` random places, each tried as every kind that fits there. */
export function casesFrom(file: string, languageId: string, text: string, perFile: number, random: Random): FidelityCase[] {
  const doc = text.replace(/\r\n/g, '\n');
  const lines = doc.split('\n');
  if (lines.length < 20) return [];
  const starts: number[] = [];
  for (let i = 0, at = 0; i < lines.length; i++) {
    starts.push(at);
    at += lines[i].length + 1;
  }
  const cases: FidelityCase[] = [];
  const cut = (kind: string, from: number, to: number, junk: string): void => {
    const missing = doc.slice(from, to);
    if (missing.trim() === '') return;
    cases.push({ kind, file, languageId, before: doc.slice(0, from), missing, after: doc.slice(to), junk });
  };
  const repeat = (at: number): string => doc.slice(at, at + 240);
  /** From the end of line `i` (its opener) to the closer that starts line `j`, which the model writes again. */
  const cutBetween = (kind: string, i: number, j: number): void => {
    const closerAt = starts[j] + lines[j].length - lines[j].trimStart().length;
    cut(kind, starts[i] + lines[i].trimEnd().length, closerAt, repeat(closerAt));
  };
  /** Code that is not what follows: a top-level line of this file from elsewhere, as a model inventing the next function. */
  const foreign = (): string => {
    const top = lines.filter((l) => /^\S/.test(l) && l.length > 8);
    return top.length ? `\n\n${random.pick(top)}\n    ${random.pick(lines).trim()}` : '';
  };
  for (let t = 0; t < perFile; t++) {
    const i = random.int(1, lines.length - 6);
    const line = lines[i];
    if (line.trim() === '') continue;
    const indent = line.length - line.trimStart().length;
    const eol = starts[i] + line.length;
    // The rest of a line, from anywhere in it.
    const from = starts[i] + indent + random.int(0, line.length - indent - 1);
    cut('rest of a line', from, eol, repeat(eol));
    // A line's content, its indentation left (the cursor on an indented empty line).
    cut('line after its indent', starts[i] + indent, eol, repeat(eol));
    // Between brackets on one line, the closer and the rest repeated.
    const open = line.search(/[([{]/);
    const close = open === -1 ? -1 : matchingClose(line, open);
    if (close > open + 1) cut('inside brackets', starts[i] + open + 1, starts[i] + close, `${line.slice(close)}\n${lines[i + 1]}`);
    // A span inside a line.
    const spanEnd = from + random.int(1, Math.max(1, eol - from - 1));
    if (spanEnd < eol) cut('span inside a line', from, spanEnd, repeat(spanEnd));
    // The body of a block after the line that opens it; the model runs on into what follows, or into new code.
    if (OPENER.test(line) && i + 1 < lines.length && indentOf(lines[i + 1]) > indentOf(line)) {
      let j = i + 1;
      while (j < lines.length && (lines[j].trim() === '' || indentOf(lines[j]) > indentOf(line))) j++;
      let last = j - 1;
      while (last > i && lines[last].trim() === '') last--;
      if (last - i <= SETTINGS.maxLines) {
        const end = starts[last] + lines[last].length;
        cut('block body, then what follows', eol, end, repeat(end));
        // Past the block: its closing line again (it exists already), or straight into code of its own.
        const closer = /^\s*[)\]}]/.test(lines[j] ?? '') ? `\n${lines[j]}` : '';
        cut('block body, then new code', eol, end, closer + foreign());
        // Between its braces, as the editor leaves them after `{` is typed (`f() {|}`): the body and the line break
        // before the closer are missing; the model writes them, then the closer and what follows again.
        if (/\{\s*$/.test(line) && /^\s*\}/.test(lines[j] ?? '')) cutBetween('block body between its braces', i, j);
      }
    }
    // An element's content between its tags, as the editor leaves them after `<ul>` is typed (`<ul>|</ul>`).
    const tag = /<([A-Za-z][\w:.-]*)(?:\s[^<>]*)?>\s*$/.exec(line)?.[1];
    if (tag && i + 1 < lines.length && indentOf(lines[i + 1]) > indentOf(line)) {
      let j = i + 1;
      while (j < lines.length && (lines[j].trim() === '' || indentOf(lines[j]) > indentOf(line))) j++;
      if (j - i - 1 <= SETTINGS.maxLines && (lines[j] ?? '').trimStart().startsWith(`</${tag}>`)) cutBetween('element content between its tags', i, j);
    }
    // The next 1-3 lines after the end of a line.
    const k = random.int(1, 3);
    if (i + k < lines.length - 1 && !OPENER.test(line)) {
      const end = starts[i + k] + lines[i + k].length;
      cut('next lines after a line', eol, end, repeat(end));
    }
    // The rest of a line and the next 1-3 lines (the cursor in the middle of a line, nothing after it).
    if (i + k < lines.length - 1) {
      const end = starts[i + k] + lines[i + k].length;
      cut('rest of a line and the lines after it', from, end, repeat(end));
    }
    // A line's content with its indentation: the cursor at column 0 of the empty line left.
    if (indent > 0) cut('a line from column 0', starts[i], eol, repeat(eol));
    // Whole lines, the cursor at the start of the line after them.
    if (i + k < lines.length - 1 && lines[i + k].trim() !== '') {
      cut('whole lines before a line', starts[i], starts[i + k], repeat(starts[i + k]));
    }
  }
  return cases;
}

/** Index of the bracket closing the one at `open` on the same line, or -1. */
function matchingClose(line: string, open: number): number {
  let depth = 0;
  for (let i = open; i < line.length; i++) {
    const ch = line[i];
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch) && --depth === 0) return i;
  }
  return -1;
}

/** A "model" answering one fixed text, streamed in one-token chunks, honouring stop sequences and max_tokens. */
class ScriptedClient implements CompletionClient {
  constructor(private readonly answer: string) {}

  async streamCompletion(request: CompletionRequest, options: StreamOptions): Promise<CompletionOutcome> {
    let text = this.answer;
    let finish: 'stop' | 'length' = 'stop';
    const stopAt = Math.min(...request.stop.map((s) => text.indexOf(s)).filter((at) => at >= 0), Infinity);
    if (stopAt !== Infinity) text = text.slice(0, stopAt);
    else if (text.length > request.maxTokens * CHARS_PER_TOKEN) {
      text = text.slice(0, request.maxTokens * CHARS_PER_TOKEN);
      finish = 'length';
    }
    for (let i = CHARS_PER_TOKEN; i < text.length + CHARS_PER_TOKEN; i += CHARS_PER_TOKEN) {
      const soFar = text.slice(0, i);
      if (i < text.length && options.isDecided?.(soFar)) return { ok: true, text: soFar, finish: 'early', durationMs: 0 };
    }
    options.isDecided?.(text);
    return { ok: true, text, finish, durationMs: 0 };
  }
}

const QUIET: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * The tab size VS Code gives a file (`editor.detectIndentation`): the step its indentation most often grows by, 4
 * for a file indented with tabs or not at all.
 */
export function detectedTabSize(text: string): number {
  const steps = new Map<number, number>();
  let previous = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (lead.includes('\t')) return 4;
    const step = lead.length - previous;
    if (step >= 2 && step <= 8) steps.set(step, (steps.get(step) ?? 0) + 1);
    previous = lead.length;
  }
  let best = 4;
  for (const [step, count] of steps) if (count > (steps.get(best) ?? 0)) best = step;
  return best;
}

/**
 * The document after the ghost text for one case is accepted (VS Code's accept command, which the extension's Tab
 * runs), and whether VS Code's own Tab would indent instead: inside a line's indentation, where the ghost text it
 * shows starts with a tab's width of whitespace, the file's tab size (`|}` with lines to go in above it).
 */
export async function acceptedText(c: FidelityCase): Promise<{ text: string; vsCodeTabIndents: boolean }> {
  const doc = c.before + c.after;
  const pipeline = new CompletionPipeline({ client: () => new ScriptedClient(c.missing + c.junk), settings: () => SETTINGS, logger: QUIET });
  const line = c.before.split('\n').length - 1;
  const character = c.before.length - (c.before.lastIndexOf('\n') + 1);
  const result = await pipeline.run(
    { document: lineSourceOf(doc), position: { line, character }, manual: true, languageId: c.languageId },
    new AbortController().signal,
  );
  if (result.kind !== 'shown') return { text: doc, vsCodeTabIndents: false };
  // As the provider hands it to VS Code, which shows what it inserts after what it replaces and has already.
  const linePrefix = c.before.slice(c.before.lastIndexOf('\n') + 1);
  const item = editorItem(result.text, linePrefix, c.after.split('\n', 1)[0], result.replaceAfter ?? 0, line === 0);
  const replaced = c.after.slice(0, item.replaceAfter);
  // What VS Code shows at the cursor: from the line above, the line break the item starts with is the one it replaces.
  const atCursor = item.fromLineAbove ? item.text.slice(1) : item.text;
  let common = 0;
  while (common < replaced.length && replaced[common] === atCursor[common]) common++;
  const lead = /^[ \t]*/.exec(atCursor.slice(common))?.[0] ?? '';
  const vsCodeTabIndents = (linePrefix + replaced.slice(0, common)).trim() === '' && indentOf(lead) >= detectedTabSize(doc);
  // From the line above, the item replaces the line break before the cursor with that break and the text.
  const kept = item.fromLineAbove ? c.before.slice(0, -1) : c.before;
  return { text: kept + item.text + c.after.slice(item.replaceAfter), vsCodeTabIndents };
}

/** How many missed places of each kind are printed: FIREWORKS_FIDELITY_MISSES, for looking into a one-off check (default 1). */
function missesPerKind(): number {
  return Math.max(1, Number(process.env.FIREWORKS_FIDELITY_MISSES) || 1);
}

export async function runFidelity(root: string, perFile: number, examplesPerKind = missesPerKind()): Promise<FidelityResult> {
  const random = new Random(20261126);
  const corpus = fidelityCorpus(root);
  const kinds = new Map<string, Tally>();
  const failures = new Map<string, string[]>();
  for (const { file, languageId } of corpus) {
    for (const c of casesFrom(file, languageId, fs.readFileSync(file, 'utf8'), perFile, random)) {
      const tally = kinds.get(c.kind) ?? { total: 0, exact: 0, byTab: 0 };
      kinds.set(c.kind, tally);
      tally.total++;
      const got = await acceptedText(c);
      if (got.text === c.before + c.missing + c.after) {
        tally.exact++;
        if (!got.vsCodeTabIndents) tally.byTab++;
        continue;
      }
      const list = failures.get(c.kind) ?? [];
      failures.set(c.kind, list);
      if (list.length < examplesPerKind) {
        const lineStart = c.before.lastIndexOf('\n') + 1;
        list.push(
          `${path.basename(c.file)}: at ${JSON.stringify(c.before.slice(lineStart))}▮${JSON.stringify(c.after.split('\n', 1)[0])}` +
            ` missing ${JSON.stringify(c.missing.slice(0, 160))} got ${JSON.stringify(got.text.slice(c.before.length, c.before.length + c.missing.length + 40).slice(0, 200))}`,
        );
      }
    }
  }
  return { files: corpus.length, kinds, failures };
}

/** 100 only when every case came back: rounded down, so that one miss in 100,000 shows (99.99, not 100.00). */
function percent(exact: number, total: number): string {
  return exact === total ? '100' : (Math.floor((10_000 * exact) / Math.max(1, total)) / 100).toFixed(2);
}

/** Prints the result; the aim is every place restored (the held-out fidelity suite's bar), so it has no PASS line. */
export function printFidelity(result: FidelityResult): void {
  console.log(heading('6. Fidelity: after Tab, the file is exactly the original'));
  const corpus = process.env.FIREWORKS_FIDELITY_DIRS
    ? `from FIREWORKS_FIDELITY_DIRS (${process.env.FIREWORKS_FIDELITY_DIRS})`
    : "the team did not write (the openai package's TypeScript, undici's and mocha's JavaScript, highlight.js's SCSS; where " +
      "installed, Python's standard library, Go, C and shell from git's contrib, the GNU C++ library's headers, PHP from the " +
      "App Engine SDK, Debian's Perl, CMake's modules)";
  console.log(
    `${result.files} files ${corpus}; ` +
      'at each place cut out, a model answers the missing code plus junk (the code after the cursor again, code past the ' +
      "block's end, its closing line again), streamed in one-token chunks through the real pipeline.\n",
  );
  const all: Tally = { total: 0, exact: 0, byTab: 0 };
  const rows: (string | number)[][] = [['place', 'cases', 'restored exactly', '%', "by VS Code's own Tab ¹", '%']];
  const row = (kind: string, t: Tally): (string | number)[] => [kind, t.total, t.exact, percent(t.exact, t.total), t.byTab, percent(t.byTab, t.total)];
  for (const [kind, tally] of result.kinds) {
    rows.push(row(kind, tally));
    all.total += tally.total;
    all.exact += tally.exact;
    all.byTab += tally.byTab;
  }
  rows.push(row('all', all));
  console.log(table(rows));
  console.log(
    '¹ With `fireworks.completions.tabAcceptsIndentedGhostText` on (the default), one Tab key accepts at every place restored.\n' +
      "  Turned off, VS Code's own Tab indents first where the ghost text starts with a tab's width of spaces inside a line's\n" +
      "  indentation (column 0 of an empty line in a block, lines to go above a less indented `}`) and a second Tab accepts\n" +
      '  the rest, as for every inline completion provider: this column counts where one Tab of its own is enough.\n',
  );
  console.log('Aim: every place. Some that are missed:');
  for (const [kind, examples] of result.failures) for (const example of examples) console.log(`  ${kind}: ${example.slice(0, 300)}`);
}
