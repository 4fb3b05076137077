import { CATEGORIES } from './finding.js';
import type { Category, CategoryTotals, Finding, Rating } from './finding.js';

export const DEFAULT_DEV_COST_MINUTES_PER_LINE = 30;

/** Rating bands on the debt ratio, SQALE style: A <= 5%, B <= 10%, C <= 20%, D <= 50%, else E. */
export const RATING_BANDS: ReadonlyArray<{ rating: Rating; maxRatio: number }> = [
  { rating: 'A', maxRatio: 0.05 },
  { rating: 'B', maxRatio: 0.1 },
  { rating: 'C', maxRatio: 0.2 },
  { rating: 'D', maxRatio: 0.5 },
];

export function ratingFor(debtRatio: number): Rating {
  for (const band of RATING_BANDS) if (debtRatio <= band.maxRatio) return band.rating;
  return 'E';
}

export interface Score {
  debtMinutes: number;
  debtRatio: number;
  rating: Rating;
  byCategory: Record<Category, CategoryTotals>;
}

export function emptyCategoryTotals(): Record<Category, CategoryTotals> {
  const out = {} as Record<Category, CategoryTotals>;
  for (const c of CATEGORIES) out[c] = { findings: 0, debtMinutes: 0 };
  return out;
}

/** debt = sum of effort; ratio = debt / (lines of code x cost per line); the rating follows the ratio. */
export function computeScore(
  findings: readonly Pick<Finding, 'category' | 'effortMinutes'>[],
  linesOfCode: number,
  devCostMinutesPerLine = DEFAULT_DEV_COST_MINUTES_PER_LINE,
): Score {
  const byCategory = emptyCategoryTotals();
  let debtMinutes = 0;
  for (const f of findings) {
    debtMinutes += f.effortMinutes;
    const t = byCategory[f.category];
    t.findings++;
    t.debtMinutes += f.effortMinutes;
  }
  const denominator = linesOfCode * devCostMinutesPerLine;
  const debtRatio = denominator > 0 ? debtMinutes / denominator : 0;
  return { debtMinutes, debtRatio: Math.round(debtRatio * 1e6) / 1e6, rating: ratingFor(debtRatio), byCategory };
}
