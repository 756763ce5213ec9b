import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'fixtures/', 'node_modules/', '.cache/', 'test-artifacts/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'execa', message: 'Only src/hosts may spawn processes.' },
            { name: 'node:child_process', message: 'Only src/hosts may spawn processes.' },
            { name: 'chalk', message: 'Colour belongs to src/reporters/colors.ts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/hosts/**/*.ts', 'src/testing/**/*.ts', '**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/cli/**/*.ts', 'src/reporters/text.ts', 'src/reporters/colors.ts'],
    rules: {
      'no-console': 'off',
      'no-restricted-imports': ['error', { paths: [{ name: 'execa' }, { name: 'node:child_process' }] }],
    },
  },
  {
    // Tests start real servers and tools (sshd, xmllint, PostgreSQL, pwsh with the Windows stubs
    // of src/testing/windows-stubs/, a test harness never bundled): after the src/cli block.
    files: ['**/*.test.ts', 'src/testing/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
);
