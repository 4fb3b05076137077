// The report data of a trend (what every format renders), and what builds it from the stored snapshots
// and periods: the series of points, the rate and projection, the attribution of new debt.
import { bandOf, CALIBRATION, ownersOf, VERSION } from '@plumbline/core';
import type { Category, CategoryTotals, CodeownersRule, Rating } from '@plumbline/core';
import type { CommitInfo, IntervalCommit, IntervalRecord, RuleTotals, Share, SnapshotRecord } from '../history/records.js';
import { assistantOf } from './assistants.js';
import { pointRating, project, staleNote, trendCalibration } from './rating.js';
import type { PointRating, TrendCalibration } from './rating.js';
import type { Projection } from './rating.js';
import { isoDate, isoTime, WEEK } from './window.js';
import type { Every, SelectedPoint } from './window.js';

export interface PointChange {
  newFindings: number;
  fixedFindings: number;
  newDebtMinutes: number;
  fixedDebtMinutes: number;
  /** lines added and deleted in analysed files by the period's non-merge commits (renames excluded) */
  linesAdded: number;
  linesDeleted: number;
  /** non-merge commits that touched analysed files */
  commits: number;
  assistantCommits: number;
}

export type { Projection, TrendCalibration } from './rating.js';

export interface TrendPoint extends PointRating {
  label: string;
  /** ISO times of the period */
  start: string;
  end: string;
  commit: string;
  committedAt: string;
  files: number;
  linesOfCode: number;
  findings: number;
  debtMinutes: number;
  debtRatio: number;
  byCategory: Record<Category, CategoryTotals>;
  byRule: Record<string, RuleTotals>;
  designSystemAdoption: number | null;
  driftIndex: number;
  /** lines inside copied code ÷ lines of code (GitClear's figure), or null when not measured */
  duplicatedLinesRatio: number | null;
  /** against the previous point; null for the first */
  change: PointChange | null;
}

export interface AttributionRow {
  name: string;
  newFindings: number;
  newDebtMinutes: number;
  fixedFindings: number;
  fixedDebtMinutes: number;
}

export interface CommitRow {
  sha: string;
  author: string;
  date: string;
  subject: string;
  /** the assistant its trailers name, or null */
  assistant: string | null;
  linesAdded: number;
  /** new findings credited to it (fractions when it shares a finding's lines with other commits) */
  newFindings: number;
  newDebtMinutes: number;
}

export interface AssistantSplit {
  /** non-merge commits of the scope that touched analysed files */
  commits: number;
  assistantCommits: number;
  /** assistantCommits / commits, or null without commits */
  commitShare: number | null;
  /** new debt credited to commits (the rest touched no flagged line) */
  attributedDebtMinutes: number;
  assistantDebtMinutes: number;
  /** assistantDebtMinutes / attributedDebtMinutes, or null */
  debtShare: number | null;
  linesAdded: number;
  assistantLinesAdded: number;
  /** new debt minutes per 1,000 added lines, for assistant commits and the others */
  assistantMinutesPer1000Lines: number | null;
  otherMinutesPer1000Lines: number | null;
  byAssistant: Array<{ name: string; commits: number; newDebtMinutes: number }>;
}

export interface TopFinding {
  ruleId: string;
  category: Category;
  file: string;
  line: number;
  message: string;
  effortMinutes: number;
  /** the period (point label) in which it appeared */
  period: string;
  /** the commit credited with most of it, or null */
  commit: string | null;
  author: string | null;
}

