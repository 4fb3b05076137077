// Scans at scale: worker threads, memory cap, and a run split into shards then merged must all find
// exactly what one plain scan finds. Worker threads run the built code, so the part that needs them
// loads packages/cli/dist (npm test builds first).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import type { CommandIO } from '../src/command.js';
import { parseConcurrency, parseMemory, parseShard, shardOf } from '../src/scan.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = join(repoRoot, 'packages/cli/bin/plumbline.js');
const DIST = join(repoRoot, 'packages/cli/dist/index.js');

function io(cwd: string) {
  const out = { stdout: '', stderr: '' };
  const handle: CommandIO = { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t), isTTY: false, cwd };
  return { out, handle };
}

interface Json {
  findings: Array<{ fingerprint: string; file: string; line: number; ruleId: string }>;
  summary: unknown;
  errors: unknown[];
  skipped: unknown[];
}
const plumbline = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 300_000 });

let root = '';
beforeAll(async () => {
  // a generated React/TS monorepo of some 180 files: enough for the worker threads to start
  // @ts-expect-error: the bench generator is plain JavaScript without type declarations
  const { generateRepo } = await import('../../../scripts/bench/generate-repo.mjs');
  root = (generateRepo({ size: '9k', dir: join(mkdtempSync(join(tmpdir(), 'plumbline-scale-')), 'repo') }) as { dir: string }).dir;
  // every rule: most of what the generated code holds (copied code, repeated style values…) is in the `all` preset
  const config = join(root, 'plumbline.config.json');
  writeFileSync(config, `${JSON.stringify({ ...(JSON.parse(readFileSync(config, 'utf8')) as object), preset: 'all' }, null, 2)}\n`);
}, 120_000);

describe('scan at scale', () => {
  it.skipIf(!existsSync(DIST))(
    'finds the same with worker threads as without, and under a memory cap',
    () => {
      // in a child process: worker threads load the built files, which vitest's aliases would replace
      const script = `const cli = await import(${JSON.stringify(pathToFileURL(DIST).href)});
      const run = (o) => { const r = cli.scan({ root: ${JSON.stringify(root)}, cache: false, ...o }); return { stats: r.stats, findings: r.result.findings, summary: r.result.summary, facts: r.facts }; };
      process.stdout.write(JSON.stringify([run({ concurrency: 1 }), run({ concurrency: 2 }), run({ concurrency: 2, maxMemoryMb: 400 })]));`;
      type Run = { stats: { workers: number; parsed: number }; findings: unknown[]; summary: unknown; facts: unknown[] };
      const [one, two, capped] = JSON.parse(
        execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 30 }),
      ) as Run[];
      expect(one!.stats.workers).toBe(0);
      expect(two!.stats.workers).toBe(2);
      expect(two!.stats.parsed).toBe(one!.stats.parsed);
      expect(two!.findings.length).toBeGreaterThan(50);
      expect(two!.findings).toEqual(one!.findings);
      expect(two!.summary).toEqual(one!.summary);
      expect(two!.facts).toEqual(one!.facts);
      // too little memory for a worker next to the main thread: it all runs in this thread
      expect(capped!.stats.workers).toBe(0);
      expect(capped!.findings).toEqual(one!.findings);
    },
    300_000,
  );

  it('splits into shards that merge into the findings of one scan', () => {
    const full = plumbline(root, 'scan', '.', '--format', 'json', '--no-cache');
    expect(full.status, full.stderr).toBeLessThan(2);
    const expected = JSON.parse(full.stdout) as Json;
    let covered = 0;
    for (const i of [1, 2, 3]) {
      const r = plumbline(root, 'scan', '.', '--shard', `${i}/3`, '--format', 'json');
      expect(r.status, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout) as { shard: string; files: number; totalFiles: number; file: string };
      expect(summary.shard).toBe(`${i}/3`);
      expect(existsSync(summary.file)).toBe(true);
      covered += summary.files;
      expect(summary.totalFiles).toBeGreaterThan(150);
    }
    expect(readdirSync(join(root, '.plumbline/shards')).sort()).toEqual(['shard-1-of-3.facts', 'shard-2-of-3.facts', 'shard-3-of-3.facts']);
    // a fresh cache: everything the merge knows comes from the shard files
    execFileSync('rm', ['-rf', join(root, '.plumbline/cache')]);
    const merged = plumbline(root, 'merge', '--format', 'json');
    expect(merged.status, merged.stderr).toBeLessThan(2);
    expect(merged.stderr).toMatch(/3 shard\(s\), facts of \d+ file\(s\) taken from them, 0 analysed here/);
    const got = JSON.parse(merged.stdout) as Json;
    expect(got.findings).toEqual(expected.findings);
    expect(got.summary).toEqual(expected.summary);
    expect(covered).toBe((expected.summary as { files: number }).files + expected.errors.length + expected.skipped.length);
  }, 300_000);

  // the shards and the merge must run the same code (the analyzer key covers it): both the built binary
  it('merges what it was given and analyses the files of a missing shard itself, saying so', () => {
    const out1 = join(root, 'only-1.facts');
    expect(plumbline(root, 'scan', '.', '--shard', '1/2', '--output', out1).status).toBe(0);
    execFileSync('rm', ['-rf', join(root, '.plumbline/cache')]);
    const r = plumbline(root, 'merge', out1, '--format', 'json');
    expect(r.status, r.stderr).toBeLessThan(2);
    expect(r.stderr).toMatch(/no file for shard 2\/2: its files were analysed here/);
    expect(r.stderr).toMatch(/1 shard\(s\), facts of \d+ file\(s\) taken from them, [1-9]\d* analysed here/);
  }, 300_000);

  it('refuses shards computed under another config, and files that are not shards', async () => {
    const shard = join(root, 'strict.facts');
    const r = plumbline(root, 'scan', '.', '--shard', '1/1', '--output', shard);
    expect(r.status, r.stderr).toBe(0);
    const other = join(mkdtempSync(join(tmpdir(), 'plumbline-cfg-')), 'plumbline.config.json');
    execFileSync('cp', [join(root, 'plumbline.config.json'), other]);
    const cfg = JSON.parse(readFileSync(other, 'utf8')) as Record<string, unknown>;
    execFileSync(process.execPath, [
      '-e',
      `require('fs').writeFileSync(${JSON.stringify(other)}, JSON.stringify(${JSON.stringify({ ...cfg, rules: { 'pass-through-function': 'off' } })}))`,
    ]);
    const r2 = plumbline(root, 'merge', shard, '--config', other);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(
      /strict\.facts: computed by plumbline .* under analyzer key \w+, this run's is \w+ .*rerun the shards with the same version and config/,
    );
    const notShard = io(root);
    expect(await main(['merge', join(root, 'package.json')], notShard.handle)).toBe(2);
    expect(notShard.out.stderr).toMatch(/package\.json: not a shard facts file/);
  }, 300_000);
});

