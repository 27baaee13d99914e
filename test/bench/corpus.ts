/**
 * The files typed in the replay: source files of this repository (as committed at HEAD, so that the figures do not
 * move while someone edits src/; the working copy when git is unavailable) and the Python fixtures next to this
 * file. TypeScript files are typed in their middle (a new function written between existing ones: the code after
 * the cursor is real); Python files are typed at their end (nothing after the cursor).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TypingScript, typingScript } from './typist';
import { hash } from './util';

const ROOT = path.resolve(__dirname, '..', '..');

interface CorpusEntry {
  readonly file: string;
  /** Start typing at the first top-level declaration at or after this fraction of the file. */
  readonly from: number;
}

export const CORPUS: readonly CorpusEntry[] = [
  { file: 'src/core/completion/postprocess.ts', from: 0.3 },
  { file: 'src/core/api/chatCompletions.ts', from: 0.45 },
  { file: 'src/core/completion/cache.ts', from: 0.35 },
  { file: 'src/core/completion/templates.ts', from: 0.6 },
  { file: 'test/bench/fixtures/inventory.py', from: 0.72 },
  { file: 'test/bench/fixtures/retry_client.py', from: 0.68 },
];

function read(file: string): string {
  try {
    return execFileSync('git', ['show', `HEAD:${file}`], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return fs.readFileSync(path.join(ROOT, file), 'utf8');
  }
}

const TOP_LEVEL = /^(export |async |def |class |function |const |interface |type |@)/;

/** Typing scripts for the corpus, `lines` lines from each file (fewer when the file ends first). */
export function corpusScripts(lines: number): TypingScript[] {
  return CORPUS.map(({ file, from }) => {
    const truth = read(file).replace(/\r\n/g, '\n');
    const all = truth.split('\n');
    let first = Math.floor(all.length * from);
    while (first < all.length - 1 && !TOP_LEVEL.test(all[first])) first++;
    const last = Math.min(all.length, first + lines);
    const offsetOf = (line: number): number => all.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
    return typingScript({
      name: path.basename(file),
      languageId: file.endsWith('.py') ? 'python' : 'typescript',
      truth,
      start: offsetOf(first),
      end: Math.min(truth.length, offsetOf(last)),
      seed: hash(file),
      backtick: file.endsWith('.ts'),
    });
  });
}
