import * as assert from 'node:assert/strict';
import { promptWindowLimits, requestPrompt } from '../../src/core/completion/requestPrompt';
import type { SourceFile } from '../../src/core/completion/snippets';
import { templateFor } from '../../src/core/completion/templates';
import { lineSourceOf, readWindow } from '../../src/core/completion/window';
import { resolveSettings, type CompletionSettings } from '../../src/core/settings';

const settings = resolveSettings({}, {}).completions;
const template = templateFor(settings.model, settings.template);

/** A file of `count` lines of code, line n about `order${n % 9}`, so that another file can resemble any part of it. */
function code(count: number, name: string): string[] {
  return Array.from({ length: count }, (_, n) => `  const ${name}${n} = await loadOrder${n % 9}(customer${n % 5}, { retries: ${n % 3} });`);
}

const other: SourceFile = { path: 'src/orders.ts', languageId: 'typescript', text: code(200, 'order').join('\n'), recency: 0 };

/** The prompt with the cursor at `column` of `line`, the file's lines from `line` on typed only up to there. */
function promptWhileTyping(lines: readonly string[], line: number, column: number, chosen: CompletionSettings = settings): string {
  const doc = [...lines.slice(0, line), lines[line].slice(0, column), ...lines.slice(line + 40)];
  const window = readWindow(lineSourceOf(doc.join('\n')), { line, character: column }, promptWindowLimits(chosen));
  return requestPrompt({ window, languageId: 'typescript', filePath: 'src/app.ts', otherFiles: () => [other] }, template, chosen);
}

function commonStart(texts: readonly string[]): string {
  let end = 0;
  while (texts.every((t) => end < t.length && t[end] === texts[0][end])) end++;
  return texts[0].slice(0, end);
}

describe('requestPrompt', () => {
  it('sees more code around the cursor for a larger prompt budget, as much at the default', () => {
    const lines = code(2000, 'value');
    const cursorAt = (chosen: CompletionSettings): { before: number; after: number } => {
      const window = readWindow(lineSourceOf(lines.join('\n')), { line: 1000, character: 0 }, promptWindowLimits(chosen));
      return { before: window.prefix.split('\n').length - 1, after: window.suffix.split('\n').length - 1 };
    };
    const normal = cursorAt(settings);
    assert.equal(normal.before, 120, 'the default reads what it always read');
    const large = cursorAt({ ...settings, promptTokens: 8192 });
    assert.ok(large.before >= 400, `lines before the cursor at 8,192 tokens: ${large.before}`);
    assert.ok(large.after >= 3 * normal.after, `lines after the cursor: ${normal.after} → ${large.after}`);
  });


  it('begins alike while the user types down a few lines, snippets and all, so the endpoint can serve it from its prompt cache', () => {
    const lines = code(400, 'value');
    const prompts: string[] = [];
    for (let line = 201; line <= 207; line++) {
      for (const column of [10, 30, lines[line].length]) prompts.push(promptWhileTyping(lines, line, column));
    }
    assert.ok(prompts.every((p) => p.includes('// Path: src/orders.ts\n')), 'the other file gives a snippet');
    // The snippets, before the file's own path line, are the same in every prompt.
    const headers = new Set(prompts.map((p) => p.slice(0, p.indexOf('// Path: src/app.ts\n'))));
    assert.equal(headers.size, 1);
    // The file's text starts on an anchor line, which moves at most once over these lines (every 16 lines).
    const firstLines = new Set(prompts.map((p) => /\/\/ Path: src\/app\.ts\n {2}const value(\d+) /.exec(p)?.[1]));
    assert.ok(firstLines.size <= 2, [...firstLines].join(', '));
    assert.ok([...firstLines].every((n) => Number(n) % 16 === 0), [...firstLines].join(', '));
    // So consecutive prompts differ only from the lines being typed on, but where the anchor moved.
    const typedFrom = (p: string): number => p.indexOf(lines[201].slice(0, 10), p.indexOf('// Path: src/app.ts\n'));
    const sharedUpToTyping = prompts.slice(1).filter((p, i) => commonStart([prompts[i], p]).length >= typedFrom(p)).length;
    assert.ok(sharedUpToTyping >= prompts.length - 2, `${sharedUpToTyping} of ${prompts.length - 1}`);
  });

  it('gives the code after the cursor and the snippets the shares the settings say, and the code before the cursor the rest', () => {
    const lines = code(400, 'value');
    const parts = (chosen: CompletionSettings): { header: number; prefix: number; suffix: number } => {
      const prompt = promptWhileTyping(lines, 201, 30, chosen);
      const path = prompt.indexOf('// Path: src/app.ts\n');
      const cursor = prompt.indexOf('<|fim_suffix|>');
      return { header: path, prefix: cursor - path, suffix: prompt.indexOf('<|fim_middle|>') - cursor };
    };
    const defaults = parts(settings);
    const chars = settings.promptTokens * 4;
    assert.ok(defaults.header > 0.2 * chars && defaults.header <= 0.25 * chars, `snippets ${defaults.header} of ${chars}`);
    assert.ok(defaults.suffix > 0.12 * chars && defaults.suffix <= 0.16 * chars, `suffix ${defaults.suffix} of ${chars}`);

    const noSnippets = parts({ ...settings, snippetsPercent: 0 });
    assert.ok(noSnippets.header < 20, 'no snippets');
    assert.ok(noSnippets.prefix > defaults.prefix + 0.1 * chars, `their room goes to the code before the cursor: ${defaults.prefix} → ${noSnippets.prefix}`);
    const moreSuffix = parts({ ...settings, suffixPercent: 30 });
    assert.ok(moreSuffix.suffix > 0.25 * chars && moreSuffix.suffix <= 0.31 * chars, `suffix ${moreSuffix.suffix} of ${chars}`);
    assert.ok(moreSuffix.prefix < defaults.prefix);
  });
});
