import { describe, expect, it } from 'vitest';
import { defaultConfig } from '@plumbline/core';
import {
  assistantOf,
  compileAssistantPatterns,
  DEFAULT_ASSISTANT_PATTERNS,
  matchFindings,
  parseEvery,
  parseSince,
  parseUntil,
  project,
  reidentify,
  selectSnapshots,
  sharesFor,
  slope,
} from '../src/trend/index.js';
import type { HistoryCommit } from '../src/trend/index.js';

const T = (iso: string) => Date.parse(iso) / 1000;
const DAY = 86_400;

describe('--since, --until, --every', () => {
  const until = T('2024-07-01T12:00:00Z');
  it('reads durations back from --until and dates', () => {
    expect(parseSince('26w', until)).toBe(until - 26 * 7 * DAY);
    expect(parseSince('90d', until)).toBe(until - 90 * DAY);
    expect(parseSince('6m', until)).toBe(T('2024-01-01T12:00:00Z'));
    expect(parseSince('1y', until)).toBe(T('2023-07-01T12:00:00Z'));
    expect(parseSince(undefined, until)).toBe(until - 26 * 7 * DAY);
    expect(parseSince('2024-03-04', until)).toBe(T('2024-03-04T00:00:00Z'));
    expect(parseUntil('2024-03-04')).toBe(T('2024-03-05T00:00:00Z') - 1);
  });
  it('rejects what it cannot read, naming the flag', () => {
    expect(() => parseSince('last tuesday', until)).toThrow(/--since must be a date .* or a duration/);
    expect(() => parseSince('2024-13-45', until)).toThrow(/--since/);
    expect(() => parseEvery('fortnight')).toThrow(/--every must be week, day or a number of commits/);
    expect(() => parseEvery('0')).toThrow(/--every/);
  });
  it('knows weeks, days and commit counts', () => {
    expect(parseEvery(undefined)).toEqual({ kind: 'week' });
    expect(parseEvery('day')).toEqual({ kind: 'day' });
    expect(parseEvery('50')).toEqual({ kind: 'commits', n: 50 });
    expect(parseEvery('20 commits')).toEqual({ kind: 'commits', n: 20 });
  });
});

describe('selectSnapshots', () => {
  // first-parent history, newest first
  const history: HistoryCommit[] = [
    { sha: 'e', time: T('2024-01-24T10:00:00Z') }, // Wednesday of the week of 01-22
    { sha: 'd', time: T('2024-01-22T00:00:00Z') }, // exactly on a boundary: belongs to the week it starts
    { sha: 'c', time: T('2024-01-10T10:00:00Z') },
    { sha: 'b', time: T('2024-01-09T10:00:00Z') },
    { sha: 'a', time: T('2024-01-03T10:00:00Z') },
  ];
  const until = history[0]!.time;

  it('takes the last commit before each Monday 00:00 UTC, then the tip', () => {
    const s = selectSnapshots(history, T('2024-01-01T00:00:00Z'), until, { kind: 'week' });
    expect(s.points.map((p) => [p.label, p.commit.sha])).toEqual([
      ['2024-01-01', 'a'],
      ['2024-01-08', 'c'],
      ['2024-01-15', 'c'],
      ['2024-01-22', 'e'],
    ]);
    expect(s.notes).toEqual([]);
  });

  it('reports the periods before the first commit instead of inventing them', () => {
    const s = selectSnapshots(history, T('2023-12-01T00:00:00Z'), until, { kind: 'week' });
    expect(s.points[0]!.commit.sha).toBe('a');
    expect(s.notes).toHaveLength(1);
    expect(s.notes[0]).toMatch(/^history starts at 2024-01-03 \(a\): 5 of the 9 weeks in the window precede it/);
  });

  it('takes days, and every n-th first-parent commit', () => {
    const days = selectSnapshots(history, T('2024-01-08T00:00:00Z'), until, { kind: 'day' });
    expect(days.points).toHaveLength(17);
    expect(days.points[0]).toMatchObject({ label: '2024-01-08', commit: { sha: 'a' } });
    expect(days.points[days.points.length - 1]).toMatchObject({ label: '2024-01-24', commit: { sha: 'e' } });
    const every2 = selectSnapshots(history, T('2024-01-01T00:00:00Z'), until, { kind: 'commits', n: 2 });
    expect(every2.points.map((p) => p.commit.sha)).toEqual(['a', 'c', 'e']);
  });

  it('stops at --until', () => {
    const s = selectSnapshots(history, T('2024-01-01T00:00:00Z'), T('2024-01-12T00:00:00Z'), { kind: 'week' });
    expect(s.points.map((p) => p.commit.sha)).toEqual(['a', 'c']);
    expect(s.points[1]!.end).toBe(T('2024-01-12T00:00:00Z'));
  });
});

