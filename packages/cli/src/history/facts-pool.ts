import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FactsCache, FileFacts } from '@plumbline/analyzer';
import type { CheckSettings, ResolvedConfig } from '@plumbline/core';
import type { BlobReader } from '../git-source.js';
import { factsForBlob } from './blob-facts.js';

export interface BlobToAnalyse {
  path: string;
  blob: string;
}

const WORKER_URL = new URL('./facts-worker.js', import.meta.url);

/**
 * How many worker threads extract facts beside this thread: `PLUMBLINE_WORKERS` when set (0 = none),
 * else one per core but this one, up to 3; none when running from TypeScript sources (tests), where
 * the worker file is not built.
 */
export function workerCount(): number {
  const env = process.env.PLUMBLINE_WORKERS;
  if (env !== undefined && /^\d+$/.test(env)) return Number(env);
  if (!existsSync(fileURLToPath(WORKER_URL))) return 0;
  return Math.min(3, Math.max(0, availableParallelism() - 1));
}

/**
 * Fills the facts cache for file versions it lacks: blobs read in chunks through one
 * `git cat-file --batch`, facts extracted by a pool of worker threads (or in this thread when there are
 * none), this thread taking its share. What it puts in the cache is what analyze() would compute on a miss (`factsForBlob`). Returns
 * how many file versions it analysed.
 */
export async function fillFactsCache(options: {
  items: readonly BlobToAnalyse[];
  cache: FactsCache;
  reader: BlobReader;
  config: ResolvedConfig;
  settings: CheckSettings;
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<number> {
  const { cache, reader, config, settings } = options;
  const items = options.items.filter((it) => !cache.has(`${it.blob}:${it.path}`));
  if (items.length === 0) return 0;
  const n = Math.min(options.workers ?? workerCount(), Math.floor(items.length / 100));
  const pool: Worker[] = [];
  try {
    for (let i = 0; i < n; i++) pool.push(new Worker(WORKER_URL, { workerData: { config, settings } }));
  } catch {
    for (const w of pool) void w.terminate();
    pool.length = 0;
  }
  type Batch = Array<{ path: string; hash: string; bytes: Uint8Array }>;
  const local = (batch: Batch) => batch.map((b) => factsForBlob(b.path, b.hash, b.bytes, config, settings));
  const pending = new Map<number, { worker: Worker; batch: Batch; resolve: (facts: FileFacts[]) => void }>();
  const broken = new Set<Worker>();
  /** A worker that fails hands its batches back to this thread: nothing waits forever. */
  const fail = (w: Worker) => {
    broken.add(w);
    for (const [id, p] of pending) {
      if (p.worker !== w) continue;
      pending.delete(id);
      p.resolve(local(p.batch));
    }
  };
  for (const w of pool) {
    w.on('message', (m: { id: number; facts: FileFacts[] }) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      p?.resolve(m.facts);
    });
    w.on('error', () => fail(w));
    w.on('exit', () => fail(w));
  }
  let nextId = 0;
  const send = (worker: Worker, batch: Batch): Promise<FileFacts[]> => {
    if (broken.has(worker)) return Promise.resolve(local(batch));
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, { worker, batch, resolve });
      worker.postMessage({ id, items: batch });
    });
  };
  /**
   * Runs a queue of batches: each worker keeps two in flight, and this thread takes the next one
   * whenever it is free (yielding between batches so that finished workers are fed at once).
   */
  const runAll = async (batches: Batch[]): Promise<Map<Batch, FileFacts[]>> => {
    const results = new Map<Batch, FileFacts[]>();
    const queue = [...batches];
    const inFlight = new Set<Promise<void>>();
    const feed = (w: Worker): void => {
      const b = queue.shift();
      if (!b) return;
      const p: Promise<void> = send(w, b).then((facts) => {
        results.set(b, facts);
        inFlight.delete(p);
        feed(w);
      });
      inFlight.add(p);
    };
    for (const w of pool) {
      feed(w);
      feed(w);
    }
    while (queue.length) {
      const b = queue.shift()!;
      results.set(b, local(b));
      await new Promise<void>((r) => setImmediate(r));
    }
    while (inFlight.size) await Promise.all([...inFlight]);
    return results;
  };
  let done = 0;
  try {
    const CHUNK = 1000;
    const BATCH = 25;
    for (let start = 0; start < items.length; start += CHUNK) {
      const chunk = items.slice(start, start + CHUNK);
      await reader.prefetch(chunk.map((it) => it.blob));
      const batches: Batch[] = [];
      for (let i = 0; i < chunk.length; i += BATCH) {
        batches.push(chunk.slice(i, i + BATCH).flatMap((it) => {
          try {
            return [{ path: it.path, hash: it.blob, bytes: new Uint8Array(reader.read(it.blob)) }];
          } catch {
            return []; // unreadable: analyze() reports it when the snapshot is scanned
          }
        }));
      }
      const results = await runAll(batches);
      for (const batch of batches) results.get(batch)!.forEach((f, j) => cache.set(`${batch[j]!.hash}:${batch[j]!.path}`, f));
      done += chunk.length;
      options.onProgress?.(done, items.length);
      reader.clear();
    }
  } finally {
    for (const w of pool) w.removeAllListeners('exit');
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return items.length;
}
