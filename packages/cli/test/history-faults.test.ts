// Faults of the history store (issue 10): a corrupt history.db, a locked one, two trend runs at once, and
// runs killed with SIGKILL in the middle of writing. Afterwards the store passes SQLite's integrity
// check, nothing stored before is lost or duplicated, and a corrupt store is rebuilt from git with a
// warning; the report is always the one an undisturbed run gives.
//
// The concurrent and killed runs are child processes of the built CLI (npm test builds first).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/history/schema.js';
import { HistoryStore } from '../src/history/store.js';
import { trend } from '../src/trend/index.js';
import type { TrendOutput } from '../src/trend/index.js';
import { buildSixWeeks } from './trend-repo.js';
import type { SixWeeks } from './trend-repo.js';

const REPO = join(import.meta.dirname, '../../..');
const CLI = join(REPO, 'packages/cli/bin/plumbline.js');
const STORE_JS = join(REPO, 'packages/cli/dist/history/store.js');
const GENERATED_AT = new Date('2024-02-07T00:00:00Z');
const OPTIONS = { since: '2024-01-01', every: 'day', generatedAt: GENERATED_AT } as const;

let fx: SixWeeks;
let reference: TrendOutput;
/** A store written by an undisturbed run in this process, copied into each case. */
let goodStore: string;
/**
 * The same written by the built CLI. Its snapshots sit under another analysis key (the analyzer's code is
 * part of the key, and the build differs from the sources vitest runs), so CLI runs are compared with it.
 */
let cliStore: string;

/** What the store holds, to compare before and after a fault, and whether it is consistent. */
function storeState(path: string) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    const foreignKeys = db.pragma('foreign_key_check') as unknown[];
    const snapshots = db
      .prepare(
        'SELECT analysis_key, commit_sha, recorded_at, source, debt_minutes, findings FROM snapshots ORDER BY commit_sha, analysis_key',
      )
      .all();
    const intervals = db
      .prepare(
        `SELECT a.commit_sha AS from_sha, b.commit_sha AS to_sha, i.lines_added, i.lines_deleted FROM intervals i
      JOIN snapshots a ON a.id = i.from_snapshot JOIN snapshots b ON b.id = i.to_snapshot ORDER BY from_sha, to_sha`,
      )
      .all();
    const counted = db
      .prepare(
        `SELECT s.commit_sha, s.findings, COALESCE(SUM(sf.n), 0) AS stored FROM snapshots s
      LEFT JOIN snapshot_findings sf ON sf.snapshot_id = s.id GROUP BY s.id`,
      )
      .all() as Array<{ findings: number; stored: number }>;
    const duplicates = db
      .prepare('SELECT analysis_key, commit_sha, COUNT(*) AS n FROM snapshots GROUP BY analysis_key, commit_sha HAVING n > 1')
      .all();
    const findings = db.prepare('SELECT COUNT(*) FROM findings').pluck().get() as number;
    return {
      integrity,
      foreignKeys,
      snapshots,
      intervals,
      duplicates,
      findings,
      countsAgree: counted.every((c) => c.findings === c.stored),
    };
  } finally {
    db.close();
  }
}

function expectConsistent(path: string) {
  const s = storeState(path);
  expect(s.integrity).toBe('ok');
  expect(s.foreignKeys).toEqual([]);
  expect(s.duplicates).toEqual([]);
  expect(s.countsAgree).toBe(true);
  return s;
}

/** A fresh copy of the repository's store directory with the given store file (or none). */
function withStore(bytes: Buffer | null): string {
  const path = join(fx.repo.dir, '.plumbline/history.db');
  for (const p of [path, `${path}-journal`, `${path}.damaged`]) rmSync(p, { force: true });
  if (bytes) writeFileSync(path, bytes);
  return path;
}