describe('matchFindings: multisets of fingerprints, same file first, then across files', () => {
  const f = (fingerprint: string, file: string, line: number) => ({ fingerprint, file, line });

  it('a file moved unchanged adds and fixes nothing', () => {
    const r = matchFindings(
      [f('x', 'src/a/users.ts', 3), f('y', 'src/a/users.ts', 9)],
      [f('x', 'src/b/users.ts', 3), f('y', 'src/b/users.ts', 9)],
    );
    expect(r).toEqual({ added: [], fixed: [] });
  });

  it('a second copy of old code is new: the copy, not the original', () => {
    const r = matchFindings([f('x', 'src/users.ts', 3)], [f('x', 'src/users.ts', 5), f('x', 'src/admin/copy.ts', 3)]);
    expect(r.added).toEqual([f('x', 'src/admin/copy.ts', 3)]);
    expect(r.fixed).toEqual([]);
  });

  it('lines that move inside a file do not count; a removed and an added instance do', () => {
    const r = matchFindings([f('x', 'a.ts', 10), f('x', 'a.ts', 40), f('z', 'a.ts', 50)], [f('x', 'a.ts', 12), f('w', 'a.ts', 60)]);
    expect(r.added).toEqual([f('w', 'a.ts', 60)]);
    expect(r.fixed).toEqual([f('x', 'a.ts', 40), f('z', 'a.ts', 50)]);
  });

  it('moved with the same name pairs before a look-alike elsewhere', () => {
    const r = matchFindings([f('x', 'old/button.ts', 1)], [f('x', 'ui/button.ts', 1), f('x', 'ui/other.ts', 1)]);
    expect(r.added).toEqual([f('x', 'ui/other.ts', 1)]);
  });
});

describe('reidentify: untouched code under a new fingerprint is not new debt', () => {
  const f = (ruleId: string, file: string, line: number, fingerprint = `${ruleId}@${line}`) => ({ ruleId, file, line, fingerprint });
  const untouched = [{ sha: null, share: 1 }];
  const touched = [{ sha: 'c1', share: 1 }];

  it('pairs an untouched new finding with a fixed one of the same rule in the same file', () => {
    // a third copy elsewhere changed the clone's fingerprint in a.ts; c.ts holds the new copy
    const r = reidentify(
      [
        { finding: f('copied-code', 'a.ts', 10, 'x3'), shares: untouched },
        { finding: f('copied-code', 'c.ts', 1, 'x3'), shares: touched },
      ],
      [f('copied-code', 'a.ts', 10, 'x2')],
    );
    expect(r.added.map((a) => a.finding.file)).toEqual(['c.ts']);
    expect(r.fixed).toEqual([]);
  });

  it('keeps what a commit touched, other rules, other files, and follows renames', () => {
    const added = [
      { finding: f('magic-number', 'a.ts', 5), shares: touched },
      { finding: f('magic-number', 'b.ts', 5), shares: untouched },
      { finding: f('repeated-literal', 'new.ts', 7), shares: untouched },
    ];
    const fixed = [f('magic-number', 'a.ts', 6), f('pass-through-function', 'b.ts', 5), f('repeated-literal', 'old.ts', 9)];
    const r = reidentify(added, fixed, new Map([['new.ts', new Set(['old.ts'])]]));
    expect(r.added.map((a) => a.finding.file)).toEqual(['a.ts', 'b.ts']);
    expect(r.fixed.map((x) => x.file)).toEqual(['a.ts', 'b.ts']);
  });

  it('pairs nearest lines first', () => {
    const r = reidentify([{ finding: f('r', 'a.ts', 50), shares: untouched }], [f('r', 'a.ts', 10), f('r', 'a.ts', 48)]);
    expect(r.fixed.map((x) => x.line)).toEqual([10]);
  });
});

