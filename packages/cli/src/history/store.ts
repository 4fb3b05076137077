import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CATEGORIES, emptyCategoryTotals, VERSION } from '@plumbline/core';
import type { Category, Rating } from '@plumbline/core';
import { MIGRATIONS, REQUIRED_TABLES } from './schema.js';
import { intervalRecord } from './interval-rows.js';
import type { CommitRow, FindingRow } from './interval-rows.js';
import { findingColumns, toSnapshotWrite } from './records.js';
import type {
  CommitInfo,
  IntervalInput,
  IntervalRecord,
  RuleTotals,
  SnapshotInput,
  SnapshotRecord,
  SnapshotWrite,
  StoredFinding,
} from './records.js';

type DB = Database.Database;

export interface OpenOptions {
  /** told when the store is damaged and rebuilt, or cannot be kept on disk */
  onWarning?: (message: string) => void;
}

interface SnapshotRow {
  id: number;
  analysis_key: string;
  commit_sha: string;
  committed_at: number;
  recorded_at: number;
  source: string;
  tool_version: string;
  files: number;
  lines_of_code: number;
  debt_minutes: number;
  debt_ratio: number;
  rating: string;
  design_system_adoption: number | null;
  duplicated_lines_ratio: number | null;
  calibration: string | null;
  rated_density: number | null;
  drift_index: number;
  findings: number;
  errors: number;
  skipped: number;
}

const FINDING_COLUMNS =
  'f.id, f.key, f.fingerprint, f.rule_id, f.category, f.severity, f.file, f.line, f.col, f.end_line, f.end_col, f.effort_minutes, f.message';

