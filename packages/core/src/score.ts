import { CATEGORIES } from './finding.js';
import type { Category, CategoryTotals, Finding } from './finding.js';

// the rating is the population rating (rating.ts); the debt ratio stays a figure beside it
export * from './rating.js';

export const DEFAULT_DEV_COST_MINUTES_PER_LINE = 30;

export interface Score {
  debtMinutes: number;
  debtRatio: number;
  byCategory: Record<Category, CategoryTotals>;
}

export function emptyCategoryTotals(): Record<Category, CategoryTotals> {
  const out = {} as Record<Category, CategoryTotals>;
  for (const c of CATEGORIES) out[c] = { findings: 0, debtMinutes: 0 };
  return out;
}

/** debt = sum of effort; ratio = debt / (lines of code x cost per line), SQALE style. The rating is rated debt density's (ratedDebt). */
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
  return { debtMinutes, debtRatio: Math.round(debtRatio * 1e6) / 1e6, byCategory };
}
