import * as assert from 'node:assert/strict';
import type { ApiError, ApiErrorKind } from '../../src/core/api/errors';
import { NotificationPolicy } from '../../src/core/errorPolicy';

const err = (kind: ApiErrorKind): ApiError => ({ kind, message: kind });
const FW = 'https://api.fireworks.ai/inference/v1';
const LOCAL = 'http://localhost:11434/v1';

describe('errorPolicy', () => {
  it('notifies once per cause for what the user must act on', () => {
    const policy = new NotificationPolicy();
    assert.equal(policy.shouldNotify(err('auth'), 'm', FW), true);
    assert.equal(policy.shouldNotify(err('auth'), 'm', FW), false);
    assert.equal(policy.shouldNotify(err('auth'), 'other-model', FW), false, 'a bad key is about the endpoint, not the model');
    assert.equal(policy.shouldNotify(err('model-not-found'), 'm', FW), true);
    assert.equal(policy.shouldNotify(err('model-not-found'), 'm', FW), false);
    assert.equal(policy.shouldNotify(err('payment'), 'm', FW), true);
    assert.equal(policy.shouldNotify(err('payment'), 'm', FW), false);
  });

  it('a refused request (e.g. a chat-only model asked for raw completions) notifies once per model', () => {
    const policy = new NotificationPolicy();
    assert.equal(policy.shouldNotify(err('bad-request'), 'chat-model', FW), true);
    assert.equal(policy.shouldNotify(err('bad-request'), 'chat-model', FW), false);
    assert.equal(policy.shouldNotify(err('bad-request'), 'code-model', FW), true);
  });

  it('a different model or endpoint is a new cause', () => {
    const policy = new NotificationPolicy();
    assert.equal(policy.shouldNotify(err('model-not-found'), 'a', FW), true);
    assert.equal(policy.shouldNotify(err('model-not-found'), 'b', FW), true);
    assert.equal(policy.shouldNotify(err('model-not-found'), 'a', LOCAL), true);
    assert.equal(policy.shouldNotify(err('auth'), 'a', FW), true);
    assert.equal(policy.shouldNotify(err('auth'), 'a', LOCAL), true);
  });

  it('never pops up for transient failures', () => {
    const policy = new NotificationPolicy();
    for (const kind of ['rate-limited', 'server', 'network', 'timeout', 'cancelled'] as const) {
      for (let i = 0; i < 3; i++) assert.equal(policy.shouldNotify(err(kind), 'm', FW), false, kind);
    }
  });

  it('reset makes the same cause news again', () => {
    const policy = new NotificationPolicy();
    assert.equal(policy.shouldNotify(err('auth'), 'm', FW), true);
    assert.equal(policy.shouldNotify(err('model-not-found'), 'm', FW), true);
    policy.reset();
    assert.equal(policy.shouldNotify(err('auth'), 'm', FW), true);
    assert.equal(policy.shouldNotify(err('model-not-found'), 'm', FW), true);
    assert.equal(policy.shouldNotify(err('auth'), 'm', FW), false);
  });
});
