import * as assert from 'node:assert/strict';
import {
  addSession,
  appendMessage,
  createSession,
  DEFAULT_SESSION_TITLE,
  deleteSession,
  emptyStore,
  parseStore,
  putSession,
  renameSession,
  sessionsByRecent,
  storedVersion,
  titleFrom,
  updateMessage,
  withoutLastQuestion,
  type ChatMessage,
  type ChatSession,
  type ChatStore,
  type ContextAttachment,
} from '../../src/core/chat/session';
import {
  buildChatMessages,
  buildChatPrompt,
  DEFAULT_CHAT_SYSTEM_PROMPT,
  estimateTokens,
  HISTORY_ANCHOR_EXCHANGES,
  MESSAGE_OVERHEAD_TOKENS,
  renderAttachment,
} from '../../src/core/chat/prompt';
import { contentText, type ChatRequestMessage } from '../../src/core/api/chatCompletions';

const T0 = 1_700_000_000_000;

function user(id: string, content: string, at: number, context?: ContextAttachment[]): ChatMessage {
  return { id, role: 'user', content, state: 'complete', createdAt: at, ...(context ? { context } : {}) };
}
function answer(id: string, content: string, at: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return { id, role: 'assistant', content, state: 'complete', createdAt: at, finishedAt: at + 1, ...extra };
}

function sessionWith(messages: ChatMessage[]): ChatSession {
  return messages.reduce(appendMessage, createSession({ id: 's1', model: 'm', now: T0 }));
}

function tokensOf(messages: ChatRequestMessage[]): number {
  return messages.reduce((n, m) => n + estimateTokens(contentText(m.content)) + MESSAGE_OVERHEAD_TOKENS, 0);
}

