// Git edge cases (issue 10): a repository with no commits, a shallow clone, a detached HEAD, a directory
// outside any repository and a machine without git. Every command either works with what there is or
// stops with exit code 2 and says what to do; none crashes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { io, Repo, REPO_TS, STRICT_CONFIG, wrapper } from './git-repo.js';

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

async function run(cwd: string, ...argv: string[]) {
  const { out, handle } = io(cwd);
  const code = await main(argv, handle);
  return { code, ...out };
}

/** main with three commits: the wrapper arrives in the second. */
function history(): Repo {
  const repo = new Repo({ ...STRICT_CONFIG, 'src/repo.ts': REPO_TS });
  repo.commit('one');
  repo.write({ 'src/invoices.ts': wrapper('loadInvoice') }).commit('two');
  repo.write({ 'src/more.ts': 'export const more = 1;\n' }).commit('three');
  return repo;
}

describe('a repository with no commits', () => {
  const repo = () => new Repo({ ...STRICT_CONFIG, 'src/repo.ts': REPO_TS, 'src/invoices.ts': wrapper('loadInvoice') });

  it('scan analyses the untracked files, with commit null; --record says why it records nothing', async () => {
    const r = repo();
    const json = await run(r.root, 'scan', '--format', 'json');
    expect(json.code).toBe(0);
    const data = JSON.parse(json.stdout) as { commit: unknown; summary: { files: number }; findings: Array<{ file: string }> };
    expect(data.commit).toBeNull();
    expect(data.summary.files).toBe(2);
    expect(data.findings.map((f) => f.file)).toEqual(['src/invoices.ts']);
    const record = await run(r.root, 'scan', '--record');
    expect(record.code).toBe(0);
    expect(record.stderr).toContain('not recorded: not inside a git repository with a commit');
  });

  it('check --base, trend and report stop with exit 2 and the reason; check against a baseline works', async () => {
    const r = repo();
    const base = await run(r.root, 'check', '--base', 'main');
    expect(base.code).toBe(2);
    expect(base.stderr).toContain('--base: "main" is not a commit in the repository at');
    for (const cmd of ['trend', 'report']) {
      const t = await run(r.root, cmd);
      expect(t.code, cmd).toBe(2);
      expect(t.stderr, cmd).toContain('cannot resolve --ref "HEAD" to a commit');
    }
    expect((await run(r.root, 'baseline', 'update')).code).toBe(0);
    const check = await run(r.root, 'check');
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('passed');
  });
});

