// Shell metacharacters in branch names, paths, the repository directory and output files (issue 10)
// reach git only as single arguments: nothing is executed. Every name carries a `touch <marker>` that a
// shell would run; after scan, check, baseline, trend and report have used them all, no marker exists.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { io, REPO_TS, STRICT_CONFIG, wrapper } from './git-repo.js';

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** A repository in a directory of our choosing (the shared Repo helper picks its own). */
class HostileRepo {
  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
    this.git('init', '-q', '-b', 'main');
  }
  git(...args: string[]): string {
    return execFileSync('git', ['-C', this.root, '-c', 'commit.gpgsign=false', ...args], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
  write(files: Record<string, string>): this {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(this.root, path)), { recursive: true });
      writeFileSync(join(this.root, path), content);
    }
    return this;
  }
  commit(message: string): void {
    this.git('add', '-A');
    this.git('commit', '-q', '-m', message);
  }
}

const SRC = join(import.meta.dirname, '../..');
const M = `PWNED${process.pid}`;

/** Branch names git accepts that a shell would turn into a command. */
const BRANCHES = [
  `$(touch\${IFS}${M}-dollar)`,
  `feature;touch\${IFS}${M}-semi`,
  `\`touch\${IFS}${M}-backtick\``,
  `x|touch\${IFS}${M}-pipe&&y`,
  `it's"q"${M}>${M}-redirect`,
];
/** File names: one wrapper each, so that findings, blame and history all carry the name. */
const FILES = [
  `src/$(touch ${M}-file).ts`,
  `src/a; touch ${M}-semi-file.ts`,
  'src/with  two spaces.ts',
  `src/\`touch ${M}-bt-file\`.ts`,
  `src/--output=${M}-opt-file.ts`,
  'src/-L1,1.ts',
  `src/line\nbreak & touch ${M}-nl.ts`,
];

let sandbox: string;
let repo: HostileRepo;
let previousCwd: string;

/** Every file or directory under `dir` whose name starts with the marker: what an injected `touch` leaves. */
function markers(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.name.startsWith(M) && !e.parentPath.includes(`${join('.git', '')}`))
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

async function run(...argv: string[]) {
  const { out, handle } = io(sandbox);
  const code = await main(argv, handle);
  return { code, ...out };
}

beforeAll(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'plumbline-git-safety-'));
  // the repository lives in a directory whose name is a shell command line
  const parent = mkdtempSync(join(tmpdir(), `repo $(touch ${M}-root) ; touch ${M}-root2 ; \`touch ${M}-root3\` '`));
  repo = new HostileRepo(join(parent, `r $(touch ${M}-dir) ; x`));
  repo.write({ ...STRICT_CONFIG, 'src/repo.ts': REPO_TS }).commit('base');
  repo.git('checkout', '-q', '-b', BRANCHES[0]!);
  repo.write(Object.fromEntries(FILES.map((f, i) => [f, wrapper(`load${i}`)]))).commit(`add wrappers; $(touch ${M}-subject)`);
  for (const b of BRANCHES.slice(1)) repo.git('branch', b);
  previousCwd = process.cwd();
  process.chdir(sandbox); // a shell started by mistake would run here
});

afterAll(() => {
  process.chdir(previousCwd);
});

