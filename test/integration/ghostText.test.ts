/** Ghost text as the user sees it, in a real VS Code, from the project's Fireworks stand-in. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { StandIn, promptOf } from '../standin/server';
import {
  TEST_KEY, acceptGhostText, ghostText, openEditor, setUserSetting, showNextSuggestion, sleep, triggerAt, typeText, until, waitForGhostText, withStandIn,
} from './helpers';
import { userEye } from './userEye';

describe('Ghost text', function () {
  let standIn!: StandIn;
  withStandIn((s) => {
    standIn = s;
  });

  it('appears in a Python file after a function header, and Tab inserts it', async function () {
    standIn.onCompletion((req) => {
      const prompt = promptOf(req);
      return prompt.includes('def add(a, b):<|fim_suffix|>')
        ? { kind: 'completion', chunks: ['\n    return', ' a + b\n', '\n\ndef sub(a, b):\n    return a - b\n'], ttftMs: 60, chunkDelayMs: 10 }
        : { kind: 'completion', chunks: [''] };
    });
    const editor = await openEditor('ghost_add.py', 'import math\n\n');
    // When each keystroke reached the document: on a loaded machine keys arrive with pauses, and a pause as long
    // as the debounce is one where a request is right to go.
    const edits: number[] = [];
    const watch = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === editor.document) edits.push(Date.now());
    });
    await typeText('def add(a, b):');
    const lastKey = Date.now();
    const seen = await waitForGhostText('return a + b');
    const shownAfter = Date.now() - lastKey;
    console.log(`  pause → ghost text on screen: ${shownAfter} ms (debounce 250 ms, stand-in first token 60 ms)`);
    if (userEye.available) {
      assert.equal(seen.trim(), 'return a + b', 'only the body of add is shown, not the next function');
      await userEye.screenshot('ghost-text-python');
    }
    await acceptGhostText();
    await until('the completion in the document', () => editor.document.getText().includes('return a + b'));
    assert.equal(editor.document.getText(), 'import math\n\ndef add(a, b):\n    return a + b');

    const sent = standIn.completionRequests();
    assert.ok(sent.length >= 1);
    const last = sent[sent.length - 1];
    assert.equal(last.headers.authorization, `Bearer ${TEST_KEY}`);
    assert.ok(promptOf(last).includes('# Path: ghost_add.py\nimport math\n\ndef add(a, b):<|fim_suffix|>'), promptOf(last));
    watch.dispose();
    const pauses = edits.slice(1).filter((at, i) => at - edits[i] >= 250).length;
    assert.ok(sent.length <= 2 + pauses, `a typed line costs few requests (sent ${sent.length}, ${pauses} pause(s) of 250 ms or more while typing)`);
  });

  it('offers other answers on Show Next Inline Suggestion (Alt+]), and Tab accepts the one on screen', async function () {
    standIn.onCompletion((req) => {
      if (!promptOf(req).includes('def pair(a, b):<|fim_suffix|>')) return { kind: 'completion', chunks: [''] };
      return {
        kind: 'completion',
        chunks: ['\n    return', ' (a, b)\n', '\n\ndef other():\n'],
        // With choice 0 (the same as the first answer: left out), two others.
        alternatives: [['\n    return', ' [a, b]\n', '\n\ndef other():\n'], ['\n    return', ' {a: b}\n']],
        ttftMs: 40,
        chunkDelayMs: 10,
      };
    });
    const editor = await openEditor('ghost_pair.py', 'import math\n\n');
    await typeText('def pair(a, b):');
    await waitForGhostText('return (a, b)');
    await showNextSuggestion();
    const asked = await standIn.waitForRequest((r) => (r.body as { n?: number }).n === 3, 8000);
    assert.ok(promptOf(asked).includes('def pair(a, b):<|fim_suffix|>'), 'the same prompt, for three choices');
    // The one shown first, then the others in the model's order.
    await waitForGhostText('return [a, b]');
    await showNextSuggestion();
    await waitForGhostText('return {a: b}');
    assert.equal(standIn.completionRequests().filter((r) => (r.body as { n?: number }).n === 3).length, 1, 'asked for once at this place');
    await acceptGhostText();
    await until('the chosen answer in the document', () => editor.document.getText().includes('return {a: b}'));
    assert.equal(editor.document.getText(), 'import math\n\ndef pair(a, b):\n    return {a: b}');
  });

  it('appears in a TypeScript file and does not repeat the closing brace already there', async function () {
    standIn.onCompletion((req) =>
      promptOf(req).includes('function greet(name: string) {')
        ? { kind: 'completion', chunks: ['\n  return `Hello, ${name}!`;', '\n}\n'], ttftMs: 40 }
        : { kind: 'completion', chunks: [''] },
    );
    const editor = await openEditor('ghost_greet.ts', 'export function greet(name: string) {\n}\n');
    await triggerAt(editor, 0, 37);
    const request = await standIn.waitForRequest((r) => r.path.endsWith('/completions'), 5000);
    assert.ok(promptOf(request).endsWith('{<|fim_suffix|>\n}\n<|fim_middle|>'), `cursor after the brace: ${promptOf(request)}`);
    const seen = await waitForGhostText('return `Hello, ${name}!`;');
    if (userEye.available) await userEye.screenshot('ghost-text-typescript');
    assert.equal(seen.trim(), 'return `Hello, ${name}!`;', 'the brace that already follows is not suggested again');
    await acceptGhostText();
    await until('the completion in the document', () => editor.document.getText().includes('Hello'));
    assert.equal(editor.document.getText(), 'export function greet(name: string) {\n  return `Hello, ${name}!`;\n}\n');
  });

  it('right after a function header whose brace the editor closed, shows the body below it and Tab leaves the closer on its own line', async function () {
    standIn.onCompletion((req) =>
      promptOf(req).includes('function add(a: number, b: number): number {<|fim_suffix|>}')
        ? { kind: 'completion', chunks: ['\n  return', ' a + b;\n', '}\n', '\nexport const two = add(1, 1);\n'], ttftMs: 40 }
        : { kind: 'completion', chunks: [''] },
    );
    // The cursor at the end of the header (openEditor puts it at the end of the file).
    const editor = await openEditor('ghost_body.ts', 'export const one = 1;\n\nfunction add(a: number, b: number): number ');
    await sleep(300);
    await typeText('{');
    if (!userEye.available) await vscode.commands.executeCommand('type', { text: '}' }).then(() => vscode.commands.executeCommand('cursorLeft'));
    await until('the brace closed by the editor', () => editor.document.lineAt(2).text === 'function add(a: number, b: number): number {}');
    const seen = await waitForGhostText('return a + b;');
    if (userEye.available) {
      assert.equal(seen.trim(), 'return a + b;', 'the body, not the closer again nor the code after it');
      await userEye.screenshot('ghost-text-block-body');
    }
    await acceptGhostText();
    await until('the body in the document', () => editor.document.getText().includes('return a + b;'));
    assert.equal(editor.document.getText(), 'export const one = 1;\n\nfunction add(a: number, b: number): number {\n  return a + b;\n}');
  });

  it('between the tags the editor closed after `<ul>`, shows the items below and Tab leaves the closing tag on its own line', async function () {
    standIn.onCompletion((req) =>
      promptOf(req).includes('<ul class="menu"><|fim_suffix|></ul>')
        ? { kind: 'completion', chunks: ['\n    <li>', 'Home</li>\n', '    <li>About</li>\n', '  </ul>\n', '</nav>\n'], ttftMs: 40 }
        : { kind: 'completion', chunks: [''] },
    );
    const editor = await openEditor('ghost_tags.html', '<nav>\n  <ul class="menu"></ul>\n</nav>\n');
    await triggerAt(editor, 1, 19);
    await waitForGhostText('<li>About</li>');
    if (userEye.available) await userEye.screenshot('ghost-text-between-tags');
    await acceptGhostText();
    await until('the items in the document', () => editor.document.getText().includes('About'));
    assert.equal(editor.document.getText(), '<nav>\n  <ul class="menu">\n    <li>Home</li>\n    <li>About</li>\n  </ul>\n</nav>\n');
  });

  it('after Enter between the braces, the body is still shown, without a request, and Tab adds no blank line', async function () {
    if (!userEye.available) this.skip(); // @vscode/test-electron: no browser to press Enter in
    standIn.onCompletion((req) =>
      promptOf(req).includes('function sub(a: number, b: number): number {<|fim_suffix|>}')
        ? { kind: 'completion', chunks: ['\n    return', ' a - b;\n', '}\n'], ttftMs: 40 }
        : { kind: 'completion', chunks: [''] },
    );
    // The model indents as the editor does (4 spaces here), so Enter types the start of the ghost text.
    const editor = await openEditor('ghost_body_enter.ts', 'export const one = 1;\n\nfunction sub(a: number, b: number): number ');
    await sleep(300);
    await typeText('{');
    await waitForGhostText('return a - b;');
    const asked = standIn.completionRequests().length;
    await userEye.press('Enter');
    await until('the closer moved below', () => editor.document.lineCount === 5);
    await sleep(600);
    assert.equal((await ghostText())?.trim(), 'return a - b;', `requests ${standIn.completionRequests().length - asked}; ${JSON.stringify(editor.document.getText())} at ${editor.selection.active.line}:${editor.selection.active.character}`);
    assert.equal(standIn.completionRequests().length, asked, 'the rest comes from the answer already there');
    await acceptGhostText();
    await until('the body in the document', () => editor.document.getText().includes('return a - b;'));
    assert.equal(editor.document.getText(), 'export const one = 1;\n\nfunction sub(a: number, b: number): number {\n    return a - b;\n}');
  });

  it('before the code of a line, inserts whole lines above it and Tab leaves that line in place', async function () {
    // The model writes the missing lines, then (junk) the line that is already there and what follows it.
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['log(x)\n', '    x += 1\n', '    return x\n', '\n\nprint(f(2))\n'], ttftMs: 40 }));
    const editor = await openEditor('lines_above.py', 'def f(x):\n    return x\n');
    await triggerAt(editor, 1, 4);
    const request = await standIn.waitForRequest((r) => r.path.endsWith('/completions'), 5000);
    assert.ok(promptOf(request).endsWith('def f(x):\n    <|fim_suffix|>return x\n<|fim_middle|>'), promptOf(request));
    await waitForGhostText('log(x)');
    if (userEye.available) await userEye.screenshot('ghost-text-lines-above');
    await acceptGhostText();
    await until('the lines in the document', () => editor.document.getText().includes('x += 1'));
    assert.equal(editor.document.getText(), 'def f(x):\n    log(x)\n    x += 1\n    return x\n');
  });

  it('from column 0 of an indented line, shows the lines to go above it and one Tab inserts them', async function () {
    // VS Code shows no ghost text that starts with the indentation that follows the cursor, and its Tab indents
    // rather than accepts ghost text starting with a tab's width of spaces there: the item must start after it.
    const places = [
      { name: 'above_col0.py', doc: 'def f(x):\n    y = x\n    return x\n', chunks: ['    x += 1\n', '    return x\n', '\n\nprint(f(2))\n'], want: 'x += 1' },
      // Less indented than the line: the shared part of the indentation is what the item starts after.
      { name: 'above_col0_less.py', doc: 'class A:\n    def f(self):\n        return 1\n', chunks: ['    # one\n', '        return 1\n'], want: '# one' },
    ];
    for (const { name, doc, chunks, want } of places) {
      standIn.onCompletion(() => ({ kind: 'completion', chunks, ttftMs: 40 }));
      const editor = await openEditor(name, doc);
      await triggerAt(editor, 2, 0);
      await waitForGhostText(want);
      if (userEye.available) await userEye.screenshot(`ghost-text-${name.replace(/\W+/g, '-')}`);
      await acceptGhostText();
      await until('the line in the document', () => editor.document.getText().includes(want));
      const lines = doc.split('\n');
      lines.splice(2, 0, chunks[0].slice(0, -1));
      assert.equal(editor.document.getText(), lines.join('\n'), `${name}: one Tab`);
    }
  });

  it('at column 0 of an empty line, shows lines that end with a line break (a blank line before the code below) and Tab inserts them', async function () {
    // VS Code moves such an insertion to the end of the line above and then shows nothing: the item starts there.
    const doc = 'namespace std\n\n  namespace rel_ops\n  {\n  }\n}\n';
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['{\nBEGIN_VERSION\n', '\n  namespace rel_ops\n  {\n'], ttftMs: 40 }));
    const editor = await openEditor('empty_line_break.h', doc);
    await triggerAt(editor, 1, 0);
    await waitForGhostText('BEGIN_VERSION');
    await acceptGhostText();
    await until('the lines in the document', () => editor.document.getText().includes('BEGIN_VERSION'));
    assert.equal(editor.document.getText(), 'namespace std\n{\nBEGIN_VERSION\n\n  namespace rel_ops\n  {\n  }\n}\n');
  });

  it('in a file with Windows line endings, one Tab restores the missing lines exactly, line endings included', async function () {
    // The model answers with the file's CRLF line endings, and writes the code after the cursor again (junk).
    const original = 'def f(x):\r\n    y = x * 2\r\n    z = y + 1\r\n    return z\r\n\r\n\r\ndef g():\r\n    return 0\r\n';
    const cut = 'def f(x):\r\n    y = x * 2\r\n\r\n    return z\r\n\r\n\r\ndef g():\r\n    return 0\r\n';
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['    z = y', ' + 1\r\n', '    return z\r\n', '\r\n\r\ndef g():\r\n'], ttftMs: 30 }));
    const editor = await openEditor('crlf_lines.py', cut);
    assert.equal(editor.document.eol, vscode.EndOfLine.CRLF);
    await triggerAt(editor, 2, 0);
    await waitForGhostText('z = y + 1');
    await acceptGhostText();
    await until('the line in the document', () => editor.document.getText().includes('z = y + 1'));
    assert.equal(editor.document.getText(), original);
  });

  it('at column 0 of an empty line in a block, one Tab accepts the indented lines; with the setting off, Tab indents first', async function () {
    // VS Code's own Tab indents where the ghost text starts with a tab's width of spaces in the indentation; the
    // extension's Tab keybinding (fireworks.completions.tabAcceptsIndentedGhostText, on by default) accepts instead.
    if (!userEye.available) this.skip(); // @vscode/test-electron: no browser to press the Tab key in
    const doc = 'def f(x):\n    y = x\n\n    return y\n';
    const want = 'def f(x):\n    y = x\n    y += 1\n    return y\n';
    for (const setting of [true, false]) {
      await setUserSetting('completions.tabAcceptsIndentedGhostText', setting);
      standIn.onCompletion(() => ({ kind: 'completion', chunks: ['    y += 1', '\n    return y\n'], ttftMs: 40 }));
      const editor = await openEditor(`empty_col0_${setting}.py`, doc);
      await triggerAt(editor, 2, 0);
      await waitForGhostText('y += 1');
      if (setting) await userEye.screenshot('ghost-text-empty-line-col0');
      await userEye.press('Tab');
      if (setting) {
        await until('the line in the document', () => editor.document.getText().includes('y += 1'));
        assert.equal(editor.document.getText(), want, 'one Tab accepts');
      } else {
        await until('the indentation typed', () => editor.document.lineAt(2).text !== '');
        assert.equal(editor.document.lineAt(2).text.trim(), '', "VS Code's Tab indents, accepting nothing");
        await userEye.press('Tab');
        await until('the line in the document', () => editor.document.getText().includes('y += 1'));
        assert.equal(editor.document.getText(), want, 'the second Tab accepts the rest');
      }
    }
    await setUserSetting('completions.tabAcceptsIndentedGhostText', undefined);
  });

  /** Types `typed` into the ghost text on screen: `left` of it stays there, without a new request; then Tab. */
  async function typeIntoGhostText(typed: string, left: string): Promise<void> {
    const before = standIn.completionRequests().length;
    await typeText(typed, 120);
    await sleep(600);
    if (userEye.available) assert.equal((await ghostText())?.trim(), left);
    assert.equal(standIn.completionRequests().length, before, 'typing what the ghost text suggests costs no request');
    await acceptGhostText();
  }

  it('keeps the ghost text while the user types into it, without a new request', async function () {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['compute_total(', 'items, tax)'], ttftMs: 30 }));
    const editor = await openEditor('typed_ahead.py', 'items = []\ntax = 0.2\n');
    await typeText('total = ');
    await waitForGhostText('compute_total(items, tax)');
    await typeIntoGhostText('compute_', 'total(items, tax)');
    await until('the accepted text', () => editor.document.getText().includes('items, tax'));
    assert.equal(editor.document.getText(), 'items = []\ntax = 0.2\ntotal = compute_total(items, tax)');
  });

  it('in a file with Windows line endings, keeps the ghost text while the user types into it across a line break, without a new request', async function () {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['\n    return a + b\n'], ttftMs: 30 }));
    const editor = await openEditor('crlf_typed.py', 'import os\r\n\r\n');
    assert.equal(editor.document.eol, vscode.EndOfLine.CRLF);
    await typeText('def add(a, b):');
    await waitForGhostText('return a + b');
    // Enter (the editor indents the new line), then the start of the line the ghost text shows.
    await typeIntoGhostText('\nret', 'urn a + b');
    await until('the accepted text', () => editor.document.getText().includes('a + b'));
    assert.equal(editor.document.getText(), 'import os\r\n\r\ndef add(a, b):\r\n    return a + b');
  });

  it('where the editor closed a bracket typed into the ghost text, other answers (Alt+]) keep it replacing that closer: Tab does not double it', async function () {
    standIn.onCompletion((req) => {
      // The other answers are asked for where the user is now: after `compute_total(`, its closer already there.
      if ((req.body as { n?: number }).n === 3) return { kind: 'completion', chunks: ['items, tax'], alternatives: [['items, 0.1']], ttftMs: 30 };
      return { kind: 'completion', chunks: ['compute_total(', 'items, tax)'], ttftMs: 30 };
    });
    const editor = await openEditor('alt_closer.py', 'items = []\ntax = 0.2\n');
    await typeText('total = ');
    await waitForGhostText('compute_total(items, tax)');
    await typeText('compute_total(');
    await until('the closer the editor adds', () => editor.document.lineAt(2).text === 'total = compute_total()');
    await waitForGhostText('items, tax');
    // VS Code asks the provider again 50 ms after the last key: other answers are for the place it has shown there.
    await sleep(500);
    await showNextSuggestion();
    await waitForGhostText('items, 0.1');
    await showNextSuggestion();
    await waitForGhostText('items, tax');
    await acceptGhostText();
    await until('the accepted text', () => editor.document.lineAt(2).text.includes('tax)'));
    assert.equal(editor.document.getText(), 'items = []\ntax = 0.2\ntotal = compute_total(items, tax)');
  });

  it('offers other answers (Alt+]) right after a key typed into the ghost text, before VS Code asks for the new place', async function () {
    standIn.onCompletion((req) => {
      if ((req.body as { n?: number }).n === 3) return { kind: 'completion', chunks: ['_total(items, tax)'], alternatives: [['_total(items, 0.1)']], ttftMs: 30 };
      return { kind: 'completion', chunks: ['compute_total(', 'items, tax)'], ttftMs: 30 };
    });
    const editor = await openEditor('alt_at_once.py', 'items = []\ntax = 0.2\n');
    await typeText('total = ');
    await waitForGhostText('compute_total(items, tax)');
    const before = standIn.completionRequests().length;
    await typeText('compute', 0);
    await showNextSuggestion();
    await waitForGhostText('_total(items, 0.1)');
    const asked = standIn.completionRequests().slice(before);
    assert.deepEqual(asked.map((r) => (r.body as { n?: number }).n), [3], 'one request, for the other answers: none for a new single one');
    await acceptGhostText();
    await until('the chosen answer', () => editor.document.lineAt(2).text.includes('0.1'));
    assert.equal(editor.document.lineAt(2).text, 'total = compute_total(items, 0.1)');
  });

  it('at column 0 of an empty line, keeps a ghost text that ends with a line break while the user types into it, without a new request', async function () {
    // The item starts at the end of the line above (see above); typing at the cursor must not lose it.
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['import sys\n', '\ndef main():\n'], ttftMs: 30 }));
    const editor = await openEditor('typed_from_above.py', 'import os\n\ndef main():\n    pass\n');
    await triggerAt(editor, 1, 0);
    await waitForGhostText('import sys');
    await typeIntoGhostText('impo', 'rt sys');
    await until('the accepted text', () => editor.document.getText().includes('sys'));
    assert.equal(editor.document.getText(), 'import os\nimport sys\n\ndef main():\n    pass\n');
  });

  it('aborts a request superseded by typing and never shows its answer', async function () {
    let first = true;
    standIn.onCompletion(() => {
      if (first) {
        first = false;
        return { kind: 'completion', chunks: ['STALE_ANSWER'], ttftMs: 3000 };
      }
      return { kind: 'completion', chunks: ['fresh_answer()'], ttftMs: 30 };
    });
    const editor = await openEditor('ghost_abort.py', '');
    await typeText('value = ');
    const slow = await standIn.waitForRequest((r) => r.path.endsWith('/completions'), 5000);
    await typeText('compute');
    await slow.done;
    assert.equal(slow.aborted, true, 'the superseded HTTP request was closed by the extension');
    await waitForGhostText('fresh_answer()');
    assert.ok(!(await ghostText() ?? '').includes('STALE_ANSWER'));
    assert.ok(!editor.document.getText().includes('STALE_ANSWER'));
  });
});
