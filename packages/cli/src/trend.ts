import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyze, defaultConcurrency, FactsCache, filterPaths, openCache, SCRIPT_EXTENSIONS, STYLE_EXTENSIONS } from '@plumbline/analyzer';
import {
  buildCheckSettings, CODEOWNERS_LOCATIONS, ConfigError, matchFingerprints, ownersOf, parseCodeowners, ratingFor, RATING_BANDS, reidentifyFindings, VERSION,
} from '@plumbline/core';
import type { Category, CategoryTotals, CodeownersRule, Finding, Rating, Renames, ResolvedConfig, ScanResult } from '@plumbline/core';
import { UsageError } from './command.js';
import { git } from './git.js';
import { BlobReader, commitSource, resolveCommit } from './git-source.js';
import { fillFactsCache } from './history/facts-pool.js';
import { SnapshotWorker } from './history/snapshot-pool.js';
import { GitRunner, runGit } from './history/git-runner.js';
import type { BlobToAnalyse } from './history/facts-pool.js';
import { listTrees } from './history/git-trees.js';
import { analysisKey } from './history/analysis-key.js';
import { findingKey, HistoryStore } from './history/store.js';
import type { CommitInfo, IntervalCommit, IntervalInput, IntervalRecord, RuleTotals, Share, SnapshotRecord, StoredFinding } from './history/store.js';
import { loadProjectConfig } from './scan.js';

const DAY = 86_400;
const WEEK = 7 * DAY;

// ---------------------------------------------------------------------------------------------------
// Options: --since, --until, --every

export type Every = { kind: 'week' } | { kind: 'day' } | { kind: 'commits'; n: number };

/** Parses `--every`: `week`, `day`, or a number of first-parent commits (`50`, `50 commits`). */
export function parseEvery(text: string | undefined): Every {
  const t = (text ?? 'week').trim().toLowerCase();
  if (t === 'week' || t === 'weekly' || t === 'w') return { kind: 'week' };
  if (t === 'day' || t === 'daily' || t === 'd') return { kind: 'day' };
  const m = /^(\d+)\s*(?:commits?|c)?$/.exec(t);
  if (m && Number(m[1]) > 0) return { kind: 'commits', n: Number(m[1]) };
  throw new UsageError(`--every must be week, day or a number of commits (e.g. 50), got "${text}"`);
}

function parseDate(text: string, flag: string): number {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    const ms = Date.parse(`${t}T00:00:00Z`);
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(t)) {
    const ms = Date.parse(t);
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
  }
  throw new UsageError(`${flag} must be a date (YYYY-MM-DD or an ISO date-time)${flag === '--since' ? ' or a duration (26w, 90d, 6m, 1y)' : ''}, got "${text}"`);
}

/** Parses `--since`: a duration back from `until` (`26w`, `90d`, `6m`, `1y`) or a date. Unix seconds. */
export function parseSince(text: string | undefined, until: number): number {
  const t = (text ?? '26w').trim().toLowerCase();
  const m = /^(\d+)\s*(d|w|m|y)$/.exec(t);
  if (m) {
    const n = Number(m[1]);
    if (m[2] === 'd') return until - n * DAY;
    if (m[2] === 'w') return until - n * WEEK;
    const d = new Date(until * 1000);
    if (m[2] === 'm') d.setUTCMonth(d.getUTCMonth() - n);
    else d.setUTCFullYear(d.getUTCFullYear() - n);
    return Math.floor(d.getTime() / 1000);
  }
  return parseDate(text ?? '', '--since');
}

export function parseUntil(text: string, flag = '--until'): number {
  const t = parseDate(text, flag);
  // a bare date means the end of that day
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? t + DAY - 1 : t;
}

const isoDate = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);
const isoTime = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

// ---------------------------------------------------------------------------------------------------
// Selecting snapshots

export interface HistoryCommit {
  sha: string;
  /** committer date, unix seconds */
  time: number;
}

/** One point of the series: the state of the code at the end of a period. */
export interface SelectedPoint {
  /** the period's start (unix seconds; for the first commit-count point, its own time) */
  start: number;
  /** the period's end: a boundary, or `until` for the last point */
  end: number;
  /** the last first-parent commit before `end` */
  commit: HistoryCommit;
  label: string;
}

export interface Selection {
  points: SelectedPoint[];
  notes: string[];
}

/** The start of the UTC week (Monday 00:00) that contains `t`. */
function weekStart(t: number): number {
  const day = Math.floor(t / DAY);
  const weekday = (day + 3) % 7; // 1970-01-01 was a Thursday: Monday = 0
  return (day - weekday) * DAY;
}

/**
 * Picks the snapshots of a window from first-parent history (newest first): for each period boundary
 * (Monday 00:00 UTC for weeks, midnight UTC for days) in (since, until), the last commit before it,
 * then the last commit at or before `until`. With a commit count, every n-th first-parent commit back
 * from `until`. Periods before the first commit have no point; that is reported in `notes`.
 */
export function selectSnapshots(history: readonly HistoryCommit[], since: number, until: number, every: Every): Selection {
  const notes: string[] = [];
  const eligible = history.filter((c) => c.time <= until);
  if (eligible.length === 0) return { points: [], notes: [`no commit at or before ${isoTime(until)}`] };
  const lastBefore = (t: number, inclusive: boolean): HistoryCommit | undefined =>
    eligible.find((c) => (inclusive ? c.time <= t : c.time < t));
  const points: SelectedPoint[] = [];
  if (every.kind === 'commits') {
    const inWindow = eligible.filter((c) => c.time > since);
    for (let i = 0; i < inWindow.length; i += every.n) {
      const c = inWindow[i]!;
      points.push({ start: c.time, end: c.time, commit: c, label: `${isoDate(c.time)} ${c.sha.slice(0, 7)}` });
    }
    points.reverse();
    for (let i = 1; i < points.length; i++) points[i]!.start = points[i - 1]!.end;
    return { points, notes };
  }
  const step = every.kind === 'week' ? WEEK : DAY;
  const first = every.kind === 'week' ? weekStart(since) + WEEK : (Math.floor(since / DAY) + 1) * DAY;
  const ends: number[] = [];
  for (let b = first; b < until; b += step) ends.push(b);
  ends.push(until);
  let missing = 0;
  for (const end of ends) {
    const isLast = end === until;
    const commit = lastBefore(end, isLast);
    const start = isLast ? (every.kind === 'week' ? weekStart(until) : Math.floor(until / DAY) * DAY) : end - step;
    if (!commit) {
      missing++;
      continue;
    }
    points.push({ start, end, commit, label: isoDate(start) });
  }
  if (missing > 0) {
    const oldest = eligible[eligible.length - 1]!;
    notes.push(
      `history starts at ${isoDate(oldest.time)} (${oldest.sha.slice(0, 7)}): ${missing} of the ${ends.length} ${every.kind === 'week' ? 'weeks' : 'days'} in the window precede it and have no snapshot`,
    );
  }
  return { points, notes };
}

// ---------------------------------------------------------------------------------------------------
// New and fixed: multisets of fingerprints, same file first, then across files

export interface Matchable {
  fingerprint: string;
  file: string;
  line: number;
}

/**
 * New and fixed findings between two snapshots: the one comparison of findings (@plumbline/core
 * `matchFingerprints`: multisets of fingerprints, same file first, nearest line first, then across files,
 * most similar path first). A file moved unchanged adds and fixes nothing; a second copy of old code is
 * new.
 */
export function matchFindings<T extends Matchable>(before: readonly T[], after: readonly T[], renames?: Renames): { added: T[]; fixed: T[] } {
  const r = matchFingerprints(before, after, renames);
  return { added: r.added, fixed: r.removed };
}

