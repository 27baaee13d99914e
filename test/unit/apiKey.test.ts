import * as assert from 'node:assert/strict';
import { redact, resolveKey } from '../../src/core/apiKey';

describe('apiKey', () => {
  describe('resolveKey', () => {
    const env = { FIREWORKS_API_KEY: 'fw_env_key', OPENAI_API_KEY: 'sk-openai-key' };

    it('prefers the stored secret, for any endpoint', () => {
      assert.deepEqual(resolveKey('fw_stored', env, true), { key: 'fw_stored', source: 'secret-storage' });
      assert.deepEqual(resolveKey('fw_stored', env, false), { key: 'fw_stored', source: 'secret-storage' });
    });

    it('then FIREWORKS_API_KEY', () => {
      assert.deepEqual(resolveKey(undefined, env, true), { key: 'fw_env_key', source: 'FIREWORKS_API_KEY' });
      assert.deepEqual(resolveKey(undefined, { FIREWORKS_API_KEY: 'local-key' }, false), { key: 'local-key', source: 'FIREWORKS_API_KEY' });
    });

    it('then OPENAI_API_KEY', () => {
      assert.deepEqual(resolveKey(undefined, { OPENAI_API_KEY: 'sk-openai-key' }, false), { key: 'sk-openai-key', source: 'OPENAI_API_KEY' });
      assert.deepEqual(resolveKey(undefined, { OPENAI_API_KEY: 'fw_kept_here' }, true), { key: 'fw_kept_here', source: 'OPENAI_API_KEY' });
    });

    it('but not an OpenAI key (sk-…) for a Fireworks endpoint: that would send it to another company', () => {
      assert.equal(resolveKey(undefined, { OPENAI_API_KEY: 'sk-openai-key' }, true), undefined);
    });

    it('nor a Fireworks key (fw_…) for another endpoint: there the OpenAI key beside it is the one (OPENAI_API_BASE set for another tool)', () => {
      assert.deepEqual(resolveKey(undefined, env, false), { key: 'sk-openai-key', source: 'OPENAI_API_KEY' });
      assert.equal(resolveKey(undefined, { FIREWORKS_API_KEY: 'fw_env_key' }, false), undefined);
    });

    it('none at all', () => {
      assert.equal(resolveKey(undefined, {}, true), undefined);
    });

    it('ignores blank values and trims', () => {
      assert.deepEqual(resolveKey('   ', { FIREWORKS_API_KEY: '\n', OPENAI_API_KEY: ' sk-x ' }, false), { key: 'sk-x', source: 'OPENAI_API_KEY' });
      assert.deepEqual(resolveKey('', { FIREWORKS_API_KEY: ' fw_a ' }, true), { key: 'fw_a', source: 'FIREWORKS_API_KEY' });
      assert.deepEqual(resolveKey(' fw_s\n', env, true), { key: 'fw_s', source: 'secret-storage' });
      assert.equal(resolveKey(' ', { FIREWORKS_API_KEY: '', OPENAI_API_KEY: '  ' }, true), undefined);
    });
  });

  describe('redact', () => {
    it('removes the given key wherever it appears', () => {
      const out = redact('key=myplainkey99, again myplainkey99.', ['myplainkey99']);
      assert.equal(out, 'key=[redacted], again [redacted].');
    });

    it('removes Fireworks and OpenAI style keys it was not given', () => {
      // Built at run time so that no key-shaped string sits in the repository (secret scanners flag those).
      const fw = ['fw', '3ZabcDEF123456ghiJKL789'].join('_');
      const sk = 'sk-proj-AbCdEf0123456789_xyz';
      const out = redact(`a ${fw} b ${sk} c`);
      assert.ok(!out.includes(fw) && !out.includes('3ZabcDEF'));
      assert.ok(!out.includes(sk) && !out.includes('AbCdEf0123456789'));
      assert.equal(out, 'a [redacted] b [redacted] c');
    });

    it('removes Bearer tokens', () => {
      assert.equal(redact('Authorization: Bearer abc.def-123'), 'Authorization: Bearer [redacted]');
      assert.equal(redact('{"authorization":"bearer tok123"}'), '{"authorization":"bearer [redacted]"}');
    });

    it('leaves ordinary text alone', () => {
      const text = 'HTTP 404: Model accounts/fireworks/models/qwen2p5-coder-7b not found (task-runner, risk_assessment)';
      assert.equal(redact(text, ['ab']), text);
      assert.equal(redact(text), text);
    });
  });
});
