/** The key and the endpoint: no key means no request; the key goes only where the user said. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { StandIn } from '../standin/server';
import {
  TEST_KEY, openEditor, setUserSetting, sleep, statusBarText, typeText, until, waitForGhostText, withStandIn, workspaceFile,
} from './helpers';
import { userEye } from './userEye';

describe('API key and endpoint', function () {
  let standIn!: StandIn;
  withStandIn((s) => {
    standIn = s;
  });

  it('sends no request without a key, and the status bar says so', async function () {
    delete process.env.FIREWORKS_API_KEY;
    delete process.env.OPENAI_API_KEY;
    await vscode.commands.executeCommand('fireworks.clearApiKey');
    await openEditor('nokey.py', '');
    await typeText('def add(a, b):');
    await sleep(1000);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await sleep(500);
    assert.equal(standIn.completionRequests().length, 0, 'no completion request without a key');
    if (userEye.available) {
      const status = await until('the status bar to ask for a key', async () => {
        const text = await statusBarText();
        return text && /key/i.test(text) ? text : undefined;
      });
      assert.match(status, /set API key/i);
      await userEye.screenshot('status-no-key');
    }
  });

  it('stores a key typed into "Fireworks: Set API Key" and sends it as a Bearer header', async function () {
    delete process.env.FIREWORKS_API_KEY;
    const typedKey = 'fw_typed-into-the-input-box';
    if (userEye.available) {
      const command = vscode.commands.executeCommand('fireworks.setApiKey');
      await sleep(500);
      await userEye.type(typedKey, 5);
      await userEye.press('Enter');
      await command;
    } else {
      this.skip();
    }
    const check = await standIn.waitForRequest((r) => r.path.endsWith('/models'));
    assert.equal(check.headers.authorization, `Bearer ${typedKey}`, 'the key is checked against /models');
    await openEditor('withkey.py', '');
    await typeText('def add(a, b):');
    const request = await standIn.waitForRequest((r) => r.path.endsWith('/completions'), 5000);
    assert.equal(request.headers.authorization, `Bearer ${typedKey}`);
    await vscode.commands.executeCommand('fireworks.clearApiKey');
    process.env.FIREWORKS_API_KEY = TEST_KEY;
  });

  it('ignores an endpoint set in the workspace settings: the key never reaches it', async function () {
    const hostile = await StandIn.start();
    const settingsFile = workspaceFile('.vscode/settings.json');
    const original = await vscode.workspace.fs.readFile(settingsFile).then((b) => b, () => undefined);
    try {
      // VS Code drops workspace values of application-scoped settings without a trace, so a second, ordinary
      // setting in the same file tells when the file has been read.
      const marker = [91 + Math.floor(Math.random() * 8)];
      await vscode.workspace.fs.writeFile(
        settingsFile,
        Buffer.from(JSON.stringify({ 'fireworks.baseUrl': hostile.baseUrl, 'editor.rulers': marker })),
      );
      await until('VS Code to read the workspace settings', () =>
        JSON.stringify(vscode.workspace.getConfiguration('editor').inspect('rulers')?.workspaceValue) === JSON.stringify(marker) || undefined);
      await sleep(200);
      standIn.onCompletion(() => ({ kind: 'completion', chunks: ['\n    return a * b'] }));
      await openEditor('hostile.py', '');
      await typeText('def mul(a, b):');
      await waitForGhostText('return a * b');
      await standIn.waitForRequest((r) => r.path.endsWith('/completions'), 5000);
      assert.equal(hostile.requests.length, 0, 'the workspace-named endpoint got nothing');
    } finally {
      if (original) await vscode.workspace.fs.writeFile(settingsFile, original);
      await hostile.close();
    }
  });

  it('sends nothing when the endpoint setting is no URL, not even to the next endpoint down the list, and says why', async function () {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['\n    return a - b'] }));
    // OPENAI_API_BASE is the next endpoint down the list: here, the stand-in, so a fallback would show.
    process.env.OPENAI_API_BASE = standIn.baseUrl;
    try {
      await setUserSetting('baseUrl', 'localhost:11434/v1');
      await openEditor('bad_url.py', '');
      await typeText('def sub(a, b):');
      await sleep(900);
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await sleep(400);
      assert.equal(standIn.requests.length, 0, 'nothing sent anywhere');
      if (userEye.available) {
        assert.match((await statusBarText()) ?? '', /fireworks\.baseUrl "localhost:11434\/v1" is not an http\(s\) URL/);
        const toasts = await until('the notification', async () => {
          const list = await userEye.notifications();
          return list.length ? list : undefined;
        });
        assert.ok(toasts.some((t) => /not an http\(s\) URL/.test(t)), JSON.stringify(toasts));
      }
    } finally {
      delete process.env.OPENAI_API_BASE;
      await setUserSetting('baseUrl', standIn.baseUrl);
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });

  it('turns completions off and on with fireworks.toggleCompletions', async function () {
    await vscode.commands.executeCommand('fireworks.toggleCompletions');
    try {
      assert.equal(vscode.workspace.getConfiguration('fireworks').get('completions.enabled'), false);
      await openEditor('off.py', '');
      await typeText('def add(a, b):');
      await sleep(800);
      assert.equal(standIn.completionRequests().length, 0, 'no request while completions are off');
      if (userEye.available) assert.match((await statusBarText()) ?? '', /off/i);
    } finally {
      await vscode.commands.executeCommand('fireworks.toggleCompletions');
    }
    assert.equal(vscode.workspace.getConfiguration('fireworks').get('completions.enabled'), true);
    // On again: the next pause asks.
    await typeText('\n    return a + b');
    await standIn.waitForRequest((r) => r.path.endsWith('/completions'), 5000);
    if (userEye.available) assert.doesNotMatch((await statusBarText()) ?? '', /circle-slash|off/i);
  });

  it('says so when the workspace\'s own setting keeps a toggle from taking effect', async function () {
    const settingsFile = workspaceFile('.vscode/settings.json');
    const original = await vscode.workspace.fs.readFile(settingsFile).then((b) => b, () => undefined);
    try {
      await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify({ 'fireworks.completions.enabled': true })));
      await until('VS Code to read the workspace settings', () =>
        vscode.workspace.getConfiguration('fireworks').inspect('completions.enabled')?.workspaceValue === true || undefined);
      await vscode.commands.executeCommand('fireworks.toggleCompletions');
      assert.equal(vscode.workspace.getConfiguration('fireworks').get('completions.enabled'), true, 'the workspace value wins');
      if (userEye.available) {
        const toasts = await until('the warning', async () => {
          const list = (await userEye.notifications()).filter((t) => t.includes('fireworks.completions.enabled'));
          return list.length ? list : undefined;
        });
        assert.match(toasts[0], /this workspace's settings set fireworks\.completions\.enabled to true/);
      }
    } finally {
      await setUserSetting('completions.enabled', undefined);
      if (original) await vscode.workspace.fs.writeFile(settingsFile, original);
      else await vscode.workspace.fs.delete(settingsFile);
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });

  it('tells the user once, clearly, when the endpoint does not have the model', async function () {
    standIn.onCompletion(() => ({ kind: 'error', status: 404 }));
    await setUserSetting('completions.model', 'accounts/fireworks/models/no-such-model');
    try {
      await openEditor('missing_model.py', '');
      await typeText('x = ');
      await standIn.waitForRequest((r) => r.path.endsWith('/completions'), 5000);
      await typeText('1 + ');
      await sleep(800);
      assert.equal(standIn.completionRequests().length, 1, 'no more requests for a model the endpoint does not have');
      if (userEye.available) {
        const toasts = await until('the notification', async () => {
          const list = await userEye.notifications();
          return list.length ? list : undefined;
        });
        const ours = toasts.filter((t) => t.includes('no-such-model'));
        assert.equal(ours.length, 1, `one notification, not one per request: ${JSON.stringify(toasts)}`);
        assert.match(ours[0], /not found or is not deployed/);
        await userEye.screenshot('model-not-found');
        const failing = (await statusBarText()) ?? '';
        assert.match(failing, /no-such-model/);
        // Another setting changed: completions stay paused for that model, and the status bar still says why.
        await setUserSetting('completions.debounceMs', 200);
        await sleep(500);
        assert.equal(await statusBarText(), failing);
      }
    } finally {
      await setUserSetting('completions.debounceMs', undefined);
      await setUserSetting('completions.model', undefined);
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });
});
