// A worker thread that analyses trend snapshots beside the main thread: it keeps the facts it is sent
// (v8-serialized, each version once) and runs analyze() over a snapshot's tree with every file a cache hit.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { analyze, FactsCache } from '@plumbline/analyzer';
import type { CheckSettings, ResolvedConfig } from '@plumbline/core';

export interface SnapshotJob {
  id: number;
  commit: string;
  /** analysed paths and their blob ids */
  files: Array<[string, string]>;
  /** facts the worker does not hold yet: cache key, offset and length of its v8-serialized facts in `buffer` */
  facts: Array<[string, number, number]>;
  buffer: ArrayBuffer;
}

const { root, config, settings } = workerData as { root: string; config: ResolvedConfig; settings: CheckSettings };
// in memory only: never saved (the main thread's cache is the one written)
const cache = FactsCache.open(join(tmpdir(), `plumbline-snapshot-worker-${process.pid}-${threadId}-unsaved`), 'memory');

parentPort!.on('message', (job: SnapshotJob) => {
  try {
    for (const [key, offset, length] of job.facts) cache.setSerialized(key, new Uint8Array(job.buffer, offset, length));
    const blobs = new Map(job.files);
    const out = analyze({
      root, config, settings, cache, commit: job.commit, concurrency: 1,
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
