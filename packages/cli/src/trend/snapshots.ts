// The snapshots of a trend run that the history store lacks, analysed from git objects: the file versions
// the facts cache lacks are extracted once each, in parallel, oldest snapshot's first; while worker
// threads extract the later versions, this thread (and a snapshot worker thread) analyses each snapshot
// whose versions are all in.
import { analyze, defaultConcurrency, fillFactsCache } from '@plumbline/analyzer';
import type { BlobToAnalyse } from '@plumbline/analyzer';
import type { Finding, ScanResult } from '@plumbline/core';
import { UsageError } from '../command.js';
import type { HistoryCommit } from '../git/history.js';
import { commitSource } from '../git/objects.js';
import type { TreeEntry } from '../git/objects.js';
import { findingKey, snapshotTotals } from '../history/records.js';
import type { RuleTotals, SnapshotRecord, StoredFinding } from '../history/records.js';
import type { Analysed } from '../git/history.js';
import type { RunContext } from './run-context.js';
import { SnapshotWorker } from './snapshot-pool.js';

/**
 * Analyses the `missing` snapshots (oldest first) whose trees are listed in `trees`; each result is
 * stored, kept in `ctx.snapshots` and `ctx.fresh`, and announced with `onRecorded` (which starts the
 * periods it completes).
 */
export async function analyseSnapshots(
  ctx: RunContext,
  missing: readonly HistoryCommit[],
  trees: ReadonlyMap<string, TreeEntry[] | null>,
  analysed: Analysed,
  onRecorded: (sha: string) => void,
): Promise<void> {
  await new SnapshotAnalysis(ctx, missing, trees, analysed, onRecorded).run();
}

class SnapshotAnalysis {
  /** every file version some snapshot needs, by cache key (`blob:path`) */
  private readonly versions = new Map<string, BlobToAnalyse>();
  /** per snapshot, its analysed paths */
  private readonly analysedOf = new Map<string, string[]>();
  /** per snapshot, the versions it waits for */
  private readonly waiting = new Map<string, string[]>();
  /** the last snapshot that needs each file version: this thread lets go of its decoded facts after it */
  private readonly lastUse = new Map<string, number>();
  private readonly order: Map<string, number>;
  private released = -1;
  private done = 0;
  /** results by the analysed files' content: a commit that changed none of them (docs, config) reuses one */
  private readonly byContent = new Map<string, ScanResult>();
  private helper: SnapshotWorker | null = null;
  private readonly handedOut: Array<Promise<void>> = [];

  constructor(
    private readonly ctx: RunContext,
    private readonly missing: readonly HistoryCommit[],
    private readonly trees: ReadonlyMap<string, TreeEntry[] | null>,
    analysed: Analysed,
    private readonly onRecorded: (sha: string) => void,
  ) {
    for (const c of missing) {
      const entries = trees.get(c.sha);
      if (!entries) throw new UsageError(`cannot read the tree of ${c.sha} (missing objects?)`);
      const ok = analysed(entries.map((e) => e.path));
      const paths = entries
        .map((e) => e.path)
        .filter((p) => ok.has(p))
        .sort();
      this.analysedOf.set(c.sha, paths);
      const set = new Set(paths);
      const wait: string[] = [];
      for (const e of entries) {
        if (!set.has(e.path)) continue;
        const k = `${e.blob}:${e.path}`;
        if (!ctx.cache.has(k)) wait.push(k);
        if (!this.versions.has(k)) this.versions.set(k, { path: e.path, blob: e.blob });
      }
      this.waiting.set(c.sha, wait);
    }
    missing.forEach((c, i) => {
      for (const e of this.tree(c)) this.lastUse.set(`${e.blob}:${e.path}`, i);
    });
    this.order = new Map(missing.map((c, i) => [c.sha, i]));
  }

  async run(): Promise<void> {
    const { ctx, missing } = this;
    const { options, stats, cache, reader } = ctx;
    // a second thread analyses snapshots too, from the first one whose versions are all in: it is sent
    // each version's facts once, and answers with the snapshot's result
    // on a machine where a scan runs in one thread, so does the trend (the threads below cost more than
    // they save there); elsewhere the main thread, facts workers and a snapshot worker
    const threads = options.concurrency ?? (defaultConcurrency() === 1 ? 1 : undefined);
    this.helper =
      missing.length >= 4 && (threads === undefined || threads >= 3) ? SnapshotWorker.start(ctx.root, ctx.config, ctx.settings) : null;
    let next = 0;
    let unreadable: HistoryCommit[] = [];
    try {
      const extracted = await fillFactsCache({
        items: [...this.versions.values()],
        cache,
        reader,
        config: ctx.config,
        settings: ctx.settings,
        ...(threads !== undefined ? { workers: Math.max(0, threads - 1 - (this.helper ? 1 : 0)) } : {}),
        ...(options.maxMemoryMb !== undefined ? { maxMemoryMb: options.maxMemoryMb } : {}),
        onProgress: (d, total) => options.onProgress?.({ phase: 'files', done: d, total }),
        idle: () => {
          const c = missing[next];
          if (!c || !this.ready(c)) return false;
          next++;
          if (this.helperFree()) this.handOut(c);
          else this.analyseHere(c);
          return true;
        },
      });
      stats.filesParsed += extracted;
      // the rest: this thread from the oldest, the worker thread from the newest
      const rest = missing.slice(next);
      unreadable = rest.filter((c) => !this.ready(c));
      const queue = rest.filter((c) => this.ready(c));
      const feed = (): void => {
        while (this.helperFree() && queue.length > 1) this.handOut(queue.pop()!);
      };
      feed();
      while (queue.length) {
        this.analyseHere(queue.shift()!);
        await new Promise<void>((r) => setImmediate(r)); // take the worker's answers, hand it more
        feed();
      }
      await Promise.all(this.handedOut);
    } finally {
      await this.helper?.close();
    }
    for (const c of unreadable) {
      // versions the pool could not read are read here, one snapshot at a time
      const wanted = new Set(this.analysedOf.get(c.sha));
      const misses = this.tree(c)
        .filter((e) => wanted.has(e.path) && !cache.has(`${e.blob}:${e.path}`))
        .map((e) => e.blob);
      await reader.prefetch(misses);
      this.analyseHere(c);
      reader.clear();
    }
    options.onProgress?.({ phase: 'snapshots', done: missing.length, total: missing.length });
  }

