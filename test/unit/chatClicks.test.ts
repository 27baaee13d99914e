import * as assert from 'node:assert/strict';
import { clickMessage, type ClickTarget } from '../../src/chat/webview/clicks';

const button = (action: string): ClickTarget => ({ kind: 'codeAction', action, code: 'print(1)', language: 'python', answerId: 'a1' });

describe('chat view clicks', () => {
  it('a middle or right click on a code block button does nothing (no Apply, Insert, Copy or New File)', () => {
    for (const action of ['copy', 'insert', 'apply', 'newfile']) assert.equal(clickMessage(button(action), 'auxclick'), undefined, action);
  });

  it('a click on a code block button sends its block to the host', () => {
    assert.deepEqual(clickMessage(button('apply'), 'click'), { type: 'applyCode', code: 'print(1)', answerId: 'a1' });
    assert.deepEqual(clickMessage(button('insert'), 'click'), { type: 'insertCode', code: 'print(1)' });
    assert.deepEqual(clickMessage(button('copy'), 'click'), { type: 'copyCode', code: 'print(1)' });
    assert.deepEqual(clickMessage(button('newfile'), 'click'), { type: 'newFile', code: 'print(1)', language: 'python' });
  });

  it('a link opens on a click only', () => {
    const link: ClickTarget = { kind: 'link', href: 'https://fireworks.ai' };
    assert.deepEqual(clickMessage(link, 'click'), { type: 'openLink', href: 'https://fireworks.ai' });
    assert.equal(clickMessage(link, 'auxclick'), undefined);
    assert.equal(clickMessage({ kind: 'link', href: null }, 'click'), undefined);
  });
});
