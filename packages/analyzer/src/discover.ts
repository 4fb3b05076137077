import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, lstatSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import ignoreModule from 'ignore';
import { globMatcher } from '@plumbline/core';
import type { ResolvedConfig } from '@plumbline/core';

type IgnoreFactory = typeof ignoreModule;
const ignore: IgnoreFactory = ((ignoreModule as unknown as { default?: IgnoreFactory }).default ?? ignoreModule) as IgnoreFactory;

export const SCRIPT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
export const STYLE_EXTENSIONS = ['.css', '.scss'];

/** Directories and files no user wants analysed: dependencies, build output, vendored and generated code. */
export const BUILTIN_EXCLUDES = [
  '**/node_modules/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/coverage/**',
  '**/.next/**',
  '**/.nuxt/**',
  '**/.turbo/**',
  '**/.vercel/**',
  '**/.output/**',
  '**/storybook-static/**',
  '**/.plumbline/**',
  '**/.git/**',
  '**/vendor/**',
  '**/vendors/**',
  '**/third_party/**',
  '**/third-party/**',
  '**/*.d.ts',
  '**/*.d.mts',
  '**/*.d.cts',
  '**/*.min.js',
  '**/*.min.mjs',
  '**/*.bundle.js',
  '**/*.generated.*',
  '**/__generated__/**',
  '**/*.gen.ts',
  '**/generated/**',
];

export function languageOf(path: string): 'ts' | 'css' | null {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return null;
  const ext = path.slice(dot).toLowerCase();
  if (SCRIPT_EXTENSIONS.includes(ext)) return 'ts';
  if (STYLE_EXTENSIONS.includes(ext)) return 'css';
  return null;
}

/** Tracked and untracked-but-not-ignored files of a git work tree, relative to `root`; null outside git. */
function gitFiles(root: string): string[] | null {
  try {
    const out = execFileSync('git', ['-C', root, ...GIT_LS_FILES], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 1 << 30,
    });
    return out.split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

/**
 * Blob ids of the tracked files whose working copy git considers unchanged from the index (relative to
 * `root`): a scan can key their facts without reading and hashing them. Files git reports as changed, or
 * does not track, are left out (they are read and hashed). Null outside a git work tree.
 */
export function gitKnownHashes(root: string): Map<string, string> | null {
  const run = (args: string[]) =>
    execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 30 });
  try {
    return knownHashesOf(run(GIT_DIFF_FILES), run(GIT_LS_STAGE));
  } catch {
    return null;
  }
}

const GIT_LS_FILES = ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'];
const GIT_DIFF_FILES = ['diff-files', '--name-only', '-z', '--relative'];
const GIT_LS_STAGE = ['ls-files', '-s', '-z'];
const GIT_HEAD = ['rev-parse', '--verify', '--quiet', 'HEAD'];

/** Blob ids of the index's regular, merged entries that `git diff-files` does not report as changed. */
function knownHashesOf(diffFiles: string, lsStage: string): Map<string, string> {
  const changed = new Set(diffFiles.split('\0').filter(Boolean));
  const known = new Map<string, string>();
  for (const rec of lsStage.split('\0')) {
    // <mode> <blob> <stage>\t<path>; regular files only, merged entries only
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const [mode, blob, stage] = rec.slice(0, tab).split(' ');
    const path = rec.slice(tab + 1);
    if ((mode === '100644' || mode === '100755') && stage === '0' && blob && !changed.has(path)) known.set(path, blob);
  }
  return known;
}

/** What git says about a work tree: the same answers as gitFiles, gitKnownHashes and HEAD, asked at once. */
export interface GitWorkTree {
  /** tracked and untracked-but-not-ignored paths, relative to the root (unfiltered) */
  files: string[];
  /** blob ids of the tracked files unchanged from the index (see gitKnownHashes) */
  knownHashes: Map<string, string>;
  /** HEAD's commit id; null before the first commit */
  head: string | null;
}

/**
 * Starts the git commands a scan needs (the file list, the index's blob ids and what differs from it,
 * HEAD) as child processes, without waiting: they run on another core while this thread loads the
 * config and builds the settings. Their output goes to temporary files, not pipes, so that they finish
 * even while this thread is busy. `result()` resolves to null outside a git work tree.
 */