describe('hostile names reach git as arguments only', () => {
  it('git accepts every branch name, and the files exist under their literal names', () => {
    const branches = repo.git('for-each-ref', '--format=%(refname:short)', 'refs/heads').split('\n').filter(Boolean);
    expect(branches.sort()).toEqual([...BRANCHES, 'main'].sort());
    for (const f of FILES) expect(existsSync(join(repo.root, f)), f).toBe(true);
  });

  it('scan finds every file by its literal name and writes --output to a literal path', async () => {
    const out = join(sandbox, `$(touch ${M}-out).json`);
    const r = await run('scan', repo.root, '--format', 'json', '--output', out);
    expect(r.code).toBe(0);
    const data = JSON.parse(readFileSync(out, 'utf8')) as { findings: Array<{ file: string; ruleId: string }> };
    expect(
      data.findings
        .filter((f) => f.ruleId === 'pass-through-function')
        .map((f) => f.file)
        .sort(),
    ).toEqual([...FILES].sort());
  });

  it('check --base and --head resolve every branch name; --report writes to a literal path', async () => {
    for (const b of BRANCHES) {
      const r = await run('check', repo.root, '--base', 'main', '--head', b, '--format', 'json');
      expect(r.code, `${b}: ${r.stderr}`).toBe(1);
      expect((JSON.parse(r.stdout) as { check: { newFindings: number } }).check.newFindings, b).toBe(FILES.length);
      const same = await run('check', repo.root, '--base', b, '--report', `sarif=${join(sandbox, `a; touch ${M}-sarif.sarif`)}`);
      expect(same.code, `${b}: ${same.stderr}`).toBe(0);
    }
    expect(existsSync(join(sandbox, `a; touch ${M}-sarif.sarif`))).toBe(true);
  });

  it('trend and report read the history of a hostile ref, blame the hostile paths, and write the report to a literal path', async () => {
    const t = await run('trend', repo.root, '--ref', BRANCHES[1]!, '--every', '1', '--format', 'json');
    expect(t.code, t.stderr).toBe(0);
    const report = JSON.parse(t.stdout) as { points: unknown[]; attribution: { newFindings: number; unattributedFindings: number } };
    expect(report.points).toHaveLength(2);
    expect(report.attribution.newFindings).toBe(FILES.length);
    expect(report.attribution.unattributedFindings).toBe(0); // blame found the commit for every hostile path
    const html = join(sandbox, `$(touch ${M}-report).html`);
    const r = await run('report', repo.root, '--ref', BRANCHES[2]!, '--every', '1', '--format', 'html', '--output', html);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('<!doctype html>');
  });

  it('a ref that looks like an option is refused, never passed on as one', async () => {
    repo.git('update-ref', `refs/heads/--output=${M}-opt`, 'main');
    const check = await run('check', repo.root, `--base=--output=${M}-opt`);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain(`--base: "--output=${M}-opt" is not a commit`);
    const trend = await run('trend', repo.root, `--ref=--output=${M}-opt`);
    expect(trend.code).toBe(2);
    expect(trend.stderr).toContain(`cannot resolve --ref "--output=${M}-opt"`);
    repo.git('update-ref', '-d', `refs/heads/--output=${M}-opt`);
  });

  it('a --config path with metacharacters is only a path', async () => {
    const r = await run('scan', repo.root, '--config', `$(touch ${M}-cfg).json`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(sandbox, `$(touch ${M}-cfg).json`)}: the file: file not found`);
  });

  it('nothing was executed: no marker anywhere a shell could have written it', () => {
    // the search finds a marker when there is one
    execFileSync('sh', ['-c', `touch ${M}-probe`], { cwd: sandbox });
    expect(markers(sandbox)).toEqual([`${M}-probe`]);
    execFileSync('rm', [join(sandbox, `${M}-probe`)]);
    const parent = join(repo.root, '..');
    expect(markers(sandbox)).toEqual([]);
    expect(markers(parent)).toEqual([]);
    expect(markers(previousCwd).filter((p) => !p.includes('node_modules'))).toEqual([]);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith(M))).toEqual([]);
    expect(readdirSync(process.env.HOME ?? '/root').filter((n) => n.startsWith(M))).toEqual([]);
  });
});

describe('the source never starts a shell', () => {
  it('child processes are started with execFileSync, spawn or spawnSync only, and never with a shell option', () => {
    const offenders: string[] = [];
    for (const pkg of ['core', 'analyzer', 'eslint-plugin', 'cli']) {
      const dir = join(SRC, pkg, 'src');
      for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
        if (!e.isFile() || !e.name.endsWith('.ts')) continue;
        const path = join(e.parentPath, e.name);
        const text = readFileSync(path, 'utf8');
        const imports = [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(?:node:)?child_process'/g)].flatMap((m) =>
          m[1]!
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        );
        for (const name of imports)
          if (!['execFileSync', 'spawn', 'spawnSync', 'execFile'].includes(name)) offenders.push(`${relative(SRC, path)}: imports ${name}`);
        if (/from\s*'(?:node:)?child_process'/.test(text) && /\bshell\s*:/.test(text))
          offenders.push(`${relative(SRC, path)}: passes a shell option`);
        if (/import\s+\*\s+as\s+\w+\s+from\s*'(?:node:)?child_process'|require\(\s*'(?:node:)?child_process'\s*\)/.test(text))
          offenders.push(`${relative(SRC, path)}: imports child_process whole`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
