// The store interface's cases, run against both implementations: the embedded SQLite file and a real
// PostgreSQL database (no mock; skipped with one line when no server is reachable, required in CI).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { HistoryBackend } from '../src/history/backend.js';
import { importHistory } from '../src/history/import.js';
import { PgStore } from '../src/history/pg-store.js';
import { HistoryStore } from '../src/history/store.js';
import { toSnapshotWrite } from '../src/history/records.js';
import type { CommitInfo, IntervalCommit, StoredFinding } from '../src/history/records.js';
import { SqliteBackend } from '../src/history/sqlite-backend.js';
import { finding, scanResult } from './store-fixtures.js';
import { dropDatabases, freshDatabase, query, skipPg } from './store-pg.js';

const dirs: string[] = [];
const opened: HistoryBackend[] = [];

const backends: Array<{ name: string; skip: boolean; open: (repository: string) => Promise<HistoryBackend> }> = [
  {
    name: 'SQLite',
    skip: false,
    open: async (repository) => {
      const dir = mkdtempSync(join(tmpdir(), 'plumbline-store-'));
      dirs.push(dir);
      return SqliteBackend.open(join(dir, 'history.db'), repository);
    },
  },
  { name: 'PostgreSQL', skip: skipPg, open: async (repository) => PgStore.open(await freshDatabase(), repository, { migrate: true }) },
];

afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
afterAll(async () => {
  if (!skipPg) await dropDatabases();
});

const commit = (sha: string, over: Partial<CommitInfo> = {}): CommitInfo & IntervalCommit => ({
  sha,
  authorName: 'Ann',
  authorEmail: 'ann@example.com',
  authoredAt: 1000,
  committedAt: 1000,
  subject: 'a change',
  trailers: '',
  linesAdded: 10,
  linesDeleted: 2,
  ...over,
});

