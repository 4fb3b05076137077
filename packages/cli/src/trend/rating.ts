// The population rating in a trend: each snapshot's rating under the current calibration (re-rated from
// its stored density, or its stored letter marked when it has none), and when the rated density, moving
// at its rate, crosses into the next band.
import { bandOf, CALIBRATION, RATINGS } from '@plumbline/core';
import type { Calibration, CutPoints, Rating } from '@plumbline/core';
import type { SnapshotRecord } from '../history/records.js';

export interface Projection {
  direction: 'worse' | 'better' | 'stable';
  /** the rating it reaches next, or the rating it holds */
  rating: Rating;
  /** weeks until then, or null when stable */
  weeks: number | null;
  text: string;
}

/** What a trend report says about the calibration its ratings are taken with. */
export interface TrendCalibration {
  version: string;
  population: number;
  /** cut points of rated debt density (minutes per 1,000 lines): A up to the first, E above the last */
  cuts: CutPoints;
}

export interface PointRating {
  rating: Rating;
  /** rated debt minutes per 1,000 lines, or null for a snapshot stored before it was kept */
  ratedDensity: number | null;
  /** the letter is the stored one, not taken with the current calibration (shown as `A*`) */
  ratingStale: boolean;
  /** the calibration the stored letter was taken with (null: before calibrations) */
  ratedWith: string | null;
}

export function trendCalibration(calibration: Calibration = CALIBRATION): TrendCalibration {
  return { version: calibration.version, population: calibration.population, cuts: calibration.cuts };
}

/** A snapshot's rating under the current calibration: re-rated from its stored density; its stored letter, marked, without one. */
export function pointRating(
  s: Pick<SnapshotRecord, 'rating' | 'ratedDensity' | 'calibration'>,
  calibration: Calibration = CALIBRATION,
): PointRating {
  if (s.ratedDensity !== null) {
    return { rating: bandOf(s.ratedDensity, calibration.cuts), ratedDensity: s.ratedDensity, ratingStale: false, ratedWith: s.calibration };
  }
  return { rating: s.rating, ratedDensity: null, ratingStale: s.calibration !== calibration.version, ratedWith: s.calibration };
}

/** The footnote of marked ratings: "A* rated before calibration 2026-12.1 (...)", or null when none is marked. */
export function staleNote(
  points: ReadonlyArray<Pick<PointRating, 'ratingStale' | 'ratedWith'>>,
  calibration: Calibration = CALIBRATION,
): string | null {
  const stale = points.filter((p) => p.ratingStale);
  if (!stale.length) return null;
  const olds = [...new Set(stale.map((p) => p.ratedWith ?? 'the population rating (a SQALE debt-ratio letter)'))].join(', ');
  return `* rated before calibration ${calibration.version}: ${stale.length} snapshot${stale.length === 1 ? '' : 's'} stored without a rated density keep their letter from ${olds}; run trend again to re-analyse them`;
}

/** A rating with its mark: `A` or `A*`. */
export function ratingText(p: Pick<PointRating, 'rating' | 'ratingStale'>): string {
  return p.ratingStale ? `${p.rating}*` : p.rating;
}

/** When the rated density, moving at `perWeek`, crosses into the next rating band (worse or better). */
export function project(density: number, perWeek: number | null, cuts: CutPoints = CALIBRATION.cuts): Projection | null {
  if (perWeek === null) return null;
  const rating = bandOf(density, cuts);
  const i = RATINGS.indexOf(rating);
  const stable = (why = ''): Projection => ({
    direction: 'stable',
    rating,
    weeks: null,
    text: `at this rate the rating stays ${rating}${why}`,
  });
  if (Math.abs(perWeek) < 1e-9) return stable();
  const worse = perWeek > 0;
  if ((worse && rating === 'E') || (!worse && rating === 'A')) return stable();
  // leaving band i upwards means passing its upper cut; downwards, the cut below it (ties go to the better band)
  const limit = worse ? cuts[i]! : cuts[i - 1]!;
  const weeks = Math.max(1, Math.ceil(Math.abs(limit - density) / Math.abs(perWeek) - 1e-9));
  const next = RATINGS[worse ? i + 1 : i - 1]!;
  if (weeks > 104) return stable(' for at least two years');
  const when = `${weeks} week${weeks === 1 ? '' : 's'}`;
  return worse
    ? { direction: 'worse', rating: next, weeks, text: `at this rate the rating reaches ${next} in ${when}` }
    : { direction: 'better', rating: next, weeks, text: `at this rate the rating improves to ${next} in ${when}` };
}
