// A worker thread of analyze()'s facts pool: extracts the facts of the files it is sent and answers
// with them v8-serialized (the bytes go straight into the facts cache), then wakes the main thread,
// which waits synchronously on a shared counter.
import { serialize } from 'node:v8';
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { CheckSettings, ResolvedConfig } from '@plumbline/core';
import { extractFileFacts } from './extract.js';

export interface FactsJob {
  index: number;
  path: string;
  hash: string;
  text: string;
}

export interface FactsJobResult {
  index: number;
  bytes: Uint8Array;
}

const { config, settings, port, signal } = workerData as { config: ResolvedConfig; settings: CheckSettings; port: MessagePort; signal: Int32Array };

port.on('message', (jobs: FactsJob[]) => {
  const results: FactsJobResult[] = [];
  const transfer: ArrayBuffer[] = [];
  for (const job of jobs) {
    let facts;
    try {
      facts = extractFileFacts(job.path, job.hash, job.text, config, settings);
    } catch (e) {
      facts = { path: job.path, hash: job.hash, language: 'ts', linesOfCode: 0, isTestFile: false, checkFindings: [], data: {}, outcome: { kind: 'error', message: `analysis failed: ${(e as Error).message}` } };
    }
    const bytes = serialize(facts);
    // a fresh buffer of its own, so that it can be transferred instead of copied
    const own = new Uint8Array(bytes.byteLength);
    own.set(bytes);
    results.push({ index: job.index, bytes: own });
    transfer.push(own.buffer);
  }
  port.postMessage(results, transfer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
