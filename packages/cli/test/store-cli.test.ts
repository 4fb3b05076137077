// The commands with a PostgreSQL store, against a real server (skipped with one line without one;
// required in CI): trend and report write and read it as they do the SQLite file, store import copies a
// SQLite history into it and the report stays the same, scan --record records into it, and a store that
// cannot be used is one message naming it (credentials masked), exit 2, nothing written.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { io } from './git-repo.js';
import { dropDatabases, freshDatabase, query, skipPg } from './store-pg.js';
import { buildSixWeeks } from './trend-repo.js';
import type { SixWeeks } from './trend-repo.js';

const WINDOW = ['--since', '2024-01-01', '--until', '2024-02-07'];
/** The report's JSON without the time it was made. */
const report = (json: string) => {
  const { generatedAt: _g, ...rest } = JSON.parse(json) as Record<string, unknown>;
  return rest;
};

describe.skipIf(skipPg)('the commands with a PostgreSQL store', () => {
  let fx: SixWeeks;
  let dir: string;
  beforeAll(() => {
    fx = buildSixWeeks();
    fx.repo.git(['remote', 'add', 'origin', 'https://ci:tok3n@GitHub.com/Acme/Six-Weeks.git']);
    dir = mkdtempSync(join(tmpdir(), 'plumbline-store-cli-'));
  });
  afterAll(async () => {
    fx?.repo.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await dropDatabases();
  });

  const run = async (args: string[], env: Record<string, string> = {}) => {
    const r = io(fx.repo.dir);
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const code = await main(args, r.handle);
      return { code, ...r.out };
    } finally {
      for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
    }
  };

  it('store import of a SQLite history gives the same report from PostgreSQL; trend reuses everything imported', async () => {
    const file = join(dir, 'history.db');
    const fromFile = await run(['report', '--format', 'json', '--store', file, ...WINDOW]);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const url = await freshDatabase();
    const imported = await run(['store', 'import', file, '--store', url]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^imported \d+ snapshots and \d+ intervals of .* as github\.com\/Acme\/Six-Weeks\n$/);
    expect(imported.stdout).not.toContain('tok3n');
    const [{ n }] = await query<{ n: number }>(url, 'SELECT COUNT(*)::int AS n FROM plumbline.snapshots');
    expect(n).toBeGreaterThan(4);
    const fromPg = await run(['report', '--format', 'json', ...WINDOW], { PLUMBLINE_STORE: url });
    expect(fromPg.code, fromPg.stderr).toBe(0);
    expect(report(fromPg.stdout)).toEqual(report(fromFile.stdout));
    const trendOut = await run(['trend', '--store', url, ...WINDOW]);
    expect(trendOut.stdout).toMatch(
      /\(0 computed, [1-9]\d* from the history store\), \d+ periods compared \(0 computed, [1-9]\d* stored\), 0 files parsed; history in postgres:\/\//,
    );
    // importing again changes nothing: every snapshot is a replacement under its key
    expect((await run(['store', 'import', file, '--store', url])).code).toBe(0);
    const [{ n: again }] = await query<{ n: number }>(url, 'SELECT COUNT(*)::int AS n FROM plumbline.snapshots');
    expect(again).toBe(n);
  });

  it('trend computes into an empty PostgreSQL store, a second run reads it all back, and both equal the SQLite run', async () => {
    const url = await freshDatabase();
    const first = await run(['trend', '--format', 'json', '--store', url, ...WINDOW]);
    expect(first.code, first.stderr).toBe(0);
    const second = await run(['report', '--format', 'json', '--store', url, ...WINDOW]);
    const sqlite = await run(['report', '--format', 'json', '--store', join(dir, 'other.db'), ...WINDOW]);
    expect(report(second.stdout)).toEqual(report(first.stdout));
    expect(report(second.stdout)).toEqual(report(sqlite.stdout));
    const [{ n }] = await query<{ n: number }>(url, `SELECT COUNT(*)::int AS n FROM plumbline.intervals`);
    expect(n).toBeGreaterThan(3);
    // scan --record writes the snapshot of HEAD into the same store, and report --org reads them all
    const rec = await run(['scan', '--record', '--store', url, '--format', 'json']);
    expect(rec.stderr).toMatch(/recorded the snapshot of [0-9a-f]{7} in postgres:\/\//);
    const org = await run(['report', '--org', '--format', 'json', '--store', url]);
    expect(org.code, org.stderr).toBe(0);
    const data = JSON.parse(org.stdout) as { repositories: Array<{ repository: string; newDebtMinutes: number }> };
    expect(data.repositories.map((r) => r.repository)).toEqual(['github.com/Acme/Six-Weeks']);
    expect(data.repositories[0]!.newDebtMinutes).toBeGreaterThan(0);
  });

  describe('a store that cannot be used: one message naming it, credentials masked, exit 2, nothing written', () => {
    const cases: Array<[string, () => Promise<string>, RegExp]> = [
      [
        'a database that does not exist',
        async () => (await freshDatabase()).replace(/\/plumbline_t[^?]*/, '/no_such_db').replace('plumbline@', 'plumbline:s3cr3t@'),
        /database "no_such_db" does not exist/,
      ],
      ['a refused connection', async () => 'postgres://plumbline:s3cr3t@127.0.0.1:1/plumbline', /connection refused/],
      [
        'a role without the privileges',
        async () => {
          const url = await freshDatabase();
          expect((await run(['store', 'migrate', '--store', url])).code).toBe(0);
          return url.replace('postgres://plumbline@', 'postgres://plumbline_reader:s3cr3t@');
        },
        /permission denied/,
      ],
      [
        'a schema newer than this plumbline',
        async () => {
          const url = await freshDatabase();
          expect((await run(['store', 'migrate', '--store', url])).code).toBe(0);
          await query(url, `UPDATE plumbline.meta SET value = '99' WHERE key = 'schema_version'`);
          return url.replace('postgres://plumbline@', 'postgres://plumbline:s3cr3t@');
        },
        /schema version 99, newer than this plumbline's \d+ \(/,
      ],
    ];
    it.each(cases)('%s', async (_name, make, why) => {
      const url = await make();
      for (const args of [
        ['trend', '--store', url, ...WINDOW],
        ['report', '--format', 'json', ...WINDOW],
        ['report', '--org', '--store', url],
        ['scan', '--record', '--store', url],
        ['store', 'migrate', '--store', url],
      ]) {
        const r = await run(args, { PLUMBLINE_STORE: url });
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(why);
        expect(r.stderr).toMatch(/history store postgres:\/\/[^ ]*\*\*\*@/);
        expect(r.stderr).not.toContain('s3cr3t');
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      }
      expect(existsSync(join(fx.repo.dir, '.plumbline/history.db'))).toBe(false);
      if (/newer|permission/.test(why.source)) {
        const owner = url.replace(/postgres:\/\/plumbline(_reader)?:s3cr3t@/, 'postgres://plumbline@');
        expect(await query(owner, 'SELECT COUNT(*)::int AS n FROM plumbline.snapshots')).toEqual([{ n: 0 }]);
      }
    });
  });
});
