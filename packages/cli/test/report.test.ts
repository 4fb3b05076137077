import { describe, expect, it } from 'vitest';
import { bandOf, CALIBRATION, emptyCategoryTotals } from '@plumbline/core';
import type { Finding } from '@plumbline/core';
import { formatReportHtml } from '../src/formatters/trend/html.js';
import { formatReportJson } from '../src/formatters/trend/json.js';
import { formatReportMarkdown, sparkline } from '../src/formatters/trend/markdown.js';
import { markdownCode, markdownText } from '../src/formatters/text-safety.js';
import { findingKey } from '../src/history/records.js';
import type { CommitInfo, SnapshotRecord, StoredFinding } from '../src/history/records.js';
import { buildTrendReport, compileAssistantPatterns, selectSnapshots } from '../src/trend/index.js';
import type { TrendData, TrendReport, TrendStats } from '../src/trend/index.js';
import { formatTrendPretty } from '../src/formatters/trend/pretty.js';
import { defaultConfig, parseCodeowners } from '@plumbline/core';

const EVIL = '<img src=x onerror=alert(1)> | **bold** [link](http://evil.example) @everyone `tick` <script>alert(2)</script>';
const T = (iso: string) => Date.parse(iso) / 1000;

function stored(over: Partial<Finding>): StoredFinding {
  const f: Omit<Finding, 'related'> = {
    ruleId: 'pass-through-function',
    category: 'abstraction',
    severity: 'warning',
    message: `\`${EVIL}\` only passes its arguments on`,
    file: `src/${EVIL}/a.ts`,
    line: 4,
    column: 1,
    endLine: 4,
    endColumn: 5,
    effortMinutes: 10,
    fingerprint: 'fp',
    ...over,
  };
  return { ...f, key: findingKey(f) };
}

/** A rated density in band B of the current calibration that grows with the ratio (0.07 would reach C). */
const densityFor = (ratio: number) => CALIBRATION.cuts[0] + (CALIBRATION.cuts[1] - CALIBRATION.cuts[0]) * (ratio / 0.07);

function snapshot(commit: string, at: string, debt: number, ratio: number): SnapshotRecord {
  const byCategory = emptyCategoryTotals();
  byCategory.abstraction = { findings: debt / 10, debtMinutes: debt };
  return {
    analysisKey: 'k',
    commit,
    committedAt: T(at),
    recordedAt: 0,
    source: 'trend',
    toolVersion: '0.1.0',
    files: 10,
    linesOfCode: 1000,
    debtMinutes: debt,
    debtRatio: ratio,
    rating: bandOf(densityFor(ratio), CALIBRATION.cuts),
    calibration: CALIBRATION.version,
    ratedDensity: densityFor(ratio),
    duplicatedLinesRatio: ratio / 2,
    designSystemAdoption: 0.5,
    driftIndex: 0.1,
    findings: debt / 10,
    errors: 0,
    skipped: 0,
    byCategory,
    byRule: { 'pass-through-function': { category: 'abstraction', findings: debt / 10, debtMinutes: debt } },
  };
}

/** Three weeks, text from the repository that tries every trick. */
export function evilData(): TrendData {
  const history = [
    { sha: 'c'.repeat(40), time: T('2024-01-17T10:00:00Z') },
    { sha: 'b'.repeat(40), time: T('2024-01-10T10:00:00Z') },
    { sha: 'a'.repeat(40), time: T('2024-01-03T10:00:00Z') },
  ];
  const sel = selectSnapshots(history, T('2024-01-01T00:00:00Z'), history[0]!.time, { kind: 'week' });
  const commit: CommitInfo = {
    sha: 'd'.repeat(40),
    authorName: EVIL,
    authorEmail: 'e@x',
    authoredAt: T('2024-01-09T00:00:00Z'),
    committedAt: T('2024-01-09T00:00:00Z'),
    subject: EVIL,
    trailers: 'Co-authored-by: Copilot <x@y>',
  };
  const snaps = [
    snapshot('a'.repeat(40), '2024-01-03T10:00:00Z', 10, 0.02),
    snapshot('b'.repeat(40), '2024-01-10T10:00:00Z', 30, 0.04),
    snapshot('c'.repeat(40), '2024-01-17T10:00:00Z', 20, 0.06),
  ];
  const added = stored({ line: 9, endLine: 9 });
  return {
    root: `/repo/${EVIL}`,
    ref: EVIL,
    since: T('2024-01-01T00:00:00Z'),
    until: history[0]!.time,
    every: { kind: 'week' },
    notes: [EVIL],
    points: sel.points.map((p, i) => ({
      selected: p,
      snapshot: snaps[i]!,
      interval:
        i === 0
          ? null
          : {
              from: snaps[i - 1]!.commit,
              to: snaps[i]!.commit,
              linesAdded: 50,
              linesDeleted: 5,
              commits: [{ sha: commit.sha, linesAdded: 50, linesDeleted: 5 }],
              added:
                i === 1
                  ? [
                      { finding: added, shares: [{ sha: commit.sha, share: 1 }] },
                      { finding: stored({ line: 20, endLine: 20 }), shares: [{ sha: null, share: 1 }] },
                    ]
                  : [],
              fixed: i === 2 ? [stored({ line: 2, endLine: 2 })] : [],
            },
    })),
    commits: new Map([[commit.sha, commit]]),
    codeowners: parseCodeowners(`src/ @${EVIL.replace(/\s+/g, '_')}\n`),
    prefix: '',
    assistantPatterns: compileAssistantPatterns(defaultConfig()),
    devCostMinutesPerLine: 30,
  };
}

