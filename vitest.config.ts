import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const pkg = (p: string) => fileURLToPath(new URL(`./packages/${p}`, import.meta.url));

export default defineConfig({
  resolve: {
    // tests run against the TypeScript sources: no build needed between an edit and a test run
    alias: [
      { find: /^@plumbline\/core\/checks\/(.*)$/, replacement: `${pkg('core/src/checks')}/$1.ts` },
      { find: /^@plumbline\/eslint-plugin\/eslint-only-rules$/, replacement: `${pkg('eslint-plugin/src')}/eslint-only-rules.ts` },
      { find: /^@plumbline\/(core|analyzer|eslint-plugin|cli)$/, replacement: `${pkg('')}$1/src/index.ts` },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