/** Runs trend in this process; warnings about the history store (not the window notes) go to `warnings`. */
async function runTrend(warnings: string[] = []) {
  return trend({ root: fx.repo.dir, ...OPTIONS, onWarning: (m) => (/^history store/.test(m) ? warnings.push(m) : undefined) });
}

function child(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { proc: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const proc = spawn(process.execPath, args, { cwd: fx.repo.dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    proc.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { proc, done };
}

const waitFor = (cond: () => boolean, ms = 20_000) =>
  new Promise<void>((resolve, reject) => {
    const t0 = Date.now();
    const tick = () => (cond() ? resolve() : Date.now() - t0 > ms ? reject(new Error('timed out')) : setTimeout(tick, 5));
    tick();
  });

beforeAll(async () => {
  expect(existsSync(CLI) && existsSync(STORE_JS), 'run `npm run build` first: these tests start the built CLI').toBe(true);
  fx = buildSixWeeks();
  reference = await runTrend();
  goodStore = join(mkdtempSync(join(tmpdir(), 'plumbline-history-good-')), 'history.db');
  copyFileSync(reference.storePath!, goodStore);
  expect(reference.stats.snapshotsComputed).toBe(6);
  const path = withStore(null);
  const cli = await child([CLI, 'trend', '.', '--since', '2024-01-01', '--every', 'day', '--format', 'json']).done;
  expect(cli.code, cli.stderr).toBe(0);
  expect(strip(cli.stdout)).toEqual(strip(JSON.stringify(reference.report)));
  cliStore = join(dirname(goodStore), 'cli-history.db');
  copyFileSync(path, cliStore);
}, 120_000);

/** The report without the time it was made. */
function strip(text: string): unknown {
  const r = JSON.parse(text) as { generatedAt?: string };
  delete r.generatedAt;
  return r;
}

/** What a CLI trend run says it computed and read from the store. */
function cliStats(stdout: string) {
  const m =
    /(\d+) snapshots \((\d+) computed, (\d+) from the history store\), (\d+) periods compared \((\d+) computed, (\d+) stored\)/.exec(
      stdout,
    );
  expect(m, stdout).not.toBeNull();
  const [snapshots, snapshotsComputed, snapshotsStored, intervals, intervalsComputed, intervalsStored] = m!.slice(1).map(Number);
  return { snapshots, snapshotsComputed, snapshotsStored, intervals, intervalsComputed, intervalsStored };
}
afterAll(() => fx.repo.cleanup());

describe('a corrupt history.db is moved aside and rebuilt from git, with a warning', () => {
  const cases: Record<string, () => Buffer> = {
    'random bytes': () => Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919 + 13) % 256)),
    'a store cut off half-way': () => readFileSync(goodStore).subarray(0, Math.floor(statSync(goodStore).size / 2)),
    'a store with pages overwritten': () => {
      const b = Buffer.from(readFileSync(goodStore));
      b.fill(0xa5, 4096, Math.min(b.length, 4096 * 3));
      return b;
    },
    'a store written by a newer plumbline': () => {
      const dir = mkdtempSync(join(tmpdir(), 'plumbline-history-newer-'));
      copyFileSync(goodStore, join(dir, 'h.db'));
      const db = new Database(join(dir, 'h.db'));
      db.pragma('user_version = 99');
      db.close();
      return readFileSync(join(dir, 'h.db'));
    },
  };
  for (const [name, make] of Object.entries(cases)) {
    it(name, async () => {
      const bytes = make();
      const path = withStore(bytes);
      const warnings: string[] = [];
      const out = await runTrend(warnings);
      expect(warnings, warnings.join('\n')).toEqual([
        expect.stringMatching(
          /^history store .*history\.db was unusable \([\s\S]+\); moved it to .*history\.db\.damaged and started a new one, rebuilt from git$/,
        ),
      ]);
      expect(readFileSync(`${path}.damaged`).equals(bytes)).toBe(true); // kept for a post-mortem, byte for byte
      expect(out.report).toEqual(reference.report);
      expect(out.stats).toMatchObject({ snapshotsComputed: 6, snapshotsStored: 0 });
      const s = expectConsistent(path);
      expect(s.snapshots).toHaveLength(6);
      expect((await runTrend()).stats).toMatchObject({ snapshotsComputed: 0, intervalsComputed: 0 });
    });
  }

  it('an empty file is a new store: no warning, everything computed and stored', async () => {
    const path = withStore(Buffer.alloc(0));
    const warnings: string[] = [];
    const out = await runTrend(warnings);
    expect(warnings).toEqual([]);
    expect(out.report).toEqual(reference.report);
    expect(expectConsistent(path).snapshots).toHaveLength(6);
  });
});

