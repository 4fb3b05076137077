// The history store in a shared PostgreSQL database: the SQLite store's data and guarantees, for many
// repositories. Writers serialise per snapshot with transaction-scoped advisory locks (two CI jobs
// recording the same commit: the second replaces the first, never a duplicate), and per repository
// against pruning (shared locks for writers, an exclusive one to collect unreferenced findings).
import type pg from 'pg';
import { CATEGORIES, emptyCategoryTotals } from '@plumbline/core';
import type { Category, Rating } from '@plumbline/core';
import type { HistoryBackend, IntervalRef, RepositoryHistory } from './backend.js';
import { PgConnection } from './pg-connection.js';
import type { PgOptions } from './pg-connection.js';
import { PG_MIGRATIONS } from './pg-schema.js';
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
import { intervalRecord } from './interval-rows.js';
import type { FindingRow } from './interval-rows.js';

type Row = Record<string, unknown>;
const S = 'plumbline';
/** advisory lock class of a repository (two-int form: class, repository id) */
const REPO_LOCK = 0x706c72;
const FINDING_COLUMNS =
  'f.id, f.key, f.fingerprint, f.rule_id, f.category, f.severity, f.file, f.line, f.col, f.end_line, f.end_col, f.effort_minutes, f.message';

function snapshotOf(r: Row, cats: Row[], rules: Row[]): SnapshotRecord {
  const byCategory = emptyCategoryTotals();
  for (const c of cats)
    if ((CATEGORIES as readonly string[]).includes(c.category as string))
      byCategory[c.category as Category] = { findings: c.findings as number, debtMinutes: c.debt_minutes as number };
  const byRule: Record<string, RuleTotals> = {};
  for (const x of rules)
    byRule[x.rule_id as string] = {
      category: x.category as Category,
      findings: x.findings as number,
      debtMinutes: x.debt_minutes as number,
    };
  return {
    analysisKey: r.analysis_key as string,
    commit: r.commit_sha as string,
    committedAt: r.committed_at as number,
    recordedAt: r.recorded_at as number,
    source: r.source as string,
    toolVersion: r.tool_version as string,
    files: r.files as number,
    linesOfCode: r.lines_of_code as number,
    debtMinutes: r.debt_minutes as number,
    debtRatio: r.debt_ratio as number,
    rating: r.rating as Rating,
    designSystemAdoption: r.design_system_adoption as number | null,
    driftIndex: r.drift_index as number,
    duplicatedLinesRatio: (r.duplicated_lines_ratio as number | null) ?? null,
    calibration: (r.calibration as string | null) ?? null,
    ratedDensity: (r.rated_density as number | null) ?? null,
    findings: r.findings as number,
    errors: r.errors as number,
    skipped: r.skipped as number,
    byCategory,
    byRule,
  };
}

/** Reads snapshot rows whole: their category and rule totals with them, in the rows' order. */
async function snapshotsOf(c: pg.Client, rows: Row[]): Promise<SnapshotRecord[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id as number);
  const cats = await c.query(`SELECT * FROM ${S}.snapshot_categories WHERE snapshot_id = ANY($1)`, [ids]);
  const rules = await c.query(`SELECT * FROM ${S}.snapshot_rules WHERE snapshot_id = ANY($1) ORDER BY rule_id COLLATE "C"`, [ids]);
  const group = (list: Row[]) => {
    const m = new Map<number, Row[]>();
    for (const x of list) m.set(x.snapshot_id as number, [...(m.get(x.snapshot_id as number) ?? []), x]);
    return m;
  };
  const byCat = group(cats.rows);
  const byRule = group(rules.rows);
  return rows.map((r) => snapshotOf(r, byCat.get(r.id as number) ?? [], byRule.get(r.id as number) ?? []));
}

/** The history of one repository in the PostgreSQL store. */
export class PgRepositoryHistory implements RepositoryHistory {
  private id: number | null = null;

  constructor(
    protected readonly conn: PgConnection,
    readonly repository: string,
  ) {}

