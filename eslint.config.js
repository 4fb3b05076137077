// Lints this repository with typescript-eslint, and dogfoods plumbline's own recommended preset.
import tseslint from 'typescript-eslint';
import plumbline from '@plumbline/eslint-plugin';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'fixtures/**', '.plumbline/**', 'bench-results/**', '**/*.generated.ts', 'examples/**'],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.ts'],
    ...plumbline.configs.recommended,
  },
  {
    // Sizes a reader can hold: a source file over 600 lines or a function over 150 says why in a disable comment.
    files: ['packages/*/src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 600 }],
      'max-lines-per-function': ['error', { max: 150 }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
