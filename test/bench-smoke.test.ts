// The benchmark's smoke test: a tiny generated tree through the real harness (no timing assertions),
// and the generator's promises (deterministic, history, debt of every kind) checked on its plan.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript modules of the bench, without type declarations
import { evaluate, formatTable, parseCli, warmPageCache } from '../scripts/bench.mjs';
// @ts-expect-error: plain JavaScript modules of the bench, without type declarations
import { generateRepo, parseSize, planRepo } from '../scripts/bench/generate-repo.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'plumbline-bench-smoke-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Step {
  ms?: number;
  cpuMs?: number | null;
  peakRssMb?: number;
  error?: string;
  scan?: { files: number; findings: number } | null;
}
interface Tree {
  name: string;
  kind: string;
  files: number;
  lines: number;
  steps: Record<string, Step>;
  ratios: Record<string, number | null>;
  goals: Record<string, { value: number; limit: number; met: boolean }>;
}

describe('npm run bench (smoke)', () => {
  it('runs cold, warm, one-file-changed, ESLint and trend on a tiny tree and writes the table and JSON', () => {
    const out = join(work, 'result.json');
    const stdout = execFileSync(
      process.execPath,
      [join(repo, 'scripts/bench.mjs'), '--sizes', '3k', '--steps', 'cold,warm,changed,eslint,trend', '--work-dir', work, '--out', out],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 600_000,
      },
    );
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      schemaVersion: number;
      machine: { cpus: number };
      trees: Tree[];
      table: string;
      commit: string | null;
      worktreeStatus: string[] | null;
    };
    expect(result.schemaVersion).toBe(1);
    // what code ran: the commit and whatever was uncommitted
    expect(result.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(Array.isArray(result.worktreeStatus)).toBe(true);
    expect(result.table).toContain(`code ${result.commit!.slice(0, 12)}`);
    expect(result.machine.cpus).toBeGreaterThan(0);
    expect(result.trees).toHaveLength(1);
    const tree = result.trees[0]!;
    expect(tree.kind).toBe('generated');
    expect(tree.lines).toBeGreaterThan(2500);
    for (const step of ['cold', 'warm', 'changed', 'eslint', 'trend']) {
      const s = tree.steps[step]!;
      expect(s.error, `${step}: ${s.error}`).toBeUndefined();
      expect(s.ms).toBeGreaterThan(0);
      expect(s.peakRssMb).toBeGreaterThan(0);
    }
    // the cold and warm scans analysed the same files and found the same things
    expect(tree.steps.cold!.scan!.files).toBeGreaterThan(20);
    expect(tree.steps.warm!.scan).toEqual(tree.steps.cold!.scan);
    expect(tree.ratios.eslint).toBe(1);
    expect(Object.keys(tree.goals)).toEqual(
      expect.arrayContaining(['cold <= 0.6x ESLint', 'warm <= 0.05x ESLint', 'one file changed <= 0.1x ESLint', 'trend <= 2x cold']),
    );
    // the table on stdout is the one in the JSON, with a row per step
    expect(stdout).toBe(result.table);
    for (const label of [
      'plumbline scan, cold',
      'plumbline scan, warm',
      'plumbline scan, 1 file changed',
      'ESLint + no-magic-numbers (baseline)',
      'plumbline trend, 26 weekly commits',
    ]) {
      expect(result.table).toContain(label);
    }
    // the edited file is restored
    expect(execFileSync('git', ['-C', join(work, 'gen-3k'), 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' })).toBe(
      '',
    );
  }, 900_000);

  it('judges goals on wall time, reports CPU ratios beside them, and names failed steps', () => {
    const steps = {
      cold: { ms: 500, cpuMs: 900, peakRssMb: 300 },
      warm: { ms: 40, cpuMs: 30, peakRssMb: 100 },
      changed: { ms: 150, cpuMs: 120, peakRssMb: 100 },
      trend: { ms: 1200, cpuMs: 1500, peakRssMb: 400 },
      eslint: { ms: 1000, cpuMs: 1000, peakRssMb: 500 },
      parse: { ms: 800, cpuMs: 800, peakRssMb: 400 },
      preset: { ms: 900, cpuMs: 1000, peakRssMb: 450 },
      jscpd: { error: 'jscpd exited with 2' },
    };
    const { ratios, cpuRatios, goals } = evaluate(steps);
    expect(ratios.cold).toBeCloseTo(0.5);
    expect(cpuRatios.cold).toBeCloseTo(0.9);
    expect(ratios.jscpd).toBeNull();
    expect(goals['cold <= 0.6x ESLint']).toMatchObject({ met: true, cpuValue: 0.9 });
    expect(goals['warm <= 0.05x ESLint'].met).toBe(true);
    expect(goals['one file changed <= 0.1x ESLint'].met).toBe(false);
    expect(goals['trend <= 2x cold'].value).toBeCloseTo(2.4);
    expect(goals['trend <= 2x cold'].met).toBe(false);
    expect(goals['preset adds <= 20% over parsing'].value).toBeCloseTo(0.125);
    const table = formatTable({
      machine: { cpus: 2, cpuModel: 'X', memoryGb: 8, os: 'linux', node: 'v20' },
      trees: [{ name: 't', files: 1, lines: 2, steps, ratios, cpuRatios, goals }],
    });
    expect(table).toContain('jscpd 5.3.2');
    expect(table).toContain('failed: jscpd exited with 2');
    expect(table).toContain('goal one file changed <= 0.1x ESLint: 0.150 (CPU 0.120) MISSED');
  });

  it('refuses unknown steps and bad sizes with a message that says what is expected', () => {
    expect(() => parseCli(['--steps', 'cold,lint'])).toThrow(/unknown step\(s\) lint; the steps are cold, warm/);
    expect(() => parseCli(['--weeks', '0'])).toThrow(/--weeks must be a positive whole number/);
    expect(() => parseSize('big')).toThrow(/size must look like 50k/);
    expect(parseSize('50k')).toBe(50_000);
    expect(() => parseCli(['--page-cache', 'cold'])).toThrow(
      /--page-cache is warm \(read the tree before each step\) or as-is, got "cold"/,
    );
  });

  it('reads the tree before each step unless --page-cache as-is: every listed file, not the ignored ones', () => {
    expect(parseCli([]).warmPageCache).toBe(true);
    expect(parseCli(['--page-cache', 'as-is']).warmPageCache).toBe(false);
    const tree = join(work, 'warm-tree');
    mkdirSync(join(tree, 'src'), { recursive: true });
    execFileSync('git', ['init', '-q', tree]);
    writeFileSync(join(tree, '.gitignore'), 'out/\n');
    writeFileSync(join(tree, 'src/a.ts'), 'export const a = 1;\n');
    mkdirSync(join(tree, 'out'));
    writeFileSync(join(tree, 'out/big.js'), 'x'.repeat(10_000));
    execFileSync('git', ['-C', tree, 'add', '.gitignore']);
    // tracked (.gitignore) and untracked (src/a.ts) files are read; the ignored out/big.js is not
    expect(warmPageCache(tree)).toBe('out/\n'.length + 'export const a = 1;\n'.length);
    expect(warmPageCache(join(work, 'no-such-tree'))).toBe(0);
  });
});

describe('the generated monorepo', () => {
  it('is the same on every run: same commit ids', () => {
    const a = generateRepo({ size: '2k', dir: join(work, 'a') }) as { commits: number };
    const b = generateRepo({ size: '2k', dir: join(work, 'b') });
    const head = (d: string) => execFileSync('git', ['-C', join(work, d), 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    expect(head('a')).toBe(head('b'));
    expect(a.commits).toBe(27);
    expect(Number(execFileSync('git', ['-C', join(work, 'a'), 'rev-list', '--count', 'HEAD'], { encoding: 'utf8' }))).toBe(27);
    // weekly commits: 26 weeks between the first and the last
    const times = execFileSync('git', ['-C', join(work, 'a'), 'log', '--format=%ct'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map(Number);
    expect((times[0]! - times[times.length - 1]!) / 86400).toBe(26 * 7);
    expect(b).toMatchObject({ files: expect.any(Number) });
    expect(existsSync(join(work, 'a', 'packages/design-system/src/tokens.json'))).toBe(true);
  });

  it('plans features with debt of every kind at realistic rates', () => {
    const plan = planRepo(parseSize('60k')) as { features: Array<{ spec: { dir: string }; files: Map<string, string>; born: number }> };
    const all = plan.features.flatMap((f) => [...f.files].map(([p, t]) => [`${f.spec.dir}/${p}`, t] as const));
    const count = (re: RegExp) => all.filter(([, t]) => re.test(t)).length;
    const components = all.filter(([p]) => /components\/.*\.(tsx|css)$/.test(p));
    // several HTTP clients and date libraries, the sanctioned one the most used
    expect(count(/from '@acme\/utils';\n[^]*apiClient\./)).toBeGreaterThan(count(/from 'axios'/));
    for (const lib of [/from 'axios'/, /from 'ky'/, /from 'moment'/, /from 'date-fns'/]) expect(count(lib)).toBeGreaterThan(0);
    // hard-coded colors in a fifth to a third of the component files, tokens in more of them
    const hex = components.filter(([, t]) => /#[0-9a-f]{6}\b/.test(t)).length;
    expect(hex / components.length).toBeGreaterThan(0.15);
    expect(hex / components.length).toBeLessThan(0.4);
    expect(components.filter(([, t]) => /tokens\.|var\(--/.test(t)).length).toBeGreaterThan(hex);
    // re-implemented buttons, pass-through wrappers, copied snippets
    expect(all.filter(([p]) => /(Action|Primary|Submit|Save|Confirm)Button\.tsx$/.test(p)).length).toBeGreaterThan(0);
    expect(count(/export function fetch\w+ById\(id: string\) \{\n {2}return get\w+\(id\);\n\}/)).toBeGreaterThan(0);
    expect(count(/export function debounce</)).toBeGreaterThan(1);
    // three component declaration styles
    for (const style of [/export function \w+Card\(/, /export const \w+Card = \(/, /export const \w+Card: React\.FC</])
      expect(count(style)).toBeGreaterThan(0);
    // most features exist from the start, the rest arrive over the 26 weeks
    const born = plan.features.map((f) => f.born);
    expect(born.filter((w) => w === 0).length / born.length).toBeCloseTo(0.7, 1);
    expect(Math.max(...born)).toBeLessThanOrEqual(26);
  });
});
