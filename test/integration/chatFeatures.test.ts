/**
 * The chat beyond one question and answer, in a real VS Code: context chips (the selection, files chosen with `@`),
 * slash commands and editor actions, Regenerate, edit and resend, reasoning, New File, the model picker, the
 * history, and what the view offers when the key is missing or rejected.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RecordedRequest, StandIn } from '../standin/server';
import { askInView, chatAnswer, lastAnswer, lastUserMessage, openChat, query, userMessages, visible, waitForAnswer, withChatView, VIEW } from './chatView';
import { TEST_KEY, openEditor, setUserSetting, sleep, until } from './helpers';
import { userEye } from './userEye';

const EXPLAIN = 'Explain what the attached code does';
const FIX = 'Find the bugs and problems in the attached code';

function chatRequests(standIn: StandIn, count: number): Promise<RecordedRequest[]> {
  return until(`${count} chat request(s)`, () => (standIn.chatRequests().length >= count ? standIn.chatRequests() : undefined), 10000);
}

describe('Chat: context, commands and control', function () {
  let standIn!: StandIn;

  withChatView((s) => {
    standIn = s;
  }, { closeEditors: true });

  it('shows the selection as a chip that follows the editor and can be removed before sending', async function () {
    standIn.onChat(() => chatAnswer(['Noted.']));
    const editor = await openEditor('chip_sel.py', 'import os\n\ndef area(w, h):\n    return w * h\n');
    editor.selection = new vscode.Selection(2, 0, 3, 16);
    const remove = await until('the selection chip', async () => (await visible('button[aria-label="Remove chip_sel.py:3-4"]'))[0]);
    assert.ok(remove);

    await userEye.frameClick(VIEW, 'button[aria-label="Remove chip_sel.py:3-4"]');
    await until('the chip gone', async () => (await visible('button[aria-label^="Remove "]')).length === 0);
    await askInView('Without the selection');
    const request = (await chatRequests(standIn, 1))[0];
    assert.equal(lastUserMessage(request), 'Without the selection', 'a removed chip is not sent');

    // A new selection brings the chip back, and it goes with the next question.
    editor.selection = new vscode.Selection(0, 0, 0, 9);
    await until('a chip for the new selection', async () => (await visible('button[aria-label="Remove chip_sel.py:1"]')).length === 1);
    await waitForAnswer('complete');
    await askInView('With the selection');
    const second = (await chatRequests(standIn, 2))[1];
    const sent = lastUserMessage(second);
    assert.ok(sent.includes('Selection from chip_sel.py (line 1, python)') && sent.includes('import os'), sent);
    assert.ok(!sent.includes('def area'), sent);
  });

  it('never sends a secrets file: its selection gets no chip, and Attach Current File and Explain refuse it', async function () {
    standIn.onChat(() => chatAnswer(['Nothing to see.']));
    const editor = await openEditor('.env', 'DB_PASSWORD=hunter2\n');
    editor.selection = new vscode.Selection(0, 0, 0, 19);
    await sleep(600);
    assert.equal((await visible('button[aria-label^="Remove .env"]')).length, 0, 'no chip for a selection in .env');
    const refusals = async (): Promise<number> => (await userEye.notifications()).filter((n) => /\.env looks like a secrets file/.test(n)).length;
    await userEye.frameClick(VIEW, 'button.attach-file');
    await until('Attach Current File to say it refuses .env', async () => (await refusals()) >= 1);
    assert.equal((await visible('button[aria-label^="Remove .env"]')).length, 0, 'Attach Current File refused .env');
    await vscode.commands.executeCommand('notifications.clearAll');
    const before = standIn.chatRequests().length;
    await vscode.commands.executeCommand('fireworks.explain');
    await until('Explain to say it refuses .env', async () => (await refusals()) >= 1);
    assert.equal(standIn.chatRequests().length, before, 'Explain on .env sent nothing');
    await vscode.commands.executeCommand('notifications.clearAll');
    await askInView('Anything?');
    const sent = (await chatRequests(standIn, before + 1))[before];
    assert.ok(!JSON.stringify(sent.body).includes('hunter2'), 'the secret is in no request');
    await waitForAnswer('complete');
  });

  it('offers workspace files after @, and sends the chosen file with the question', async function () {
    standIn.onChat(() => chatAnswer(['It greets.']));
    await openEditor('mention_other.ts', 'export const other = 1;\n');
    await openChat();
    await userEye.frameClick(VIEW, 'textarea');
    await userEye.type('@demo', 20);
    // The list follows the typing (`@` first offers every open editor): wait for the one for `@demo`.
    await until('only files matching @demo offered: demo.py, not mention_other.ts', async () => {
      const found = await visible('[role="option"]');
      return found.some((o) => o.text.includes('demo.py')) && !found.some((o) => o.text.includes('mention_other'));
    });
    await userEye.press('Enter');
    await until('a chip for demo.py', async () => (await visible('button[aria-label="Remove demo.py"]')).length === 1);
    const draft = (await query('textarea'))[0]?.value ?? '';
    assert.equal(draft.includes('@demo'), false, `the typed mention leaves the input: ${JSON.stringify(draft)}`);
    await userEye.type('What does this file do?\n', 5);

    const sent = lastUserMessage((await chatRequests(standIn, 1))[0]);
    assert.ok(sent.includes('File demo.py (python):'), sent);
    assert.ok(sent.includes('def greet'), 'the file\'s text goes with the question');
    assert.ok(sent.endsWith('What does this file do?'), sent);
    await waitForAnswer('complete');
    assert.ok((await query('.message.question .attachment')).some((a) => a.text.includes('demo.py')), 'the question shows the file');
    assert.equal((await visible('button[aria-label="Remove demo.py"]')).length, 0, 'a file goes with one question');
  });

  it('runs Fix from the editor on the selection, and /explain typed in the view', async function () {
    standIn.onChat(() => chatAnswer(['```python\ndef area(w, h):\n    return w * h\n```\n']));
    const editor = await openEditor('actions.py', 'def area(w, h):\n    return w * h +\n');
    editor.selection = new vscode.Selection(0, 0, 1, 20);
    await sleep(300);
    await vscode.commands.executeCommand('fireworks.fix');
    const fix = lastUserMessage((await chatRequests(standIn, 1))[0]);
    assert.ok(fix.includes('Selection from actions.py (lines 1-2, python)'), fix);
    assert.ok(fix.includes(FIX), fix);
    await waitForAnswer('complete');
    assert.ok((await query('.question-text')).some((q) => q.text === '/fix'), 'the conversation shows the command');

    await askInView('/explain briefly');
    const explain = lastUserMessage((await chatRequests(standIn, 2))[1]);
    assert.ok(explain.includes(EXPLAIN) && explain.endsWith('briefly'), explain);
    assert.ok(explain.includes('return w * h +'), 'the selection goes with a slash command');

    // The fix, applied to the file it was asked about (closed meanwhile): shown as a diff, then made.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await userEye.frameClick(VIEW, '.message.answer button[aria-label="Apply to File"]');
    await until('the fix shown as a diff', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'fireworks-proposed'));
    await vscode.commands.executeCommand('fireworks.applyProposed');
    const fixed = (): string | undefined => vscode.workspace.textDocuments.find((d) => d.uri.toString() === editor.document.uri.toString())?.getText();
    await until('the fix applied', () => fixed() === 'def area(w, h):\n    return w * h\n');
  });

  it('sends an image chosen with Attach Image or pasted to the model, as an image part after the question', async function () {
    // A 1×1 PNG, as a screenshot would come.
    const pixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    standIn.onChat(() => chatAnswer(['A single red pixel.']));
    await openChat();
    await userEye.frameChooseFiles(VIEW, 'button.attach-image', [{ name: 'pixel.png', mimeType: 'image/png', base64: pixel }]);
    await until('a chip for the image', async () => (await visible('button[aria-label="Remove pixel.png (1 KB)"]')).length === 1);
    await userEye.screenshot('chat-image-chip');
    await userEye.frameClick(VIEW, 'textarea');
    await userEye.type('What is in this image?\n', 5);
    const request = (await chatRequests(standIn, 1))[0];
    const messages = (request.body as { messages: Array<{ role: string; content: unknown }> }).messages;
    assert.deepEqual(messages[messages.length - 1], {
      role: 'user',
      content: [
        { type: 'text', text: 'What is in this image?' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${pixel}` } },
      ],
    });
    await waitForAnswer('complete');
    assert.ok((await query('.message.question .attachment')).some((a) => a.text.includes('pixel.png')), 'the question shows the image');
    assert.equal((await visible('button[aria-label^="Remove pixel.png"]')).length, 0, 'an image goes with one question');

    // A screenshot pasted into the input goes the same way; an SVG is refused, with the reason.
    await userEye.framePasteFile(VIEW, 'textarea', { name: 'image.png', mimeType: 'image/png', base64: pixel });
    await until('a chip for the pasted image', async () => (await visible('button[aria-label="Remove image.png (1 KB)"]')).length === 1);
    await userEye.framePasteFile(VIEW, 'textarea', { name: 'logo.svg', mimeType: 'image/svg+xml', base64: Buffer.from('<svg/>').toString('base64') });
    await until('the SVG refused', async () => (await userEye.notifications()).some((n) => n.includes('image/svg+xml is not supported')));
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.equal((await visible('button[aria-label^="Remove logo.svg"]')).length, 0);
    await userEye.frameClick(VIEW, 'textarea');
    await userEye.type('And this one?\n', 5);
    const second = (await chatRequests(standIn, 2))[1];
    const sent = (second.body as { messages: Array<{ role: string; content: unknown }> }).messages;
    assert.deepEqual(sent[sent.length - 1].content, [
      { type: 'text', text: 'And this one?' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${pixel}` } },
    ]);
    assert.equal(sent[sent.length - 3].content, '[Image attached by the user: pixel.png]\n\nWhat is in this image?', 'the earlier image is named, not sent again');
  });

  it('regenerates the last answer in its place, and resends an edited question', async function () {
    let n = 0;
    standIn.onChat(() => chatAnswer([`Answer number ${++n}.`]));
    await askInView('First try');
    await until('the first answer', async () => (await lastAnswer('complete'))?.text.includes('Answer number 1'));
    await userEye.frameClick(VIEW, 'button[aria-label="Regenerate"]');
    await until('the second answer', async () => (await lastAnswer('complete'))?.text.includes('Answer number 2'));
    const requests = await chatRequests(standIn, 2);
    assert.deepEqual(userMessages(requests[1]), ['First try'], 'the same question, without the answer it replaces');
    assert.equal((await query('.message.answer')).length, 1);
    assert.equal((await query('.message.question')).length, 1);

    await userEye.frameClick(VIEW, 'button[aria-label="Edit and Resend"]');
    await until('the question in the input', async () => (await query('textarea'))[0]?.value === 'First try');
    // Backspaces, not Ctrl+A: VS Code forwards select-all to a webview asynchronously, after keys typed next.
    await userEye.press('End');
    for (let i = 0; i < 'First try'.length; i++) await userEye.press('Backspace');
    await until('the input emptied', async () => (await query('textarea'))[0]?.value === '');
    await userEye.type('Second try\n', 5);
    await until('the third answer', async () => (await lastAnswer('complete'))?.text.includes('Answer number 3'));
    assert.deepEqual(userMessages((await chatRequests(standIn, 3))[2]), ['Second try']);
    assert.deepEqual((await query('.question-text')).map((q) => q.text), ['Second try']);
  });

  it('folds the model\'s reasoning above the answer, and opens a code block in a new file', async function () {
    standIn.onChat(() => ({ kind: 'chat', reasoning: ['The user wants ', 'a greeting.'], content: ['Here:\n\n```python\nprint("hello")\n```\n'], chunkDelayMs: 10 }));
    await askInView('Say hello in Python');
    await waitForAnswer('complete');
    const reasoning = await until('the reasoning', async () => (await query('.message.answer details.reasoning'))[0]);
    assert.ok(!('open' in reasoning.attributes), 'folded');
    assert.ok(reasoning.text.includes('Thought'), reasoning.text);
    assert.ok(!(await query('.message.answer .markdown'))[0]?.text.includes('The user wants'), 'reasoning is not the answer');

    // Unfolded by the user, it stays unfolded when the view is hidden and shown again.
    await userEye.frameClick(VIEW, '.message.answer details.reasoning summary');
    await until('the reasoning unfolded', async () => 'open' in ((await query('.message.answer details.reasoning'))[0]?.attributes ?? {}));
    await sleep(600); // the view saves its state a moment after a change
    await vscode.commands.executeCommand('workbench.view.explorer');
    await until('the chat view gone', async () => !(await userEye.frameQuery(VIEW, VIEW)).found);
    await openChat();
    await waitForAnswer('complete');
    const shownAgain = await until('the reasoning shown again', async () => (await query('.message.answer details.reasoning'))[0]);
    assert.ok('open' in shownAgain.attributes, 'still unfolded');
    assert.ok(shownAgain.text.includes('The user wants a greeting.'), shownAgain.text);

    await userEye.frameClick(VIEW, 'button[aria-label="Open in New File"]');
    const editor = await until('a new editor with the code', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.isUntitled && active.document.getText().includes('print("hello")') ? active : undefined;
    });
    assert.equal(editor.document.languageId, 'python');
  });

  it('applies a code block to the definition it rewrites, shown first as a diff to apply', async function () {
    const before = 'def area(w, h):\n    return 0\n\n\ndef perimeter(w, h):\n    return 0\n';
    const editor = await openEditor('apply_shapes.py', before);
    standIn.onChat(() => chatAnswer(['Fixed:\n\n```python\ndef perimeter(w, h):\n    """Twice the sides."""\n    return 2 * (w + h)\n```\n']));
    await askInView('Fix perimeter');
    await waitForAnswer('complete');
    // Clicked twice (a double click): one review, not a second one over an emptied first.
    await userEye.frameClick(VIEW, 'button[aria-label="Apply to File"]');
    await userEye.frameClick(VIEW, 'button[aria-label="Apply to File"]');
    // Shown first as a diff: the file as it is beside the file as it would be.
    const proposedTabs = (): vscode.Tab[] =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'fireworks-proposed');
    const diff = await until('the change shown as a diff', () => proposedTabs()[0]);
    assert.equal(diff.label, 'apply_shapes.py ↔ code from the chat (in place of the definition it rewrites)');
    await sleep(800);
    assert.equal(proposedTabs().length, 1, 'one review open');
    assert.equal(editor.document.getText(), before, 'nothing changes before the user applies it');
    await userEye.screenshot('chat-apply-review');
    await vscode.commands.executeCommand('fireworks.applyProposed');
    await until('the change applied', () => editor.document.getText() !== before);
    await until('the diff closed', () => !vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff));
    assert.equal(editor.document.getText(), 'def area(w, h):\n    return 0\n\n\ndef perimeter(w, h):\n    """Twice the sides."""\n    return 2 * (w + h)\n');
  });

  it('while a review diff is open, Insert at Cursor puts code at the cursor of the file the user works in, not into the review', async function () {
    const before = 'import math\n\nx = 1\n';
    const editor = await openEditor('insert_beside_review.py', before);
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    standIn.onChat(() => chatAnswer(['Two:\n\n```python\ndef area(r):\n    return math.pi * r * r\n```\n\nand\n\n```python\ny = 2\n```\n']));
    await askInView('Two blocks');
    await waitForAnswer('complete');
    await userEye.frameClick(VIEW, 'button[aria-label="Apply to File"]');
    await until('the review open', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'fireworks-proposed'));
    await sleep(300);
    await userEye.frameClick(VIEW, 'div.code-block:has-text("y = 2") button[aria-label="Insert at Cursor"]');
    await until('the code inserted', () => editor.document.getText() !== before);
    assert.equal(editor.document.getText(), 'import math\n\ny = 2\nx = 1\n', 'at the cursor the user left, line 3');
    await vscode.commands.executeCommand('fireworks.discardProposed');
  });

  it('chooses the chat model from the view, from the endpoint\'s list', async function () {
    const chosen = 'accounts/fireworks/models/picked-chat-model';
    standIn.setModels([{ id: chosen, supports_chat: true }, { id: 'accounts/fireworks/models/base-coder', supports_chat: false }]);
    const before = vscode.workspace.getConfiguration('fireworks').get<string>('chat.model');
    try {
      await userEye.frameClick(VIEW, 'button[aria-label="Choose Model"]');
      await standIn.waitForRequest((r) => r.path.endsWith('/models'), 5000);
      await sleep(500);
      await userEye.type('picked-chat', 10);
      await sleep(200);
      await userEye.press('Enter');
      await until('the setting', () => vscode.workspace.getConfiguration('fireworks').get<string>('chat.model') === chosen);
      await until('the model shown in the view', async () => (await query('button[aria-label="Choose Model"]'))[0]?.attributes.title === chosen);
      standIn.onChat(() => chatAnswer(['ok']));
      await askInView('Which model?');
      assert.equal(((await chatRequests(standIn, 1))[0].body as { model?: string }).model, chosen);
    } finally {
      await setUserSetting('chat.model', before === chosen ? undefined : before);
    }
  });

  it('reopens an earlier chat from the history', async function () {
    standIn.onChat(() => chatAnswer(['Answered.']));
    await askInView('Question of the first chat');
    await waitForAnswer('complete');
    await vscode.commands.executeCommand('fireworks.newChat');
    await until('an empty conversation', async () => (await query('.message')).length === 0);
    await askInView('Question of the second chat');
    await waitForAnswer('complete');

    const picker = vscode.commands.executeCommand('fireworks.chatHistory');
    await sleep(500);
    await userEye.type('first chat', 10);
    await sleep(200);
    await userEye.press('Enter');
    await picker;
    await until('the first chat shown', async () => (await query('.question-text')).map((q) => q.text).join('|') === 'Question of the first chat');
  });

  it('renames and deletes a chat with the buttons of the history list', async function () {
    if (!userEye.available) this.skip(); // the list's item buttons are only reachable with a pointer
    standIn.onChat(() => chatAnswer(['Answered.']));
    await vscode.commands.executeCommand('fireworks.newChat');
    await askInView('Question of a chat to rename');
    await waitForAnswer('complete');
    const pageText = async (): Promise<string> => (await userEye.framesText()).map((frame) => frame.text).join('\n');

    const picker = vscode.commands.executeCommand('fireworks.chatHistory');
    await sleep(500);
    await userEye.type('chat to rename', 10);
    await sleep(200);
    await userEye.click('.quick-input-list .monaco-list-row.focused .codicon-edit');
    await sleep(400);
    await userEye.type('Renamed by the test\n', 10); // the old title is selected: typing replaces it
    // Back in the list, unfiltered (the old filter would hide the new name); the view's heading shows it in capitals.
    await until('the new name in the list', async () => (await pageText()).includes('Renamed by the test'));
    await userEye.type('Renamed by', 10);
    await sleep(200);
    await userEye.click('.quick-input-list .monaco-list-row.focused .codicon-trash');
    await until('the chat gone from the list', async () => !(await pageText()).includes('Renamed by the test'));
    await userEye.press('Escape');
    await picker;
    await until('a new, empty conversation in the view (the one shown was deleted)', async () => (await query('.message')).length === 0);
  });

  it('offers Set API Key on a rejected key, and keeps a question asked without a key, with the file attached to it', async function () {
    standIn.onChat(() => ({ kind: 'error', status: 401 }));
    await askInView('Is my key good?');
    await waitForAnswer('error');
    const buttons = await visible('.answer-error button');
    assert.ok(buttons.some((b) => /set api key/i.test(b.text)), buttons.map((b) => b.text).join(', '));

    await openEditor('kept_file.py', 'def kept():\n    return 1\n');
    await userEye.frameClick(VIEW, 'button.attach-file');
    await until('the file attached', async () => (await visible('button[aria-label="Remove kept_file.py"]')).length === 1);
    delete process.env.FIREWORKS_API_KEY;
    await vscode.commands.executeCommand('fireworks.clearApiKey');
    try {
      await until('the view to say there is no key', async () => (await visible('.no-key')).length === 1);
      const command = vscode.commands.executeCommand('fireworks.ask');
      await userEye.click('.quick-input-widget input');
      await userEye.type('Kept for later\n', 5);
      await command;
      await until('the question kept in the input', async () => (await query('textarea'))[0]?.value === 'Kept for later');
      assert.equal(standIn.chatRequests().length, 1, 'nothing was sent without a key');
      assert.equal((await query('button[aria-label="Remove kept_file.py"]')).length, 1, 'the attached file is still there for when the question is sent');
    } finally {
      process.env.FIREWORKS_API_KEY = TEST_KEY;
      await vscode.commands.executeCommand('fireworks.clearApiKey');
    }
  });

  it('says what is wrong with an endpoint setting that is no URL, instead of asking for a key', async function () {
    const endpoint = vscode.workspace.getConfiguration('fireworks').inspect<string>('baseUrl')?.globalValue;
    await setUserSetting('baseUrl', 'localhost:11434/v1');
    try {
      await until('the view to say what is wrong', async () => {
        const box = await visible('.no-key p');
        return box.length === 1 && /fireworks\.baseUrl "localhost:11434\/v1" is not an http\(s\) URL/.test(box[0].text);
      });
      assert.equal((await visible('.no-key button.set-key')).length, 0, 'no Set API Key button: the key is not the problem');
      assert.ok('disabled' in ((await query('textarea'))[0]?.attributes ?? {}), 'nothing can be typed to send');
    } finally {
      await setUserSetting('baseUrl', endpoint);
      await vscode.commands.executeCommand('notifications.clearAll');
    }
    await until('the no-key box gone again', async () => (await visible('.no-key')).length === 0);
  });
});
