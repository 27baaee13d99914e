import * as assert from 'node:assert/strict';
import {
  DEFAULT_MIN_SCORE,
  SNIPPET_CAPS,
  bestSnippets,
  tokenize,
  type SnippetOptions,
  type SourceFile,
} from '../../src/core/completion/snippets';

const OPTIONS: SnippetOptions = { windowLines: 40, maxSnippets: 5, maxCharsTotal: 10_000 };

const file = (path: string, text: string, recency = 0, languageId = 'python'): SourceFile => ({ path, languageId, text, recency });

/** The code before the cursor: works with invoices. */
const QUERY = [
  'def total_due(invoice):',
  '    subtotal = sum(line.amount for line in invoice.lines)',
  '    tax = compute_vat(subtotal, invoice.country)',
  '    return subtotal + tax - invoice.discount',
  '',
  'def overdue_invoices(invoices, today):',
  '    return [inv for inv in invoices if inv.due_date < today and not inv.paid]',
].join('\n');

/** Shares the invoice vocabulary. */
const BILLING = [
  'VAT_RATES = {"FR": 0.2, "DE": 0.19}',
  '',
  'def compute_vat(subtotal, country):',
  '    rate = VAT_RATES.get(country, 0)',
  '    return round(subtotal * rate, 2)',
  '',
  'class Invoice:',
  '    def __init__(self, lines, country, discount=0, due_date=None, paid=False):',
  '        self.lines = lines',
  '        self.country = country',
  '        self.discount = discount',
  '        self.due_date = due_date',
  '        self.paid = paid',
].join('\n');

/** Nothing to do with invoices. */
const IMAGES = [
  'from PIL import Image',
  '',
  'def thumbnail(path, size=(128, 128)):',
  '    with Image.open(path) as img:',
  '        img.thumbnail(size)',
  '        img.save(path + ".thumb.png")',
  '',
  'def grayscale(path):',
  '    with Image.open(path) as img:',
  '        return img.convert("L")',
].join('\n');

/** `count` numbered lines of filler that share nothing with QUERY. */
const filler = (count: number, word = 'zebra'): string[] => Array.from({ length: count }, (_, i) => `${word}_${i} = paint_${word}(${i})`);

