import { describe, expect, it } from 'vitest';
import { scanFixture, where } from '../abstraction-helpers.js';

describe('barrel-chain', () => {
  it('reports one finding per chain of barrels deeper than maxDepth, with every hop', () => {
    const { findings } = scanFixture('barrel-chain');
    expect(findings.map(where)).toEqual(['barrel-chain src/index.ts:1:1']);
    expect(findings[0]!.related.map((r) => `${r.file}:${r.line}`)).toEqual([
      'src/index.ts:1',
      'src/ui/index.ts:1',
      'src/ui/forms/index.ts:1',
      'src/ui/forms/inputs/index.ts:1',
      'src/ui/forms/inputs/text-input.ts:1',
    ]);
    expect(findings[0]!.message).toMatch(/^4 re-export hops: /);
  });

  it('takes its depth from the options', () => {
    expect(scanFixture('barrel-chain', { 'barrel-chain': ['warn', { maxDepth: 4 }] }).findings).toEqual([]);
    expect(scanFixture('barrel-chain', { 'barrel-chain': ['warn', { maxDepth: 1 }] }).findings.map(where)).toEqual([
      'barrel-chain src/index.ts:1:1',
      'barrel-chain src/index.ts:1:1',
    ]);
  });
});
