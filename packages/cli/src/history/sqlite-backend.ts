// The embedded SQLite store (store.ts, synchronous) behind the asynchronous store interface.
import type { HistoryBackend, IntervalRef, RepositoryHistory } from './backend.js';
import { StoreError } from './backend.js';
import type { CommitInfo, IntervalInput, IntervalRecord, SnapshotInput, SnapshotRecord, SnapshotWrite, StoredFinding } from './records.js';
import { HistoryStore } from './store.js';
import type { OpenOptions } from './store.js';

export class SqliteBackend implements HistoryBackend {
  readonly kind = 'sqlite';
  readonly label: string;

  constructor(
    /** the synchronous store, for the trend run that works on it directly */
    readonly sync: HistoryStore,
    readonly repository: string,
  ) {
    this.label = sync.path ?? 'memory';
  }

  /** Opens (creating or migrating) the file; see HistoryStore.open for what happens to a damaged one. */
  static open(path: string, repository: string, options: OpenOptions = {}): SqliteBackend {
    return new SqliteBackend(HistoryStore.open(path, options), repository);
  }

  get persistent(): boolean {
    return this.sync.path !== null;
  }
  async schemaVersion(): Promise<number> {
    return this.sync.schemaVersion;
  }
  async repositories(): Promise<string[]> {
    return this.sync.latestAnalysisKey() === null ? [] : [this.repository];
  }
  forRepository(name: string): RepositoryHistory {
    if (name === this.repository) return this;
    throw new StoreError(`history store ${this.label} is a SQLite file with the history of ${this.repository} only, not ${name}`);
  }
  async findSnapshot(analysisKey: string, commit: string): Promise<SnapshotRecord | undefined> {
    return this.sync.findSnapshot(analysisKey, commit);
  }
  async snapshotFindings(analysisKey: string, commit: string): Promise<StoredFinding[]> {
    return this.sync.snapshotFindings(analysisKey, commit);
  }
  async findInterval(analysisKey: string, from: string, to: string): Promise<IntervalRecord | undefined> {
    return this.sync.findInterval(analysisKey, from, to);
  }
  async commitInfo(sha: string): Promise<CommitInfo | undefined> {
    return this.sync.commitInfo(sha);
  }
  async addSnapshot(input: SnapshotInput): Promise<SnapshotRecord> {
    return this.sync.addSnapshot(input);
  }
  async putSnapshot(write: SnapshotWrite): Promise<SnapshotRecord> {
    return this.sync.putSnapshot(write);
  }
  async addInterval(input: IntervalInput): Promise<void> {
    this.sync.addInterval(input);
  }
  async snapshotsSince(since: number, analysisKey?: string): Promise<SnapshotRecord[]> {
    return this.sync.listSnapshots(analysisKey, since);
  }
  async latestAnalysisKey(): Promise<string | null> {
    return this.sync.latestAnalysisKey();
  }
  async listIntervals(analysisKey?: string): Promise<IntervalRef[]> {
    return this.sync.listIntervals(analysisKey);
  }
  async prune(current: string, keep?: number): Promise<number> {
    return this.sync.prune(current, keep);
  }
  async close(): Promise<void> {
    this.sync.close();
  }
}