/**
 * The third pass of new/fixed (@plumbline/core `reidentifyFindings`): a "new" finding on lines no commit
 * of the period touched (all its shares credit no commit), in the same file as a "fixed" finding of the
 * same rule (or in the file it was renamed from), is the same debt under a new fingerprint.
 */
export function reidentify<T extends Matchable & { ruleId: string }>(
  added: ReadonlyArray<{ finding: T; shares: Share[] }>,
  fixed: readonly T[],
  renamedFrom: Renames = new Map(),
): { added: Array<{ finding: T; shares: Share[] }>; fixed: T[] } {
  // by position: a stored snapshot gives the same finding object once per occurrence
  const items = added.map((a, i) => ({ fingerprint: a.finding.fingerprint, file: a.finding.file, line: a.finding.line, ruleId: a.finding.ruleId, i }));
  const r = reidentifyFindings(items, fixed, (x) => added[x.i]!.shares.every((s) => s.sha === null), renamedFrom);
  return { added: r.added.map((x) => added[x.i]!), fixed: r.removed };
}

// ---------------------------------------------------------------------------------------------------
// Git: history, commits of an interval, blame

/** First-parent history of a commit, newest first. */
export function firstParentHistory(root: string, tip: string): HistoryCommit[] {
  const out = git(root, ['log', '--first-parent', '--format=%H %ct', tip, '--']);
  if (out === null) return [];
  return out.split('\n').filter(Boolean).map((l) => {
    const [sha, t] = l.split(' ');
    return { sha: sha!, time: Number(t) };
  });
}

export function isShallow(root: string): boolean {
  return git(root, ['rev-parse', '--is-shallow-repository'])?.trim() === 'true';
}

interface NumstatEntry {
  path: string;
  added: number;
  deleted: number;
  /** set when the commit renamed the file */
  from?: string;
}

/** Parses `--numstat -z` records (renames carry the old and new path). */
function parseNumstat(text: string): NumstatEntry[] {
  const tokens = text.split('\0');
  const out: NumstatEntry[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.replace(/^\n+/, '');
    if (!t) continue;
    const m = /^(\d+|-)\t(\d+|-)\t(.*)$/s.exec(t);
    if (!m) continue;
    let path = m[3]!;
    let from: string | undefined;
    if (path === '') {
      from = tokens[i + 1] ?? ''; // rename: old path, new path
      path = tokens[i + 2] ?? '';
      i += 2;
    }
    out.push({ path, added: m[1] === '-' ? 0 : Number(m[1]), deleted: m[2] === '-' ? 0 : Number(m[2]), ...(from !== undefined ? { from } : {}) });
  }
  return out;
}

/**
 * Pathspecs of the files plumbline can analyse, relative to the root: git then diffs only those (a
 * lockfile's diff alone can cost more than the rest of a week's commits).
 */
const ANALYSED_PATHSPECS = [...SCRIPT_EXTENSIONS, ...STYLE_EXTENSIONS].map((ext) => `:(glob)**/*${ext}`);

/** Which of the paths the config analyses (built-in excludes, include, exclude), memoised. */
export function analysedPaths(config: ResolvedConfig): (paths: readonly string[]) => Set<string> {
  const memo = new Map<string, boolean>();
  return (paths) => {
    const unknown = [...new Set(paths.filter((p) => !memo.has(p)))];
    if (unknown.length) {
      const ok = new Set(filterPaths(unknown, config));
      for (const p of unknown) memo.set(p, ok.has(p));
    }
    return new Set(paths.filter((p) => memo.get(p)));
  };
}

type Analysed = ReturnType<typeof analysedPaths>;

const COMMIT_FORMAT = '%x1e%H%x1f%an%x1f%ae%x1f%at%x1f%ct%x1f%s%x1f%(trailers:unfold,only)%x1f';

function parseCommitLog(out: string): Array<CommitInfo & { numstat: NumstatEntry[] }> {
  const commits: Array<CommitInfo & { numstat: NumstatEntry[] }> = [];
  for (const chunk of out.split('\x1e')) {
    if (!chunk.trim()) continue;
    const parts = chunk.split('\x1f');
    if (parts.length < 8) continue;
    const [sha, authorName, authorEmail, at, ct, subject, trailers] = parts;
    commits.push({
      sha: sha!.trim(), authorName: authorName!, authorEmail: authorEmail!, authoredAt: Number(at), committedAt: Number(ct),
      subject: subject!, trailers: trailers!.trim(), numstat: parseNumstat(parts.slice(7).join('\x1f')),
    });
  }
  return commits;
}

export interface IntervalHistory {
  /** the non-merge commits that touched analysed files, with their lines added and deleted there */
  commits: Array<CommitInfo & IntervalCommit>;
  /** for each analysed path (as at `to`), the non-merge commits that changed it */
  touchers: Map<string, Set<string>>;
  /** paths that a commit of the interval renamed (their history spans two names) */
  renamed: Set<string>;
  /** new path -> the paths it was renamed from in the interval */
  renamedFrom: Map<string, Set<string>>;
}

/** The non-merge commits of `from..to` that touched analysed files: who changed what, and how many lines. */
export async function intervalCommits(root: string, from: string, to: string, analysed: Analysed, runner?: GitRunner): Promise<IntervalHistory> {
  const out = (await gitOf(runner)(['log', '-z', '-M', '--numstat', '--no-merges', '--relative', `--format=${COMMIT_FORMAT}`, `${from}..${to}`, '--', ...ANALYSED_PATHSPECS], root)) ?? '';
  const commits: Array<CommitInfo & IntervalCommit> = [];
  const touchers = new Map<string, Set<string>>();
  const renamed = new Set<string>();
  const renamedFrom = new Map<string, Set<string>>();
  const parsed = parseCommitLog(out);
  const ok = analysed(parsed.flatMap((c) => c.numstat.map((e) => e.path)));
  for (const c of parsed) {
    const touched = c.numstat.filter((e) => ok.has(e.path));
    for (const e of c.numstat) {
      const set = touchers.get(e.path) ?? new Set<string>();
      set.add(c.sha);
      touchers.set(e.path, set);
      if (e.from !== undefined) {
        renamed.add(e.path).add(e.from);
        const olds = renamedFrom.get(e.path) ?? new Set<string>();
        olds.add(e.from);
        for (const older of renamedFrom.get(e.from) ?? []) olds.add(older);
        renamedFrom.set(e.path, olds);
      }
    }
    if (touched.length === 0) continue;
    const { numstat: _numstat, ...info } = c;
    commits.push({ ...info, linesAdded: touched.reduce((n, e) => n + e.added, 0), linesDeleted: touched.reduce((n, e) => n + e.deleted, 0) });
  }
  return { commits, touchers, renamed, renamedFrom };
}

