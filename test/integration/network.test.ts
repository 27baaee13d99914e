/**
 * The connection to the endpoint, in a real VS Code, through its own network support (proxy resolution, system
 * certificates): over HTTPS to an endpoint that offers HTTP/2, completions cut early (as most are) keep one
 * connection, instead of paying a new TLS handshake each. The runner makes the certificate and has the extension host
 * trust it as a machine trusts its CA (run-integration.mjs, suiteCertificate).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { StandIn, promptOf } from '../standin/server';
import { TEST_KEY, activateExtension, closeEditors, openEditor, setUserSetting, sleep, until, waitForGhostText } from './helpers';

const PLACES = 6;

describe('Connection to the endpoint', function () {
  let standIn: StandIn | undefined;

  before(async function () {
    const dir = process.env.FIREWORKS_TEST_TLS_DIR;
    assert.ok(dir, 'FIREWORKS_TEST_TLS_DIR: the runner makes a certificate for this suite (run-integration.mjs)');
    await activateExtension();
    standIn = await StandIn.start({
      tls: { key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8') },
    });
    process.env.FIREWORKS_API_KEY = TEST_KEY;
    await setUserSetting('baseUrl', standIn.baseUrl);
    await setUserSetting('completions.enabled', true);
  });
  after(async function () {
    await closeEditors();
    await standIn?.close();
  });

  it('over HTTPS with HTTP/2, a run of early-stopped completions keeps one connection', async function () {
    const server = standIn;
    assert.ok(server);
    // Each answer: its line, then more lines than are ever read (the stream is cut: early stop).
    server.onCompletion((req) => {
      const match = /value_(\d+) = <\|fim_suffix\|>/.exec(promptOf(req));
      return match
        ? { kind: 'completion', chunks: [`${100 + Number(match[1])}\n`, ...Array.from({ length: 80 }, (_, i) => `junk_${i} = 0\n`)], ttftMs: 30, chunkDelayMs: 15 }
        : { kind: 'completion', chunks: [''] };
    });
    const editor = await openEditor('network_values.py', '');
    for (let n = 0; n < PLACES; n++) {
      await editor.edit((edit) => edit.insert(editor.document.lineAt(editor.document.lineCount - 1).range.end, `${n ? '\n' : ''}value_${n} = `));
      const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      editor.selection = new vscode.Selection(end, end);
      await sleep(150);
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await server.waitForRequest((r) => promptOf(r).includes(`value_${n} = <|fim_suffix|>`), 8000);
      await waitForGhostText(String(100 + n));
      await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
    }
    const sent = server.completionRequests();
    await until('every stream cut', async () => { await Promise.all(sent.map((r) => r.done)); return true; });
    assert.ok(sent.length >= PLACES, `a request per place (${sent.length})`);
    assert.deepEqual([...new Set(sent.map((r) => r.httpVersion))], ['2.0'], 'HTTP/2 negotiated through VS Code\'s network support');
    for (const r of sent) assert.ok(r.aborted && r.streamedChunks < 81, `cut early (${r.streamedChunks} chunks written)`);
    // On HTTP/1.1 each cut closes its connection: as many connections as requests. On HTTP/2 one carries them all (a
    // second may open while the first is still being set up, when two requests start together).
    assert.ok(server.connections <= 2 && server.connections < sent.length / 2, `${server.connections} connection(s) for ${sent.length} early-stopped completions`);
  });
});
