import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { CheckSettings, ResolvedConfig } from '@plumbline/core';
import type { FactsJob, FactsJobResult } from './facts-worker.js';

const WORKER_URL = new URL('./facts-worker.js', import.meta.url);

/** Files a worker gets per message: enough to amortise the message, few enough to balance the load. */
const BATCH = 8;
/** Batches in flight per worker, so that none waits for the main thread. */
const IN_FLIGHT = 2;
/** Below this many files to parse, workers cost more (each loads TypeScript) than they save. */
export const MIN_FILES_FOR_WORKERS = 150;
/** Heap each worker is given when a memory cap is set, and what one costs in resident memory. */
const WORKER_HEAP_MB = 384;
const WORKER_RSS_MB = 180;
/** What the main thread keeps besides facts: modules, the detectors' working memory. */
const MAIN_BASE_MB = 300;
/** If no worker answers for this long, the pool is abandoned and the rest is done in this thread. */
const STALL_MS = 120_000;

export interface PoolOptions {
  /** threads extracting facts; 1 = none (all in this thread) */
  concurrency: number;
  /** soft cap on the resident memory of the run, in MB; fewer workers and smaller heaps under it */
  maxMemoryMb?: number | undefined;
}

/** The number of worker threads a run uses for `toParse` files. */
export function workersFor(toParse: number, options: PoolOptions): number {
  if (options.concurrency <= 1 || toParse < MIN_FILES_FOR_WORKERS) return 0;
  if (!existsSync(fileURLToPath(WORKER_URL))) return 0; // running from TypeScript sources (tests)
  let n = Math.min(options.concurrency, Math.ceil(toParse / (MIN_FILES_FOR_WORKERS / 2)));
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

interface Slot {
  worker: Worker;
  port: MessagePort;
  inFlight: FactsJob[][];
}

/**
 * Worker threads that extract facts, driven synchronously: analyze() stays a synchronous function. The
 * main thread hands out batches, and waits on a shared counter (Atomics.wait) that every worker bumps
 * after posting its results, which it then takes with receiveMessageOnPort. Results come back as
 * v8-serialized facts. A worker that fails or stalls makes the pool hand its work back to the caller.
 */
export class FactsPool {
  private readonly slots: Slot[] = [];
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private seen = 0;
  private queue: FactsJob[] = [];
  private broken = false;
  private lastAnswer = performance.now();
  /** jobs given back because the pool broke: the caller runs them itself */
  readonly returned: FactsJob[] = [];

  constructor(size: number, config: ResolvedConfig, settings: CheckSettings, maxMemoryMb?: number) {
    for (let i = 0; i < size; i++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(WORKER_URL, {
        workerData: { config, settings, port: port2, signal: this.signal },
        transferList: [port2],
        ...(maxMemoryMb !== undefined ? { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } } : {}),
      });
      // the main thread blocks in Atomics.wait; a worker error must not also throw there later
      worker.on('error', () => undefined);
      worker.unref();
      this.slots.push({ worker, port: port1, inFlight: [] });
    }
  }

  get size(): number {
    return this.slots.length;
  }

  /** Queues one file; sends full batches to idle workers and returns whatever results have come back. */
  submit(job: FactsJob): FactsJobResult[] {
    this.queue.push(job);
    if (this.queue.length >= BATCH) this.dispatch();
    return this.collect(false);
  }

  /** Sends everything queued and waits for all of it; returns the remaining results. */
  drain(): FactsJobResult[] {
    const out: FactsJobResult[] = [];
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
      const batch = this.queue.splice(0, BATCH);
      slot.inFlight.push(batch);
      slot.port.postMessage(batch);
    }
  }

  private early: FactsJobResult[] = [];

  /** Takes the results that have arrived; with `wait`, blocks until at least one batch arrives. */
  private collect(wait: boolean): FactsJobResult[] {
    const out = this.early;
    this.early = [];
    for (;;) {
      for (const slot of this.slots) {
        for (let m = receiveMessageOnPort(slot.port); m; m = receiveMessageOnPort(slot.port)) {
          out.push(...(m.message as FactsJobResult[]));
          slot.inFlight.shift();
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
      for (const batch of s.inFlight) this.returned.push(...batch);
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
