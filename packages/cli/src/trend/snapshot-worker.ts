// A worker thread that analyses trend snapshots beside the main thread: it keeps the facts it is sent
// (v8-serialized, each version once) and runs analyze() over a snapshot's tree with every file a cache hit.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { analyze, FactsCache, unpack } from '@plumbline/analyzer';
import type { Packed } from '@plumbline/analyzer';
import type { CheckSettings, ResolvedConfig } from '@plumbline/core';

export interface SnapshotJob {
  id: number;
  commit: string;
  /** analysed paths and their blob ids */
  files: Array<[string, string]>;
  /** the cache keys of the facts the worker does not hold yet, and those facts, v8-serialized, in order */
  keys: string[];
  packed: Packed;
}

const { root, config, settings } = workerData as { root: string; config: ResolvedConfig; settings: CheckSettings };
// in memory only: never saved (the main thread's cache is the one written)
const cache = FactsCache.open(join(tmpdir(), `plumbline-snapshot-worker-${process.pid}-${threadId}-unsaved`), 'memory');

parentPort!.on('message', (job: SnapshotJob) => {
  try {
    unpack(job.packed).forEach((bytes, i) => cache.setSerialized(job.keys[i]!, bytes));
    const blobs = new Map(job.files);
    const out = analyze({
      root,
      config,
      settings,
      cache,
      commit: job.commit,
      concurrency: 1,
      source: {
        paths: job.files.map(([p]) => p),
        knownHash: (p) => blobs.get(p),
        read: (p) => {
          throw Object.assign(new Error(`${p}: facts not sent to the snapshot worker`), { code: 'ENOENT' });
        },
      },
    });
    parentPort!.postMessage({ id: job.id, result: out.result });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error).message });
  }
});
