import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The API client's modules: the only ones that talk to the openai SDK. */
const SDK_MODULES = ['src/core/api/client.ts', 'src/core/api/completions.ts', 'src/core/api/chatCompletions.ts', 'src/core/api/wire.ts', 'src/core/api/errors.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '*.vsix', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // src/core runs without VS Code (unit-tested in plain Node); only the API client's modules talk to the SDK.
    files: ['src/core/**/*.ts'],
    ignores: SDK_MODULES,
    rules: {
      'no-restricted-imports': ['error', { paths: [
        { name: 'vscode', message: 'src/core must not depend on VS Code.' },
        { name: 'openai', message: `Only ${SDK_MODULES.join(', ')} talk to the openai SDK.` },
      ] }],
    },
  },
  {
    files: SDK_MODULES,
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core must not depend on VS Code.' }] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'openai', message: `Only ${SDK_MODULES.join(', ')} talk to the openai SDK.` }] }],
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly', fetch: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
  },
);
