import * as assert from 'node:assert/strict';
import { statusView, type StatusState } from '../../src/core/status';

const BASE: StatusState = {
  enabled: true,
  hasKey: true,
  inFlight: 0,
  model: 'accounts/fireworks/models/qwen2p5-coder-7b',
  endpoint: 'https://api.fireworks.ai/inference/v1',
};

describe('status', () => {
  it('no key: says so and clicks through to setting one', () => {
    for (const state of [{ ...BASE, hasKey: false }, { ...BASE, hasKey: false, enabled: false, inFlight: 2 }]) {
      const view = statusView(state);
      assert.equal(view.kind, 'no-key');
      assert.equal(view.command, 'fireworks.setApiKey');
      assert.match(view.text, /key/i);
      assert.match(view.tooltip, /API key/);
    }
  });

  it('an endpoint setting that is no URL: says what is wrong, before anything else (no key, off)', () => {
    const endpointProblem = 'fireworks.baseUrl "localhost:11434/v1" is not an http(s) URL (such as http://localhost:11434/v1): nothing is sent until it is fixed.';
    for (const state of [{ ...BASE, endpointProblem }, { ...BASE, endpointProblem, hasKey: false, enabled: false }]) {
      const view = statusView(state);
      assert.equal(view.kind, 'error');
      assert.match(view.tooltip, /fireworks\.baseUrl "localhost:11434\/v1" is not an http\(s\) URL/);
    }
  });

  it('off: says completions are off', () => {
    const view = statusView({ ...BASE, enabled: false });
    assert.equal(view.kind, 'off');
    assert.equal(view.command, 'fireworks.showMenu');
    assert.match(view.text, /circle-slash/);
    assert.match(view.tooltip, /off/);
  });

  it('off for this file: an excluded file or a language switched off says so, even mid-request', () => {
    const excluded = statusView({ ...BASE, file: 'excluded', inFlight: 1 });
    assert.equal(excluded.kind, 'off');
    assert.match(excluded.tooltip, /off for this file/);
    assert.match(excluded.tooltip, /fireworks\.completions\.exclude/);
    const language = statusView({ ...BASE, file: 'language-off' });
    assert.equal(language.kind, 'off');
    assert.match(language.tooltip, /off for this language/);
  });

  it('working: spins while a request is in flight, naming model and endpoint', () => {
    const view = statusView({ ...BASE, inFlight: 1, lastError: { kind: 'server', status: 500, message: 'x' } });
    assert.equal(view.kind, 'working');
    assert.match(view.text, /\$\(loading~spin\)/);
    assert.ok(view.tooltip.includes(BASE.model) && view.tooltip.includes(BASE.endpoint));
    assert.equal(view.command, 'fireworks.showMenu');
  });

  it('error: warns and explains in the tooltip', () => {
    const view = statusView({ ...BASE, lastError: { kind: 'model-not-found', status: 404, message: 'Model not found' } });
    assert.equal(view.kind, 'error');
    assert.match(view.text, /\$\(warning\)/);
    assert.ok(view.tooltip.includes(BASE.model));
    assert.match(view.tooltip, /Model not found/);
    const auth = statusView({ ...BASE, lastError: { kind: 'auth', status: 401, message: 'invalid key' } });
    assert.match(auth.tooltip, /Set API Key/);
  });

  it('ready: names model and endpoint', () => {
    const view = statusView(BASE);
    assert.equal(view.kind, 'ready');
    assert.equal(view.text, '$(sparkle) Fireworks');
    assert.equal(view.command, 'fireworks.showMenu');
    assert.ok(view.tooltip.includes(BASE.model) && view.tooltip.includes(BASE.endpoint));
  });
});
