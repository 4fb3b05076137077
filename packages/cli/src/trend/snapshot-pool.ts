import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { pack } from '@plumbline/analyzer';
import type { FactsCache } from '@plumbline/analyzer';
import type { CheckSettings, ResolvedConfig, ScanResult } from '@plumbline/core';
import type { SnapshotJob } from './snapshot-worker.js';

const WORKER_URL = new URL('./snapshot-worker.js', import.meta.url);

/**
 * A worker thread that analyses snapshots while the main thread analyses others. It is sent each file
 * version's facts once (consecutive snapshots share most of them), serialized; what it returns is what
 * analyze() returns on the main thread for the same facts. A worker that fails or exits answers every
 * open and later job with `null`, and the caller analyses those snapshots itself.
 */
export class SnapshotWorker {
  private readonly known = new Set<string>();
  private readonly pending = new Map<number, (r: ScanResult | null) => void>();
  private nextId = 0;
  private broken = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: { id: number; result?: ScanResult; error?: string }) => {
      const resolve = this.pending.get(m.id);
      this.pending.delete(m.id);
      resolve?.(m.result ?? null);
    });
    const fail = () => {
      this.broken = true;
      for (const resolve of this.pending.values()) resolve(null);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
  }

  /** A started worker, or null when there is none to be had (`PLUMBLINE_WORKERS=0`, running from TypeScript sources). */
  static start(root: string, config: ResolvedConfig, settings: CheckSettings): SnapshotWorker | null {
    if (process.env.PLUMBLINE_WORKERS === '0' || !existsSync(fileURLToPath(WORKER_URL))) return null;
    try {
      return new SnapshotWorker(new Worker(WORKER_URL, { workerData: { root, config, settings } }));
    } catch {
      return null;
    }
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /**
   * Analyses a snapshot whose file versions (`files`: path -> blob id) all have facts in `cache`; null
   * when the worker failed (or some facts were missing), so the caller does it.
   */
  analyse(commit: string, files: ReadonlyArray<[string, string]>, cache: FactsCache): Promise<ScanResult | null> {
    if (this.broken) return Promise.resolve(null);
    const keys: string[] = [];
    const parts: Uint8Array[] = [];
    for (const [path, blob] of files) {
      const key = `${blob}:${path}`;
      if (this.known.has(key)) continue;
      const bytes = cache.serialized(key);
      if (!bytes) return Promise.resolve(null);
      keys.push(key);
      parts.push(bytes);
    }
    for (const key of keys) this.known.add(key);
    const id = this.nextId++;
    const job: SnapshotJob = { id, commit, files: [...files], keys, packed: pack(parts) };
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage(job, [job.packed.buffer]);
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
