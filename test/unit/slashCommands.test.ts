import * as assert from 'node:assert/strict';
import { contentText } from '../../src/core/api/chatCompletions';
import { buildChatPrompt } from '../../src/core/chat/prompt';
import type { ContextAttachment } from '../../src/core/chat/session';
import { SLASH_COMMANDS, expandQuestion, matchingSlashCommands, parseSlashCommand } from '../../src/core/chat/slashCommands';

describe('slash commands', () => {
  it('offers /explain, /fix, /tests and /doc', () => {
    assert.deepEqual(SLASH_COMMANDS.map((c) => c.name), ['explain', 'fix', 'tests', 'doc']);
  });

  it('parses a command at the start of the question, with what follows it', () => {
    assert.deepEqual(
      ((p) => p && [p.command.name, p.rest])(parseSlashCommand('/fix  the loop never ends\nat all')),
      ['fix', 'the loop never ends\nat all'],
    );
    assert.equal(parseSlashCommand('/Explain')?.command.name, 'explain');
    assert.equal(parseSlashCommand('  /doc')?.command.name, 'doc');
  });

  it('leaves other questions alone: unknown commands, paths, commands later in the text', () => {
    for (const q of ['/usr/bin/env is missing', '/fixes please', 'please /fix this', '/unknown thing', 'fix']) {
      assert.equal(parseSlashCommand(q), undefined, q);
      assert.equal(expandQuestion(q), q, q);
    }
  });

  it('sends the instruction in place of the command, and the user\'s words after it', () => {
    const fix = SLASH_COMMANDS.find((c) => c.name === 'fix');
    assert.equal(expandQuestion('/fix'), fix?.instruction);
    assert.equal(expandQuestion('/fix it crashes on empty input'), `${fix?.instruction}\n\nit crashes on empty input`);
  });

  it('completes what the user is typing after /', () => {
    assert.deepEqual(matchingSlashCommands('/').map((c) => c.name), ['explain', 'fix', 'tests', 'doc']);
    assert.deepEqual(matchingSlashCommands('/t').map((c) => c.name), ['tests']);
    assert.deepEqual(matchingSlashCommands('/D').map((c) => c.name), ['doc']);
    assert.deepEqual(matchingSlashCommands('/fix '), []);
    assert.deepEqual(matchingSlashCommands('fix'), []);
  });

  it('expands in the request, with the attachment before it, in new and earlier turns alike', () => {
    const selection: ContextAttachment = { kind: 'selection', path: 'a.py', languageId: 'python', text: 'def f(:\n  pass\n', truncated: false, startLine: 1, endLine: 2 };
    const earlier = {
      messages: [
        { id: 'q', role: 'user' as const, content: '/explain', context: [selection], state: 'complete' as const, createdAt: 1 },
        { id: 'a', role: 'assistant' as const, content: 'It defines f.', state: 'complete' as const, createdAt: 2 },
      ],
    };
    const prompt = buildChatPrompt(earlier, { content: '/fix', context: [selection] });
    const users = prompt.messages.filter((m) => m.role === 'user').map((m) => contentText(m.content));
    assert.equal(users.length, 2);
    assert.ok(users[0].startsWith('Selection from a.py (lines 1-2, python):'), users[0]);
    assert.ok(users[0].endsWith(SLASH_COMMANDS[0].instruction), users[0]);
    assert.ok(users[1].endsWith(SLASH_COMMANDS[1].instruction), users[1]);
    assert.ok(!users.some((u) => u.includes('/fix') || u.includes('/explain')));
  });
});
