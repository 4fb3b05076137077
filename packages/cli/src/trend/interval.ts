// What changed between two consecutive snapshots (a period): new and fixed findings (the one comparison
// of findings, @plumbline/core compare.ts), who wrote the new ones (blame), and the period's commits.
import { matchFingerprints, reidentifyFindings } from '@plumbline/core';
import type { Renames } from '@plumbline/core';
import { blameLines, changedLines } from '../git/lines.js';
import { commitsInfo, intervalCommits } from '../git/history.js';
import type { Analysed, IntervalHistory } from '../git/history.js';
import type { CommitInfo, IntervalInput, IntervalRecord, Share, StoredFinding } from '../history/records.js';
import type { RunContext } from './run-context.js';
import type { SelectedPoint } from './window.js';

// New and fixed: multisets of fingerprints, same file first, then across files

export interface Matchable {
  fingerprint: string;
  file: string;
  line: number;
  endLine?: number;
}

/**
 * New and fixed findings between two snapshots: the one comparison of findings (@plumbline/core
 * `matchFingerprints`: multisets of fingerprints, same file first, nearest line first, then across files,
 * most similar path first). A file moved unchanged adds and fixes nothing; a second copy of old code is
 * new.
 */
export function matchFindings<T extends Matchable>(
  before: readonly T[],
  after: readonly T[],
  renames?: Renames,
): { added: T[]; fixed: T[] } {
  const r = matchFingerprints(before, after, renames);
  return { added: r.added, fixed: r.removed };
}

/**
 * The third pass of new/fixed (@plumbline/core `reidentifyFindings`): a "new" finding on lines no commit
 * of the period touched (all its shares credit no commit), in the same file as a "fixed" finding of the
 * same rule (or in the file it was renamed from), is the same debt under a new fingerprint; one on touched
 * lines overlapping a fixed one of the same rule in the same file is that debt, edited.
 */
export function reidentify<T extends Matchable & { ruleId: string }>(
  added: ReadonlyArray<{ finding: T; shares: Share[] }>,
  fixed: readonly T[],
  renamedFrom: Renames = new Map(),
): { added: Array<{ finding: T; shares: Share[] }>; fixed: T[] } {
  // by position: a stored snapshot gives the same finding object once per occurrence
  const items = added.map((a, i) => ({
    fingerprint: a.finding.fingerprint,
    file: a.finding.file,
    line: a.finding.line,
    ...(a.finding.endLine === undefined ? {} : { endLine: a.finding.endLine }),
    ruleId: a.finding.ruleId,
    i,
  }));
  const r = reidentifyFindings(items, fixed, (x) => added[x.i]!.shares.every((s) => s.sha === null), renamedFrom);
  return { added: r.added.map((x) => added[x.i]!), fixed: r.removed };
}

/** Runs at most `n` of the functions given to it at a time, in the order given. */
export function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: Array<() => void> = [];
  return <T>(fn: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const run = (): void => {
        running++;
        Promise.resolve()
          .then(fn)
          .then(resolve, reject)
          .finally(() => {
            running--;
            queue.shift()?.();
          });
      };
      if (running < n) run();
      else queue.push(run);
    });
}

/** Runs async jobs with at most `limit` at once; their results in the jobs' order. */
function pool<T>(jobs: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const run = limiter(limit);
  return Promise.all(jobs.map((job) => run(job)));
}

/** Credits each new finding to the commits that touched its lines, in proportion to the lines each touched. */
export function sharesFor(finding: { line: number; endLine: number }, blame: ReadonlyMap<number, string | null>): Share[] {
  const counts = new Map<string, number>();
  let touched = 0;
  for (let l = finding.line; l <= Math.max(finding.line, finding.endLine); l++) {
    const sha = blame.get(l);
    if (!sha) continue;
    touched++;
    counts.set(sha, (counts.get(sha) ?? 0) + 1);
  }
  if (touched === 0) return [{ sha: null, share: 1 }];
  return [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([sha, n]) => ({ sha, share: n / touched }));
}

/**
 * The periods of a run: what changed between consecutive points. A period is computed as soon as its two
 * snapshots are known (`start`), so its git work (log, diff, blame) runs on another core while the run
 * goes on extracting and analysing the later snapshots.
 */
export class IntervalScheduler {
  /** the periods, by `from..to` */
  readonly intervals = new Map<string, IntervalRecord>();
  /** the metadata of the commits the computed periods name */
  readonly commitInfo = new Map<string, CommitInfo>();
  /** periods being computed (awaited by `finish`; their failure is thrown there) */
  readonly jobs = new Map<string, Promise<void>>();
  private readonly pairsOf = new Map<string, Array<readonly [string, string]>>();
  private readonly limit = limiter(3);

  constructor(
    private readonly ctx: RunContext,
    points: readonly SelectedPoint[],
    private readonly analysed: Analysed,
  ) {
    const pairs = [
      ...new Map(
        points
          .slice(1)
          .map((p, i) => [points[i]!.commit.sha, p.commit.sha] as const)
          .filter(([a, b]) => a !== b)
          .map((pair) => [`${pair[0]}..${pair[1]}`, pair] as const),
      ).values(),
    ];
    ctx.stats.intervals = pairs.length;
    for (const pair of pairs) for (const sha of pair) this.pairsOf.set(sha, [...(this.pairsOf.get(sha) ?? []), pair]);
  }

