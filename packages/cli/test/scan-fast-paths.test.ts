// The command line's scan (scanAsync): git asked at once by child processes, the facts file read ahead
// when the tree changed since the last scan. It must find exactly what scan() finds; a scan of an
// unchanged tree must not read the facts file; a scan after one edit parses that one file.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FactsCache, gitKnownHashes, prefetchFactsFile, startGitQueries } from '@plumbline/analyzer';
import { headCommit } from '../src/git/command.js';
import { scan, scanAsync } from '../src/scan.js';
import { Repo } from './git-repo.js';

const FILES = {
  'src/api.ts': `import { find } from './repo';\nexport function loadInvoice(id: string) {\n  return find(id);\n}\n`,
  'src/repo.ts': `export function find(id: string) {\n  return { id, total: 1200 };\n}\n`,
  'src/Card.tsx': `export function Card({ title }: { title: string }) {\n  return <div style={{ padding: 13, color: '#ff0000' }}>{title}</div>;\n}\n`,
  'src/Badge.tsx': `export function Badge({ title }: { title: string }) {\n  return <span style={{ padding: 13, color: '#ff0000' }}>{title}</span>;\n}\n`,
  'README.md': '# test\n',
};

/** pass-through-function, which finds the wrapper in src/api.ts, is in the `all` preset. */
const STRICT = { 'plumbline.config.json': '{ "preset": "all" }\n' };

function committed(extra: Record<string, string> = {}): Repo {
  const repo = new Repo({ ...FILES, ...extra });
  repo.git('add', '.');
  repo.git('commit', '-q', '-m', 'init');
  return repo;
}

const comparable = (r: { result: { findings: unknown[]; summary: unknown; errors: unknown[]; skipped?: unknown[] } }) => ({
  findings: r.result.findings,
  summary: r.result.summary,
  errors: r.result.errors,
  skipped: r.result.skipped,
});

afterEach(() => vi.restoreAllMocks());

describe('git asked at once', () => {
  it('answers what the one-by-one questions answer: files, index blob ids, HEAD', async () => {
    const repo = committed();
    repo.write({
      'src/repo.ts': 'export const changed = 1;\n',
      'src/new.ts': 'export const n = 2;\n',
      '.gitignore': 'ignored.ts\n',
      'ignored.ts': 'x\n',
    });
    const git = (await startGitQueries(repo.root).result())!;
    expect(git.files.sort()).toEqual([
      '.gitignore',
      'README.md',
      'src/Badge.tsx',
      'src/Card.tsx',
      'src/api.ts',
      'src/new.ts',
      'src/repo.ts',
    ]);
    expect(git.knownHashes).toEqual(gitKnownHashes(repo.root));
    expect(git.knownHashes.has('src/repo.ts')).toBe(false);
    expect(git.head).toBe(headCommit(repo.root));
  });

  it('has no HEAD before the first commit, and is null outside git', async () => {
    const repo = new Repo(FILES);
    const git = (await startGitQueries(repo.root).result())!;
    expect(git.head).toBeNull();
    expect(git.files.length).toBe(5);
    expect(await startGitQueries(mkdtempSync(join(tmpdir(), 'plumbline-nogit-'))).result()).toBeNull();
  });
});

describe('scanAsync', () => {
  it('finds what scan() finds, in git and outside it', async () => {
    const repo = committed(STRICT);
    const plain = scan({ root: repo.root, cache: false });
    expect(plain.result.findings.length).toBeGreaterThan(0);
    expect(comparable(await scanAsync({ root: repo.root, cache: false }))).toEqual(comparable(plain));
    expect(comparable(await scanAsync({ root: repo.root }))).toEqual(comparable(plain));
    const noGit = mkdtempSync(join(tmpdir(), 'plumbline-loose-'));
    mkdirSync(join(noGit, 'src'));
    for (const [p, text] of Object.entries({ ...FILES, ...STRICT })) writeFileSync(join(noGit, p), text);
    const walked = scan({ root: noGit, cache: false });
    expect(walked.result.findings.length).toBe(plain.result.findings.length);
    expect(comparable(await scanAsync({ root: noGit }))).toEqual(comparable(walked));
  });

  it('does not read the facts file when nothing changed, and reads it ahead (once) after an edit that parses one file', async () => {
    const repo = committed();
    const first = await scanAsync({ root: repo.root });
    expect(first.stats.parsed).toBe(4);
    const preload = vi.spyOn(FactsCache.prototype, 'preload');
    // the private method that reads the file on first use
    const read = vi.spyOn(FactsCache.prototype as unknown as { load(): void }, 'load');

    const warm = await scanAsync({ root: repo.root });
    expect(warm.stats.reusedResult).toBe(true);
    expect(preload).not.toHaveBeenCalled();
    expect(read).not.toHaveBeenCalled();
    expect(comparable(warm)).toEqual(comparable(first));

    repo.write({ 'src/Card.tsx': `${FILES['src/Card.tsx']}export const edited = 42;\n` });
    const changed = await scanAsync({ root: repo.root });
    expect(changed.stats.reusedResult).toBeFalsy();
    expect(changed.stats.parsed).toBe(1);
    expect(changed.stats.fromCache).toBe(3);
    expect(preload).toHaveBeenCalledTimes(1);
    expect(preload.mock.calls[0]![0].subarray(0, 4).toString('latin1')).toBe('PLF3');
    expect(read).toHaveBeenCalled();
    expect(comparable(changed)).toEqual(comparable(scan({ root: repo.root, cache: false })));

    // the same tree again: reused, nothing read ahead
    preload.mockClear();
    expect((await scanAsync({ root: repo.root })).stats.reusedResult).toBe(true);
    expect(preload).not.toHaveBeenCalled();
  });
});

describe('reading the facts file ahead', () => {
  it('hands the newest facts file to the cache that uses it, and nothing to another', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plumbline-prefetch-'));
    const cache = FactsCache.open(dir, 'a');
    cache.set('h1:a.ts', { path: 'a.ts', hash: 'h1', language: 'ts', linesOfCode: 1, isTestFile: false, checkFindings: [], data: {} });
    cache.save();
    const bytes = await prefetchFactsFile(dir).take(FactsCache.open(dir, 'a'));
    expect(bytes?.subarray(0, 4).toString('latin1')).toBe('PLF3');
    expect(await prefetchFactsFile(dir).take(FactsCache.open(dir, 'b'))).toBeUndefined();
    expect(await prefetchFactsFile(join(dir, 'none')).take(cache)).toBeUndefined();
    // the cache reads the handed bytes instead of the file
    const fresh = FactsCache.open(dir, 'a');
    fresh.preload(bytes!);
    writeFileSync(fresh.file, 'not a facts file');
    expect(fresh.get('h1:a.ts')?.path).toBe('a.ts');
    expect(fresh.wasRead).toBe(true);
  });
});
