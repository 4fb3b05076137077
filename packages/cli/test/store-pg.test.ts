// The PostgreSQL store under load and faults, against a real server (skipped with one line without
// one; required in CI): 8 writer processes recording 50 repositories x 27 weekly snapshots (every
// snapshot and interval written twice, by two writers at once), a writer killed with SIGKILL in the
// middle of a write, a connection lost in the middle of a transaction. The writers run on dist/ (npm
// run build first, as the other multi-process tests do).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PgStore } from '../src/history/pg-store.js';
import { storedFinding } from '../src/history/records.js';
import { SqliteBackend } from '../src/history/sqlite-backend.js';
import { buildOrgReport } from '../src/org/build.js';
import { compileAssistantPatterns } from '../src/trend/assistants.js';
import { defaultConfig } from '@plumbline/core';
import { finding, scanResult } from './store-fixtures.js';
import { dropDatabases, freshDatabase, query, skipPg } from './store-pg.js';
// @ts-expect-error plain JavaScript shared with the writer processes
import { intervalInput, KEY, REPOS, repoName, snapshotInput, WEEKS } from './store-load-data.mjs';

const DIST = fileURLToPath(new URL('../dist', import.meta.url));
const WRITER = fileURLToPath(new URL('./store-load-writer.mjs', import.meta.url));

afterAll(async () => {
  if (!skipPg) await dropDatabases();
});

