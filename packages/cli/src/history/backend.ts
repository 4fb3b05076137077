// The history store as its callers see it: one asynchronous interface, two implementations (the embedded
// SQLite file, sqlite-backend.ts; a shared PostgreSQL database, pg-store.ts). A store is opened for one
// repository (its identity, identity.ts); `report --org` reads every repository of a store.
import type { CommitInfo, IntervalInput, IntervalRecord, SnapshotInput, SnapshotRecord, SnapshotWrite, StoredFinding } from './records.js';

export interface IntervalRef {
  analysisKey: string;
  from: string;
  to: string;
}

/** The history of one repository in a store. Every write is one transaction. */
export interface RepositoryHistory {
  /** the repository's identity in the store */
  readonly repository: string;
  findSnapshot(analysisKey: string, commit: string): Promise<SnapshotRecord | undefined>;
  /** the findings of a stored snapshot, one entry per instance ([] when not stored) */
  snapshotFindings(analysisKey: string, commit: string): Promise<StoredFinding[]>;
  findInterval(analysisKey: string, from: string, to: string): Promise<IntervalRecord | undefined>;
  commitInfo(sha: string): Promise<CommitInfo | undefined>;
  /** stores a scan result as the snapshot of a commit, replacing one stored under the same key and commit */
  addSnapshot(input: SnapshotInput): Promise<SnapshotRecord>;
  /** stores a snapshot as it is (`store import`), replacing one stored under the same key and commit */
  putSnapshot(write: SnapshotWrite): Promise<SnapshotRecord>;
  /** stores what changed between two stored snapshots, replacing one stored */
  addInterval(input: IntervalInput): Promise<void>;
  /**
   * The snapshots committed at or after `since` (unix seconds), oldest first: of one analysis key, or of
   * every key when none is given. `check`'s gate and `report --org` read the history through this.
   */
  snapshotsSince(since: number, analysisKey?: string): Promise<SnapshotRecord[]>;
  /** the analysis key of the snapshot recorded last (null: nothing stored) */
  latestAnalysisKey(): Promise<string | null>;
  listIntervals(analysisKey?: string): Promise<IntervalRef[]>;
  /** drops the snapshots of all but the `keep` analysis keys used last (always keeping `current`) */
  prune(current: string, keep?: number): Promise<number>;
}

/** A store: where it is, its schema, its repositories. */
export interface HistoryBackend extends RepositoryHistory {
  readonly kind: 'sqlite' | 'postgres';
  /** the file, or the URL with its password masked: safe to print */
  readonly label: string;
  /** false when the history is kept in memory only (the SQLite file could not be used) */
  readonly persistent: boolean;
  schemaVersion(): Promise<number>;
  /** every repository with history in the store */
  repositories(): Promise<string[]>;
  /** the history of another repository of the same store (PostgreSQL; SQLite holds one repository) */
  forRepository(name: string): RepositoryHistory;
  close(): Promise<void>;
}

/**
 * The store cannot be used as asked (wrong URL, refused connection, missing permissions, a schema newer
 * than this plumbline): exit 2. The message names the store with its credentials masked.
 */
export class StoreError extends Error {
  override name = 'StoreError';
  constructor(message: string) {
    super(message);
    this.stack = message; // printed as it is: the message is the whole story, and holds no credentials
  }
}
