import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, FactsCache, factsForBlob, filterPaths } from '@plumbline/analyzer';
import { buildCheckSettings } from '@plumbline/core';
import { main } from '../src/cli.js';
import type { CommandIO } from '../src/command.js';
import { BlobReader, commitSource, listTree } from '../src/git/objects.js';
import { listTrees } from '../src/git/trees.js';
import { loadProjectConfig } from '../src/scan.js';
import { trend } from '../src/trend/index.js';
import type { TrendReport } from '../src/trend/index.js';
import { ALICE, BOB, buildSixWeeks, CAROL, onlyPassThroughConfig, TestRepo } from './trend-repo.js';
import type { SixWeeks } from './trend-repo.js';

function io(cwd: string): CommandIO & { out: string; err: string } {
  const o = { out: '', err: '', isTTY: false, cwd, stdout: (t: string) => void (o.out += t), stderr: (t: string) => void (o.err += t) };
  return o;
}

describe('trend against git', () => {
  let fx: SixWeeks;
  beforeAll(() => {
    fx = buildSixWeeks();
  });
  afterAll(() => fx.repo.cleanup());

  it('lists many trees through cat-file exactly as ls-tree does, at the root and in a subdirectory', async () => {
    const shas = Object.values(fx.commits);
    const all = await listTrees(fx.repo.dir, shas);
    const sub = await listTrees(join(fx.repo.dir, 'src'), shas, 'src/');
    for (const sha of shas) {
      const norm = (es: Array<{ path: string; blob: string }>) => es.map((e) => `${e.path} ${e.blob}`).sort();
      expect(norm(all.get(sha)!)).toEqual(norm(listTree(fx.repo.dir, sha)));
      expect(norm(sub.get(sha)!)).toEqual(norm(listTree(join(fx.repo.dir, 'src'), sha)));
    }
    const missing = await listTrees(fx.repo.dir, ['0'.repeat(40)]);
    expect(missing.get('0'.repeat(40))).toBeNull();
  });

  it('reads blobs through one cat-file process, skips unknown ids, and leaves no temporary file behind', async () => {
    const root = fx.repo.dir;
    const entries = listTree(root, fx.commits.c7);
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('plumbline-blobs-'));
    const reader = new BlobReader(root);
    const unknown = 'f'.repeat(40);
    await reader.prefetch([...entries.map((e) => e.blob), unknown, entries[0]!.blob]);
    for (const e of entries) {
      const shown = execFileSync('git', ['-C', root, 'cat-file', 'blob', e.blob]);
      expect(Buffer.compare(reader.read(e.blob), shown)).toBe(0);
    }
    expect(() => reader.read(unknown)).toThrow(/missing/);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('plumbline-blobs-'))).toEqual(before);
  });

  it('computes in a worker the very facts analyze() computes on a miss', async () => {
    const root = fx.repo.dir;
    const config = loadProjectConfig(root);
    const { settings } = buildCheckSettings(root, config);
    const entries = listTree(root, fx.commits.c7);
    const paths = filterPaths(
      entries.map((e) => e.path),
      config,
    );
    const reader = new BlobReader(root);
    await reader.prefetch(entries.map((e) => e.blob));
    const cache = FactsCache.open(join(root, '.no-such-cache'), 'test');
    const out = analyze({ root, config, settings, cache, source: commitSource(entries, paths, reader), commit: fx.commits.c7 });
    expect(out.facts.length).toBeGreaterThan(4);
    for (const e of entries.filter((x) => paths.includes(x.path))) {
      expect(factsForBlob(e.path, e.blob, reader.read(e.blob), config, settings)).toEqual(cache.get(`${e.blob}:${e.path}`));
    }
  });

  it('reports a shallow clone and works with the history it has', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plumbline-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '3', `file://${fx.repo.dir}`, dir], { stdio: 'ignore' });
      const warnings: string[] = [];
      const out = await trend({ root: dir, since: '2024-01-01', onWarning: (m) => warnings.push(m) });
      expect(out.report.notes[0]).toMatch(/^shallow clone: history stops at 2024-01-17 .*fetch-depth: 0/);
      expect(out.report.notes[1]).toMatch(/^history starts at 2024-01-17 .*: 2 of the 6 weeks in the window precede it/);
      expect(warnings).toEqual(out.report.notes);
      expect(out.report.points.map((p) => p.commit)).toEqual([fx.commits.c5, fx.commits.c5, fx.commits.c6, fx.commits.c7]);
      expect(out.report.points.map((p) => p.change && p.change.newFindings)).toEqual([null, 0, 0, 1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('analyses a subdirectory of the repository, with CODEOWNERS from the repository root', async () => {
    // the config sits at the repository root, above the analysed root: pass it (it turns pass-through-function on)
    const out = await trend({
      root: join(fx.repo.dir, 'src'),
      configFile: join(fx.repo.dir, 'plumbline.config.json'),
      since: '2024-01-01',
      storePath: join(fx.repo.dir, '.plumbline', 'sub.db'),
    });
    expect(out.report.points.map((p) => p.findings)).toEqual([1, 3, 3, 3, 3, 4]);
    expect(out.report.attribution.owners.map((o) => o.name)).toEqual(['@acme/features', '(no owner)', '@acme/ui']);
    expect(out.report.attribution.directories[0]!.name).toBe('features');
  });

  it('rebuilds a damaged store with a warning and recomputes what it held', async () => {
    const first = await trend({ root: fx.repo.dir, since: '2024-01-01' });
    writeFileSync(first.storePath!, 'not a database, but long enough to look like a header of one'.repeat(100));
    const warnings: string[] = [];
    const again = await trend({ root: fx.repo.dir, since: '2024-01-01', onWarning: (m) => warnings.push(m) });
    expect(warnings.some((w) => /history store .* was unusable/.test(w))).toBe(true);
    expect(again.stats).toMatchObject({ snapshotsComputed: 5, intervalsComputed: 4, filesParsed: 0 });
    expect(again.report.points).toEqual(first.report.points);
  });

  it('scan --record stores the snapshot of HEAD, which trend then reuses; a dirty tree is not recorded', async () => {
    rmSync(join(fx.repo.dir, '.plumbline'), { recursive: true, force: true });
    const a = io(fx.repo.dir);
    expect(await main(['scan', '.', '--record', '--format', 'json'], a)).toBe(0);
    expect(a.err).toMatch(new RegExp(`recorded the snapshot of ${fx.commits.c7.slice(0, 7)} in .*history\\.db`));
    const out = await trend({ root: fx.repo.dir, since: '2024-01-01' });
    expect(out.stats).toMatchObject({ snapshotsStored: 1, snapshotsComputed: 4 });
    expect(out.report.points[5]!.findings).toBe(4);

    writeFileSync(join(fx.repo.dir, 'src/lib/api.ts'), `${readFileSync(join(fx.repo.dir, 'src/lib/api.ts'), 'utf8')}// edited\n`);
    const b = io(fx.repo.dir);
    expect(await main(['scan', '.', '--record'], b)).toBe(0);
    expect(b.err).toMatch(/not recorded: 1 analysed file differ from HEAD \(src\/lib\/api\.ts\); commit them first/);
    fx.repo.git(['checkout', '--', 'src/lib/api.ts']);
  });

  it('the commands print the trend and the reports, and turn bad input into exit code 2', async () => {
    const t = io(fx.repo.dir);
    expect(await main(['trend', '--since', '2024-01-01'], t)).toBe(0);
    expect(t.out).toMatch(/^week of +commit/);
    // the population rating: 40 min in 29 lines is far worse than every reference repository
    expect(t.out).toMatch(/2024-02-05 +[0-9a-f]{7} +40 min +E/);
    expect(t.out).toMatch(
      /Commits with assistant trailers added 75% of the new debt credited to commits while being 33% of commits \(2 of 6\)\./,
    );

    const j = io(fx.repo.dir);
    expect(await main(['trend', '--since', '2024-01-01', '--format', 'json'], j)).toBe(0);
    const report = JSON.parse(j.out) as TrendReport;
    expect(report).toMatchObject({ schemaVersion: 1, kind: 'plumbline-trend' });
    expect(report.points).toHaveLength(6);

    const file = join(fx.repo.dir, 'out', 'report.html');
    const h = io(fx.repo.dir);
    expect(await main(['report', '--since', '2024-01-01', '--format', 'html', '--output', 'out/report.html'], h)).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^<!doctype html>/);
    const w = io(fx.repo.dir);
    expect(await main(['report', '--weekly', '--since', '2024-01-01'], w)).toBe(0);
    expect(w.out).toMatch(/^## plumbline debt trend/);
    expect(w.out).toMatch(/### Who and what moved it \(the last week \(2024-02-05\)\)/);

    const bad = async (args: string[], pattern: RegExp, cwd = fx.repo.dir) => {
      const x = io(cwd);
      expect(await main(args, x)).toBe(2);
      expect(x.err).toMatch(pattern);
    };
    await bad(['trend', '--every', 'fortnight'], /--every must be week, day or a number of commits/);
    await bad(['trend', '--since', 'yesterday'], /--since must be a date/);
    await bad(['trend', '--ref', 'no-such-branch'], /cannot resolve --ref "no-such-branch"/);
    await bad(['trend', '--ref=--upload-pack=evil'], /cannot resolve --ref "--upload-pack=evil"/);
    await bad(['trend', '--since', '2025-01-01', '--until', '2024-01-01'], /--since .* must be before --until/);
    await bad(['report', '--format', 'pdf'], /--format must be one of markdown, html, json/);
    await bad(['report', '--weekly', '--every', 'day'], /--weekly reports the last week/);
    await bad(['trend', '--top', '0'], /--top must be a positive whole number/);
    const notGit = mkdtempSync(join(tmpdir(), 'plumbline-not-git-'));
    try {
      await bad(['trend', notGit], /not inside a git repository/);
    } finally {
      rmSync(notGit, { recursive: true, force: true });
    }
  });
});

describe('attribution: diff for files one commit changed, blame for the others', () => {
  const w = (name: string) => `export function ${name}(id: string) {\n  return get(id);\n}\n`;
  const imp = "import { get } from './lib/api';\n\n";
  const odd = 'src/ünï "q" \\.ts'; // quoted by git in diff headers

  it('credits each new finding to the commit that wrote it, whatever path the lines took', async () => {
    const repo = new TestRepo(mkdtempSync(join(tmpdir(), 'plumbline-attr-')));
    try {
      repo.git(['init', '-q', '-b', 'main']);
      repo.write('.gitignore', '.plumbline/\n');
      repo.write('plumbline.config.json', onlyPassThroughConfig());
      repo.write('src/lib/api.ts', 'export function get(id: string) {\n  return id.length;\n}\n');
      repo.write('src/multi.ts', imp + w('w1'));
      repo.write(odd, `${imp}export const nothing = 1;\n`);
      repo.commit(ALICE, '2024-03-05T10:00:00Z', 'start');
      repo.write('src/multi.ts', imp + w('w1') + w('w2'));
      repo.write(odd, `${imp}export const nothing = 1;\n${w('w3')}`);
      const c2 = repo.commit(ALICE, '2024-03-12T10:00:00Z', 'w2 and w3');
      repo.write('src/multi.ts', imp + w('w1') + w('w2') + w('w4'));
      const c3 = repo.commit(BOB, '2024-03-13T10:00:00Z', 'w4');
      repo.git(['mv', 'src/multi.ts', 'src/multi2.ts']);
      repo.write('src/multi2.ts', imp + w('w1') + w('w2') + w('w4') + w('w5'));
      const c4 = repo.commit(CAROL, '2024-03-19T10:00:00Z', 'rename, and w5');

      repo.write('README.md', '# docs only\n');
      const c5 = repo.commit(CAROL, '2024-03-26T10:00:00Z', 'docs'); // no analysed file changed: the result of c4 is reused

      const out = await trend({ root: repo.dir, since: '2024-03-04' });
      expect(out.report.points.map((p) => [p.findings, p.change?.newFindings ?? null])).toEqual([
        [1, null],
        [4, 3],
        [5, 1],
        [5, 0],
      ]);
      expect(out.report.points[3]).toMatchObject({
        commit: c5,
        debtMinutes: out.report.points[2]!.debtMinutes,
        change: { fixedFindings: 0, commits: 0 },
      });
      const byName = Object.fromEntries(out.report.newFindings.map((f) => [f.message.match(/`(w\d)`/)![1], [f.file, f.commit]]));
      expect(byName).toEqual({
        w2: ['src/multi.ts', c2], // two commits changed multi.ts that week: blame
        w3: [odd, c2], // one commit changed it: its diff, through a quoted path
        w4: ['src/multi.ts', c3],
        w5: ['src/multi2.ts', c4], // renamed and changed by one commit: blame follows the rename
      });
      expect(out.report.attribution.unattributedFindings).toBe(0);
    } finally {
      repo.cleanup();
    }
  });

  it('a finding re-fingerprinted on untouched lines (its class renamed) is neither new nor fixed', async () => {
    // (the enclosing symbol is part of the fingerprint: renaming the class gives the method's finding a new one)
    const repo = new TestRepo(mkdtempSync(join(tmpdir(), 'plumbline-reid-')));
    try {
      repo.git(['init', '-q', '-b', 'main']);
      repo.write('.gitignore', '.plumbline/\n');
      repo.write('plumbline.config.json', onlyPassThroughConfig());
      repo.write('src/lib/api.ts', 'export function get(id: string) {\n  return id.length;\n}\n');
      const nest = (outer: string) => `${imp}export class ${outer} {\n  load(id: string) {\n    return get(id);\n  }\n}\n`;
      repo.write('src/nest.ts', nest('outer'));
      repo.commit(ALICE, '2024-03-05T10:00:00Z', 'start');
      repo.write('src/nest.ts', nest('renamedOuter'));
      repo.commit(BOB, '2024-03-12T10:00:00Z', 'rename the class');
      const out = await trend({ root: repo.dir, since: '2024-03-04' });
      expect(out.report.points.map((p) => p.findings)).toEqual([1, 1]);
      expect(out.report.points[1]!.change).toMatchObject({ newFindings: 0, fixedFindings: 0 });
    } finally {
      repo.cleanup();
    }
  });
});