describe('snippets', () => {
  describe('tokenize', () => {
    it('keeps identifiers lower-cased, with compound ones also split into their parts', () => {
      const tokens = tokenize('const parseUserName = getHTTPResponse(user_id);');
      for (const t of ['parseusername', 'parse', 'user', 'name', 'gethttpresponse', 'http', 'response', 'user_id', 'id']) {
        assert.ok(tokens.has(t), `missing ${t} in ${[...tokens].join(' ')}`);
      }
    });

    it('drops keywords, very common words and 1-character tokens', () => {
      const tokens = tokenize('if (x) { return this.value; } else { for (let i = 0; i < n; i++) {} } def self None');
      assert.deepEqual([...tokens], ['value']);
    });

    it('finds non-ASCII identifiers and ignores numbers', () => {
      assert.deepEqual([...tokenize('größe = 42 + 3.14')], ['größe']);
    });
  });

  describe('bestSnippets', () => {
    it('the file that shares identifiers with the code at the cursor wins over an unrelated one', () => {
      const out = bestSnippets(QUERY, [file('src/images.py', IMAGES, 0), file('src/billing.py', BILLING, 1)], { ...OPTIONS, minScore: 0 });
      assert.equal(out[0]?.path, 'src/billing.py');
      assert.equal(out[0]?.languageId, 'python');
      assert.ok(out[0].text.includes('def compute_vat(subtotal, country):'));
      const images = out.find((s) => s.path === 'src/images.py');
      assert.ok(!images || images.score < out[0].score / 3, `images scored ${images?.score} against ${out[0].score}`);
    });

    it('drops snippets below the minimum score (by default the unrelated file)', () => {
      const out = bestSnippets(QUERY, [file('src/images.py', IMAGES), file('src/billing.py', BILLING)], OPTIONS);
      assert.deepEqual(out.map((s) => s.path), ['src/billing.py']);
      assert.ok(out[0].score >= DEFAULT_MIN_SCORE && out[0].score <= 1);
    });

    it('never includes a file that looks like secrets, however well it matches', () => {
      const files = [
        file('.env', QUERY),
        file('config/.env.local', QUERY),
        file('deploy/server.pem', QUERY),
        file('aws/credentials', QUERY),
        file('secrets.py', QUERY),
        file('src/billing.py', BILLING, 9),
      ];
      const out = bestSnippets(QUERY, files, { ...OPTIONS, minScore: 0 });
      assert.deepEqual(out.map((s) => s.path), ['src/billing.py']);
    });

    it('returns the window of a long file that resembles the query, not its start', () => {
      const lines = [...filler(300), ...BILLING.split('\n'), ...filler(300, 'yak')];
      const out = bestSnippets(QUERY, [file('src/big.py', lines.join('\n'))], OPTIONS);
      assert.equal(out.length, 1);
      assert.ok(out[0].text.includes('def compute_vat(subtotal, country):'));
      assert.ok(out[0].text.split('\n').length <= OPTIONS.windowLines);
    });

    it('sees the end of a file whose length is not a multiple of the step', () => {
      const lines = [...filler(107), ...BILLING.split('\n').slice(2, 5)];
      const out = bestSnippets(QUERY, [file('src/tail.py', lines.join('\n'))], { ...OPTIONS, windowLines: 10, step: 10, minScore: 0 });
      assert.ok(out[0]?.text.endsWith('return round(subtotal * rate, 2)'), out[0]?.text);
    });

    it('keeps within maxCharsTotal and maxSnippets', () => {
      const files = Array.from({ length: 8 }, (_, i) => file(`src/billing_${i}.py`, BILLING, i));
      for (const maxCharsTotal of [0, 50, 300, 700, 100_000]) {
        for (const maxSnippets of [0, 1, 3, 8]) {
          const out = bestSnippets(QUERY, files, { ...OPTIONS, maxCharsTotal, maxSnippets });
          const chars = out.reduce((n, s) => n + s.text.length, 0);
          assert.ok(chars <= maxCharsTotal, `${chars} chars > ${maxCharsTotal}`);
          assert.ok(out.length <= maxSnippets);
          for (const s of out) assert.ok(BILLING.startsWith(s.text), 'a cut snippet keeps whole lines from its start');
        }
      }
      assert.equal(bestSnippets(QUERY, files, { ...OPTIONS, maxCharsTotal: 100_000, maxSnippets: 3 }).length, 3);
    });

    it('breaks ties by recency (lower is more recent)', () => {
      const out = bestSnippets(QUERY, [file('old.py', BILLING, 5), file('new.py', BILLING, 1), file('mid.py', BILLING, 3)], OPTIONS);
      assert.deepEqual(out.map((s) => s.path), ['new.py', 'mid.py', 'old.py']);
    });

    it('returns nothing for a query without identifiers, or without files', () => {
      assert.deepEqual(bestSnippets('   \n  })\n', [file('src/billing.py', BILLING)], OPTIONS), []);
      assert.deepEqual(bestSnippets(QUERY, [], OPTIONS), []);
      assert.deepEqual(bestSnippets(QUERY, [file('blank.py', '\n\n  \n')], { ...OPTIONS, minScore: 0 }), []);
    });

    it('reads each file only up to the caps', () => {
      const lines = [...filler(SNIPPET_CAPS.maxFileLines + 10), ...BILLING.split('\n')];
      assert.deepEqual(bestSnippets(QUERY, [file('src/huge.py', lines.join('\n'))], OPTIONS), [], 'the match lies beyond maxFileLines');
      const wide = `${'#'.repeat(SNIPPET_CAPS.maxFileChars)}\n${BILLING}`;
      assert.deepEqual(bestSnippets(QUERY, [file('src/wide.py', wide)], OPTIONS), [], 'the match lies beyond maxFileChars');
    });

    it(`looks at no more than ${SNIPPET_CAPS.maxFiles} files, the most recent`, () => {
      const files = Array.from({ length: SNIPPET_CAPS.maxFiles }, (_, i) => file(`src/recent_${i}.py`, IMAGES, i));
      files.push(file('src/old_billing.py', BILLING, SNIPPET_CAPS.maxFiles));
      assert.deepEqual(bestSnippets(QUERY, files, OPTIONS), []);
    });

    it('handles CRLF text and windows longer than the file', () => {
      const out = bestSnippets(QUERY, [file('src/billing.py', BILLING.split('\n').join('\r\n'))], { ...OPTIONS, windowLines: 500 });
      assert.equal(out[0]?.text, BILLING);
    });
  });
});
