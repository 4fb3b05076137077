import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FactsCache, FileFacts } from '@plumbline/analyzer';
import type { CheckSettings, ResolvedConfig } from '@plumbline/core';
import type { BlobReader } from '../git-source.js';
import { factsForBlob } from './blob-facts.js';
import { unpack } from './packed.js';
import type { Packed } from './packed.js';

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

/** File versions read from git at a time (the next chunk is read while this one is analysed). */
const CHUNK = 1000;
/** File versions per message to a worker. */
const BATCH = 25;

/**
 * Fills the facts cache for file versions it lacks, in the order given: blobs read in chunks through
 * `git cat-file --batch` (the next chunk read while this one is analysed), facts extracted by a pool of
 * worker threads (or in this thread when there are none), this thread taking its share. Each version's
 * facts enter the cache as soon as they are extracted. What it puts in the cache is what analyze() would
 * compute on a miss (`factsForBlob`).
 *
 * `idle` lets the caller use this thread for its own work while the workers extract: it is called
 * whenever this thread is free, and returns true when it did something (e.g. analysed a snapshot whose
 * file versions are all in); this thread extracts a batch itself only when it returns false. Returns how
 * many file versions it analysed.
 */
export async function fillFactsCache(options: {
  items: readonly BlobToAnalyse[];
  cache: FactsCache;
  reader: BlobReader;
  config: ResolvedConfig;
  settings: CheckSettings;
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  idle?: () => boolean;
}): Promise<number> {
  const { cache, reader, config, settings } = options;
  const items = options.items.filter((it) => !cache.has(`${it.blob}:${it.path}`));
  if (items.length === 0) return 0;
  const built = existsSync(fileURLToPath(WORKER_URL));
  const n = built ? Math.min(options.workers ?? workerCount(), Math.floor(items.length / 100)) : 0;
  const pool: Worker[] = [];
  try {
    for (let i = 0; i < n; i++) pool.push(new Worker(WORKER_URL, { workerData: { config, settings } }));
  } catch {
    for (const w of pool) void w.terminate();
    pool.length = 0;
  }
  type Batch = Array<{ path: string; hash: string; bytes: Uint8Array }>;
  let done = 0;
  /** A batch's facts: objects when extracted here, v8-serialized when a worker extracted them. */
  type Answer = { facts: FileFacts[] } | { serialized: Uint8Array[] };
  const store = (batch: Batch, answer: Answer): void => {
    batch.forEach((b, j) => {
      const key = `${b.hash}:${b.path}`;
      if ('facts' in answer) cache.set(key, answer.facts[j]!);
      else cache.setSerialized(key, answer.serialized[j]!);
    });
    done += batch.length;
    options.onProgress?.(done, items.length);
  };
  const local = (batch: Batch): Answer => ({ facts: batch.map((b) => factsForBlob(b.path, b.hash, b.bytes, config, settings)) });
  const pending = new Map<number, { worker: Worker; batch: Batch; resolve: (answer: Answer) => void }>();
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
    w.on('message', (m: { id: number; packed: Packed }) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      p?.resolve({ serialized: unpack(m.packed) });
    });
    w.on('error', () => fail(w));
    w.on('exit', () => fail(w));
  }
  let nextId = 0;
  const send = (worker: Worker, batch: Batch): Promise<Answer> => {
    if (broken.has(worker)) return Promise.resolve(local(batch));
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, { worker, batch, resolve });
      worker.postMessage({ id, items: batch });
    });
  };

  // batches waiting for a thread, filled chunk by chunk from git
  const queue: Batch[] = [];
  let nextChunk = 0;
  let reading: Promise<void> | null = null;
  const readChunk = async (): Promise<void> => {
    const chunk = items.slice(nextChunk, nextChunk + CHUNK);
    nextChunk += CHUNK;
    await reader.prefetch(chunk.map((it) => it.blob));
    for (let i = 0; i < chunk.length; i += BATCH) {
      queue.push(chunk.slice(i, i + BATCH).flatMap((it) => {
        try {
          return [{ path: it.path, hash: it.blob, bytes: new Uint8Array(reader.read(it.blob)) }];
        } catch {
          return []; // unreadable: analyze() reports it when the snapshot is scanned
        }
      }));
    }
    reader.clear();
  };
  const readAhead = (): void => {
    if (reading || nextChunk >= items.length || queue.length > (CHUNK / BATCH) / 2) return;
    reading = readChunk().then(() => {
      reading = null;
      for (const w of pool) feed(w);
    });
  };

  // each worker keeps a few batches in flight, enough to stay busy while this thread runs `idle` work
  const depth = options.idle ? 12 : 2;
  const inFlight = new Map<Worker, Set<Promise<void>>>(pool.map((w) => [w, new Set()]));
  const feed = (w: Worker): void => {
    const mine = inFlight.get(w)!;
    while (mine.size < depth && queue.length) {
      const b = queue.shift()!;
      const p: Promise<void> = send(w, b).then((answer) => {
        store(b, answer);
        mine.delete(p);
        readAhead();
        feed(w);
      });
      mine.add(p);
    }
    readAhead();
  };
  const busy = () => [...inFlight.values()].flatMap((s) => [...s]);
  try {
    await readChunk();
    for (const w of pool) feed(w);
    while (queue.length || reading || nextChunk < items.length || busy().length) {
      readAhead();
      if (options.idle?.()) {
        await new Promise<void>((r) => setImmediate(r));
        continue;
      }
      const b = queue.shift();
      if (b) {
        store(b, local(b));
        await new Promise<void>((r) => setImmediate(r));
        continue;
      }
      const waits = [...busy(), ...(reading ? [reading] : [])];
      if (waits.length) await Promise.race(waits);
    }
  } finally {
    for (const w of pool) w.removeAllListeners('exit');
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return items.length;
}