describe('chat session', () => {
  describe('titleFrom', () => {
    it('takes the first line of prose', () => {
      assert.equal(titleFrom('How do I debounce a function?\nWith lodash?'), 'How do I debounce a function?');
      assert.equal(titleFrom('\n\n```ts\nconst x = 1;\n```\n## Why   does this   fail?'), 'Why does this fail?');
      assert.equal(titleFrom('```ts\nconst x = 1;\n```'), 'const x = 1;');
      assert.equal(titleFrom('# Explain\nmore'), 'Explain');
    });

    it('cuts long questions at a word boundary with an ellipsis', () => {
      const title = titleFrom('Please explain how the inline completion pipeline decides when to stop streaming tokens');
      assert.ok(title.length <= 48, title);
      assert.ok(title.endsWith('…'));
      assert.equal(title, 'Please explain how the inline completion…');
      assert.equal(titleFrom('x'.repeat(100)).length, 48);
    });

    it('falls back to the default title', () => {
      assert.equal(titleFrom(''), DEFAULT_SESSION_TITLE);
      assert.equal(titleFrom('  \n```\n```'), DEFAULT_SESSION_TITLE);
    });
  });

  describe('pure updates', () => {
    it('add, rename, delete return new stores and leave the old ones alone', () => {
      const empty = emptyStore();
      const a = createSession({ id: 'a', model: 'm1', now: T0 });
      const b = createSession({ id: 'b', model: 'm2', now: T0 + 10 });
      const one = addSession(empty, a);
      const two = addSession(one, b);
      assert.deepEqual(two.sessions.map((s) => s.id), ['b', 'a']);
      assert.equal(empty.sessions.length, 0);
      assert.equal(one.sessions.length, 1);

      const renamed = renameSession(two, 'a', '  Debounce   question ');
      assert.equal(renamed.sessions[1].title, 'Debounce question');
      assert.equal(renamed.sessions[1].updatedAt, T0);
      assert.equal(two.sessions[1].title, DEFAULT_SESSION_TITLE);
      assert.equal(renameSession(two, 'a', '   '), two, 'a blank title changes nothing');
      assert.equal(renameSession(two, 'nope', 'x'), two);

      const deleted = deleteSession(renamed, 'b');
      assert.deepEqual(deleted.sessions.map((s) => s.id), ['a']);
      assert.equal(deleteSession(deleted, 'nope'), deleted);
      assert.equal(renamed.sessions.length, 2);
    });

    it('addSession replaces a session with the same id; putSession keeps its place', () => {
      const store = addSession(addSession(emptyStore(), createSession({ id: 'a', model: 'm', now: 1 })), createSession({ id: 'b', model: 'm', now: 2 }));
      const changed = { ...store.sessions[1], title: 'A' };
      assert.deepEqual(putSession(store, changed).sessions.map((s) => [s.id, s.title]), [['b', DEFAULT_SESSION_TITLE], ['a', 'A']]);
      assert.deepEqual(addSession(store, changed).sessions.map((s) => s.id), ['a', 'b']);
    });

    it('the first question names the session; updateMessage streams an answer', () => {
      let session = createSession({ id: 's', model: 'm', now: T0 });
      session = appendMessage(session, user('u1', 'Why is my regex slow?', T0 + 1));
      session = appendMessage(session, answer('a1', '', T0 + 2, { state: 'streaming', finishedAt: undefined, model: 'm2' }));
      assert.equal(session.title, 'Why is my regex slow?');
      assert.equal(session.model, 'm2');
      session = appendMessage(session, user('u2', 'Another question', T0 + 3));
      assert.equal(session.title, 'Why is my regex slow?', 'only the first question names it');
      const streamed = updateMessage(session, 'a1', { content: 'Backtracking.', state: 'complete', finishedAt: T0 + 9 }, T0 + 9);
      assert.equal(streamed.messages[1].content, 'Backtracking.');
      assert.equal(streamed.updatedAt, T0 + 9);
      assert.equal(session.messages[1].content, '');
      assert.equal(updateMessage(session, 'nope', { content: 'x' }, T0 + 10), session);
    });

    it('withoutLastQuestion takes back the last question and its answer (Regenerate, edit and resend)', () => {
      const file: ContextAttachment = { kind: 'file', path: 'a.ts', languageId: 'typescript', text: 'x', truncated: false };
      const session = sessionWith([user('u1', 'first', T0), answer('a1', 'one', T0 + 1), user('u2', 'second', T0 + 2, [file]), answer('a2', 'two', T0 + 3)]);
      const taken = withoutLastQuestion(session);
      assert.deepEqual(taken?.session.messages.map((m) => m.id), ['u1', 'a1']);
      assert.equal(taken?.question.content, 'second');
      assert.deepEqual(taken?.question.context, [file]);
      assert.equal(taken?.session.title, session.title);
      // A question whose answer never came (failed to start) is taken back alone.
      assert.deepEqual(withoutLastQuestion(sessionWith([user('u1', 'first', T0), answer('a1', 'one', T0 + 1), user('u2', 'lost', T0 + 2)]))?.session.messages.map((m) => m.id), ['u1', 'a1']);
      assert.equal(withoutLastQuestion(sessionWith([])), undefined);
    });

    it('an edited first question names the session anew, unless the user renamed it', () => {
      const session = sessionWith([user('u1', 'Why is my regex slow?', T0), answer('a1', 'Backtracking.', T0 + 1)]);
      const taken = withoutLastQuestion(session);
      assert.ok(taken);
      assert.equal(appendMessage(taken.session, user('u2', 'Why is my parser slow?', T0 + 2)).title, 'Why is my parser slow?');
      const renamed = withoutLastQuestion({ ...session, title: 'Regex work' });
      assert.ok(renamed);
      assert.equal(appendMessage(renamed.session, user('u2', 'Why is my parser slow?', T0 + 2)).title, 'Regex work');
    });

    it('cuts a title and an attachment between characters, never inside an emoji (a lone surrogate is not valid text)', () => {
      const wellFormed = (text: string): boolean => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
      assert.equal(wellFormed('a\ud83d'), false, 'the check itself sees a lone surrogate');
      const title = titleFrom(`修复这个函数${'😀'.repeat(30)}`);
      assert.ok(wellFormed(title), JSON.stringify(title));
      const file: ContextAttachment = { kind: 'file', path: 'emoji.txt', languageId: 'plaintext', text: `a${'😀'.repeat(80_000)}`, truncated: false };
      const prompt = buildChatPrompt(createSession({ id: 's', model: 'm', now: T0 }), { content: 'What is this?', context: [file] });
      assert.ok(prompt.sentAttachmentTexts[0].length < file.text.length, 'cut to fit');
      assert.ok(wellFormed(prompt.sentAttachmentTexts[0]));
    });

    it('counts Chinese, Japanese and Korean text at about a token a character, so a page of it still fits the context', () => {
      assert.equal(estimateTokens('这是一个测试'.repeat(1000)), 6000);
      assert.equal(estimateTokens('abcd'.repeat(1000)), 1000);
      const notes: ContextAttachment = { kind: 'file', path: 'notes.md', languageId: 'markdown', text: '这是一个很长的说明文档。'.repeat(4000), truncated: false };
      const prompt = buildChatPrompt(createSession({ id: 's', model: 'm', now: T0 }), { content: '总结一下', context: [notes] });
      assert.ok(prompt.sentAttachmentTexts[0].length < notes.text.length, 'cut to fit');
      const sent = prompt.messages.reduce((n, m) => n + estimateTokens(contentText(m.content)), 0);
      assert.ok(sent <= 32_768 - 4_096, `${sent} tokens sent, within the context less the answer's room`);
    });

    it('titles a question by its words, Markdown markers dropped, and a bare slash command by its command and file', () => {
      assert.equal(titleFrom('**Why** does this fail?'), 'Why does this fail?');
      assert.equal(titleFrom('`useEffect` runs twice'), 'useEffect runs twice');
      assert.equal(titleFrom('-1 is returned for an empty list'), '-1 is returned for an empty list');
      assert.equal(titleFrom('#include <x.h> fails'), '#include <x.h> fails');
      assert.equal(titleFrom('## Heading\n- item'), 'Heading');
      const file: ContextAttachment = { kind: 'file', path: 'src/core/cache.ts', languageId: 'typescript', text: 'x', truncated: false };
      assert.equal(sessionWith([user('u1', '/explain', T0, [file])]).title, 'Explain: cache.ts');
      assert.equal(sessionWith([user('u1', '/fix the loop never ends', T0, [file])]).title, '/fix the loop never ends');
    });

    it('sessionsByRecent orders by updatedAt', () => {
      const store: ChatStore = { version: 1, sessions: [createSession({ id: 'old', model: 'm', now: 1 }), createSession({ id: 'new', model: 'm', now: 5 })] };
      assert.deepEqual(sessionsByRecent(store).map((s) => s.id), ['new', 'old']);
    });
  });

  describe('parseStore', () => {
    it('round-trips a valid store exactly', () => {
      const session = sessionWith([
        // The URI says which workspace folder's src/a.ts: Apply goes back to that one.
        user('u1', 'Explain this', T0 + 1, [{ kind: 'selection', path: 'src/a.ts', languageId: 'typescript', text: 'let a = 1;', truncated: false, startLine: 3, endLine: 3, uri: 'file:///work/api/src/a.ts' }]),
        answer('a1', 'It declares a.', T0 + 2, { reasoning: 'simple', usage: { promptTokens: 10, completionTokens: 4 }, model: 'm', cutOff: true }),
        answer('a2', 'partial', T0 + 3, { state: 'error', error: { kind: 'rate-limited', message: 'Slow down' } }),
      ]);
      const store: ChatStore = { version: 1, sessions: [session] };
      assert.deepEqual(parseStore(JSON.parse(JSON.stringify(store))), store);
      assert.deepEqual(parseStore(JSON.stringify(store)), store, 'a JSON string too');
    });

    it('loads an answer left streaming by a crash as stopped, keeping its text', () => {
      const raw = { version: 1, sessions: [{ id: 's', title: 't', createdAt: T0, updatedAt: T0, model: 'm', messages: [
        { id: 'u', role: 'user', content: 'Q', state: 'complete', createdAt: T0 },
        { id: 'a', role: 'assistant', content: 'Half an ans', reasoning: 'thinking…', state: 'streaming', createdAt: T0 + 1 },
      ] }] };
      const [message] = parseStore(raw).sessions[0].messages.slice(1);
      assert.equal(message.state, 'stopped');
      assert.equal(message.content, 'Half an ans');
      assert.equal(message.reasoning, 'thinking…');
    });

    it('never throws, and gives an empty store for anything unreadable', () => {
      for (const raw of [undefined, null, 42, 'not json', '{"version":1}', {}, { sessions: 'x' }, [], true, { version: 1, sessions: null }]) {
        assert.deepEqual(parseStore(raw), emptyStore(), JSON.stringify(raw));
      }
    });

    it('drops what it cannot read and keeps the rest', () => {
      const raw = {
        version: 1,
        sessions: [
          null,
          'garbage',
          { title: 'no id, no messages' },
          {
            id: 's1', title: 42, createdAt: 'yesterday', model: 7,
            messages: [
              { id: 'u1', role: 'user', content: 'First question here', createdAt: T0 },
              { id: 'x', role: 'tool', content: 'unknown role' },
              { role: 'user' },
              'not a message',
              { id: 'a1', role: 'assistant', content: [{ type: 'text', text: 'An ' }, { type: 'text', text: 'answer' }], state: 'weird', createdAt: T0 + 5,
                usage: { prompt_tokens: 3, completion_tokens: -1 }, error: 'oops' },
              { id: 'u2', role: 'user', content: 'With context', createdAt: T0 + 6,
                context: [{ kind: 'file', path: 'a.py', text: 'x = 1', truncated: 'yes' }, { kind: 'folder', path: 'b', text: '' }, { kind: 'selection', path: '', text: 'y' }] },
            ],
          },
        ],
      };
      const store = parseStore(raw);
      assert.equal(store.sessions.length, 1);
      const [session] = store.sessions;
      assert.equal(session.id, 's1');
      assert.equal(session.title, 'First question here');
      assert.equal(session.model, '');
      assert.equal(session.createdAt, T0);
      assert.equal(session.updatedAt, T0 + 6);
      assert.deepEqual(session.messages.map((m) => m.id), ['u1', 'a1', 'u2']);
      const a1 = session.messages[1];
      assert.equal(a1.content, 'An answer');
      assert.equal(a1.state, 'error');
      assert.deepEqual(a1.error, { kind: 'server', message: 'oops' });
      assert.deepEqual(a1.usage, { promptTokens: 3, completionTokens: 0 });
      assert.deepEqual(session.messages[2].context, [{ kind: 'file', path: 'a.py', languageId: 'plaintext', text: 'x = 1', truncated: false }]);
    });

    it('reads a bare array of sessions (before the store was versioned) and fills in missing fields', () => {
      const store = parseStore([{ messages: [{ role: 'user', content: 'Old question' }, { role: 'assistant', content: 'Old answer' }] }]);
      assert.equal(store.version, 1);
      const [session] = store.sessions;
      assert.equal(session.id, 'recovered-0');
      assert.equal(session.title, 'Old question');
      assert.deepEqual(session.messages.map((m) => [m.id, m.role, m.state, m.createdAt]), [
        ['recovered-0-m0', 'user', 'complete', 0],
        ['recovered-0-m1', 'assistant', 'complete', 0],
      ]);
    });

    it('makes duplicate session and message ids unique', () => {
      const m = { id: 'same', role: 'user', content: 'q' };
      const store = parseStore({ version: 1, sessions: [{ id: 'dup', messages: [m, m] }, { id: 'dup', messages: [] }] });
      assert.deepEqual(store.sessions.map((s) => s.id), ['dup', 'dup-2']);
      assert.deepEqual(store.sessions[0].messages.map((x) => x.id), ['same', 'same-1']);
    });

    it('reports the stored version so a newer history is not overwritten', () => {
      assert.equal(storedVersion({ version: 2, sessions: [] }), 2);
      assert.equal(storedVersion('{"version":1}'), 1);
      assert.equal(storedVersion([]), undefined);
      assert.equal(storedVersion('nope'), undefined);
    });
  });
});

