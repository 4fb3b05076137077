import { describe, expect, it } from 'vitest';
import { addRated, bandOf, CALIBRATION, isRatedRule, ratedDebt, ratingLine, rerate, summaryRatingLine } from '../src/rating.js';
import type { Calibration } from '../src/rating.js';

const cal: Calibration = {
  version: 'test.1',
  measuredWith: { version: '0', commit: 'x' },
  population: 25,
  defaultWeight: 0.5,
  minJudged: 5,
  weights: { 'copied-code': 0.8, 'magic-number': 0.4 },
  cuts: [10, 20, 30, 40],
  byCategory: {
    duplication: [5, 10, 15, 20],
    'magic-value': [1, 2, 3, 4],
    abstraction: [0, 0, 0, 1],
    drift: [0, 0, 1, 2],
    'design-system': [0, 1, 2, 3],
  },
};

describe('population rating', () => {
  it('bands a density by the cut points; a density on a cut goes to the better band', () => {
    expect([0, 10, 10.01, 20, 29, 30, 40, 40.5, 1e9].map((d) => bandOf(d, cal.cuts))).toEqual([
      'A',
      'A',
      'B',
      'B',
      'C',
      'C',
      'D',
      'E',
      'E',
    ]);
    // ties at zero (a category most repositories have none of): zero is A
    expect(bandOf(0, cal.byCategory.abstraction)).toBe('A');
    expect(bandOf(0.5, cal.byCategory.abstraction)).toBe('D');
    expect(bandOf(1.5, cal.byCategory.abstraction)).toBe('E');
  });

  it('weights each finding by its rule and counts only the rated rules, per 1,000 lines', () => {
    const r = ratedDebt(
      [
        { ruleId: 'copied-code', category: 'duplication', effortMinutes: 30 },
        { ruleId: 'magic-number', category: 'magic-value', effortMinutes: 10 },
        { ruleId: 'not-rated', category: 'drift', effortMinutes: 1000 },
      ],
      2000,
      cal,
    );
    expect(r.minutes).toBe(28);
    expect(r.density).toBe(14);
    expect(r.rating).toBe('B');
    expect(r.byCategory.duplication).toEqual({ minutes: 24, density: 12, rating: 'C' });
    expect(r.byCategory['magic-value']).toEqual({ minutes: 4, density: 2, rating: 'B' });
    expect(r.byCategory.drift).toEqual({ minutes: 0, density: 0, rating: 'A' });
    expect(r).toMatchObject({ calibration: 'test.1', population: 25 });
    expect(ratedDebt([], 0, cal).density).toBe(0);
  });

  it('adds findings to a rated debt as if they had been there from the start', () => {
    const base = [{ ruleId: 'copied-code', category: 'duplication' as const, effortMinutes: 30 }];
    const extra = [{ ruleId: 'magic-number', category: 'magic-value' as const, effortMinutes: 100 }];
    expect(addRated(ratedDebt(base, 1000, cal), extra, 1000, cal)).toEqual(ratedDebt([...base, ...extra], 1000, cal));
  });

  it('says what the rating is measured against in one line', () => {
    expect(ratingLine({ rating: 'C', density: 25.2, population: 26, calibration: '2026-12.1' })).toBe(
      'Rating C: 4.2 h of rated debt per 10k lines, in the middle fifth of 26 reference repositories (calibration 2026-12.1)',
    );
    expect(ratingLine({ rating: 'E', density: 120, population: 26, calibration: 'x' })).toMatch(/^Rating E: 20 h .* worst fifth/);
    expect(summaryRatingLine({ rating: 'A' })).toMatch(/^Rating A \(no rated debt/);
  });

  it('re-rates a stored density under another calibration, and marks a stored letter it cannot re-rate', () => {
    expect(rerate({ rating: 'A', density: 35, calibration: 'old.1' }, cal)).toEqual({ rating: 'D', stale: false, ratedWith: 'old.1' });
    expect(rerate({ rating: 'A', density: null, calibration: null }, cal)).toEqual({ rating: 'A', stale: true, ratedWith: null });
    expect(rerate({ rating: 'B', density: null, calibration: 'test.1' }, cal).stale).toBe(false);
  });

  it('ships a calibration cut from its population: ascending cut points, a weight in (0, 1] for every rated rule', () => {
    expect(CALIBRATION.population).toBeGreaterThanOrEqual(5);
    for (const cuts of [CALIBRATION.cuts, ...Object.values(CALIBRATION.byCategory)])
      for (let i = 1; i < cuts.length; i++) expect(cuts[i]!).toBeGreaterThanOrEqual(cuts[i - 1]!);
    for (const [rule, w] of Object.entries(CALIBRATION.weights)) {
      expect(isRatedRule(rule)).toBe(true);
      expect(w).toBeGreaterThan(0);
      expect(w).toBeLessThanOrEqual(1);
    }
  });
});
