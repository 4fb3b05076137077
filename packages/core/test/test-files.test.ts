// The default testFiles globs: code that is not the product stays out of the noisy rules, product code does not.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEST_FILES, globMatcher } from '@plumbline/core';

const isTest = globMatcher(DEFAULT_TEST_FILES);

describe('DEFAULT_TEST_FILES', () => {
  it.each([
    'src/button.test.tsx',
    'app/database/schema/server/test.ts',
    'detox/utils/report.js',
    'src/orders/fixtures.ts',
    'src/api/user.mock.ts',
    'src/__testfixtures__/rename.input.tsx',
    'apps/web/playwright/fixtures/login.ts',
    'apps/web/playground/page.tsx',
    'packages/editor/src/editor-playground.tsx',
    'packages/prisma/seed/teams.ts',
    'packages/db/seed.ts',
    'packages/db/src/users.seed.ts',
    'server/migrations/20240101-add-index.js',
    'examples/simple/src/posts/PostList.tsx',
  ])('%s is not product code', (path) => expect(isTest(path)).toBe(true));

  it.each([
    'src/components/Button.tsx',
    'src/utils/testing-library-helpers.ts',
    'src/fixtures-loader.ts',
    'apps/web/lib/seeding-utils.ts', // a name that only starts like "seed"
    'packages/ui/src/example-card.tsx',
    'server/commands/migrationHelper.ts',
    'apps/docs/src/pages/index.tsx',
  ])('%s is product code', (path) => expect(isTest(path)).toBe(false));
});
