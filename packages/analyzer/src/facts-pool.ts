// The worker threads that extract facts, for a scan's files read from disk (analyze(), which waits
// synchronously) and for trend's file versions read from git (fillFactsCache, asynchronous): one worker
// file (facts-worker.ts), one policy for how many threads and how much heap each gets, one fallback (a
// worker that fails or stalls hands its work back to the calling thread).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { CheckSettings, ResolvedConfig } from '@plumbline/core';
import type { FactsCache } from './cache.js';
import { factsForBlob } from './extract.js';
import type { FileFacts } from './facts.js';
import type { FactsAnswer, FactsJob, FactsRequest, FactsWorkerData } from './facts-worker.js';
import { unpack } from './packed.js';

export type { FactsJob } from './facts-worker.js';

const WORKER_URL = new URL('./facts-worker.js', import.meta.url);

/** Below this many files to parse, workers cost more (each loads TypeScript) than they save. */
export const MIN_FILES_FOR_WORKERS = 150;
/** Heap each worker is given when a memory cap is set, and what one costs in resident memory. */
const WORKER_HEAP_MB = 384;
const WORKER_RSS_MB = 180;
/** What the main thread keeps besides facts: modules, the detectors' working memory. */
const MAIN_BASE_MB = 300;
/** If no worker answers for this long, the pool is abandoned and the rest is done in this thread. */
const STALL_MS = 120_000;
/** Worker threads a trend uses by default beside its main thread and its snapshot worker. */
const MAX_DEFAULT_HISTORY_WORKERS = 3;

export interface PoolOptions {
  /** threads extracting facts; 1 = none (all in this thread) */
  concurrency: number;
  /** soft cap on the resident memory of the run, in MB; fewer workers and smaller heaps under it */
  maxMemoryMb?: number | undefined;
}

/**
 * The number of worker threads that extract the facts of `toParse` files: none under
 * MIN_FILES_FOR_WORKERS files or when running from TypeScript sources (the worker file is not built),
 * at most `concurrency` threads in all (this one among them when it `extracts` too, as trend's does;
 * a scan's only feeds its workers), one per 75 files, and no more than `maxMemoryMb` holds.
 */
export function workersFor(toParse: number, options: PoolOptions, extracts = false): number {
  if (options.concurrency <= 1 || toParse < MIN_FILES_FOR_WORKERS) return 0;
  if (!existsSync(fileURLToPath(WORKER_URL))) return 0;
  let n = Math.min(options.concurrency - (extracts ? 1 : 0), Math.ceil(toParse / (MIN_FILES_FOR_WORKERS / 2)));
  if (options.maxMemoryMb !== undefined) n = Math.min(n, Math.floor((options.maxMemoryMb - MAIN_BASE_MB) / WORKER_RSS_MB));
  return Math.max(0, n);
}

/**
 * Default concurrency: one thread per logical CPU the process may use, but one in all when there are two
 * or fewer. Each worker thread loads TypeScript (about a second of CPU) and two logical CPUs are most
 * often the two hyperthreads of one core (cloud VMs, CI runners): on such a machine one thread scanned
 * 15% to 29% faster than two workers, for 32% to 46% less CPU time, on five trees of 50k to 500k lines.
 */
export function defaultConcurrency(): number {
  const n = availableParallelism();
  return n <= 2 ? 1 : n;
}

/**
 * Worker threads trend's facts pool wants beside its main thread when not told: `PLUMBLINE_WORKERS` when
 * set (0 = none), else one per CPU but this one, up to 3 (none where defaultConcurrency() is one thread).
 */
function defaultHistoryWorkers(): number {
  const env = process.env.PLUMBLINE_WORKERS;
  if (env !== undefined && /^\d+$/.test(env)) return Number(env);
  return Math.min(MAX_DEFAULT_HISTORY_WORKERS, defaultConcurrency() - 1);
}

interface Slot {
  worker: Worker;
  port: MessagePort;
}

/** Starts `n` facts workers; fewer (down to none: the caller does the work) when a thread cannot be started. */
function startWorkers(
  n: number,
  config: ResolvedConfig,
  settings: CheckSettings,
  signal: Int32Array,
  maxMemoryMb: number | undefined,
): Slot[] {
  const slots: Slot[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(WORKER_URL, {
        workerData: { config, settings, port: port2, signal } satisfies FactsWorkerData,
        transferList: [port2],
        ...(maxMemoryMb !== undefined ? { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } } : {}),
      });
      // a main thread blocked in Atomics.wait must not have a worker's error thrown at it later
      worker.on('error', () => undefined);
      worker.unref();
      slots.push({ worker, port: port1 });
    }
  } catch {
    // no more threads to be had: those started do the work
  }
  return slots;
}

/** A job of analyze()'s pool: a file to extract and its place in the run. */
export interface IndexedJob extends FactsJob {
  index: number;
}

