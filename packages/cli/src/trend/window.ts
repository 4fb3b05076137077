// The time window of a trend: --since, --until and --every, and the snapshots (first-parent commits)
// that stand for its periods.
import { UsageError } from '../command.js';
import type { HistoryCommit } from '../git/history.js';

export type { HistoryCommit } from '../git/history.js';

export const DAY = 86_400;
export const WEEK = 7 * DAY;

// --since, --until, --every

export type Every = { kind: 'week' } | { kind: 'day' } | { kind: 'commits'; n: number };

/** Parses `--every`: `week`, `day`, or a number of first-parent commits (`50`, `50 commits`). */
export function parseEvery(text: string | undefined): Every {
  const t = (text ?? 'week').trim().toLowerCase();
  if (t === 'week' || t === 'weekly' || t === 'w') return { kind: 'week' };
  if (t === 'day' || t === 'daily' || t === 'd') return { kind: 'day' };
  const m = /^(\d+)\s*(?:commits?|c)?$/.exec(t);
  if (m && Number(m[1]) > 0) return { kind: 'commits', n: Number(m[1]) };
  throw new UsageError(`--every must be week, day or a number of commits (e.g. 50), got "${text}"`);
}

function parseDate(text: string, flag: string): number {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    const ms = Date.parse(`${t}T00:00:00Z`);
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(t)) {
    const ms = Date.parse(t);
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
  }
  throw new UsageError(
    `${flag} must be a date (YYYY-MM-DD or an ISO date-time)${flag === '--since' ? ' or a duration (26w, 90d, 6m, 1y)' : ''}, got "${text}"`,
  );
}

/** Parses `--since`: a duration back from `until` (`26w`, `90d`, `6m`, `1y`) or a date. Unix seconds. */
export function parseSince(text: string | undefined, until: number): number {
  const t = (text ?? '26w').trim().toLowerCase();
  const m = /^(\d+)\s*(d|w|m|y)$/.exec(t);
  if (m) {
    const n = Number(m[1]);
    if (m[2] === 'd') return until - n * DAY;
    if (m[2] === 'w') return until - n * WEEK;
    const d = new Date(until * 1000);
    if (m[2] === 'm') d.setUTCMonth(d.getUTCMonth() - n);
    else d.setUTCFullYear(d.getUTCFullYear() - n);
    return Math.floor(d.getTime() / 1000);
  }
  return parseDate(text ?? '', '--since');
}

export function parseUntil(text: string, flag = '--until'): number {
  const t = parseDate(text, flag);
  // a bare date means the end of that day
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? t + DAY - 1 : t;
}

export const isoDate = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);
export const isoTime = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

// Selecting snapshots

/** One point of the series: the state of the code at the end of a period. */
export interface SelectedPoint {
  /** the period's start (unix seconds; for the first commit-count point, its own time) */
  start: number;
  /** the period's end: a boundary, or `until` for the last point */
  end: number;
  /** the last first-parent commit before `end` */
  commit: HistoryCommit;
  label: string;
}

export interface Selection {
  points: SelectedPoint[];
  notes: string[];
}

/** The start of the UTC week (Monday 00:00) that contains `t`. */
function weekStart(t: number): number {
  const day = Math.floor(t / DAY);
  const weekday = (day + 3) % 7; // 1970-01-01 was a Thursday: Monday = 0
  return (day - weekday) * DAY;
}

/**
 * Picks the snapshots of a window from first-parent history (newest first): for each period boundary
 * (Monday 00:00 UTC for weeks, midnight UTC for days) in (since, until), the last commit before it,
 * then the last commit at or before `until`. With a commit count, every n-th first-parent commit back
 * from `until`. Periods before the first commit have no point; that is reported in `notes`.
 */
export function selectSnapshots(history: readonly HistoryCommit[], since: number, until: number, every: Every): Selection {
  const notes: string[] = [];
  const eligible = history.filter((c) => c.time <= until);
  if (eligible.length === 0) return { points: [], notes: [`no commit at or before ${isoTime(until)}`] };
  const lastBefore = (t: number, inclusive: boolean): HistoryCommit | undefined =>
    eligible.find((c) => (inclusive ? c.time <= t : c.time < t));
  const points: SelectedPoint[] = [];
  if (every.kind === 'commits') {
    const inWindow = eligible.filter((c) => c.time > since);
    for (let i = 0; i < inWindow.length; i += every.n) {
      const c = inWindow[i]!;
      points.push({ start: c.time, end: c.time, commit: c, label: `${isoDate(c.time)} ${c.sha.slice(0, 7)}` });
    }
    points.reverse();
    for (let i = 1; i < points.length; i++) points[i]!.start = points[i - 1]!.end;
    return { points, notes };
  }
  const step = every.kind === 'week' ? WEEK : DAY;
  const first = every.kind === 'week' ? weekStart(since) + WEEK : (Math.floor(since / DAY) + 1) * DAY;
  const ends: number[] = [];
  for (let b = first; b < until; b += step) ends.push(b);
  ends.push(until);
  let missing = 0;
  for (const end of ends) {
    const isLast = end === until;
    const commit = lastBefore(end, isLast);
    const start = isLast ? (every.kind === 'week' ? weekStart(until) : Math.floor(until / DAY) * DAY) : end - step;
    if (!commit) {
      missing++;
      continue;
    }
    points.push({ start, end, commit, label: isoDate(start) });
  }
  if (missing > 0) {
    const oldest = eligible[eligible.length - 1]!;
    notes.push(
      `history starts at ${isoDate(oldest.time)} (${oldest.sha.slice(0, 7)}): ${missing} of the ${ends.length} ${every.kind === 'week' ? 'weeks' : 'days'} in the window precede it and have no snapshot`,
    );
  }
  return { points, notes };
}
