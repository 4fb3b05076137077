// The built CLI's trend with worker threads: a second thread analyses snapshots beside the main one (it
// is sent each file version's facts once). Its results must be exactly those of a run without workers.
// Child processes of the built CLI (npm test builds first): from TypeScript sources there are no workers.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReportJson } from '../src/formatters/report-json.js';
import { trend } from '../src/trend.js';
import { buildSixWeeks } from './trend-repo.js';
import type { SixWeeks } from './trend-repo.js';

const CLI = join(import.meta.dirname, '../../..', 'packages/cli/bin/plumbline.js');
const WINDOW = ['--since', '2024-01-01', '--every', 'day'];

let fx: SixWeeks;
beforeAll(() => {
  fx = buildSixWeeks();
});
afterAll(() => fx.repo.cleanup());

function trendCli(workers: string): { stdout: string; report: unknown } {
  const out = join(fx.repo.dir, '.plumbline', `report-${workers}.json`);
  const run = (extra: string[]) => {
    const r = spawnSync(process.execPath, [CLI, 'trend', fx.repo.dir, ...WINDOW, '--rebuild', ...extra], {
      encoding: 'utf8', env: { ...process.env, PLUMBLINE_WORKERS: workers },
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
    const two = trendCli('1');
    const m = /(\d+) snapshots analysed by a second thread/.exec(two.stdout);
    expect(m, two.stdout).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(0);
    expect(two.report).toEqual(single.report);
    const points = (two.report as { points: unknown[] }).points;
    expect(points.length).toBeGreaterThanOrEqual(5);
  });
  it('the built CLI (git run by its helper process, a worker thread) and the sources in this process (git spawned here, no threads) give the same report', async () => {
    const built = trendCli('1');
    const here = await trend({ root: fx.repo.dir, since: '2024-01-01', every: 'day', storePath: join(fx.repo.dir, '.plumbline/here.db') });
    const report = JSON.parse(formatReportJson(here.report)) as Record<string, unknown>;
    delete report.generatedAt;
    expect(report).toEqual(built.report);
  });
});
