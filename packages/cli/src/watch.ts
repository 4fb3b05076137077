import { readdirSync, statSync, watch } from 'node:fs';
import type { Dirent, FSWatcher } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { languageOf } from '@plumbline/analyzer';
import { CONFIG_FILE_NAME } from '@plumbline/core';
import type { CommandIO } from './command.js';
import { scan } from './scan.js';
import type { ScanOutput } from './scan.js';

/**
 * `plumbline scan --watch`: scans again whenever a source file, a style file or the config changes, so
 * the editor cache (.plumbline/cache/project-findings.json) follows the code. Each run reuses the facts
 * cache, so only the changed files are parsed. Directories are watched one by one, without recursion,
 * never node_modules, build output or dot-directories.
 */

export interface WatchOptions {
  root: string;
  configFile?: string;
  /** quiet time after the last change before scanning (default 250 ms) */
  debounceMs?: number;
  /** after every scan, with the paths whose change triggered it (empty for the first) */
  onScan(out: ScanOutput, changed: string[], ms: number): void;
  onError(error: Error): void;
}

export interface Watcher {
  /** resolves after the first scan */
  ready: Promise<void>;
  /** the number of scans run so far */
  readonly scans: number;
  close(): void;
}

const RELEVANT_NAMES = new Set([CONFIG_FILE_NAME, '.gitignore', 'tsconfig.json', 'package.json']);
/** Directory names a new-directory event never follows (dependencies, build output, VCS). */
const IGNORED_DIRS = new Set([
  'node_modules',
  'dist',
  'build',
  'out',
  'coverage',
  'vendor',
  'third_party',
  'storybook-static',
  'generated',
  '__generated__',
]);

export function startWatch(options: WatchOptions): Watcher {
  const root = resolve(options.root);
  const debounce = options.debounceMs ?? 250;
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let pending = new Set<string>();
  let running = false;
  let closed = false;
  let scans = 0;
  /** where scans write (cache, history): never a trigger */
  let ownOutput = [join(root, '.plumbline')];
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));

  const relevant = (name: string) => {
    const base = name.split(/[\\/]/).pop() ?? name;
    return languageOf(base) !== null || RELEVANT_NAMES.has(base) || base.endsWith('.json');
  };

  const watchDir = (d: string) => {
    if (watchers.has(d)) return;
    try {
      const w = watch(d, { persistent: true }, (_event, name) => {
        if (!name) return;
        const file = join(d, name.toString());
        if (ownOutput.some((o) => file === o || file.startsWith(`${o}/`) || file.startsWith(`${o}-`))) return; // the cache and history (and its -wal, -journal)
        if (!relevant(name.toString())) {
          // a new directory: watch it (and what it holds) at once, so files written into it next are seen
          if (isNewSourceDir(file)) {
            watchTree(file);
            schedule();
          }
          return;
        }
        pending.add(
          file
            .slice(root.length + 1)
            .split('\\')
            .join('/'),
        );
        schedule();
      });
      w.on('error', () => {
        w.close();
        watchers.delete(d);
      });
      watchers.set(d, w);
    } catch {
      // a directory that vanished meanwhile: the next scan sees it
    }
  };

  const isNewSourceDir = (path: string) => {
    const base = path.split(/[\\/]/).pop() ?? '';
    if (IGNORED_DIRS.has(base) || base.startsWith('.')) return false;
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  };

  const watchTree = (dir: string, depth = 0) => {
    watchDir(dir);
    if (depth > 8) return;
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries)
      if (e.isDirectory() && !IGNORED_DIRS.has(e.name) && !e.name.startsWith('.')) watchTree(join(dir, e.name), depth + 1);
  };

  /** Watches the root and every directory that holds analysed files, with its ancestors. */
  const watchDirs = (files: readonly string[]) => {
    const dirs = new Set<string>([root]);
    for (const f of files) for (let d = dirname(join(root, f)); d.startsWith(root) && !dirs.has(d); d = dirname(d)) dirs.add(d);
    for (const d of dirs) watchDir(d);
  };

  const run = () => {
    if (closed) return;
    if (running) {
      schedule();
      return;
    }
    running = true;
    const changed = [...pending].sort();
    pending = new Set();
    const t0 = performance.now();
    try {
      const out = scan({ root, ...(options.configFile ? { configFile: options.configFile } : {}) });
      scans++;
      ownOutput = [join(root, '.plumbline'), resolve(root, out.config.cacheDir), resolve(root, out.config.historyPath)];
      watchDirs(
        out.facts
          .map((f) => f.path)
          .concat(
            out.result.errors.map((e) => e.file),
            out.result.skipped.map((s) => s.file),
          ),
      );
      options.onScan(out, changed, performance.now() - t0);
    } catch (e) {
      scans++;
      options.onError(e as Error);
      if (watchers.size === 0) watchDirs([]);
    } finally {
      running = false;
      resolveReady();
    }
  };

  function schedule() {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, debounce);
  }

  // watch before the first scan, so that a file saved while it runs is not missed
  watchTree(root);
  setImmediate(run);
  return {
    ready,
    get scans() {
      return scans;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
      resolveReady();
    },
  };
}

/** The `scan --watch` command: prints one line per scan, and runs until interrupted. */
export function watchCommand(options: { root: string; configFile?: string; io: CommandIO }): Promise<number> {
  const { io } = options;
  return new Promise((resolveExit) => {
    const watcher = startWatch({
      root: options.root,
      ...(options.configFile ? { configFile: options.configFile } : {}),
      onScan(out, changed, ms) {
        const r = out.result;
        const trigger = changed.length ? ` after ${changed.length === 1 ? changed[0] : `${changed.length} changes`}` : '';
        io.stdout(
          `[${new Date().toLocaleTimeString()}] scanned ${r.summary.files} files${trigger} in ${Math.round(ms)} ms (parsed ${out.stats.parsed}): ` +
            `${r.findings.length} findings, debt ${Math.round(r.summary.debtMinutes)} min, rating ${r.summary.rating}; editor cache updated\n`,
        );
      },
      onError(e) {
        io.stderr(`plumbline scan --watch: ${e.message}\n`);
      },
    });
    io.stderr('watching for changes; press Ctrl-C to stop\n');
    const stop = () => {
      watcher.close();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveExit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
