import { describe, expect, it } from 'vitest';
import { bagSimilarity, lshCandidates } from '../../src/detectors/component-family.js';

/** A seeded generator of 32-bit values (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

describe('component-family: LSH candidate pairs', () => {
  // pairs of gram sets that share 88 of 100 grams (Dice 0.88, Jaccard 0.79, as a component and its variant with an
  // element added): MinHash over 12 bands of 4 rows proposes such a pair with probability 1 - (1 - 0.79^4)^12 > 0.99
  const random = rng(7);
  const pairs = Array.from({ length: 60 }, () => {
    const shared = Array.from({ length: 88 }, random);
    const a = [...shared, ...Array.from({ length: 12 }, random)].sort((x, y) => x - y);
    const b = [...shared, ...Array.from({ length: 12 }, random)].sort((x, y) => x - y);
    return [a, b] as const;
  });

  it('proposes nearly every pair of near-identical gram sets (the least hash per row, not the last negative one)', () => {
    expect(bagSimilarity(pairs[0]![0], pairs[0]![1])).toBeCloseTo(0.88, 2);
    const proposed = pairs.filter(([a, b]) => lshCandidates([a, b], 'fixed').length === 1).length;
    expect(proposed).toBeGreaterThanOrEqual(58);
  });

  it('the signed hash of earlier releases (kept for design-system-shadow) misses most of them', () => {
    const proposed = pairs.filter(([a, b]) => lshCandidates([a, b], 'signed').length === 1).length;
    expect(proposed).toBeLessThan(45);
  });

  it('proposes no pair of unrelated gram sets', () => {
    const unrelated = Array.from({ length: 200 }, () => Array.from({ length: 60 }, random).sort((x, y) => x - y));
    expect(lshCandidates(unrelated, 'fixed')).toEqual([]);
  });
});
