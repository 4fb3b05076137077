// The built CLI's trend with worker threads: a second thread analyses snapshots beside the main one (it
// is sent each file version's facts once). Its results must be exactly those of a run without workers.
// Child processes of the built CLI (npm test builds first): from TypeScript sources there are no workers.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReportJson } from '../src/formatters/trend/json.js';
import { trend } from '../src/trend/index.js';
import { buildSixWeeks } from './trend-repo.js';
import type { SixWeeks } from './trend-repo.js';

const CLI = join(import.meta.dirname, '../../..', 'packages/cli/bin/plumbline.js');
const WINDOW = ['--since', '2024-01-01', '--every', 'day'];

let fx: SixWeeks;
beforeAll(() => {
  fx = buildSixWeeks();
});
afterAll(() => fx.repo.cleanup());

/** The built CLI's trend, with `PLUMBLINE_WORKERS` set to `workers` when given, and `flags`. */
function trendCli(workers: string | null, flags: string[] = []): { stdout: string; report: unknown } {
  const out = join(fx.repo.dir, '.plumbline', `report-${workers}-${flags.join('')}.json`);
  const env = { ...process.env };
  delete env.PLUMBLINE_WORKERS;
  if (workers !== null) env.PLUMBLINE_WORKERS = workers;
  const run = (extra: string[]) => {
    const r = spawnSync(process.execPath, [CLI, 'trend', fx.repo.dir, ...WINDOW, '--rebuild', ...flags, ...extra], {
      encoding: 'utf8',
      env,
    });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };
  const stdout = run([]);
  run(['--format', 'json', '--output', out]);
  const report = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
  delete report.generatedAt;
  return { stdout, report };
}

describe('trend snapshots analysed by a second thread', () => {
  it('give the report a single thread gives, and the second thread did take snapshots', () => {
    const single = trendCli('0');
    expect(single.stdout).not.toMatch(/by a second thread/);
    // facts all cached: every snapshot is left for the two threads, the worker takes them from the newest
    const two = trendCli('1', ['--concurrency', '3']); // the default is one thread on a machine with two CPUs or fewer
    const m = /(\d+) snapshots analysed by a second thread/.exec(two.stdout);
    expect(m, two.stdout).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(0);
    expect(two.report).toEqual(single.report);
    const points = (two.report as { points: unknown[] }).points;
    expect(points.length).toBeGreaterThanOrEqual(5);
  });
  it('--concurrency 1 and 2 analyse every snapshot in the main thread, 3 also in a second one, and all give the same report', () => {
    const one = trendCli(null, ['--concurrency', '1']);
    expect(one.stdout).not.toMatch(/by a second thread/);
    const two = trendCli(null, ['--concurrency', '2']);
    expect(two.stdout).not.toMatch(/by a second thread/);
    const three = trendCli(null, ['--concurrency', '3']);
    expect(three.stdout).toMatch(/[1-9]\d* snapshots analysed by a second thread/);
    expect(two.report).toEqual(one.report);
    expect(three.report).toEqual(one.report);
    const bad = spawnSync(process.execPath, [CLI, 'trend', fx.repo.dir, '--concurrency', '0'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--concurrency must be a positive whole number/);
  });
  it('the built CLI (git run by its helper process, a worker thread) and the sources in this process (git spawned here, no threads) give the same report', async () => {
    const built = trendCli('1');
    const here = await trend({ root: fx.repo.dir, since: '2024-01-01', every: 'day', storePath: join(fx.repo.dir, '.plumbline/here.db') });
    const report = JSON.parse(formatReportJson(here.report)) as Record<string, unknown>;
    delete report.generatedAt;
    expect(report).toEqual(built.report);
  });
});