describe.each(backends)('the $name store', ({ skip, open: openStore }) => {
  const open = async (repository = 'github.com/acme/web') => {
    const s = await openStore(repository);
    opened.push(s);
    return s;
  };

  it.skipIf(skip)('stores a snapshot with its totals and findings, and reads it back', async () => {
    const s = await open();
    const a = finding({ fingerprint: 'a' });
    const b = finding({ fingerprint: 'b', ruleId: 'magic-color', category: 'magic-value', effortMinutes: 5, line: 9 });
    const stored = await s.addSnapshot({
      analysisKey: 'k1',
      commit: 'c1',
      committedAt: 100,
      source: 'trend',
      result: scanResult([a, a, b]),
    });
    expect(stored).toMatchObject({ commit: 'c1', committedAt: 100, findings: 3, debtMinutes: 25, source: 'trend' });
    expect(stored.byRule).toEqual({
      'pass-through-function': { category: 'abstraction', findings: 2, debtMinutes: 20 },
      'magic-color': { category: 'magic-value', findings: 1, debtMinutes: 5 },
    });
    expect(stored.byCategory.abstraction).toEqual({ findings: 2, debtMinutes: 20 });
    expect(stored.duplicatedLinesRatio).toBeNull(); // copied-code did not run
    const measured = scanResult([a]);
    measured.summary.duplicatedLinesRatio = 0.125;
    expect(
      (await s.addSnapshot({ analysisKey: 'k1', commit: 'c2', committedAt: 200, source: 'scan', result: measured })).duplicatedLinesRatio,
    ).toBe(0.125);
    expect(await s.findSnapshot('k1', 'c1')).toEqual(stored);
    expect(await s.findSnapshot('k2', 'c1')).toBeUndefined();
    const findings = await s.snapshotFindings('k1', 'c1');
    expect(findings.map((f) => f.fingerprint).sort()).toEqual(['a', 'a', 'b']);
    expect(await s.snapshotFindings('k1', 'nope')).toEqual([]);
  });

  it.skipIf(skip)('replaces the snapshot of a commit recorded twice: one snapshot, the last one', async () => {
    const s = await open();
    await s.addSnapshot({ analysisKey: 'k', commit: 'c1', committedAt: 100, source: 'trend', result: scanResult([finding()]) });
    await s.addSnapshot({
      analysisKey: 'k',
      commit: 'c1',
      committedAt: 100,
      source: 'scan',
      result: scanResult([finding(), finding({ line: 7 })]),
    });
    const all = await s.snapshotsSince(0);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ source: 'scan', findings: 2 });
    expect(await s.snapshotFindings('k', 'c1')).toHaveLength(2);
  });

  it.skipIf(skip)('stores an interval with new findings split over commits and fixed ones, and the commits', async () => {
    const s = await open();
    const old = finding({ fingerprint: 'old' });
    const fresh = finding({ fingerprint: 'new', line: 20 });
    await s.addSnapshot({ analysisKey: 'k', commit: 'c1', committedAt: 100, source: 'trend', result: scanResult([old]) });
    await s.addSnapshot({ analysisKey: 'k', commit: 'c2', committedAt: 200, source: 'trend', result: scanResult([fresh, fresh]) });
    const [f1] = await s.snapshotFindings('k', 'c2');
    const [f0] = await s.snapshotFindings('k', 'c1');
    await s.addInterval({
      analysisKey: 'k',
      from: 'c1',
      to: 'c2',
      linesAdded: 30,
      linesDeleted: 4,
      commits: [commit('x1', { trailers: 'Co-authored-by: Claude <noreply@anthropic.com>' }), commit('x2', { authorName: 'Bo' })],
      added: [
        {
          finding: f1!,
          shares: [
            { sha: 'x1', share: 0.75 },
            { sha: 'x2', share: 0.25 },
          ],
        },
        { finding: f1!, shares: [{ sha: null, share: 1 }] },
      ],
      fixed: [f0!],
    });
    const iv = await s.findInterval('k', 'c1', 'c2');
    expect(iv).toMatchObject({ from: 'c1', to: 'c2', linesAdded: 30, linesDeleted: 4 });
    expect(iv!.commits.map((c) => c.sha)).toEqual(['x1', 'x2']);
    expect(iv!.fixed.map((f) => f.fingerprint)).toEqual(['old']);
    const shares = iv!.added.flatMap((a) => a.shares).reduce((n, x) => n + x.share, 0);
    expect(iv!.added).toHaveLength(2);
    expect(shares).toBeCloseTo(2);
    expect(await s.commitInfo('x1')).toMatchObject({ authorName: 'Ann', trailers: 'Co-authored-by: Claude <noreply@anthropic.com>' });
    expect(await s.listIntervals()).toEqual([{ analysisKey: 'k', from: 'c1', to: 'c2' }]);
    expect(await s.findInterval('k', 'c2', 'c1')).toBeUndefined();
  });

  it.skipIf(skip)('refuses an interval whose snapshots are not stored, and writes nothing of it', async () => {
    const s = await open();
    await s.addSnapshot({ analysisKey: 'k', commit: 'c1', committedAt: 100, source: 'trend', result: scanResult([]) });
    await expect(
      s.addInterval({
        analysisKey: 'k',
        from: 'c1',
        to: 'c9',
        linesAdded: 1,
        linesDeleted: 0,
        commits: [commit('x')],
        added: [],
        fixed: [],
      }),
    ).rejects.toThrow(/snapshots not stored/);
    expect(await s.commitInfo('x')).toBeUndefined();
  });

  it.skipIf(skip)('reads the snapshots since a date, oldest first, of one analysis key or all', async () => {
    const s = await open();
    for (const [sha, t, key] of [
      ['c3', 300, 'k'],
      ['c1', 100, 'k'],
      ['c2', 200, 'k'],
      ['c2', 200, 'other'],
    ] as const)
      await s.addSnapshot({ analysisKey: key, commit: sha, committedAt: t, source: 'trend', result: scanResult([]) });
    expect((await s.snapshotsSince(150, 'k')).map((x) => x.commit)).toEqual(['c2', 'c3']);
    expect((await s.snapshotsSince(0)).map((x) => `${x.analysisKey}:${x.commit}`)).toEqual(['k:c1', 'k:c2', 'other:c2', 'k:c3']);
    expect(await s.latestAnalysisKey()).toBe('other');
  });

  it.skipIf(skip)('keeps a snapshot as it is on putSnapshot (import): recordedAt and all', async () => {
    const s = await open();
    const write = toSnapshotWrite(
      { analysisKey: 'k', commit: 'c1', committedAt: 50, source: 'scan', result: scanResult([finding()]) },
      12345,
    );
    const back = await s.putSnapshot(write);
    expect(back).toEqual(write.record);
    expect(back.recordedAt).toBe(12345);
  });

  it.skipIf(skip)('prunes the analysis keys no longer used, keeping the current one', async () => {
    const s = await open();
    for (const [i, key] of ['k1', 'k2', 'k3', 'k4'].entries())
      await s.putSnapshot(
        toSnapshotWrite(
          { analysisKey: key, commit: 'c', committedAt: 1, source: 'trend', result: scanResult([finding({ fingerprint: key })]) },
          100 + i,
        ),
      );
    expect(await s.prune('k1', 2)).toBe(2);
    expect((await s.snapshotsSince(0)).map((x) => x.analysisKey).sort()).toEqual(['k1', 'k4']);
    const kept: StoredFinding[] = await s.snapshotFindings('k4', 'c');
    expect(kept.map((f) => f.fingerprint)).toEqual(['k4']);
  });

  it.skipIf(skip)('names its repositories', async () => {
    const s = await open('github.com/acme/web');
    expect(await s.repositories()).toEqual([]);
    await s.addSnapshot({ analysisKey: 'k', commit: 'c', committedAt: 1, source: 'trend', result: scanResult([]) });
    expect(await s.repositories()).toEqual(['github.com/acme/web']);
    expect(s.forRepository('github.com/acme/web')).toBe(s);
  });
});