export interface TrendReport {
  schemaVersion: 1;
  kind: 'plumbline-trend';
  tool: { name: 'plumbline'; version: string };
  root: string;
  ref: string;
  generatedAt: string;
  window: { since: string; until: string; every: string };
  /** history problems (shallow clone, history shorter than the window) and other remarks */
  notes: string[];
  /** the calibration every point's rating is taken with (older snapshots re-rated from their density) */
  calibration: TrendCalibration;
  points: TrendPoint[];
  rate: {
    /** least-squares slope of debt over the window */
    debtMinutesPerWeek: number | null;
    debtRatioPerWeek: number | null;
    /** least-squares slope of the rated debt density (minutes per 1,000 lines) over the points that have one */
    ratedDensityPerWeek: number | null;
    /** the last point against the one before: a week-over-week change with --every week */
    lastChange: (PointChange & { debtMinutes: number; percent: number | null; label: string }) | null;
    /** debt of the new findings of the scope over the lines added in it */
    newCode: {
      linesAdded: number;
      newDebtMinutes: number;
      minutesPer1000Lines: number | null;
      debtRatio: number | null;
      /** rated debt of the new findings per 1,000 added lines, and its band against the population */
      ratedDensity: number | null;
      rating: Rating | null;
    };
    projection: Projection | null;
  };
  /** what the attribution covers: the whole window, or the last period (--weekly) */
  scope: { kind: 'window' | 'last'; label: string; from: string | null; to: string | null };
  attribution: {
    newFindings: number;
    newDebtMinutes: number;
    fixedFindings: number;
    fixedDebtMinutes: number;
    /** new debt no commit of its period touched the lines of (e.g. a copy elsewhere made it a duplicate) */
    unattributedFindings: number;
    unattributedDebtMinutes: number;
    directories: AttributionRow[];
    owners: AttributionRow[];
    commits: CommitRow[];
    assistants: AssistantSplit;
  };
  newFindings: TopFinding[];
}

/** What buildTrendReport needs: the selected points with their stored snapshots and intervals. */
export interface TrendData {
  root: string;
  ref: string;
  since: number;
  until: number;
  every: Every;
  notes: string[];
  points: Array<{ selected: SelectedPoint; snapshot: SnapshotRecord; interval: IntervalRecord | null }>;
  commits: ReadonlyMap<string, CommitInfo>;
  codeowners: readonly CodeownersRule[];
  /** the root's path inside the repository (`apps/web/`), for CODEOWNERS patterns */
  prefix: string;
  assistantPatterns: readonly RegExp[];
  devCostMinutesPerLine: number;
}

export interface ReportOptions {
  scope?: 'window' | 'last';
  /** directory depth of the attribution by directory (default 2) */
  depth?: number;
  /** rows kept in each top list (default 10) */
  top?: number;
  generatedAt?: Date;
}

