// A worker thread of the facts pool (facts-pool.ts), for a scan's files and for trend's file versions
// alike: extracts the facts of the files it is sent and answers with them v8-serialized in one
// transferred buffer (the bytes go straight into the facts cache), then bumps a shared counter, which a
// main thread that waits synchronously (analyze()) waits on.
import { serialize } from 'node:v8';
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { CheckSettings, ResolvedConfig } from '@plumbline/core';
import { factsOfContent, unanalysedFacts } from './extract.js';
import { pack } from './packed.js';
import type { Packed } from './packed.js';

/** One file to extract: its text when the sender classified its bytes already (a scan), else its bytes. */
export interface FactsJob {
  path: string;
  hash: string;
  content: string | Uint8Array;
}

export interface FactsRequest {
  id: number;
  jobs: FactsJob[];
}

/** The facts of a request's jobs, v8-serialized, in order. */
export interface FactsAnswer {
  id: number;
  packed: Packed;
}

export interface FactsWorkerData {
  config: ResolvedConfig;
  settings: CheckSettings;
  port: MessagePort;
  signal: Int32Array;
}

const { config, settings, port, signal } = workerData as FactsWorkerData;

port.on('message', ({ id, jobs }: FactsRequest) => {
  const parts = jobs.map((job) => {
    let facts;
    try {
      facts = factsOfContent(job.path, job.hash, job.content, config, settings);
    } catch (e) {
      facts = unanalysedFacts(job.path, job.hash, { kind: 'error', message: `analysis failed: ${(e as Error).message}` });
    }
    return serialize(facts);
  });
  const packed = pack(parts);
  port.postMessage({ id, packed } satisfies FactsAnswer, [packed.buffer]);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
