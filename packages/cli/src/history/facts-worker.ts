// A worker thread of the facts pool: extracts the facts of the file versions it is sent and answers
// with them v8-serialized.
import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckSettings, ResolvedConfig } from '@plumbline/core';
import { factsForBlob } from './blob-facts.js';
import { pack } from './packed.js';

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
  const packed = pack(facts.map((f) => serialize(f)));
  parentPort!.postMessage({ id: msg.id, packed }, [packed.buffer]);
});
