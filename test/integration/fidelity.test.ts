/**
 * Fidelity in the real editor: places cut out of code we did not write (the bench's cases, test/bench/fidelity.ts),
 * the stand-in answering the missing code plus the junk models add, accepted with one Tab key: the file must be
 * exactly the original. The bench follows the pipeline and models VS Code's part (what it shows, what its Tab does);
 * this checks that model against VS Code itself. FIREWORKS_FIDELITY_PLACES sets how many places (default 16: two
 * of each kind), FIREWORKS_FIDELITY_SEED which (another seed, other files and places); the figure is printed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FidelityCase, acceptedText, casesFrom, fidelityCorpus } from '../bench/fidelity';
import { Random } from '../bench/util';
import { StandIn } from '../standin/server';
import { closeEditors, ghostText, openEditor, sleep, triggerAt, until, withStandIn } from './helpers';
import { userEye } from './userEye';

const PLACES = Number(process.env.FIREWORKS_FIDELITY_PLACES) || 16;

/** The bench's sources (code we did not write), each with its file extension for the editor's language. */
function sources(): { file: string; languageId: string; ext: string }[] {
  const root = process.env.FIREWORKS_PROJECT_ROOT ?? path.resolve(__dirname, '..', '..', '..');
  return fidelityCorpus(root).map((source) => ({ ...source, ext: path.extname(source.file) }));
}

/** `count` places, the kinds in turn, from files taken in a fixed random order. */
function places(count: number): (FidelityCase & { ext: string })[] {
  const random = new Random(Number(process.env.FIREWORKS_FIDELITY_SEED) || 20261126);
  const files = sources();
  const byKind = new Map<string, (FidelityCase & { ext: string })[]>();
  for (let i = 0; i < files.length * 2 && [...byKind.values()].reduce((n, l) => n + l.length, 0) < count * 4; i++) {
    const { file, languageId, ext } = files[random.int(0, files.length - 1)];
    for (const c of casesFrom(file, languageId, fs.readFileSync(file, 'utf8'), 3, random)) {
      const list = byKind.get(c.kind) ?? [];
      byKind.set(c.kind, list);
      list.push({ ...c, ext });
    }
  }
  const chosen: (FidelityCase & { ext: string })[] = [];
  for (let round = 0; chosen.length < count; round++) {
    const before = chosen.length;
    for (const list of byKind.values()) if (list[round] && chosen.length < count) chosen.push(list[round]);
    if (chosen.length === before) break;
  }
  return chosen;
}

/** The answer streamed in token-sized chunks, as a model sends it. */
function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 4) out.push(text.slice(i, i + 4));
  return out;
}

/** The Tab key (or, without the browser, the command it runs). */
async function pressTab(): Promise<void> {
  if (userEye.available) await userEye.press('Tab');
  else await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
}

describe('Fidelity in the editor', function () {
  let standIn!: StandIn;
  withStandIn((s) => {
    standIn = s;
  });

  it(`restores code we did not write at ${PLACES} places, accepted with one Tab`, async function () {
    this.timeout(60000 + PLACES * 8000);
    const missed: string[] = [];
    let tried = 0;
    let vsCodeTabIndents = 0;
    /** Places the bench's model of the editor already says are missed (about 2 in 10,000 over its corpus). */
    const knownMisses: string[] = [];
    for (const [n, c] of places(PLACES * 2).entries()) {
      if (tried === PLACES) break;
      const original = c.before + c.missing + c.after;
      // The bench's verdict: a miss it knows of is not this test's question (but a regression that makes many would
      // be: see knownMisses). Where VS Code's own Tab would indent first (ghost text starting with a tab's width of
      // spaces in the indentation), the extension's Tab accepts.
      const predicted = await acceptedText(c);
      if (predicted.text !== original) {
        knownMisses.push(`${c.kind} in ${path.basename(c.file)}`);
        continue;
      }
      if (predicted.vsCodeTabIndents) vsCodeTabIndents++;
      tried++;
      standIn.onCompletion(() => ({ kind: 'completion', chunks: chunks(c.missing + c.junk), ttftMs: 20 }));
      const editor = await openEditor(`fidelity_${n}${c.ext}`, c.before + c.after);
      const cursor = editor.document.positionAt(c.before.length);
      const asked = standIn.completionRequests().length;
      await triggerAt(editor, cursor.line, cursor.character);
      await until('the request', () => standIn.completionRequests().length > asked, 5000);
      if (userEye.available) await until('the ghost text', async () => ((await ghostText()) ?? '').trim() !== '', 5000).catch(() => undefined);
      else await sleep(500);
      await pressTab();
      const restored = await until('the file restored', () => editor.document.getText() === original, 2000).catch(() => false);
      if (!restored) {
        const line = c.before.slice(c.before.lastIndexOf('\n') + 1);
        const got = editor.document.getText().slice(c.before.length - line.length, c.before.length + c.missing.length + 20);
        missed.push(`${c.kind} in ${path.basename(c.file)} at ${JSON.stringify(line)}▮, missing ${JSON.stringify(c.missing)}: got ${JSON.stringify(got)}`);
      }
      await closeEditors();
    }
    console.log(
      `  fidelity in the editor: ${tried - missed.length} of ${tried} places restored by one Tab key ` +
        `(${vsCodeTabIndents} where VS Code's own Tab would indent first)`,
    );
    assert.equal(tried, PLACES, 'enough places in the sources');
    assert.ok(knownMisses.length <= Math.ceil(PLACES / 16), `the post-processing itself misses places it restored before: ${knownMisses.join('; ')}`);
    assert.deepEqual(missed, [], 'every place is the original after Tab');
  });
});
