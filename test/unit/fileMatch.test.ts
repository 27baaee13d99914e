import * as assert from 'node:assert/strict';
import { FileCandidate, matchFiles } from '../../src/core/chat/fileMatch';

const files = (paths: string[], open: string[] = []): FileCandidate[] => paths.map((path) => ({ path, open: open.includes(path) }));
const paths = (list: FileCandidate[]): string[] => list.map((f) => f.path);

describe('matchFiles (@ mentions in the chat)', () => {
  const workspace = files([
    'src/chat/chatController.ts',
    'src/chat/chatViewProvider.ts',
    'src/chat/webview/main.ts',
    'src/extension.ts',
    'test/unit/chatController.test.ts',
    'README.md',
    'docs/controllers/overview.md',
  ]);

  it('puts the file whose name is the query first, then names starting with it, then containing it', () => {
    const all = files(['lib/mainframe.ts', 'src/main.ts', 'src/domain.ts', 'src/main']);
    assert.deepEqual(paths(matchFiles('main', all)), ['src/main', 'src/main.ts', 'lib/mainframe.ts', 'src/domain.ts']);
  });

  it('matches abbreviations by word starts (cvp → chatViewProvider)', () => {
    assert.equal(matchFiles('cvp', workspace)[0]?.path, 'src/chat/chatViewProvider.ts');
  });

  it('matches on the directory when the name does not (webmain → src/chat/webview/main.ts)', () => {
    assert.deepEqual(paths(matchFiles('webmain', workspace)), ['src/chat/webview/main.ts']);
  });

  it('is case-insensitive and leaves out what does not match', () => {
    assert.deepEqual(paths(matchFiles('README', workspace)), ['README.md']);
    assert.deepEqual(matchFiles('zzz', workspace), []);
  });

  it('offers open editors first, also with an empty query', () => {
    const withOpen = files(workspace.map((f) => f.path), ['test/unit/chatController.test.ts']);
    assert.equal(matchFiles('chatcontroller', withOpen)[0]?.path, 'test/unit/chatController.test.ts');
    assert.equal(matchFiles('', withOpen)[0]?.path, 'test/unit/chatController.test.ts');
    assert.equal(matchFiles('', withOpen).length, workspace.length);
  });

  it('never offers secret files', () => {
    const all = files(['.env', '.env.local', 'config/id_rsa', 'server.pem', 'env.ts']);
    assert.deepEqual(paths(matchFiles('env', all)), ['env.ts']);
    assert.deepEqual(paths(matchFiles('', all)), ['env.ts']);
  });

  it('gives at most `max` files, each once', () => {
    const many = files(Array.from({ length: 50 }, (_, i) => `src/file${i}.ts`));
    assert.equal(matchFiles('file', [...many, ...many], 12).length, 12);
    assert.equal(new Set(paths(matchFiles('file', [...many, ...many], 100))).size, 50);
  });
});
