// The population rating: where a repository's rated debt density falls among the reference
// repositories of the calibration (rating-calibration.ts, written by scripts/population.mjs).
// docs/rating.md explains what is rated and how the bands were cut.
import { CATEGORIES } from './finding.js';
import type { Category, Rating } from './finding.js';
import { CALIBRATION } from './rating-calibration.js';

/** Four cut points of rated debt density (minutes per 1,000 lines), ascending: A up to the first, E above the last. */
export type CutPoints = readonly [number, number, number, number];

export interface Calibration {
  /** changes whenever the weights or the cut points change; stored with every history snapshot */
  version: string;
  /** what measured the population: plumbline's version and commit */
  measuredWith: { version: string; commit: string };
  /** how many reference repositories the cut points were taken from */
  population: number;
  /** the weight of a rule with too few judged findings to measure (fewer than `minJudged`) */
  defaultWeight: number;
  minJudged: number;
  /** the rated rules (every rule whose preset is not `off` when the calibration was cut) and their weights */
  weights: Readonly<Record<string, number>>;
  cuts: CutPoints;
  byCategory: Readonly<Record<Category, CutPoints>>;
}

export interface RatedCategory {
  minutes: number;
  /** rated minutes per 1,000 lines of code */
  density: number;
  rating: Rating;
}

/** The rated debt of one result: `summary.rated` of the JSON output. */
export interface RatedDebt {
  /** the calibration version the rating was taken with */
  calibration: string;
  /** sum over the rated rules' findings of effort x weight */
  minutes: number;
  /** rated minutes per 1,000 lines of code */
  density: number;
  rating: Rating;
  /** how many repositories the calibration's population holds */
  population: number;
  byCategory: Record<Category, RatedCategory>;
}

export { CALIBRATION };

export const RATINGS: readonly Rating[] = ['A', 'B', 'C', 'D', 'E'];

/** Whether a rule's findings count for the rating (whatever the config turns on or off). */
export function isRatedRule(ruleId: string, calibration: Calibration = CALIBRATION): boolean {
  return Object.prototype.hasOwnProperty.call(calibration.weights, ruleId);
}

/** The band of a density: A when at or below the first cut point (ties go to the better band), ... E above the last. */
export function bandOf(density: number, cuts: CutPoints): Rating {
  for (let i = 0; i < cuts.length; i++) if (density <= cuts[i]!) return RATINGS[i]!;
  return 'E';
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Minutes per 1,000 lines (0 for an empty repository). */
export function densityOf(minutes: number, linesOfCode: number): number {
  return linesOfCode > 0 ? round((minutes / linesOfCode) * 1000, 4) : 0;
}

/**
 * The rated debt of a set of findings: only the calibration's rules count, each finding's effort
 * weighted by its rule's measured precision, per 1,000 lines of code; bands from the cut points.
 */
export function ratedDebt(
  findings: Iterable<{ ruleId: string; category: Category; effortMinutes: number }>,
  linesOfCode: number,
  calibration: Calibration = CALIBRATION,
): RatedDebt {
  const minutesBy = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const f of findings) {
    const weight = calibration.weights[f.ruleId];
    if (weight === undefined) continue;
    minutesBy[f.category] += f.effortMinutes * weight;
  }
  return rateMinutes(minutesBy, linesOfCode, calibration);
}

/** Rates rated minutes per category (the sum is the overall). */
export function rateMinutes(
  minutesBy: Readonly<Record<Category, number>>,
  linesOfCode: number,
  calibration: Calibration = CALIBRATION,
): RatedDebt {
  const byCategory = {} as Record<Category, RatedCategory>;
  let minutes = 0;
  for (const c of CATEGORIES) {
    const m = minutesBy[c] ?? 0;
    minutes += m;
    const density = densityOf(m, linesOfCode);
    byCategory[c] = { minutes: round(m, 2), density, rating: bandOf(density, calibration.byCategory[c]) };
  }
  const density = densityOf(minutes, linesOfCode);
  return {
    calibration: calibration.version,
    minutes: round(minutes, 2),
    density,
    rating: bandOf(density, calibration.cuts),
    population: calibration.population,
    byCategory,
  };
}

/** Adds findings (e.g. `check`'s dependency findings) to a rated debt. */
export function addRated(
  rated: RatedDebt,
  findings: Iterable<{ ruleId: string; category: Category; effortMinutes: number }>,
  linesOfCode: number,
  calibration: Calibration = CALIBRATION,
): RatedDebt {
  const minutesBy = Object.fromEntries(CATEGORIES.map((c) => [c, rated.byCategory[c]?.minutes ?? 0])) as Record<Category, number>;
  for (const f of findings) {
    const weight = calibration.weights[f.ruleId];
    if (weight !== undefined) minutesBy[f.category] += f.effortMinutes * weight;
  }
  return rateMinutes(minutesBy, linesOfCode, calibration);
}

const FIFTHS = ['best', 'second', 'middle', 'fourth', 'worst'] as const;

/** "in the middle fifth of 26 reference repositories" */
export function fifthOf(rating: Rating): string {
  return `${FIFTHS[RATINGS.indexOf(rating)]} fifth`;
}

/** Hours per 10,000 lines from minutes per 1,000 lines (x 10 / 60). */
export function hoursPer10k(density: number): number {
  return (density * 10) / 60;
}

/**
 * The one line that says what a rating is measured against:
 * "Rating C: 4.2 h of rated debt per 10k lines, in the middle fifth of 26 reference repositories (calibration 2026-12.1)".
 */
export function ratingLine(rated: Pick<RatedDebt, 'rating' | 'density' | 'population' | 'calibration'>): string {
  const h = hoursPer10k(rated.density);
  return `Rating ${rated.rating}: ${h < 10 ? h.toFixed(1) : Math.round(h)} h of rated debt per 10k lines, in the ${fifthOf(rated.rating)} of ${rated.population} reference repositories (calibration ${rated.calibration})`;
}

/** A stored rating read back: re-rated from its density when it was taken under another calibration, kept (and marked) when no density was stored. */
export interface Rerated {
  rating: Rating;
  /** the density is unknown and the letter is the one stored (a SQALE letter from before the population rating, or another calibration's) */
  stale: boolean;
  /** the calibration the stored letter was taken with (null: before calibrations) */
  ratedWith: string | null;
}

export function rerate(
  stored: { rating: Rating; density: number | null; calibration: string | null },
  calibration: Calibration = CALIBRATION,
): Rerated {
  if (stored.density !== null && stored.density !== undefined)
    return { rating: bandOf(stored.density, calibration.cuts), stale: false, ratedWith: stored.calibration };
  return { rating: stored.rating, stale: stored.calibration !== calibration.version, ratedWith: stored.calibration };
}

/** The rating line of a scan or check summary, or a plain "Rating A" for a result from before the population rating. */
export function summaryRatingLine(summary: { rating: Rating; rated?: RatedDebt | undefined }): string {
  return summary.rated
    ? ratingLine(summary.rated)
    : `Rating ${summary.rating} (no rated debt in this result: taken before the population rating)`;
}