  /** Starts the periods of `sha` whose two snapshots are both known. */
  start(sha: string): void {
    for (const [from, to] of this.pairsOf.get(sha) ?? []) {
      const k = `${from}..${to}`;
      if (this.jobs.has(k) || !this.ctx.snapshots.has(from) || !this.ctx.snapshots.has(to)) continue;
      const job = this.limit(() => this.compute(from, to));
      job.catch(() => undefined); // awaited (and its failure thrown) once the snapshots are done
      this.jobs.set(k, job);
    }
  }

  /** Waits for every started period, reporting progress. */
  async finish(): Promise<void> {
    let done = 0;
    const total = this.jobs.size;
    await Promise.all(
      [...this.jobs.values()].map((job) =>
        job.then(() => {
          this.ctx.options.onProgress?.({ phase: 'intervals', done: ++done, total });
        }),
      ),
    );
  }

  private findingsOf(sha: string): StoredFinding[] {
    const { fresh, stored, store, key } = this.ctx;
    return fresh.get(sha) ?? stored('read', () => store.snapshotFindings(key, sha)) ?? [];
  }

  private async compute(from: string, to: string): Promise<void> {
    const { root, options, fresh, stored, store, key, stats, runner } = this.ctx;
    const old = options.rebuild || fresh.has(from) || fresh.has(to) ? undefined : stored('read', () => store.findInterval(key, from, to));
    if (old) {
      this.intervals.set(`${from}..${to}`, old);
      stats.intervalsStored++;
      return;
    }
    const history = await intervalCommits(root, from, to, this.analysed, runner);
    const matched = matchFindings(this.findingsOf(from), this.findingsOf(to), history.renamedFrom);
    const blames = await this.blame(from, to, matched.added, history);
    const { added: withShares, fixed } = reidentify(
      matched.added.map((finding) => ({ finding, shares: sharesFor(finding, blames.get(finding.file) ?? new Map()) })),
      matched.fixed,
      history.renamedFrom,
    );
    const ivCommits = history.commits;
    const known = new Set(ivCommits.map((c) => c.sha));
    const extra = [
      ...new Set(withShares.flatMap((a) => a.shares.map((x) => x.sha)).filter((x): x is string => x !== null && !known.has(x))),
    ];
    for (const info of await commitsInfo(root, extra, runner)) ivCommits.push({ ...info, linesAdded: 0, linesDeleted: 0 });
    const lines = { added: ivCommits.reduce((n, c) => n + c.linesAdded, 0), deleted: ivCommits.reduce((n, c) => n + c.linesDeleted, 0) };
    const input: IntervalInput = {
      analysisKey: key,
      from,
      to,
      linesAdded: lines.added,
      linesDeleted: lines.deleted,
      commits: ivCommits,
      added: withShares,
      fixed,
    };
    stored('write', () => store.addInterval(input));
    for (const c of ivCommits) this.commitInfo.set(c.sha, c);
    this.intervals.set(`${from}..${to}`, {
      from,
      to,
      linesAdded: lines.added,
      linesDeleted: lines.deleted,
      added: withShares,
      fixed,
      commits: ivCommits.map((c) => ({ sha: c.sha, linesAdded: c.linesAdded, linesDeleted: c.linesDeleted })),
    });
    stats.intervalsComputed++;
  }

  /**
   * Who wrote the flagged lines of the new findings, per file: a file no commit of the period changed
   * needs nothing; a file one commit changed (not renamed) needs only the lines that differ (one diff for
   * all such files); the others need blame.
   */
  private async blame(
    from: string,
    to: string,
    added: readonly StoredFinding[],
    history: IntervalHistory,
  ): Promise<Map<string, Map<number, string | null>>> {
    const { root, runner } = this.ctx;
    const byFile = new Map<string, StoredFinding[]>();
    for (const f of added) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    const blames = new Map<string, Map<number, string | null>>();
    const single: Array<[string, string]> = [];
    const toBlame: Array<[string, StoredFinding[]]> = [];
    for (const [file, fs] of byFile) {
      const who = history.touchers.get(file);
      if (!who || who.size === 0) blames.set(file, new Map());
      else if (who.size === 1 && !history.renamed.has(file)) single.push([file, [...who][0]!]);
      else toBlame.push([file, fs]);
    }
    const changed = await changedLines(
      root,
      from,
      to,
      single.map(([file]) => file),
      runner,
    );
    for (const [file, sha] of single) {
      blames.set(file, new Map([...(changed.get(file) ?? [])].map((l) => [l, sha] as const)));
    }
    for (const [file, blame] of await pool(
      toBlame.map(([file, fs]) => async () => {
        const lines = fs.flatMap((f) => Array.from({ length: Math.max(1, f.endLine - f.line + 1) }, (_, k) => f.line + k));
        return [file, await blameLines(root, from, to, file, lines, runner)] as const;
      }),
      4,
    ))
      blames.set(file, blame);
    return blames;
  }
}
