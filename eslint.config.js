import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['client/dist/**', 'node_modules/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Components render and call shared/: raw Yjs stays behind shared/doc (BoardDoc).
    files: ['client/src/components/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [{ name: 'yjs', message: 'Use BoardDoc from shared/doc.' }] }],
    },
  },
  {
    // shared/ is pure domain: no server, client or Node I/O.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['../../server/*', '../../client/*', 'node:*', 'fs', 'express', 'ws', 'better-sqlite3'] },
      ],
    },
  },
);
