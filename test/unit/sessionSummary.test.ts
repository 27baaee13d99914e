import * as assert from 'node:assert/strict';
import type { ChatMessage, ChatSession } from '../../src/core/chat/session';
import { escapeIcons, relativeTime, shortModelName, summarizeSession } from '../../src/core/chat/sessionSummary';

/** Local times (the calendar of this machine), mid-June: no daylight-saving change nearby. */
const at = (day: number, hour: number, minute = 0, second = 0): number => new Date(2024, 5, day, hour, minute, second).getTime();
const NOW = at(20, 15, 30);

describe('chat history list', () => {
  describe('relativeTime', () => {
    it('says how long ago, in the words a person would use', () => {
      assert.equal(relativeTime(at(20, 15, 29, 30), NOW), 'just now');
      assert.equal(relativeTime(at(20, 15, 25), NOW), '5 min ago');
      assert.equal(relativeTime(at(20, 14, 31), NOW), '59 min ago');
      assert.equal(relativeTime(at(20, 14, 30), NOW), '1 hour ago');
      assert.equal(relativeTime(at(20, 9, 0), NOW), '6 hours ago');
      assert.equal(relativeTime(at(19, 23, 0), NOW), 'yesterday');
      assert.equal(relativeTime(at(19, 8, 0), NOW), 'yesterday');
      assert.equal(relativeTime(at(17, 16, 0), NOW), '3 days ago');
      assert.equal(relativeTime(at(6, 12, 0), NOW), '2 weeks ago');
      assert.equal(relativeTime(new Date(2024, 2, 1).getTime(), NOW), '3 months ago');
      assert.equal(relativeTime(new Date(2022, 5, 1).getTime(), NOW), '2 years ago');
      assert.equal(relativeTime(NOW - 365 * 24 * 3600 * 1000, NOW), '1 year ago', 'a year to the day: never "0 years ago"');
    });

    it('counts days by the calendar: late last night is yesterday, even a few hours ago', () => {
      const justAfterMidnight = at(20, 0, 30);
      assert.equal(relativeTime(at(19, 22, 0), justAfterMidnight), 'yesterday');
      assert.equal(relativeTime(at(20, 0, 10), justAfterMidnight), '20 min ago');
    });

    it('says "just now" for a time ahead of the clock (another machine)', () => {
      assert.equal(relativeTime(NOW + 3_600_000, NOW), 'just now');
    });
  });

  describe('shortModelName', () => {
    it('keeps the name and drops the account path', () => {
      assert.equal(shortModelName('accounts/fireworks/models/llama-v3p1-8b-instruct'), 'llama-v3p1-8b-instruct');
      assert.equal(shortModelName('qwen2.5-coder:7b'), 'qwen2.5-coder:7b');
    });

    it('names a deployment', () => {
      assert.equal(shortModelName('accounts/me/models/mine#accounts/me/deployments/abc123'), 'mine (deployment abc123)');
    });
  });

  describe('escapeIcons', () => {
    it('keeps `$(name)` in a title as text instead of an icon', () => {
      assert.equal(escapeIcons('What does $(pwd) print?'), 'What does \\$(pwd) print?');
      assert.equal(escapeIcons('cost is $(5 + 3)'), 'cost is $(5 + 3)');
      assert.equal(escapeIcons('plain'), 'plain');
    });
  });

  describe('summarizeSession', () => {
    const question = (id: string, createdAt: number): ChatMessage => ({ id, role: 'user', content: 'q', state: 'complete', createdAt });
    const reply = (id: string, createdAt: number): ChatMessage => ({ id, role: 'assistant', content: 'a', state: 'complete', createdAt });
    const session: ChatSession = {
      id: 's1',
      title: 'Why is the $(build) slow',
      createdAt: at(20, 15, 0),
      updatedAt: at(20, 15, 25),
      model: 'accounts/fireworks/models/deepseek-v3',
      messages: [question('q1', at(20, 15, 0)), reply('a1', at(20, 15, 1)), question('q2', at(20, 15, 20)), reply('a2', at(20, 15, 21))],
    };

    it('shows the title, when it was used, how many questions and the model', () => {
      assert.deepEqual(summarizeSession(session, NOW, 'other'), {
        label: 'Why is the \\$(build) slow',
        description: '5 min ago',
        detail: '2 questions · deepseek-v3',
      });
    });

    it('marks the current session', () => {
      assert.equal(summarizeSession(session, NOW, 's1').description, '5 min ago · current');
    });

    it('says one question, and leaves out a model it does not know', () => {
      const one = { ...session, model: '', messages: session.messages.slice(0, 2) };
      assert.equal(summarizeSession(one, NOW, undefined).detail, '1 question');
      assert.equal(summarizeSession({ ...one, messages: [] }, NOW, undefined).detail, 'no questions yet');
    });
  });
});
