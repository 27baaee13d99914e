import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveSettings } from '../../src/core/settings';

interface Property {
  default?: unknown;
  scope?: string;
  markdownDescription?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: {
    configuration: { properties: Record<string, Property> };
    commands: Array<{ command: string; title: string; category?: string }>;
    keybindings: Array<{ command: string; key: string; when?: string }>;
    viewsContainers: { activitybar: Array<{ id: string; icon: string }> };
    views: Record<string, Array<{ id: string; type?: string }>>;
  };
};
const properties = manifest.contributes.configuration.properties;

/** Whether a setting only VS Code reads, in a keybinding's `when` clause, is used there. */
function readByKeybinding(key: string): boolean {
  return manifest.contributes.keybindings.some((k) => (k.when ?? '').split(/[\s&|!()]+/).includes(`config.${key}`));
}

describe('package.json contributions', () => {
  it('declares the defaults the code uses when a setting is unset', () => {
    const settings = resolveSettings({}, {});
    const inCode: Record<string, unknown> = {
      'fireworks.baseUrl': settings.baseUrl,
      'fireworks.chat.model': settings.chat.model,
      'fireworks.http2': settings.http2,
    };
    for (const [key, value] of Object.entries(settings.completions)) inCode[`fireworks.completions.${key}`] = value;
    for (const [key, property] of Object.entries(properties)) {
      if (key in inCode) assert.deepEqual(property.default, inCode[key], `default of ${key}`);
      else assert.ok(readByKeybinding(key), `${key} is read by the code or by a keybinding's when clause`);
    }
    for (const key of Object.keys(inCode)) assert.ok(key in properties, `${key} is declared in package.json`);
  });

  it('lets only the user choose where the key is sent', () => {
    assert.equal(properties['fireworks.baseUrl'].scope, 'application');
  });

  it('describes every setting in markdown', () => {
    for (const [key, property] of Object.entries(properties)) assert.ok(property.markdownDescription, key);
  });

  it('lets Tab accept indented ghost text only where VS Code would indent, and only while the setting is on', () => {
    const tab = manifest.contributes.keybindings.filter((k) => k.key === 'tab');
    assert.equal(tab.length, 1);
    assert.equal(tab[0].command, 'editor.action.inlineSuggest.commit');
    const terms = (tab[0].when ?? '').split(' && ');
    for (const term of ['config.fireworks.completions.tabAcceptsIndentedGhostText', 'inlineSuggestionVisible', '!inlineSuggestionHasIndentationLessThanTabSize', '!suggestWidgetVisible', '!editorTabMovesFocus']) {
      assert.ok(terms.includes(term), term);
    }
    assert.equal(properties['fireworks.completions.tabAcceptsIndentedGhostText'].default, true);
  });

  it('contributes the commands of the public contract', () => {
    const ids = manifest.contributes.commands.map((c) => c.command);
    for (const id of ['fireworks.setApiKey', 'fireworks.clearApiKey', 'fireworks.toggleCompletions']) assert.ok(ids.includes(id), id);
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'Fireworks', command.command);
  });

  it('contributes the chat of the public contract', () => {
    const { commands, viewsContainers, views } = manifest.contributes;
    const container = viewsContainers.activitybar.find((c) => c.id === 'fireworks');
    assert.ok(container, 'activity-bar container fireworks');
    const icon = fs.readFileSync(path.join(__dirname, '..', '..', container.icon), 'utf8');
    assert.match(icon, /width="24" height="24"/);
    assert.match(icon, /currentColor/);
    assert.deepEqual(views.fireworks.map((v) => [v.id, v.type]), [['fireworks.chatView', 'webview']]);
    const ask = commands.find((c) => c.command === 'fireworks.ask');
    assert.equal(ask?.title, 'Ask Fireworks');
    assert.ok(commands.some((c) => c.command === 'fireworks.newChat'));
  });
});
