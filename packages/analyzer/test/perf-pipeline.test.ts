// The performance machinery of the pipeline: the facts cache layout (lazy, per-entry bytes), the reuse
// of a whole result for an unchanged tree, blob ids from git's index.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '@plumbline/core';
import type { ResolvedConfig } from '@plumbline/core';
import { analyze, openCache, workingTreeSource } from '../src/analyze.js';
import { FactsCache, readFactsFile, ResultCache, writeFactsFile } from '../src/cache.js';
import { discoverFiles, gitKnownHashes } from '../src/discover.js';
import type { FileFacts } from '../src/facts.js';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'plumbline-perf-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const WRAPPER = `import { find } from './repo';\nexport function loadInvoice(id: string) {\n  return find(id);\n}\n`;

// The finding these tests follow (pass-through-function) is of the all preset.
const strict = (): ResolvedConfig => ({ ...defaultConfig(), preset: 'all' });

function run(root: string, options: { config?: ResolvedConfig; reuseResult?: boolean; known?: boolean } = {}) {
  const config = options.config ?? strict();
  const { files } = discoverFiles(root, config);
  const cache = openCache(root, config);
  const out = analyze({
    root,
    config,
    cache,
    reuseResult: options.reuseResult ?? true,
    source: workingTreeSource(root, files, options.known ? gitKnownHashes(root) : null),
  });
  cache.save();
  return out;
}

const facts = (path: string, n: number): FileFacts => ({
  path,
  hash: `h${n}`,
  language: 'ts',
  linesOfCode: n,
  isTestFile: false,
  checkFindings: [],
  data: { x: { n, list: [n, n + 1] } },
});

