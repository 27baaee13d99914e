import * as assert from 'node:assert/strict';
import { CompletionCache, type CacheQuery } from '../../src/core/completion/cache';

/** The query for a document with the cursor at `|` (the whole document is the window here). */
function at(doc: string, documentKey = 'file:///a.py', configKey = 'model-a'): CacheQuery {
  const offset = doc.indexOf('|');
  return { documentKey, offset, prefix: doc.slice(0, offset), suffix: doc.slice(offset + 1), suffixAtEnd: true, configKey };
}

describe('cache', () => {
  const answered = 'def add(a, b):|\n\nprint(add(1, 2))\n';
  const ghost = '\n    return a + b';

  it('gives the same answer at the same place', () => {
    const cache = new CompletionCache();
    cache.store(at(answered), ghost);
    assert.deepEqual(cache.lookup(at(answered)), { text: ghost, typedAhead: 0, replaceAfter: 0 });
  });

  it('keeps the rest of the ghost text while the user types what it suggests', () => {
    const cache = new CompletionCache();
    cache.store(at(answered), ghost);
    const typed = 'def add(a, b):\n    ret|\n\nprint(add(1, 2))\n';
    assert.deepEqual(cache.lookup(at(typed)), { text: 'urn a + b', typedAhead: 8, replaceAfter: 0 });
  });

  it('shows the answer again after deleting back to where it was asked', () => {
    const cache = new CompletionCache();
    cache.store(at(answered), ghost);
    assert.equal(cache.lookup(at('def add(a, b):\n    ret|\n\nprint(add(1, 2))\n'))?.text, 'urn a + b');
    assert.equal(cache.lookup(at(answered))?.text, ghost);
  });

  it('keeps the ghost text when the editor auto-closes a bracket the user typed into it', () => {
    const cache = new CompletionCache();
    cache.store(at('total = |\n'), 'compute_total(items, tax)');
    // The user typed "compute_total(" and the editor inserted ")" after the cursor.
    const hit = cache.lookup(at('total = compute_total(|)\n'));
    assert.deepEqual(hit, { text: 'items, tax)', typedAhead: 14, replaceAfter: 1 });
    const doc = 'total = compute_total(|)\n';
    const cursor = doc.indexOf('|');
    const accepted = doc.slice(0, cursor) + (hit?.text ?? '') + doc.slice(cursor + 1 + (hit?.replaceAfter ?? 0));
    assert.equal(accepted, 'total = compute_total(items, tax)\n', 'accepting replaces the auto-inserted ) with the rest');
  });

  it('at the end of the document too, the ghost text replaces the closer the editor added (nothing followed the cursor)', () => {
    const cache = new CompletionCache();
    cache.store(at('total = |'), 'compute_total(items, tax)');
    assert.deepEqual(cache.lookup(at('total = compute_total(|)')), { text: 'items, tax)', typedAhead: 14, replaceAfter: 1 });
    // Text that appeared after the cursor otherwise is not taken for the editor's.
    assert.equal(cache.lookup(at('total = compute_|total')), undefined);
  });

  it('keeps the ghost text when the editor auto-closes a quote just before a closer that was already there', () => {
    const cache = new CompletionCache();
    cache.store(at("ok = s.strip() ==|)\n"), " '')");
    // The user typed " '" and the editor inserted the closing ' before the ")" that was there.
    assert.deepEqual(cache.lookup(at("ok = s.strip() == '|')\n")), { text: "')", typedAhead: 2, replaceAfter: 1 });
  });

  it('keeps a ghost text whose place the editor moved (Enter between braces) while it ends before the closer', () => {
    const cache = new CompletionCache();
    cache.store(at('function f() |\n\nf();\n'), '{\n  const a = 1;\n  const b = 2;');
    // The user typed "{", the editor inserted "}", then Enter put it on a line below.
    assert.deepEqual(cache.lookup(at('function f() {\n  const a = 1;|\n}\n\nf();\n')), { text: '\n  const b = 2;', typedAhead: 16, replaceAfter: 0 });
    cache.store(at('function g() |\n\ng();\n'), '{\n  return 1;\n}');
    assert.equal(cache.lookup(at('function g() {\n  return 1;|\n}\n\ng();\n')), undefined, 'its own closer would stand beside the editor\'s');
  });

  it('does not pretend when the auto-inserted closer is not in the rest of the answer', () => {
    const cache = new CompletionCache();
    cache.store(at('show(|\n'), 'print_all(items');
    assert.ok(cache.lookup(at('show(print_|\n')), 'typing into it without auto-closing is a hit');
    assert.equal(cache.lookup(at('show(print_all(|)\n')), undefined, 'the rest has no ) to stand for the inserted one');
  });

  it('misses when the user types something else than the ghost text', () => {
    const cache = new CompletionCache();
    cache.store(at(answered), ghost);
    assert.equal(cache.lookup(at('def add(a, b):\n    pass|\n\nprint(add(1, 2))\n')), undefined);
  });

  it('misses once the whole ghost text has been typed (a new answer is due)', () => {
    const cache = new CompletionCache();
    cache.store(at(answered), ghost);
    assert.equal(cache.lookup(at('def add(a, b):\n    return a + b|\n\nprint(add(1, 2))\n')), undefined);
  });

  it('misses after an edit before the cursor, after the cursor, in another document or with other settings', () => {
    const cache = new CompletionCache();
    cache.store(at(answered), ghost);
    assert.equal(cache.lookup(at('def add(x, b):|\n\nprint(add(1, 2))\n')), undefined, 'edit before');
    assert.equal(cache.lookup(at('def add(a, b):|\n\nprint(add(3, 4))\n')), undefined, 'edit after');
    assert.equal(cache.lookup(at(answered, 'file:///b.py')), undefined, 'other document');
    assert.equal(cache.lookup(at(answered, 'file:///a.py', 'model-b')), undefined, 'other model or settings');
  });

  it('near the end of the document, misses once code is added below the place (the answer never saw it)', () => {
    const cache = new CompletionCache();
    const place = 'def total(items):\n    |\n';
    cache.store(at(place), 'subtotal = sum(items)\n    return subtotal * TAX');
    assert.equal(cache.lookup(at('def total(items):\n    s|\n'))?.text, 'ubtotal = sum(items)\n    return subtotal * TAX');
    // The user wrote the return line at the end of the file, came back and typed `s` again.
    assert.equal(cache.lookup(at('def total(items):\n    s|\n    return subtotal * TAX\n')), undefined);
    // Far from the end (the stored text after the cursor is only the start of what follows), text further down may change.
    const far = (tail: string): CacheQuery => ({ ...at(`x = |\n${'y = 1\n'.repeat(100)}${tail}`), suffixAtEnd: false });
    cache.store(far(''), '42');
    assert.equal(cache.lookup(far('z = 2\n'))?.text, '42');
  });

  it('remembers empty answers, so the same place is not asked twice', () => {
    const cache = new CompletionCache();
    cache.store(at('x = 1|\n'), '');
    assert.deepEqual(cache.lookup(at('x = 1|\n')), { text: '', typedAhead: 0, replaceAfter: 0 });
  });

  it('prefers the most recent answer when two apply', () => {
    const cache = new CompletionCache();
    cache.store(at('value = |'), 'compute()');
    cache.store(at('value = c|'), 'ache.get()');
    assert.equal(cache.lookup(at('value = c|'))?.text, 'ache.get()');
  });

  it('is bounded in entries and bytes, evicting the least recently used', () => {
    const cache = new CompletionCache({ maxEntries: 3, maxBytes: 1_000_000 });
    for (let i = 0; i < 5; i++) cache.store(at(`line${i} = |`), `value${i}`);
    assert.equal(cache.size, 3);
    assert.equal(cache.lookup(at('line0 = |')), undefined, 'the oldest went first');
    assert.equal(cache.lookup(at('line4 = |'))?.text, 'value4');

    const small = new CompletionCache({ maxEntries: 1000, maxBytes: 20_000 });
    for (let i = 0; i < 100; i++) small.store(at(`v${i} = |`), 'x'.repeat(1000));
    assert.ok(small.totalBytes <= 20_000, `${small.totalBytes} bytes`);
    assert.ok(small.size < 100);
  });
});
