// `plumbline report --org`: the organisation's view of a store. Per repository: its latest snapshot
// (under the analysis key it recorded last: keys never mix in a series), the slope of its debt over the
// window, the new debt of the window's periods and the share of it from commits with assistant
// trailers; per week: the organisation's totals; and who added the most debt.
import { bandOf, CALIBRATION, ratingLine, VERSION } from '@plumbline/core';
import type { Rating } from '@plumbline/core';
import type { RepositoryHistory } from '../history/backend.js';
import type { CommitInfo, SnapshotRecord } from '../history/records.js';
import { assistantOf } from '../trend/assistants.js';
import { pointRating, staleNote } from '../trend/rating.js';
import type { PointRating } from '../trend/rating.js';
import { slope } from '../trend/report.js';
import { isoDate, isoTime, parseSince } from '../trend/window.js';

export interface OrgRepositoryRow extends PointRating {
  repository: string;
  commit: string;
  committedAt: string;
  snapshots: number;
  findings: number;
  linesOfCode: number;
  debtMinutes: number;
  debtRatio: number;
  /** least-squares slope of the debt over the window, minutes per week (null: fewer than two snapshots) */
  debtMinutesPerWeek: number | null;
  designSystemAdoption: number | null;
  driftIndex: number;
  /** lines inside any copy of copied code ÷ lines of code, at the latest snapshot (null: not measured) */
  duplicatedLinesRatio: number | null;
  /** debt of the duplication category */
  duplicationDebtMinutes: number;
  /** new debt of the window's periods, and how much of it commits with assistant trailers added */
  newDebtMinutes: number;
  assistantDebtMinutes: number;
  /** assistantDebtMinutes over the new debt credited to a commit (null: none credited) */
  assistantDebtShare: number | null;
}

export interface OrgWeek {
  /** Monday 00:00 UTC the week starts */
  week: string;
  repositories: number;
  linesOfCode: number;
  debtMinutes: number;
  /** lines-of-code-weighted debt ratio */
  debtRatio: number;
  /** lines-of-code-weighted rated debt density of the repositories that have one (null: none has) */
  ratedDensity: number | null;
  /** its band against the calibration's population (null without a density) */
  rating: Rating | null;
}

export interface OrgAuthor {
  author: string;
  repositories: number;
  newDebtMinutes: number;
  assistantDebtMinutes: number;
}

export interface OrgReport {
  schemaVersion: 1;
  tool: { name: 'plumbline'; version: string };
  generatedAt: string;
  store: string;
  window: { since: string; until: string };
  /** the calibration the ratings are taken with; `notes` says when a stored letter could not be re-rated */
  calibration: { version: string; population: number };
  notes: string[];
  totals: {
    repositories: number;
    debtMinutes: number;
    linesOfCode: number;
    debtRatio: number;
    ratedDensity: number | null;
    rating: Rating | null;
    /** "Rating C: 4.2 h of rated debt per 10k lines, in the middle fifth of ..." (null without a density) */
    ratingLine: string | null;
    newDebtMinutes: number;
    assistantDebtShare: number | null;
  };
  repositories: OrgRepositoryRow[];
  weeks: OrgWeek[];
  /** the repositories adding the most debt in the window */
  topRepositories: Array<{ repository: string; newDebtMinutes: number; debtMinutesPerWeek: number | null }>;
  /** commit authors (name <email>) adding the most debt, over every repository */
  topAuthors: OrgAuthor[];
}

export interface OrgOptions {
  /** the window: a duration back from the newest snapshot (26w) or a date */
  since?: string;
  top?: number;
  assistantPatterns: readonly RegExp[];
  generatedAt?: Date;
}

const WEEK = 7 * 86400;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
/** Monday 00:00 UTC of the week holding `t` (unix seconds). */
const mondayOf = (t: number) => Math.floor((t - 4 * 86400) / WEEK) * WEEK + 4 * 86400;

interface RepoData {
  name: string;
  series: SnapshotRecord[];
  newDebt: number;
  assistantDebt: number;
  attributedDebt: number;
  byAuthor: Map<string, { debt: number; assistant: number }>;
}