describe.skipIf(skipPg)('the PostgreSQL schema migrations', () => {
  it('a store of an older schema is refused by a reader (run store migrate) and upgraded by a writer, its snapshots kept', async () => {
    const url = await freshDatabase();
    const s = await PgStore.open(url, 'github.com/acme/web', { migrate: true });
    await s.addSnapshot({ analysisKey: 'k', commit: 'c', committedAt: 1, source: 'trend', result: scanResult([finding()]) });
    await s.close();
    // back to version 1, as a plumbline before the duplicated-lines ratio (2) and the rating's calibration (3) left it
    await query(url, `ALTER TABLE plumbline.snapshots DROP COLUMN duplicated_lines_ratio`);
    await query(url, `ALTER TABLE plumbline.snapshots DROP COLUMN calibration`);
    await query(url, `ALTER TABLE plumbline.snapshots DROP COLUMN rated_density`);
    await query(url, `UPDATE plumbline.meta SET value = '1' WHERE key = 'schema_version'`);
    await expect(PgStore.open(url, 'github.com/acme/web', { migrate: false })).rejects.toThrow(
      /has schema version 1, this plumbline needs 3: run `plumbline store migrate/,
    );
    const up = await PgStore.open(url, 'github.com/acme/web', { migrate: true });
    try {
      expect(await up.schemaVersion()).toBe(3);
      expect(await up.findSnapshot('k', 'c')).toMatchObject({ findings: 1, duplicatedLinesRatio: null });
      expect(await query(url, `SELECT key, value FROM plumbline.meta WHERE key LIKE 'migrated-to-%' ORDER BY key`)).toHaveLength(3);
    } finally {
      await up.close();
    }
  });
});

describe.skipIf(skipPg)('store import', () => {
  it('copies a SQLite file of an older schema without touching it: every snapshot, interval and commit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plumbline-import-'));
    dirs.push(dir);
    const path = join(dir, 'history.db');
    const sqlite = SqliteBackend.open(path, 'github.com/acme/web');
    const f = finding();
    await sqlite.addSnapshot({ analysisKey: 'k', commit: 'c1', committedAt: 100, source: 'trend', result: scanResult([]) });
    await sqlite.addSnapshot({ analysisKey: 'k', commit: 'c2', committedAt: 200, source: 'trend', result: scanResult([f]) });
    const [stored] = await sqlite.snapshotFindings('k', 'c2');
    await sqlite.addInterval({
      analysisKey: 'k',
      from: 'c1',
      to: 'c2',
      linesAdded: 5,
      linesDeleted: 0,
      commits: [commit('x1')],
      added: [{ finding: stored!, shares: [{ sha: 'x1', share: 1 }] }],
      fixed: [],
    });
    await sqlite.close();
    // as a plumbline of schema 1 left it
    const raw = new Database(path);
    raw.exec('ALTER TABLE snapshots DROP COLUMN duplicated_lines_ratio');
    raw.exec('ALTER TABLE snapshots DROP COLUMN calibration');
    raw.exec('ALTER TABLE snapshots DROP COLUMN rated_density');
    raw.pragma('user_version = 1');
    raw.close();
    const before = readFileSync(path);

    const source = HistoryStore.openReadOnly(path);
    const target = await PgStore.open(await freshDatabase(), 'github.com/acme/web', { migrate: true });
    opened.push(target);
    try {
      expect(await importHistory(source, target)).toEqual({ snapshots: 2, intervals: 1, missing: [] });
      const iv = await target.findInterval('k', 'c1', 'c2');
      expect(iv!.added.map((a) => a.finding.fingerprint)).toEqual(['f0']);
      expect(await target.commitInfo('x1')).toMatchObject({ authorName: 'Ann' });
      expect((await target.snapshotsSince(0)).map((x) => x.recordedAt)).toEqual(source.listSnapshots().map((x) => x.recordedAt));
    } finally {
      source.close();
    }
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});

describe.skipIf(skipPg)('the PostgreSQL store holds many repositories apart', () => {
  it('the same commit and analysis key in two repositories are two snapshots; each reads its own', async () => {
    const url = await freshDatabase();
    const web = await PgStore.open(url, 'github.com/acme/web', { migrate: true });
    const api = await PgStore.open(url, 'github.com/acme/api', { migrate: true });
    try {
      await web.addSnapshot({ analysisKey: 'k', commit: 'c', committedAt: 1, source: 'trend', result: scanResult([finding()]) });
      await api.addSnapshot({
        analysisKey: 'k',
        commit: 'c',
        committedAt: 1,
        source: 'trend',
        result: scanResult([finding(), finding({ line: 5 })]),
      });
      expect((await web.findSnapshot('k', 'c'))!.findings).toBe(1);
      expect((await api.findSnapshot('k', 'c'))!.findings).toBe(2);
      expect(await web.repositories()).toEqual(['github.com/acme/api', 'github.com/acme/web']);
      expect((await web.forRepository('github.com/acme/api').snapshotFindings('k', 'c')).length).toBe(2);
      expect(await web.prune('other', 1)).toBe(1);
      expect(await api.findSnapshot('k', 'c')).toBeDefined();
    } finally {
      await web.close();
      await api.close();
    }
  });
});