function writer(args: string[]): {
  child: ChildProcess;
  output: () => string;
  done: Promise<{ code: number | null; out: string; err: string }>;
} {
  const child = spawn(process.execPath, [WRITER, DIST, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; out: string; err: string }>((res) => child.on('exit', (code) => res({ code, out, err })));
  return { child, output: () => out, done };
}

async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Snapshots whose rows are not whole: findings or category totals missing. */
async function partialSnapshots(url: string): Promise<unknown[]> {
  return query(
    url,
    `SELECT s.id FROM plumbline.snapshots s
     WHERE s.findings <> COALESCE((SELECT SUM(n) FROM plumbline.snapshot_findings f WHERE f.snapshot_id = s.id), 0)
        OR (SELECT COUNT(*) FROM plumbline.snapshot_categories c WHERE c.snapshot_id = s.id) <> 5`,
  );
}

describe.skipIf(skipPg)('the PostgreSQL store under load', () => {
  it(
    '8 concurrent writers, 50 repositories x 27 weekly snapshots: each stored once, whole, and the organisation report equals the same data in SQLite',
    { timeout: 240_000 },
    async () => {
      const url = await freshDatabase();
      const t0 = Date.now();
      for (const phase of ['snapshots', 'intervals']) {
        const runs = Array.from({ length: 8 }, (_, w) => writer([url, phase, String(w), '8']).done);
        for (const r of await Promise.all(runs)) expect(r, r.err).toMatchObject({ code: 0 });
      }
      const seconds = (Date.now() - t0) / 1000;
      process.stderr.write(
        `store load test: ${REPOS * WEEKS} snapshots and ${REPOS * (WEEKS - 1)} intervals, each written twice by 8 writers, in ${seconds.toFixed(1)} s\n`,
      );

      const [counts] = await query<{ snapshots: number; distinct: number; intervals: number; repos: number }>(
        url,
        `SELECT (SELECT COUNT(*)::int FROM plumbline.snapshots) AS snapshots,
              (SELECT COUNT(DISTINCT (repository_id, analysis_key, commit_sha))::int FROM plumbline.snapshots) AS distinct,
              (SELECT COUNT(*)::int FROM plumbline.intervals) AS intervals,
              (SELECT COUNT(*)::int FROM plumbline.repositories) AS repos`,
      );
      expect(counts).toEqual({ snapshots: REPOS * WEEKS, distinct: REPOS * WEEKS, intervals: REPOS * (WEEKS - 1), repos: REPOS });
      expect(await partialSnapshots(url)).toEqual([]);

      // the same data, written one repository at a time into SQLite files, one per repository
      const dir = mkdtempSync(join(tmpdir(), 'plumbline-load-'));
      const sqlite: SqliteBackend[] = [];
      try {
        for (let i = 0; i < REPOS; i++) {
          const s = SqliteBackend.open(join(dir, `${i}.db`), repoName(i));
          sqlite.push(s);
          for (let j = 0; j < WEEKS; j++) await s.addSnapshot(snapshotInput(i, j));
          for (let j = 1; j < WEEKS; j++) await s.addInterval(intervalInput(i, j, (f: never) => storedFinding(f)));
        }
        const pgStore = await PgStore.open(url, repoName(0), { migrate: false });
        try {
          const options = { since: '26w', assistantPatterns: compileAssistantPatterns(defaultConfig()), generatedAt: new Date(0) };
          const names = await pgStore.repositories();
          expect(names).toHaveLength(REPOS);
          const fromPg = await buildOrgReport(
            'store',
            names.map((n) => pgStore.forRepository(n)),
            options,
          );
          const fromSqlite = await buildOrgReport('store', sqlite, options);
          expect(fromPg).toEqual(fromSqlite);
          expect(fromPg.repositories).toHaveLength(REPOS);
          expect(fromPg.weeks.length).toBeGreaterThanOrEqual(26);
          expect(fromPg.totals.assistantDebtShare).toBeGreaterThan(0);
          // and every snapshot reads back as SQLite has it (recordedAt aside)
          for (const i of [0, 17, 49]) {
            const strip = (xs: Array<{ recordedAt: number }>) => xs.map(({ recordedAt: _r, ...x }) => x);
            expect(strip(await pgStore.forRepository(repoName(i)).snapshotsSince(0, KEY))).toEqual(
              strip(await sqlite[i]!.snapshotsSince(0, KEY)),
            );
          }
        } finally {
          await pgStore.close();
        }
      } finally {
        for (const s of sqlite) await s.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

/**
 * Holds the repository's advisory lock (repository 1 of a fresh database) so that a write waits inside its
 * transaction, runs `start` (which begins the write), terminates the waiting backend, then lets go.
 */
async function terminateMidWrite<T>(
  url: string,
  start: () => T,
  after: (write: T) => Promise<void> = async () => undefined,
): Promise<{ write: T }> {
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  try {
    await holder.query('SELECT pg_advisory_lock($1, 1)', [0x706c72]);
    const write = start();
    const [victim] = await until('the write to wait for the lock', async () => {
      const r = await query<{ pid: number }>(
        url,
        `SELECT pid FROM pg_stat_activity WHERE application_name = 'plumbline' AND wait_event_type = 'Lock'`,
      );
      return r.length ? r : undefined;
    });
    await query(url, 'SELECT pg_terminate_backend($1)', [victim!.pid]);
    await after(write);
    await holder.query('SELECT pg_advisory_unlock($1, 1)', [0x706c72]);
    return { write }; // wrapped: a rejected write is the caller's to await
  } finally {
    await holder.end();
  }
}

describe.skipIf(skipPg)('the PostgreSQL store and failures', () => {
  it('a writer killed with SIGKILL in the middle of a write leaves no partial snapshot', { timeout: 120_000 }, async () => {
    const url = await freshDatabase();
    await (await PgStore.open(url, 'github.com/load/big', { migrate: true })).close(); // the schema first: kill only snapshot writes
    for (const delay of [0, 150, 400]) {
      const w = writer([url, 'big', '0', '1']);
      await until(
        'the writer',
        async () =>
          w.child.exitCode === null &&
          w.output().includes('ready') &&
          (
            await query(
              url,
              `SELECT 1 FROM pg_stat_activity WHERE application_name = 'plumbline' AND xact_start IS NOT NULL AND datname = current_database()`,
            )
          ).length > 0,
      );
      await new Promise((r) => setTimeout(r, delay));
      w.child.kill('SIGKILL');
      await w.done;
      // the server notices the closed socket and rolls the transaction back
      await until(
        'the killed backend to end',
        async () =>
          (await query(url, `SELECT 1 FROM pg_stat_activity WHERE application_name = 'plumbline' AND datname = current_database()`))
            .length === 0,
      );
      expect(await partialSnapshots(url)).toEqual([]);
      const rows = await query<{ findings: number }>(url, 'SELECT findings FROM plumbline.snapshots');
      expect(rows.length).toBeLessThanOrEqual(1);
      for (const r of rows) expect(r.findings).toBe(40_000);
    }
  });

  it(
    'a connection lost in the middle of a transaction: rolled back, retried on a new connection, stored once',
    { timeout: 60_000 },
    async () => {
      const url = await freshDatabase();
      const warnings: string[] = [];
      const store = await PgStore.open(url, 'github.com/acme/web', { migrate: true, onWarning: (m) => warnings.push(m) });
      try {
        await store.addSnapshot({ analysisKey: 'k', commit: 'c0', committedAt: 1, source: 'trend', result: scanResult([]) });
        const { write } = await terminateMidWrite(url, () =>
          store.addSnapshot({
            analysisKey: 'k',
            commit: 'c1',
            committedAt: 2,
            source: 'trend',
            result: scanResult([finding(), finding({ line: 8 })]),
          }),
        );
        const stored = await write;
        expect(stored.findings).toBe(2);
        expect(warnings.join('\n')).toMatch(/retrying \(attempt 2 of 3\)/);
        expect(await query(url, `SELECT commit_sha FROM plumbline.snapshots ORDER BY commit_sha`)).toEqual([
          { commit_sha: 'c0' },
          { commit_sha: 'c1' },
        ]);
        expect(await partialSnapshots(url)).toEqual([]);
      } finally {
        await store.close();
      }
    },
  );

  it(
    'a connection lost on the last attempt is reported, naming the store, and nothing of the write is kept',
    { timeout: 60_000 },
    async () => {
      const url = await freshDatabase();
      const store = await PgStore.open(url.replace('postgres://plumbline@', 'postgres://plumbline:hunter2@'), 'github.com/acme/web', {
        migrate: true,
        attempts: 1,
      });
      try {
        await store.addSnapshot({ analysisKey: 'k', commit: 'c0', committedAt: 1, source: 'trend', result: scanResult([]) });
        // the rejection is awaited while the lock is still held: no retry could have got through
        let outcome: Promise<Error | null> | undefined;
        await terminateMidWrite(
          url,
          () => {
            const write = store.addSnapshot({
              analysisKey: 'k',
              commit: 'c1',
              committedAt: 2,
              source: 'trend',
              result: scanResult([finding()]),
            });
            outcome = write.then(
              () => null,
              (e: Error) => e,
            );
            return outcome;
          },
          async () => {
            const e = await outcome;
            expect(e?.message).toMatch(/^history store postgres:\/\/plumbline:\*\*\*@\/plumbline_t.*: writing a snapshot failed: /);
            expect(e?.message).not.toContain('hunter2');
          },
        );
        expect(await query(url, `SELECT commit_sha FROM plumbline.snapshots`)).toEqual([{ commit_sha: 'c0' }]);
      } finally {
        await store.close();
      }
    },
  );

  it('two writers recording the same commit at once leave one snapshot, whole', async () => {
    const url = await freshDatabase();
    const a = await PgStore.open(url, 'github.com/acme/web', { migrate: true });
    const b = await PgStore.open(url, 'github.com/acme/web', { migrate: true });
    try {
      const many = (n: number) => scanResult(Array.from({ length: n }, (_, k) => finding({ fingerprint: `f${k}`, line: k })));
      await Promise.all([
        ...Array.from({ length: 5 }, () =>
          a.addSnapshot({ analysisKey: 'k', commit: 'c', committedAt: 1, source: 'trend', result: many(300) }),
        ),
        ...Array.from({ length: 5 }, () =>
          b.addSnapshot({ analysisKey: 'k', commit: 'c', committedAt: 1, source: 'scan', result: many(200) }),
        ),
      ]);
      const rows = await query<{ findings: number }>(url, 'SELECT findings FROM plumbline.snapshots');
      expect(rows).toHaveLength(1);
      expect([200, 300]).toContain(rows[0]!.findings);
      expect(await partialSnapshots(url)).toEqual([]);
      const [{ n }] = await query<{ n: number }>(url, 'SELECT COUNT(*)::int AS n FROM plumbline.findings');
      expect(n).toBe(300); // each finding once, shared by the snapshots that have it
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe.skipIf(skipPg)('the PostgreSQL store and the rating calibration (migration 3)', () => {
  it('keeps the calibration version and the rated density of a snapshot, and null for one stored without', async () => {
    const url = await freshDatabase();
    const store = await PgStore.open(url, 'github.com/acme/rated', { migrate: true });
    try {
      const rated = await store.addSnapshot(snapshotInput(0, 0));
      expect(rated.calibration).toBe('load.1');
      expect(rated.ratedDensity).toBe(snapshotInput(0, 0).result.summary.rated.density);
      const old = await store.addSnapshot(snapshotInput(4, 1)); // repository 4 of the data has no rated debt
      expect(old).toMatchObject({ calibration: null, ratedDensity: null });
      expect((await store.findSnapshot(KEY, snapshotInput(0, 0).commit))!.ratedDensity).toBe(rated.ratedDensity);
    } finally {
      await store.close();
    }
  });
});