const report = (): TrendReport => buildTrendReport(evilData(), { generatedAt: new Date('2024-01-18T00:00:00Z') });

describe('report data', () => {
  it('builds the series, the change of the last week and the attribution', () => {
    const r = report();
    expect(r.points.map((p) => [p.label, p.debtMinutes, p.change?.newFindings ?? null, p.change?.fixedFindings ?? null])).toEqual([
      ['2024-01-01', 10, null, null],
      ['2024-01-08', 30, 2, 0],
      ['2024-01-15', 20, 0, 1],
    ]);
    expect(r.rate.lastChange).toMatchObject({ debtMinutes: -10, percent: -33.3, fixedFindings: 1 });
    expect(r.attribution).toMatchObject({ newFindings: 2, newDebtMinutes: 20, unattributedFindings: 1, unattributedDebtMinutes: 10 });
    expect(r.attribution.assistants).toMatchObject({
      commits: 1,
      assistantCommits: 1,
      debtShare: 1,
      commitShare: 1,
      assistantMinutesPer1000Lines: 200,
    });
    expect(r.rate.newCode).toMatchObject({ linesAdded: 100, newDebtMinutes: 20, minutesPer1000Lines: 200 });
    expect(r.rate.projection?.direction).toBe('worse');
  });

  it('is a pure function of its data', () => {
    expect(report()).toEqual(report());
    expect(JSON.parse(formatReportJson(report()))).toEqual(report());
  });
});

describe('Markdown report', () => {
  it('escapes every piece of repository text', () => {
    const md = formatReportMarkdown(report());
    const outsideCode = md.replace(/\\`/g, '').replace(/(`+)[^`][\s\S]*?\1/g, ''); // escaped backticks, then code spans
    expect(outsideCode).not.toContain('<img');
    expect(outsideCode).not.toContain('<script');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(outsideCode).not.toMatch(/[^\\]\]\(http:\/\/evil/); // no live link
    expect(outsideCode).not.toMatch(/@everyone/); // a word joiner stops the mention (code spans do too)
    expect(outsideCode).not.toMatch(/[^\\]\*\*bold/);
    // no table cell is broken by a pipe: every row of a table has as many cells as its header
    const tables: string[][] = [];
    let current: string[] | null = null;
    for (const line of md.split('\n')) {
      if (line.startsWith('|')) (current ??= (tables.push([]), tables[tables.length - 1]!)).push(line);
      else current = null;
    }
    expect(tables.length).toBeGreaterThanOrEqual(4);
    const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    for (const t of tables) for (const row of t) expect(cells(row), row).toBe(cells(t[0]!));
  });

  it('says what moved the debt, in the words the README explains', () => {
    const md = formatReportMarkdown(report());
    expect(md).toMatch(/\*\*Week over week\*\*: −10 min \(-33\.3%\); 0 new \(±0 min\), 1 fixed \(−10 min\)\./);
    expect(md).toMatch(
      /Commits with assistant trailers added 100% of the new debt credited to commits while being 100% of commits \(1 of 1\)\./,
    );
    expect(md).toMatch(/\*\*Projection\*\*: at this rate the rating reaches C in \d+ weeks?\./);
    expect(md).toContain('| Copilot | 1 | 10 min |');
  });

  it('escapes helpers: code spans hold any text, text loses its markup', () => {
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('x|y')).toBe('`x\\|y`');
    expect(markdownText('*a* <b> @me')).toBe('\\*a\\* &lt;b&gt; @\u2060me');
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([5, 5])).toBe('▄▄');
  });
});

describe('HTML report', () => {
  it('is one self-contained file that fetches nothing', () => {
    const html = formatReportHtml(report());
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;`,
    );
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|audio|video|source|base|form)\b|@import|url\(/i);
    expect(
      [...html.matchAll(/href="([^"]*)"/g)]
        .map((m) => m[1])
        .every((u) => u!.startsWith('https://github.com/plumbline-dev/plumbline/blob/main/rules/')),
    ).toBe(true);
    expect(html).not.toContain('<script>alert(2)');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });

  it('draws each chart with a point per snapshot', () => {
    const html = formatReportHtml(report());
    const chart = (name: string) =>
      html.match(new RegExp(`<svg class="chart[^"]*" data-chart="${name}" data-points="(\\d+)"[\\s\\S]*?</svg>`))!;
    const count = (svg: string, cls: string) => (svg.match(new RegExp(`class="${cls}"`, 'g')) ?? []).length;
    expect(count(chart('debt')[0], 'pt')).toBe(3);
    expect(count(chart('rating')[0], 'pt')).toBe(3);
    expect(count(chart('rating')[0], 'band')).toBeGreaterThanOrEqual(2); // A and B at least
    expect(count(chart('new-fixed')[0], 'new')).toBe(2);
    expect(count(chart('new-fixed')[0], 'fixed')).toBe(2);
    expect(count(chart('adoption-drift')[0], 'pt-adoption')).toBe(3);
    expect(count(chart('adoption-drift')[0], 'pt-drift')).toBe(3);
    expect(count(chart('directories')[0], 'bar')).toBe(1);
    expect(count(chart('commits')[0], 'bar')).toBe(1);
  });
});