  /** The repository's row id: created on the first write, null on a read before it. */
  private async repoId(c: pg.Client, create: boolean): Promise<number | null> {
    if (this.id !== null) return this.id;
    if (create)
      await c.query(`INSERT INTO ${S}.repositories (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [
        this.repository,
        Math.floor(Date.now() / 1000),
      ]);
    const r = await c.query<{ id: number }>(`SELECT id FROM ${S}.repositories WHERE name = $1`, [this.repository]);
    this.id = r.rows[0]?.id ?? null;
    return this.id;
  }

  private read<T>(what: string, empty: T, fn: (c: pg.Client, repo: number) => Promise<T>): Promise<T> {
    return this.conn
      .transaction(async (c) => {
        const repo = await this.repoId(c, false);
        return repo === null ? empty : fn(c, repo);
      }, true)
      .catch((e: unknown) => {
        throw this.conn.fail(what, e);
      });
  }

  /** A write transaction holding the repository's shared lock (pruning takes it exclusively). */
  private write<T>(what: string, fn: (c: pg.Client, repo: number) => Promise<T>, exclusive = false): Promise<T> {
    return this.conn
      .transaction(async (c) => {
        const repo = (await this.repoId(c, true))!;
        await c.query(`SELECT ${exclusive ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared'}($1, $2::int)`, [REPO_LOCK, repo]);
        return fn(c, repo);
      })
      .catch((e: unknown) => {
        throw this.conn.fail(what, e);
      });
  }

  /** Waits for the writers of the same snapshots (sorted: two locks never taken in opposite orders). */
  private async lockSnapshots(c: pg.Client, repo: number, analysisKey: string, commits: string[]): Promise<void> {
    for (const sha of [...new Set(commits)].sort())
      await c.query('SELECT pg_advisory_xact_lock(hashtextextended($1, $2))', [`${analysisKey} ${sha}`, repo]);
  }

  private async snapshotRow(c: pg.Client, repo: number, analysisKey: string, commit: string): Promise<Row | undefined> {
    const r = await c.query(`SELECT * FROM ${S}.snapshots WHERE repository_id = $1 AND analysis_key = $2 AND commit_sha = $3`, [
      repo,
      analysisKey,
      commit,
    ]);
    return r.rows[0];
  }

  findSnapshot(analysisKey: string, commit: string): Promise<SnapshotRecord | undefined> {
    return this.read('reading a snapshot', undefined, async (c, repo) => {
      const r = await this.snapshotRow(c, repo, analysisKey, commit);
      return r ? (await snapshotsOf(c, [r]))[0] : undefined;
    });
  }

  snapshotFindings(analysisKey: string, commit: string): Promise<StoredFinding[]> {
    return this.read('reading findings', [] as StoredFinding[], async (c, repo) => {
      const s = await this.snapshotRow(c, repo, analysisKey, commit);
      if (!s) return [];
      const rows = await c.query<FindingRow & { n: number }>(
        `SELECT ${FINDING_COLUMNS}, sf.n FROM ${S}.snapshot_findings sf JOIN ${S}.findings f ON f.id = sf.finding_id
         WHERE sf.snapshot_id = $1 ORDER BY f.key COLLATE "C"`,
        [s.id],
      );
      return intervalRecord.findings(rows.rows);
    });
  }

  findInterval(analysisKey: string, from: string, to: string): Promise<IntervalRecord | undefined> {
    return this.read('reading an interval', undefined, async (c, repo) => {
      const a = await this.snapshotRow(c, repo, analysisKey, from);
      const b = await this.snapshotRow(c, repo, analysisKey, to);
      if (!a || !b) return undefined;
      const iv = (await c.query(`SELECT * FROM ${S}.intervals WHERE from_snapshot = $1 AND to_snapshot = $2`, [a.id, b.id])).rows[0];
      if (!iv) return undefined;
      const commits = await c.query(
        `SELECT sha, lines_added, lines_deleted FROM ${S}.interval_commits WHERE interval_id = $1 ORDER BY sha COLLATE "C"`,
        [iv.id],
      );
      const added = await c.query(
        `SELECT ${FINDING_COLUMNS}, n.commit_sha, n.share FROM ${S}.interval_new n JOIN ${S}.findings f ON f.id = n.finding_id
         WHERE n.interval_id = $1 ORDER BY f.key COLLATE "C", n.commit_sha COLLATE "C"`,
        [iv.id],
      );
      const fixed = await c.query(
        `SELECT ${FINDING_COLUMNS}, x.n FROM ${S}.interval_fixed x JOIN ${S}.findings f ON f.id = x.finding_id
         WHERE x.interval_id = $1 ORDER BY f.key COLLATE "C"`,
        [iv.id],
      );
      return intervalRecord.build(from, to, iv as never, commits.rows as never, added.rows as never, fixed.rows as never);
    });
  }

