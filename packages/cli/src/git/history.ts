// git history for the trend: first-parent history, shallow clones, the commits of a period with their
// lines added and deleted and the files they renamed, and commits' metadata.
import { SCRIPT_EXTENSIONS, STYLE_EXTENSIONS } from '@plumbline/analyzer';
import type { CommitInfo, IntervalCommit } from '../history/records.js';
import { git } from './command.js';
import { gitOf } from './runner.js';
import type { GitRunner } from './runner.js';

export interface HistoryCommit {
  sha: string;
  /** committer date, unix seconds */
  time: number;
}

/** First-parent history of a commit, newest first. */
export function firstParentHistory(root: string, tip: string): HistoryCommit[] {
  const out = git(root, ['log', '--first-parent', '--format=%H %ct', tip, '--']);
  if (out === null) return [];
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [sha, t] = l.split(' ');
      return { sha: sha!, time: Number(t) };
    });
}

/** Whether the repository is a shallow clone (its history stops early). */
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
    out.push({
      path,
      added: m[1] === '-' ? 0 : Number(m[1]),
      deleted: m[2] === '-' ? 0 : Number(m[2]),
      ...(from !== undefined ? { from } : {}),
    });
  }
  return out;
}

/**
 * Pathspecs of the files plumbline can analyse, relative to the root: git then diffs only those (a
 * lockfile's diff alone can cost more than the rest of a week's commits).
 */
const ANALYSED_PATHSPECS = [...SCRIPT_EXTENSIONS, ...STYLE_EXTENSIONS].map((ext) => `:(glob)**/*${ext}`);

/** Which of some paths are analysed (see trend's `analysedPaths`). */
export type Analysed = (paths: readonly string[]) => Set<string>;

const COMMIT_FORMAT = '%x1e%H%x1f%an%x1f%ae%x1f%at%x1f%ct%x1f%s%x1f%(trailers:unfold,only)%x1f';

function parseCommitLog(out: string): Array<CommitInfo & { numstat: NumstatEntry[] }> {
  const commits: Array<CommitInfo & { numstat: NumstatEntry[] }> = [];
  for (const chunk of out.split('\x1e')) {
    if (!chunk.trim()) continue;
    const parts = chunk.split('\x1f');
    if (parts.length < 8) continue;
    const [sha, authorName, authorEmail, at, ct, subject, trailers] = parts;
    commits.push({
      sha: sha!.trim(),
      authorName: authorName!,
      authorEmail: authorEmail!,
      authoredAt: Number(at),
      committedAt: Number(ct),
      subject: subject!,
      trailers: trailers!.trim(),
      numstat: parseNumstat(parts.slice(7).join('\x1f')),
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
export async function intervalCommits(
  root: string,
  from: string,
  to: string,
  analysed: Analysed,
  runner?: GitRunner,
): Promise<IntervalHistory> {
  const out =
    (await gitOf(runner)(
      [
        'log',
        '-z',
        '-M',
        '--numstat',
        '--no-merges',
        '--relative',
        `--format=${COMMIT_FORMAT}`,
        `${from}..${to}`,
        '--',
        ...ANALYSED_PATHSPECS,
      ],
      root,
    )) ?? '';
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
    commits.push({
      ...info,
      linesAdded: touched.reduce((n, e) => n + e.added, 0),
      linesDeleted: touched.reduce((n, e) => n + e.deleted, 0),
    });
  }
  return { commits, touchers, renamed, renamedFrom };
}

/** Metadata of given commits (e.g. a merge that blame credits), without line counts. */
export async function commitsInfo(root: string, shas: readonly string[], runner?: GitRunner): Promise<CommitInfo[]> {
  if (shas.length === 0) return [];
  const out = (await gitOf(runner)(['log', '--no-walk=unsorted', `--format=${COMMIT_FORMAT}`, ...shas, '--'], root)) ?? '';
  return parseCommitLog(out).map(({ numstat: _n, ...info }) => info);
}
