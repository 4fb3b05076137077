import { describe, expect, it } from 'vitest';
import { analyzeFixture, findings } from './fixture.js';

describe('magic values in a project with design tokens (fixtures/magic-values/app)', () => {
  const out = analyzeFixture('app');

  it('reports a literal written in 3+ files once, with every other place in related', () => {
    expect(findings(out, 'repeated-literal')).toEqual([
      {
        rule: 'repeated-literal',
        at: 'src/api/invoices.ts:2:27-2:57',
        related: ['src/api/users.ts:1', 'src/lib/session.ts:5'],
        message:
          'The URL `https://api.northwind.dev/v2` is written in 3 files (3 places): name it once (a shared constant or config) and import it where it is used.',
      },
      {
        rule: 'repeated-literal',
        at: 'src/api/invoices.ts:3:49-3:53',
        related: ['src/api/orders.ts:3', 'src/api/users.ts:6'],
        message:
          'The `setTimeout` argument `5000` is written in 3 files (3 places): name it once (a shared constant or config) and import it where it is used.',
      },
      {
        rule: 'repeated-literal',
        at: 'src/api/invoices.ts:4:24-4:43',
        related: ['src/lib/auth.ts:2', 'src/lib/session.ts:1', 'src/lib/session.ts:2'],
        message:
          'The storage key `northwind.session` is written in 3 files (4 places): name it once (a shared constant or config) and import it where it is used.',
      },
    ]);
  });
});