  commitInfo(sha: string): Promise<CommitInfo | undefined> {
    return this.read('reading a commit', undefined, async (c, repo) => {
      const r = (await c.query(`SELECT * FROM ${S}.commits WHERE repository_id = $1 AND sha = $2`, [repo, sha])).rows[0];
      return r ? intervalRecord.commit(r as never) : undefined;
    });
  }

  addSnapshot(input: SnapshotInput): Promise<SnapshotRecord> {
    return this.putSnapshot(toSnapshotWrite(input));
  }

  putSnapshot(write: SnapshotWrite): Promise<SnapshotRecord> {
    const r = write.record;
    return this.write('writing a snapshot', async (c, repo) => {
      await this.lockSnapshots(c, repo, r.analysisKey, [r.commit]);
      await c.query(`DELETE FROM ${S}.snapshots WHERE repository_id = $1 AND analysis_key = $2 AND commit_sha = $3`, [
        repo,
        r.analysisKey,
        r.commit,
      ]);
      const ins = await c.query<{ id: number }>(
        `INSERT INTO ${S}.snapshots (repository_id, analysis_key, commit_sha, committed_at, recorded_at, source, tool_version, files,
         lines_of_code, debt_minutes, debt_ratio, rating, design_system_adoption, drift_index, findings, errors, skipped, duplicated_lines_ratio,
         calibration, rated_density)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id`,
        [
          repo,
          r.analysisKey,
          r.commit,
          r.committedAt,
          r.recordedAt,
          r.source,
          r.toolVersion,
          r.files,
          r.linesOfCode,
          r.debtMinutes,
          r.debtRatio,
          r.rating,
          r.designSystemAdoption,
          r.driftIndex,
          r.findings,
          r.errors,
          r.skipped,
          r.duplicatedLinesRatio ?? null,
          r.calibration ?? null,
          r.ratedDensity ?? null,
        ],
      );
      const sid = ins.rows[0]!.id;
      await c.query(
        `INSERT INTO ${S}.snapshot_categories (snapshot_id, category, findings, debt_minutes)
         SELECT $1, * FROM unnest($2::text[], $3::int[], $4::float8[])`,
        [sid, [...CATEGORIES], CATEGORIES.map((k) => r.byCategory[k].findings), CATEGORIES.map((k) => r.byCategory[k].debtMinutes)],
      );
      const rules = Object.entries(r.byRule);
      await c.query(
        `INSERT INTO ${S}.snapshot_rules (snapshot_id, rule_id, category, findings, debt_minutes)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::float8[])`,
        [
          sid,
          rules.map(([k]) => k),
          rules.map(([, t]) => t.category),
          rules.map(([, t]) => t.findings),
          rules.map(([, t]) => t.debtMinutes),
        ],
      );
      const ids = await this.findingIds(
        c,
        repo,
        write.findings.map((f) => f.finding),
        true,
      );
      await c.query(`INSERT INTO ${S}.snapshot_findings (snapshot_id, finding_id, n) SELECT $1, * FROM unnest($2::bigint[], $3::int[])`, [
        sid,
        write.findings.map((f) => ids.get(f.finding.key)!),
        write.findings.map((f) => f.n),
      ]);
      const back = await c.query(`SELECT * FROM ${S}.snapshots WHERE id = $1`, [sid]);
      return (await snapshotsOf(c, back.rows))[0]!;
    });
  }