/** What one repository's periods in the window added: new debt per commit author, and from assistant commits. */
async function readRepository(history: RepositoryHistory, since: number, patterns: readonly RegExp[]): Promise<RepoData | null> {
  const key = await history.latestAnalysisKey();
  if (key === null) return null;
  const all = await history.snapshotsSince(0, key);
  if (!all.length) return null;
  const data: RepoData = { name: history.repository, series: all, newDebt: 0, assistantDebt: 0, attributedDebt: 0, byAuthor: new Map() };
  const inWindow = new Set(all.filter((s) => s.committedAt >= since).map((s) => s.commit));
  const infos = new Map<string, CommitInfo | undefined>();
  for (const ref of await history.listIntervals(key)) {
    if (!inWindow.has(ref.to)) continue;
    const iv = await history.findInterval(key, ref.from, ref.to);
    if (!iv) continue;
    for (const a of iv.added) {
      const effort = a.finding.effortMinutes;
      data.newDebt += effort * a.shares.reduce((n, s) => n + s.share, 0);
      for (const s of a.shares) {
        if (!s.sha) continue;
        if (!infos.has(s.sha)) infos.set(s.sha, await history.commitInfo(s.sha));
        const info = infos.get(s.sha);
        const minutes = effort * s.share;
        const assistant = info ? assistantOf(info.trailers, patterns) !== null : false;
        data.attributedDebt += minutes;
        if (assistant) data.assistantDebt += minutes;
        const who = info ? `${info.authorName} <${info.authorEmail.toLowerCase()}>` : 'unknown';
        const e = data.byAuthor.get(who) ?? { debt: 0, assistant: 0 };
        e.debt += minutes;
        if (assistant) e.assistant += minutes;
        data.byAuthor.set(who, e);
      }
    }
  }
  return data;
}

function repositoryRow(d: RepoData, since: number): OrgRepositoryRow {
  const last = d.series[d.series.length - 1]!;
  const window = d.series.filter((s) => s.committedAt >= since);
  const perWeek = slope(
    window.map((s) => s.committedAt / WEEK),
    window.map((s) => s.debtMinutes),
  );
  return {
    repository: d.name,
    commit: last.commit,
    committedAt: isoTime(last.committedAt),
    snapshots: window.length,
    findings: last.findings,
    linesOfCode: last.linesOfCode,
    debtMinutes: round(last.debtMinutes),
    debtRatio: last.debtRatio,
    ...pointRating(last),
    debtMinutesPerWeek: perWeek === null ? null : round(perWeek),
    designSystemAdoption: last.designSystemAdoption,
    driftIndex: last.driftIndex,
    duplicatedLinesRatio: last.duplicatedLinesRatio,
    duplicationDebtMinutes: round(last.byCategory.duplication.debtMinutes),
    newDebtMinutes: round(d.newDebt),
    assistantDebtMinutes: round(d.assistantDebt),
    assistantDebtShare: d.attributedDebt > 0 ? round(d.assistantDebt / d.attributedDebt, 4) : null,
  };
}

/**
 * The organisation's totals per week: each repository at its last snapshot before the week ends, from
 * the first week any repository has a snapshot in (no empty weeks drawn as zero debt).
 */
function weeklyTotals(data: readonly RepoData[], since: number, until: number): OrgWeek[] {
  const weeks: OrgWeek[] = [];
  const first = Math.min(...data.map((d) => d.series[0]!.committedAt));
  for (let w = mondayOf(Math.max(since, first)); w <= until; w += WEEK) {
    let repositories = 0;
    let loc = 0;
    let debt = 0;
    let weighted = 0;
    const rated = { loc: 0, minutes: 0 };
    for (const d of data) {
      let at: SnapshotRecord | undefined;
      for (const s of d.series) if (s.committedAt < w + WEEK) at = s;
      if (!at) continue;
      repositories++;
      loc += at.linesOfCode;
      debt += at.debtMinutes;
      weighted += at.debtRatio * at.linesOfCode;
      if (at.ratedDensity !== null) {
        rated.loc += at.linesOfCode;
        rated.minutes += at.ratedDensity * at.linesOfCode;
      }
    }
    const ratio = loc > 0 ? weighted / loc : 0;
    const density = pooledDensity(rated);
    weeks.push({
      week: isoDate(w),
      repositories,
      linesOfCode: loc,
      debtMinutes: round(debt),
      debtRatio: round(ratio, 6),
      ratedDensity: density,
      rating: density === null ? null : bandOf(density, CALIBRATION.cuts),
    });
  }
  return weeks;
}

