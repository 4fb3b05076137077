// scan --watch keeps the editor cache fresh: a saved change triggers a scan that parses only that file.
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_FINDINGS_FILE } from '@plumbline/core';
import type { ProjectFindingsCache } from '@plumbline/core';
import type { ScanOutput } from '../src/scan.js';
import { startWatch } from '../src/watch.js';
import type { Watcher } from '../src/watch.js';
import { wrapper, REPO_TS } from './git-repo.js';

let watcher: Watcher | undefined;
afterEach(() => watcher?.close());

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'plumbline-watch-'));
  mkdirSync(join(root, 'src/nested'), { recursive: true });
  writeFileSync(join(root, 'src/repo.ts'), REPO_TS);
  writeFileSync(join(root, 'src/nested/a.ts'), 'export const a = 1;\n');
  return root;
}

/** Resolves with the next scan after `action`, or fails after a timeout. */
function nextScan(
  scans: Array<{ out: ScanOutput; changed: string[] }>,
  action: () => void,
  timeoutMs = 20_000,
): Promise<{ out: ScanOutput; changed: string[] }> {
  const before = scans.length;
  action();
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (scans.length > before) {
        clearInterval(poll);
        resolve(scans[scans.length - 1]!);
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error('no scan after the change'));
      }
    }, 25);
  });
}

describe('plumbline scan --watch', () => {
  it('scans at start, then again after a file is saved, parsing only that file and rewriting the editor cache', async () => {
    const root = project();
    // pass-through-function, whose findings show what each scan saw, is in the `all` preset
    writeFileSync(join(root, 'plumbline.config.json'), '{ "preset": "all" }\n');
    const scans: Array<{ out: ScanOutput; changed: string[] }> = [];
    const errors: Error[] = [];
    watcher = startWatch({ root, debounceMs: 50, onScan: (out, changed) => scans.push({ out, changed }), onError: (e) => errors.push(e) });
    await watcher.ready;
    expect(scans).toHaveLength(1);
    expect(scans[0]!.out.result.findings).toEqual([]);
    const cacheFile = join(root, '.plumbline/cache', PROJECT_FINDINGS_FILE);
    const firstWrite = statSync(cacheFile).mtimeMs;

    const second = await nextScan(scans, () =>
      writeFileSync(join(root, 'src/nested/a.ts'), wrapper('loadInvoice').replace("'./repo'", "'../repo'")),
    );
    expect(second.changed).toEqual(['src/nested/a.ts']);
    expect(second.out.stats.parsed).toBe(1);
    expect(second.out.result.findings.map((f) => [f.file, f.ruleId])).toEqual([['src/nested/a.ts', 'pass-through-function']]);
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as ProjectFindingsCache;
    expect(cache.root).toBe(root);
    expect(statSync(cacheFile).mtimeMs).toBeGreaterThanOrEqual(firstWrite);

    // a new file in a directory that did not exist before: the parent is watched, the new one after the scan
    await nextScan(scans, () => {
      mkdirSync(join(root, 'src/feature'));
      writeFileSync(join(root, 'src/feature/b.ts'), wrapper('getUser', 'findUser').replace("'./repo'", "'../repo'"));
    });
    for (let i = 0; i < 40 && !scans.at(-1)!.out.result.findings.some((f) => f.file === 'src/feature/b.ts'); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(scans.at(-1)!.out.result.findings.map((f) => f.file)).toContain('src/feature/b.ts');
    const third = await nextScan(scans, () => writeFileSync(join(root, 'src/feature/b.ts'), 'export const b = 2;\n'));
    expect(third.changed).toEqual(['src/feature/b.ts']);
    expect(third.out.result.findings.map((f) => f.file)).toEqual(['src/nested/a.ts']);
    expect(errors).toEqual([]);
  });

  it('a bad config is reported and watched: fixing it scans again', async () => {
    const root = project();
    writeFileSync(join(root, 'plumbline.config.json'), '{ "exclude": "src" }');
    const scans: Array<{ out: ScanOutput; changed: string[] }> = [];
    const errors: Error[] = [];
    watcher = startWatch({ root, debounceMs: 50, onScan: (out, changed) => scans.push({ out, changed }), onError: (e) => errors.push(e) });
    await watcher.ready;
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('key "exclude"')]);
    const fixed = await nextScan(scans, () => writeFileSync(join(root, 'plumbline.config.json'), '{ "exclude": ["legacy/**"] }'));
    expect(fixed.changed).toEqual(['plumbline.config.json']);
  });

  it('ignores files it does not analyse and stops when closed', async () => {
    const root = project();
    const scans: Array<{ out: ScanOutput; changed: string[] }> = [];
    watcher = startWatch({ root, debounceMs: 50, onScan: (out, changed) => scans.push({ out, changed }), onError: () => undefined });
    await watcher.ready;
    writeFileSync(join(root, 'src/notes.txt'), 'not code');
    await new Promise((r) => setTimeout(r, 400));
    expect(scans).toHaveLength(1);
    watcher.close();
    writeFileSync(join(root, 'src/nested/a.ts'), 'export const a = 2;\n');
    await new Promise((r) => setTimeout(r, 400));
    expect(scans).toHaveLength(1);
  });
});
