// scripts/population.mjs: the rated rules' weights from the ledger's verdicts, and the cut points of the
// bands over the population's densities.
import { describe, expect, it } from 'vitest';
import { bandOf } from '@plumbline/core';
// @ts-expect-error plain JavaScript script
import { cutPoints, measureWeights } from '../scripts/population.mjs';

describe('population cut points', () => {
  it('puts a fifth of the population in each band (26 repositories: 5, 5, 6, 5, 5) and no member on a cut', () => {
    const densities = Array.from({ length: 26 }, (_, i) => 3 + i * 1.7 + (i % 3) * 0.1);
    const cuts = cutPoints(densities) as [number, number, number, number];
    const counts = new Map<string, number>();
    for (const d of densities) counts.set(bandOf(d, cuts), (counts.get(bandOf(d, cuts)) ?? 0) + 1);
    expect(['A', 'B', 'C', 'D', 'E'].map((b) => counts.get(b))).toEqual([5, 5, 6, 5, 5]);
    for (const c of counts.values()) expect(c / 26).toBeGreaterThanOrEqual(0.1);
    for (const c of counts.values()) expect(c / 26).toBeLessThanOrEqual(0.35);
    for (const c of cuts) expect(densities).not.toContain(c);
  });

  it('puts ties on a cut in the better band', () => {
    const cuts = cutPoints([0, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
    expect(cuts).toEqual([0, 0, 0, 1.5]);
    expect(bandOf(0, cuts)).toBe('A');
  });

  it('refuses a population too small to cut in fifths', () => {
    expect(() => cutPoints([1, 2, 3])).toThrow(/cannot be cut/);
  });
});

describe('rule weights', () => {
  const rules = [
    { id: 'a', preset: 'recommended' },
    { id: 'b', preset: 'strict' },
    { id: 'c', preset: 'off' },
  ];
  it('weights a rule by its precision on the ledger, debatable as half right; too few verdicts weigh 0.5; off rules are not rated', () => {
    const v = (ruleId: string, verdict: string) => ({ ruleId, verdict, fingerprint: 'f' });
    const verdicts = [
      v('a', 'right'),
      v('a', 'right'),
      v('a', 'debatable'),
      v('a', 'wrong'),
      v('a', 'right'),
      v('b', 'right'),
      v('c', 'right'),
    ];
    const { weights, judged } = measureWeights(rules, verdicts) as { weights: Record<string, number>; judged: Record<string, number> };
    expect(weights).toEqual({ a: 0.7, b: 0.5 });
    expect(judged).toEqual({ a: 5, b: 1 });
  });
});

describe('plant-debt rounds', () => {
  it('plants as many copies as the rise so far says are needed, with a margin, and never fewer than before', async () => {
    // @ts-expect-error plain JavaScript script
    const { densityOfHours, nextPlaces } = (await import('../scripts/plant-debt.mjs')) as {
      densityOfHours: (h: number) => number;
      nextPlaces: (places: number, rise: number, needed: number) => number;
    };
    expect(densityOfHours(2)).toBe(12); // 2 h per 10k lines = 12 min per 1,000 lines
    expect(nextPlaces(3, 1.56, 12)).toBe(26); // 3 places rose 1.56: 12 needs 23, +10 %
    expect(nextPlaces(3, 0, 12)).toBe(6);
    expect(nextPlaces(30, 20, 12)).toBe(31);
  });
});