describe('the facts cache file', () => {
  it('round-trips entries and keeps their order; a damaged or foreign file reads as empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plumbline-cache-'));
    const file = join(dir, 'f.v8');
    writeFactsFile(file, [
      ['h1:a.ts', serialize(facts('a.ts', 1))],
      ['h2:b.ts', serialize(facts('b.ts', 2))],
    ]);
    const read = readFactsFile(file);
    expect([...read.entries.keys()]).toEqual(['h1:a.ts', 'h2:b.ts']);
    expect(read.soundLength).toBe(read.fileLength);
    const cache = FactsCache.open(dir, 'k');
    expect(cache.get('h1:a.ts')).toBeUndefined(); // another key, another file
    writeFileSync(join(dir, 'facts-k.v8'), readFileSync(file));
    const again = FactsCache.open(dir, 'k');
    expect(again.get('h2:b.ts')).toEqual(facts('b.ts', 2));
    writeFileSync(join(dir, 'facts-k.v8'), Buffer.from('PLF3\u0005\u0000\u0000\u0000garbage'));
    expect(FactsCache.open(dir, 'k').size).toBe(0);
    expect(() => readFactsFile(join(dir, 'facts-k.v8'))).toThrow(/truncated/);
    writeFileSync(join(dir, 'facts-k.v8'), serialize(new Map([['h1:a.ts', facts('a.ts', 1)]]))); // the old layout
    expect(FactsCache.open(dir, 'k').size).toBe(0);
    expect(() => readFactsFile(join(dir, 'facts-k.v8'))).toThrow(/not a facts file/);
  });

  it('saves unchanged entries from their bytes and new ones serialized, and entries set before the first read win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plumbline-cache-'));
    const first = FactsCache.open(dir, 'k');
    first.set('h1:a.ts', facts('a.ts', 1));
    first.setSerialized('h2:b.ts', serialize(facts('b.ts', 2)));
    first.save();
    const second = FactsCache.open(dir, 'k');
    second.set('h1:a.ts', facts('a.ts', 10)); // before anything was read
    expect(second.has('h2:b.ts')).toBe(true);
    expect(second.get('h1:a.ts')!.linesOfCode).toBe(10);
    second.set('h3:c.ts', facts('c.ts', 3));
    second.save();
    const third = FactsCache.open(dir, 'k');
    expect([...third.keys()].sort()).toEqual(['h1:a.ts', 'h2:b.ts', 'h3:c.ts']);
    expect(third.get('h1:a.ts')!.linesOfCode).toBe(10);
    expect(third.get('h2:b.ts')).toEqual(facts('b.ts', 2));
    expect(third.serialized('h3:c.ts')).toEqual(serialize(facts('c.ts', 3)));
    expect(third.key).toBe('k');
  });

  it('lets go of decoded facts on release, keeping their bytes: the next get decodes them again, and they are saved', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plumbline-cache-'));
    const cache = FactsCache.open(dir, 'k');
    const a = facts('a.ts', 1);
    cache.set('h1:a.ts', a); // an object only: release serializes it
    cache.setSerialized('h2:b.ts', serialize(facts('b.ts', 2)));
    expect(cache.get('h1:a.ts')).toBe(a);
    const b = cache.get('h2:b.ts')!;
    cache.release('h1:a.ts');
    cache.release('h2:b.ts');
    cache.release('h9:gone.ts'); // unknown: nothing to do
    const a2 = cache.get('h1:a.ts')!;
    expect(a2).not.toBe(a);
    expect(a2).toEqual(a);
    expect(cache.get('h2:b.ts')).not.toBe(b);
    expect(cache.get('h2:b.ts')).toEqual(facts('b.ts', 2));
    cache.release('h1:a.ts');
    cache.save();
    const again = FactsCache.open(dir, 'k');
    expect(again.get('h1:a.ts')).toEqual(a);
    expect(again.get('h2:b.ts')).toEqual(facts('b.ts', 2));
  });

  it('appends what changed instead of rewriting the file, reads past a torn tail, and compacts when half is dead', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plumbline-cache-'));
    const file = join(dir, 'facts-k.v8');
    const c = FactsCache.open(dir, 'k');
    for (let i = 0; i < 20; i++) c.set(`h${i}:f${i}.ts`, facts(`f${i}.ts`, i));
    c.save();
    const before = readFileSync(file);
    const next = FactsCache.open(dir, 'k');
    next.set('h99:new.ts', facts('new.ts', 99));
    next.save();
    const after = readFileSync(file);
    // the old bytes are untouched: one record was appended
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    expect(after.length).toBeGreaterThan(before.length);
    expect(readFactsFile(file).entries.size).toBe(21);
    // a write cut short leaves a torn record: ignored on reading, and the next save rewrites the file
    writeFileSync(file, Buffer.concat([after, Buffer.from([9, 0, 0, 0, 104, 49])]));
    const torn = FactsCache.open(dir, 'k');
    expect(torn.size).toBe(21);
    torn.set('h100:x.ts', facts('x.ts', 100));
    torn.save();
    expect(readFactsFile(file).entries.size).toBe(22);
    // setting most keys again makes their old records dead: the file is compacted, not grown forever
    for (const round of [1000, 2000]) {
      const again = FactsCache.open(dir, 'k');
      for (let i = 0; i < 20; i++) again.set(`h${i}:f${i}.ts`, facts(`f${i}.ts`, i + round));
      again.save();
      // the first round leaves 20 of 42 records dead (under half): appended
      if (round === 1000) expect(readFactsFile(file).deadBytes).toBeGreaterThan(0);
    }
    const compact = readFactsFile(file);
    expect(compact.deadBytes).toBe(0);
    expect(compact.entries.size).toBe(22);
    expect(FactsCache.open(dir, 'k').get('h3:f3.ts')!.linesOfCode).toBe(2003);
  });

  it('removes the facts and results of analyzer keys no longer in use, keeping the last other one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plumbline-cache-'));
    for (const [k, t] of [
      ['old1', 1000],
      ['old2', 2000],
      ['old3', 3000],
    ] as const) {
      const c = FactsCache.open(dir, k);
      c.set('h1:a.ts', facts('a.ts', 1));
      c.save();
      ResultCache.open(dir, k).set('r', { k });
      utimesSync(join(dir, `facts-${k}.v8`), t, t);
    }
    const now = FactsCache.open(dir, 'now');
    now.set('h1:a.ts', facts('a.ts', 1));
    now.save();
    expect(readdirSync(dir).sort()).toEqual(['facts-now.v8', 'facts-old3.v8', 'results-old3']);
  });

  it('keeps a few whole results, one file each, and forgets the oldest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plumbline-results-'));
    const r = ResultCache.open<{ n: number }>(dir, 'k');
    for (let n = 1; n <= 5; n++) {
      r.set(`key${n}`, { n });
      // distinct modification times, oldest first
      utimesSync(join(dir, 'results-k', `key${n}.v8`), n * 1000, n * 1000);
    }
    r.set('key5', { n: 5 });
    const again = ResultCache.open<{ n: number }>(dir, 'k');
    expect(again.get('key5')).toEqual({ n: 5 });
    expect(again.get('key3')).toEqual({ n: 3 });
    expect(again.get('key2')).toBeUndefined();
    expect(readdirSync(join(dir, 'results-k')).sort()).toEqual(['key3.v8', 'key4.v8', 'key5.v8']);
    writeFileSync(join(dir, 'results-k', 'key4.v8'), 'damaged');
    expect(again.get('key4')).toBeUndefined();
  });
});

