// The change's new debt per 1,000 added lines against the repository's own rate: the debt the last 26
// weeks added per 1,000 added lines, from the intervals `plumbline trend` stored in the history store.
import { existsSync } from 'node:fs';
import { analysisKey } from '@plumbline/analyzer';
import type { CheckSettings, ResolvedConfig } from '@plumbline/core';
import { firstParentHistory } from '../git/history.js';
import type { HistoryBackend } from '../history/backend.js';
import { openHistory, storeSpec } from '../history/open.js';
import { selectSnapshots, WEEK } from '../trend/window.js';

export const RATE_WEEKS = 26;

export interface RepositoryRate {
  /** the change: its new debt and the lines it adds */
  change: { debtMinutes: number; addedLines: number; per1000: number };
  /** the repository's last 26 weeks before the base, from the stored weekly intervals */
  repository: { debtMinutes: number; addedLines: number; per1000: number; intervals: number; weeks: number };
  /** change.per1000 / repository.per1000 (null when the repository added no debt in the window) */
  ratio: number | null;
}

/** The repository's rate and the change's beside it; a pure sum of what the store holds. */
export function compareRate(
  change: { debtMinutes: number; addedLines: number },
  intervals: ReadonlyArray<{
    linesAdded: number;
    added: ReadonlyArray<{ finding: { effortMinutes: number }; shares: ReadonlyArray<{ share: number }> }>;
  }>,
): RepositoryRate | null {
  const addedLines = intervals.reduce((n, i) => n + i.linesAdded, 0);
  if (intervals.length === 0 || addedLines === 0 || change.addedLines === 0) return null;
  // a finding new in an interval counts once, whichever commits share it
  const debtMinutes = intervals.reduce((n, i) => n + i.added.reduce((m, a) => m + a.finding.effortMinutes, 0), 0);
  const per1000 = (debtMinutes / addedLines) * 1000;
  const changePer1000 = (change.debtMinutes / change.addedLines) * 1000;
  return {
    change: { ...change, per1000: changePer1000 },
    repository: { debtMinutes, addedLines, per1000, intervals: intervals.length, weeks: RATE_WEEKS },
    ratio: per1000 > 0 ? changePer1000 / per1000 : null,
  };
}

/**
 * Reads the weekly intervals of the 26 weeks before the base commit from the history store (SQLite or
 * PostgreSQL), when the store exists (it is never created or migrated here), for the analysis key of this config. Null when the store is
 * missing, holds no interval of the window, or cannot be read: the rate is a hint, never a failure.
 */
export async function repositoryRate(input: {
  root: string;
  config: ResolvedConfig;
  settings: CheckSettings;
  base: string;
  change: { debtMinutes: number; addedLines: number };
  onWarning?: (message: string) => void;
}): Promise<RepositoryRate | null> {
  // the store trend writes (PLUMBLINE_STORE, config history.store, else the SQLite file of history.path)
  const spec = storeSpec(input.root, input.config);
  if (spec.kind === 'sqlite' && !existsSync(spec.target)) return null;
  const history = firstParentHistory(input.root, input.base);
  const tip = history[0];
  if (!tip) return null;
  const { points } = selectSnapshots(history, tip.time - RATE_WEEKS * WEEK, tip.time, { kind: 'week' });
  if (points.length < 2) return null;
  const key = analysisKey(input.config, input.settings);
  let store: HistoryBackend | undefined;
  try {
    store = await openHistory(input.root, input.config, { migrate: false, ...(input.onWarning ? { onWarning: input.onWarning } : {}) });
    const intervals = [];
    for (let i = 1; i < points.length; i++) {
      const found = await store.findInterval(key, points[i - 1]!.commit.sha, points[i]!.commit.sha);
      if (found) intervals.push(found);
    }
    return compareRate(input.change, intervals);
  } catch (e) {
    input.onWarning?.(`history store ${spec.label}: ${(e as Error).message}`);
    return null;
  } finally {
    await store?.close();
  }
}

/** "this change adds debt at 3.1x the repository's rate (42 min per 1,000 added lines; the last 26 weeks: 13.5)". */
export function describeRate(r: RepositoryRate): string {
  const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const repo = `the last ${r.repository.weeks} weeks: ${f(r.repository.per1000)} min per 1,000 added lines, from ${r.repository.intervals} stored week${r.repository.intervals === 1 ? '' : 's'}`;
  if (r.change.debtMinutes === 0) return `this change adds no new debt (${repo})`;
  if (r.ratio === null)
    return `this change adds ${f(r.change.per1000)} min of debt per 1,000 added lines, where the repository added none (${repo})`;
  return `this change adds debt at ${r.ratio.toFixed(1)}x the repository's rate (${f(r.change.per1000)} min per 1,000 added lines; ${repo})`;
}