/** Rated debt density over several repositories: their rated minutes over their lines (density x lines / 1,000 each). */
function pooledDensity(rated: { loc: number; minutes: number }): number | null {
  return rated.loc > 0 ? round(rated.minutes / rated.loc, 4) : null;
}

/** Reads every repository of the store and builds the organisation's report. */
export async function buildOrgReport(
  label: string,
  repositories: ReadonlyArray<RepositoryHistory>,
  options: OrgOptions,
): Promise<OrgReport> {
  const latest: Array<{ history: RepositoryHistory; committedAt: number }> = [];
  for (const h of repositories) {
    const key = await h.latestAnalysisKey();
    const s = key === null ? [] : await h.snapshotsSince(0, key);
    if (s.length) latest.push({ history: h, committedAt: s[s.length - 1]!.committedAt });
  }
  const until = latest.length ? Math.max(...latest.map((x) => x.committedAt)) : Math.floor(Date.now() / 1000);
  const since = parseSince(options.since, until);
  const data: RepoData[] = [];
  for (const { history } of latest) {
    const d = await readRepository(history, since, options.assistantPatterns);
    if (d) data.push(d);
  }
  data.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rows = data.map((d) => repositoryRow(d, since));
  const top = options.top ?? 10;
  const authors = new Map<string, OrgAuthor>();
  for (const d of data)
    for (const [who, e] of d.byAuthor) {
      const a = authors.get(who) ?? { author: who, repositories: 0, newDebtMinutes: 0, assistantDebtMinutes: 0 };
      a.repositories++;
      a.newDebtMinutes += e.debt;
      a.assistantDebtMinutes += e.assistant;
      authors.set(who, a);
    }
  const loc = rows.reduce((n, r) => n + r.linesOfCode, 0);
  const ratio = loc > 0 ? rows.reduce((n, r) => n + r.debtRatio * r.linesOfCode, 0) / loc : 0;
  const attributed = data.reduce((n, d) => n + d.attributedDebt, 0);
  const ratedRows = rows.filter((r) => r.ratedDensity !== null);
  const density = pooledDensity({
    loc: ratedRows.reduce((n, r) => n + r.linesOfCode, 0),
    minutes: ratedRows.reduce((n, r) => n + r.ratedDensity! * r.linesOfCode, 0),
  });
  const rating = density === null ? null : bandOf(density, CALIBRATION.cuts);
  const stale = staleNote(rows);
  const byNewDebt = (a: { newDebtMinutes: number }, b: { newDebtMinutes: number }) => b.newDebtMinutes - a.newDebtMinutes;
  return {
    schemaVersion: 1,
    tool: { name: 'plumbline', version: VERSION },
    generatedAt: (options.generatedAt ?? new Date()).toISOString(),
    store: label,
    window: { since: isoTime(since), until: isoTime(until) },
    calibration: { version: CALIBRATION.version, population: CALIBRATION.population },
    notes: stale ? [stale] : [],
    totals: {
      repositories: rows.length,
      debtMinutes: round(rows.reduce((n, r) => n + r.debtMinutes, 0)),
      linesOfCode: loc,
      debtRatio: round(ratio, 6),
      ratedDensity: density,
      rating,
      ratingLine:
        density === null || rating === null
          ? null
          : ratingLine({ rating, density, population: CALIBRATION.population, calibration: CALIBRATION.version }),
      newDebtMinutes: round(data.reduce((n, d) => n + d.newDebt, 0)),
      assistantDebtShare: attributed > 0 ? round(data.reduce((n, d) => n + d.assistantDebt, 0) / attributed, 4) : null,
    },
    repositories: rows,
    weeks: weeklyTotals(data, since, until),
    topRepositories: rows
      .filter((r) => r.newDebtMinutes > 0)
      .sort((a, b) => byNewDebt(a, b) || (a.repository < b.repository ? -1 : 1))
      .slice(0, top)
      .map((r) => ({ repository: r.repository, newDebtMinutes: r.newDebtMinutes, debtMinutesPerWeek: r.debtMinutesPerWeek })),
    topAuthors: [...authors.values()]
      .map((a) => ({ ...a, newDebtMinutes: round(a.newDebtMinutes), assistantDebtMinutes: round(a.assistantDebtMinutes) }))
      .filter((a) => a.newDebtMinutes > 0)
      .sort((a, b) => byNewDebt(a, b) || (a.author < b.author ? -1 : 1))
      .slice(0, top),
  };
}
