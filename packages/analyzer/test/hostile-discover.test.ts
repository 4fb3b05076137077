// Discovery over hostile trees (issue 10): symlink loops, symlinked files, dangling links, FIFOs and
// files deleted from the work tree. Inside git and outside it, only regular files are analysed, as in a
// commit snapshot (git-source leaves symlinks out), and nothing loops or blocks.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '@plumbline/core';
import { discoverFiles } from '../src/discover.js';

const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
const git = (root: string, ...args: string[]) =>
  execFileSync('git', ['-C', root, '-c', 'user.name=T', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    env,
    stdio: 'pipe',
  });

/** A tree with one real file and every kind of link and special file next to it. */
function hostileTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'plumbline-hostile-discover-'));
  mkdirSync(join(root, 'src/nested'), { recursive: true });
  writeFileSync(join(root, 'src/real.ts'), 'export const real = 1;\n');
  writeFileSync(join(root, 'src/deleted.ts'), 'export const deleted = 1;\n');
  writeFileSync(join(root, 'src/becomes-fifo.ts'), 'export const fifo = 1;\n');
  symlinkSync('real.ts', join(root, 'src/alias.ts')); // a symlinked file: analysed once, as real.ts
  symlinkSync('loop-b.ts', join(root, 'src/loop-a.ts')); // a two-link loop
  symlinkSync('loop-a.ts', join(root, 'src/loop-b.ts'));
  symlinkSync('self.ts', join(root, 'src/self.ts')); // a link to itself
  symlinkSync('missing.ts', join(root, 'src/dangling.ts'));
  symlinkSync('..', join(root, 'src/nested/up')); // a directory loop: src/nested/up/nested/up/...
  symlinkSync('.', join(root, 'src/here'));
  return root;
}

describe('discovery of a hostile tree', () => {
  it('outside git: the walk lists regular files only and does not follow directory loops', () => {
    const root = hostileTree();
    const { files, fromGit } = discoverFiles(root, defaultConfig());
    expect(fromGit).toBe(false);
    expect(files).toEqual(['src/becomes-fifo.ts', 'src/deleted.ts', 'src/real.ts']);
  });

  it('in a git work tree: tracked symlinks, loops, dangling links, deleted files and a FIFO are left out (regression)', () => {
    const root = hostileTree();
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'hostile');
    rmSync(join(root, 'src/deleted.ts')); // deleted, not staged: still in `git ls-files --cached`
    rmSync(join(root, 'src/becomes-fifo.ts'));
    execFileSync('mkfifo', [join(root, 'src/becomes-fifo.ts')]); // reading it would block forever
    writeFileSync(join(root, 'src/untracked.ts'), 'export const u = 1;\n');
    symlinkSync('untracked.ts', join(root, 'src/untracked-alias.ts'));
    const started = Date.now();
    const { files, fromGit } = discoverFiles(root, defaultConfig());
    expect(fromGit).toBe(true);
    expect(files).toEqual(['src/real.ts', 'src/untracked.ts']);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
