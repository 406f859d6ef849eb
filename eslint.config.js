// ESLint for the workspace (`npm run lint`, part of `npm test`): ESLint's and typescript-eslint's
// recommended rules on every source, test and script file; the test fixtures and the corpus of
// real workloads are programs the tests run as they are written, so they are left out.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'packages/hotpath/test/fixtures/**', 'packages/hotpath/test/corpus/**', 'packages/hotpath/bench/programs/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names are kept on purpose (a parameter an interface requires).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests match output as it is: tables column for column (`/  examples\/taylor/` reads as
    // the table does), terminal colours (`\x1b[31m`), binary files' first bytes.
    files: ['packages/*/test/**'],
    rules: { 'no-regex-spaces': 'off', 'no-control-regex': 'off' },
  },
  {
    files: ['packages/hotpath/src/view/page/**', 'packages/particles/web/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