  /** The row ids of findings by key, inserting the new ones when `insert` (sorted by key: no deadlock between writers). */
  private async findingIds(c: pg.Client, repo: number, findings: StoredFinding[], insert: boolean): Promise<Map<string, number>> {
    const unique = [...new Map(findings.map((f) => [f.key, f])).values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (insert && unique.length) {
      const cols = unique.map((f) => findingColumns(f));
      const col = (i: number) => cols.map((x) => x[i]);
      await c.query(
        `INSERT INTO ${S}.findings (repository_id, key, fingerprint, rule_id, category, severity, file, line, col, end_line, end_col, effort_minutes, message)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::int[], $10::int[],
         $11::int[], $12::float8[], $13::text[]) ON CONFLICT (repository_id, key) DO NOTHING`,
        [repo, unique.map((f) => f.key), ...Array.from({ length: 11 }, (_, i) => col(i))],
      );
    }
    const r = await c.query<{ id: number; key: string }>(`SELECT id, key FROM ${S}.findings WHERE repository_id = $1 AND key = ANY($2)`, [
      repo,
      unique.map((f) => f.key),
    ]);
    return new Map(r.rows.map((x) => [x.key, x.id]));
  }

  addInterval(input: IntervalInput): Promise<void> {
    return this.write('writing an interval', async (c, repo) => {
      await this.lockSnapshots(c, repo, input.analysisKey, [input.from, input.to]);
      const a = await this.snapshotRow(c, repo, input.analysisKey, input.from);
      const b = await this.snapshotRow(c, repo, input.analysisKey, input.to);
      if (!a || !b) throw new Error(`interval ${input.from.slice(0, 7)}..${input.to.slice(0, 7)}: snapshots not stored`);
      await c.query(`DELETE FROM ${S}.intervals WHERE from_snapshot = $1 AND to_snapshot = $2`, [a.id, b.id]);
      const iv = await c.query<{ id: number }>(
        `INSERT INTO ${S}.intervals (from_snapshot, to_snapshot, lines_added, lines_deleted) VALUES ($1, $2, $3, $4) RETURNING id`,
        [a.id, b.id, input.linesAdded, input.linesDeleted],
      );
      const id = iv.rows[0]!.id;
      // sorted: two writers upserting the same commits lock them in one order
      const commits = [...new Map(input.commits.map((x) => [x.sha, x])).values()].sort((a, b) =>
        a.sha < b.sha ? -1 : a.sha > b.sha ? 1 : 0,
      );
      const pick = <K extends keyof (typeof commits)[number]>(k: K) => commits.map((x) => x[k]);
      await c.query(
        `INSERT INTO ${S}.commits (repository_id, sha, author_name, author_email, authored_at, committed_at, subject, trailers)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::text[], $8::text[])
         ON CONFLICT (repository_id, sha) DO UPDATE SET author_name = excluded.author_name, author_email = excluded.author_email,
         authored_at = excluded.authored_at, committed_at = excluded.committed_at, subject = excluded.subject, trailers = excluded.trailers`,
        [
          repo,
          pick('sha'),
          pick('authorName'),
          pick('authorEmail'),
          pick('authoredAt'),
          pick('committedAt'),
          pick('subject'),
          pick('trailers'),
        ],
      );
      await c.query(
        `INSERT INTO ${S}.interval_commits (interval_id, sha, lines_added, lines_deleted) SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[])`,
        [id, pick('sha'), pick('linesAdded'), pick('linesDeleted')],
      );
      const ids = await this.findingIds(c, repo, [...input.added.map((x) => x.finding), ...input.fixed], false);
      const idOf = (f: StoredFinding) => {
        const fid = ids.get(f.key);
        if (fid === undefined) throw new Error(`finding ${f.key} is not stored`);
        return fid;
      };
      // summed here in the order the SQLite store sums them (one row per finding and commit)
      const added = new Map<string, { fid: number; sha: string; share: number }>();
      for (const x of input.added)
        for (const s of x.shares) {
          const k = `${idOf(x.finding)} ${s.sha ?? ''}`;
          const e = added.get(k);
          if (e) e.share += s.share;
          else added.set(k, { fid: idOf(x.finding), sha: s.sha ?? '', share: s.share });
        }
      const nv = [...added.values()];
      await c.query(
        `INSERT INTO ${S}.interval_new (interval_id, finding_id, commit_sha, share) SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::float8[])`,
        [id, nv.map((x) => x.fid), nv.map((x) => x.sha), nv.map((x) => x.share)],
      );
      const fixed = new Map<number, number>();
      for (const f of input.fixed) fixed.set(idOf(f), (fixed.get(idOf(f)) ?? 0) + 1);
      await c.query(`INSERT INTO ${S}.interval_fixed (interval_id, finding_id, n) SELECT $1, * FROM unnest($2::bigint[], $3::int[])`, [
        id,
        [...fixed.keys()],
        [...fixed.values()],
      ]);
    });
  }

  snapshotsSince(since: number, analysisKey?: string): Promise<SnapshotRecord[]> {
    return this.read('reading snapshots', [] as SnapshotRecord[], async (c, repo) => {
      const rows = await c.query(
        `SELECT * FROM ${S}.snapshots WHERE repository_id = $1 AND committed_at >= $2 AND ($3::text IS NULL OR analysis_key = $3)
         ORDER BY committed_at, commit_sha COLLATE "C", analysis_key COLLATE "C"`,
        [repo, since, analysisKey ?? null],
      );
      return snapshotsOf(c, rows.rows);
    });
  }

  latestAnalysisKey(): Promise<string | null> {
    return this.read('reading snapshots', null as string | null, async (c, repo) => {
      const r = await c.query<{ analysis_key: string }>(
        `SELECT analysis_key FROM ${S}.snapshots WHERE repository_id = $1 ORDER BY recorded_at DESC, id DESC LIMIT 1`,
        [repo],
      );
      return r.rows[0]?.analysis_key ?? null;
    });
  }

  listIntervals(analysisKey?: string): Promise<IntervalRef[]> {
    return this.read('reading intervals', [] as IntervalRef[], async (c, repo) => {
      const r = await c.query<{ analysis_key: string; from: string; to: string }>(
        `SELECT a.analysis_key, a.commit_sha AS "from", b.commit_sha AS "to" FROM ${S}.intervals i
         JOIN ${S}.snapshots a ON a.id = i.from_snapshot JOIN ${S}.snapshots b ON b.id = i.to_snapshot
         WHERE a.repository_id = $1 AND ($2::text IS NULL OR a.analysis_key = $2)
         ORDER BY a.committed_at, b.committed_at, a.commit_sha COLLATE "C", b.commit_sha COLLATE "C"`,
        [repo, analysisKey ?? null],
      );
      return r.rows.map((x) => ({ analysisKey: x.analysis_key, from: x.from, to: x.to }));
    });
  }

  prune(current: string, keep = 3): Promise<number> {
    return this.write(
      'pruning',
      async (c, repo) => {
        const keys = await c.query<{ analysis_key: string }>(
          `SELECT analysis_key FROM ${S}.snapshots WHERE repository_id = $1 GROUP BY analysis_key ORDER BY MAX(recorded_at) DESC`,
          [repo],
        );
        const drop = keys.rows
          .map((r) => r.analysis_key)
          .filter((k) => k !== current)
          .slice(Math.max(0, keep - 1));
        if (!drop.length) return 0;
        const del = await c.query(`DELETE FROM ${S}.snapshots WHERE repository_id = $1 AND analysis_key = ANY($2)`, [repo, drop]);
        await c.query(
          `DELETE FROM ${S}.findings f WHERE f.repository_id = $1 AND NOT EXISTS (SELECT 1 FROM ${S}.snapshot_findings x WHERE x.finding_id = f.id)
           AND NOT EXISTS (SELECT 1 FROM ${S}.interval_new x WHERE x.finding_id = f.id) AND NOT EXISTS (SELECT 1 FROM ${S}.interval_fixed x WHERE x.finding_id = f.id)`,
          [repo],
        );
        await c.query(
          `DELETE FROM ${S}.commits m WHERE m.repository_id = $1 AND NOT EXISTS (SELECT 1 FROM ${S}.interval_commits ic
           JOIN ${S}.intervals i ON i.id = ic.interval_id JOIN ${S}.snapshots s ON s.id = i.from_snapshot WHERE s.repository_id = $1 AND ic.sha = m.sha)`,
          [repo],
        );
        return del.rowCount ?? 0;
      },
      true,
    );
  }
}

/** A PostgreSQL history store, opened for one repository (and able to read every other). */
export class PgStore extends PgRepositoryHistory implements HistoryBackend {
  readonly kind = 'postgres';
  readonly persistent = true;