/** Least-squares slope of y over x. */
export function slope(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? null : num / den;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
function directoryOf(file: string, depth: number): string {
  const parts = file.split('/').slice(0, -1);
  return parts.length ? parts.slice(0, depth).join('/') : '.';
}

function everyText(every: Every): string {
  return every.kind === 'commits' ? `${every.n} commits` : every.kind;
}

type Point = TrendData['points'][number];
type AssistantOf = (sha: string) => string | null;

/**
 * Builds the report from stored snapshots and intervals: the series, the rate and projection, and the
 * attribution of new debt over the scope. Pure: the same data gives the same report.
 */
export function buildTrendReport(data: TrendData, options: ReportOptions = {}): TrendReport {
  const top = options.top ?? 10;
  const scopeKind = options.scope ?? 'window';
  const assistantBySha = new Map<string, string | null>();
  const assistant: AssistantOf = (sha) => {
    if (!assistantBySha.has(sha)) assistantBySha.set(sha, assistantOf(data.commits.get(sha)?.trailers ?? '', data.assistantPatterns));
    return assistantBySha.get(sha)!;
  };
  const points = data.points.map((p, i) => trendPoint(p, i, assistant));

  // rate over the window
  const xs = data.points.map((p) => p.selected.end / WEEK);
  const debtSlope = slope(
    xs,
    points.map((p) => p.debtMinutes),
  );
  const ratioSlope = slope(
    xs,
    points.map((p) => p.debtRatio),
  );
  const rated = points.flatMap((p, i) => (p.ratedDensity === null ? [] : [{ x: xs[i]!, y: p.ratedDensity }]));
  const densitySlope = slope(
    rated.map((r) => r.x),
    rated.map((r) => r.y),
  );
  const last = points[points.length - 1];
  const prev = points[points.length - 2];
  const lastChange =
    last && prev && last.change
      ? {
          ...last.change,
          label: last.label,
          debtMinutes: round(last.debtMinutes - prev.debtMinutes),
          percent: prev.debtMinutes > 0 ? round(((last.debtMinutes - prev.debtMinutes) / prev.debtMinutes) * 100, 1) : null,
        }
      : null;

  // attribution over the scope
  const scoped = scopeKind === 'last' ? data.points.slice(-1) : data.points.slice(1);
  const a = attribute(data, scoped, options.depth ?? 2, assistant);
  const scopeLines = scoped.reduce((n, p) => n + (p.interval?.linesAdded ?? 0), 0);
  const newCodeRatio = scopeLines > 0 ? a.newDebt / (scopeLines * data.devCostMinutesPerLine) : null;
  const newCodeDensity = per1000(a.newRatedDebt, scopeLines);
  const stale = staleNote(points);
  const first = scoped[0];
  const lastScoped = scoped[scoped.length - 1];
  const scopeLabel =
    scopeKind === 'last'
      ? `the ${data.every.kind === 'commits' ? 'last period' : `last ${data.every.kind}`}${last ? ` (${last.label})` : ''}`
      : `the ${scoped.length} period${scoped.length === 1 ? '' : 's'} of the window`;

  return {
    schemaVersion: 1,
    kind: 'plumbline-trend',
    tool: { name: 'plumbline', version: VERSION },
    root: data.root,
    ref: data.ref,
    generatedAt: (options.generatedAt ?? new Date()).toISOString(),
    window: { since: isoTime(data.since), until: isoTime(data.until), every: everyText(data.every) },
    notes: stale ? [...data.notes, stale] : data.notes,
    calibration: trendCalibration(),
    points,
    rate: {
      debtMinutesPerWeek: debtSlope === null ? null : round(debtSlope),
      debtRatioPerWeek: ratioSlope === null ? null : round(ratioSlope, 6),
      ratedDensityPerWeek: densitySlope === null ? null : round(densitySlope, 4),
      lastChange,
      newCode: {
        linesAdded: scopeLines,
        newDebtMinutes: round(a.newDebt),
        minutesPer1000Lines: per1000(a.newDebt, scopeLines),
        debtRatio: newCodeRatio === null ? null : round(newCodeRatio, 6),
        ratedDensity: newCodeDensity,
        rating: newCodeDensity === null ? null : bandOf(newCodeDensity, CALIBRATION.cuts),
      },
      projection: last && last.ratedDensity !== null ? project(last.ratedDensity, densitySlope) : null,
    },
    scope: { kind: scopeKind, label: scopeLabel, from: first?.selected.label ?? null, to: lastScoped?.selected.label ?? null },
    attribution: {
      newFindings: a.newFindings,
      newDebtMinutes: round(a.newDebt),
      fixedFindings: a.fixedFindings,
      fixedDebtMinutes: round(a.fixedDebt),
      unattributedFindings: round(a.unattributedFindings),
      unattributedDebtMinutes: round(a.unattributedDebt),
      directories: sortRows(a.dirs.values(), top),
      owners: sortRows(a.owners.values(), top),
      commits: [...a.commitRows.values()]
        .map((c) => ({ ...c, newFindings: round(c.newFindings), newDebtMinutes: round(c.newDebtMinutes) }))
        .sort((x, y) => y.newDebtMinutes - x.newDebtMinutes || (x.sha < y.sha ? -1 : 1))
        .slice(0, top),
      assistants: assistantSplit(a.scopeCommits, a.commitRows, assistant),
    },
    newFindings: a.topFindings
      .sort((x, y) => y.effortMinutes - x.effortMinutes || (x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line))
      .slice(0, top),
  };
}

/** One point of the series, with its change against the previous point (none for the first). */
function trendPoint({ selected, snapshot: s, interval }: Point, i: number, assistant: AssistantOf): TrendPoint {
  let change: PointChange | null = null;
  if (i > 0) {
    change = {
      newFindings: interval?.added.length ?? 0,
      fixedFindings: interval?.fixed.length ?? 0,
      newDebtMinutes: round(interval?.added.reduce((n, a) => n + a.finding.effortMinutes, 0) ?? 0),
      fixedDebtMinutes: round(interval?.fixed.reduce((n, f) => n + f.effortMinutes, 0) ?? 0),
      linesAdded: interval?.linesAdded ?? 0,
      linesDeleted: interval?.linesDeleted ?? 0,
      commits: interval?.commits.length ?? 0,
      assistantCommits: interval?.commits.filter((c) => assistant(c.sha) !== null).length ?? 0,
    };
  }
  return {
    label: selected.label,
    start: isoTime(selected.start),
    end: isoTime(selected.end),
    commit: s.commit,
    committedAt: isoTime(s.committedAt),
    files: s.files,
    linesOfCode: s.linesOfCode,
    findings: s.findings,
    debtMinutes: round(s.debtMinutes),
    debtRatio: s.debtRatio,
    ...pointRating(s),
    byCategory: s.byCategory,
    byRule: s.byRule,
    designSystemAdoption: s.designSystemAdoption,
    driftIndex: s.driftIndex,
    duplicatedLinesRatio: s.duplicatedLinesRatio,
    change,
  };
}

interface Attribution {
  newFindings: number;
  newDebt: number;
  /** the new findings' effort x their rule's weight in the calibration (rated rules only) */
  newRatedDebt: number;
  fixedFindings: number;
  fixedDebt: number;
  unattributedFindings: number;
  unattributedDebt: number;
  dirs: Map<string, AttributionRow>;
  owners: Map<string, AttributionRow>;
  commitRows: Map<string, CommitRow>;
  topFindings: TopFinding[];
  /** the non-merge commits of the scope's periods */
  scopeCommits: Map<string, IntervalCommit>;
}

/** The new and fixed findings of the scope's periods, by directory, owner and commit. */
function attribute(data: TrendData, scoped: readonly Point[], depth: number, assistant: AssistantOf): Attribution {
  const a: Attribution = {
    newFindings: 0,
    newDebt: 0,
    newRatedDebt: 0,
    fixedFindings: 0,
    fixedDebt: 0,
    unattributedFindings: 0,
    unattributedDebt: 0,
    dirs: new Map(),
    owners: new Map(),
    commitRows: new Map(),
    topFindings: [],
    scopeCommits: new Map(),
  };
  const row = (m: Map<string, AttributionRow>, name: string) => {
    let r = m.get(name);
    if (!r) m.set(name, (r = { name, newFindings: 0, newDebtMinutes: 0, fixedFindings: 0, fixedDebtMinutes: 0 }));
    return r;
  };
  const ownersFor = (file: string) => {
    const o = ownersOf(data.codeowners, data.prefix + file);
    return o.length ? o : ['(no owner)'];
  };
  /** Counts a new or fixed finding for its directory and, shared out, its owners. */
  const byPlace = (file: string, minutes: number, count: 'newFindings' | 'fixedFindings', debt: 'newDebtMinutes' | 'fixedDebtMinutes') => {
    const d = row(a.dirs, directoryOf(file, depth));
    d[count]++;
    d[debt] += minutes;
    const os = ownersFor(file);
    for (const o of os) {
      const r = row(a.owners, o);
      r[count] += 1 / os.length;
      r[debt] += minutes / os.length;
    }
  };
  for (const p of scoped) {
    const iv = p.interval;
    if (!iv) continue;
    for (const c of iv.commits) a.scopeCommits.set(c.sha, c);
    for (const { finding: f, shares } of iv.added) {
      a.newFindings++;
      a.newDebt += f.effortMinutes;
      a.newRatedDebt += f.effortMinutes * (CALIBRATION.weights[f.ruleId] ?? 0);
      byPlace(f.file, f.effortMinutes, 'newFindings', 'newDebtMinutes');
      let best: Share | undefined;
      for (const s of shares) {
        if (!best || s.share > best.share) best = s;
        if (s.sha === null) {
          a.unattributedFindings += s.share;
          a.unattributedDebt += f.effortMinutes * s.share;
          continue;
        }
        let c = a.commitRows.get(s.sha);
        if (!c) {
          const info = data.commits.get(s.sha);
          const ic = iv.commits.find((x) => x.sha === s.sha);
          c = {
            sha: s.sha,
            author: info?.authorName ?? '(unknown)',
            date: info ? isoDate(info.authoredAt) : '',
            subject: info?.subject ?? '',
            assistant: assistant(s.sha),
            linesAdded: ic?.linesAdded ?? 0,
            newFindings: 0,
            newDebtMinutes: 0,
          };
          a.commitRows.set(s.sha, c);
        }
        c.newFindings += s.share;
        c.newDebtMinutes += f.effortMinutes * s.share;
      }
      const credited = best?.sha ?? null;
      a.topFindings.push({
        ruleId: f.ruleId,
        category: f.category,
        file: f.file,
        line: f.line,
        message: f.message,
        effortMinutes: f.effortMinutes,
        period: p.selected.label,
        commit: credited,
        author: credited ? (data.commits.get(credited)?.authorName ?? null) : null,
      });
    }
    for (const f of iv.fixed) {
      a.fixedFindings++;
      a.fixedDebt += f.effortMinutes;
      byPlace(f.file, f.effortMinutes, 'fixedFindings', 'fixedDebtMinutes');
    }
  }
  // lines added per commit of the scope, for density by assistant
  for (const c of a.commitRows.values()) c.linesAdded = a.scopeCommits.get(c.sha)?.linesAdded ?? c.linesAdded;
  return a;
}

/** Commits, lines and new debt of the scope: those of assistant commits against the others. */
function assistantSplit(
  scopeCommits: ReadonlyMap<string, IntervalCommit>,
  commitRows: ReadonlyMap<string, CommitRow>,
  assistant: AssistantOf,
): AssistantSplit {
  let assistantCommits = 0,
    linesAdded = 0,
    assistantLines = 0;
  const byAssistant = new Map<string, { name: string; commits: number; newDebtMinutes: number }>();
  for (const c of scopeCommits.values()) {
    linesAdded += c.linesAdded;
    const a = assistant(c.sha);
    if (a === null) continue;
    assistantCommits++;
    assistantLines += c.linesAdded;
    const e = byAssistant.get(a) ?? { name: a, commits: 0, newDebtMinutes: 0 };
    e.commits++;
    byAssistant.set(a, e);
  }
  let attributedDebt = 0,
    assistantDebt = 0;
  for (const c of commitRows.values()) {
    attributedDebt += c.newDebtMinutes;
    if (c.assistant !== null) {
      assistantDebt += c.newDebtMinutes;
      const e = byAssistant.get(c.assistant) ?? { name: c.assistant, commits: 0, newDebtMinutes: 0 };
      e.newDebtMinutes += c.newDebtMinutes;
      byAssistant.set(c.assistant, e);
    }
  }
  return {
    commits: scopeCommits.size,
    assistantCommits,
    commitShare: scopeCommits.size ? round(assistantCommits / scopeCommits.size, 4) : null,
    attributedDebtMinutes: round(attributedDebt),
    assistantDebtMinutes: round(assistantDebt),
    debtShare: attributedDebt > 0 ? round(assistantDebt / attributedDebt, 4) : null,
    linesAdded,
    assistantLinesAdded: assistantLines,
    assistantMinutesPer1000Lines: per1000(assistantDebt, assistantLines),
    otherMinutesPer1000Lines: per1000(attributedDebt - assistantDebt, linesAdded - assistantLines),
    byAssistant: [...byAssistant.values()]
      .map((x) => ({ ...x, newDebtMinutes: round(x.newDebtMinutes) }))
      .sort((x, y) => y.newDebtMinutes - x.newDebtMinutes || y.commits - x.commits),
  };
}

function per1000(minutes: number, lines: number): number | null {
  return lines > 0 ? round((minutes / lines) * 1000) : null;
}

function sortRows(rows: Iterable<AttributionRow>, top: number): AttributionRow[] {
  return [...rows]
    .map((r) => ({
      ...r,
      newFindings: round(r.newFindings),
      newDebtMinutes: round(r.newDebtMinutes),
      fixedFindings: round(r.fixedFindings),
      fixedDebtMinutes: round(r.fixedDebtMinutes),
    }))
    .sort((a, b) => b.newDebtMinutes - a.newDebtMinutes || b.fixedDebtMinutes - a.fixedDebtMinutes || (a.name < b.name ? -1 : 1))
    .slice(0, top);
}
