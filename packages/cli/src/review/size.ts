// The size of a change as a reviewer feels it: lines added and removed in the files someone reads, without
// lock files, snapshots, generated files, binaries and pure moves (git's rename detection), split into new
// code (files the change creates) and edits (files that were there before).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { globMatcher } from '@plumbline/core';
import { git } from '../git/command.js';

/** Why a changed file does not count toward the size. */
export type Excluded = 'lock-file' | 'generated' | 'snapshot' | 'binary' | 'moved';

export interface ChangedFile {
  /** the path at the head (the base path for a deleted file), relative to the root */
  path: string;
  /** the base path of a renamed file */
  from?: string;
  status: 'added' | 'modified' | 'renamed' | 'deleted';
  added: number;
  deleted: number;
  excluded?: Excluded;
}

export interface ChangeSize {
  /** the size a reviewer reads: new code + edits (lines added and removed in files that were there before) */
  counted: number;
  /** files that count */
  files: number;
  /** lines of the files the change creates */
  newCode: number;
  /** lines added and removed in files that existed before */
  edits: { added: number; deleted: number };
  /** files the change deletes: not read line by line, so not counted */
  deletedFiles: { files: number; lines: number };
  /** files left out, per reason, with the lines git counted in them */
  excluded: Partial<Record<Excluded, { files: number; lines: number }>>;
  /** config `review.designReviewOverLines` */
  designReviewOverLines: number;
  /** counted > designReviewOverLines: "needs a design review, or split it" */
  needsDesignReview: boolean;
  changed: ChangedFile[];
}

/** Lock files of package managers, by base name. */
const LOCK_FILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  'deno.lock',
  'Cargo.lock',
  'Gemfile.lock',
  'poetry.lock',
  'composer.lock',
  'go.sum',
  'Podfile.lock',
  'Pipfile.lock',
  'uv.lock',
  'flake.lock',
  'pubspec.lock',
  'mix.lock',
]);