export function startGitQueries(rootDir: string): { result(): Promise<GitWorkTree | null> } {
  const root = resolve(rootDir);
  let dir: string;
  try {
    dir = mkdtempSync(join(tmpdir(), 'plumbline-git-'));
  } catch {
    return { result: () => Promise.resolve(null) };
  }
  const queries = [GIT_LS_FILES, GIT_DIFF_FILES, GIT_LS_STAGE, GIT_HEAD].map((args, i) => {
    const file = join(dir, `${i}.out`);
    return new Promise<{ code: number | null; file: string }>((done) => {
      let fd: number | undefined;
      try {
        fd = openSync(file, 'w');
        const child = spawn('git', ['-C', root, ...args], { stdio: ['ignore', fd, 'ignore'] });
        child.on('error', () => done({ code: -1, file }));
        child.on('close', (code) => done({ code, file }));
      } catch {
        done({ code: -1, file });
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
    });
  });
  let answer: Promise<GitWorkTree | null> | undefined;
  return {
    result: () =>
      (answer ??= Promise.all(queries).then((outs) => {
        try {
          // rev-parse exits 1 before the first commit: no HEAD, still a work tree
          const text = (i: number, codes: ReadonlyArray<number | null>) =>
            codes.includes(outs[i]!.code) ? readFileSync(outs[i]!.file, 'utf8') : null;
          const [ls, diff, stage, head] = [text(0, [0]), text(1, [0]), text(2, [0]), text(3, [0, 1])];
          if (ls === null || diff === null || stage === null) return null;
          return { files: ls.split('\0').filter(Boolean), knownHashes: knownHashesOf(diff, stage), head: head?.trim() || null };
        } catch {
          return null;
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      })),
  };
}

/** A walk that honours .gitignore files at every level; symlinks are not followed (no loops). */
function walkFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string, rules: Array<{ base: string; ig: ReturnType<IgnoreFactory> }>): void => {
    const gi = join(dir, '.gitignore');
    const here = existsSync(gi) ? [...rules, { base: dir, ig: ignore().add(readFileSync(gi, 'utf8')) }] : rules;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === '.git' || e.name === 'node_modules') continue;
      const abs = join(dir, e.name);
      const isDir = e.isDirectory();
      if (!isDir && !e.isFile()) continue; // symlinks, sockets
      const ignored = here.some(({ base, ig }) => {
        const rel = relative(base, abs).split('\\').join('/');
        return ig.ignores(isDir ? `${rel}/` : rel);
      });
      if (ignored) continue;
      if (isDir) walk(abs, here);
      else files.push(relative(root, abs).split('\\').join('/'));
    }
  };
  walk(root, []);
  return files;
}

export interface Discovered {
  /** POSIX paths relative to root, sorted, of files to analyse (scripts and styles) */
  files: string[];
  /** whether the list came from git */
  fromGit: boolean;
}

/**
 * Lists the files plumbline analyses under `root`, with the built-in excludes and config include/exclude.
 * `gitListed`: git's file list when already asked for (startGitQueries), null when `root` is not in git.
 */
export function discoverFiles(rootDir: string, config: ResolvedConfig, gitListed?: readonly string[] | null): Discovered {
  const root = resolve(rootDir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`${root} is not a directory`);
  const git = gitListed === undefined ? gitFiles(root) : gitListed;
  if (git === null) return { files: filterPaths(walkFiles(root), config), fromGit: false };
  // git lists tracked paths that are now deleted, symlinks (which commit snapshots leave out, so a
  // symlinked file would look new to `check --base`) and whatever replaced a file (a FIFO would block
  // the read): keep regular files only, as the walk does
  return { files: filterPaths(git, config).filter((p) => isRegularFile(join(root, p))), fromGit: true };
}

function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/** Applies languages, built-in excludes and the config's include/exclude to a list of paths. */
export function filterPaths(paths: readonly string[], config: ResolvedConfig): string[] {
  const builtin = globMatcher(BUILTIN_EXCLUDES);
  const include = globMatcher(config.include);
  const exclude = globMatcher(config.exclude);
  return paths.filter((p) => languageOf(p) !== null && !builtin(p) && include(p) && !exclude(p)).sort();
}
