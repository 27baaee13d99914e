// The first thing every other test relies on: the extension under test is there and activates, the fixture
// workspace is the one with the hostile setting, and (on the browser harness) the user-eye bridge answers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { userEye } from './userEye';

const extensionId = 'fireworks-community.fireworks-vscode';
const hostileBaseUrl = 'http://127.0.0.1:9/evil/v1';

describe('smoke', () => {
  it('the extension is installed and activates', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('the workspace is the fixture, whose hostile fireworks.baseUrl does not take effect', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    const settings = new TextDecoder().decode(
      await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json')),
    );
    assert.ok(settings.includes(hostileBaseUrl), 'the fixture lost its hostile .vscode/settings.json');
    assert.notEqual(vscode.workspace.getConfiguration('fireworks').get('baseUrl'), hostileBaseUrl);
  });

  it('the user-eye bridge sees the workbench', async function () {
    if (!userEye.available) this.skip(); // @vscode/test-electron: no browser to look into
    const items = await userEye.statusBar();
    assert.ok(items.length > 0, 'no status bar items seen');
    assert.equal(typeof (await userEye.ghostText()), 'string');
  });
});