describe('a locked history.db', () => {
  it('locked for a moment by another process: the run waits, then stores everything', async () => {
    const path = withStore(null);
    copyFileSync(goodStore, path);
    const before = storeState(path);
    const holder = child([
      '-e',
      `
      const Database = require(${JSON.stringify(join(REPO, 'node_modules/better-sqlite3'))});
      const db = new Database(${JSON.stringify(path)});
      db.exec('BEGIN EXCLUSIVE');
      process.stdout.write('locked\\n');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, 1500);
    `,
    ]);
    await waitFor(() => holder.proc.stdout!.readableLength > 0 || holder.proc.exitCode !== null);
    await new Promise((r) => setTimeout(r, 50));
    const warnings: string[] = [];
    const out = await runTrend(warnings);
    await holder.done;
    expect(warnings).toEqual([]);
    expect(out.stats).toMatchObject({ snapshotsStored: 6, snapshotsComputed: 0 });
    expect(out.report).toEqual(reference.report);
    expect(storeState(path)).toEqual(before);
  });

  it('locked for the whole run (past the busy timeout): the store is left untouched, the run reports from memory with a warning (regression: it was moved aside as damaged)', async () => {
    const path = withStore(null);
    copyFileSync(goodStore, path);
    const bytes = readFileSync(path);
    const holder = new Database(path);
    holder.exec('BEGIN EXCLUSIVE');
    const warnings: string[] = [];
    let out: TrendOutput;
    try {
      out = await runTrend(warnings);
    } finally {
      holder.exec('COMMIT');
      holder.close();
    }
    expect(warnings).toEqual([
      `history store ${path} cannot be used now (database is locked); it is left as it is, and this run keeps its history in memory only`,
    ]);
    expect(out.storePath).toBeNull();
    expect(out.report).toEqual(reference.report);
    expect(existsSync(`${path}.damaged`)).toBe(false);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect((await runTrend()).stats).toMatchObject({ snapshotsComputed: 0, snapshotsStored: 6 });
  }, 60_000);
});

describe('two trend runs at once', () => {
  it('both succeed with the full report; the store holds each snapshot and interval once', async () => {
    const path = withStore(null);
    const args = [CLI, 'trend', '.', '--since', '2024-01-01', '--every', 'day', '--format', 'json'];
    const results = await Promise.all([child(args).done, child(args).done]);
    const expected = strip(JSON.stringify(reference.report));
    for (const r of results) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr, r.stderr).not.toMatch(/unusable|cannot be used|not stored/);
      expect(strip(r.stdout)).toEqual(expected);
    }
    const s = expectConsistent(path);
    expect(s.snapshots).toHaveLength(6);
    expect(s.intervals).toHaveLength(5);
    const again = await child([CLI, 'trend', '.', '--since', '2024-01-01', '--every', 'day']).done;
    expect(cliStats(again.stdout)).toEqual({
      snapshots: 6,
      snapshotsComputed: 0,
      snapshotsStored: 6,
      intervals: 5,
      intervalsComputed: 0,
      intervalsStored: 5,
    });
  }, 120_000);
});

