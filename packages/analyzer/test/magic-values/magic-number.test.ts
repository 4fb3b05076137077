import { describe, expect, it } from 'vitest';
import { analyzeFixture, findings } from './fixture.js';

describe('magic values in a project with design tokens (fixtures/magic-values/app)', () => {
  const out = analyzeFixture('app');

  it('reports magic numbers in logic, not status codes, powers of two, slices or named constants', () => {
    expect(findings(out, 'magic-number').map((f) => [f.at, f.message])).toEqual([
      [
        'src/lib/format.ts:3:19-3:23',
        '`1.19` is a magic number in the calculation `cents * 1.19`: give it a name (a `const` that says what it is) or read it from config.',
      ],
      [
        'src/lib/session.ts:4:17-4:18',
        '`5` is a magic number in the comparison `attempt > 5`: give it a name (a `const` that says what it is) or read it from config.',
      ],
    ]);
  });
});
