// A worker thread of the facts pool: extracts the facts of the file versions it is sent and answers
// with them v8-serialized.
import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckSettings, ResolvedConfig } from '@plumbline/core';
import { factsForBlob } from './blob-facts.js';

const { config, settings } = workerData as { config: ResolvedConfig; settings: CheckSettings };

parentPort!.on('message', (msg: { id: number; items: Array<{ path: string; hash: string; bytes: Uint8Array }> }) => {
  const facts = msg.items.map((it) => {
    try {
      return factsForBlob(it.path, it.hash, it.bytes, config, settings);
    } catch (e) {
      return { path: it.path, hash: it.hash, language: 'ts', linesOfCode: 0, isTestFile: false, checkFindings: [], data: {}, outcome: { kind: 'error', message: `analysis failed: ${(e as Error).message}` } };
    }
  });
  // serialized here and moved to the main thread in one buffer: it keeps them as bytes (the form of the
  // cache file and of the snapshot worker's messages) and decodes only those it analyses itself
  const parts = facts.map((f) => serialize(f));
  const buffer = new ArrayBuffer(parts.reduce((n, b) => n + b.length, 0));
  const all = new Uint8Array(buffer);
  const lengths: number[] = [];
  let at = 0;
  for (const b of parts) {
    all.set(b, at);
    at += b.length;
    lengths.push(b.length);
  }
  parentPort!.postMessage({ id: msg.id, buffer, lengths }, [buffer]);
});