describe('reusing the whole result of an unchanged tree', () => {
  it('reuses it (facts read only when asked for), and recomputes after a change, a revert and a config change', () => {
    const root = project({ 'src/a.ts': WRAPPER, 'src/b.tsx': 'export const B = () => <div />;\n', 'src/c.ts': 'export const c = 1;\n' });
    const first = run(root);
    expect(first.stats.reusedResult).toBeUndefined();
    expect(first.result.findings.map((f) => f.ruleId)).toContain('pass-through-function');

    const second = run(root);
    expect(second.stats).toMatchObject({ reusedResult: true, parsed: 0, fromCache: 3 });
    expect(second.result).toEqual(first.result);
    expect(second.fileHashes).toEqual(first.fileHashes);
    // facts of a reused result are read when asked for, and are those of the first run
    expect(second.facts.map((f) => f.path)).toEqual(first.facts.map((f) => f.path));
    expect(second.facts).toEqual(first.facts);

    writeFileSync(join(root, 'src/a.ts'), 'export const a = 1;\n');
    const changed = run(root);
    expect(changed.stats.reusedResult).toBeUndefined();
    expect(changed.stats.parsed).toBe(1);
    expect(changed.result.findings.map((f) => f.ruleId)).not.toContain('pass-through-function');

    writeFileSync(join(root, 'src/a.ts'), WRAPPER);
    const reverted = run(root);
    expect(reverted.stats.reusedResult).toBe(true);
    expect(reverted.result.findings).toEqual(first.result.findings);

    const off = { ...strict(), rules: { 'pass-through-function': 'off' as const } };
    const config = run(root, { config: off });
    expect(config.stats.reusedResult).toBeUndefined();
    expect(config.result.findings.map((f) => f.ruleId)).not.toContain('pass-through-function');
  });

  it('is off unless asked for', () => {
    const root = project({ 'src/a.ts': WRAPPER });
    run(root, { reuseResult: false });
    const again = run(root, { reuseResult: false });
    expect(again.stats.reusedResult).toBeUndefined();
    expect(again.stats.fromCache).toBe(1);
  });

  it('reports a file that vanished as an error, not as a reused result', () => {
    const root = project({ 'src/a.ts': WRAPPER, 'src/b.ts': 'export const b = 1;\n' });
    run(root);
    const { files } = discoverFiles(root, strict());
    rmSync(join(root, 'src/b.ts'));
    const cache = openCache(root, strict());
    const out = analyze({ root, config: strict(), cache, reuseResult: true, source: workingTreeSource(root, files) });
    expect(out.stats.reusedResult).toBeUndefined();
    expect(out.result.errors).toEqual([{ file: 'src/b.ts', message: 'cannot be read: ENOENT' }]);
  });
});

describe('blob ids from git', () => {
  const git = (root: string, ...args: string[]) =>
    execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

  it('knows the committed, unchanged files and leaves out changed and untracked ones', () => {
    const root = project({ 'src/a.ts': WRAPPER, 'src/b.ts': 'export const b = 1;\n' });
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'init');
    writeFileSync(join(root, 'src/b.ts'), 'export const b = 2;\n');
    writeFileSync(join(root, 'src/new.ts'), 'export const n = 1;\n');
    const known = gitKnownHashes(root)!;
    expect([...known.keys()]).toEqual(['src/a.ts']);
    expect(known.get('src/a.ts')).toBe(git(root, 'rev-parse', 'HEAD:src/a.ts').trim());
    // a scan keyed by them finds the same things as one that hashes every file
    const hashed = run(root, { reuseResult: false });
    const keyed = run(root, { reuseResult: false, known: true });
    expect(keyed.result.findings).toEqual(hashed.result.findings);
    expect(keyed.stats.fromCache).toBe(3);
    expect(gitKnownHashes(mkdtempSync(join(tmpdir(), 'plumbline-nogit-')))).toBeNull();
  });
});
