import * as assert from 'node:assert/strict';
import { formatContextLength, modelInfoFrom, modelSections, type ModelInfo, type ModelSection } from '../../src/core/api/models';

const CHAT_A: ModelInfo = { id: 'accounts/fireworks/models/llama-v3p1-70b-instruct', supportsChat: true, contextLength: 131072 };
const CHAT_B: ModelInfo = { id: 'accounts/fireworks/models/deepseek-v3', supportsChat: true };
const BASE: ModelInfo = { id: 'accounts/fireworks/models/starcoder2-15b', supportsChat: false, contextLength: 16384 };
const UNKNOWN: ModelInfo = { id: 'qwen2.5-coder:7b' };

/** What the picker shows: section titles and ids, in order. */
function shown(sections: ModelSection[]): Array<[string, string[]]> {
  return sections.map((s) => [s.title, s.models.map((m) => m.id)]);
}

describe('model list', () => {
  describe('modelInfoFrom', () => {
    it("reads Fireworks' entries: chat support, context length, owner", () => {
      const raw = {
        id: 'accounts/fireworks/models/llama-v3p1-8b-instruct',
        object: 'model',
        owned_by: 'fireworks',
        created: 1721692800,
        kind: 'HF_BASE_MODEL',
        supports_chat: true,
        supports_image_input: false,
        context_length: 131072,
      };
      assert.deepEqual(modelInfoFrom(raw), { id: raw.id, supportsChat: true, supportsImageInput: false, contextLength: 131072, ownedBy: 'fireworks' });
    });

    it('says which chat models take images, where the endpoint tells', () => {
      const vision = modelInfoFrom({ id: 'accounts/fireworks/models/qwen2p5-vl-32b-instruct', supports_chat: true, supports_image_input: true, context_length: 128000 });
      assert.ok(vision);
      assert.deepEqual(modelSections([vision], 'chat', '').flatMap((s) => s.models.map((m) => m.description)), ['takes images · 128k context']);
      assert.deepEqual(modelSections([vision], 'completion', '').flatMap((s) => s.models.map((m) => m.description)), ['128k context'], 'not for completions');
    });

    it('reads an id-only entry (Ollama, LM Studio) without guessing its capabilities', () => {
      assert.deepEqual(modelInfoFrom({ id: 'llama3.2:latest', object: 'model', created: 1, owned_by: 'library' }), { id: 'llama3.2:latest', ownedBy: 'library' });
    });

    it("reads vLLM's max_model_len as the context length", () => {
      assert.equal(modelInfoFrom({ id: 'Qwen/Qwen2.5-Coder-7B', max_model_len: 32768 })?.contextLength, 32768);
    });

    it('drops entries without an id and ignores fields of the wrong type', () => {
      assert.equal(modelInfoFrom({ object: 'model' }), undefined);
      assert.equal(modelInfoFrom({ id: '  ' }), undefined);
      assert.equal(modelInfoFrom('a'), undefined);
      assert.equal(modelInfoFrom(null), undefined);
      assert.deepEqual(modelInfoFrom({ id: 'm', supports_chat: 'yes', context_length: -1, owned_by: 3 }), { id: 'm' });
    });
  });

  describe('formatContextLength', () => {
    it('says context lengths as people do', () => {
      assert.equal(formatContextLength(131072), '128k context');
      assert.equal(formatContextLength(128000), '128k context');
      assert.equal(formatContextLength(32768), '32k context');
      assert.equal(formatContextLength(163840), '160k context');
      assert.equal(formatContextLength(200000), '200k context');
      assert.equal(formatContextLength(1048576), '1M context');
      assert.equal(formatContextLength(1_000_000), '1M context');
      assert.equal(formatContextLength(1_500_000), '1.5M context');
      assert.equal(formatContextLength(512), '512 context');
    });
  });

  describe('modelSections', () => {
    const models = [BASE, CHAT_A, UNKNOWN, CHAT_B];

    it('for chat: chat models first, unknown ones after, models that say they cannot chat left out', () => {
      assert.deepEqual(shown(modelSections(models, 'chat', CHAT_B.id)), [
        ['Chat models', [CHAT_A.id, CHAT_B.id]],
        ['Other models', [UNKNOWN.id]],
      ]);
    });

    it('for completions: base and code models (and unknown ones) first, chat models after', () => {
      assert.deepEqual(shown(modelSections(models, 'completion', BASE.id)), [
        ['Completion models', [BASE.id, UNKNOWN.id]],
        ['Chat models', [CHAT_A.id, CHAT_B.id]],
      ]);
    });

    it('marks the current model where it stands, with the context length', () => {
      const chat = modelSections(models, 'chat', CHAT_A.id).flatMap((s) => s.models);
      assert.deepEqual(
        chat.map((m) => [m.id, m.current, m.description]),
        [
          [CHAT_A.id, true, 'current · 128k context'],
          [CHAT_B.id, false, ''],
          [UNKNOWN.id, false, ''],
        ],
      );
    });

    it('shows a duplicated id once', () => {
      const sections = modelSections([UNKNOWN, { id: UNKNOWN.id, contextLength: 4096 }, UNKNOWN], 'completion', UNKNOWN.id);
      assert.deepEqual(shown(sections), [['Completion models', [UNKNOWN.id]]]);
    });

    it('shows a current model the endpoint does not list (a deployment typed by hand) first, saying so', () => {
      const deployment = 'accounts/me/models/mine#accounts/me/deployments/abc123';
      const sections = modelSections(models, 'completion', deployment);
      assert.deepEqual(shown(sections)[0], ['Current', [deployment]]);
      assert.equal(sections[0].models[0].description, "current · not in the endpoint's list");
    });

    it('for chat, still shows a current model that says it cannot chat, saying so', () => {
      const sections = modelSections(models, 'chat', BASE.id);
      assert.deepEqual(shown(sections)[0], ['Current', [BASE.id]]);
      assert.equal(sections[0].models[0].description, 'current · the endpoint says it does not take chat · 16k context');
    });

    it('without a list (not loaded yet, or failed), shows the current model alone', () => {
      assert.deepEqual(
        modelSections([], 'chat', CHAT_A.id),
        [{ title: 'Current', models: [{ id: CHAT_A.id, current: true, description: 'current' }] }],
      );
    });

    it('leaves out empty sections (an endpoint that says nothing about capabilities gives one list, in its order)', () => {
      const ollama = [{ id: 'b' }, { id: 'a' }, { id: 'c' }];
      assert.deepEqual(shown(modelSections(ollama, 'chat', 'a')), [['Other models', ['b', 'a', 'c']]]);
      assert.deepEqual(shown(modelSections(ollama, 'completion', 'a')), [['Completion models', ['b', 'a', 'c']]]);
    });
  });
});
