import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trend } from '../src/trend/index.js';
import type { TrendOutput } from '../src/trend/index.js';
import { BOB, buildSixWeeks, DAVE, ERIN } from './trend-repo.js';
import type { SixWeeks } from './trend-repo.js';

// The acceptance test of issue 7: a real repository with dated commits over six weeks.
describe('trend over six weeks of a real git repository', () => {
  let fx: SixWeeks;
  let first: TrendOutput;

  beforeAll(async () => {
    fx = buildSixWeeks();
    first = await trend({ root: fx.repo.dir, since: '2024-01-01', generatedAt: new Date('2024-02-07T00:00:00Z') });
  });
  afterAll(() => fx.repo.cleanup());

  it('takes one snapshot per week: the last first-parent commit before each Monday, then the tip', () => {
    const { c1, c3, c5, c6, c7 } = fx.commits;
    expect(first.report.points.map((p) => [p.label, p.commit])).toEqual([
      ['2024-01-01', c1],
      ['2024-01-08', c3], // the merge, not the branch commits: first-parent history
      ['2024-01-15', c5],
      ['2024-01-22', c5], // a week without commits repeats the snapshot
      ['2024-01-29', c6],
      ['2024-02-05', c7],
    ]);
    expect(first.report.points.map((p) => p.end)).toEqual([
      '2024-01-08T00:00:00Z',
      '2024-01-15T00:00:00Z',
      '2024-01-22T00:00:00Z',
      '2024-01-29T00:00:00Z',
      '2024-02-05T00:00:00Z',
      '2024-02-06T10:00:00Z',
    ]);
    expect(first.stats).toMatchObject({
      points: 6,
      snapshots: 5,
      snapshotsComputed: 5,
      snapshotsStored: 0,
      intervals: 4,
      intervalsComputed: 4,
    });
  });

  it('scores each snapshot from its own tree', () => {
    expect(first.report.points.map((p) => p.findings)).toEqual([1, 3, 3, 3, 3, 4]);
    expect(first.report.points.map((p) => p.debtMinutes)).toEqual([10, 30, 30, 30, 30, 40]);
    expect(first.report.points.map((p) => p.byRule['pass-through-function']?.findings)).toEqual([1, 3, 3, 3, 3, 4]);
    expect(first.report.points.every((p) => p.byCategory.abstraction.debtMinutes === p.debtMinutes)).toBe(true);
  });

  it('counts new and fixed findings per week by fingerprint', () => {
    expect(first.report.points.map((p) => p.change && [p.change.newFindings, p.change.fixedFindings])).toEqual([
      null,
      [2, 0], // loadOrder, saveOrder
      [1, 1], // renderButton new, saveOrder fixed
      [0, 0], // no commit
      [0, 0], // users.ts moved unchanged: nothing new, nothing fixed
      [1, 0], // a copy of users.ts is one more fetchUser: new
    ]);
    expect(first.report.points[5]!.change).toMatchObject({ newDebtMinutes: 10, commits: 1, assistantCommits: 0 });
    // the books balance: each snapshot's findings are the previous ones plus new minus fixed
    first.report.points.slice(1).forEach((p, i) => {
      expect(p.findings - first.report.points[i]!.findings).toBe(p.change!.newFindings - p.change!.fixedFindings);
    });
  });

  it('does not count a moved file as new code, and counts the commits of each week', () => {
    const moved = first.report.points[4]!.change!;
    expect(moved).toMatchObject({ linesAdded: 0, linesDeleted: 0, newFindings: 0, fixedFindings: 0, commits: 1 });
    const week2 = first.report.points[1]!.change!;
    expect(week2).toMatchObject({ commits: 2, assistantCommits: 1 }); // c2 (Copilot) and c2b; the merge is not counted
    expect(week2.linesAdded).toBeGreaterThan(8);
  });

  it('attributes new debt to the commits that wrote the flagged lines, with the assistant-trailer split', () => {
    const at = first.report.attribution;
    expect(at).toMatchObject({ newFindings: 4, newDebtMinutes: 40, fixedFindings: 1, fixedDebtMinutes: 10, unattributedFindings: 0 });
    const byCommit = Object.fromEntries(at.commits.map((c) => [c.sha, [c.author, c.newFindings, c.newDebtMinutes, c.assistant]]));
    expect(byCommit).toEqual({
      [fx.commits.c2]: [BOB.name, 2, 20, 'Copilot'],
      [fx.commits.c5]: [DAVE.name, 1, 10, 'Claude'],
      [fx.commits.c7]: [ERIN.name, 1, 10, null],
    });
    // c2 (Copilot) and c5 (Claude) of six code commits (c2, c2b, c4, c5, c6, c7) added 30 of the 40 minutes
    expect(at.assistants).toMatchObject({
      commits: 6,
      assistantCommits: 2,
      commitShare: 0.3333,
      attributedDebtMinutes: 40,
      assistantDebtMinutes: 30,
      debtShare: 0.75,
    });
    expect(at.assistants.byAssistant).toEqual([
      { name: 'Copilot', commits: 1, newDebtMinutes: 20 },
      { name: 'Claude', commits: 1, newDebtMinutes: 10 },
    ]);
  });

  it('attributes new and fixed debt by directory and by CODEOWNERS owner', () => {
    const at = first.report.attribution;
    expect(at.directories.map((d) => [d.name, d.newFindings, d.newDebtMinutes, d.fixedFindings])).toEqual([
      ['src/features', 2, 20, 1],
      ['src/admin', 1, 10, 0],
      ['src/ui', 1, 10, 0],
    ]);
    expect(at.owners.map((d) => [d.name, d.newFindings, d.fixedFindings])).toEqual([
      ['@acme/features', 2, 1],
      ['(no owner)', 1, 0],
      ['@acme/ui', 1, 0],
    ]);
    expect(first.report.newFindings.map((f) => [f.file, f.period, f.commit])).toEqual([
      ['src/admin/users.ts', '2024-02-05', fx.commits.c7],
      ['src/features/orders.ts', '2024-01-08', fx.commits.c2],
      ['src/features/orders.ts', '2024-01-08', fx.commits.c2],
      ['src/ui/button.ts', '2024-01-15', fx.commits.c5],
    ]);
  });

  it('computes the rate, the week-over-week change and a projection', () => {
    const r = first.report.rate;
    expect(r.debtMinutesPerWeek).toBeGreaterThan(3);
    expect(r.debtMinutesPerWeek).toBeLessThan(8);
    expect(r.lastChange).toMatchObject({ label: '2024-02-05', debtMinutes: 10, percent: 33.3, newFindings: 1, fixedFindings: 0 });
    expect(r.newCode.newDebtMinutes).toBe(40);
    expect(r.newCode.linesAdded).toBeGreaterThan(0);
    expect(r.newCode.minutesPer1000Lines).toBeCloseTo((40 / r.newCode.linesAdded) * 1000, 1);
    expect(r.projection).not.toBeNull();
    expect(r.projection!.text).toMatch(/^at this rate the rating /);
  });

  it('keeps the history in .plumbline/history.db, and a second run computes nothing already stored', async () => {
    expect(first.storePath).toBe(join(fx.repo.dir, '.plumbline/history.db'));
    expect(existsSync(first.storePath!)).toBe(true);
    const second = await trend({ root: fx.repo.dir, since: '2024-01-01', generatedAt: new Date('2024-02-07T00:00:00Z') });
    expect(second.stats).toMatchObject({
      snapshotsComputed: 0,
      snapshotsStored: 5,
      intervalsComputed: 0,
      intervalsStored: 4,
      filesParsed: 0,
    });
    expect(second.report).toEqual(first.report);
  });

  it('computes only the snapshots a wider window adds', async () => {
    const daily = await trend({ root: fx.repo.dir, since: '2024-01-01', every: 'day' });
    // every commit of first-parent history is a daily snapshot; c2/c2b are on the branch
    expect(new Set(daily.report.points.map((p) => p.commit)).size).toBe(6);
    expect(daily.stats.snapshotsComputed).toBe(1); // c4, the only first-parent commit the weekly run skipped
    expect(daily.stats.snapshotsStored).toBe(5);
  });

  it('--rebuild recomputes everything and gives the same report', async () => {
    const again = await trend({ root: fx.repo.dir, since: '2024-01-01', rebuild: true, generatedAt: new Date('2024-02-07T00:00:00Z') });
    expect(again.stats).toMatchObject({ snapshotsComputed: 5, intervalsComputed: 4 });
    expect(again.report).toEqual(first.report);
  });

  it('--weekly scope attributes the last week only', async () => {
    const weekly = await trend({ root: fx.repo.dir, since: '2024-01-01', scope: 'last' });
    expect(weekly.stats.snapshotsComputed).toBe(0);
    expect(weekly.report.scope).toMatchObject({ kind: 'last', from: '2024-02-05', to: '2024-02-05' });
    expect(weekly.report.attribution).toMatchObject({ newFindings: 1, fixedFindings: 0 });
    expect(weekly.report.attribution.commits.map((c) => c.sha)).toEqual([fx.commits.c7]);
    expect(weekly.report.attribution.assistants).toMatchObject({ commits: 1, assistantCommits: 0, debtShare: 0 });
  });
});
