import * as assert from 'node:assert/strict';
import { commentLine } from '../../src/core/completion/comments';
import { completionLanguage } from '../../src/core/completion/fileLanguage';
import { DEFAULT_LANGUAGES, languageEnabled } from '../../src/core/settings';

/** Whether completions are on by default for a document VS Code calls `languageId`. */
const onByDefault = (languageId: string, fileName?: string): boolean => languageEnabled(DEFAULT_LANGUAGES, completionLanguage(languageId, fileName));

describe('the language completions go by', () => {
  it('is VS Code\'s own wherever it knows the language', () => {
    assert.equal(completionLanguage('python', '/w/a.py'), 'python');
    assert.equal(completionLanguage('markdown', '/w/README.md'), 'markdown');
    assert.equal(completionLanguage('typescript', undefined), 'typescript');
  });

  it('names code VS Code calls plain text by its extension: completions on, comments in its syntax', () => {
    assert.equal(completionLanguage('plaintext', '/w/src/Main.kt'), 'kotlin');
    assert.equal(completionLanguage('plaintext', '/w/Modules/FindX.cmake'), 'cmake');
    assert.equal(completionLanguage('plaintext', '/w/CMakeLists.txt'), 'cmake');
    assert.equal(completionLanguage('plaintext', 'C:\\w\\App.VUE'), 'vue');
    assert.equal(completionLanguage('plaintext', '/w/x.foo'), 'foo', 'an extension this does not know names itself');
    for (const file of ['/w/Main.kt', '/w/a.cmake', '/w/x.foo', '/w/indent/python.vim']) assert.ok(onByDefault('plaintext', file), file);
    assert.equal(commentLine(completionLanguage('plaintext', '/w/a.cmake'), 'Path: a.cmake'), '# Path: a.cmake');
    assert.equal(commentLine(completionLanguage('plaintext', '/w/a.vim'), 'Path: a.vim'), '" Path: a.vim');
  });

  it('leaves text as text: off by default, as in Copilot', () => {
    for (const file of ['/w/notes.txt', '/w/LICENSE', '/w/build.log', '/w/.bashrc', '/w/data.csv']) {
      assert.equal(completionLanguage('plaintext', file), 'plaintext', file);
      assert.equal(onByDefault('plaintext', file), false, file);
    }
    assert.equal(onByDefault('plaintext', undefined), false, 'an untitled text document');
  });
});
