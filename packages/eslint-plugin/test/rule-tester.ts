import * as vitest from 'vitest';
import { RuleTester } from '@typescript-eslint/rule-tester';

RuleTester.afterAll = vitest.afterAll;
RuleTester.it = vitest.it;
RuleTester.itOnly = vitest.it.only;
RuleTester.describe = vitest.describe;

/** A RuleTester with typescript-eslint's parser and JSX on; files are .tsx unless a case names one. */
export function ruleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    defaultFilenames: { ts: 'src/file.ts', tsx: 'src/file.tsx' },
  });
}
