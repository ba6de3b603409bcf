import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const NO_YJS = { name: 'yjs', message: 'Only shared/doc and the sync transport touch Yjs: use BoardDoc/MeetingDoc.' };
const SHARED_PURE = ['../../server/*', '../../client/*', 'node:*', 'fs', 'express', 'ws', 'better-sqlite3'];

export default tseslint.config(
  { ignores: ['client/dist/**', 'dist/**', 'node_modules/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // No import cycles anywhere: a cycle means two modules that are one concept or a missing seam.
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    // The rules of hooks everywhere in the client (components, hooks, sync glue).
    files: ['client/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // One way to write a board: only shared/doc (the layout) and the sync transport
    // (server/sync, server/cluster, client/src/sync) touch Yjs; everything else goes through BoardDoc/MeetingDoc.
    files: ['server/**/*.ts', 'client/src/**/*.{ts,tsx}'],
    ignores: ['server/sync/**', 'server/cluster/**', 'client/src/sync/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_YJS] }] },
  },
  {
    // shared/ is pure domain: no server, client or Node I/O; and only shared/doc knows Yjs.
    files: ['shared/**/*.ts'],
    ignores: ['shared/doc/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_YJS], patterns: SHARED_PURE }] },
  },
  {
    files: ['shared/doc/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: SHARED_PURE }] },
  },
);