/** Paths that hold generated files by convention (as discovery leaves them out), and minified or source-map output. */
const GENERATED = globMatcher([
  '**/*.generated.*',
  '**/__generated__/**',
  '**/generated/**',
  '**/*.gen.{ts,tsx,js,go}',
  '**/*.min.{js,mjs,css}',
  '**/*.map',
  '**/dist/**',
  '**/*.pb.go',
  '**/*_pb.{js,ts,d.ts}',
]);
const SNAPSHOTS = globMatcher(['**/__snapshots__/**', '**/*.snap']);

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** Why a path does not count (moved and binary are decided by git's numbers, not the path). */
export function excludedByPath(path: string, generated: ReadonlySet<string> = new Set()): Excluded | undefined {
  if (LOCK_FILES.has(baseName(path))) return 'lock-file';
  if (SNAPSHOTS(path)) return 'snapshot';
  if (GENERATED(path) || generated.has(path)) return 'generated';
  return undefined;
}

/** `git diff --numstat -z` (or `--name-status -z`) records: [fields, path] or [fields, from, to] for renames and copies. */
function records(out: string, statusFirst: boolean): Array<{ head: string; path: string; from?: string }> {
  const parts = out.split('\0');
  const rows: Array<{ head: string; path: string; from?: string }> = [];
  for (let i = 0; i < parts.length;) {
    const head = parts[i++]!;
    if (!head) continue;
    if (statusFirst) {
      if (/^[RC]/.test(head)) rows.push({ head, from: parts[i++]!, path: parts[i++]! });
      else rows.push({ head, path: parts[i++]! });
      continue;
    }
    // numstat: "added\tdeleted\tpath", or "added\tdeleted\t" followed by the two paths of a rename
    const tab = head.split('\t');
    if (tab[2]) rows.push({ head: `${tab[0]}\t${tab[1]}`, path: tab[2] });
    else rows.push({ head: `${tab[0]}\t${tab[1]}`, from: parts[i++]!, path: parts[i++]! });
  }
  return rows;
}

/** Files git marks `linguist-generated` in .gitattributes, of the given paths. */
function linguistGenerated(root: string, paths: readonly string[]): Set<string> {
  const out = new Set<string>();
  if (paths.length === 0) return out;
  const text = git(root, ['check-attr', '-z', '--stdin', 'linguist-generated'], paths.join('\0'));
  if (!text) return out;
  const parts = text.split('\0');
  for (let i = 0; i + 2 < parts.length; i += 3) if (parts[i + 2] === 'set' || parts[i + 2] === 'true') out.add(parts[i]!);
  return out;
}

/** Untracked, not ignored files of a working tree (but plumbline's own): new code that `git diff` does not list. */
function untrackedFiles(root: string, ours: (path: string) => boolean): ChangedFile[] {
  const out = git(root, ['ls-files', '-z', '--others', '--exclude-standard']);
  if (!out) return [];
  const files: ChangedFile[] = [];
  for (const path of out.split('\0').filter(Boolean)) {
    if (ours(path)) continue;
    let lines = 0;
    try {
      const abs = join(root, path);
      if (statSync(abs).size > 4 << 20) continue;
      const bytes = readFileSync(abs);
      if (bytes.includes(0)) {
        files.push({ path, status: 'added', added: 0, deleted: 0, excluded: 'binary' });
        continue;
      }
      const text = bytes.toString('utf8');
      lines = text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    } catch {
      continue;
    }
    files.push({ path, status: 'added', added: lines, deleted: 0 });
  }
  return files;
}

/**
 * The files a change touches between `base` and `head` (null: the working tree, untracked files
 * included, but `ours`: plumbline's cache and output), with git's rename detection: a file moved
 * unchanged is `moved`, one moved and edited counts only its edits. `generated`: paths the analysis
 * skipped as generated (a marker in the header).
 */
export function changedFiles(
  root: string,
  base: string,
  head: string | null,
  generated: ReadonlySet<string> = new Set(),
  ours: (path: string) => boolean = () => false,
): ChangedFile[] {
  const range = [base, ...(head ? [head] : [])];
  const numstat = git(root, ['-c', 'core.quotePath=false', 'diff', '--relative', '-M', '--numstat', '-z', '--no-ext-diff', ...range, '--']);
  const status = git(root, [
    '-c',
    'core.quotePath=false',
    'diff',
    '--relative',
    '-M',
    '--name-status',
    '-z',
    '--no-ext-diff',
    ...range,
    '--',
  ]);
  if (numstat === null || status === null) return [];
  const statusOf = new Map(records(status, true).map((r) => [r.path, r.head[0]]));
  const files: ChangedFile[] = [];
  for (const r of records(numstat, false)) {
    const [a, d] = r.head.split('\t');
    const s = statusOf.get(r.path);
    const kind: ChangedFile['status'] = r.from ? 'renamed' : s === 'A' ? 'added' : s === 'D' ? 'deleted' : 'modified';
    const binary = a === '-' || d === '-';
    const f: ChangedFile = {
      path: r.path,
      ...(r.from ? { from: r.from } : {}),
      status: kind,
      added: binary ? 0 : Number(a),
      deleted: binary ? 0 : Number(d),
    };
    if (binary) f.excluded = 'binary';
    else if (kind === 'renamed' && f.added === 0 && f.deleted === 0) f.excluded = 'moved';
    files.push(f);
  }
  if (head === null) files.push(...untrackedFiles(root, ours));
  const attributed = linguistGenerated(
    root,
    files.map((f) => f.path),
  );
  for (const f of files) f.excluded ??= excludedByPath(f.path, generated) ?? (attributed.has(f.path) ? 'generated' : undefined);
  return files;
}

/** Sums the changed files into the size a reviewer feels, judged against `designReviewOverLines`. */
export function sizeOf(files: readonly ChangedFile[], designReviewOverLines: number): ChangeSize {
  const size: ChangeSize = {
    counted: 0,
    files: 0,
    newCode: 0,
    edits: { added: 0, deleted: 0 },
    deletedFiles: { files: 0, lines: 0 },
    excluded: {},
    designReviewOverLines,
    needsDesignReview: false,
    changed: [...files],
  };
  for (const f of files) {
    if (f.excluded) {
      const e = (size.excluded[f.excluded] ??= { files: 0, lines: 0 });
      e.files++;
      e.lines += f.added + f.deleted;
    } else if (f.status === 'deleted') {
      size.deletedFiles.files++;
      size.deletedFiles.lines += f.deleted;
    } else {
      size.files++;
      if (f.status === 'added') size.newCode += f.added;
      else {
        size.edits.added += f.added;
        size.edits.deleted += f.deleted;
      }
    }
  }
  size.counted = size.newCode + size.edits.added + size.edits.deleted;
  size.needsDesignReview = size.counted > designReviewOverLines;
  return size;
}

const EXCLUDED_LABEL: Record<Excluded, [string, string]> = {
  'lock-file': ['lock file', 'lock files'],
  generated: ['generated file', 'generated files'],
  snapshot: ['snapshot', 'snapshots'],
  binary: ['binary file', 'binary files'],
  moved: ['file moved unchanged', 'files moved unchanged'],
};

/** "250 lines in 4 files: 200 new, 50 edited (+30 −20); not counted: 1 lock file (2,000 lines), 12 moved unchanged" */
export function describeSize(size: ChangeSize): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const parts = [
    `${n(size.counted)} line${size.counted === 1 ? '' : 's'} changed in ${size.files} file${size.files === 1 ? '' : 's'}: ${n(size.newCode)} new, ${n(size.edits.added + size.edits.deleted)} edited (+${n(size.edits.added)} −${n(size.edits.deleted)})`,
  ];
  const left = (Object.entries(size.excluded) as Array<[Excluded, { files: number; lines: number }]>).map(
    ([k, v]) => `${v.files} ${EXCLUDED_LABEL[k][v.files === 1 ? 0 : 1]}${v.lines ? ` (${n(v.lines)} lines)` : ''}`,
  );
  if (size.deletedFiles.files)
    left.push(`${size.deletedFiles.files} deleted file${size.deletedFiles.files === 1 ? '' : 's'} (${n(size.deletedFiles.lines)} lines)`);
  if (left.length) parts.push(`not counted: ${left.join(', ')}`);
  return parts.join('; ');
}

/** The verdict line of a change over the design-review size, or null. */
export function designReviewLine(size: ChangeSize): string | null {
  return size.needsDesignReview
    ? `needs a design review, or split it: ${size.counted.toLocaleString('en-US')} changed lines, over the ${size.designReviewOverLines} of review.designReviewOverLines`
    : null;
}
