import { resolve } from 'node:path';
import { analysisKey, filterPaths } from '@plumbline/analyzer';
import { buildCheckSettings } from '@plumbline/core';
import type { ResolvedConfig, ScanResult } from '@plumbline/core';
import { git } from '../git/command.js';
import { HistoryStore } from './store.js';

export interface RecordOptions {
  root: string;
  config: ResolvedConfig;
  result: ScanResult;
  /** history store file (default config `history.path`, relative to the root) */
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
export function recordScan(options: RecordOptions): RecordOutcome {
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
  const store = HistoryStore.open(
    resolve(root, options.storePath ?? config.historyPath),
    options.onWarning ? { onWarning: options.onWarning } : {},
  );
  try {
    store.addSnapshot({
      analysisKey: analysisKey(config, settings),
      commit,
      committedAt: Number.isFinite(committedAt) ? committedAt : 0,
      source: 'scan',
      result,
    });
  } catch (e) {
    return { recorded: false, message: `not recorded: the history store failed (${(e as Error).message})` };
  } finally {
    store.close();
  }
  return {
    recorded: true,
    message: `recorded the snapshot of ${commit.slice(0, 7)} in ${store.path ?? 'memory (the store could not be opened)'}`,
  };
}
