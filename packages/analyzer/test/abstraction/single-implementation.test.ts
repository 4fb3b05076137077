import { describe, expect, it } from 'vitest';
import { scanFixture, where } from '../abstraction-helpers.js';

describe('single-implementation', () => {
  it('reports interfaces and abstract classes with one implementation, not public, doubled, extended, data-only or error ones', () => {
    const { findings } = scanFixture('single-implementation');
    expect(findings.map(where)).toEqual([
      'single-implementation apps/app/src/contracts.ts:20:18',
      'single-implementation apps/app/src/jobs.ts:1:23',
      'single-implementation apps/app/src/payments.ts:1:18',
    ]);
    expect(findings.map((f) => f.related.map((r) => `${r.file}:${r.line}`))).toEqual([
      ['apps/app/src/impls.ts:11'],
      ['apps/app/src/jobs.ts:9'],
      ['apps/app/src/payments.ts:5'],
    ]);
  });
});