describe('the scale flags', () => {
  it('parse i/n, thread counts and memory sizes, and name what they expected', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('5/4')).toThrow(/--shard must be i\/n with 1 <= i <= n/);
    expect(() => parseShard('0/4')).toThrow(/--shard must be i\/n/);
    expect(() => parseShard('two')).toThrow(/got "two"/);
    expect(parseConcurrency('3')).toBe(3);
    expect(() => parseConcurrency('0')).toThrow(/--concurrency must be a positive whole number/);
    expect(parseMemory('1200')).toBe(1200);
    expect(parseMemory('1.5G')).toBe(1536);
    expect(parseMemory('900MB')).toBe(900);
    expect(() => parseMemory('100')).toThrow(/at least 256 MB/);
    expect(() => parseMemory('lots')).toThrow(/--max-memory must be a size/);
  });

  it('split every file into exactly one shard, the same way every time, roughly evenly', () => {
    const paths = Array.from({ length: 3000 }, (_, i) => `apps/web/src/features/f${i % 97}/c${i}.tsx`);
    const counts = [0, 0, 0, 0];
    for (const p of paths) counts[shardOf(p, 4)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(600);
    expect(paths.map((p) => shardOf(p, 4))).toEqual(paths.map((p) => shardOf(p, 4)));
  });

  it('are usage errors (exit 2) on the command line', async () => {
    for (const args of [
      ['--concurrency', 'x'],
      ['--max-memory', '12'],
      ['--shard', '3/2'],
    ]) {
      const { out, handle } = io(root);
      expect(await main(['scan', '.', ...args], handle)).toBe(2);
      expect(out.stderr).toContain(args[0]);
    }
    const { out, handle } = io(mkdtempSync(join(tmpdir(), 'plumbline-empty-')));
    expect(await main(['merge'], handle)).toBe(2);
    expect(out.stderr).toMatch(/no shard files given and none in .*shards/);
  });
});
