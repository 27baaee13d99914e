import * as assert from 'node:assert/strict';
import {
  MAX_STOP_SEQUENCES,
  TEMPLATE_IDS,
  cutAtStop,
  detectTemplate,
  isTemplateId,
  stopFor,
  templateFor,
  type TemplateId,
} from '../../src/core/completion/templates';

const PREFIX = 'def add(a, b):\n    ';
const SUFFIX = '\n\nprint(add(1, 2))\n';

describe('templates', () => {
  describe('prompt text per family', () => {
    const cases: Array<[TemplateId, string]> = [
      ['starcoder', `<fim_prefix>${PREFIX}<fim_suffix>${SUFFIX}<fim_middle>`],
      ['qwen', `<|fim_prefix|>${PREFIX}<|fim_suffix|>${SUFFIX}<|fim_middle|>`],
      ['deepseek', `<｜fim▁begin｜>${PREFIX}<｜fim▁hole｜>${SUFFIX}<｜fim▁end｜>`],
      ['codellama', `<PRE> ${PREFIX} <SUF>${SUFFIX} <MID>`],
      ['codestral', `[SUFFIX]${SUFFIX}[PREFIX]${PREFIX}`],
      ['prefix-only', PREFIX],
    ];
    for (const [id, expected] of cases) {
      it(`${id} writes the exact prompt`, () => {
        const template = templateFor('any-model', id);
        assert.equal(template.id, id);
        assert.equal(template.build(PREFIX, SUFFIX), expected);
      });
    }

    it('only prefix-only leaves the suffix out', () => {
      for (const id of TEMPLATE_IDS) {
        const template = templateFor('m', id);
        assert.equal(template.usesSuffix, id !== 'prefix-only', id);
        assert.equal(template.build('P', 'S').includes('S'), template.usesSuffix, id);
      }
    });

    it('uses the documented stop tokens of each family', () => {
      assert.ok(templateFor('m', 'starcoder').stop.includes('<|endoftext|>'));
      assert.ok(templateFor('m', 'starcoder').stop.includes('<file_sep>'));
      for (const s of ['<|endoftext|>', '<|fim_pad|>', '<|file_sep|>', '<|im_end|>']) assert.ok(templateFor('m', 'qwen').stop.includes(s), s);
      assert.ok(templateFor('m', 'deepseek').stop.includes('<｜end▁of▁sentence｜>'));
      assert.ok(templateFor('m', 'codellama').stop.includes('<EOT>'));
      assert.deepEqual(templateFor('m', 'prefix-only').stop, []);
    });
  });

  describe('detection from the model id', () => {
    const cases: Array<[string, TemplateId]> = [
      ['accounts/fireworks/models/starcoder-16b', 'starcoder'],
      ['accounts/fireworks/models/starcoder2-15b', 'starcoder'],
      ['bigcode/starcoder2-3b', 'starcoder'],
      ['accounts/fireworks/models/qwen2p5-coder-7b', 'qwen'],
      ['accounts/fireworks/models/qwen2p5-coder-32b-instruct', 'qwen'],
      ['accounts/fireworks/models/qwen3-coder-480b-a35b-instruct', 'qwen'],
      ['Qwen/Qwen2.5-Coder-7B', 'qwen'],
      ['qwen2.5-coder:1.5b-base', 'qwen'],
      ['accounts/a/models/qwen2p5-coder-7b#accounts/a/deployments/x', 'qwen'],
      ['accounts/fireworks/models/deepseek-coder-v2-lite-base', 'deepseek'],
      ['deepseek-ai/DeepSeek-Coder-6.7B-base', 'deepseek'],
      ['accounts/fireworks/models/code-llama-7b', 'codellama'],
      ['codellama:7b-code', 'codellama'],
      ['accounts/fireworks/models/codestral-2501', 'codestral'],
      ['accounts/a/models/codestral-2501#accounts/a/deployments/d1', 'codestral'],
      // Not code models with known FIM tokens: the prompt is the prefix.
      ['accounts/fireworks/models/llama-v3p3-70b-instruct', 'prefix-only'],
      ['accounts/fireworks/models/qwen2p5-72b-instruct', 'prefix-only'],
      ['accounts/fireworks/models/deepseek-v3', 'prefix-only'],
      ['gpt-4o-mini', 'prefix-only'],
      ['', 'prefix-only'],
    ];
    for (const [model, expected] of cases) {
      it(`${model || '(empty)'} → ${expected}`, () => {
        assert.equal(detectTemplate(model), expected);
        assert.equal(templateFor(model, 'auto').id, expected);
      });
    }

    it('ignores the deployment part of the id', () => {
      assert.equal(detectTemplate('accounts/a/models/my-llama#accounts/a/deployments/starcoder-box'), 'prefix-only');
    });
  });

  describe('override by setting', () => {
    it('the setting wins over detection', () => {
      assert.equal(templateFor('accounts/fireworks/models/qwen2p5-coder-7b', 'starcoder').id, 'starcoder');
      assert.equal(templateFor('my-finetune', 'deepseek').id, 'deepseek');
      assert.equal(templateFor('accounts/fireworks/models/qwen2p5-coder-7b', 'prefix-only').id, 'prefix-only');
    });

    it("'auto' and unknown values detect from the id", () => {
      assert.equal(templateFor('accounts/fireworks/models/starcoder2-15b', 'auto').id, 'starcoder');
      assert.equal(templateFor('accounts/fireworks/models/starcoder2-15b', 'bogus').id, 'starcoder');
      assert.equal(templateFor('my-finetune', '').id, 'prefix-only');
    });

    it('isTemplateId knows exactly the template ids', () => {
      assert.deepEqual([...TEMPLATE_IDS].sort(), ['codellama', 'codestral', 'deepseek', 'prefix-only', 'qwen', 'starcoder']);
      for (const id of TEMPLATE_IDS) assert.ok(isTemplateId(id));
      assert.equal(isTemplateId('auto'), false);
      assert.equal(isTemplateId('toString'), false);
      assert.equal(isTemplateId('constructor'), false);
    });
  });

  describe('stopFor', () => {
    it('never asks for more than four stop sequences', () => {
      assert.equal(MAX_STOP_SEQUENCES, 4);
      for (const id of TEMPLATE_IDS) {
        const template = templateFor('m', id);
        assert.ok(stopFor(template).length <= 4, id);
        assert.ok(stopFor(template, ['\n', '\n\n']).length <= 4, id);
      }
      assert.deepEqual(stopFor(templateFor('m', 'qwen')), ['<|endoftext|>', '<|fim_pad|>', '<|file_sep|>', '<|im_end|>']);
    });

    it('puts the extra stops first', () => {
      const stops = stopFor(templateFor('m', 'qwen'), ['\n']);
      assert.equal(stops.length, 4);
      assert.equal(stops[0], '\n');
      assert.equal(stops[1], '<|endoftext|>');
      assert.deepEqual(stopFor(templateFor('m', 'prefix-only'), ['\n']), ['\n']);
    });
  });

  describe('cutAtStop', () => {
    it('cuts at the earliest stop sequence', () => {
      assert.deepEqual(cutAtStop('return 1<|endoftext|>junk<|fim_pad|>', ['<|fim_pad|>', '<|endoftext|>']), { text: 'return 1', stopped: true });
    });

    it('cuts FIM tokens the server was not asked to stop at', () => {
      const qwen = templateFor('m', 'qwen');
      const notSent = qwen.stop.filter((s) => !stopFor(qwen).includes(s));
      assert.ok(notSent.includes('<|fim_middle|>'));
      assert.equal(cutAtStop('x = 1<|fim_middle|>x = 1', qwen.stop).text, 'x = 1');
    });

    it('leaves text without a stop alone, and ignores empty stops', () => {
      assert.deepEqual(cutAtStop('return 1', ['<EOT>']), { text: 'return 1', stopped: false });
      assert.deepEqual(cutAtStop('return 1', ['', '<EOT>']), { text: 'return 1', stopped: false });
      assert.deepEqual(cutAtStop('<EOT>', ['<EOT>']), { text: '', stopped: true });
    });
  });
});