function prepare(db: DB): string | null {
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok')
    return `integrity check failed (${String(check)
      .trim()
      .replace(/\s*\n\s*/g, '; ')})`;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) return `it has schema version ${version}, newer than this plumbline's ${MIGRATIONS.length}`;
  // each migration under the write lock, the version read again inside it: another process (a second
  // trend run started at the same time) may have migrated the store since the version above was read
  const step = db.transaction((): boolean => {
    const v = db.pragma('user_version', { simple: true }) as number;
    if (v >= MIGRATIONS.length) return false;
    db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${v + 1}`);
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(`migrated-to-${v + 1}`, VERSION);
    return true;
  });
  if (version < MIGRATIONS.length)
    while (step.immediate()) {
      /* the next migration */
    }
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name),
  );
  const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
  return missing.length ? `tables missing: ${missing.join(', ')}` : null;
}

function openDatabase(path: string): DB {
  const db = new Database(path, { timeout: 10_000 });
  db.pragma('foreign_keys = ON');
  db.pragma('journal_mode = DELETE'); // one file: easy to cache between CI runs
  return db;
}

/**
 * The embedded history store (`.plumbline/history.db`): snapshots of the debt per commit, their
 * findings, and what changed between two snapshots. Every write is one transaction, so a killed run
 * leaves the store as it was. History can always be rebuilt from git, so a damaged store is moved
 * aside and rebuilt with a warning, and a store that cannot be written is kept in memory: the store is
 * never a reason for a run to fail.
 */
export class HistoryStore {
  private readonly stmts;

  private constructor(
    private readonly db: DB,
    /** the file, or null when the history is kept in memory only */
    readonly path: string | null,
  ) {
    this.stmts = {
      snapshot: db.prepare('SELECT * FROM snapshots WHERE analysis_key = ? AND commit_sha = ?'),
      snapshotById: db.prepare('SELECT * FROM snapshots WHERE id = ?'),
      categories: db.prepare('SELECT category, findings, debt_minutes FROM snapshot_categories WHERE snapshot_id = ?'),
      rules: db.prepare('SELECT rule_id, category, findings, debt_minutes FROM snapshot_rules WHERE snapshot_id = ? ORDER BY rule_id'),
      deleteSnapshot: db.prepare('DELETE FROM snapshots WHERE analysis_key = ? AND commit_sha = ?'),
      insertSnapshot: db.prepare(`INSERT INTO snapshots (analysis_key, commit_sha, committed_at, recorded_at, source, tool_version, files,
        lines_of_code, debt_minutes, debt_ratio, rating, design_system_adoption, drift_index, findings, errors, skipped, duplicated_lines_ratio,
        calibration, rated_density)
        VALUES (@analysisKey, @commit, @committedAt, @recordedAt, @source, @toolVersion, @files, @linesOfCode, @debtMinutes, @debtRatio,
        @rating, @designSystemAdoption, @driftIndex, @findings, @errors, @skipped, @duplicatedLinesRatio, @calibration, @ratedDensity)`),
      insertCategory: db.prepare('INSERT INTO snapshot_categories (snapshot_id, category, findings, debt_minutes) VALUES (?, ?, ?, ?)'),
      insertRule: db.prepare('INSERT INTO snapshot_rules (snapshot_id, rule_id, category, findings, debt_minutes) VALUES (?, ?, ?, ?, ?)'),
      findingId: db.prepare('SELECT id FROM findings WHERE key = ?').pluck(),
      insertFinding:
        db.prepare(`INSERT INTO findings (key, fingerprint, rule_id, category, severity, file, line, col, end_line, end_col, effort_minutes, message)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertSnapshotFinding: db.prepare('INSERT INTO snapshot_findings (snapshot_id, finding_id, n) VALUES (?, ?, ?)'),
      snapshotFindings: db.prepare(
        `SELECT ${FINDING_COLUMNS}, sf.n FROM snapshot_findings sf JOIN findings f ON f.id = sf.finding_id WHERE sf.snapshot_id = ? ORDER BY f.key`,
      ),
      interval: db.prepare('SELECT * FROM intervals WHERE from_snapshot = ? AND to_snapshot = ?'),
      insertInterval: db.prepare('INSERT INTO intervals (from_snapshot, to_snapshot, lines_added, lines_deleted) VALUES (?, ?, ?, ?)'),
      deleteInterval: db.prepare('DELETE FROM intervals WHERE from_snapshot = ? AND to_snapshot = ?'),
      insertIntervalCommit: db.prepare('INSERT INTO interval_commits (interval_id, sha, lines_added, lines_deleted) VALUES (?, ?, ?, ?)'),
      intervalCommits: db.prepare('SELECT sha, lines_added, lines_deleted FROM interval_commits WHERE interval_id = ? ORDER BY sha'),
      insertCommit:
        db.prepare(`INSERT OR REPLACE INTO commits (sha, author_name, author_email, authored_at, committed_at, subject, trailers)
        VALUES (@sha, @authorName, @authorEmail, @authoredAt, @committedAt, @subject, @trailers)`),
      commit: db.prepare('SELECT * FROM commits WHERE sha = ?'),
      insertNew: db.prepare(`INSERT INTO interval_new (interval_id, finding_id, commit_sha, share) VALUES (?, ?, ?, ?)
        ON CONFLICT (interval_id, finding_id, commit_sha) DO UPDATE SET share = share + excluded.share`),
      insertFixed: db.prepare(`INSERT INTO interval_fixed (interval_id, finding_id, n) VALUES (?, ?, 1)
        ON CONFLICT (interval_id, finding_id) DO UPDATE SET n = n + 1`),
      intervalNew: db.prepare(`SELECT ${FINDING_COLUMNS}, n.commit_sha, n.share FROM interval_new n JOIN findings f ON f.id = n.finding_id
        WHERE n.interval_id = ? ORDER BY f.key, n.commit_sha`),
      intervalFixed: db.prepare(
        `SELECT ${FINDING_COLUMNS}, x.n FROM interval_fixed x JOIN findings f ON f.id = x.finding_id WHERE x.interval_id = ? ORDER BY f.key`,
      ),
    };
  }

  /**
   * Opens (creating or migrating) the store at `path`. A damaged store, or one written by a newer
   * plumbline, is moved to `<path>.damaged` and rebuilt; a store that cannot be opened at all (locked by
   * another process past the busy timeout, no permission) is left alone and this run's history is kept
   * in memory. Both with a warning, never an exception.
   */
  static open(path: string | null, options: OpenOptions = {}): HistoryStore {
    const warn = options.onWarning ?? (() => undefined);
    if (path === null) return HistoryStore.memory();
    let db: DB | undefined;
    try {
      mkdirSync(dirname(path), { recursive: true });
      db = openDatabase(path);
      const problem = prepare(db);
      if (problem === null) return new HistoryStore(db, path);
      throw new Error(problem);
    } catch (e) {
      try {
        db?.close();
      } catch {
        /* already unusable */
      }
      if (!existsSync(path)) {
        warn(`history store ${path} cannot be created (${(e as Error).message}); this run keeps its history in memory only`);
        return HistoryStore.memory();
      }
      // locked by another process, not readable, not writable: the file is fine, only not usable now
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string' && !/^SQLITE_(CORRUPT|NOTADB)/.test(code)) {
        warn(
          `history store ${path} cannot be used now (${(e as Error).message}); it is left as it is, and this run keeps its history in memory only`,
        );
        return HistoryStore.memory();
      }
      const aside = `${path}.damaged`;
      try {
        rmSync(aside, { force: true });
        renameSync(path, aside);
        rmSync(`${path}-journal`, { force: true });
        const fresh = openDatabase(path);
        const problem = prepare(fresh);
        if (problem !== null) throw new Error(problem);
        warn(`history store ${path} was unusable (${(e as Error).message}); moved it to ${aside} and started a new one, rebuilt from git`);
        return new HistoryStore(fresh, path);
      } catch (e2) {
        warn(
          `history store ${path} is unusable (${(e as Error).message}) and cannot be replaced (${(e2 as Error).message}); this run keeps its history in memory only`,
        );
        return HistoryStore.memory();
      }
    }
  }

  /**
   * Opens an existing store to read it and nothing else (`store import`): the file is copied into memory
   * and migrated there, never created, migrated, moved or rebuilt on disk. Throws with the reason when it
   * is not a readable store or was written by a newer plumbline.
   */
  static openReadOnly(path: string): HistoryStore {
    const file = new Database(path, { readonly: true, fileMustExist: true, timeout: 10_000 });
    let bytes: Buffer;
    try {
      bytes = file.serialize();
    } finally {
      file.close();
    }
    const db = new Database(bytes);
    db.pragma('foreign_keys = ON');
    try {
      const problem = prepare(db);
      if (problem !== null) throw new Error(problem);
    } catch (e) {
      db.close();
      throw e;
    }
    return new HistoryStore(db, path);
  }

  /** A store that lives for this process only. */
  static memory(): HistoryStore {
    const db = openDatabase(':memory:');
    prepare(db);
    return new HistoryStore(db, null);
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private toSnapshot(r: SnapshotRow): SnapshotRecord {
    const byCategory = emptyCategoryTotals();
    for (const c of this.stmts.categories.all(r.id) as Array<{ category: string; findings: number; debt_minutes: number }>) {
      if ((CATEGORIES as readonly string[]).includes(c.category))
        byCategory[c.category as Category] = { findings: c.findings, debtMinutes: c.debt_minutes };
    }
    const byRule: Record<string, RuleTotals> = {};
    for (const x of this.stmts.rules.all(r.id) as Array<{ rule_id: string; category: string; findings: number; debt_minutes: number }>) {
      byRule[x.rule_id] = { category: x.category as Category, findings: x.findings, debtMinutes: x.debt_minutes };
    }
    return {
      analysisKey: r.analysis_key,
      commit: r.commit_sha,
      committedAt: r.committed_at,
      recordedAt: r.recorded_at,
      source: r.source,
      toolVersion: r.tool_version,
      files: r.files,
      linesOfCode: r.lines_of_code,
      debtMinutes: r.debt_minutes,
      debtRatio: r.debt_ratio,
      rating: r.rating as Rating,
      designSystemAdoption: r.design_system_adoption,
      duplicatedLinesRatio: r.duplicated_lines_ratio ?? null,
      calibration: r.calibration ?? null,
      ratedDensity: r.rated_density ?? null,
      driftIndex: r.drift_index,
      findings: r.findings,
      errors: r.errors,
      skipped: r.skipped,
      byCategory,
      byRule,
    };
  }

  private snapshotId(analysisKey: string, commit: string): number | undefined {
    return (this.stmts.snapshot.get(analysisKey, commit) as SnapshotRow | undefined)?.id;
  }

  /**
   * Runs `fn`'s reads as one read transaction: another process (a second trend run) that replaces a
   * snapshot waits until it ends, so `fn` never sees a snapshot row without its totals or findings.
   */
  private read<T>(fn: () => T): T {
    return this.db.transaction(fn).deferred();
  }

  /** The snapshot of a commit under an analysis key, if stored. */
  findSnapshot(analysisKey: string, commit: string): SnapshotRecord | undefined {
    return this.read(() => {
      const r = this.stmts.snapshot.get(analysisKey, commit) as SnapshotRow | undefined;
      return r ? this.toSnapshot(r) : undefined;
    });
  }

  /** Stores a scan result as the snapshot of `commit` (replacing one stored under the same key), in one transaction. */
  addSnapshot(input: SnapshotInput): SnapshotRecord {
    return this.putSnapshot(toSnapshotWrite(input));
  }

  /** Stores a snapshot as it is (replacing one stored under the same key and commit), in one transaction. */
  putSnapshot(write: SnapshotWrite): SnapshotRecord {
    const r = write.record;
    return this.db
      .transaction(() => {
        this.stmts.deleteSnapshot.run(r.analysisKey, r.commit);
        const { byCategory: _c, byRule: _r, ...row } = r;
        const { lastInsertRowid } = this.stmts.insertSnapshot.run({
          ...row,
          commit: r.commit,
          duplicatedLinesRatio: r.duplicatedLinesRatio ?? null,
          calibration: r.calibration ?? null,
          ratedDensity: r.ratedDensity ?? null,
        });
        const sid = Number(lastInsertRowid);
        for (const c of CATEGORIES) this.stmts.insertCategory.run(sid, c, r.byCategory[c].findings, r.byCategory[c].debtMinutes);
        for (const [rule, t] of Object.entries(r.byRule)) this.stmts.insertRule.run(sid, rule, t.category, t.findings, t.debtMinutes);
        for (const { finding, n } of write.findings) this.stmts.insertSnapshotFinding.run(sid, this.findingId(finding), n);
        // read back under the same lock: once it is released another run may replace this snapshot
        return this.toSnapshot(this.stmts.snapshotById.get(sid) as SnapshotRow);
      })
      .immediate();
  }

  /** The row id of a finding, inserting it when new (inside a transaction). */
  private findingId(f: StoredFinding): number {
    const fid = this.stmts.findingId.get(f.key) as number | undefined;
    if (fid !== undefined) return fid;
    return Number(this.stmts.insertFinding.run(f.key, ...findingColumns(f)).lastInsertRowid);
  }

  /** The findings of a stored snapshot, one entry per instance ([] when not stored). */
  snapshotFindings(analysisKey: string, commit: string): StoredFinding[] {
    return this.read(() => {
      const sid = this.snapshotId(analysisKey, commit);
      if (sid === undefined) return [];
      return intervalRecord.findings(this.stmts.snapshotFindings.all(sid) as Array<FindingRow & { n: number }>);
    });
  }

  /** What changed between the snapshots of two commits, if stored. */
  findInterval(analysisKey: string, from: string, to: string): IntervalRecord | undefined {
    return this.read(() => this.readInterval(analysisKey, from, to));
  }

  private readInterval(analysisKey: string, from: string, to: string): IntervalRecord | undefined {
    const a = this.snapshotId(analysisKey, from);
    const b = this.snapshotId(analysisKey, to);
    if (a === undefined || b === undefined) return undefined;
    const r = this.stmts.interval.get(a, b) as { id: number; lines_added: number; lines_deleted: number } | undefined;
    if (!r) return undefined;
    return intervalRecord.build(
      from,
      to,
      r,
      this.stmts.intervalCommits.all(r.id) as Array<{ sha: string; lines_added: number; lines_deleted: number }>,
      this.stmts.intervalNew.all(r.id) as Array<FindingRow & { commit_sha: string; share: number }>,
      this.stmts.intervalFixed.all(r.id) as Array<FindingRow & { n: number }>,
    );
  }

  /**
   * Stores what changed between the snapshots of two commits (both must be stored under the key),
   * replacing a stored one, in one transaction.
   */
  addInterval(input: IntervalInput): void {
    this.db
      .transaction(() => {
        // the snapshots' ids are read under the write lock: another run may have replaced either since
        const a = this.snapshotId(input.analysisKey, input.from);
        const b = this.snapshotId(input.analysisKey, input.to);
        if (a === undefined || b === undefined)
          throw new Error(`interval ${input.from.slice(0, 7)}..${input.to.slice(0, 7)}: snapshots not stored`);
        this.stmts.deleteInterval.run(a, b);
        const id = Number(this.stmts.insertInterval.run(a, b, input.linesAdded, input.linesDeleted).lastInsertRowid);
        for (const c of input.commits) {
          this.stmts.insertCommit.run({
            sha: c.sha,
            authorName: c.authorName,
            authorEmail: c.authorEmail,
            authoredAt: c.authoredAt,
            committedAt: c.committedAt,
            subject: c.subject,
            trailers: c.trailers,
          });
          this.stmts.insertIntervalCommit.run(id, c.sha, c.linesAdded, c.linesDeleted);
        }
        const idOf = (f: StoredFinding) => {
          const fid = this.stmts.findingId.get(f.key) as number | undefined;
          if (fid === undefined) throw new Error(`finding ${f.key} is not stored`);
          return fid;
        };
        for (const x of input.added) for (const s of x.shares) this.stmts.insertNew.run(id, idOf(x.finding), s.sha ?? '', s.share);
        for (const f of input.fixed) this.stmts.insertFixed.run(id, idOf(f));
      })
      .immediate();
  }

  /** Commit metadata stored by intervals. */
  commitInfo(sha: string): CommitInfo | undefined {
    const r = this.stmts.commit.get(sha) as CommitRow | undefined;
    return r ? intervalRecord.commit(r) : undefined;
  }

  /** How many snapshots are stored, per analysis key. */
  snapshotCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.db.prepare('SELECT analysis_key, COUNT(*) AS n FROM snapshots GROUP BY analysis_key').all() as Array<{
      analysis_key: string;
      n: number;
    }>) {
      out[r.analysis_key] = r.n;
    }
    return out;
  }

  /** The stored snapshots, oldest commit first: of one analysis key, or of all (for `store import`). */
  listSnapshots(analysisKey?: string, since = 0): SnapshotRecord[] {
    return this.read(() => {
      const rows = (
        analysisKey === undefined
          ? this.db.prepare('SELECT * FROM snapshots WHERE committed_at >= ? ORDER BY committed_at, commit_sha, analysis_key').all(since)
          : this.db
              .prepare('SELECT * FROM snapshots WHERE analysis_key = ? AND committed_at >= ? ORDER BY committed_at, commit_sha')
              .all(analysisKey, since)
      ) as SnapshotRow[];
      return rows.map((r) => this.toSnapshot(r));
    });
  }

  /** The stored intervals (their analysis key and the commits of both ends). */
  listIntervals(analysisKey?: string): Array<{ analysisKey: string; from: string; to: string }> {
    const rows = this.db
      .prepare(
        `SELECT a.analysis_key, a.commit_sha AS "from", b.commit_sha AS "to" FROM intervals i JOIN snapshots a ON a.id = i.from_snapshot
        JOIN snapshots b ON b.id = i.to_snapshot WHERE ? IS NULL OR a.analysis_key = ? ORDER BY a.committed_at, b.committed_at, a.commit_sha, b.commit_sha`,
      )
      .all(analysisKey ?? null, analysisKey ?? null) as Array<{ analysis_key: string; from: string; to: string }>;
    return rows.map((r) => ({ analysisKey: r.analysis_key, from: r.from, to: r.to }));
  }

  /** The analysis key of the most recently recorded snapshot (null: none stored). */
  latestAnalysisKey(): string | null {
    const r = this.db.prepare('SELECT analysis_key FROM snapshots ORDER BY recorded_at DESC, id DESC LIMIT 1').pluck().get() as
      string | undefined;
    return r ?? null;
  }

  /**
   * Drops the snapshots of all but the `keep` most recently used analysis keys (always keeping
   * `current`), and findings no snapshot refers to any more. One transaction.
   */
  prune(current: string, keep = 3): number {
    return this.db
      .transaction(() => {
        const keys = (
          this.db
            .prepare('SELECT analysis_key FROM snapshots GROUP BY analysis_key ORDER BY MAX(recorded_at) DESC')
            .pluck()
            .all() as string[]
        ).filter((k) => k !== current);
        const drop = keys.slice(Math.max(0, keep - 1));
        let removed = 0;
        for (const k of drop) removed += this.db.prepare('DELETE FROM snapshots WHERE analysis_key = ?').run(k).changes;
        if (removed) {
          this.db.exec(`DELETE FROM findings WHERE id NOT IN (SELECT finding_id FROM snapshot_findings)
          AND id NOT IN (SELECT finding_id FROM interval_new) AND id NOT IN (SELECT finding_id FROM interval_fixed)`);
          this.db.exec('DELETE FROM commits WHERE sha NOT IN (SELECT sha FROM interval_commits)');
        }
        return removed;
      })
      .immediate();
  }
}