  private tree(c: HistoryCommit): TreeEntry[] {
    return this.trees.get(c.sha)!;
  }

  /** Whether all of a snapshot's file versions are in the facts cache. */
  private ready(c: HistoryCommit): boolean {
    const wait = this.waiting.get(c.sha)!;
    while (wait.length && this.ctx.cache.has(wait[wait.length - 1]!)) wait.pop();
    return wait.length === 0;
  }

  private helperFree(): boolean {
    return !!this.helper && this.helper.inFlight < 2;
  }

  /** Releases the decoded facts of the versions no snapshot after `c` needs (snapshots here go oldest first). */
  private releaseUpTo(c: HistoryCommit): void {
    const i = this.order.get(c.sha)!;
    if (i <= this.released) return;
    this.released = i;
    for (const [k, last] of this.lastUse)
      if (last <= i) {
        this.ctx.cache.release(k);
        this.lastUse.delete(k);
      }
  }

  private contentKeyOf(c: HistoryCommit): string {
    const wanted = new Set(this.analysedOf.get(c.sha));
    return this.tree(c)
      .filter((e) => wanted.has(e.path))
      .map((e) => `${e.path}\0${e.blob}`)
      .sort()
      .join('\n');
  }

  private record(c: HistoryCommit, result: ScanResult): void {
    const { options, stats, stored, store, key } = this.ctx;
    options.onProgress?.({ phase: 'snapshots', done: this.done++, total: this.missing.length });
    stats.snapshotsComputed++;
    this.ctx.fresh.set(c.sha, toStored(result.findings));
    const kept = stored('write', () =>
      store.addSnapshot({ analysisKey: key, commit: c.sha, committedAt: c.time, source: 'trend', result }),
    );
    this.ctx.snapshots.set(c.sha, kept ?? snapshotOf(key, c, result));
    this.onRecorded(c.sha);
  }

  /** Analyses one snapshot whose file versions are in the cache (those that are not are read one by one). */
  private analyseHere(c: HistoryCommit): void {
    // what scanCommit() does, with the tree already listed and the settings built once
    const { root, config, settings, cache, reader, stats } = this.ctx;
    const contentKey = this.contentKeyOf(c);
    let out = this.byContent.get(contentKey);
    if (out) out = { ...out, commit: c.sha };
    else {
      const analysed = analyze({
        root,
        config,
        settings,
        cache,
        source: commitSource(this.tree(c), this.analysedOf.get(c.sha)!, reader),
        commit: c.sha,
      });
      stats.filesParsed += analysed.stats.parsed;
      out = analysed.result;
      this.byContent.set(contentKey, out);
    }
    this.record(c, out);
    this.releaseUpTo(c);
  }

  /** Hands a snapshot to the worker thread (or reuses the result of one with the same content). */
  private handOut(c: HistoryCommit): void {
    const contentKey = this.contentKeyOf(c);
    const same = this.byContent.get(contentKey);
    if (same) {
      this.record(c, { ...same, commit: c.sha });
      return;
    }
    const files = this.analysedOf.get(c.sha)!;
    const blobs = new Map(this.tree(c).map((e) => [e.path, e.blob] as const));
    this.handedOut.push(
      this.helper!.analyse(
        c.sha,
        files.map((p) => [p, blobs.get(p)!] as [string, string]),
        this.ctx.cache,
      ).then((result) => {
        if (!result) return this.analyseHere(c); // the worker failed: done here
        this.ctx.stats.snapshotsInWorker++;
        this.byContent.set(contentKey, result);
        this.record(c, result);
      }),
    );
  }
}

/** A snapshot record for a result the store could not keep. */
function snapshotOf(analysisKey: string, c: HistoryCommit, result: ScanResult): SnapshotRecord {
  const s = result.summary;
  const byRule: Record<string, RuleTotals> = {};
  for (const f of result.findings) {
    const t = (byRule[f.ruleId] ??= { category: f.category, findings: 0, debtMinutes: 0 });
    t.findings++;
    t.debtMinutes += f.effortMinutes;
  }
  return {
    analysisKey,
    commit: c.sha,
    committedAt: c.time,
    recordedAt: Math.floor(Date.now() / 1000),
    source: 'trend',
    ...snapshotTotals(result),
    byCategory: s.byCategory,
    byRule,
  };
}

/** The findings of a fresh scan as the store identifies them. */
function toStored(findings: readonly Finding[]): StoredFinding[] {
  return findings.map((finding) => {
    const { related: _related, ...f } = finding;
    return { ...f, key: findingKey(finding) }; // the finding itself: its key is then computed once, for the store too
  });
}