/** Files a worker gets per message from analyze(): enough to amortise the message, few enough to balance the load. */
const BATCH = 8;
/** Batches in flight per worker, so that none waits for the main thread. */
const IN_FLIGHT = 2;

/**
 * Worker threads that extract facts, driven synchronously: analyze() stays a synchronous function. The
 * main thread hands out batches, and waits on a shared counter (Atomics.wait) that every worker bumps
 * after posting its results, which it then takes with receiveMessageOnPort. Results come back as
 * v8-serialized facts. A worker that fails or stalls makes the pool hand its work back to the caller.
 */
export class FactsPool {
  private readonly slots: Array<Slot & { inFlight: FactsRequest[] }>;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private seen = 0;
  private nextId = 0;
  private queue: IndexedJob[] = [];
  private broken = false;
  private lastAnswer = performance.now();
  private early: Array<{ index: number; bytes: Uint8Array }> = [];
  /** jobs given back because the pool broke: the caller runs them itself */
  readonly returned: IndexedJob[] = [];

  constructor(size: number, config: ResolvedConfig, settings: CheckSettings, maxMemoryMb?: number) {
    this.slots = startWorkers(size, config, settings, this.signal, maxMemoryMb).map((s) => ({ ...s, inFlight: [] }));
    if (this.slots.length === 0) this.broken = true;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Queues one file; sends full batches to idle workers and returns whatever results have come back. */
  submit(job: IndexedJob): Array<{ index: number; bytes: Uint8Array }> {
    this.queue.push(job);
    if (this.queue.length >= BATCH) this.dispatch();
    return this.collect(false);
  }

  /** Sends everything queued and waits for all of it; returns the remaining results. */
  drain(): Array<{ index: number; bytes: Uint8Array }> {
    const out: Array<{ index: number; bytes: Uint8Array }> = [];
    for (;;) {
      this.dispatch(true);
      out.push(...this.collect(false));
      const pending = this.queue.length + this.slots.reduce((n, s) => n + s.inFlight.length, 0);
      if (pending === 0 || this.broken) break;
      out.push(...this.collect(true));
    }
    return out;
  }

  private dispatch(flush = false): void {
    if (this.broken) {
      this.returned.push(...this.queue);
      this.queue = [];
      return;
    }
    while (this.queue.length >= BATCH || (flush && this.queue.length > 0)) {
      const slot = this.slots.reduce((a, b) => (b.inFlight.length < a.inFlight.length ? b : a));
      if (slot.inFlight.length >= IN_FLIGHT) {
        if (!flush) return;
        this.collect(true).forEach((r) => this.early.push(r));
        if (this.broken) return this.dispatch();
        continue;
      }
      const request: FactsRequest = { id: this.nextId++, jobs: this.queue.splice(0, BATCH) };
      slot.inFlight.push(request);
      slot.port.postMessage(request);
    }
  }

  /** Takes the results that have arrived; with `wait`, blocks until at least one batch arrives. */
  private collect(wait: boolean): Array<{ index: number; bytes: Uint8Array }> {
    const out = this.early;
    this.early = [];
    for (;;) {
      for (const slot of this.slots) {
        for (let m = receiveMessageOnPort(slot.port); m; m = receiveMessageOnPort(slot.port)) {
          const answer = m.message as FactsAnswer;
          const at = slot.inFlight.findIndex((r) => r.id === answer.id);
          const [request] = slot.inFlight.splice(at, 1);
          const jobs = request!.jobs as IndexedJob[];
          unpack(answer.packed).forEach((bytes, j) => out.push({ index: jobs[j]!.index, bytes }));
          this.seen++;
          this.lastAnswer = performance.now();
        }
      }
      const pending = this.slots.some((s) => s.inFlight.length > 0);
      if (!wait || out.length > 0 || !pending) return out;
      const now = Atomics.load(this.signal, 0);
      if (now === this.seen) Atomics.wait(this.signal, 0, now, 1000);
      if (performance.now() - this.lastAnswer > STALL_MS) {
        this.abandon();
        return out;
      }
    }
  }

  /** Gives every job in flight back to the caller and stops using the workers. */
  private abandon(): void {
    this.broken = true;
    for (const s of this.slots) {
      for (const request of s.inFlight) this.returned.push(...(request.jobs as IndexedJob[]));
      s.inFlight = [];
    }
    this.returned.push(...this.queue);
    this.queue = [];
    this.close();
  }

  close(): void {
    for (const s of this.slots) {
      s.port.close();
      void s.worker.terminate();
    }
  }
}

/** A file version to extract: its path and git blob id. */
export interface BlobToAnalyse {
  path: string;
  blob: string;
}

/** Where file versions' bytes come from (trend: `git cat-file --batch`), a chunk at a time. */
export interface BlobSource {
  /** reads these blobs ahead, for read() */
  prefetch(blobs: readonly string[]): Promise<void>;
  read(blob: string): Uint8Array;
  /** forgets the blobs read ahead */
  clear(): void;
}

/** File versions read from git at a time (the next chunk is read while this one is analysed). */
const CHUNK = 1000;
/** File versions per message to a worker. */
const HISTORY_BATCH = 25;

type Batch = Array<{ path: string; hash: string; bytes: Uint8Array }>;
/** A batch's facts: objects when extracted here, v8-serialized when a worker extracted them. */
type Answer = { facts: FileFacts[] } | { serialized: Uint8Array[] };

/**
 * Fills the facts cache for file versions it lacks, in the order given: blobs read in chunks from
 * `reader` (the next chunk read while this one is analysed), facts extracted by the facts workers (as
 * many as workersFor() allows, this thread counted among the `workers + 1` threads) and by this thread,
 * which takes its share. Each version's facts enter the cache as soon as they are extracted. What it puts
 * in the cache is what analyze() would compute on a miss (`factsForBlob`).
 *
 * `idle` lets the caller use this thread for its own work while the workers extract: it is called
 * whenever this thread is free, and returns true when it did something (e.g. analysed a snapshot whose
 * file versions are all in); this thread extracts a batch itself only when it returns false. Returns how
 * many file versions it analysed.
 */
export async function fillFactsCache(options: {
  items: readonly BlobToAnalyse[];
  cache: FactsCache;
  reader: BlobSource;
  config: ResolvedConfig;
  settings: CheckSettings;
  /** worker threads wanted beside this one (default: `PLUMBLINE_WORKERS`, else one per CPU but this one, up to 3) */
  workers?: number;
  /** soft cap on resident memory, in MB: fewer worker threads, each with a bounded heap */
  maxMemoryMb?: number;
  onProgress?: (done: number, total: number) => void;
  idle?: () => boolean;
}): Promise<number> {
  const { cache, reader, config, settings } = options;
  const items = options.items.filter((it) => !cache.has(`${it.blob}:${it.path}`));
  if (items.length === 0) return 0;
  const n = workersFor(
    items.length,
    { concurrency: (options.workers ?? defaultHistoryWorkers()) + 1, maxMemoryMb: options.maxMemoryMb },
    true,
  );
  const pool = startWorkers(n, config, settings, new Int32Array(new SharedArrayBuffer(4)), options.maxMemoryMb);
  let done = 0;
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
  const pending = new Map<number, { slot: Slot; batch: Batch; resolve: (answer: Answer) => void }>();
  const broken = new Set<Slot>();
  /** A worker that fails hands its batches back to this thread: nothing waits forever. */
  const fail = (s: Slot) => {
    broken.add(s);
    for (const [id, p] of pending) {
      if (p.slot !== s) continue;
      pending.delete(id);
      p.resolve(local(p.batch));
    }
  };
  for (const s of pool) {
    s.port.on('message', (m: FactsAnswer) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      p?.resolve({ serialized: unpack(m.packed) });
    });
    s.worker.on('error', () => fail(s));
    s.worker.on('exit', () => fail(s));
  }
  let nextId = 0;
  const send = (slot: Slot, batch: Batch): Promise<Answer> => {
    if (broken.has(slot)) return Promise.resolve(local(batch));
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, { slot, batch, resolve });
      slot.port.postMessage({ id, jobs: batch.map((b) => ({ path: b.path, hash: b.hash, content: b.bytes })) } satisfies FactsRequest);
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
    for (let i = 0; i < chunk.length; i += HISTORY_BATCH) {
      queue.push(
        chunk.slice(i, i + HISTORY_BATCH).flatMap((it) => {
          try {
            return [{ path: it.path, hash: it.blob, bytes: new Uint8Array(reader.read(it.blob)) }];
          } catch {
            return []; // unreadable: analyze() reports it when the snapshot is scanned
          }
        }),
      );
    }
    reader.clear();
  };
  const readAhead = (): void => {
    if (reading || nextChunk >= items.length || queue.length > CHUNK / HISTORY_BATCH / 2) return;
    reading = readChunk().then(() => {
      reading = null;
      for (const s of pool) feed(s);
    });
  };

  // each worker keeps a few batches in flight, enough to stay busy while this thread runs `idle` work
  const depth = options.idle ? 12 : 2;
  const inFlight = new Map<Slot, Set<Promise<void>>>(pool.map((s) => [s, new Set()]));
  const feed = (s: Slot): void => {
    const mine = inFlight.get(s)!;
    while (mine.size < depth && queue.length) {
      const b = queue.shift()!;
      const p: Promise<void> = send(s, b).then((answer) => {
        store(b, answer);
        mine.delete(p);
        readAhead();
        feed(s);
      });
      mine.add(p);
    }
    readAhead();
  };
  const busy = () => [...inFlight.values()].flatMap((s) => [...s]);
  try {
    await readChunk();
    for (const s of pool) feed(s);
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
    for (const s of pool) {
      s.worker.removeAllListeners('exit');
      s.port.close();
    }
    await Promise.all(pool.map((s) => s.worker.terminate()));
  }
  return items.length;
}