describe('attribution helpers', () => {
  it('credits a finding to the commits that touched its lines, by share of lines', () => {
    const blame = new Map<number, string | null>([
      [10, 'a'],
      [11, 'b'],
      [12, 'a'],
      [13, null],
    ]);
    expect(sharesFor({ line: 10, endLine: 13 }, blame)).toEqual([
      { sha: 'a', share: 2 / 3 },
      { sha: 'b', share: 1 / 3 },
    ]);
    expect(sharesFor({ line: 13, endLine: 13 }, blame)).toEqual([{ sha: null, share: 1 }]);
    expect(sharesFor({ line: 99, endLine: 99 }, new Map())).toEqual([{ sha: null, share: 1 }]);
  });

  it('tells assistant trailers from people who share a name with one', () => {
    const p = compileAssistantPatterns(defaultConfig());
    expect(p).toHaveLength(DEFAULT_ASSISTANT_PATTERNS.length);
    expect(assistantOf('Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>', p)).toBe('Copilot');
    expect(assistantOf('Signed-off-by: A <a@x>\nCo-Authored-By: Claude <noreply@anthropic.com>', p)).toBe('Claude');
    expect(assistantOf('Co-authored-by: Cursor Agent <cursoragent@cursor.com>', p)).toBe('Cursor');
    expect(assistantOf('Co-authored-by: gemini-code-assist[bot] <x@users.noreply.github.com>', p)).toBe('Gemini');
    expect(assistantOf('Co-authored-by: devin-ai-integration[bot] <x@users.noreply.github.com>', p)).toBe('Devin');
    expect(assistantOf('Assisted-by: Codex', p)).toBe('Codex');
    expect(assistantOf('Co-authored-by: Claude Monet <claude@example.com>', p)).toBeNull();
    expect(assistantOf('Co-authored-by: Devin Smith <devin@example.com>', p)).toBeNull();
    expect(assistantOf('Reviewed-by: Copilot fan <x@y>', p)).toBeNull();
    expect(assistantOf('', p)).toBeNull();
  });

  it('takes configured patterns instead, and names a bad one as a config error', () => {
    const config = { ...defaultConfig(), file: '/r/plumbline.config.json', historyAssistantPatterns: ['^x-ai:\\s*(\\w+)'] };
    const p = compileAssistantPatterns(config);
    expect(assistantOf('X-AI: Robo', p)).toBe('Robo');
    expect(assistantOf('Co-authored-by: Copilot <x@y>', p)).toBeNull();
    expect(() => compileAssistantPatterns({ ...config, historyAssistantPatterns: ['(unclosed'] })).toThrow(
      /history\.assistantPatterns\.0.*not a valid regular expression/,
    );
  });
});

describe('rate and projection', () => {
  it('fits a least-squares slope', () => {
    expect(slope([0, 1, 2, 3], [10, 12, 14, 16])).toBeCloseTo(2);
    expect(slope([0, 1, 2], [5, 1, 6])).toBeCloseTo(0.5);
    expect(slope([1], [1])).toBeNull();
    expect(slope([2, 2], [1, 3])).toBeNull();
  });

  it('projects when the rated density crosses the next band of the population', () => {
    const cuts = [10, 20, 30, 40] as const;
    expect(project(16, 0.8, cuts)).toEqual({
      direction: 'worse',
      rating: 'C',
      weeks: 5,
      text: 'at this rate the rating reaches C in 5 weeks',
    });
    expect(project(24, -2, cuts)).toEqual({
      direction: 'better',
      rating: 'B',
      weeks: 2,
      text: 'at this rate the rating improves to B in 2 weeks',
    });
    expect(project(6, 0, cuts)).toMatchObject({ direction: 'stable', rating: 'A', weeks: null });
    expect(project(6, -0.2, cuts)).toMatchObject({ direction: 'stable', rating: 'A' });
    expect(project(120, 20, cuts)).toMatchObject({ direction: 'stable', rating: 'E' });
    expect(project(2, 0.002, cuts).text).toBe('at this rate the rating stays A for at least two years');
    expect(project(2, null, cuts)).toBeNull();
  });
});
