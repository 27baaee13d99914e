/** The chat view as the user sees it, in a real VS Code, answered by the project's Fireworks stand-in. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { StandIn } from '../standin/server';
import { VIEW, askInView, chatAnswer, lastAnswer, lastUserMessage, openChat, query, setTheme, waitForAnswer, withChatView } from './chatView';
import { openEditor, sleep, until } from './helpers';
import { FrameElement, userEye } from './userEye';

describe('Chat view', function () {
  let standIn!: StandIn;

  withChatView((s) => {
    standIn = s;
  }, { theme: 'Default Dark Modern' });

  it('answers Ask Fireworks in the view, with the selection, bold text and a highlighted code block', async function () {
    standIn.onChat(() => chatAnswer([
      'The function `add` returns the **sum** of its two arguments.\n\n',
      'Here it is with a doc comment:\n\n```ts\n/** Adds two numbers. */\n',
      'export function add(a: number, b: number): number {\n  return a + b;\n}\n```\n',
    ], 30));
    const editor = await openEditor('chat_add.ts', 'import * as path from "node:path";\n\nfunction add(a: number, b: number) {\n  return a + b;\n}\n');
    editor.selection = new vscode.Selection(2, 0, 4, 1);
    await sleep(300);

    const command = vscode.commands.executeCommand('fireworks.ask');
    await userEye.click('.quick-input-widget input');
    await userEye.type('What does add do?\n', 5);
    await command;

    const request = await standIn.waitForRequest((r) => r.path.endsWith('/chat/completions'), 10000);
    const sent = lastUserMessage(request);
    assert.ok(sent.endsWith('What does add do?'), sent);
    assert.ok(sent.includes('Selection from chat_add.ts (lines 3-5, typescript)'), sent);
    assert.ok(sent.includes('function add(a: number, b: number) {\n  return a + b;\n}'), sent);
    assert.ok(!sent.includes('node:path'), 'only the selection is sent');

    const answer = await waitForAnswer('complete');
    assert.ok(answer.text.includes('returns the sum of its two arguments'), answer.text);
    assert.deepEqual((await query('.message.answer .markdown strong')).map((e) => e.text), ['sum']);
    assert.ok((await query('.message.answer .code-block code.language-ts .hljs-keyword')).length >= 3, 'the code block is highlighted');
    assert.deepEqual((await query('.code-block button')).map((b) => b.attributes['aria-label']), ['Copy', 'Insert at Cursor', 'Apply to File', 'Open in New File']);
    assert.ok((await query('.attachment')).some((a) => a.text.includes('chat_add.ts:3-5')), 'the question shows its attachment');
    assert.ok((await query('.answer-usage')).some((u) => /\d+ in · \d+ out/.test(u.text)), 'usage under the answer');
    await userEye.screenshot('chat-dark');

    // Copy puts the block on the clipboard; its button shows a check for a moment, then its icon again (clicked twice too).
    await userEye.frameClick(VIEW, 'button[aria-label="Copy"]');
    await userEye.frameClick(VIEW, 'button[aria-label="Copy"]');
    await until('the code on the clipboard', async () => (await vscode.env.clipboard.readText()).includes('return a + b;'));
    assert.equal((await query('button[aria-label="Copy"] .codicon-check')).length, 1);
    await sleep(2000);
    assert.equal((await query('button[aria-label="Copy"] .codicon-copy')).length, 1, 'the Copy button\'s own icon is back');
    assert.equal((await query('button[aria-label="Copy"] .codicon-check')).length, 0);

    // Insert at Cursor puts the block into the editor the user came from.
    editor.selection = new vscode.Selection(5, 0, 5, 0);
    await sleep(200);
    await userEye.frameClick(VIEW, 'button[aria-label="Insert at Cursor"]');
    await until('the code inserted', () => editor.document.getText().includes('/** Adds two numbers. */'));
  });

  it('shows a hostile answer as text: no script, no image, no javascript: link', async function () {
    standIn.onChat(() => chatAnswer([
      '<script>document.title = "pwned"</script>\n\n',
      '<img src=x onerror="document.title = \'pwned\'">\n\n',
      '[click me](javascript:alert(1)) and [docs](https://example.com/docs)\n\n',
      '![tracker](https://example.com/pixel.png)\n',
    ]));
    await askInView('Show me something dangerous');
    const answer = await waitForAnswer('complete');
    assert.ok(answer.text.includes('<script>document.title = "pwned"</script>'), `shown as text: ${answer.text}`);
    assert.deepEqual(await query('.messages script, .messages img, .messages iframe, .messages style, .messages [onerror], .messages a[href^="javascript"]'), []);
    // The image is shown as a link (the view fetches nothing an answer names); the javascript: link as text.
    assert.deepEqual((await query('.messages a')).map((a) => a.attributes.href), ['https://example.com/docs', 'https://example.com/pixel.png']);
    assert.deepEqual((await query('title')).map((t) => t.text), ['Fireworks Chat'], 'no script ran');
  });

  it('aligns a table\'s columns as the answer says, with classes (the CSP refuses style attributes)', async function () {
    standIn.onChat(() => chatAnswer(['| name | count |\n| :--- | ---: |\n', '| apples | 3 |\n| pears | 12 |\n']));
    await askInView('Count the fruit');
    await waitForAnswer('complete');
    assert.deepEqual((await query('.message.answer td.md-align-right')).map((e) => e.text), ['3', '12']);
    assert.deepEqual((await query('.message.answer th.md-align-left')).map((e) => e.text), ['name']);
    assert.deepEqual(await query('.messages [style]'), [], 'no style attribute: each would be refused, and logged');
  });

  it('streams a code block inside a list item where it belongs, in the item, not above the list', async function () {
    const code = Array.from({ length: 60 }, (_, i) => `   npm run step-${i}\n`);
    standIn.onChat(() => chatAnswer(['1. Install the package:\n', '   ```bash\n', ...code, '   ```\n', '2. Done.\n'], 60));
    await askInView('How do I install it?');
    await until('the code streaming in', async () => (await lastAnswer())?.text.includes('step-5'));
    const answer = await lastAnswer();
    assert.equal(answer?.attributes['data-state'], 'streaming', 'still streaming');
    assert.equal((await query('.message.answer ol li pre')).length, 1, 'the code shows inside the list item while it streams');
    await waitForAnswer('complete');
    assert.equal((await query('.message.answer ol li pre')).length, 1, 'and stays there');
  });

  it('resolves reference-style links once the answer is complete', async function () {
    standIn.onChat(() => chatAnswer(['See [the docs][1] for more.\n\n', 'Also this.\n\n', '[1]: https://example.com/docs\n']));
    await askInView('Where are the docs?');
    await waitForAnswer('complete');
    const links = await until('the link', async () => {
      const found = await query('.message.answer a[href="https://example.com/docs"]');
      return found.length ? found : undefined;
    });
    assert.equal(links[0].text, 'the docs');
    assert.ok(!(await lastAnswer())?.text.includes('[1]'), 'no reference left as text');
  });

  it('keeps a table wider than the sidebar to itself: it scrolls sideways, the conversation does not', async function () {
    const header = Array.from({ length: 9 }, (_, i) => `column_with_a_long_name_${i}`);
    const row = header.map((_, i) => `value_${i}_${'x'.repeat(20)}`);
    standIn.onChat(() => chatAnswer([`| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|\n| ${row.join(' | ')} |\n`]));
    await askInView('A wide table');
    await waitForAnswer('complete');
    const [table] = await query('.message.answer table');
    assert.ok(table.scrollXMax > 0, 'the table scrolls sideways within itself');
    const [conversation] = await query('.conversation');
    assert.equal(conversation.scrollXMax, 0, 'the conversation never scrolls sideways');
  });

  it('Stop aborts the request and keeps the partial answer', async function () {
    standIn.onChat(() => chatAnswer(Array.from({ length: 300 }, (_, i) => `word${i} `), 40));
    await askInView('Count slowly');
    await until('part of the answer', async () => (await lastAnswer())?.text.includes('word5'));
    await userEye.frameClick(VIEW, 'button[aria-label="Stop"]');
    const request = standIn.chatRequests()[0];
    await request.done;
    assert.equal(request.aborted, true, 'the HTTP request was closed');
    const answer = await waitForAnswer('stopped');
    assert.ok(answer.text.includes('word5'), answer.text);
    assert.ok(!answer.text.includes('word299'));
    assert.ok(answer.text.includes('Stopped'));
    const buttons = await query('button.send, button.stop');
    assert.deepEqual(buttons.filter((b) => b.visible).map((b) => b.attributes['aria-label']), ['Send']);
  });

  it('shows a server error inside the conversation, without a notification', async function () {
    standIn.onChat(() => ({ kind: 'error', status: 500 }));
    await askInView('Will this fail?');
    const answer = await waitForAnswer('error');
    assert.ok(/had an error \(500\): Internal server error/.test(answer.text), answer.text);
    assert.equal((await query('.answer-error[role="alert"]')).length, 1);
    const notifications = await userEye.notifications();
    assert.deepEqual(notifications.filter((n) => /fireworks|500|internal/i.test(n)), []);
  });

  it('keeps the conversation when the view is closed and opened again, and New Chat clears it', async function () {
    standIn.onChat(() => chatAnswer(['Kept **answer**.']));
    await askInView('Remember me');
    await waitForAnswer('complete');
    await vscode.commands.executeCommand('workbench.view.explorer');
    await until('the chat view gone', async () => !(await userEye.frameQuery(VIEW, VIEW)).found);
    await openChat();
    const answer = await waitForAnswer('complete');
    assert.ok(answer.text.includes('Kept answer.'));
    assert.ok((await query('.question-text')).some((q) => q.text === 'Remember me'));
    await vscode.commands.executeCommand('fireworks.newChat');
    await until('an empty conversation', async () => (await query('.message')).length === 0);
  });

  it('shows the conversation where the user was reading when the view is opened again', async function () {
    const lines = Array.from({ length: 120 }, (_, i) => `Line ${i + 1} of a long answer.\n\n`);
    standIn.onChat(() => chatAnswer(lines, 1));
    await askInView('A long answer, please');
    await waitForAnswer('complete');
    const conversation = async (): Promise<FrameElement> => (await query('.conversation'))[0];
    await until('the view at the end of the answer', async () => {
      const c = await conversation();
      return c.scrollMax > 500 && c.scrollMax - c.scrollTop < 40;
    });
    // The user scrolls back to the question (a click on it, then Home, as on any page).
    await userEye.frameClick(VIEW, '.question-text');
    await userEye.press('Home');
    await until('the view scrolled to the top', async () => (await conversation()).scrollTop < 40);
    await sleep(600); // the view saves where the user reads a moment after they scroll
    await vscode.commands.executeCommand('workbench.view.explorer');
    await until('the chat view gone', async () => !(await userEye.frameQuery(VIEW, VIEW)).found);
    await openChat();
    await waitForAnswer('complete');
    await sleep(300);
    const back = await conversation();
    assert.ok(back.scrollMax > 500 && back.scrollTop < 40, `shown again at ${back.scrollTop} of ${back.scrollMax}, not where the user was reading`);
  });

  it('keeps up with a long answer: the last of 4,000 chunks is on screen soon after it arrived', async function () {
    this.timeout(60000);
    // 1,500 lines: paragraphs and short code blocks, as answers are; cut into 4,000 chunks.
    const lines: string[] = [];
    for (let i = 0; lines.length < 1500; i++) {
      lines.push(`Step ${i}: the **value** of \`item${i}\` is computed below.`, '', '```python', `def step_${i}(x):`, `    return x * ${i}`, '```', '');
    }
    lines.push('THE END');
    const text = lines.join('\n');
    const size = Math.ceil(text.length / 4000);
    const chunks = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
    standIn.onChat(() => chatAnswer(chunks, 1));
    await askInView('A long answer, please');
    const request = await standIn.waitForRequest((r) => r.path.endsWith('/chat/completions'), 5000);
    await request.done;
    const lastChunkAt = request.endedAt ?? Date.now();
    await until('the whole answer on screen', async () => (await lastAnswer('complete'))?.text.includes('THE END'), 20000);
    const lag = Date.now() - lastChunkAt;
    const streamedMs = lastChunkAt - (request.firstChunkAt ?? request.receivedAt);
    console.log(`  ${chunks.length} chunks, ${lines.length} lines streamed in ${streamedMs} ms; on screen ${lag} ms after the last chunk`);
    assert.ok(lag < 2000, `the view lagged ${lag} ms behind the stream`);
  });

  it('highlights a 1,500-line code block piece by piece, all of it', async function () {
    const code = Array.from({ length: 300 }, (_, i) => `def step_${i}(x):\n    # step ${i}\n    return x + ${i}\n`).join('\n');
    const text = `Here:\n\n\`\`\`python\n${code}\`\`\`\n`;
    const chunks = Array.from({ length: Math.ceil(text.length / 400) }, (_, i) => text.slice(i * 400, (i + 1) * 400));
    standIn.onChat(() => chatAnswer(chunks, 1));
    await askInView('A very long function list');
    await waitForAnswer('complete', 20000);
    // Every function's `def` and `return` highlighted, the last ones too, and the text exactly as sent.
    const keywords = await until('the whole block highlighted', async () => {
      const found = await query('.message.answer .code-block code .hljs-keyword');
      return found.length >= 600 ? found : undefined;
    }, 10000);
    assert.ok(keywords.length >= 600, `${keywords.length} keywords highlighted`);
    const shown = (await query('.message.answer .code-block code'))[0]?.text ?? '';
    assert.equal(shown.trimEnd(), code.trimEnd());
  });

  it('looks native in a light theme', async function () {
    await setTheme('Default Light Modern');
    standIn.onChat(() => chatAnswer([
      'Use a **type guard** to narrow `unknown`:\n\n',
      '```ts\nfunction isUser(value: unknown): value is User {\n  return typeof value === "object" && value !== null && "name" in value;\n}\n```\n\n',
      'See the [handbook](https://www.typescriptlang.org/docs/handbook/2/narrowing.html).\n',
    ]));
    await askInView('How do I narrow unknown?');
    await waitForAnswer('complete');
    // The view follows the theme VS Code gives it, with the highlighting and the link rendered in it.
    await until('the light theme in the view', async () => (await query('body.vscode-light')).length === 1);
    assert.ok((await query('.message.answer .code-block code.language-ts .hljs-keyword')).length >= 3, 'the code block is highlighted');
    const links = await query('.message.answer a[href="https://www.typescriptlang.org/docs/handbook/2/narrowing.html"]');
    assert.equal(links.length, 1, 'the link is rendered');
    assert.equal(links[0].text, 'handbook');
    await sleep(300);
    await userEye.screenshot('chat-light');
  });
});
