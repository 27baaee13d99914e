import * as assert from 'node:assert/strict';
import { DEFAULT_CHAT_MODEL, DEFAULT_COMPLETION_MODEL, DEFAULT_EXCLUDE, languageEnabled, normalizeBaseUrl, resolveSettings, sameEndpoint } from '../../src/core/settings';

const FIREWORKS = 'https://api.fireworks.ai/inference/v1';

describe('settings', () => {
  it('has the documented defaults', () => {
    assert.deepEqual(resolveSettings({}, {}), {
      baseUrl: FIREWORKS,
      baseUrlSource: 'default',
      completions: {
        enabled: true,
        model: 'accounts/fireworks/models/qwen2p5-coder-32b-instruct',
        template: 'auto',
        debounceMs: 250,
        maxTokens: 512,
        maxLines: 30,
        temperature: 0.1,
        timeoutMs: 5000,
        lineMode: 'auto',
        languages: { '*': true, plaintext: false, markdown: false, scminput: false },
        exclude: DEFAULT_EXCLUDE,
        promptTokens: 2048,
        suffixPercent: 15,
        snippetsPercent: 25,
        contextFromOtherFiles: true,
        alternatives: true,
      },
      chat: { model: 'accounts/fireworks/models/llama-v3p3-70b-instruct' },
      http2: true,
    });
    assert.equal(DEFAULT_COMPLETION_MODEL, 'accounts/fireworks/models/qwen2p5-coder-32b-instruct');
    assert.equal(DEFAULT_CHAT_MODEL, 'accounts/fireworks/models/llama-v3p3-70b-instruct');
  });

  it('takes valid values as given', () => {
    const s = resolveSettings(
      {
        'completions.enabled': false,
        'completions.model': 'accounts/a/models/qwen2p5-coder-7b#accounts/a/deployments/x',
        'completions.template': 'qwen',
        'completions.debounceMs': 100,
        'completions.maxTokens': 64,
        'completions.maxLines': 4,
        'completions.temperature': 0.7,
        'completions.timeoutMs': 3000,
        'completions.lineMode': 'single',
        'completions.languages': { '*': false, python: true, yaml: 'no' },
        'completions.exclude': ['**/generated/**', 42],
        'completions.promptTokens': 4096,
        'completions.suffixPercent': 10,
        'completions.snippetsPercent': 40,
        'completions.contextFromOtherFiles': false,
        'completions.alternatives': false,
        'chat.model': 'gpt-4o',
        http2: false,
      },
      {},
    );
    assert.deepEqual(s.completions, {
      enabled: false,
      model: 'accounts/a/models/qwen2p5-coder-7b#accounts/a/deployments/x',
      template: 'qwen',
      debounceMs: 100,
      maxTokens: 64,
      maxLines: 4,
      temperature: 0.7,
      timeoutMs: 3000,
      lineMode: 'single',
      languages: { '*': false, python: true },
      exclude: ['**/generated/**'],
      promptTokens: 4096,
      suffixPercent: 10,
      snippetsPercent: 40,
      contextFromOtherFiles: false,
      alternatives: false,
    });
    assert.equal(s.chat.model, 'gpt-4o');
    assert.equal(s.http2, false);
  });

  it('keeps VS Code\'s proxy for every request where http.proxySupport is "on" (HTTP/2 would bring its own connections)', () => {
    assert.equal(resolveSettings({ 'http.proxySupport': 'on' }, {}).http2, false);
    assert.equal(resolveSettings({ 'http.proxySupport': 'override' }, {}).http2, true);
    assert.equal(resolveSettings({ 'http.proxySupport': 'fallback', http2: true }, {}).http2, true);
  });

  it('decides per language with "*" for the rest', () => {
    assert.equal(languageEnabled({ '*': true, markdown: false }, 'markdown'), false);
    assert.equal(languageEnabled({ '*': true, markdown: false }, 'python'), true);
    assert.equal(languageEnabled({ '*': false, python: true }, 'python'), true);
    assert.equal(languageEnabled({ '*': false, python: true }, 'go'), false);
    assert.equal(languageEnabled({}, 'go'), true, 'on when nothing is said');
  });

  it('keeps secrets files out by default', () => {
    const { exclude } = resolveSettings({}, {}).completions;
    for (const glob of ['**/.env*', '**/*.pem', '**/*.key', '**/id_rsa*', '**/*credentials*']) assert.ok(exclude.includes(glob), glob);
  });

  it('clamps numbers into their ranges and rounds counts', () => {
    const low = resolveSettings({
      'completions.debounceMs': -50, 'completions.maxTokens': 0, 'completions.maxLines': -3,
      'completions.temperature': -1, 'completions.timeoutMs': 10,
    }, {}).completions;
    assert.deepEqual([low.debounceMs, low.maxTokens, low.maxLines, low.temperature, low.timeoutMs], [0, 1, 1, 0, 500]);
    const high = resolveSettings({
      'completions.debounceMs': 1e9, 'completions.maxTokens': 1e9, 'completions.maxLines': 1e9,
      'completions.temperature': 9, 'completions.timeoutMs': 1e9,
    }, {}).completions;
    assert.deepEqual([high.debounceMs, high.maxTokens, high.maxLines, high.temperature, high.timeoutMs], [2000, 4096, 200, 2, 60_000]);
    const shares = resolveSettings({ 'completions.suffixPercent': 80, 'completions.snippetsPercent': -5 }, {}).completions;
    assert.deepEqual([shares.suffixPercent, shares.snippetsPercent], [50, 0], 'the code before the cursor keeps half at least');
    const fractional = resolveSettings({ 'completions.maxTokens': 10.6, 'completions.maxLines': 2.2, 'completions.debounceMs': 99.5 }, {}).completions;
    assert.deepEqual([fractional.maxTokens, fractional.maxLines, fractional.debounceMs], [11, 2, 100]);
  });

  it('ignores values of the wrong type', () => {
    const s = resolveSettings({
      'completions.enabled': 'no', 'completions.model': '   ', 'completions.template': 'gpt', 'completions.debounceMs': '10',
      'completions.maxTokens': Number.NaN, 'completions.maxLines': Infinity, 'completions.temperature': null,
      'completions.timeoutMs': {}, 'chat.model': 42,
    }, {});
    assert.deepEqual(s, resolveSettings({}, {}));
  });

  it('trims model ids', () => {
    assert.equal(resolveSettings({ 'completions.model': '  qwen2.5-coder:7b \n' }, {}).completions.model, 'qwen2.5-coder:7b');
  });

  describe('baseUrl', () => {
    it("uses the user's value first", () => {
      const s = resolveSettings({ baseUrl: 'http://localhost:11434/v1' }, { OPENAI_API_BASE: 'https://api.openai.com/v1' });
      assert.deepEqual([s.baseUrl, s.baseUrlSource], ['http://localhost:11434/v1', 'user']);
    });

    it('else OPENAI_API_BASE', () => {
      const s = resolveSettings({}, { OPENAI_API_BASE: 'https://api.openai.com/v1' });
      assert.deepEqual([s.baseUrl, s.baseUrlSource], ['https://api.openai.com/v1', 'environment']);
    });

    it('else the Fireworks default', () => {
      const s = resolveSettings({}, { OPENAI_API_BASE: '' });
      assert.deepEqual([s.baseUrl, s.baseUrlSource], [FIREWORKS, 'default']);
    });

    it('ignores an empty value', () => {
      for (const empty of ['', '   ', 42, null]) {
        const s = resolveSettings({ baseUrl: empty }, { OPENAI_API_BASE: 'http://127.0.0.1:8000/v1' });
        assert.deepEqual([s.baseUrl, s.baseUrlSource, s.baseUrlProblem], ['http://127.0.0.1:8000/v1', 'environment', undefined], String(empty));
      }
    });

    it('never falls back past a value that is not a URL: it says so, and nothing is to be sent', () => {
      for (const bad of ['localhost:11434/v1', 'http//localhost:11434/v1', 'not a url', 'ftp://example.com/v1', 'file:///etc/passwd', 'javascript:alert(1)']) {
        const s = resolveSettings({ baseUrl: bad }, { OPENAI_API_BASE: 'http://127.0.0.1:8000/v1' });
        assert.equal(s.baseUrlSource, 'user', bad);
        assert.notEqual(s.baseUrl, FIREWORKS, bad);
        assert.notEqual(s.baseUrl, 'http://127.0.0.1:8000/v1', bad);
        assert.match(s.baseUrlProblem ?? '', /^fireworks\.baseUrl ".+" is not an http\(s\) URL/, bad);
        const t = resolveSettings({}, { OPENAI_API_BASE: bad });
        assert.equal(t.baseUrlSource, 'environment', bad);
        assert.match(t.baseUrlProblem ?? '', /^OPENAI_API_BASE /, bad);
      }
      assert.equal(resolveSettings({ baseUrl: 'http://localhost:11434/v1' }, {}).baseUrlProblem, undefined);
    });

    it('removes trailing slashes and surrounding spaces', () => {
      assert.equal(resolveSettings({ baseUrl: ' http://localhost:11434/v1/ ' }, {}).baseUrl, 'http://localhost:11434/v1');
      assert.equal(resolveSettings({}, { OPENAI_API_BASE: 'https://api.openai.com/v1//' }).baseUrl, 'https://api.openai.com/v1');
      assert.equal(normalizeBaseUrl('https://host.example'), 'https://host.example');
      assert.equal(normalizeBaseUrl('HTTPS://Host.Example:443/v1/'), 'https://host.example/v1');
      assert.equal(normalizeBaseUrl(undefined), undefined);
    });
  });

  describe('sameEndpoint', () => {
    it('is another endpoint when the URL, the completion model or HTTP/2 changes, and the same for any other setting', () => {
      const base = resolveSettings({}, {});
      assert.ok(sameEndpoint(base, resolveSettings({ 'completions.enabled': false, 'chat.model': 'accounts/x/models/chat', 'completions.languages': { python: false } }, {})));
      assert.ok(!sameEndpoint(base, resolveSettings({ baseUrl: 'http://127.0.0.1:8000/v1' }, {})));
      assert.ok(!sameEndpoint(base, resolveSettings({ 'completions.model': 'accounts/x/models/coder' }, {})));
      assert.ok(!sameEndpoint(base, resolveSettings({ http2: false }, {})));
    });
  });
});
