import * as assert from 'node:assert/strict';
import { indentOf, type EditContext, type LineMode } from '../../src/core/completion/editContext';
import { chooseLineMode, isDecided, postprocess } from '../../src/core/completion/postprocess';
import { needsNextLine } from '../../src/core/completion/singleLine';

/** The edit context for a document with the cursor at `|`, as the pipeline builds it. */
function at(doc: string, options: { maxLines?: number; mode?: LineMode } = {}): EditContext {
  const cursor = doc.indexOf('|');
  assert.ok(cursor !== -1, 'the document needs a | for the cursor');
  const before = doc.slice(0, cursor);
  const suffix = doc.slice(cursor + 1);
  const linePrefix = before.slice(before.lastIndexOf('\n') + 1);
  const end = suffix.indexOf('\n');
  const lineSuffix = end === -1 ? suffix : suffix.slice(0, end);
  return {
    linePrefix,
    lineSuffix,
    prefix: before,
    suffix,
    mode: options.mode ?? chooseLineMode(linePrefix, lineSuffix),
    maxLines: options.maxLines ?? 16,
  };
}

/** What the document reads after the user accepts `ghost` at `|`. */
function accept(doc: string, ghost: string): string {
  return doc.replace('|', ghost);
}

/** isDecided(partial) promises that no later text changes what postprocess shows. Returns whether it decided early. */
function assertDecidedIsFinal(raw: string, ctx: EditContext): boolean {
  for (let i = 0; i < raw.length; i++) {
    const partial = raw.slice(0, i);
    if (isDecided(partial, ctx)) {
      assert.equal(postprocess(partial, ctx), postprocess(raw, ctx), `decided after ${JSON.stringify(partial)}`);
      return true;
    }
  }
  return false;
}

