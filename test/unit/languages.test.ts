import * as assert from 'node:assert/strict';
import { fenceLanguage, languageForFence } from '../../src/core/chat/languages';

const KNOWN = ['typescript', 'typescriptreact', 'javascript', 'python', 'shellscript', 'rust', 'go', 'plaintext', 'json', 'yaml', 'markdown', 'csharp', 'cpp'];

describe('languages of code fences', () => {
  it('opens a code block in the language its fence names, by id or by the usual short tag', () => {
    const cases: Array<[string, string]> = [
      ['python', 'python'], ['py', 'python'], ['PY', 'python'], ['ts', 'typescript'], ['tsx', 'typescriptreact'],
      ['sh', 'shellscript'], ['bash', 'shellscript'], ['rs', 'rust'], ['yml', 'yaml'], ['c++', 'cpp'], ['cs', 'csharp'],
    ];
    for (const [tag, id] of cases) assert.equal(languageForFence(tag, KNOWN), id, tag);
  });

  it('falls back to plain text for an empty or unknown tag, or a language VS Code does not have', () => {
    for (const tag of ['', '  ', 'klingon', 'kt']) assert.equal(languageForFence(tag, KNOWN), 'plaintext', tag);
  });

  it('fences attachments with the tags highlighters know', () => {
    assert.equal(fenceLanguage('typescriptreact'), 'tsx');
    assert.equal(fenceLanguage('shellscript'), 'bash');
    assert.equal(fenceLanguage('python'), 'python');
    assert.equal(fenceLanguage('weird lang!'), 'weirdlang');
  });
});