describe('a shallow clone', () => {
  function shallow(): { origin: Repo; clone: string } {
    const origin = history();
    origin
      .branch('feature')
      .write({ 'src/users.ts': wrapper('getUser', 'findUser') })
      .commit('feature');
    origin.checkout('main').write({ 'src/main-only.ts': 'export const m = 1;\n' }).commit('main moves on');
    const clone = mkdtempSync(join(tmpdir(), 'plumbline-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin.root}`, clone], { env, stdio: 'pipe' });
    return { origin, clone };
  }

  it('scan works at the tip; trend warns that history stops early and reports what it has', async () => {
    const { clone } = shallow();
    const tip = execFileSync('git', ['-C', clone, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const json = await run(clone, 'scan', '--format', 'json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).commit).toBe(tip);
    const trend = await run(clone, 'trend', '--format', 'json');
    expect(trend.code).toBe(0);
    expect(trend.stderr).toMatch(/shallow clone: history stops at \d{4}-\d\d-\d\d \([0-9a-f]{7}\); fetch all of it/);
    const report = JSON.parse(trend.stdout) as { points: Array<{ commit: string }> };
    expect(report.points.map((p) => p.commit)).toEqual([tip]);
  });

  it('check --base with no merge-base in the fetched history is exit 2 with the fix (fetch-depth: 0)', async () => {
    const { clone } = shallow();
    execFileSync('git', ['-C', clone, 'fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main'], { env, stdio: 'pipe' });
    const r = await run(clone, 'check', '--base', 'origin/main');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'no merge-base of origin/main and HEAD: the history is too shallow or unrelated (in CI use actions/checkout with fetch-depth: 0)',
    );
    const missing = await run(clone, 'check', '--base', 'origin/develop');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('(in CI, fetch it first: git fetch origin <branch>, or actions/checkout with fetch-depth: 0)');
  });
});

describe('a detached HEAD', () => {
  it('scan reports the commit and --record stores it; check --base and trend work from it', async () => {
    const repo = history();
    const second = repo.git('rev-parse', 'HEAD~1').trim();
    repo.git('checkout', '-q', '--detach', second);
    const json = await run(repo.root, 'scan', '--format', 'json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).commit).toBe(second);
    const record = await run(repo.root, 'scan', '--record');
    expect(record.stderr).toContain(`recorded the snapshot of ${second.slice(0, 7)}`);
    repo.write({ 'src/users.ts': wrapper('getUser', 'findUser') });
    const check = await run(repo.root, 'check', '--base', 'main', '--format', 'json');
    expect(check.code).toBe(1);
    const data = JSON.parse(check.stdout) as { check: { base: { commit: string }; newFindings: number } };
    expect(data.check.base.commit).toBe(second); // the merge-base of main and the detached HEAD
    expect(data.check.newFindings).toBe(1);
    const trend = await run(repo.root, 'trend', '--every', '1', '--format', 'json');
    expect(trend.code).toBe(0);
    expect((JSON.parse(trend.stdout) as { points: unknown[] }).points).toHaveLength(2);
  });
});

describe('no git', () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  function plainDir(): string {
    const root = mkdtempSync(join(tmpdir(), 'plumbline-nogit-'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src/repo.ts'), REPO_TS);
    writeFileSync(join(root, 'src/invoices.ts'), wrapper('loadInvoice'));
    writeFileSync(join(root, '.gitignore'), 'ignored/\n');
    mkdirSync(join(root, 'ignored'));
    writeFileSync(join(root, 'ignored/x.ts'), wrapper('ignoredWrapper'));
    return root;
  }

  async function expectNoGitOutcomes(root: string) {
    const json = await run(root, 'scan', '--format', 'json');
    expect(json.code).toBe(0);
    const data = JSON.parse(json.stdout) as { commit: unknown; summary: { files: number } };
    expect(data.commit).toBeNull();
    expect(data.summary.files).toBe(2); // the walk honours .gitignore
    const record = await run(root, 'scan', '--record');
    expect(record.code).toBe(0);
    expect(record.stderr).toContain('not recorded: not inside a git repository with a commit');
    const check = await run(root, 'check', '--base', 'main');
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('--base: "main" is not a commit');
    const trend = await run(root, 'trend');
    expect(trend.code).toBe(2);
    expect(trend.stderr).toContain(`trend reads git history, and ${root} is not inside a git repository`);
  }

  it('outside any repository: scan walks the tree; commands that need history stop with exit 2', async () => {
    await expectNoGitOutcomes(plainDir());
  });

  it('without a git binary on PATH: the same, nothing throws', async () => {
    const root = plainDir();
    const empty = mkdtempSync(join(tmpdir(), 'plumbline-empty-path-'));
    process.env.PATH = empty;
    expect(() => execFileSync('git', ['--version'], { stdio: 'ignore' })).toThrow();
    await expectNoGitOutcomes(root);
  });
});

describe('a committed symlink', () => {
  it('is not analysed, so check --base does not report its target as new code (regression)', async () => {
    const repo = new Repo({ ...STRICT_CONFIG, 'src/repo.ts': REPO_TS, 'src/invoices.ts': wrapper('loadInvoice') });
    symlinkSync('invoices.ts', join(repo.root, 'src/invoices-link.ts'));
    repo.commit('base with a symlink');
    repo.branch('feature').write({ 'src/other.ts': 'export const other = 1;\n' }).commit('unrelated change');
    const r = await run(repo.root, 'check', '--base', 'main', '--format', 'json');
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as { findings: Array<{ file: string }>; check: { newFindings: number } };
    expect(data.check.newFindings).toBe(0);
    expect(data.findings.map((f) => f.file)).toEqual(['src/invoices.ts']);
  });
});
