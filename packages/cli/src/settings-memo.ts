/**
 * Check settings (design system, tokens, modules, owners) kept between scans. Building them parses the
 * design system's components and walks the tree for token files: on a real monorepo most of a scan of
 * an unchanged tree. They are a function of the config, core's code and the files the providers look
 * at, so while they are built every file read, directory listed and path probed through node:fs is
 * recorded with what it saw (size, times and inode of a file; the entries of a directory; whether a
 * path exists). The next scan repeats those probes, which costs a stat or a readdir each, and reuses
 * the settings only when every answer is the same. A provider that reaches the disk another way (a
 * file descriptor, a URL, any other fs function) makes the recording unusable, and the settings are
 * then built every time, as without this memo.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { codeIdentity } from '@plumbline/analyzer';
import { buildCheckSettings, shortHash } from '@plumbline/core';
import type { ResolvedConfig, SettingsOutcome } from '@plumbline/core';

const MEMO_FILE = 'settings.v8';
const MEMO_VERSION = 1;

/** One look at the disk and what it saw. */
type Probe = [kind: 'file' | 'dir' | 'exists' | 'stat' | 'real', path: string, seen: string];

interface Memo {
  version: number;
  key: string;
  probes: Probe[];
  outcome: SettingsOutcome;
}

const { existsSync, readdirSync, readFileSync, realpathSync, statSync } = fs;

function statStamp(path: string): string {
  try {
    const st = statSync(path);
    return `${st.isFile() ? 'f' : st.isDirectory() ? 'd' : 'o'}:${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
  } catch (e) {
    return `!${(e as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

function dirStamp(path: string): string {
  try {
    const names = readdirSync(path, { withFileTypes: true }).map(
      (e) => `${e.name}/${e.isDirectory() ? 'd' : e.isFile() ? 'f' : e.isSymbolicLink() ? 'l' : 'o'}`,
    );
    return shortHash(names.sort().join('\n'), 16);
  } catch (e) {
    return `!${(e as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

/** What a probe sees now. */
function look(kind: Probe[0], path: string): string {
  switch (kind) {
    case 'file':
    case 'stat':
      return statStamp(path);
    case 'dir':
      return dirStamp(path);
    case 'exists':
      return existsSync(path) ? '1' : '0';
    case 'real':
      try {
        return realpathSync(path);
      } catch (e) {
        return `!${(e as NodeJS.ErrnoException).code ?? 'error'}`;
      }
  }
}

/** Runs `fn` with node:fs's reads recorded; null probes when something was read in a way not recorded. */
export function recordReads<T>(fn: () => T): { value: T; probes: Probe[] | null } {
  const probes: Probe[] = [];
  let sound = true;
  const pathOf = (p: unknown): string | null => (typeof p === 'string' ? resolve(p) : null);
  const seen = new Set<string>();
  const note = (kind: Probe[0], p: unknown): void => {
    const path = pathOf(p);
    if (path === null) {
      sound = false;
      return;
    }
    const id = `${kind}\0${path}`;
    if (seen.has(id)) return;
    seen.add(id);
    probes.push([kind, path, look(kind, path)]);
  };
  let depth = 0;
  const target = fs as unknown as Record<string, unknown>;
  const originals = new Map<string, unknown>();
  const wrap = (name: string, kind: Probe[0] | null) => {
    const original = target[name] as (...args: unknown[]) => unknown;
    originals.set(name, original);
    target[name] = function (this: unknown, ...args: unknown[]) {
      // what fs does inside a recorded call (readFileSync opens and reads) is that call's business
      if (depth === 0) {
        // a recursive listing is more than one directory's entries
        if (kind && !(kind === 'dir' && (args[1] as { recursive?: boolean } | undefined)?.recursive)) note(kind, args[0]);
        else sound = false;
      }
      depth++;
      try {
        return original.apply(this, args);
      } finally {
        depth--;
      }
    };
  };
  wrap('readFileSync', 'file');
  wrap('readdirSync', 'dir');
  wrap('existsSync', 'exists');
  wrap('statSync', 'stat');
  wrap('lstatSync', 'stat');
  // require() resolves through it (TypeScript is loaded by the design-system provider)
  wrap('realpathSync', 'real');
  for (const name of ['openSync', 'opendirSync', 'accessSync', 'readSync', 'readlinkSync']) wrap(name, null);
  syncBuiltinESMExports();
  try {
    const value = fn();
    return { value, probes: sound ? probes : null };
  } finally {
    for (const [name, original] of originals) target[name] = original;
    syncBuiltinESMExports();
  }
}

/** The code (core's providers build the settings), the root, the working directory and the config. */
function memoKey(root: string, config: ResolvedConfig): string {
  return shortHash([codeIdentity(), root, process.cwd(), JSON.stringify(config)].join('\0'), 24);
}

export interface SettingsMemoStats {
  /** the settings came from the memo */
  reused: boolean;
  /** probes repeated to check the memo */
  probes: number;
}

/**
 * buildCheckSettings, reusing the last scan's settings (from `cacheDir`) when every file, directory and
 * path they were built from looks the same; otherwise built, recorded and kept for the next scan.
 */
export function memoizedCheckSettings(root: string, config: ResolvedConfig, cacheDir: string, stats?: SettingsMemoStats): SettingsOutcome {
  const file = join(cacheDir, MEMO_FILE);
  const key = memoKey(root, config);
  let memo: Memo | null = null;
  try {
    memo = deserialize(readFileSync(file)) as Memo;
  } catch {
    memo = null;
  }
  if (memo && memo.version === MEMO_VERSION && memo.key === key && Array.isArray(memo.probes)) {
    const unchanged = memo.probes.every(([kind, path, seen]) => look(kind, path) === seen);
    if (stats) stats.probes = memo.probes.length;
    if (unchanged) {
      if (stats) stats.reused = true;
      return memo.outcome;
    }
  }
  try {
    // before the recording: a listing of the directory that holds it must not change when it appears
    fs.mkdirSync(cacheDir, { recursive: true });
  } catch {
    // not writable: nothing is kept
  }
  const { value: outcome, probes } = recordReads(() => buildCheckSettings(root, config));
  if (probes) {
    try {
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, serialize({ version: MEMO_VERSION, key, probes, outcome } satisfies Memo));
      fs.renameSync(tmp, file);
    } catch {
      // only saves time next run
    }
  } else {
    fs.rmSync(file, { force: true });
  }
  return outcome;
}