/** Unquotes a path as git writes it in diff headers when it holds unusual characters (C-style, octal bytes). */
function unquotePath(p: string): string {
  if (!p.startsWith('"')) return p;
  const bytes: number[] = [];
  const body = p.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The lines of each file at `to` that differ from `from` (`git diff -U0 -w`: whitespace-only changes do
 * not count), for many files with one git process per few hundred files.
 */
export async function changedLines(root: string, from: string, to: string, files: readonly string[], runner?: GitRunner): Promise<Map<string, Set<number>>> {
  const result = new Map<string, Set<number>>();
  for (let i = 0; i < files.length; i += 300) {
    const chunk = files.slice(i, i + 300);
    const out = await gitOf(runner)(['-c', 'core.quotePath=false', 'diff', '-U0', '-w', '--no-renames', '--no-color', '--no-ext-diff', '--relative', from, to, '--', ...chunk.map((f) => `:(literal)${f}`)], root);
    if (out === null) continue;
    let current: Set<number> | undefined;
    for (const line of out.split('\n')) {
      if (line.startsWith('+++ ')) {
        const name = line.slice(4).replace(/\t$/, ''); // git ends a name holding spaces with a tab
        current = name === '/dev/null' ? undefined : new Set<number>();
        if (current) result.set(unquotePath(name).replace(/^b\//, ''), current);
        continue;
      }
      const h = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (h && current) {
        const start = Number(h[1]);
        const count = h[2] === undefined ? 1 : Number(h[2]);
        for (let l = start; l < start + count; l++) current.add(l);
      }
    }
  }
  return result;
}

/** Metadata of given commits (e.g. a merge that blame credits), without line counts. */
async function commitsInfo(root: string, shas: readonly string[], runner?: GitRunner): Promise<CommitInfo[]> {
  if (shas.length === 0) return [];
  const out = (await gitOf(runner)(['log', '--no-walk=unsorted', `--format=${COMMIT_FORMAT}`, ...shas, '--'], root)) ?? '';
  return parseCommitLog(out).map(({ numstat: _n, ...info }) => info);
}

/** How git is run: through the helper process when there is one, else here. */
function gitOf(runner: GitRunner | undefined): (args: readonly string[], cwd: string) => Promise<string | null> {
  return runner ? (args, cwd) => runner.run(args, cwd) : runGit;
}

/**
 * Which commit of `from..to` last touched each given line of `file` at `to` (`git blame -w`, so
 * whitespace-only changes do not count; whole-file renames are followed). Lines no commit of the range
 * touched map to null. Unknown when blame fails: an empty map.
 */
export async function blameLines(root: string, from: string, to: string, file: string, lines: readonly number[], runner?: GitRunner): Promise<Map<number, string | null>> {
  const sorted = [...new Set(lines)].filter((l) => l > 0).sort((a, b) => a - b);
  const ranges: Array<[number, number]> = [];
  for (const l of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && l <= last[1] + 1) last[1] = l;
    else ranges.push([l, l]);
  }
  const result = new Map<number, string | null>();
  if (ranges.length === 0) return result;
  const args = ['blame', '--porcelain', '-w', ...ranges.flatMap(([a, b]) => ['-L', `${a},${b}`]), `${from}..${to}`, '--', file];
  const out = await gitOf(runner)(args, root);
  if (out === null) return result;
  const boundary = new Set<string>();
  const pending: Array<[number, string]> = [];
  let current: string | undefined;
  for (const line of out.split('\n')) {
    const head = /^([0-9a-f]{40}) \d+ (\d+)/.exec(line);
    if (head) {
      current = head[1]!;
      pending.push([Number(head[2]), current]);
      continue;
    }
    if (line === 'boundary' && current) boundary.add(current);
  }
  for (const [l, sha] of pending) result.set(l, boundary.has(sha) ? null : sha);
  return result;
}

/** Runs at most `n` of the functions given to it at a time, in the order given. */
function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: Array<() => void> = [];
  return <T>(fn: () => Promise<T>) => new Promise<T>((resolve, reject) => {
    const run = (): void => {
      running++;
      Promise.resolve().then(fn).then(resolve, reject).finally(() => {
        running--;
        queue.shift()?.();
      });
    };
    if (running < n) run();
    else queue.push(run);
  });
}

/** Runs async jobs with at most `limit` at once; their results in the jobs' order. */
function pool<T>(jobs: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const run = limiter(limit);
  return Promise.all(jobs.map((job) => run(job)));
}

/** Credits each new finding to the commits that touched its lines, in proportion to the lines each touched. */
export function sharesFor(finding: { line: number; endLine: number }, blame: ReadonlyMap<number, string | null>): Share[] {
  const counts = new Map<string, number>();
  let touched = 0;
  for (let l = finding.line; l <= Math.max(finding.line, finding.endLine); l++) {
    const sha = blame.get(l);
    if (!sha) continue;
    touched++;
    counts.set(sha, (counts.get(sha) ?? 0) + 1);
  }
  if (touched === 0) return [{ sha: null, share: 1 }];
  return [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([sha, n]) => ({ sha, share: n / touched }));
}

// ---------------------------------------------------------------------------------------------------
// AI-assistant trailers

/**
 * Trailer lines that name an AI assistant, matched case-insensitively against each trailer of a
 * commit message; the first group names the assistant. Names that are also people's first names
 * (Claude, Devin, Jules) need the vendor's address or bot name beside them.
 */
export const DEFAULT_ASSISTANT_PATTERNS: readonly string[] = [
  '^co-authored-by:.*\\b(copilot)\\b',
  '^co-authored-by:.*\\b(claude)\\b.*anthropic\\.com',
  '^co-authored-by:.*\\b(cursor)\\b',
  '^co-authored-by:.*\\b(codex)\\b',
  '^co-authored-by:.*\\b(gemini)\\b',
  '^co-authored-by:.*\\b(aider)\\b',
  '^co-authored-by:.*\\b(devin)-ai',
  '^co-authored-by:.*\\b(jules)\\b.*google',
  '^co-authored-by:.*\\b(windsurf|codeium)\\b',
  '^co-authored-by:.*\\b(chatgpt|openai)\\b',
  '^co-authored-by:.*\\b(amazon q)\\b',
  '^(?:ai-)?(?:assisted|generated)-by:\\s*([^<]+?)\\s*(?:<.*)?$',
];

const ASSISTANT_NAMES: Record<string, string> = {
  copilot: 'Copilot', claude: 'Claude', cursor: 'Cursor', codex: 'Codex', gemini: 'Gemini', aider: 'Aider', devin: 'Devin',
  jules: 'Jules', windsurf: 'Windsurf', codeium: 'Codeium', chatgpt: 'ChatGPT', openai: 'OpenAI', 'amazon q': 'Amazon Q',
};

/** Compiles assistant patterns (config `history.assistantPatterns` or the defaults); a bad one is a config error. */
export function compileAssistantPatterns(config: ResolvedConfig): RegExp[] {
  const sources = config.historyAssistantPatterns ?? DEFAULT_ASSISTANT_PATTERNS;
  return sources.map((p, i) => {
    try {
      return new RegExp(p, 'i');
    } catch (e) {
      throw new ConfigError(config.file ?? 'plumbline.config.json', `history.assistantPatterns.${i}`, `not a valid regular expression (${(e as Error).message})`);
    }
  });
}

/** The assistant a commit's trailers name, or null. */
export function assistantOf(trailers: string, patterns: readonly RegExp[]): string | null {
  for (const line of trailers.split('\n')) {
    const l = line.trim();
    if (!l) continue;
    for (const p of patterns) {
      const m = p.exec(l);
      if (!m) continue;
      const name = (m[1] ?? m[0]).trim();
      return ASSISTANT_NAMES[name.toLowerCase()] ?? name;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// The report data (what every format renders)

export interface PointChange {
  newFindings: number;
  fixedFindings: number;
  newDebtMinutes: number;
  fixedDebtMinutes: number;
  /** lines added and deleted in analysed files by the period's non-merge commits (renames excluded) */
  linesAdded: number;
  linesDeleted: number;
  /** non-merge commits that touched analysed files */
  commits: number;
  assistantCommits: number;
}

export interface TrendPoint {
  label: string;
  /** ISO times of the period */
  start: string;
  end: string;
  commit: string;
  committedAt: string;
  files: number;
  linesOfCode: number;
  findings: number;
  debtMinutes: number;
  debtRatio: number;
  rating: Rating;
  byCategory: Record<Category, CategoryTotals>;
  byRule: Record<string, RuleTotals>;
  designSystemAdoption: number | null;
  driftIndex: number;
  /** against the previous point; null for the first */
  change: PointChange | null;
}

export interface AttributionRow {
  name: string;
  newFindings: number;
  newDebtMinutes: number;
  fixedFindings: number;
  fixedDebtMinutes: number;
}

export interface CommitRow {
  sha: string;
  author: string;
  date: string;
  subject: string;
  /** the assistant its trailers name, or null */
  assistant: string | null;
  linesAdded: number;
  /** new findings credited to it (fractions when it shares a finding's lines with other commits) */
  newFindings: number;
  newDebtMinutes: number;
}

export interface AssistantSplit {
  /** non-merge commits of the scope that touched analysed files */
  commits: number;
  assistantCommits: number;
  /** assistantCommits / commits, or null without commits */
  commitShare: number | null;
  /** new debt credited to commits (the rest touched no flagged line) */
  attributedDebtMinutes: number;
  assistantDebtMinutes: number;
  /** assistantDebtMinutes / attributedDebtMinutes, or null */
  debtShare: number | null;
  linesAdded: number;
  assistantLinesAdded: number;
  /** new debt minutes per 1,000 added lines, for assistant commits and the others */
  assistantMinutesPer1000Lines: number | null;
  otherMinutesPer1000Lines: number | null;
  byAssistant: Array<{ name: string; commits: number; newDebtMinutes: number }>;
}

export interface TopFinding {
  ruleId: string;
  category: Category;
  file: string;
  line: number;
  message: string;
  effortMinutes: number;
  /** the period (point label) in which it appeared */
  period: string;
  /** the commit credited with most of it, or null */
  commit: string | null;
  author: string | null;
}

export interface Projection {
  direction: 'worse' | 'better' | 'stable';
  /** the rating it reaches next, or the rating it holds */
  rating: Rating;
  /** weeks until then, or null when stable */
  weeks: number | null;
  text: string;
}

export interface TrendReport {
  schemaVersion: 1;
  kind: 'plumbline-trend';
  tool: { name: 'plumbline'; version: string };
  root: string;
  ref: string;
  generatedAt: string;
  window: { since: string; until: string; every: string };
  /** history problems (shallow clone, history shorter than the window) and other remarks */
  notes: string[];
  points: TrendPoint[];
  rate: {
    /** least-squares slope of debt over the window */
    debtMinutesPerWeek: number | null;
    debtRatioPerWeek: number | null;
    /** the last point against the one before: a week-over-week change with --every week */
    lastChange: (PointChange & { debtMinutes: number; percent: number | null; label: string }) | null;
    /** debt of the new findings of the scope over the lines added in it */
    newCode: { linesAdded: number; newDebtMinutes: number; minutesPer1000Lines: number | null; debtRatio: number | null; rating: Rating | null };
    projection: Projection | null;
  };
  /** what the attribution covers: the whole window, or the last period (--weekly) */
  scope: { kind: 'window' | 'last'; label: string; from: string | null; to: string | null };
  attribution: {
    newFindings: number;
    newDebtMinutes: number;
    fixedFindings: number;
    fixedDebtMinutes: number;
    /** new debt no commit of its period touched the lines of (e.g. a copy elsewhere made it a duplicate) */
    unattributedFindings: number;
    unattributedDebtMinutes: number;
    directories: AttributionRow[];
    owners: AttributionRow[];
    commits: CommitRow[];
    assistants: AssistantSplit;
  };
  newFindings: TopFinding[];
}

/** What buildTrendReport needs: the selected points with their stored snapshots and intervals. */
export interface TrendData {
  root: string;
  ref: string;
  since: number;
  until: number;
  every: Every;
  notes: string[];
  points: Array<{ selected: SelectedPoint; snapshot: SnapshotRecord; interval: IntervalRecord | null }>;
  commits: ReadonlyMap<string, CommitInfo>;
  codeowners: readonly CodeownersRule[];
  /** the root's path inside the repository (`apps/web/`), for CODEOWNERS patterns */
  prefix: string;
  assistantPatterns: readonly RegExp[];
  devCostMinutesPerLine: number;
}

export interface ReportOptions {
  scope?: 'window' | 'last';
  /** directory depth of the attribution by directory (default 2) */
  depth?: number;
  /** rows kept in each top list (default 10) */
  top?: number;
  generatedAt?: Date;
}

/** Least-squares slope of y over x. */
export function slope(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? null : num / den;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const BAND_ORDER: Rating[] = ['A', 'B', 'C', 'D', 'E'];

/** When the debt ratio, moving at `perWeek`, crosses into the next rating band (worse or better). */
export function project(ratio: number, perWeek: number | null): Projection | null {
  if (perWeek === null) return null;
  const rating = ratingFor(ratio);
  const i = BAND_ORDER.indexOf(rating);
  const stable = (why = ''): Projection => ({ direction: 'stable', rating, weeks: null, text: `at this rate the rating stays ${rating}${why}` });
  if (Math.abs(perWeek) < 1e-9) return stable();
  if (perWeek > 0) {
    if (rating === 'E') return stable();
    const limit = RATING_BANDS[i]!.maxRatio;
    const weeks = Math.max(1, Math.ceil((limit - ratio) / perWeek - 1e-9));
    const next = BAND_ORDER[i + 1]!;
    if (weeks > 104) return stable(' for at least two years');
    return { direction: 'worse', rating: next, weeks, text: `at this rate the rating reaches ${next} in ${weeks} week${weeks === 1 ? '' : 's'}` };
  }
  if (rating === 'A') return stable();
  const limit = RATING_BANDS[i - 1]!.maxRatio;
  const weeks = Math.max(1, Math.ceil((ratio - limit) / -perWeek - 1e-9));
  const next = BAND_ORDER[i - 1]!;
  if (weeks > 104) return stable(' for at least two years');
  return { direction: 'better', rating: next, weeks, text: `at this rate the rating improves to ${next} in ${weeks} week${weeks === 1 ? '' : 's'}` };
}

function directoryOf(file: string, depth: number): string {
  const parts = file.split('/').slice(0, -1);
  return parts.length ? parts.slice(0, depth).join('/') : '.';
}

function everyText(every: Every): string {
  return every.kind === 'commits' ? `${every.n} commits` : every.kind;
}

/**
 * Builds the report from stored snapshots and intervals: the series, the rate and projection, and the
 * attribution of new debt over the scope. Pure: the same data gives the same report.
 */
export function buildTrendReport(data: TrendData, options: ReportOptions = {}): TrendReport {
  const depth = options.depth ?? 2;
  const top = options.top ?? 10;
  const scopeKind = options.scope ?? 'window';
  const assistantBySha = new Map<string, string | null>();
  const assistant = (sha: string) => {
    if (!assistantBySha.has(sha)) assistantBySha.set(sha, assistantOf(data.commits.get(sha)?.trailers ?? '', data.assistantPatterns));
    return assistantBySha.get(sha)!;
  };

  const points: TrendPoint[] = data.points.map(({ selected, snapshot: s, interval }, i) => {
    let change: PointChange | null = null;
    if (i > 0) {
      change = {
        newFindings: interval?.added.length ?? 0,
        fixedFindings: interval?.fixed.length ?? 0,
        newDebtMinutes: round(interval?.added.reduce((n, a) => n + a.finding.effortMinutes, 0) ?? 0),
        fixedDebtMinutes: round(interval?.fixed.reduce((n, f) => n + f.effortMinutes, 0) ?? 0),
        linesAdded: interval?.linesAdded ?? 0,
        linesDeleted: interval?.linesDeleted ?? 0,
        commits: interval?.commits.length ?? 0,
        assistantCommits: interval?.commits.filter((c) => assistant(c.sha) !== null).length ?? 0,
      };
    }
    return {
      label: selected.label, start: isoTime(selected.start), end: isoTime(selected.end), commit: s.commit, committedAt: isoTime(s.committedAt),
      files: s.files, linesOfCode: s.linesOfCode, findings: s.findings, debtMinutes: round(s.debtMinutes), debtRatio: s.debtRatio, rating: s.rating,
      byCategory: s.byCategory, byRule: s.byRule, designSystemAdoption: s.designSystemAdoption, driftIndex: s.driftIndex, change,
    };
  });

  // rate over the window
  const xs = data.points.map((p) => p.selected.end / WEEK);
  const debtSlope = slope(xs, points.map((p) => p.debtMinutes));
  const ratioSlope = slope(xs, points.map((p) => p.debtRatio));
  const last = points[points.length - 1];
  const prev = points[points.length - 2];
  const lastChange = last && prev && last.change
    ? {
      ...last.change, label: last.label, debtMinutes: round(last.debtMinutes - prev.debtMinutes),
      percent: prev.debtMinutes > 0 ? round(((last.debtMinutes - prev.debtMinutes) / prev.debtMinutes) * 100, 1) : null,
    }
    : null;

  // attribution over the scope
  const scoped = scopeKind === 'last' ? data.points.slice(-1) : data.points.slice(1);
  const dirs = new Map<string, AttributionRow>();
  const owners = new Map<string, AttributionRow>();
  const commitRows = new Map<string, CommitRow>();
  const row = (m: Map<string, AttributionRow>, name: string) => {
    let r = m.get(name);
    if (!r) m.set(name, (r = { name, newFindings: 0, newDebtMinutes: 0, fixedFindings: 0, fixedDebtMinutes: 0 }));
    return r;
  };
  const ownersFor = (file: string) => {
    const o = ownersOf(data.codeowners, data.prefix + file);
    return o.length ? o : ['(no owner)'];
  };
  let newFindings = 0, newDebt = 0, fixedFindings = 0, fixedDebt = 0, unattributedFindings = 0, unattributedDebt = 0;
  const topFindings: TopFinding[] = [];
  const scopeCommits = new Map<string, IntervalCommit>();
  for (const p of scoped) {
    const iv = p.interval;
    if (!iv) continue;
    for (const c of iv.commits) scopeCommits.set(c.sha, c);
    for (const { finding: f, shares } of iv.added) {
      newFindings++;
      newDebt += f.effortMinutes;
      const d = row(dirs, directoryOf(f.file, depth));
      d.newFindings++;
      d.newDebtMinutes += f.effortMinutes;
      const os = ownersFor(f.file);
      for (const o of os) {
        const r = row(owners, o);
        r.newFindings += 1 / os.length;
        r.newDebtMinutes += f.effortMinutes / os.length;
      }
      let best: Share | undefined;
      for (const s of shares) {
        if (!best || s.share > best.share) best = s;
        if (s.sha === null) {
          unattributedFindings += s.share;
          unattributedDebt += f.effortMinutes * s.share;
          continue;
        }
        let c = commitRows.get(s.sha);
        if (!c) {
          const info = data.commits.get(s.sha);
          const ic = iv.commits.find((x) => x.sha === s.sha);
          c = {
            sha: s.sha, author: info?.authorName ?? '(unknown)', date: info ? isoDate(info.authoredAt) : '', subject: info?.subject ?? '',
            assistant: assistant(s.sha), linesAdded: ic?.linesAdded ?? 0, newFindings: 0, newDebtMinutes: 0,
          };
          commitRows.set(s.sha, c);
        }
        c.newFindings += s.share;
        c.newDebtMinutes += f.effortMinutes * s.share;
      }
      const credited = best?.sha ?? null;
      topFindings.push({
        ruleId: f.ruleId, category: f.category, file: f.file, line: f.line, message: f.message, effortMinutes: f.effortMinutes,
        period: p.selected.label, commit: credited, author: credited ? (data.commits.get(credited)?.authorName ?? null) : null,
      });
    }
    for (const f of iv.fixed) {
      fixedFindings++;
      fixedDebt += f.effortMinutes;
      const d = row(dirs, directoryOf(f.file, depth));
      d.fixedFindings++;
      d.fixedDebtMinutes += f.effortMinutes;
      const os = ownersFor(f.file);
      for (const o of os) {
        const r = row(owners, o);
        r.fixedFindings += 1 / os.length;
        r.fixedDebtMinutes += f.effortMinutes / os.length;
      }
    }
  }
  // lines added per commit of the scope, for density by assistant
  for (const c of commitRows.values()) c.linesAdded = scopeCommits.get(c.sha)?.linesAdded ?? c.linesAdded;

  let assistantCommits = 0, linesAdded = 0, assistantLines = 0;
  const byAssistant = new Map<string, { name: string; commits: number; newDebtMinutes: number }>();
  for (const c of scopeCommits.values()) {
    linesAdded += c.linesAdded;
    const a = assistant(c.sha);
    if (a === null) continue;
    assistantCommits++;
    assistantLines += c.linesAdded;
    const e = byAssistant.get(a) ?? { name: a, commits: 0, newDebtMinutes: 0 };
    e.commits++;
    byAssistant.set(a, e);
  }
  let attributedDebt = 0, assistantDebt = 0;
  for (const c of commitRows.values()) {
    attributedDebt += c.newDebtMinutes;
    if (c.assistant !== null) {
      assistantDebt += c.newDebtMinutes;
      const e = byAssistant.get(c.assistant) ?? { name: c.assistant, commits: 0, newDebtMinutes: 0 };
      e.newDebtMinutes += c.newDebtMinutes;
      byAssistant.set(c.assistant, e);
    }
  }
  const per1000 = (minutes: number, lines: number) => (lines > 0 ? round((minutes / lines) * 1000) : null);
  const scopeLines = scoped.reduce((n, p) => n + (p.interval?.linesAdded ?? 0), 0);
  const newCodeRatio = scopeLines > 0 ? newDebt / (scopeLines * data.devCostMinutesPerLine) : null;

  const sortRows = (rows: Iterable<AttributionRow>) =>
    [...rows]
      .map((r) => ({ ...r, newFindings: round(r.newFindings), newDebtMinutes: round(r.newDebtMinutes), fixedFindings: round(r.fixedFindings), fixedDebtMinutes: round(r.fixedDebtMinutes) }))
      .sort((a, b) => b.newDebtMinutes - a.newDebtMinutes || b.fixedDebtMinutes - a.fixedDebtMinutes || (a.name < b.name ? -1 : 1))
      .slice(0, top);
  const first = scoped[0];
  const lastScoped = scoped[scoped.length - 1];
  const scopeLabel = scopeKind === 'last'
    ? `the ${data.every.kind === 'commits' ? 'last period' : `last ${data.every.kind}`}${last ? ` (${last.label})` : ''}`
    : `the ${scoped.length} period${scoped.length === 1 ? '' : 's'} of the window`;

  return {
    schemaVersion: 1,
    kind: 'plumbline-trend',
    tool: { name: 'plumbline', version: VERSION },
    root: data.root,
    ref: data.ref,
    generatedAt: (options.generatedAt ?? new Date()).toISOString(),
    window: { since: isoTime(data.since), until: isoTime(data.until), every: everyText(data.every) },
    notes: data.notes,
    points,
    rate: {
      debtMinutesPerWeek: debtSlope === null ? null : round(debtSlope),
      debtRatioPerWeek: ratioSlope === null ? null : round(ratioSlope, 6),
      lastChange,
      newCode: {
        linesAdded: scopeLines, newDebtMinutes: round(newDebt), minutesPer1000Lines: per1000(newDebt, scopeLines),
        debtRatio: newCodeRatio === null ? null : round(newCodeRatio, 6), rating: newCodeRatio === null ? null : ratingFor(newCodeRatio),
      },
      projection: last ? project(last.debtRatio, ratioSlope) : null,
    },
    scope: { kind: scopeKind, label: scopeLabel, from: first?.selected.label ?? null, to: lastScoped?.selected.label ?? null },
    attribution: {
      newFindings, newDebtMinutes: round(newDebt), fixedFindings, fixedDebtMinutes: round(fixedDebt),
      unattributedFindings: round(unattributedFindings), unattributedDebtMinutes: round(unattributedDebt),
      directories: sortRows(dirs.values()),
      owners: sortRows(owners.values()),
      commits: [...commitRows.values()]
        .map((c) => ({ ...c, newFindings: round(c.newFindings), newDebtMinutes: round(c.newDebtMinutes) }))
        .sort((a, b) => b.newDebtMinutes - a.newDebtMinutes || (a.sha < b.sha ? -1 : 1))
        .slice(0, top),
      assistants: {
        commits: scopeCommits.size, assistantCommits, commitShare: scopeCommits.size ? round(assistantCommits / scopeCommits.size, 4) : null,
        attributedDebtMinutes: round(attributedDebt), assistantDebtMinutes: round(assistantDebt),
        debtShare: attributedDebt > 0 ? round(assistantDebt / attributedDebt, 4) : null,
        linesAdded, assistantLinesAdded: assistantLines,
        assistantMinutesPer1000Lines: per1000(assistantDebt, assistantLines),
        otherMinutesPer1000Lines: per1000(attributedDebt - assistantDebt, linesAdded - assistantLines),
        byAssistant: [...byAssistant.values()].map((a) => ({ ...a, newDebtMinutes: round(a.newDebtMinutes) })).sort((a, b) => b.newDebtMinutes - a.newDebtMinutes || b.commits - a.commits),
      },
    },
    newFindings: topFindings
      .sort((a, b) => b.effortMinutes - a.effortMinutes || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line))
      .slice(0, top),
  };
}

// ---------------------------------------------------------------------------------------------------
// The orchestration: select, compute what the store lacks, build the report

export interface TrendOptions extends ReportOptions {
  /** the directory to analyse (default: the current directory); may be a subdirectory of the repository */
  root?: string;
  configFile?: string;
  /** `26w`, `90d`, `6m`, `1y` or a date (default 26w) */
  since?: string;
  /** a date (default: the date of the ref's tip) */
  until?: string;
  /** `week`, `day` or a number of commits (default week) */
  every?: string;
  /** the branch or commit whose first-parent history is read (default HEAD) */
  ref?: string;
  /** false: the facts cache lives in memory for this run only */
  cache?: boolean;
  /** recompute every snapshot and interval even when stored */
  rebuild?: boolean;
  /**
   * threads in all: 1 = this one only; 2 adds a worker extracting facts; 3 or more also a worker
   * analysing snapshots, the rest extracting facts (default: 1 where a scan runs in one thread, i.e. on two
   * logical CPUs or fewer; else the facts pool's size plus the snapshot worker)
   */
  concurrency?: number;
  /** history store file (default config `history.path`) */
  storePath?: string;
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
  onWarning?: (message: string) => void;
}

export interface TrendStats {
  points: number;
  /** distinct commits among the points */
  snapshots: number;
  snapshotsComputed: number;
  /** of those computed, how many a second thread analysed */
  snapshotsInWorker: number;
  snapshotsStored: number;
  intervals: number;
  intervalsComputed: number;
  intervalsStored: number;
  /** files parsed (facts not in the cache) */
  filesParsed: number;
  snapshotMs: number;
  intervalMs: number;
}

export interface TrendOutput {
  report: TrendReport;
  stats: TrendStats;
  /** where the history is kept (null: memory only) */
  storePath: string | null;
}

function readCodeowners(root: string, commit: string): CodeownersRule[] {
  for (const loc of CODEOWNERS_LOCATIONS) {
    const text = git(root, ['show', `${commit}:${loc}`]);
    if (text !== null) return parseCodeowners(text);
  }
  return [];
}

/** The findings of a fresh scan as the store identifies them. */
function toStored(findings: readonly Finding[]): StoredFinding[] {
  return findings.map((finding) => {
    const { related: _related, ...f } = finding;
    return { ...f, key: findingKey(finding) }; // the finding itself: its key is then computed once, for the store too
  });
}

/**
 * `plumbline trend` as a function: picks the snapshots of the window from first-parent history,
 * analyses the commits the history store lacks (from git objects, reusing the facts cache by blob id),
 * computes what changed between consecutive snapshots (new and fixed findings, blame of the new ones,
 * the commits and lines of each period), stores it all, and builds the report. The store is
 * persistence only: when it fails mid-run, the run goes on with what it computed.
 */
export async function trend(options: TrendOptions = {}): Promise<TrendOutput> {
  const root = resolve(options.root ?? '.');
  const warn = options.onWarning ?? (() => undefined);
  const config = loadProjectConfig(root, options.configFile);
  const assistantPatterns = compileAssistantPatterns(config);
  const every = parseEvery(options.every);
  const ref = options.ref ?? 'HEAD';
  if (git(root, ['rev-parse', '--git-dir']) === null) {
    throw new UsageError(`trend reads git history, and ${root} is not inside a git repository`);
  }
  const tip = resolveCommit(root, ref);
  if (!tip) throw new UsageError(`cannot resolve --ref "${ref}" to a commit in ${root}`);
  const prefix = git(root, ['rev-parse', '--show-prefix'])?.trim() ?? '';
  const history = firstParentHistory(root, tip);
  if (history.length === 0) throw new UsageError(`cannot read the history of ${ref}`);
  const until = options.until ? parseUntil(options.until) : history[0]!.time;
  const since = parseSince(options.since, until);
  if (since >= until) throw new UsageError(`--since (${isoTime(since)}) must be before --until (${isoTime(until)})`);

  const selection = selectSnapshots(history, since, until, every);
  const notes = [...selection.notes];
  if (isShallow(root)) {
    const oldest = history[history.length - 1]!;
    notes.unshift(
      `shallow clone: history stops at ${isoDate(oldest.time)} (${oldest.sha.slice(0, 7)}); fetch all of it for the full window (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)`,
    );
  }
  for (const n of notes) warn(n);

  const { settings } = buildCheckSettings(root, config);
  const key = analysisKey(config, settings);
  const store = HistoryStore.open(resolve(root, options.storePath ?? config.historyPath), { onWarning: warn });
  const cache = options.cache === false
    ? FactsCache.open(join(tmpdir(), `plumbline-no-cache-${process.pid}-${Date.now()}`), 'memory')
    : openCache(root, config, settings);
  const reader = new BlobReader(root);
  const stats: TrendStats = {
    points: selection.points.length, snapshots: 0, snapshotsComputed: 0, snapshotsInWorker: 0, snapshotsStored: 0, intervals: 0, intervalsComputed: 0,
    intervalsStored: 0, filesParsed: 0, snapshotMs: 0, intervalMs: 0,
  };
  let storeOk = true;
  /** Runs a store operation; a failure (disk full, damage found mid-run) is a warning, and the run goes on unstored. */
  const stored = <T>(what: string, fn: () => T): T | undefined => {
    if (!storeOk) return undefined;
    try {
      return fn();
    } catch (e) {
      storeOk = false;
      warn(`history store: ${what} failed (${(e as Error).message}); the rest of this run is not stored`);
      return undefined;
    }
  };

  // git's commands for the periods run from a small helper process, started while this one is small
  const runner = GitRunner.start();
  /** periods being computed (started while snapshots are still analysed) */
  const intervalJobs = new Map<string, Promise<void>>();
  try {
    // 1. snapshots
    const t0 = performance.now();
    const snapshots = new Map<string, SnapshotRecord>();
    const fresh = new Map<string, StoredFinding[]>();
    const commits = [...new Map(selection.points.map((p) => [p.commit.sha, p.commit])).values()];
    stats.snapshots = commits.length;
    const missing: HistoryCommit[] = [];
    for (const c of commits) {
      const old = options.rebuild ? undefined : stored('read', () => store.findSnapshot(key, c.sha));
      if (old) {
        snapshots.set(c.sha, old);
        stats.snapshotsStored++;
      } else missing.push(c);
    }
    // the trees of every missing snapshot (shared subtrees read once), then the file versions the facts
    // cache lacks, each analysed once, in parallel, oldest snapshot's first: while worker threads extract
    // the later versions, this thread analyses each snapshot whose versions are all in
    missing.sort((a, b) => a.time - b.time || (a.sha < b.sha ? -1 : 1));
    const trees = await listTrees(root, missing.map((c) => c.sha), prefix);
    const analysed = analysedPaths(config);
    // the periods: what changed between consecutive points, and who changed it. A period is computed as
    // soon as its two snapshots are known, so its git work (log, diff, blame) runs on another core while
    // this thread goes on extracting and analysing the later snapshots
    const findingsOf = (sha: string) => fresh.get(sha) ?? stored('read', () => store.snapshotFindings(key, sha)) ?? [];
    const commitInfo = new Map<string, CommitInfo>();
    const pairs = [...new Map(
      selection.points.slice(1).map((p, i) => [selection.points[i]!.commit.sha, p.commit.sha] as const)
        .filter(([a, b]) => a !== b).map((pair) => [`${pair[0]}..${pair[1]}`, pair] as const),
    ).values()];
    stats.intervals = pairs.length;
    const intervals = new Map<string, IntervalRecord>();
    const computeInterval = async (from: string, to: string): Promise<void> => {
      const old = options.rebuild || fresh.has(from) || fresh.has(to) ? undefined : stored('read', () => store.findInterval(key, from, to));
      if (old) {
        intervals.set(`${from}..${to}`, old);
        stats.intervalsStored++;
        return;
      }
      const history = await intervalCommits(root, from, to, analysed, runner);
      const matched = matchFindings(findingsOf(from), findingsOf(to), history.renamedFrom);
      const added = matched.added;
      const byFile = new Map<string, StoredFinding[]>();
      for (const f of added) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
      // who wrote the flagged lines: a file no commit of the period changed needs nothing; a file one
      // commit changed (not renamed) needs only the lines that differ (one diff for all such files);
      // the others need blame
      const ivCommits = history.commits;
      const blames = new Map<string, Map<number, string | null>>();
      const single: Array<[string, string]> = [];
      const toBlame: Array<[string, StoredFinding[]]> = [];
      for (const [file, fs] of byFile) {
        const who = history.touchers.get(file);
        if (!who || who.size === 0) blames.set(file, new Map());
        else if (who.size === 1 && !history.renamed.has(file)) single.push([file, [...who][0]!]);
        else toBlame.push([file, fs]);
      }
      const changed = await changedLines(root, from, to, single.map(([file]) => file), runner);
      for (const [file, sha] of single) {
        blames.set(file, new Map([...(changed.get(file) ?? [])].map((l) => [l, sha] as const)));
      }
      for (const [file, blame] of await pool(
        toBlame.map(([file, fs]) => async () => {
          const lines = fs.flatMap((f) => Array.from({ length: Math.max(1, f.endLine - f.line + 1) }, (_, k) => f.line + k));
          return [file, await blameLines(root, from, to, file, lines, runner)] as const;
        }),
        4,
      )) blames.set(file, blame);
      const { added: withShares, fixed } = reidentify(
        added.map((finding) => ({ finding, shares: sharesFor(finding, blames.get(finding.file) ?? new Map()) })),
        matched.fixed,
        history.renamedFrom,
      );
      const known = new Set(ivCommits.map((c) => c.sha));
      const extra = [...new Set(withShares.flatMap((a) => a.shares.map((x) => x.sha)).filter((x): x is string => x !== null && !known.has(x)))];
      for (const info of await commitsInfo(root, extra, runner)) ivCommits.push({ ...info, linesAdded: 0, linesDeleted: 0 });
      const lines = { added: ivCommits.reduce((n, c) => n + c.linesAdded, 0), deleted: ivCommits.reduce((n, c) => n + c.linesDeleted, 0) };
      const input: IntervalInput = {
        analysisKey: key, from, to, linesAdded: lines.added, linesDeleted: lines.deleted, commits: ivCommits, added: withShares, fixed,
      };
      stored('write', () => store.addInterval(input));
      for (const c of ivCommits) commitInfo.set(c.sha, c);
      intervals.set(`${from}..${to}`, {
        from, to, linesAdded: lines.added, linesDeleted: lines.deleted, added: withShares, fixed,
        commits: ivCommits.map((c) => ({ sha: c.sha, linesAdded: c.linesAdded, linesDeleted: c.linesDeleted })),
      });
      stats.intervalsComputed++;
    };
    const pairsOf = new Map<string, Array<readonly [string, string]>>();
    for (const pair of pairs) for (const sha of pair) pairsOf.set(sha, [...(pairsOf.get(sha) ?? []), pair]);
    const limit = limiter(3);
    /** Starts the periods of `sha` whose two snapshots are both known. */
    const startIntervals = (sha: string): void => {
      for (const [from, to] of pairsOf.get(sha) ?? []) {
        const k = `${from}..${to}`;
        if (intervalJobs.has(k) || !snapshots.has(from) || !snapshots.has(to)) continue;
        const job = limit(() => computeInterval(from, to));
        job.catch(() => undefined); // awaited (and its failure thrown) once the snapshots are done
        intervalJobs.set(k, job);
      }
    };
    const versions = new Map<string, BlobToAnalyse>();
    const analysedOf = new Map<string, string[]>();
    /** per snapshot, the versions it waits for */
    const waiting = new Map<string, string[]>();
    for (const c of missing) {
      const entries = trees.get(c.sha);
      if (!entries) throw new UsageError(`cannot read the tree of ${c.sha} (missing objects?)`);
      const ok = analysed(entries.map((e) => e.path));
      const paths = entries.map((e) => e.path).filter((p) => ok.has(p)).sort();
      analysedOf.set(c.sha, paths);
      const set = new Set(paths);
      const wait: string[] = [];
      for (const e of entries) {
        if (!set.has(e.path)) continue;
        const k = `${e.blob}:${e.path}`;
        if (!cache.has(k)) wait.push(k);
        if (!versions.has(k)) versions.set(k, { path: e.path, blob: e.blob });
      }
      waiting.set(c.sha, wait);
    }
    // the last snapshot that needs each file version: this thread lets go of its decoded facts after it
    const lastUse = new Map<string, number>();
    missing.forEach((c, i) => {
      for (const e of trees.get(c.sha)!) lastUse.set(`${e.blob}:${e.path}`, i);
    });
    const order = new Map(missing.map((c, i) => [c.sha, i]));
    let released = -1;
    /** Releases the decoded facts of the versions no snapshot after `c` needs (snapshots here go oldest first). */
    const releaseUpTo = (c: HistoryCommit): void => {
      const i = order.get(c.sha)!;
      if (i <= released) return;
      released = i;
      for (const [k, last] of lastUse) if (last <= i) { cache.release(k); lastUse.delete(k); }
    };
    let done = 0;
    /** results by the analysed files' content: a commit that changed none of them (docs, config) reuses one */
    const byContent = new Map<string, ScanResult>();
    const contentKeyOf = (c: HistoryCommit): string => {
      const wanted = new Set(analysedOf.get(c.sha));
      return trees.get(c.sha)!.filter((e) => wanted.has(e.path)).map((e) => `${e.path}\0${e.blob}`).sort().join('\n');
    };
    const record = (c: HistoryCommit, result: ScanResult): void => {
      options.onProgress?.({ phase: 'snapshots', done: done++, total: missing.length });
      stats.snapshotsComputed++;
      fresh.set(c.sha, toStored(result.findings));
      const kept = stored('write', () => store.addSnapshot({ analysisKey: key, commit: c.sha, committedAt: c.time, source: 'trend', result }));
      snapshots.set(c.sha, kept ?? snapshotOf(key, c, result));
      startIntervals(c.sha);
    };
    /** Analyses one snapshot whose file versions are in the cache (those that are not are read one by one). */
    const analyseSnapshot = (c: HistoryCommit): void => {
      // what scanCommit() does, with the tree already listed and the settings built once
      const contentKey = contentKeyOf(c);
      let out = byContent.get(contentKey);
      if (out) out = { ...out, commit: c.sha };
      else {
        const analysed = analyze({ root, config, settings, cache, source: commitSource(trees.get(c.sha)!, analysedOf.get(c.sha)!, reader), commit: c.sha });
        stats.filesParsed += analysed.stats.parsed;
        out = analysed.result;
        byContent.set(contentKey, out);
      }
      record(c, out);
      releaseUpTo(c);
    };
    let next = 0;
    const ready = (c: HistoryCommit): boolean => {
      const wait = waiting.get(c.sha)!;
      while (wait.length && cache.has(wait[wait.length - 1]!)) wait.pop();
      return wait.length === 0;
    };
    // a second thread analyses snapshots too, from the first one whose versions are all in: it is sent
    // each version's facts once, and answers with the snapshot's result
    // on a machine where a scan runs in one thread, so does the trend (the threads below cost more than
    // they save there); elsewhere the main thread, facts workers and a snapshot worker
    const threads = options.concurrency ?? (defaultConcurrency() === 1 ? 1 : undefined);
    const helper = missing.length >= 4 && (threads === undefined || threads >= 3) ? SnapshotWorker.start(root, config, settings) : null;
    const handedOut: Array<Promise<void>> = [];
    const helperFree = (): boolean => !!helper && helper.inFlight < 2;
    const handOut = (c: HistoryCommit): void => {
      const contentKey = contentKeyOf(c);
      const same = byContent.get(contentKey);
      if (same) {
        record(c, { ...same, commit: c.sha });
        return;
      }
      const files = analysedOf.get(c.sha)!;
      const blobs = new Map(trees.get(c.sha)!.map((e) => [e.path, e.blob] as const));
      handedOut.push(helper!.analyse(c.sha, files.map((p) => [p, blobs.get(p)!] as [string, string]), cache).then((result) => {
        if (!result) return analyseSnapshot(c); // the worker failed: done here
        stats.snapshotsInWorker++;
        byContent.set(contentKey, result);
        record(c, result);
      }));
    };
    let unreadable: HistoryCommit[] = [];
    try {
      const extracted = await fillFactsCache({
        items: [...versions.values()], cache, reader, config, settings,
        ...(threads !== undefined ? { workers: Math.max(0, threads - 1 - (helper ? 1 : 0)) } : {}),
        onProgress: (d, total) => options.onProgress?.({ phase: 'files', done: d, total }),
        idle: () => {
          const c = missing[next];
          if (!c || !ready(c)) return false;
          next++;
          if (helperFree()) handOut(c);
          else analyseSnapshot(c);
          return true;
        },
      });
      stats.filesParsed += extracted;
      // the rest: this thread from the oldest, the worker thread from the newest
      const rest = missing.slice(next);
      unreadable = rest.filter((c) => !ready(c));
      const queue = rest.filter((c) => ready(c));
      const feed = (): void => {
        while (helperFree() && queue.length > 1) handOut(queue.pop()!);
      };
      feed();
      while (queue.length) {
        analyseSnapshot(queue.shift()!);
        await new Promise<void>((r) => setImmediate(r)); // take the worker's answers, hand it more
        feed();
      }
      await Promise.all(handedOut);
    } finally {
      await helper?.close();
    }
    for (const c of unreadable) {
      // versions the pool could not read are read here, one snapshot at a time
      const wanted = new Set(analysedOf.get(c.sha));
      const misses = trees.get(c.sha)!.filter((e) => wanted.has(e.path) && !cache.has(`${e.blob}:${e.path}`)).map((e) => e.blob);
      await reader.prefetch(misses);
      analyseSnapshot(c);
      reader.clear();
    }
    options.onProgress?.({ phase: 'snapshots', done: missing.length, total: missing.length });
    if (options.cache !== false) {
      try {
        cache.save();
      } catch (e) {
        warn(`facts cache not written: ${(e as Error).message}`);
      }
    }
    stats.snapshotMs = performance.now() - t0;

    // 2. the periods not started yet (both snapshots stored), and the end of those started
    const t1 = performance.now();
    for (const c of commits) startIntervals(c.sha);
    let intervalsDone = 0;
    const total = intervalJobs.size;
    await Promise.all([...intervalJobs.values()].map((job) => job.then(() => {
      options.onProgress?.({ phase: 'intervals', done: ++intervalsDone, total });
    })));
    stats.intervalMs = performance.now() - t1;

    const points: TrendData['points'] = selection.points.map((p, i) => {
      const prev = selection.points[i - 1];
      const interval = prev && prev.commit.sha !== p.commit.sha ? intervals.get(`${prev.commit.sha}..${p.commit.sha}`) ?? null : null;
      return { selected: p, snapshot: snapshots.get(p.commit.sha)!, interval };
    });
    const wanted = new Set<string>();
    for (const iv of intervals.values()) {
      for (const c of iv.commits) wanted.add(c.sha);
      for (const a of iv.added) for (const s of a.shares) if (s.sha) wanted.add(s.sha);
    }
    const unknown = [...wanted].filter((sha) => {
      if (commitInfo.has(sha)) return false;
      const info = stored('read', () => store.commitInfo(sha));
      if (info) commitInfo.set(sha, info);
      return !info;
    });
    for (const info of await commitsInfo(root, unknown, runner)) commitInfo.set(info.sha, info);
    if (storeOk && store.path !== null) stored('prune', () => store.prune(key));

    const report = buildTrendReport(
      {
        root, ref, since, until, every, notes, points, commits: commitInfo,
        codeowners: readCodeowners(root, selection.points[selection.points.length - 1]?.commit.sha ?? tip),
        prefix, assistantPatterns, devCostMinutesPerLine: config.devCostMinutesPerLine,
      },
      options,
    );
    return { report, stats, storePath: store.path };
  } finally {
    await Promise.allSettled(intervalJobs.values()); // none is left writing to the store once it is closed
    runner.close();
    reader.clear();
    store.close();
  }
}

/** A snapshot record for a result the store could not keep. */
function snapshotOf(analysisKey: string, c: HistoryCommit, result: ScanResult): SnapshotRecord {
  const s = result.summary;
  const byRule: Record<string, RuleTotals> = {};
  for (const f of result.findings) {
    const t = (byRule[f.ruleId] ??= { category: f.category, findings: 0, debtMinutes: 0 });
    t.findings++;
    t.debtMinutes += f.effortMinutes;
  }
  return {
    analysisKey, commit: c.sha, committedAt: c.time, recordedAt: Math.floor(Date.now() / 1000), source: 'trend', toolVersion: result.tool.version,
    files: s.files, linesOfCode: s.linesOfCode, debtMinutes: s.debtMinutes, debtRatio: s.debtRatio, rating: s.rating,
    designSystemAdoption: s.designSystemAdoption, driftIndex: s.driftIndex, findings: result.findings.length, errors: result.errors.length,
    skipped: result.skipped.length, byCategory: s.byCategory, byRule,
  };
}
