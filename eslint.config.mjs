import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    // src/core runs without VS Code (unit-tested in plain Node); only the client module talks to the SDK.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/api/client.ts', 'src/core/api/errors.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [
        { name: 'vscode', message: 'src/core must not depend on VS Code.' },
        { name: 'openai', message: 'Only src/core/api/client.ts (and errors.ts) talk to the openai SDK.' },
      ] }],
    },
  },
  {
    files: ['src/core/api/client.ts', 'src/core/api/errors.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core must not depend on VS Code.' }] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'openai', message: 'Only src/core/api/client.ts talks to the openai SDK.' }] }],
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly', fetch: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
  },
);
