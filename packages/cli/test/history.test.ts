import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding, ScanResult } from '@plumbline/core';
import { MIGRATIONS, REQUIRED_TABLES } from '../src/history/schema.js';
import { HistoryStore } from '../src/history/store.js';
import { findingKey } from '../src/history/records.js';
import { finding, scanResult } from './store-fixtures.js';

function result(findings: Finding[], over: Partial<ScanResult['summary']> = {}): ScanResult {
  const r = scanResult(findings, 100);
  return { ...r, summary: { ...r.summary, files: 3, debtRatio: 0.01, driftIndex: 0.25, ...over }, metrics: {} };
}

describe('history store', () => {
  let dir: string;
  let path: string;
  let warnings: string[];
  const open = () => HistoryStore.open(path, { onWarning: (m) => warnings.push(m) });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plumbline-history-'));
    path = join(dir, '.plumbline', 'history.db');
    warnings = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the file with every migration applied', () => {
    const store = open();
    expect(store.path).toBe(path);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    store.close();
    const db = new Database(path, { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).sort();
    db.close();
    expect(tables).toEqual([...REQUIRED_TABLES].sort());
    expect(warnings).toEqual([]);
  });

  it('stores a snapshot with its totals and findings, and reads it back', () => {
    const store = open();
    const fs = [
      finding(),
      finding({ fingerprint: 'f1', line: 9, endLine: 9, category: 'magic-value', ruleId: 'x-rule', effortMinutes: 5 }),
    ];
    store.addSnapshot({ analysisKey: 'k1', commit: 'c1', committedAt: 1000, source: 'trend', result: result(fs) });
    store.close();
    const again = open();
    const s = again.findSnapshot('k1', 'c1')!;
    expect(s).toMatchObject({
      commit: 'c1',
      committedAt: 1000,
      source: 'trend',
      files: 3,
      linesOfCode: 100,
      debtMinutes: 15,
      findings: 2,
      designSystemAdoption: 0.5,
      driftIndex: 0.25,
    });
    expect(s.byCategory.abstraction).toEqual({ findings: 1, debtMinutes: 10 });
    expect(s.byCategory['magic-value']).toEqual({ findings: 1, debtMinutes: 5 });
    expect(s.byRule).toEqual({
      'pass-through-function': { category: 'abstraction', findings: 1, debtMinutes: 10 },
      'x-rule': { category: 'magic-value', findings: 1, debtMinutes: 5 },
    });
    expect(again.snapshotFindings('k1', 'c1').map((f) => [f.fingerprint, f.line])).toEqual(
      expect.arrayContaining([
        ['f0', 3],
        ['f1', 9],
      ]),
    );
    expect(again.findSnapshot('other-key', 'c1')).toBeUndefined();
    again.close();
  });

  it('keeps one row per finding at one place, shared by the snapshots that have it', () => {
    const store = open();
    store.addSnapshot({ analysisKey: 'k', commit: 'c1', committedAt: 1, source: 'trend', result: result([finding()]) });
    store.addSnapshot({
      analysisKey: 'k',
      commit: 'c2',
      committedAt: 2,
      source: 'trend',
      result: result([finding(), finding(), finding({ line: 7, endLine: 7 })]),
    });
    expect(store.snapshotFindings('k', 'c2')).toHaveLength(3);
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM findings').pluck().get()).toBe(2);
    db.close();
  });

  it('stores an interval with new findings split over commits and fixed ones', () => {
    const store = open();
    const a = finding();
    const b = finding({ fingerprint: 'f2', line: 20, endLine: 22 });
    store.addSnapshot({ analysisKey: 'k', commit: 'c1', committedAt: 1, source: 'trend', result: result([a]) });
    store.addSnapshot({ analysisKey: 'k', commit: 'c2', committedAt: 2, source: 'trend', result: result([b]) });
    const key = (f: Finding) => ({ ...f, key: findingKey(f) });
    const commit = {
      authorName: 'A',
      authorEmail: 'a@x',
      authoredAt: 5,
      committedAt: 6,
      subject: 's',
      trailers: 'Co-authored-by: Copilot <x>',
    };
    store.addInterval({
      analysisKey: 'k',
      from: 'c1',
      to: 'c2',
      linesAdded: 12,
      linesDeleted: 3,
      commits: [
        { sha: 's1', ...commit, linesAdded: 10, linesDeleted: 1 },
        { sha: 's2', ...commit, linesAdded: 2, linesDeleted: 2 },
      ],
      added: [
        {
          finding: key(b),
          shares: [
            { sha: 's1', share: 2 / 3 },
            { sha: 's2', share: 1 / 3 },
          ],
        },
      ],
      fixed: [key(a)],
    });
    const iv = store.findInterval('k', 'c1', 'c2')!;
    expect(iv).toMatchObject({ from: 'c1', to: 'c2', linesAdded: 12, linesDeleted: 3 });
    expect(iv.commits).toEqual([
      { sha: 's1', linesAdded: 10, linesDeleted: 1 },
      { sha: 's2', linesAdded: 2, linesDeleted: 2 },
    ]);
    expect(iv.added).toHaveLength(1);
    expect(iv.added[0]!.finding.fingerprint).toBe('f2');
    expect(iv.added[0]!.shares.map((s) => [s.sha, +s.share.toFixed(3)])).toEqual([
      ['s1', 0.667],
      ['s2', 0.333],
    ]);
    expect(iv.fixed.map((f) => f.fingerprint)).toEqual(['f0']);
    expect(store.commitInfo('s1')).toEqual({ sha: 's1', ...commit });
    expect(store.findInterval('k', 'c2', 'c1')).toBeUndefined();
    store.close();
  });

  it('stores an interval against the snapshots stored when it is written, though another run replaced one just before', () => {
    const store = open();
    const other = open(); // a second trend run on the same file
    const a = finding();
    const b = finding({ fingerprint: 'f2', line: 20, endLine: 22 });
    store.addSnapshot({ analysisKey: 'k', commit: 'c1', committedAt: 1, source: 'trend', result: result([a]) });
    store.addSnapshot({ analysisKey: 'k', commit: 'c2', committedAt: 2, source: 'trend', result: result([b]) });
    // the other run replaces snapshot c1 (a new row id) the moment this one has read c2's id, unless this
    // one already holds the write lock then
    const internals = store as unknown as { db: { inTransaction: boolean }; snapshotId(k: string, c: string): number | undefined };
    const read = internals.snapshotId.bind(store);
    let replaced = false;
    internals.snapshotId = (k, c) => {
      const id = read(k, c);
      if (c === 'c2' && !internals.db.inTransaction && !replaced) {
        replaced = true;
        other.addSnapshot({ analysisKey: 'k', commit: 'c1', committedAt: 1, source: 'trend', result: result([a]) });
      }
      return id;
    };
    const key = (f: Finding) => ({ ...f, key: findingKey(f) });
    store.addInterval({
      analysisKey: 'k',
      from: 'c1',
      to: 'c2',
      linesAdded: 1,
      linesDeleted: 0,
      commits: [],
      added: [{ finding: key(b), shares: [{ sha: null, share: 1 }] }],
      fixed: [key(a)],
    });
    internals.snapshotId = read;
    expect(store.findInterval('k', 'c1', 'c2')?.fixed.map((f) => f.fingerprint)).toEqual(['f0']);
    other.close();
    store.close();
  });

  it('reads a snapshot, its findings and an interval whole, though another run replaces the snapshot half-way through the read', () => {
    const store = open();
    const other = open(); // a second trend run on the same file, which does not wait for the lock
    (other as unknown as { db: Database.Database }).db.pragma('busy_timeout = 0');
    const a = finding();
    const b = finding({ fingerprint: 'f2', line: 20, endLine: 22 });
    store.addSnapshot({ analysisKey: 'k', commit: 'c1', committedAt: 1, source: 'trend', result: result([a]) });
    store.addSnapshot({ analysisKey: 'k', commit: 'c2', committedAt: 2, source: 'trend', result: result([b]) });
    const key = (f: Finding) => ({ ...f, key: findingKey(f) });
    store.addInterval({
      analysisKey: 'k',
      from: 'c1',
      to: 'c2',
      linesAdded: 1,
      linesDeleted: 0,
      commits: [],
      added: [{ finding: key(b), shares: [{ sha: null, share: 1 }] }],
      fixed: [key(a)],
    });
    const whole = {
      snapshot: store.findSnapshot('k', 'c1'),
      findings: store.snapshotFindings('k', 'c1'),
      interval: store.findInterval('k', 'c1', 'c2'),
    };
    expect(whole.snapshot?.byRule).toEqual({ 'pass-through-function': { category: 'abstraction', findings: 1, debtMinutes: 10 } });

    // the other run tries to replace c1 (delete, insert: a new row id) right after this one read c1's row
    const internals = store as unknown as { toSnapshot(r: unknown): unknown; snapshotId(k: string, c: string): number | undefined };
    const { toSnapshot, snapshotId } = internals;
    const attempts: string[] = [];
    const replaceC1 = () => {
      try {
        other.addSnapshot({ analysisKey: 'k', commit: 'c1', committedAt: 1, source: 'trend', result: result([a]) });
        attempts.push('replaced');
      } catch (e) {
        attempts.push((e as { code?: string }).code ?? String(e));
      }
    };
    internals.toSnapshot = function (this: HistoryStore, r: unknown) {
      replaceC1();
      return toSnapshot.call(this, r);
    };
    internals.snapshotId = function (this: HistoryStore, k: string, c: string) {
      const id = snapshotId.call(this, k, c);
      if (c === 'c1') replaceC1();
      return id;
    };
    const seen = {
      snapshot: store.findSnapshot('k', 'c1'),
      findings: store.snapshotFindings('k', 'c1'),
      interval: store.findInterval('k', 'c1', 'c2'),
    };
    internals.toSnapshot = toSnapshot;
    internals.snapshotId = snapshotId;
    // each read holds the store until it ends: the other run's write waits (here: gives up at once)
    expect(attempts).toEqual(['SQLITE_BUSY', 'SQLITE_BUSY', 'SQLITE_BUSY']);
    expect(seen).toEqual(whole);
    // and once the reads are over, it goes through
    replaceC1();
    expect(attempts.at(-1)).toBe('replaced');
    expect(store.findSnapshot('k', 'c1')).toEqual({ ...whole.snapshot, recordedAt: expect.any(Number) });
    other.close();
    store.close();
  });

  it('writes a snapshot in one transaction: a failure half-way leaves nothing behind', () => {
    const store = open();
    store.addSnapshot({ analysisKey: 'k', commit: 'c1', committedAt: 1, source: 'trend', result: result([finding()]) });
    const bad = finding({ fingerprint: 'f9', line: 50, endLine: 50, message: null as unknown as string }); // NOT NULL violated
    expect(() =>
      store.addSnapshot({
        analysisKey: 'k',
        commit: 'c2',
        committedAt: 2,
        source: 'trend',
        result: result([finding({ fingerprint: 'f8' }), bad]),
      }),
    ).toThrow();
    expect(store.findSnapshot('k', 'c2')).toBeUndefined();
    expect(store.findSnapshot('k', 'c1')).toBeDefined();
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT COUNT(*) FROM findings WHERE fingerprint = 'f8'").pluck().get()).toBe(0);
    db.close();
  });

  it('rebuilds a damaged file with a warning, keeping the damaged one aside', () => {
    open().close();
    writeFileSync(path, Buffer.alloc(8192, 0x5a)); // not a database any more
    const store = open();
    expect(store.path).toBe(path);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/was unusable .* moved it to .*history\.db\.damaged and started a new one/);
    expect(readFileSync(`${path}.damaged`)[0]).toBe(0x5a);
    store.addSnapshot({ analysisKey: 'k', commit: 'c1', committedAt: 1, source: 'trend', result: result([]) });
    expect(store.findSnapshot('k', 'c1')).toBeDefined();
    store.close();
  });

  it('rebuilds a store written by a newer plumbline, and one missing a table', () => {
    open().close();
    let db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    open().close();
    expect(warnings[0]).toMatch(/schema version \d+, newer than/);
    db = new Database(path);
    db.exec('DROP TABLE interval_fixed');
    db.close();
    const store = open();
    expect(warnings[1]).toMatch(/tables missing: interval_fixed/);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    store.close();
  });

  it('keeps the history in memory, with a warning, when the file cannot be created', () => {
    writeFileSync(join(dir, 'blocker'), 'a file where a directory should be');
    path = join(dir, 'blocker', 'history.db');
    const store = open();
    expect(store.path).toBeNull();
    expect(warnings[0]).toMatch(/cannot be created .* memory only/);
    store.addSnapshot({ analysisKey: 'k', commit: 'c1', committedAt: 1, source: 'trend', result: result([finding()]) });
    expect(store.findSnapshot('k', 'c1')?.findings).toBe(1);
    store.close();
  });

  it('migrates an empty file left by a killed first run', () => {
    writeFileSync(join(dir, 'empty.db'), '');
    path = join(dir, 'empty.db');
    const store = open();
    expect(warnings).toEqual([]);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    store.close();
  });

  it('prunes the snapshots of analysis keys no longer used, keeping the current one', () => {
    const store = open();
    for (const [i, k] of ['k1', 'k2', 'k3', 'k4'].entries()) {
      store.addSnapshot({
        analysisKey: k,
        commit: 'c1',
        committedAt: i,
        source: 'trend',
        result: result([finding({ fingerprint: `f-${k}` })]),
      });
    }
    expect(store.prune('k1', 2)).toBe(2); // keeps k1 (current) and the most recent other key
    const counts = store.snapshotCounts();
    expect(Object.keys(counts)).toHaveLength(2);
    expect(counts.k1).toBe(1);
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM findings').pluck().get()).toBe(2);
    db.close();
    expect(existsSync(path)).toBe(true);
  });
});
