/** What the user controls: languages, excluded files, the manual trigger, partial accept, untitled files. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { StandIn, promptOf } from '../standin/server';
import {
  acceptGhostText, ghostText, openEditor, setUserSetting, sleep, statusBarText, typeText, until, waitForGhostText, withStandIn, workspaceFile,
} from './helpers';
import { userEye } from './userEye';

describe('Control', function () {
  let standIn!: StandIn;
  withStandIn((s) => {
    standIn = s;
  });

  /** Types into a secrets file, pauses, asks by hand too: nothing may leave, and the status bar says why. */
  async function assertSecretsFileKeptOut(name: string, content: string, typed: string): Promise<void> {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['leaked'] }));
    await openEditor(name, content);
    await typeText(typed);
    await sleep(900);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await sleep(400);
    assert.equal(standIn.completionRequests().length, 0, `nothing from ${name} left the machine`);
    if (userEye.available) {
      const status = await until('the status bar to say so', async () => {
        const text = (await statusBarText()) ?? '';
        return /off for this file/.test(text) ? text : undefined;
      });
      assert.match(status, /off for this file/);
    }
  }

  it('sends nothing from a secrets file, and the status bar says "off for this file"', async function () {
    await assertSecretsFileKeptOut('.env', 'DATABASE_URL=postgres://user:hunter2@db/app\n', 'API_TOKEN=');
  });

  it('keeps a secrets file out even where the workspace has an exclude list of its own (.envrc, shell script)', async function () {
    await setUserSetting('completions.exclude', ['**/generated/**']);
    try {
      await assertSecretsFileKeptOut('.envrc', 'export AWS_SECRET_ACCESS_KEY=do-not-send-this\n', 'export TOKEN=');
    } finally {
      await setUserSetting('completions.exclude', undefined);
    }
  });

  it('keeps out files matching an exclude glob written relative to the workspace (internal/**, *.sql)', async function () {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['leaked'] }));
    await setUserSetting('completions.exclude', ['internal/**', '*.sql']);
    try {
      for (const [name, typed] of [['internal/billing.py', 'def charge('], ['reports/monthly.sql', 'SELECT ']] as const) {
        await openEditor(name, '');
        await typeText(typed);
        await sleep(900);
        await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
        await sleep(400);
        assert.equal(standIn.completionRequests().length, 0, `nothing from ${name} left the machine`);
        if (userEye.available) assert.match((await statusBarText()) ?? '', /off for this file/);
      }
      // A file the globs do not name still completes.
      await openEditor('public/api.py', '');
      await typeText('def get(');
      await standIn.waitForRequest((r) => r.path.endsWith('/completions'), 5000);
    } finally {
      await setUserSetting('completions.exclude', undefined);
    }
  });

  it('is off for a language switched off in fireworks.completions.languages, on again when switched on', async function () {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: [' plain words'] }));
    await setUserSetting('completions.languages', { '*': true, python: false });
    try {
      await openEditor('lang_off.py', '');
      await typeText('def add(a, b):');
      await sleep(900);
      assert.equal(standIn.completionRequests().length, 0, 'no request for a language switched off');
      if (userEye.available) assert.match((await statusBarText()) ?? '', /off for this language/);
      await setUserSetting('completions.languages', { '*': true, python: true });
      await typeText(' ');
      await standIn.waitForRequest((r) => r.path.endsWith('/completions'), 5000);
    } finally {
      await setUserSetting('completions.languages', undefined);
    }
  });

  it('completes code VS Code shows as plain text (CMake, with no extension for it), not a text file', async function () {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['main.cpp)'], ttftMs: 20 }));
    const notes = await openEditor('notes.txt', '');
    assert.equal(notes.document.languageId, 'plaintext');
    await typeText('Remember to ');
    await sleep(900);
    assert.equal(standIn.completionRequests().length, 0, 'no request from a text file (plaintext is off by default)');
    const cmake = await openEditor('CMakeLists.txt', 'cmake_minimum_required(VERSION 3.20)\nproject(demo)\n');
    assert.equal(cmake.document.languageId, 'plaintext', 'a bare VS Code has no CMake');
    await typeText('add_executable(demo ');
    await waitForGhostText('main.cpp');
    const request = await standIn.waitForRequest((r) => r.path.endsWith('/completions'), 5000);
    assert.match(promptOf(request), /# Path: CMakeLists\.txt\n/, "the prompt's path line in CMake's comment syntax");
  });

  it('asks at once on the manual trigger (Alt+\\), without the debounce', async function () {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['compute()'], ttftMs: 20 }));
    await setUserSetting('completions.debounceMs', 2000);
    try {
      await openEditor('manual.py', '');
      await typeText('result = ');
      const pressed = Date.now();
      if (userEye.available) await userEye.press('Alt+Backslash');
      else await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      const request = await standIn.waitForRequest((r) => r.path.endsWith('/completions'), 5000);
      assert.ok(request.receivedAt - pressed < 1500, `asked ${request.receivedAt - pressed} ms after the key, not after the 2000 ms debounce`);
      await waitForGhostText('compute()');
    } finally {
      await setUserSetting('completions.debounceMs', undefined);
    }
  });

  it("accepts word by word with VS Code's Accept Next Word, keeping the rest on screen without a request", async function () {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['total_price = quantity * unit_price'], ttftMs: 20 }));
    const editor = await openEditor('partial.py', 'quantity = 3\nunit_price = 2.5\n');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await waitForGhostText('total_price = quantity * unit_price');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.acceptNextWord');
    await until('the first word in the document', () => editor.document.getText().endsWith('\ntotal_price'));
    await sleep(500);
    if (userEye.available) assert.equal((await ghostText())?.trim(), '= quantity * unit_price');
    assert.equal(standIn.completionRequests().length, 1, 'the rest came from the same answer');
  });

  it('puts a similar snippet from another open file in the prompt, and nothing from an open secrets file or a language switched off', async function () {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['items, rate)'], ttftMs: 20 }));
    await openEditor('pricing.py', 'def invoice_total(items, rate):\n    return sum(i.price for i in items) * (1 + rate)\n');
    await openEditor('.env.local', 'INVOICE_API_TOKEN=do-not-send-this-invoice-total\n');
    // Markdown is off by default (fireworks.completions.languages): its notes stay on the machine too.
    await openEditor('invoice_notes.md', '# invoice_total(items, rate)\n\nprivate-notes-about-invoice-total items rate\n');
    await openEditor('checkout.py', 'from pricing import invoice_total\n\n');
    await typeText('total = invoice_total(');
    const request = await standIn.waitForRequest((r) => r.path.endsWith('/completions'), 5000);
    const prompt = promptOf(request);
    assert.ok(prompt.includes('# Path: pricing.py\ndef invoice_total(items, rate):'), prompt);
    assert.ok(!prompt.includes('do-not-send-this'), 'the secrets file stays on the machine');
    assert.ok(!prompt.includes('private-notes'), 'the Markdown file (a language switched off) stays on the machine');
  });

  it('names a file outside the workspace by its name alone, never by a full path that tells where the user keeps it', async function () {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['a + b'], ttftMs: 20 }));
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fw-outside-'));
    const file = path.join(dir, 'outside_sum.py');
    await fs.writeFile(file, 'def add(a, b):\n    return ');
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      const end = document.lineAt(document.lineCount - 1).range.end;
      editor.selection = new vscode.Selection(end, end);
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      const prompt = promptOf(await standIn.waitForRequest((r) => r.path.endsWith('/completions'), 5000));
      assert.ok(prompt.includes('# Path: outside_sum.py\n'), prompt.slice(0, 300));
      assert.ok(!prompt.includes(dir), 'the folder it is in stays on the machine');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('completes in a notebook cell, with the code cells around it and the notebook\'s path in the prompt', async function () {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['\n    return x ** 2'], ttftMs: 20 }));
    const notebook = {
      cells: [
        { cell_type: 'code', source: ['import pandas as pd\n', 'sales = pd.read_csv("sales.csv")\n'], metadata: {}, outputs: [], execution_count: null },
        { cell_type: 'markdown', source: ['Notes that are not code\n'], metadata: {} },
        { cell_type: 'code', source: ['import math\n'], metadata: {}, outputs: [], execution_count: null },
        { cell_type: 'code', source: ['print(square(3))\n'], metadata: {}, outputs: [], execution_count: null },
      ],
      metadata: { language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 5,
    };
    const uri = workspaceFile('cells.ipynb');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(JSON.stringify(notebook)));
    const document = await vscode.workspace.openNotebookDocument(uri);
    await vscode.window.showNotebookDocument(document);
    const cell = document.cellAt(2).document;
    const editor = await until('the cell editor', () => vscode.window.visibleTextEditors.find((e) => e.document === cell));
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    const end = cell.lineAt(cell.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    await sleep(300);
    await typeText('def square(x):');
    const request = await standIn.waitForRequest((r) => r.path.endsWith('/completions'), 5000);
    const prompt = promptOf(request);
    assert.ok(prompt.includes('# Path: cells.ipynb\nimport pandas as pd\nsales = pd.read_csv("sales.csv")\n\nimport math\ndef square(x):'), prompt);
    assert.ok(!prompt.includes('Notes that are not code'), 'a Markdown cell is not code');
    assert.ok(prompt.includes('<|fim_suffix|>\n\nprint(square(3))'), 'the code cell below follows the cursor');
    await waitForGhostText('return x ** 2');
    await acceptGhostText();
    await until('the completion in the cell', () => cell.getText().includes('return x ** 2'));
    assert.equal(cell.getText(), 'import math\ndef square(x):\n    return x ** 2');
  });

  it('completes in an untitled file', async function () {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['\n    return a * b'], ttftMs: 20 }));
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: '' });
    const editor = await vscode.window.showTextDocument(document);
    await typeText('def mul(a, b):');
    await waitForGhostText('return a * b');
    assert.equal(standIn.completionRequests().length >= 1, true);
    assert.equal(editor.document.uri.scheme, 'untitled');
  });
});
