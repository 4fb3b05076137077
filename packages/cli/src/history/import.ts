// `plumbline store import`: copies a SQLite history file into another store (PostgreSQL), snapshot by
// snapshot and interval by interval, each in its own transaction and each a replacement under its key:
// an import interrupted half-way leaves whole snapshots only, and running it again completes it.
import type { RepositoryHistory } from './backend.js';
import type { HistoryStore } from './store.js';
import { counted } from './working-set.js';

export interface ImportOutcome {
  snapshots: number;
  intervals: number;
  /** snapshots of the file the target lacks after the import (none unless something failed) */
  missing: string[];
}

export async function importHistory(
  source: HistoryStore,
  target: RepositoryHistory,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportOutcome> {
  const snapshots = source.listSnapshots();
  const intervals = source.listIntervals();
  const total = snapshots.length + intervals.length;
  let done = 0;
  for (const record of snapshots) {
    await target.putSnapshot({ record, findings: counted(source.snapshotFindings(record.analysisKey, record.commit)) });
    onProgress?.(++done, total);
  }
  for (const ref of intervals) {
    const iv = source.findInterval(ref.analysisKey, ref.from, ref.to);
    if (!iv) continue;
    const commits = iv.commits.map((c) => {
      const info = source.commitInfo(c.sha);
      if (!info) throw new Error(`commit ${c.sha} of interval ${ref.from.slice(0, 7)}..${ref.to.slice(0, 7)} has no metadata in the file`);
      return { ...info, ...c };
    });
    await target.addInterval({ analysisKey: ref.analysisKey, ...iv, commits });
    onProgress?.(++done, total);
  }
  const stored = new Set((await target.snapshotsSince(0)).map((s) => `${s.analysisKey} ${s.commit}`));
  const missing = snapshots.filter((s) => !stored.has(`${s.analysisKey} ${s.commit}`)).map((s) => s.commit);
  return { snapshots: snapshots.length, intervals: intervals.length, missing };
}