  private constructor(conn: PgConnection, repository: string) {
    super(conn, repository);
  }

  get label(): string {
    return this.conn.label;
  }

  /** Connects and checks the schema (creating or upgrading it with `migrate`); a StoreError when the store cannot be used. */
  static async open(url: string, repository: string, options: PgOptions = {}): Promise<PgStore> {
    const conn = new PgConnection(url, options);
    await conn.open();
    return new PgStore(conn, repository);
  }

  schemaVersion(): Promise<number> {
    return this.conn.transaction((c) => this.conn.version(c), true);
  }

  /** The migrations this binary knows. */
  static get latestVersion(): number {
    return PG_MIGRATIONS.length;
  }

  async repositories(): Promise<string[]> {
    const r = await this.conn
      .transaction(
        (c) =>
          c.query<{ name: string }>(
            `SELECT name FROM ${S}.repositories r WHERE EXISTS (SELECT 1 FROM ${S}.snapshots s WHERE s.repository_id = r.id) ORDER BY name COLLATE "C"`,
          ),
        true,
      )
      .catch((e: unknown) => {
        throw this.conn.fail('listing repositories', e);
      });
    return r.rows.map((x) => x.name);
  }

  forRepository(name: string): RepositoryHistory {
    return name === this.repository ? this : new PgRepositoryHistory(this.conn, name);
  }

  close(): Promise<void> {
    return this.conn.close();
  }
}