describe('chat prompt', () => {
  const selection: ContextAttachment = { kind: 'selection', path: 'src/math.ts', languageId: 'typescript', text: 'export const add = (a: number, b: number) => a + b;\n', truncated: false, startLine: 4, endLine: 4 };

  it('sends the system prompt, the history and the question, with attachments before it', () => {
    const session = sessionWith([user('u1', 'Hi', T0), answer('a1', 'Hello!', T0 + 1)]);
    const messages = buildChatMessages(session, { content: 'What does this do?', context: [selection] }, { systemPrompt: 'Be brief.' });
    assert.deepEqual(messages.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
    assert.equal(messages[0].content, 'Be brief.');
    assert.deepEqual(messages.slice(1, 3).map((m) => m.content), ['Hi', 'Hello!']);
    assert.equal(messages[3].content, [
      'Selection from src/math.ts (line 4, typescript):',
      '```typescript',
      'export const add = (a: number, b: number) => a + b;',
      '```',
      '',
      'What does this do?',
    ].join('\n'));
    assert.deepEqual(Object.keys(messages[1]).sort(), ['content', 'role'], 'nothing but role and content');
  });

  it('uses the default system prompt, which asks for fenced code and saying when unsure', () => {
    const messages = buildChatMessages(sessionWith([]), 'Q');
    assert.equal(messages[0].content, DEFAULT_CHAT_SYSTEM_PROMPT);
    assert.match(DEFAULT_CHAT_SYSTEM_PROMPT, /fenced/);
    assert.match(DEFAULT_CHAT_SYSTEM_PROMPT, /not sure/);
    assert.deepEqual(buildChatMessages(sessionWith([]), 'Q', { systemPrompt: '' }).map((m) => m.role), ['user']);
  });

  it('heads an attachment truncated at the source, and picks a fence its text cannot close', () => {
    const md: ContextAttachment = { kind: 'file', path: 'README.md', languageId: 'markdown', text: '# T\n```js\nx\n```\n', truncated: true };
    const rendered = renderAttachment(md);
    assert.ok(rendered.startsWith('File README.md (markdown) (truncated):\n````markdown\n'), rendered);
    assert.ok(rendered.endsWith('\n````'));
    assert.ok(renderAttachment({ ...selection, languageId: 'typescriptreact' }).includes('```tsx'));
  });

  it('leaves out questions without an answer, answers being streamed, reasoning and stored system messages', () => {
    const session = sessionWith([
      { id: 'sys', role: 'system', content: 'old system', state: 'complete', createdAt: T0 },
      user('u1', 'Failed question', T0 + 1),
      answer('a1', '', T0 + 2, { state: 'error', error: { kind: 'server', message: 'boom' } }),
      user('u2', 'Stopped question', T0 + 3),
      answer('a2', 'Half an', T0 + 4, { state: 'stopped', reasoning: 'secret reasoning' }),
      user('u3', 'Unanswered', T0 + 5),
      user('u4', 'The question being asked now', T0 + 6),
      answer('a4', 'stream', T0 + 7, { state: 'streaming' }),
    ]);
    const messages = buildChatMessages(session, 'The question being asked now', { systemPrompt: 'S' });
    assert.deepEqual(messages.map((m) => [m.role, m.content]), [
      ['system', 'S'],
      ['user', 'Stopped question'],
      ['assistant', 'Half an'],
      ['user', 'The question being asked now'],
    ]);
  });

  it('trims history oldest first and keeps the newest turns within the budget', () => {
    const messages: ChatMessage[] = [];
    for (let i = 0; i < 20; i++) {
      messages.push(user(`u${i}`, `question ${i} ${'q'.repeat(200)}`, T0 + 2 * i));
      messages.push(answer(`a${i}`, `answer ${i} ${'a'.repeat(400)}`, T0 + 2 * i + 1));
    }
    const options = { systemPrompt: 'S', contextTokens: 1_200, reserveForAnswer: 400 };
    const prompt = buildChatPrompt(sessionWith(messages), 'newest question', options);
    const sent = prompt.messages;
    assert.equal(sent[0].content, 'S');
    assert.equal(sent[sent.length - 1].content, 'newest question');
    const history = sent.slice(1, -1);
    assert.ok(history.length >= 4 && history.length < 40, `${history.length} history messages`);
    // The newest exchanges, contiguous, in order, ending with the last one.
    const firstKept = 20 - history.length / 2;
    history.forEach((m, i) => {
      const n = firstKept + Math.floor(i / 2);
      const text = contentText(m.content);
      assert.ok(text.startsWith(i % 2 === 0 ? `question ${n} ` : `answer ${n} `), text.slice(0, 20));
    });
    assert.equal(prompt.omittedExchanges, firstKept);
    assert.equal(prompt.estimatedTokens, tokensOf(sent));
    assert.ok(prompt.estimatedTokens <= 800, `${prompt.estimatedTokens} tokens`);
    // The history starts at an anchor exchange, or where the one before would not have fit.
    const exchangeTokens = estimateTokens(messages[0].content) + estimateTokens(messages[1].content) + 2 * MESSAGE_OVERHEAD_TOKENS;
    assert.ok(firstKept % HISTORY_ANCHOR_EXCHANGES === 0 || prompt.estimatedTokens + exchangeTokens > 800, `from ${firstKept}`);
    assert.ok(prompt.estimatedTokens + HISTORY_ANCHOR_EXCHANGES * exchangeTokens > 800);
  });

  it('starts the history at the same exchange for several questions, so that the endpoint can serve it from its prompt cache', () => {
    const messages: ChatMessage[] = [];
    const exchange = (i: number): ChatMessage[] => [
      user(`u${i}`, `question ${i} ${'q'.repeat(200)}`, T0 + 2 * i),
      answer(`a${i}`, `answer ${i} ${'a'.repeat(400)}`, T0 + 2 * i + 1),
    ];
    for (let i = 0; i < 20; i++) messages.push(...exchange(i));
    // About ten exchanges fit.
    const options = { systemPrompt: 'S', contextTokens: 2_200, reserveForAnswer: 400 };
    const starts: number[] = [];
    let previous: ChatRequestMessage[] = [];
    let sameStart = 0;
    for (let turn = 20; turn < 32; turn++) {
      const sent = buildChatPrompt(sessionWith(messages), `question ${turn}`, options).messages;
      const first = Number(/^question (\d+)/.exec(contentText(sent[1].content))?.[1]);
      if (starts.length && first === starts[starts.length - 1]) {
        // The earlier request's messages, but its question, open this one: the cache holds them.
        assert.deepEqual(sent.slice(0, previous.length - 1), previous.slice(0, -1));
        sameStart++;
      }
      starts.push(first);
      previous = sent;
      messages.push(...exchange(turn));
    }
    assert.ok(starts.every((n) => n % HISTORY_ANCHOR_EXCHANGES === 0), starts.join(', '));
    assert.ok(sameStart >= 8, `${sameStart} of 11 questions began as the one before: ${starts.join(', ')}`);
  });

  it('always keeps the system prompt and the question, even over the budget', () => {
    const question = 'q'.repeat(10_000);
    const messages = buildChatMessages(sessionWith([user('u', 'old', T0), answer('a', 'old answer', T0 + 1)]), question, { systemPrompt: 'S', contextTokens: 1_000, reserveForAnswer: 500 });
    assert.deepEqual(messages.map((m) => m.role), ['system', 'user']);
    assert.equal(messages[1].content, question);
  });

  it('cuts a long single attachment to fit, at a line boundary, with a note', () => {
    const lines = Array.from({ length: 2_000 }, (_, i) => `const line${i} = ${i};`);
    const file: ContextAttachment = { kind: 'file', path: 'src/big.ts', languageId: 'typescript', text: `${lines.join('\n')}\n`, truncated: false };
    const budget = { systemPrompt: 'S', contextTokens: 2_000, reserveForAnswer: 500 };
    const prompt = buildChatPrompt(sessionWith([user('u', 'old', T0), answer('a', 'old answer', T0 + 1)]), { content: 'Explain this file', context: [file] }, budget);
    const last = contentText(prompt.messages[prompt.messages.length - 1].content);
    assert.deepEqual(prompt.cutAttachments, ['src/big.ts']);
    assert.ok(last.startsWith('File src/big.ts (typescript) (truncated):\n```typescript\nconst line0 = 0;\n'), last.slice(0, 80));
    assert.match(last, /;\n```\n\[Cut to fit the model's context: the first \d+ of 2000 lines were sent\.\]\n\nExplain this file$/);
    assert.ok(prompt.estimatedTokens <= 1_500, `${prompt.estimatedTokens} tokens`);
    assert.ok(prompt.estimatedTokens > 1_300, `uses most of the budget: ${prompt.estimatedTokens} tokens`);
  });

  it('shares the room fairly between attachments: small ones whole, large ones cut evenly', () => {
    const small: ContextAttachment = { ...selection, text: 'small\n' };
    const big1: ContextAttachment = { kind: 'file', path: 'a.txt', languageId: 'plaintext', text: 'a'.repeat(20_000), truncated: false };
    const big2: ContextAttachment = { kind: 'file', path: 'b.txt', languageId: 'plaintext', text: 'b'.repeat(20_000), truncated: false };
    const prompt = buildChatPrompt(sessionWith([]), { content: 'Compare', context: [big1, small, big2] }, { systemPrompt: '', contextTokens: 3_000, reserveForAnswer: 1_000 });
    const content = contentText(prompt.messages[0].content);
    assert.ok(prompt.estimatedTokens <= 2_000, `${prompt.estimatedTokens}`);
    assert.ok(content.includes('```typescript\nsmall\n```'), 'the small one whole');
    const as = (content.match(/a+/g) ?? []).reduce((n, r) => Math.max(n, r.length), 0);
    const bs = (content.match(/b{10,}/g) ?? []).reduce((n, r) => Math.max(n, r.length), 0);
    assert.equal(as, bs);
    assert.ok(as > 3_000, `${as}`);
    assert.deepEqual(prompt.cutAttachments, ['a.txt', 'b.txt']);
  });

  it('an attachment with no room at all is left out with a note', () => {
    const file: ContextAttachment = { kind: 'file', path: 'x.py', languageId: 'python', text: 'print(1)\n'.repeat(100), truncated: false };
    const content = buildChatMessages(sessionWith([]), { content: 'q'.repeat(4_000), context: [file] }, { systemPrompt: '', contextTokens: 1_000, reserveForAnswer: 100 })[0].content as string;
    assert.ok(content.startsWith("File x.py (python) (truncated):\n```python\n```\n[Left out: no room in the model's context for its 100 lines.]\n\nqqq"), content.slice(0, 160));
  });
});