describe('a store created by another process while this one opens it', () => {
  it('is used as it is: the schema version is read again under the write lock, so nothing is created twice', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'plumbline-history-race-')), 'history.db');
    // this process creates the schema in a transaction it holds open: another process that opens the
    // store now reads version 0 (nothing committed), then waits for the write lock
    const db = new Database(path);
    db.exec('BEGIN IMMEDIATE');
    for (const m of MIGRATIONS) db.exec(m);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
    const opener = child([
      '--input-type=module',
      '-e',
      `
      import { HistoryStore } from ${JSON.stringify(`file://${STORE_JS}`)};
      const warnings = [];
      const store = HistoryStore.open(${JSON.stringify(path)}, { onWarning: (m) => warnings.push(m) });
      console.log(JSON.stringify({ path: store.path, version: store.schemaVersion, warnings }));
      store.close();`,
    ]);
    await new Promise((r) => setTimeout(r, 2000)); // the other process has read the version and waits
    db.exec('COMMIT');
    db.close();
    const r = await opener.done;
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { path: string | null; version: number; warnings: string[] };
    expect(out.warnings, r.stdout).toEqual([]);
    expect(out).toMatchObject({ path, version: MIGRATIONS.length });
    rmSync(dirname(path), { recursive: true, force: true });
  }, 30_000);
});

describe('a run killed with SIGKILL in the middle of writing', () => {
  it('a snapshot write killed half-way leaves the store exactly as it was (the hot journal is rolled back)', async () => {
    const path = withStore(null);
    copyFileSync(goodStore, path);
    const before = storeState(path);
    // one snapshot with 300,000 findings: a transaction that takes long enough to be killed inside
    const writer = child([
      '--input-type=module',
      '-e',
      `
      import { writeSync } from 'node:fs';
      import { HistoryStore } from ${JSON.stringify(`file://${STORE_JS}`)};
      const store = HistoryStore.open(${JSON.stringify(path)});
      const cats = { duplication: 0, 'magic-value': 0, abstraction: 0, drift: 0, 'design-system': 0 };
      const byCategory = Object.fromEntries(Object.keys(cats).map((c) => [c, { findings: 0, debtMinutes: 0 }]));
      const findings = Array.from({ length: 300000 }, (_, i) => ({ ruleId: 'pass-through-function', category: 'abstraction', severity: 'warning',
        message: 'm' + i, file: 'src/f' + (i % 997) + '.ts', line: i + 1, column: 1, endLine: i + 1, endColumn: 2, effortMinutes: 10, fingerprint: (i * 2654435761 % 4294967296).toString(16), related: [] }));
      const result = { schemaVersion: 1, tool: { name: 'plumbline', version: 'x' }, root: '.', commit: 'f'.repeat(40), findings, errors: [], skipped: [], metrics: {},
        summary: { files: 1, linesOfCode: 1, debtMinutes: 1, debtRatio: 0, rating: 'A', byCategory, designSystemAdoption: null, driftIndex: 0 } };
      writeSync(1, 'writing\\n');
      store.addSnapshot({ analysisKey: 'killed', commit: 'f'.repeat(40), committedAt: 1, source: 'test', result });
      writeSync(1, 'committed\\n');
    `,
    ]);
    let out = '';
    writer.proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    await waitFor(() => out.includes('writing') || writer.proc.exitCode !== null);
    await waitFor(() => existsSync(`${path}-journal`) || writer.proc.exitCode !== null); // inside the transaction
    await new Promise((r) => setTimeout(r, 150));
    writer.proc.kill('SIGKILL');
    const end = await writer.done;
    expect(end.signal).toBe('SIGKILL');
    expect(out).not.toContain('committed');
    const journal = existsSync(`${path}-journal`) ? statSync(`${path}-journal`).size : -1;
    expect(journal, 'killed mid-transaction: a hot journal is left behind').toBeGreaterThan(0);
    const warnings: string[] = [];
    HistoryStore.open(path, { onWarning: (m) => warnings.push(m) }).close(); // the next open rolls back whatever was half-written
    expect(warnings).toEqual([]);
    const after = expectConsistent(path);
    expect(after).toEqual(before); // same snapshots, same recorded_at, no trace of the killed one
    const again = await runTrend();
    expect(again.stats).toMatchObject({ snapshotsComputed: 0, intervalsComputed: 0 });
    expect(again.report).toEqual(reference.report);
  }, 60_000);

  it('trend --rebuild killed at several moments: every time the store is consistent and keeps what it had; a last run completes it', async () => {
    const path = withStore(null);
    copyFileSync(cliStore, path);
    const before = storeState(path);
    const commits = new Set(before.snapshots.map((s) => (s as { commit_sha: string }).commit_sha));
    expect(commits.size).toBe(6);
    let midWrite = 0;
    let rewritten = 0;
    // kill on the k-th transaction (each write opens the rollback journal): snapshots, intervals, prune.
    // A kill lands a moment after the journal appears, so a short transaction may have committed by
    // then. The first run cannot commit: a reader holds the store, so its first write waits at COMMIT
    // with its journal written, and is killed there; the others are killed wherever they are.
    for (const [k, held] of [
      [1, true],
      [4, false],
      [7, false],
      [10, false],
    ] as const) {
      const reader = held ? new Database(path) : undefined;
      reader?.exec('BEGIN');
      reader?.prepare('SELECT COUNT(*) FROM snapshots').get(); // a shared lock until COMMIT
      const run = child([CLI, 'trend', '.', '--since', '2024-01-01', '--every', 'day', '--rebuild', '--format', 'json']);
      let seen = 0;
      let present = false;
      const watcher = watch(dirname(path), (_event, name) => {
        if (name !== 'history.db-journal') return;
        const now = existsSync(`${path}-journal`);
        if (now && !present && ++seen === k && !held) run.proc.kill('SIGKILL');
        present = now;
      });
      if (held) {
        // once its journal is non-empty the write is under way, and it cannot commit while the reader holds the store
        await waitFor(() => (statSync(`${path}-journal`, { throwIfNoEntry: false })?.size ?? 0) > 0 || run.proc.exitCode !== null);
        run.proc.kill('SIGKILL');
      }
      const end = await run.done;
      watcher.close();
      reader?.exec('COMMIT');
      reader?.close();
      if (held) expect(end.signal, 'the run waiting for the lock was killed').toBe('SIGKILL');
      if (end.signal !== 'SIGKILL') continue; // the run finished before its k-th write
      const hot = existsSync(`${path}-journal`) && statSync(`${path}-journal`).size > 0;
      if (held) expect(hot, 'killed waiting at COMMIT: a hot journal is left behind').toBe(true);
      if (hot) midWrite++;
      HistoryStore.open(path).close();
      const s = expectConsistent(path);
      // --rebuild replaces each snapshot in one transaction: every commit is still there, once
      expect(new Set(s.snapshots.map((x) => (x as { commit_sha: string }).commit_sha))).toEqual(commits);
      expect(s.snapshots).toHaveLength(commits.size);
      rewritten = Math.max(rewritten, s.snapshots.filter((x, i) => JSON.stringify(x) !== JSON.stringify(before.snapshots[i])).length);
    }
    expect(midWrite, 'at least one kill landed inside a transaction').toBeGreaterThan(0);
    expect(rewritten, 'and some snapshots had been rewritten by then').toBeGreaterThan(0);
    const last = await child([CLI, 'trend', '.', '--since', '2024-01-01', '--every', 'day', '--format', 'json']).done;
    expect(last.code, last.stderr).toBe(0);
    expect(strip(last.stdout)).toEqual(strip(JSON.stringify(reference.report)));
    const s = expectConsistent(path);
    expect(s.snapshots).toHaveLength(6);
    expect(s.intervals).toHaveLength(5);
  }, 120_000);
});
