import { ratingLine } from '@plumbline/core';
import type { TrendPoint, TrendReport } from '../../trend/index.js';
import { formatMinutes } from '../minutes.js';

/** The words and figures every view of a trend report shares (Markdown, HTML, the terminal view of `trend`). */

/** A change in minutes with its sign; under half a minute is ±0. */
export function signedMinutes(n: number): string {
  if (Math.abs(n) < 0.5) return '±0 min';
  return n > 0 ? `+${formatMinutes(n)}` : `−${formatMinutes(-n)}`;
}

/** A rate such as minutes per 1,000 lines: a few significant digits. */
export function rate(n: number): string {
  return n >= 100 ? String(Math.round(n)) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** A share as a percentage, or n/a. */
export function pct(ratio: number | null, digits = 0): string {
  return ratio === null ? 'n/a' : `${(ratio * 100).toFixed(digits)}%`;
}

/** The period word of the report: week, day or period (commit counts). */
export function periodWord(report: TrendReport): string {
  return report.window.every === 'week' ? 'week' : report.window.every === 'day' ? 'day' : 'period';
}

/** The rating sentence of a point: what it is measured against, or the stored letter marked. */
export function pointRatingLine(p: TrendPoint, calibration: TrendReport['calibration']): string {
  if (p.ratedDensity !== null)
    return `${ratingLine({ rating: p.rating, density: p.ratedDensity, population: calibration.population, calibration: calibration.version })}.`;
  return `Rating ${p.rating}${p.ratingStale ? '*' : ''}: stored without a rated debt (${p.ratedWith ? `calibration ${p.ratedWith}` : 'before the population rating'}), not re-rated.`;
}

/** "Duplicated lines: 4.2% of lines of code (3.9% at the first snapshot)", or null when not measured. */
export function duplicationLine(report: TrendReport): string | null {
  const measured = report.points.filter((p) => p.duplicatedLinesRatio !== null);
  const last = measured[measured.length - 1];
  if (!last) return null;
  const first = measured[0]!;
  const since = first !== last ? ` (${pct(first.duplicatedLinesRatio, 1)} at ${first.label})` : '';
  return `Duplicated lines: ${pct(last.duplicatedLinesRatio, 1)} of lines of code${since}.`;
}

/** The headline sentences every format shares: debt now, rating, last change, rate, new code, projection, assistants. */
export function headline(report: TrendReport): string[] {
  const last = report.points[report.points.length - 1];
  if (!last) return ['No snapshot in the window.'];
  const word = periodWord(report);
  const out = [
    `Debt ${formatMinutes(last.debtMinutes)} (debt ratio ${(last.debtRatio * 100).toFixed(2)}%), ${last.findings} findings in ${last.linesOfCode} lines of code.`,
    pointRatingLine(last, report.calibration),
  ];
  const dup = duplicationLine(report);
  if (dup) out.push(dup);
  const c = report.rate.lastChange;
  if (c) {
    out.push(
      `${word === 'week' ? 'Week over week' : `Since the previous ${word}`}: ${signedMinutes(c.debtMinutes)}${c.percent === null ? '' : ` (${c.percent > 0 ? '+' : ''}${c.percent}%)`}; ${c.newFindings} new (${signedMinutes(c.newDebtMinutes)}), ${c.fixedFindings} fixed (${signedMinutes(-c.fixedDebtMinutes)}).`,
    );
  }
  if (report.rate.debtMinutesPerWeek !== null) {
    out.push(
      `Accumulation: ${signedMinutes(report.rate.debtMinutesPerWeek)} per week (least-squares slope over ${report.points.length} snapshots).`,
    );
  }
  const n = report.rate.newCode;
  if (n.minutesPer1000Lines !== null) {
    out.push(
      `New code (${report.scope.label}): ${formatMinutes(n.newDebtMinutes)} of new debt in ${n.linesAdded} added lines, ${rate(n.minutesPer1000Lines)} min per 1,000 lines (debt ratio ${pct(n.debtRatio, 2)}${n.rating ? `; rated, ${n.rating} against the population` : ''}).`,
    );
  }
  if (report.rate.projection) out.push(`Projection: ${report.rate.projection.text}.`);
  const a = report.attribution.assistants;
  if (a.commits > 0 && a.debtShare !== null) {
    out.push(
      `Commits with assistant trailers added ${pct(a.debtShare)} of the new debt credited to commits while being ${pct(a.commitShare)} of commits (${a.assistantCommits} of ${a.commits}).`,
    );
  } else if (a.commits > 0) {
    out.push(`${a.assistantCommits} of ${a.commits} commits carry assistant trailers; no new debt was credited to a commit.`);
  }
  return out;
}