describe('postprocess', () => {
  describe('single line, mid-line', () => {
    it('drops the overlap with the text after the cursor', () => {
      const doc = 'print(|)';
      const ghost = postprocess('"hi")', at(doc));
      assert.equal(ghost, '"hi"');
      assert.equal(accept(doc, ghost), 'print("hi")');
    });

    it('drops a longer repeated tail', () => {
      const doc = 'if (|) {';
      assert.equal(accept(doc, postprocess('x > 0) {', at(doc))), 'if (x > 0) {');
      const call = 'foo(a, |);';
      assert.equal(accept(call, postprocess('b, c);', at(call))), 'foo(a, b, c);');
      const assign = 'let x = |;';
      assert.equal(accept(assign, postprocess('f();', at(assign))), 'let x = f();');
    });

    it('keeps the spaces that align columns when the answer repeats all the rest of the line', () => {
      const struct = 'typedef struct {\n\tD|   CredentialBlobSize;\n} C;\n';
      assert.equal(accept(struct, postprocess('WORD                  CredentialBlobSize;\n} C;\n', at(struct))), 'typedef struct {\n\tDWORD                  CredentialBlobSize;\n} C;\n');
      const prose = ' * published |  Oracle designates this\n';
      assert.equal(accept(prose, postprocess('by the Foundation.   Oracle designates this\n', at(prose))), ' * published by the Foundation.   Oracle designates this\n');
    });

    it('keeps the spacing of code that starts right at the cursor', () => {
      const imports = "import {|} from './x';";
      assert.equal(accept(imports, postprocess(" a, b } from './x';", at(imports))), "import { a, b } from './x';");
      const operator = 'total = price|(items);';
      assert.equal(accept(operator, postprocess(' * count(items);', at(operator))), 'total = price * count(items);');
      const call = 'print(|)';
      assert.equal(accept(call, postprocess('x )', at(call))), 'print(x )', 'the model\'s own space stays: it is not junk');
    });

    it('drops repeated code even when that leaves a bracket for the code after it to close', () => {
      const doc = 'let snapshot = messages|content.index];';
      assert.equal(accept(doc, postprocess('[content.index];', at(doc))), 'let snapshot = messages[content.index];');
      const generic = '): Stream|arsedT> {';
      assert.equal(accept(generic, postprocess('Runner<ParsedT> {', at(generic))), '): StreamRunner<ParsedT> {');
    });

    it('shows a character the line already has after the cursor when the answer adds it again', () => {
      const doc = 'ready |& done';
      assert.equal(accept(doc, postprocess('&& done', at(doc))), 'ready && done');
      assert.equal(postprocess('& done', at(doc)), '', 'only what already follows: nothing');
    });

    it('keeps closing brackets the completion itself opened', () => {
      const doc = 'print(|)';
      const ghost = postprocess('len(xs)', at(doc));
      assert.equal(accept(doc, ghost), 'print(len(xs))');
      assert.equal(accept(doc, postprocess('len(xs))', at(doc))), 'print(len(xs))');
      const list = 'xs = [|]';
      assert.equal(accept(list, postprocess('f(1), g(2)]', at(list))), 'xs = [f(1), g(2)]');
      assert.equal(accept(list, postprocess('f(1), g(2)', at(list))), 'xs = [f(1), g(2)]');
      const nested = 'foo(bar(|)';
      assert.equal(accept(nested, postprocess('x)', at(nested))), 'foo(bar(x))');
      assert.equal(accept(nested, postprocess('x))', at(nested))), 'foo(bar(x))');
    });

    it('drops a repeated closer that, kept, would close a bracket of another kind (Clojure\'s `(defn f [x]`)', () => {
      const doc = '(defn ^:no-doc make|]\n  (-> handler\n      wrap-head))\n';
      assert.equal(accept(doc, postprocess('-rfn [handler]', at(doc))), doc.replace('|', '-rfn [handler'));
      assert.equal(accept(doc, postprocess('-rfn [handler]\n', at(doc))), doc.replace('|', '-rfn [handler'));
      // Where the closer is the answer's own, of the right kind, it stays.
      const call = '(println (str x|)';
      assert.equal(accept(call, postprocess(' y))', at(call))), '(println (str x y))');
    });

    it('does not count brackets inside string literals when it weighs closers', () => {
      const doc = '  stream.write("\\u001b[" + (width + 1) + "D\\u001b[2|);\n  stream.write(runway());\n';
      assert.equal(accept(doc, postprocess('A");', at(doc))), doc.replace('|', 'A"'));
    });

    it('in a statement over several lines, drops closers the answer repeats once its next line is the code below', () => {
      const doc = 'if ((bits == 0 && (bits & 1) > |)\n    && tryMerge(a, size)) {\n  return;\n}\n';
      const ctx = at(doc);
      assert.equal(needsNextLine(ctx), true);
      assert.equal(needsNextLine(at('print(|)')), false);
      const raw = '0)\n    && tryMerge(a, size)) {\n  return;\n';
      assert.equal(isDecided('0)\n    && t', ctx), false);
      assert.equal(accept(doc, postprocess(raw, ctx)), doc.replace('|', '0'));
      assertDecidedIsFinal(raw, ctx);
      // A next line of its own: the closer that balances the line is the answer's, as on a one-line statement.
      assert.equal(postprocess('f(x))\n    && other(y)) {\n', ctx), 'f(x))');
    });

    it('shows nothing for an answer that only repeats what follows', () => {
      assert.equal(postprocess(')', at('print(|)')), '');
      assert.equal(postprocess('a, b)', at('foo(|a, b)')), '');
      assert.equal(postprocess('a, b)\n', at('foo(|a, b)')), '');
    });

    it('drops the rest of a line the answer repeats with the spaces it ends with, or with spaces of its own', () => {
      const doc = 'if ((x + y) |= 0) && \n    z) {}\n';
      assert.equal(postprocess('== 0) && \n    z) {}', at(doc)), '=');
      const clean = 'if ((x + y) |= 0) &&\n    z) {}\n';
      assert.equal(postprocess('== 0) && \n    z) {}', at(clean)), '=');
    });

    it('at the end of a line (single line forced), keeps the spaces the model ends its line with where it ended the line itself', () => {
      const styled = 'x = 1 \nt1 =|\nt2 = 2 \n';
      assert.equal(postprocess(' x - 4.0; \nt2 = 2 \n', at(styled, { mode: 'single' })), ' x - 4.0; ');
      // A file without any has such a line too (`#    ` in a comment block): the model writes them only where it does.
      const clean = 'x = 1\nt1 =|\nt2 = 2\n';
      assert.equal(postprocess(' x - 4.0; \nt2 = 2\n', at(clean, { mode: 'single' })), ' x - 4.0; ');
      // Where the stream stopped in the line, its spaces are a token's, not the line's end.
      assert.equal(postprocess(' x - 4.0; ', at(clean, { mode: 'single' })), ' x - 4.0;');
    });

    it('keeps only the first line', () => {
      assert.equal(postprocess('"hi")\nprint("more")', at('print(|)')), '"hi"');
      assert.equal(postprocess('\nprint("more")', at('print(|)')), '');
    });
  });

  describe('single line, end of line', () => {
    it('completes the rest of the line', () => {
      const ctx = at('const total = |\nconsole.log(total);', { mode: 'single' });
      assert.equal(postprocess('items.length;\nconsole.log(total);', ctx), 'items.length;');
    });

    it('may be the next line, with one newline in front', () => {
      const ctx = at('x = 1|', { mode: 'single' });
      assert.equal(postprocess('\ny = 2\nz = 3', ctx), '\ny = 2');
      assert.equal(postprocess('  \n    y = 2\n', ctx), '\n    y = 2');
    });

    it('trims trailing whitespace', () => {
      assert.equal(postprocess('items.length;   \t', at('const total = |', { mode: 'single' })), 'items.length;');
    });
  });

  it('shows nothing for whitespace-only answers', () => {
    for (const raw of ['', ' ', '\n', '\n\n    \n', '\t\r\n']) {
      assert.equal(postprocess(raw, at('print(|)')), '', JSON.stringify(raw));
      assert.equal(postprocess(raw, at('def f():|')), '', JSON.stringify(raw));
      assert.equal(postprocess(raw, at('x = 1|')), '', JSON.stringify(raw));
    }
  });

  it('shows the finished lines of a block cut by the token limit, not the line the limit fell in', () => {
    const doc = 'def f(items):|\n\nprint(f([]))\n';
    const raw = '\n    total = 0\n    for x in items:\n        total += x * rat';
    assert.equal(postprocess(raw, at(doc), false), '\n    total = 0\n    for x in items:');
    assert.equal(postprocess(`${raw}e\n    return total\n`, at(doc)), '\n    total = 0\n    for x in items:\n        total += x * rate\n    return total');
  });

  describe('one statement at the end of an ordinary line', () => {
    it('is the rest of the statement, with its continuation and closing lines, and no more', () => {
      const doc = 'total = |\n';
      const raw = 'compute(\n    items,\n    rate,\n)\nprint(total)\nprint(total * 2)\n';
      assert.equal(postprocess(raw, at(doc)), 'compute(\n    items,\n    rate,\n)');
    });

    it('or the next statement when the line is finished, when the model runs on past a few lines', () => {
      const runsOn = Array.from({ length: 8 }, (_, i) => `v${i} = ${i}`).join('\n');
      assert.equal(postprocess(`\ny = 2\n${runsOn}`, at('x = 1|')), '\ny = 2');
      assert.equal(postprocess('\ny = 2\nz = 3\nw = 4', at('x = 1|'), false), '\ny = 2', 'cut by max_tokens: its end is unknown');
    });

    it('in the middle of a statement, goes on past its end to where the answer rejoins the code after the cursor', () => {
      const doc = 'function f(items) {\n  for (const x of items) {\n    if (x) retu|\n  for (const y of more) {\n    go(y);\n  }\n}\n';
      const raw = 'rn;\n  }\n\n  for (const y of more) {\n    go(y);\n  }\n}\n';
      const ctx = at(doc);
      assert.equal(accept(doc, postprocess(raw, ctx)), doc.replace('retu|', 'return;\n  }\n'));
      assertDecidedIsFinal(raw, ctx);
      // Nothing after the cursor to rejoin (typing at the end of a file): the statement, at once.
      assert.equal(isDecided('rn;\n  bar();\n', at('function f(x) {\n  if (x) retu|')), true);
      assert.equal(isDecided('rn;\n  bar();\n', ctx), false);
    });

    it('past the block a line completed mid-way opens, to where the answer rejoins the code after the cursor', () => {
      const doc = 'def load(kw, cls, hook, pairs):\n    if cls is N|\n    if pairs is not None:\n        kw["pairs"] = pairs\n    return cls(**kw)\n';
      const missing = 'one:\n        cls = Decoder\n    if hook is not None:\n        kw["hook"] = hook';
      const ctx = at(doc);
      const raw = `${missing}\n    if pairs is not None:\n        kw["pairs"] = pairs\n    return cls(**kw)\n`;
      assert.equal(postprocess(raw, ctx), missing);
      assertDecidedIsFinal(raw, ctx);
      // Code of the model's own after the block, never running into the code below: the block alone.
      const own = 'one:\n        cls = Decoder\n    a = 1\n    b = 2\n    c = 3\n    d = 4\n    e = 5\n';
      assert.equal(postprocess(own, ctx), 'one:\n        cls = Decoder');
      assertDecidedIsFinal(own, ctx);
    });

    it('or the next lines when the model ends its answer within a few lines (its whole middle)', () => {
      assert.equal(postprocess('\ny = 2\nz = 3\nw = 4', at('x = 1|')), '\ny = 2\nz = 3\nw = 4');
    });

    it('or the next lines up to where the answer rejoins the code after the cursor, across a block end', () => {
      const doc = 'function f(items) {\n  if (!items) {\n    return;|\n  if (items.length) {\n    go(items);\n  }\n}\n';
      const raw = '\n  }\n\n  if (items.length) {\n    go(items);\n  }\n}\n';
      const ghost = postprocess(raw, at(doc));
      assert.equal(ghost, '\n  }\n');
      assert.equal(accept(doc, ghost), 'function f(items) {\n  if (!items) {\n    return;\n  }\n\n  if (items.length) {\n    go(items);\n  }\n}\n');
      assertDecidedIsFinal(raw, at(doc));
      // Decided once the second existing line shows its start: the rest of it would be paid for and thrown away.
      assert.equal(isDecided('\n  }\n\n  if (items.length) {\n    go(items', at(doc)), true);
      assert.equal(isDecided('\n  }\n\n  if (items.length) {\n    go', at(doc)), false);
    });

    it('does not take one recurring line for the code after the cursor', () => {
      // `data = data.decode()` is both in the answer and below the cursor: the answer goes on differently after it.
      const doc = 'if a:\n    data = encode(data)|\nelif b:\n    data = data.decode()\n';
      const raw = '\n    data = data.decode()\nelif c:\n    data = data.decode()\nelif b:\n    data = data.decode()\n';
      assert.equal(postprocess(raw, at(doc)), '\n    data = data.decode()\nelif c:\n    data = data.decode()');
    });

    it('is decided as soon as the next statement starts, so the stream is cut early', () => {
      const ctx = at('total = |\n');
      assert.equal(isDecided('items.count()', ctx), false);
      assert.equal(isDecided('items.count()\nprint(', ctx), true);
      assert.equal(isDecided('items.count()\n\n', ctx), true, 'a blank line ends it');
    });
  });

  describe('before the code of a line (only indentation before the cursor)', () => {
    it('inserts whole lines above it when the answer rejoins that line', () => {
      const doc = 'function f() {\n  if (a) {\n    go();\n|  }\n}\n';
      const raw = '    stop();\n  }\n}\n';
      const ctx = at(doc);
      assert.equal(ctx.mode, 'multi');
      const ghost = postprocess(raw, ctx);
      assert.equal(ghost, '    stop();\n');
      assert.equal(accept(doc, ghost), 'function f() {\n  if (a) {\n    go();\n    stop();\n  }\n}\n');
      assertDecidedIsFinal(raw, ctx);
    });

    it('after the indentation, ends the lines with that indentation so the line keeps its place', () => {
      const doc = 'def f(x):\n    |return x\n';
      const ghost = postprocess('log(x)\n    x += 1\n    return x\n', at(doc));
      assert.equal(accept(doc, ghost), 'def f(x):\n    log(x)\n    x += 1\n    return x\n');
    });

    it('keeps the blank lines the answer puts before the line it rejoins', () => {
      const doc = 'class A {\n  a() {\n    return 1;\n|  b() {\n    return 2;\n  }\n}\n';
      const ghost = postprocess('  }\n\n  b() {\n    return 2;\n  }\n', at(doc));
      assert.equal(accept(doc, ghost), 'class A {\n  a() {\n    return 1;\n  }\n\n  b() {\n    return 2;\n  }\n}\n');
    });

    it('puts text before the code when the answer runs into it on the same line', () => {
      const doc = 'async function f() {\n  |load();\n}\n';
      assert.equal(accept(doc, postprocess('await load();\n}\n', at(doc))), 'async function f() {\n  await load();\n}\n');
    });

    it('takes the lines of an answer the model ended, and only the first line of one that runs on', () => {
      const doc = 'x = 1\n|print(x)\n';
      assert.equal(accept(doc, postprocess('y = 2\nz = 3\n', at(doc))), 'x = 1\ny = 2\nz = 3\nprint(x)\n');
      const runsOn = Array.from({ length: 20 }, (_, i) => `v${i} = ${i}`).join('\n');
      assert.equal(accept(doc, postprocess(runsOn, at(doc))), 'x = 1\nv0 = 0\nprint(x)\n');
    });

    it('puts text before a short code of the line (`}`) when the answer then goes on with the two lines below it', () => {
      // R's roxygen: `#' }` closes an example in a comment; the cursor at column 0 of `}`.
      const doc = "#' \\dontrun{\n#' explain(x)\n|}\nexplain <- function(x, ...) {\n  UseMethod(\"explain\")\n}\n\n#' @export\n";
      const raw = "#' }\nexplain <- function(x, ...) {\n  UseMethod(\"explain\")\n}\n\n#' @export\n";
      const ctx = at(doc);
      assert.equal(accept(doc, postprocess(raw, ctx)), doc.replace('|', "#' "));
      assertDecidedIsFinal(raw, ctx);
      // Whole lines above `}` that end in `}` are still lines above it: the answer then rejoins `}` itself.
      const block = 'function f() {\n  go();\n|}\nf();\nf();\n';
      assert.equal(accept(block, postprocess('  if (a) { b(); }\n}\nf();\n', at(block))), block.replace('|', '  if (a) { b(); }\n'));
    });

    it('inserts lines that begin like the line at the cursor when the answer rejoins it further on (`}` above `}`)', () => {
      const doc = 'func main() {\n\tif a {\n\t\tgo()\n|\t}\n}\n';
      const raw = '\t}\n\tif err != nil {\n\t\tlog(err)\n\t}\n}\n\nfunc other() {\n';
      const ctx = at(doc);
      const ghost = postprocess(raw, ctx);
      assert.equal(accept(doc, ghost), 'func main() {\n\tif a {\n\t\tgo()\n\t}\n\tif err != nil {\n\t\tlog(err)\n\t}\n}\n');
      assertDecidedIsFinal(raw, ctx);
    });

    it('inserts lines whose first two are the line at the cursor and the one below when the answer then differs and rejoins further on (a CSS rule)', () => {
      const doc = '.a {\n  color: #434f54;\n}\n.b {\n|  color: #434f54;\n}\n.c,\n.d {\n  color: red;\n}\n';
      const raw = '  color: #434f54;\n}\n.e {\n  color: #434f54;\n}\n.c,\n.d {\n';
      const ctx = at(doc);
      assert.equal(accept(doc, postprocess(raw, ctx)), '.a {\n  color: #434f54;\n}\n.b {\n  color: #434f54;\n}\n.e {\n  color: #434f54;\n}\n.c,\n.d {\n  color: red;\n}\n');
      assertDecidedIsFinal(raw, ctx);
      // The same two lines, then the third too: the code below again, nothing to add.
      assert.equal(postprocess('  color: #434f54;\n}\n.c,\n.d {\n', ctx), '');
    });

    it('inserts lines that end like the lines below (`</div>` above `</div>`) where the answer rejoins past all of them', () => {
      const doc = '<div class="wrap">\n<div class="head">\n|</div>\n</div>\n\n<section id="c">\n</section>\n';
      const answer = '<div class="title">\nnpm cli\n</div>\n</div>\n</div>\n\n<section id="c">\n';
      const ctx = at(doc);
      assert.equal(accept(doc, postprocess(answer, ctx)), doc.replace('|', '<div class="title">\nnpm cli\n</div>\n'));
      // While the third `</div>` is still arriving, two alike lines do not yet tell where the answer is.
      assertDecidedIsFinal(answer, ctx);
    });

    it('inserts rows like the run of rows below (bytes of a table) where the answer rejoins past the whole run', () => {
      const rows = (byte: string, n: number): string => ` *   .writeByte(${byte})\n`.repeat(n);
      const doc = ` * val buffer = Buffer()\n${rows('0xff', 2)}|${rows('0x00', 6)} * assertEquals(16, buffer.size)\n */\n`;
      const answer = `${rows('0x0f', 1)}${rows('0x00', 7)} * assertEquals(16, buffer.size)\n`;
      const ctx = at(doc);
      assert.equal(accept(doc, postprocess(answer, ctx)), doc.replace('|', `${rows('0x0f', 1)}${rows('0x00', 1)}`));
      assertDecidedIsFinal(answer, ctx);
    });

    it('inserts lines above when the first ends like the start of the line (`return result` above `result = f()`)', () => {
      const doc = 'def level(x):\n    if x:\n|    result = table.get(x)\n    return result\n';
      const raw = '        return result\n    result = table.get(x)\n    return result\n';
      const ctx = at(doc);
      assert.equal(accept(doc, postprocess(raw, ctx)), 'def level(x):\n    if x:\n        return result\n    result = table.get(x)\n    return result\n');
      assertDecidedIsFinal(raw, ctx);
    });

    it('inserts lines above when the first is the line\'s code at another indentation', () => {
      const doc = 'while True:\n    if a:\n|            n = s[1]\n        end += 1\n';
      const raw = '        n = s[1]\n        if n in ws:\n            end = skip(end)\n            n = s[1]\n        end += 1\n';
      assert.equal(accept(doc, postprocess(raw, at(doc))), 'while True:\n    if a:\n        n = s[1]\n        if n in ws:\n            end = skip(end)\n            n = s[1]\n        end += 1\n');
    });

    it('shows nothing for the line at the cursor again followed by code of the model\'s own', () => {
      const doc = 'def f(x):\n    y = x\n|    return y\n\nprint(f(1))\n';
      assert.equal(postprocess('    return y\n\ndef g(z):\n    return z * 2\n', at(doc)), '');
      assert.equal(postprocess('    return y\n\nprint(f(1))\n', at(doc)), '');
    });

    it('in repeated code, waits for the whole line that would rejoin when other lines around start like it', () => {
      // Getters one after another: `  public function ` begins every other line, so its start does not tell that the
      // answer is back at `byteSize` (the code after the cursor); the missing `clear` getter goes in above.
      const doc =
        'class A {\n  public function has() {\n    return isset($this->v);\n|  }\n  public function byteSize() {\n    return 1;\n  }\n}\n';
      const raw = '  }\n  public function clear() {\n    $this->v = null;\n  }\n  public function byteSize() {\n    return 1;\n  }\n}\n';
      const ctx = at(doc);
      assert.equal(
        accept(doc, postprocess(raw, ctx)),
        'class A {\n  public function has() {\n    return isset($this->v);\n  }\n  public function clear() {\n    $this->v = null;\n  }\n  public function byteSize() {\n    return 1;\n  }\n}\n',
      );
      assert.equal(isDecided('  }\n  public function cl', ctx), false);
      assertDecidedIsFinal(raw, ctx);
    });

    it('takes a line still arriving as the rejoin by its start, unless another line around starts the same', () => {
      const raw = 'log(x)\n    return x + 1\nprint(f(2))\n';
      const own = at('def f(x):\n    |return x + 1\nprint(f(2))\n');
      assert.equal(isDecided('log(x)\n    return x + 1\nprint(f(', own), true);
      assertDecidedIsFinal(raw, own);
      const repeated = at('print(f(1))\ndef f(x):\n    |return x + 1\nprint(f(2))\n');
      assert.equal(isDecided('log(x)\n    return x + 1\nprint(f(', repeated), false);
      assert.equal(isDecided('log(x)\n    return x + 1\nprint(f(2', repeated), true);
      assertDecidedIsFinal(raw, repeated);
    });

    it('is not decided while the line that could rejoin is still arriving', () => {
      const ctx = at('def f(x):\n    |return x\n');
      assert.equal(isDecided('log(x)\n    ret', ctx), false);
      assert.equal(isDecided('log(x)\n    return x\n', ctx), true);
    });
  });

  describe('multi-line', () => {
    it('at the end of a file, where the answer is the last line again at once and again a few lines on, the second is the file\'s (Erlang)', () => {
      const doc = 'websocket_handle({text, Data}, State) ->\n\t{[{text, Data}], State};\nwebsocket_handle(_Frame, State) ->|\n\t{[], State}.\n';
      const raw = '\n\t{[], State}.\n\nwebsocket_info(_Info, State) ->\n\t{[], State}.\n';
      const ctx = at(doc);
      assert.equal(accept(doc, postprocess(raw, ctx)), doc.replace('|', '\n\t{[], State}.\n\nwebsocket_info(_Info, State) ->'));
      assertDecidedIsFinal(raw, ctx);
      // The last line again and nothing more, or then code that never comes back to it: nothing to add.
      assert.equal(postprocess('\n\t{[], State}.\n', ctx), '');
      assert.equal(postprocess('\n\t{[], State}.\n\nother() ->\n\tok.\n', ctx), '');
    });

    it('after an arrow, takes the line closing the enclosing call when the answer then rejoins the code', () => {
      const doc = 'const tool = tools.find(\n    (t) =>|\nif (!tool) throw new Error();\nreturn tool;\n';
      const raw = '\n      t.name === call.name,\n  ) as Tool | undefined;\nif (!tool) throw new Error();\nreturn tool;\n';
      assert.equal(accept(doc, postprocess(raw, at(doc))), 'const tool = tools.find(\n    (t) =>\n      t.name === call.name,\n  ) as Tool | undefined;\nif (!tool) throw new Error();\nreturn tool;\n');
      const invented = '\n      t.name === call.name,\n  );\nconsole.log(tool);\n';
      assert.equal(postprocess(invented, at(doc)), '\n      t.name === call.name,');
    });

    it('goes on into the block\'s next branch when the answer then rejoins the code, else stops at the block', () => {
      const doc = 'def f(x):\n    if x:|\n    return y\n\nprint(f(1))\n';
      const raw = '\n        y = 1\n    else:\n        y = 2\n    return y\n\nprint(f(1))\n';
      const ctx = at(doc);
      assert.equal(accept(doc, postprocess(raw, ctx)), 'def f(x):\n    if x:\n        y = 1\n    else:\n        y = 2\n    return y\n\nprint(f(1))\n');
      assertDecidedIsFinal(raw, ctx);
      const invented = '\n        y = 1\n    else:\n        y = 2\n    log(y)\n    z = 3\n    w = 4\n    v = 5\n    u = 6\n';
      assert.equal(postprocess(invented, ctx), '\n        y = 1');
      assertDecidedIsFinal(invented, ctx);
    });

    it('after an arrow, takes the enclosing call\'s closing line and the chained calls up to where the answer rejoins', () => {
      const doc = 'Object.keys(obj)\n  .filter(\n    (key) =>|\n  .forEach((key) => {\n    print(key);\n  });\n';
      const raw = '\n      /^[a-z]/.test(key),\n  )\n  .sort()\n  .forEach((key) => {\n    print(key);\n';
      const ctx = at(doc);
      assert.equal(accept(doc, postprocess(raw, ctx)), doc.replace('|', '\n      /^[a-z]/.test(key),\n  )\n  .sort()'));
      assertDecidedIsFinal(raw, ctx);
    });

    it('after the block it opened closes, takes what follows up to where the answer rejoins the code below', () => {
      // Blank lines, then the code after the cursor again.
      const blank = 'function info() {\n  if (!nav) {|\n  // next\n  run();\n}\n';
      const raw = '\n    return null;\n  }\n\n  // next\n  run();\n}\n';
      assert.equal(accept(blank, postprocess(raw, at(blank))), 'function info() {\n  if (!nav) {\n    return null;\n  }\n\n  // next\n  run();\n}\n');
      assertDecidedIsFinal(raw, at(blank));
      // The statement the block belongs to going on (its return), then the code below.
      const more = 'function parse(args) {\n  if (!args) {|\n};\n\nexport const handler = 1;\n';
      const rest = '\n    throw new Error();\n  }\n  return { args };\n};\n\nexport const handler = 1;\n';
      assert.equal(accept(more, postprocess(rest, at(more))), 'function parse(args) {\n  if (!args) {\n    throw new Error();\n  }\n  return { args };\n};\n\nexport const handler = 1;\n');
      assertDecidedIsFinal(rest, at(more));
    });

    it('on a blank line below an open statement (`x =`), the answer finishes that statement, then rejoins or stops', () => {
      const doc = 'function on() {\n  const listeners =\n    |\n}\n\nfunction off() {}\n';
      const raw = 'this.listeners || [];\n  listeners.push(1);\n  return this;\n}\n\nfunction off() {}\n';
      assert.equal(accept(doc, postprocess(raw, at(doc))), doc.replace('|', 'this.listeners || [];\n  listeners.push(1);\n  return this;'));
      const end = 'const total =\n  |';
      assert.equal(postprocess('a + b;\nconsole.log(total);\nrun();\n', at(end)), 'a + b;', 'nothing below to rejoin: the statement');
    });

    it('takes the cases of a switch that fall through to the code below', () => {
      const doc = "switch (e) {\n  case 'a':|\n  case 'd':\n    go(e);\n}\n";
      const raw = "\n  case 'b':\n  case 'c':\n  case 'd':\n    go(e);\n}\n";
      assert.equal(accept(doc, postprocess(raw, at(doc))), "switch (e) {\n  case 'a':\n  case 'b':\n  case 'c':\n  case 'd':\n    go(e);\n}\n");
    });

    it('on a blank line, goes on with a doc comment whose first line the answer starts there', () => {
      const doc = '/**\n * Sums.\n |\nfunction sum(a, b) {}\n';
      const raw = '*\n * @param a first\n */\nfunction sum(a, b) {}\n';
      assert.equal(accept(doc, postprocess(raw, at(doc))), '/**\n * Sums.\n *\n * @param a first\n */\nfunction sum(a, b) {}\n');
    });

    it('reads a comment that ends in "then" or ":" as prose, not as a line that opens a block', () => {
      const doc = 'class A {\n  /**\n   * If it was added twice, then|\n   * @returns this\n   */\n  off(): this {\n    return this;\n  }\n}\n';
      const raw = '\n   * off() must be called twice.\n   * @returns this\n   */\n  off(): this {\n';
      assert.equal(accept(doc, postprocess(raw, at(doc))), doc.replace('then|', 'then\n   * off() must be called twice.'));
      const python = 'def f():\n    # Steps:|\n    go()\n';
      assert.equal(accept(python, postprocess('\n    # 1. load\n    go()\n', at(python))), 'def f():\n    # Steps:\n    # 1. load\n    go()\n');
    });

    it('after a line, shows lines that begin with the closing line that follows when the answer rejoins it further on', () => {
      const doc = 'func f() error {\n\tif err != nil {\n\t\treturn err|\n\t}\n\treturn check()\n}\n';
      const raw = '\n\t}\n\tif err := mk(); err != nil {\n\t\treturn err\n\t}\n\treturn check()\n}\n';
      const ctx = at(doc);
      const ghost = postprocess(raw, ctx);
      assert.equal(accept(doc, ghost), 'func f() error {\n\tif err != nil {\n\t\treturn err\n\t}\n\tif err := mk(); err != nil {\n\t\treturn err\n\t}\n\treturn check()\n}\n');
      assertDecidedIsFinal(raw, ctx);
    });

    it('in the middle of a line, shows the rest of the block and the next one when the answer rejoins the code after it', () => {
      const doc = '.a {\n  pa|\n}\n/* B */\n.b {\n  color: red\n}\n';
      const raw = 'dding: 1em\n}\ncode.a {\n  padding: 3px\n}\n/* B */\n.b {\n  color: red\n';
      const ctx = at(doc);
      assert.equal(accept(doc, postprocess(raw, ctx)), '.a {\n  padding: 1em\n}\ncode.a {\n  padding: 3px\n}\n/* B */\n.b {\n  color: red\n}\n');
      assertDecidedIsFinal(raw, ctx);
      // The block's closing line, then a block of the model's own that never meets the code below: the line alone.
      const own = 'dding: 1em\n}\n.new {\n  margin: 0;\n  border: 0;\n  width: 1px;\n  height: 2px;\n}\n';
      assert.equal(postprocess(own, ctx), 'dding: 1em');
      assertDecidedIsFinal(own, ctx);
    });

    it('after a line, shows nothing for the closing line that follows again and code of the model\'s own', () => {
      const doc = 'function f() {\n  go();|\n}\n\nfunction g() {}\n';
      assert.equal(postprocess('\n}\n\nfunction other() {\n  return 1;\n}\n', at(doc)), '');
    });

    it('keeps the blank line the answer puts before the code that follows', () => {
      const doc = '  completed_at?: number;|\n\n  /**\n   * When it failed.\n   */\n  failed_at?: number;\n';
      const original = '  completed_at?: number;\n\n  cancelled_at?: number;\n\n  /**\n   * When it failed.\n   */\n  failed_at?: number;\n';
      assert.equal(accept(doc, postprocess('\n\n  cancelled_at?: number;\n\n  /**\n   * When it failed.', at(doc))), original);
    });

    it('reads a block comment line as indented like the code it documents', () => {
      const doc = 'class A {\n  /**\n   * The id.\n   */|\n  name: string;\n}\n';
      assert.equal(accept(doc, postprocess('\n  id: string;\n  name: string;\n}', at(doc))), 'class A {\n  /**\n   * The id.\n   */\n  id: string;\n  name: string;\n}\n');
    });

    it('lets closing lines that carry more text end the enclosing block', () => {
      const doc = 'export {\n  type A,|\nexport { B } from "./b";\n';
      assert.equal(accept(doc, postprocess('\n  type C,\n} from "./a";\nexport { B } from "./b";\n', at(doc))), 'export {\n  type A,\n  type C,\n} from "./a";\nexport { B } from "./b";\n');
    });

    it('at the end of an ordinary line: the rest of the statement, stopping where the code that follows starts', () => {
      const doc = 'const total = |\nconsole.log(total);\n';
      assert.equal(accept(doc, postprocess('items.length;\nconsole.log(total);\n', at(doc))), 'const total = items.length;\nconsole.log(total);\n');
      const call = 'result = compute(|\nprint(result)\n';
      assert.equal(accept(call, postprocess('\n    a,\n    b,\n)\nprint(result)\nprint(result)', at(call))), 'result = compute(\n    a,\n    b,\n)\nprint(result)\n');
    });

    it('puts a block body that arrived without its newline on the next line', () => {
      const doc = 'def add(a, b):|\n';
      const ghost = postprocess('    return a + b\n\ndef sub(a, b):\n    return a - b', at(doc));
      assert.equal(accept(doc, ghost), 'def add(a, b):\n    return a + b\n');
    });

    it('after spaces typed past a colon (a column being aligned), keeps the answer on the same line', () => {
      const doc = "_map = {\n    'to':      |\n    'cc':                     Unique,\n}\n";
      const raw = '                     Unique,\n';
      assert.equal(accept(doc, postprocess(raw, at(doc))), doc.replace('|', '                     Unique,'));
    });

    it('keeps text that continues the header itself on the same line', () => {
      const doc = 'if (ready) {|\n}';
      assert.equal(postprocess(' // go\n  start();\n}', at(doc)), ' // go\n  start();');
    });

    it('gives a Python function header its body, not the next function', () => {
      const doc = 'def add(a, b):|\n';
      const ctx = at(doc);
      assert.equal(ctx.mode, 'multi');
      const ghost = postprocess('\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n', ctx);
      assert.equal(ghost, '\n    return a + b');
    });

    it('does not repeat a closing brace that is already below', () => {
      const doc = 'function f() {|\n}\n';
      const ghost = postprocess('\n  return 1;\n}\n', at(doc));
      assert.equal(ghost, '\n  return 1;');
      assert.equal(accept(doc, ghost), 'function f() {\n  return 1;\n}\n');
    });

    it('keeps the closing brace when none is below', () => {
      const doc = 'function f() {|';
      const ghost = postprocess('\n  return 1;\n}\n\nfunction g() {}\n', at(doc));
      assert.equal(ghost, '\n  return 1;\n}');
      assert.equal(accept(doc, ghost), 'function f() {\n  return 1;\n}');
    });

    it('keeps a method\'s closing brace when the brace below closes the class', () => {
      const doc = 'class A {\n  m() {|\n}\n';
      const ghost = postprocess('\n    return 1;\n  }\n}\n', at(doc));
      assert.equal(ghost, '\n    return 1;\n  }');
      assert.equal(accept(doc, ghost), 'class A {\n  m() {\n    return 1;\n  }\n}\n');
    });

    it('stops before the code that already follows the cursor', () => {
      const doc = 'def f(x):\n    |\n    return y\n';
      const ghost = postprocess('y = x * 2\n    return y\n', at(doc));
      assert.equal(ghost, 'y = x * 2');
    });

    it('shows at most maxLines lines', () => {
      const body = Array.from({ length: 10 }, (_, i) => `    x${i} = ${i}`).join('\n');
      const ghost = postprocess(`\n${body}\n`, at('def f():|', { maxLines: 3 }));
      assert.equal(ghost, '\n    x0 = 0\n    x1 = 1\n    x2 = 2', 'three lines below the cursor (the empty rest of its line shows nothing)');
      assert.equal(postprocess(`\n${body}\n`, at('def f():|')).split('\n').length, 11);
    });

    it('on a blank indented line, continues at that indent and stops at a dedent', () => {
      const doc = 'def f():\n    x = 1\n    |';
      const ctx = at(doc);
      assert.equal(ctx.mode, 'multi');
      const ghost = postprocess('y = 2\n    if y:\n        x += y\n\n    return x + y\n\nprint(f())\n', ctx);
      assert.equal(ghost, 'y = 2\n    if y:\n        x += y\n\n    return x + y');
    });

    it('on a blank indented line, goes on past a dedent to where the answer rejoins the code below, else stops there', () => {
      const doc = 'def f(x):\n    if x:\n        |\n    log(x)\n    return x\n';
      const ctx = at(doc);
      // The missing end of the `if` body, then the statement after the `if`, then the code below again.
      const rejoining = 'raise ValueError(x)\n    x = abs(x)\n    log(x)\n    return x\n';
      assert.equal(accept(doc, postprocess(rejoining, ctx)), 'def f(x):\n    if x:\n        raise ValueError(x)\n    x = abs(x)\n    log(x)\n    return x\n');
      assertDecidedIsFinal(rejoining, ctx);
      // Past the dedent, code of the model's own that never comes back to the code below: the block's line only.
      const runningOn = 'raise ValueError(x)\n    x = abs(x)\n    y = 2\n    z = 3\n    w = 4\n    v = 5\n    u = 6\n';
      assert.equal(postprocess(runningOn, ctx), 'raise ValueError(x)');
      assertDecidedIsFinal(runningOn, ctx);
    });

    it('drops a piece of the line below that an answer ends with (stopped part-way into writing it again)', () => {
      const doc = 'def f(x):\n    |\n    result = compute_something(x, 2)\n    return result\n';
      assert.equal(postprocess('x = x + 1\n    result = compute_som', at(doc)), 'x = x + 1');
      // A line of its own that only begins like it is kept when the model finished it.
      assert.equal(postprocess('x = x + 1\n    result = compute_something_else(x)', at(doc)), 'x = x + 1\n    result = compute_something_else(x)');
    });

    it('takes an answer that ends part-way into the code below for that code again, even where lines around start the same', () => {
      // Two lines alike above and below: while the answer streams, their start does not tell which one it writes,
      // but an answer that ended there will never write the rest.
      const doc = 'if(NOT A)\n  set(A\n    "<CC> -o <TARGET> <A>")\nendif()\nif(NOT B)\n  set(B|\n  set(C\n    "<CC> -o <TARGET> <C>")\nendif()\n';
      const answer = '\n    "<CC> -o <TARGET> <B>")\nendif()\nif(NOT C)\n  set(C\n    "<CC> -o <TA';
      assert.equal(
        accept(doc, postprocess(answer, at(doc))),
        'if(NOT A)\n  set(A\n    "<CC> -o <TARGET> <A>")\nendif()\nif(NOT B)\n  set(B\n    "<CC> -o <TARGET> <B>")\nendif()\nif(NOT C)\n  set(C\n    "<CC> -o <TARGET> <C>")\nendif()\n',
      );
      const next = 'set(A\n    "<CC> -o <TARGET> <A>")\nset(B|\n    "<CC> -o <TARGET> <B>")\n';
      assert.equal(postprocess('\n    "<CC> -o <TA', at(next)), '');
      // However few characters of it came (fewer than a line still arriving needs to tell).
      const make = 'all:\n\tgcc -c a.c|\n\t$(call do_cmd,link)\n';
      assert.equal(postprocess(' -o a.o\n\t$(cal', at(make)), ' -o a.o');
      // And where it ended a few characters into the second line below, after the first whole.
      const set = 'let codes: Set<Int> = [|\n                        500, // Internal Server Error\n                        502, // Bad Gateway\n]\n';
      assert.equal(postprocess('408, // Request Timeout\n                        500, // Internal Server Error\n                        502, /', at(set)), '408, // Request Timeout');
    });

    it('takes the second of two closing lines like the file\'s last one for the file\'s (a header\'s nested #endif)', () => {
      const doc = '#ifndef A_H\n#define A_H\n#if X\n# define T try\n# define C catch|\n\n#endif\n';
      const answer = '\n#endif\n\n#endif\n';
      const ctx = at(doc);
      assert.equal(accept(doc, postprocess(answer, ctx)), '#ifndef A_H\n#define A_H\n#if X\n# define T try\n# define C catch\n#endif\n\n#endif\n');
      assertDecidedIsFinal(answer, ctx);
      // Written once, and the model goes on with code of its own: the file's.
      assert.equal(postprocess('\n#endif\nint x;\nint y;\nint z;\nint w;\nint v;\n', ctx), '');
    });

    it('keeps a form feed line the answer puts before the code that follows (a page break in Python\'s sources)', () => {
      const doc = 'MAX = |\n# Helpers\ndef f():\n    pass\n';
      assert.equal(accept(doc, postprocess('7\n\n\n\f\n# Helpers\ndef f():\n', at(doc))), 'MAX = 7\n\n\n\f\n# Helpers\ndef f():\n    pass\n');
      // Inside what is shown too, where the file has no trailing spaces.
      const tcl = 'proc f {} {\n    }|\n\n# Local Variables:\n';
      assert.equal(accept(tcl, postprocess('\n}\n\f\nreturn\n\n# Local Variables:\n', at(tcl))), 'proc f {} {\n    }\n}\n\f\nreturn\n\n# Local Variables:\n');
    });

    it('waits for the whole line before taking the code below again where that would leave nothing to show', () => {
      const doc = 'for r in $results; do\n  if [[ "$r" =~ "FP" ]]|\n  then\n    echo "Skip, not fail, for PMM issues"\n  fi\ndone\n';
      const ctx = at(doc);
      const answer = '\n  then\n    echo "Skip, not fail, for FP issues"\n  elif [[ "$r" =~ "PMM" ]]\n  then\n    echo "Skip, not fail, for PMM issues"\n  fi\n';
      assert.equal(
        accept(doc, postprocess(answer, ctx)),
        'for r in $results; do\n  if [[ "$r" =~ "FP" ]]\n  then\n    echo "Skip, not fail, for FP issues"\n  elif [[ "$r" =~ "PMM" ]]\n  then\n    echo "Skip, not fail, for PMM issues"\n  fi\ndone\n',
      );
      assertDecidedIsFinal(answer, ctx);
    });

    it('keeps the spaces and tabs the model ends its lines with, and the indentation of its blank lines', () => {
      // An old header with trailing spaces: the model ended its lines with them, as the file does.
      const styled = 'int f(int x) \n{|\n  return x; \n}\n';
      assert.equal(accept(styled, postprocess('  \n  x += 1; \n  return x; \n}\n', at(styled))), 'int f(int x) \n{  \n  x += 1; \n  return x; \n}\n');
      // Where the cursor's line already ends in spaces after the cursor, the model's line ends with them once.
      const spaced = 'x = 1 \n  inline| \n  stoi(a);\n';
      assert.equal(accept(spaced, postprocess(' int \n  stoi(a);\n', at(spaced))), 'x = 1 \n  inline int \n  stoi(a);\n');
      // A file without any: the model's lines are as it wrote them all the same (the code it learned from has such a
      // blank line there: highlight.js themes write an empty CSS rule as `{`, `  /* default */`, `  `, `}`).
      const clean = '.hljs-subst {|}\n.hljs-string {\n  color: #756bb1;\n}\n';
      assert.equal(
        accept(clean, postprocess('\n  /* default */\n  \n}\n.hljs-string {\n  color: #756bb1;\n}\n', at(clean))),
        '.hljs-subst {\n  /* default */\n  \n}\n.hljs-string {\n  color: #756bb1;\n}\n',
      );
      const inCode = 'int f(int x)\n{|\n  return x;\n}\n';
      assert.equal(accept(inCode, postprocess('\n  x += 1; \n  \n  y = 2;\n  return x;\n}\n', at(inCode))), 'int f(int x)\n{\n  x += 1; \n  \n  y = 2;\n  return x;\n}\n');
      const comments = 'class A\n  #\n  # Example:|\n  def f\n  end\nend\n';
      assert.equal(accept(comments, postprocess('\n  #    use A \n  #\n  def f\n', at(comments))), 'class A\n  #\n  # Example:\n  #    use A \n  #\n  def f\n  end\nend\n');
    });

    it('trims trailing blank lines, and the spaces of a last line the stream stopped in', () => {
      assert.equal(postprocess('\n    return 1   \n   \n\n', at('def f():|')), '\n    return 1   ');
      assert.equal(postprocess('\n    return 1   ', at('def f():|')), '\n    return 1');
    });

    it('handles CRLF answers', () => {
      assert.equal(postprocess('\r\n    return a + b\r\n\r\n\r\ndef sub(a, b):\r\n', at('def add(a, b):|')), '\n    return a + b');
      assert.equal(postprocess('"hi")\r\nmore', at('print(|)')), '"hi"');
    });
  });

  describe('isDecided', () => {
    it('single line at the end of a line: after the newline that ends the line', () => {
      const ctx = at('x = |', { mode: 'single' });
      assert.equal(isDecided('', ctx), false);
      assert.equal(isDecided('compute(a', ctx), false);
      assert.equal(isDecided('compute(a, b)', ctx), false);
      assert.equal(isDecided('compute(a, b)\n', ctx), true);
      assert.equal(isDecided('compute(a, b)\r\ny', ctx), true);
    });

    it('single line answered on the next line: not at the leading newline', () => {
      const ctx = at('x = 1|', { mode: 'single' });
      assert.equal(isDecided('\n', ctx), false);
      assert.equal(isDecided('\ny = ', ctx), false);
      assert.equal(isDecided('\ny = 2\n', ctx), true);
    });

    it('single line mid-line: at the first newline', () => {
      const ctx = at('print(|, end="")');
      assert.equal(isDecided('"hi"', ctx), false);
      assert.equal(isDecided('"hi", end="")', ctx), false);
      assert.equal(isDecided('"hi", end="")\n', ctx), true);
      assert.equal(isDecided('\n', ctx), true);
    });

    it('between brackets the editor closed: a line of its own at the first newline; a body where it rejoins the closer', () => {
      const ctx = at('print(|)\nrun()\n');
      assert.equal(isDecided('"hi")', ctx), false);
      assert.equal(isDecided('"hi")\n', ctx), true);
      assert.equal(isDecided('\n', ctx), false, 'the answer starts the arguments on lines of their own');
      assert.equal(isDecided('\n    "hi",\n', ctx), false);
      assert.equal(isDecided('\n    "hi",\n)\nrun()\n', ctx), true);
      assert.equal(postprocess('\n    "hi",\n)\nrun()\n', ctx), '\n    "hi",\n');
    });

    it('multi-line: at a dedented line, not before', () => {
      const ctx = at('def add(a, b):|');
      assert.equal(isDecided('\n', ctx), false);
      assert.equal(isDecided('\n    return a + b', ctx), false);
      assert.equal(isDecided('\n    return a + b\n', ctx), false);
      assert.equal(isDecided('\n    return a + b\n\n\n', ctx), false);
      assert.equal(isDecided('\n    return a + b\n\n   ', ctx), false);
      assert.equal(isDecided('\n    return a + b\n\n\nd', ctx), true);
    });

    it('multi-line: at a line that repeats the code after the cursor, once that line is whole', () => {
      const ctx = at('def f(x):\n    |\n    return y\n');
      assert.equal(isDecided('y = x * 2\n    return y', ctx), false);
      assert.equal(isDecided('y = x * 2\n    return y\n', ctx), true);
      assert.equal(isDecided('y = x * 2\n    return yield_', ctx), false);
    });

    it('multi-line: after a line of code that recurs below the cursor (`// @ts-ignore`), only once the next line is whole', () => {
      const doc =
        "const inBrowser = () => {\n  retu|\n    // @ts-ignore\n    typeof window.document !== 'undefined' &&\n    // @ts-ignore\n    typeof navigator !== 'undefined'\n  );\n};\n";
      const missing = "rn (\n    // @ts-ignore\n    typeof window !== 'undefined' &&";
      const raw = `${missing}\n    // @ts-ignore\n    typeof window.document !== 'undefined' &&\n    // @ts-ignore\n`;
      const ctx = at(doc);
      assert.equal(isDecided("rn (\n    // @ts-ignore\n    typeof wind", ctx), false);
      assert.equal(accept(doc, postprocess(raw, ctx)), doc.replace('|', missing));
      assertDecidedIsFinal(raw, ctx);
    });

    it('multi-line: at maxLines', () => {
      const ctx = at('def f():|', { maxLines: 2 });
      assert.equal(isDecided('\n    a = 1\n    b = 2', ctx), false);
      assert.equal(isDecided('\n    a = 1\n    b = 2\n    c', ctx), true);
    });

    it('multi-line: not on a closing line that is still arriving', () => {
      const ctx = at('run(function () {|');
      assert.equal(ctx.mode, 'multi');
      const raw = '\n  go();\n});\nrun(other);\n';
      assert.equal(postprocess(raw, ctx), '\n  go();\n});');
      assertDecidedIsFinal(raw, ctx);
    });

    it('never decides before the answer shown is final', () => {
      const cases: Array<[string, string]> = [
        ['def add(a, b):|\n', '\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n'],
        ['function f() {|\n}\n', '\n  return 1;\n}\n'],
        ['function f() {|', '\n  return 1;\n}\n\nfunction g() {}\n'],
        ['class A {\n  m() {|\n}\n', '\n    return 1;\n  }\n}\n'],
        ['def f(x):\n    |\n    return y\n', 'y = x * 2\n    return y\n'],
        ['def f():\n    x = 1\n    |', 'y = 2\n    if y:\n        x += y\n\n    return x + y\n\nprint(f())\n'],
        ['print(|)', '"hi")\nprint("more")'],
        ['x = 1|', '\ny = 2\nz = 3'],
        ['const total = |', 'items.length;\nconsole.log(total);'],
        ['items.map((x) => {|', '\n  return x * 2;\n});\n'],
      ];
      const early = cases.filter(([doc, raw]) => assertDecidedIsFinal(raw, at(doc))).map(([doc]) => doc);
      // Where the answer has nothing after what is shown to tell its end by (it ends with the code below again, or
      // the file ends), the stream runs to its end; everywhere else it is cut early.
      assert.deepEqual(
        cases.map(([doc]) => doc).filter((doc) => !early.includes(doc)),
        ['function f() {|\n}\n', 'class A {\n  m() {|\n}\n', 'def f(x):\n    |\n    return y\n', 'x = 1|', 'items.map((x) => {|'],
      );
    });
  });

  describe('between brackets the editor just closed (`{|}`)', () => {
    const cases: Array<[string, string, string]> = [
      // [document, answer (the body, then the closer and the code after it again), document after accepting]
      ['function add(a, b) {|}\n\nadd(1, 2);\n', '\n  return a + b;\n}\n\nadd(1, 2);\n', 'function add(a, b) {\n  return a + b;\n}\n\nadd(1, 2);\n'],
      // In a class: the closer keeps the method's indentation; a closer of the body's own stays in the body.
      [
        'class A {\n  f(x: number): number {|}\n}\n',
        '\n    if (x > 0) {\n      return x;\n    }\n    return -x;\n  }\n}\n',
        'class A {\n  f(x: number): number {\n    if (x > 0) {\n      return x;\n    }\n    return -x;\n  }\n}\n',
      ],
      // The closer goes down with the rest of its line.
      ['if (x) {|} else {\n  no();\n}\n', '\n  yes();\n} else {\n  no();\n}\n', 'if (x) {\n  yes();\n} else {\n  no();\n}\n'],
      ["import {|} from './x';\n", "\n  a,\n  b,\n} from './x';\n", "import {\n  a,\n  b,\n} from './x';\n"],
      // An element's content between the tags the editor closed.
      ['<nav>\n  <ul class="menu">|</ul>\n</nav>\n', '\n    <li>Home</li>\n  </ul>\n</nav>\n', '<nav>\n  <ul class="menu">\n    <li>Home</li>\n  </ul>\n</nav>\n'],
      // A callback's block, the call closed after it.
      ['app.get("/", (req, res) => {|});\napp.listen(3000);\n', '\n  res.send("hi");\n});\napp.listen(3000);\n', 'app.get("/", (req, res) => {\n  res.send("hi");\n});\napp.listen(3000);\n'],
    ];
    for (const [doc, answer, want] of cases) {
      it(`${JSON.stringify(doc.split('\n').find((l) => l.includes('|')))}: the body on lines of its own, the closer below it`, () => {
        const ctx = at(doc);
        assert.equal(ctx.mode, 'multi');
        assert.equal(accept(doc, postprocess(answer, ctx)), want);
        assertDecidedIsFinal(answer, ctx);
      });
    }

    it('an answer that goes on on the same line is one line, its closer not repeated', () => {
      const doc = 'function one() {|}\n';
      assert.equal(accept(doc, postprocess(' return 1; }\n\nfunction two() {\n', at(doc))), 'function one() { return 1; }\n');
      const paragraph = '<p>|</p>\n<p>Bye</p>\n';
      assert.equal(accept(paragraph, postprocess('Hello</p>\n<p>Bye</p>\n', at(paragraph))), '<p>Hello</p>\n<p>Bye</p>\n');
      const object = 'const o = {|};\nrun(o);\n';
      assert.equal(accept(object, postprocess(' a: 1 };\nrun(o);\n', at(object))), 'const o = { a: 1 };\nrun(o);\n');
    });

    it('shows nothing for an answer that writes no body', () => {
      assert.equal(postprocess('\n}\n', at('function f() {|}\n')), '');
    });
  });

  describe('chooseLineMode', () => {
    const cases: Array<[string, string, LineMode]> = [
      // Right after an opener, before its closer: one line or several (the arguments, a list, an object, a body).
      ['print(', ')', 'multi'],
      ['if (x) {', '} else {', 'multi'],
      ['foo(', 'a, b)', 'single'],
      ['print(', ', end="")', 'single'],
      ['x = 1', '', 'multi'],
      ['const total = ', '', 'multi'],
      ['def f():', '', 'multi'],
      ['function f() {', '', 'multi'],
      ['const f = () =>', '', 'multi'],
      ['items = [', '', 'multi'],
      ['if ready then', '', 'multi'],
      ['for i in 1..3 do', '', 'multi'],
      ['', '', 'multi'],
      ['    ', '', 'multi'],
      ['def f():', '  ', 'multi'],
      // Between a block's braces the editor just closed: the body, on lines of its own.
      ['function f() {', '}', 'multi'],
      ['  items.forEach((x) => {', '});', 'multi'],
      ['const options = {', '}', 'multi'],
      ['  <ul class="menu">', '</ul>', 'multi'],
      ['<ul>', '</ol>', 'single'],
    ];
    for (const [linePrefix, lineSuffix, mode] of cases) {
      it(`${JSON.stringify(linePrefix)} | ${JSON.stringify(lineSuffix)} → ${mode}`, () => {
        assert.equal(chooseLineMode(linePrefix, lineSuffix), mode);
      });
    }
  });

  it('indentOf reads tabs as stops every 8 columns, as files that mix tabs and spaces mean them', () => {
    assert.equal(indentOf('    x'), 4);
    assert.equal(indentOf('\tx'), 8);
    assert.equal(indentOf('\t  x'), 10);
    assert.equal(indentOf('  \tx'), 8);
    assert.equal(indentOf('x'), 0);
  });

  it('in GNU-style code (tabs and spaces mixed), a tab and two spaces is deeper than six spaces', () => {
    const doc = '      vector&\n      operator=(vector&& __x)\n      {\n\tif (__x.empty())\n\t  {\n\t    this->clear();\n\t    __x.clear(|\n      }\n';
    const answer = ');\n\t  }\n\treturn *this;\n      }\n';
    assert.equal(
      accept(doc, postprocess(answer, at(doc))),
      '      vector&\n      operator=(vector&& __x)\n      {\n\tif (__x.empty())\n\t  {\n\t    this->clear();\n\t    __x.clear();\n\t  }\n\treturn *this;\n      }\n',
    );
  });
});
