import { analysisKey, filterPaths } from '@plumbline/analyzer';
import { buildCheckSettings } from '@plumbline/core';
import type { ResolvedConfig, ScanResult } from '@plumbline/core';
import { git } from '../git/command.js';
import { StoreError } from './backend.js';
import { openHistory } from './open.js';

export interface RecordOptions {
  root: string;
  config: ResolvedConfig;
  result: ScanResult;
  /** the history store: a `postgres://` URL or a SQLite file relative to the root (default PLUMBLINE_STORE, config `history.store`, `history.path`) */
  storePath?: string;
  onWarning?: (message: string) => void;
}

export interface RecordOutcome {
  recorded: boolean;
  /** why not, or where */
  message: string;
}

/**
 * Analysed files that differ from HEAD in the working tree (modified, added, deleted, untracked), from
 * `git status`: a scan of such a tree is not the snapshot of HEAD.
 */
export function dirtyAnalysedFiles(root: string, config: ResolvedConfig): string[] | null {
  const out = git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--', '.']);
  if (out === null) return null;
  const prefix = git(root, ['rev-parse', '--show-prefix'])?.trim() ?? '';
  const paths = out
    .split('\0')
    .filter(Boolean)
    .map((rec) => rec.slice(3))
    .filter((p) => p.startsWith(prefix))
    .map((p) => p.slice(prefix.length));
  return filterPaths(paths, config);
}

/**
 * `plumbline scan --record`: stores a scan of a clean work tree as the snapshot of HEAD, under the same
 * analysis key `trend` uses, so trend and report reuse it. A tree whose analysed files differ from
 * HEAD is not recorded (its findings belong to no commit); that is a message, not an error.
 */
export async function recordScan(options: RecordOptions): Promise<RecordOutcome> {
  const { root, config, result } = options;
  const commit = result.commit;
  if (!commit) return { recorded: false, message: 'not recorded: not inside a git repository with a commit' };
  const dirty = dirtyAnalysedFiles(root, config);
  if (dirty === null) return { recorded: false, message: 'not recorded: git status failed' };
  if (dirty.length > 0) {
    return {
      recorded: false,
      message: `not recorded: ${dirty.length} analysed file${dirty.length === 1 ? '' : 's'} differ from HEAD (${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', …' : ''}); commit them first`,
    };
  }
  const committedAt = Number(git(root, ['show', '-s', '--format=%ct', commit])?.trim() ?? NaN);
  const { settings } = buildCheckSettings(root, config);
  // a PostgreSQL store that cannot be used is a StoreError (exit 2); a SQLite one falls back to memory
  const store = await openHistory(root, config, {
    ...(options.storePath ? { store: options.storePath } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
  try {
    await store.addSnapshot({
      analysisKey: analysisKey(config, settings),
      commit,
      committedAt: Number.isFinite(committedAt) ? committedAt : 0,
      source: 'scan',
      result,
    });
  } catch (e) {
    if (e instanceof StoreError) throw e; // a shared store that refuses the write: exit 2, as when it cannot be opened
    return { recorded: false, message: `not recorded: the history store ${store.label} failed (${(e as Error).message})` };
  } finally {
    await store.close();
  }
  return {
    recorded: true,
    message: `recorded the snapshot of ${commit.slice(0, 7)} in ${store.persistent ? store.label : 'memory (the store could not be opened)'}`,
  };
}