describe('terminal trend view', () => {
  const stats: TrendStats = {
    points: 3,
    snapshots: 3,
    snapshotsComputed: 3,
    snapshotsInWorker: 0,
    snapshotsStored: 0,
    intervals: 2,
    intervalsComputed: 2,
    intervalsStored: 0,
    filesParsed: 10,
    snapshotMs: 1,
    intervalMs: 1,
  };

  it('keeps repository text on its line: a directory name with a line break or controls starts no line', () => {
    const data = evilData();
    // the newest period's new debt sits in a directory whose name carries a line break and controls
    const evil = stored({ file: 'src/evil\nFAKE: line\u001b[2J\u202e/a.ts', line: 9, endLine: 9, effortMinutes: 100 });
    data.points[2]!.interval!.added.push({ finding: evil, shares: [{ sha: null, share: 1 }] });
    data.points[1]!.interval!.added.push({ finding: evil, shares: [{ sha: null, share: 1 }] });
    const out = formatTrendPretty(buildTrendReport(data, { generatedAt: new Date('2024-01-18T00:00:00Z') }), stats, '/tmp/h\n.db');
    const lines = out.split('\n');
    expect(lines.some((l) => l.startsWith('FAKE'))).toBe(false);
    expect(out).toContain('Most new debt');
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e]/);
    expect(lines.filter((l) => l.includes('history in'))).toHaveLength(1);
  });
});

describe('rating and duplicated lines in the trend report', () => {
  it('re-rates snapshots of another calibration from their density, and marks the ones without a density', () => {
    const data = evilData();
    const [first, second] = data.points;
    // rated under an older calibration whose letter was E: re-rated with the current cut points
    first!.snapshot = { ...first!.snapshot, calibration: 'old.1', rating: 'E', ratedDensity: CALIBRATION.cuts[0] / 2 };
    // stored before the population rating: its SQALE letter, marked
    second!.snapshot = { ...second!.snapshot, calibration: null, rating: 'A', ratedDensity: null };
    const report = buildTrendReport(data, { generatedAt: new Date('2024-01-18T00:00:00Z') });
    expect(report.points.map((p) => [p.rating, p.ratingStale])).toEqual([
      ['A', false],
      ['A', true],
      [bandOf(report.points[2]!.ratedDensity!, CALIBRATION.cuts), false],
    ]);
    expect(report.calibration).toEqual({ version: CALIBRATION.version, population: CALIBRATION.population, cuts: CALIBRATION.cuts });
    expect(report.notes.at(-1)).toMatch(
      new RegExp(`^\\* rated before calibration ${CALIBRATION.version.replace(/\./g, '\\.')}: 1 snapshot`),
    );
    const md = formatReportMarkdown(report);
    expect(md).toMatch(/\| A\* \|/);
    const stats = {
      snapshots: 3,
      snapshotsComputed: 0,
      snapshotsStored: 3,
      intervals: 2,
      intervalsComputed: 0,
      intervalsStored: 2,
      filesParsed: 0,
    };
    expect(formatTrendPretty(report, stats as TrendStats, null)).toMatch(/ A\* /);
  });

  it('shows the duplicated-lines ratio week by week in every format', () => {
    const report = buildTrendReport(evilData(), { generatedAt: new Date('2024-01-18T00:00:00Z') });
    expect(report.points.map((p) => p.duplicatedLinesRatio)).toEqual([0.01, 0.02, 0.03]);
    const md = formatReportMarkdown(report);
    expect(md).toContain('| rating | ratio | duplicated lines |');
    expect(md).toMatch(/\| 3\.0% \| 0 \| 1 \|/);
    expect(md).toContain('**Duplicated lines**: 3.0% of lines of code (1.0% at 2024-01-01).');
  });
});
