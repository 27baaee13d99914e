import * as assert from 'node:assert/strict';
import { commentLine, commentLines, lineComment } from '../../src/core/completion/comments';
import {
  CHARS_PER_TOKEN,
  DEFAULT_PROMPT_BUDGET,
  fitToBudget,
  keepAnchoredEnd,
  keepEnd,
  keepStart,
  PREFIX_ANCHOR_LINES,
  type PromptBudget,
  type PromptParts,
} from '../../src/core/completion/prompt';
import type { Snippet } from '../../src/core/completion/snippets';

/** `count` lines `<name> <n>` joined, each 10–12 characters. */
const numbered = (name: string, from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `${name} ${String(from + i).padStart(4, '0')}`);

const snippet = (path: string, text: string, score = 0.5): Snippet => ({ path, text, score });

const size = (fitted: { header: string; prefix: string; suffix: string }): number => fitted.header.length + fitted.prefix.length + fitted.suffix.length;

describe('prompt', () => {
  describe('comments', () => {
    it('knows the comment syntax of common languages, and defaults to //', () => {
      const cases: ReadonlyArray<readonly [string, string, string?]> = [
        ['python', '#'], ['shellscript', '#'], ['yaml', '#'], ['toml', '#'], ['ruby', '#'], ['r', '#'], ['dockerfile', '#'],
        ['makefile', '#'], ['powershell', '#'], ['elixir', '#'], ['perl', '#'],
        ['typescript', '//'], ['javascriptreact', '//'], ['go', '//'], ['rust', '//'], ['java', '//'], ['cpp', '//'],
        ['csharp', '//'], ['php', '//'], ['kotlin', '//'], ['swift', '//'], ['dart', '//'], ['scala', '//'], ['scss', '//'],
        ['sql', '--'], ['lua', '--'], ['haskell', '--'],
        ['html', '<!--', '-->'], ['markdown', '<!--', '-->'], ['vue', '<!--', '-->'], ['svelte', '<!--', '-->'],
        ['css', '/*', '*/'],
        ['some-new-language', '//'],
      ];
      for (const [id, start, end] of cases) assert.deepEqual(lineComment(id), end ? { start, end } : { start }, id);
    });

    it('comments each line, closing block comments on the same line', () => {
      assert.equal(commentLines('python', 'a = 1\n\nb = 2'), '# a = 1\n#\n# b = 2');
      assert.equal(commentLines('typescript', 'let a;\r\nlet b;'), '// let a;\n// let b;');
      assert.equal(commentLines('html', '<p>hi</p>\n'), '<!-- <p>hi</p> -->\n<!-- -->');
      assert.equal(commentLines('css', 'a { color: red }'), '/* a { color: red } */');
    });

    it('does not let a closing marker in the text end the comment early', () => {
      assert.equal(commentLine('css', 'x */ y'), '/* x * / y */');
      assert.equal(commentLine('html', 'a --> b'), '<!-- a - - > b -->');
    });
  });

  describe('keepEnd / keepStart', () => {
    it('cut at line boundaries when they can', () => {
      assert.equal(keepEnd('one\ntwo\nthree', 8), 'three');
      assert.equal(keepEnd('one\ntwo\nthree', 9), 'two\nthree');
      assert.equal(keepEnd('one\ntwo\nthree', 10), 'two\nthree');
      assert.equal(keepStart('one\ntwo\nthree', 6), 'one\n');
      assert.equal(keepStart('one\ntwo\nthree', 7), 'one\ntwo');
      assert.equal(keepStart('one\ntwo\nthree', 9), 'one\ntwo\n');
    });

    it('cut mid-line when one line is longer than the budget, and keep the text that fits', () => {
      assert.equal(keepEnd('const value = compute(', 8), 'compute(');
      assert.equal(keepStart(') + 1;', 3), ') +');
      assert.equal(keepEnd('abc', 3), 'abc');
      assert.equal(keepEnd('abc', 0), '');
      assert.equal(keepStart('abc', -5), '');
    });
  });

  describe('fitToBudget', () => {
    const budget: PromptBudget = { maxTokens: 256, suffixShare: 0.15, snippetShare: 0.25 };
    const prefixShare = 1 - budget.suffixShare - budget.snippetShare;
    const total = budget.maxTokens * CHARS_PER_TOKEN;

    it('header: the current file path line, commented for the language (# for Python, // for TypeScript)', () => {
      const base = { prefix: 'x = ', suffix: '', snippets: [] };
      assert.equal(fitToBudget({ ...base, filePath: 'src/app.py', languageId: 'python' }, budget).header, '# Path: src/app.py\n');
      assert.equal(fitToBudget({ ...base, filePath: 'src/app.ts', languageId: 'typescript' }, budget).header, '// Path: src/app.ts\n');
      assert.equal(fitToBudget({ ...base, filePath: 'web/index.html', languageId: 'html' }, budget).header, '<!-- Path: web/index.html -->\n');
    });

    it('adds the language when the path has no extension', () => {
      const fitted = fitToBudget({ filePath: 'build/Dockerfile', languageId: 'dockerfile', prefix: 'FROM ', suffix: '', snippets: [] }, budget);
      assert.equal(fitted.header, '# Path: build/Dockerfile (language: dockerfile)\n');
      const dotfile = fitToBudget({ filePath: '.bashrc', languageId: 'shellscript', prefix: '', suffix: '', snippets: [] }, budget);
      assert.equal(dotfile.header, '# Path: .bashrc (language: shellscript)\n');
    });

    it('puts each snippet as code after a commented path line, before the current file path line', () => {
      const parts: PromptParts = {
        filePath: 'app/main.py',
        languageId: 'python',
        prefix: 'total = compute_vat(',
        suffix: ')\n',
        snippets: [snippet('app/billing.py', 'def compute_vat(subtotal, country):\n    return subtotal * 0.2'), { ...snippet('web/vat.ts', 'export const VAT = 0.2;'), languageId: 'typescript' }],
      };
      const fitted = fitToBudget(parts, budget);
      assert.equal(
        fitted.header,
        '# Path: app/billing.py\ndef compute_vat(subtotal, country):\n    return subtotal * 0.2\n\n' +
          '// Path: web/vat.ts\nexport const VAT = 0.2;\n\n' +
          '# Path: app/main.py\n',
      );
      assert.equal(fitted.prefix, parts.prefix);
      assert.equal(fitted.suffix, parts.suffix);
    });

    it('an untitled file gets no header, or a language line after snippets', () => {
      assert.equal(fitToBudget({ languageId: 'plaintext', prefix: 'notes', suffix: '', snippets: [] }, budget).header, '');
      const fitted = fitToBudget({ languageId: 'python', prefix: 'x', suffix: '', snippets: [snippet('a.py', 'y = 1')] }, budget);
      assert.equal(fitted.header, '# Path: a.py\ny = 1\n\n# Language: python\n');
    });

    it('keeps the prefix lines nearest the cursor, from a line start, and the suffix lines nearest it', () => {
      const prefixLines = [...numbered('before', 1, 500), '    value = '];
      const suffixLines = ['.strip()', ...numbered('after', 1, 500)];
      const fitted = fitToBudget({ filePath: 'a.py', languageId: 'python', prefix: prefixLines.join('\n'), suffix: suffixLines.join('\n'), snippets: [] }, budget);
      assert.ok(fitted.prefix.endsWith('before 0499\nbefore 0500\n    value = '));
      assert.ok(prefixLines.join('\n').endsWith(fitted.prefix));
      assert.match(fitted.prefix, /^before \d{4}\n/, 'starts at a line start');
      assert.ok(fitted.suffix.startsWith('.strip()\nafter 0001\n'));
      assert.ok(suffixLines.join('\n').startsWith(fitted.suffix));
      const rest = suffixLines.join('\n').slice(fitted.suffix.length);
      assert.ok(fitted.suffix.endsWith('\n') || rest.startsWith('\n'), 'ends with a whole line');
      assert.ok(fitted.suffix.length <= total * budget.suffixShare);
      assert.ok(size(fitted) <= total);
    });

    it('gives the prefix what the suffix and snippets leave', () => {
      const prefix = numbered('line', 1, 2000).join('\n');
      const alone = fitToBudget({ filePath: 'a.py', languageId: 'python', prefix, suffix: '', snippets: [] }, budget);
      assert.ok(alone.prefix.length > total - alone.header.length - 20, `prefix ${alone.prefix.length} of ${total}`);
      const withSuffix = fitToBudget({ filePath: 'a.py', languageId: 'python', prefix, suffix: 'x\ny\n', snippets: [] }, budget);
      assert.ok(withSuffix.prefix.length > total - withSuffix.header.length - 4 - 20);
    });

    it('guarantees the prefix its share however large the snippets, and gives snippets the same room however long the prefix', () => {
      const big = numbered('snip', 1, 1000).join('\n');
      const snippets = [snippet('a.py', big), snippet('b.py', big)];
      const prefix = numbered('line', 1, 2000).join('\n');
      const long = fitToBudget({ filePath: 'c.py', languageId: 'python', prefix, suffix: '', snippets }, budget);
      const pathLine = '# Path: c.py\n';
      assert.ok(long.header.endsWith(pathLine));
      assert.ok(long.prefix.length >= total * prefixShare - pathLine.length - 'line 0000\n'.length, `prefix ${long.prefix.length}`);
      assert.ok(long.header.includes('# Path: a.py\nsnip 0001\n'), 'snippets cut to their first lines');
      assert.ok(size(long) <= total);

      // The header is the start of every prompt: it stays the same as the text at the cursor changes (prompt cache).
      for (const [shortPrefix, suffix] of [['x = ', ''], ['x = 1\ny = ', 'z\n'.repeat(2000)]]) {
        const short = fitToBudget({ filePath: 'c.py', languageId: 'python', prefix: shortPrefix, suffix, snippets }, budget);
        assert.equal(short.prefix, shortPrefix);
        assert.equal(short.header, long.header);
        assert.ok(size(short) <= total);
      }
    });

    it('starts a prefix cut part-way into the file at an anchor line, so that the prompt starts alike as the user types on', () => {
      // Line n of the file reads `line n`: the prefix starts on the file's line 37.
      const fileLines = (to: number): string[] => numbered('line', 37, to);
      const firstLineOf = (text: string): number => Number(/^line (\d+)/.exec(text)?.[1]);
      const fitted = fitToBudget({ filePath: 'c.py', languageId: 'python', prefix: fileLines(2000).join('\n'), prefixFirstLine: 37, suffix: '', snippets: [] }, budget);
      assert.equal(firstLineOf(fitted.prefix) % PREFIX_ANCHOR_LINES, 0, fitted.prefix.slice(0, 20));
      assert.ok(fitted.prefix.length > total - fitted.header.length - PREFIX_ANCHOR_LINES * 'line 0000\n'.length);

      // Typing on, line after line and character after character: the first line moves once per anchor interval.
      const firsts = new Set<number>();
      for (let last = 2000; last < 2000 + PREFIX_ANCHOR_LINES; last++) {
        for (const typed of ['', 'if x', 'if x > 1:']) {
          const typing = fitToBudget({ filePath: 'c.py', languageId: 'python', prefix: `${fileLines(last).join('\n')}\n${typed}`, prefixFirstLine: 37, suffix: '', snippets: [] }, budget);
          firsts.add(firstLineOf(typing.prefix));
        }
      }
      assert.ok(firsts.size <= 2, `first lines ${[...firsts].join(', ')}`);

      // Without the file's line numbers, as keepEnd; from the file's start, whole.
      const plain = fitToBudget({ filePath: 'c.py', languageId: 'python', prefix: fileLines(2000).join('\n'), suffix: '', snippets: [] }, budget);
      assert.equal(plain.prefix, keepEnd(fileLines(2000).join('\n'), total - plain.header.length));
      const whole = fitToBudget({ filePath: 'c.py', languageId: 'python', prefix: 'a\nb\nc', prefixFirstLine: 0, suffix: '', snippets: [] }, budget);
      assert.equal(whole.prefix, 'a\nb\nc');
    });

    it('keeps more of the lines nearest the cursor than the anchor line where lines are long', () => {
      const prefix = ['x'.repeat(3000), 'y'.repeat(3000), 'z'.repeat(3000), 'w = '].join('\n');
      assert.equal(keepAnchoredEnd(prefix, 7000, 5), keepEnd(prefix, 7000));
      // A window that fits whole is anchored too (the editor's window moves by a line at each Enter), unless it
      // starts on an anchor line or at the file's start.
      const window = numbered('line', 31, 60).join('\n');
      assert.equal(keepAnchoredEnd(window, 10_000, 31), numbered('line', 32, 60).join('\n'));
      assert.equal(keepAnchoredEnd(window, 10_000, 32), window);
      assert.equal(keepAnchoredEnd(window, 10_000, 0), window);
    });

    it('leaves out a snippet that has no room for one whole line, and tries the next', () => {
      const parts: PromptParts = {
        filePath: 'c.py',
        languageId: 'python',
        prefix: numbered('line', 1, 2000).join('\n'),
        suffix: '',
        snippets: [snippet('wide.py', 'w'.repeat(5000)), snippet('small.py', 'tiny = 1')],
      };
      const fitted = fitToBudget(parts, budget);
      assert.ok(!fitted.header.includes('wide.py'));
      assert.ok(fitted.header.startsWith('# Path: small.py\ntiny = 1\n\n'));
    });

    it('never puts a snippet from a secret-looking path in the header', () => {
      const snippets = [snippet('.env', 'API_KEY=fw_123'), snippet('certs/tls.key', 'KEY'), snippet('src/ok.ts', 'const ok = 1;')];
      const fitted = fitToBudget({ filePath: 'src/app.ts', languageId: 'typescript', prefix: '', suffix: '', snippets }, budget);
      assert.equal(fitted.header, '// Path: src/ok.ts\nconst ok = 1;\n\n// Path: src/app.ts\n');
    });

    it('honours budgets in tokens (chars / 4) within rounding, for any mix of parts', () => {
      const texts = ['', 'x', numbered('a', 1, 3).join('\n'), numbered('b', 1, 400).join('\n'), 'y'.repeat(9000), `${'z'.repeat(3000)}\n${'q'.repeat(3000)}`];
      const budgets: PromptBudget[] = [
        DEFAULT_PROMPT_BUDGET,
        { maxTokens: 1, suffixShare: 0.15, snippetShare: 0.25 },
        { maxTokens: 10, suffixShare: 0.15, snippetShare: 0.25 },
        { maxTokens: 100.7, suffixShare: 0.2, snippetShare: 0.5 },
        { maxTokens: 500, suffixShare: 0.5, snippetShare: 0.9 },
        { maxTokens: 300, suffixShare: 0, snippetShare: 1 },
        { maxTokens: 0, suffixShare: 0.15, snippetShare: 0.25 },
      ];
      for (const b of budgets) {
        const limit = Math.floor(b.maxTokens * CHARS_PER_TOKEN);
        for (const prefix of texts) {
          for (const suffix of texts) {
            for (const snip of texts) {
              const parts: PromptParts = { filePath: 'src/some/file.ts', languageId: 'typescript', prefix, suffix, snippets: snip ? [snippet('s.ts', snip)] : [] };
              const fitted = fitToBudget(parts, b);
              assert.ok(size(fitted) <= limit, `${size(fitted)} > ${limit} chars for ${JSON.stringify(b)}`);
              assert.ok(prefix.endsWith(fitted.prefix) && suffix.startsWith(fitted.suffix));
              assert.ok(fitted.suffix.length <= Math.floor(limit * Math.min(1, b.suffixShare)));
            }
          }
        }
      }
    });

    it('uses most of the budget when there is text to fill it', () => {
      for (const maxTokens of [64, 512, 2048]) {
        const b = { ...DEFAULT_PROMPT_BUDGET, maxTokens };
        const parts: PromptParts = {
          filePath: 'src/app.ts',
          languageId: 'typescript',
          prefix: numbered('before', 1, 3000).join('\n'),
          suffix: numbered('after', 1, 3000).join('\n'),
          snippets: [snippet('src/a.ts', numbered('a', 1, 3000).join('\n'))],
        };
        const used = size(fitToBudget(parts, b));
        const limit = maxTokens * CHARS_PER_TOKEN;
        assert.ok(used <= limit && used >= limit - 3 * 16, `${used} of ${limit} chars`);
      }
    });
  });
});
