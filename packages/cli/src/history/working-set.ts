// A trend run against a remote store works on a synchronous working set: the stored snapshots and
// intervals of its window are read from the store first, into an in-memory SQLite store; what the run
// computes is written there and queued to the remote store, one transaction per snapshot or interval,
// in order (an interval after its snapshots). The run's phases stay synchronous and each remote write
// is whole or absent.
import type { HistoryBackend } from './backend.js';
import { toSnapshotWrite } from './records.js';
import type { IntervalInput, SnapshotInput, SnapshotRecord, SnapshotWrite, StoredFinding } from './records.js';
import { HistoryStore } from './store.js';

/** What a trend run reads and writes: the SQLite store itself, or a working set of a remote one. */
export type TrendStore = Pick<
  HistoryStore,
  'findSnapshot' | 'snapshotFindings' | 'findInterval' | 'addSnapshot' | 'addInterval' | 'commitInfo' | 'prune' | 'close'
> & {
  /** where the history is kept (a file, a masked URL), or null: memory only */
  readonly path: string | null;
};

/** Instances grouped back by key, in first-seen order. */
export function counted(findings: readonly StoredFinding[]): SnapshotWrite['findings'] {
  const byKey = new Map<string, { finding: StoredFinding; n: number }>();
  for (const f of findings) {
    const e = byKey.get(f.key);
    if (e) e.n++;
    else byKey.set(f.key, { finding: f, n: 1 });
  }
  return [...byKey.values()];
}

export class WorkingSet implements TrendStore {
  private pending: Promise<void> = Promise.resolve();
  private failed = false;

  private constructor(
    private readonly memory: HistoryStore,
    private readonly remote: HistoryBackend,
    private readonly onFailure: (message: string) => void,
  ) {}

  get path(): string {
    return this.remote.label;
  }

  /**
   * Reads what the store holds of the window (`commits` in order, under `key`): each snapshot with its
   * findings, and the interval between each two consecutive ones with the metadata of its commits.
   */
  static async load(
    remote: HistoryBackend,
    key: string,
    commits: readonly string[],
    onFailure: (message: string) => void,
  ): Promise<WorkingSet> {
    const memory = HistoryStore.memory();
    const ws = new WorkingSet(memory, remote, onFailure);
    const have = new Set<string>();
    for (const sha of new Set(commits)) {
      const record = await remote.findSnapshot(key, sha);
      if (!record) continue;
      memory.putSnapshot({ record, findings: counted(await remote.snapshotFindings(key, sha)) });
      have.add(sha);
    }
    for (let i = 1; i < commits.length; i++) {
      const from = commits[i - 1]!;
      const to = commits[i]!;
      if (from === to || !have.has(from) || !have.has(to)) continue;
      const iv = await remote.findInterval(key, from, to);
      if (!iv) continue;
      const infos = [];
      for (const c of iv.commits) {
        const info = await remote.commitInfo(c.sha);
        if (!info) break; // an interval without its commits' metadata is computed again
        infos.push({ ...info, ...c });
      }
      if (infos.length !== iv.commits.length) continue;
      memory.addInterval({ analysisKey: key, ...iv, commits: infos });
    }
    return ws;
  }

  /** Queues a remote write after the previous ones; after a failure nothing more is written. */
  private queue(what: string, write: () => Promise<unknown>): void {
    this.pending = this.pending.then(async () => {
      if (this.failed) return;
      try {
        await write();
      } catch (e) {
        this.failed = true;
        this.onFailure(`history store: ${what} failed (${(e as Error).message}); the rest of this run is not stored`);
      }
    });
  }

  /** Waits until every queued write is done; true when all were stored. */
  async flush(): Promise<boolean> {
    await this.pending;
    return !this.failed;
  }

  findSnapshot(analysisKey: string, commit: string): SnapshotRecord | undefined {
    return this.memory.findSnapshot(analysisKey, commit);
  }
  snapshotFindings(analysisKey: string, commit: string): StoredFinding[] {
    return this.memory.snapshotFindings(analysisKey, commit);
  }
  findInterval(analysisKey: string, from: string, to: string): ReturnType<HistoryStore['findInterval']> {
    return this.memory.findInterval(analysisKey, from, to);
  }
  commitInfo(sha: string): ReturnType<HistoryStore['commitInfo']> {
    return this.memory.commitInfo(sha);
  }
  addSnapshot(input: SnapshotInput): SnapshotRecord {
    const write = toSnapshotWrite(input);
    const record = this.memory.putSnapshot(write);
    this.queue('write', () => this.remote.putSnapshot(write));
    return record;
  }
  addInterval(input: IntervalInput): void {
    this.memory.addInterval(input);
    this.queue('write', () => this.remote.addInterval(input));
  }
  /** Pruning runs on the remote store once the writes are flushed (run.ts). */
  prune(): number {
    return 0;
  }
  close(): void {
    this.memory.close();
  }
}
