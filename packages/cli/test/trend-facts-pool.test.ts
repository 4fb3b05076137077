// trend's facts pool (the analyzer's, which a scan uses too) with a worker thread (the built one: npm
// test builds first). The worker answers with v8-serialized facts, which the cache keeps as bytes; they
// must decode to exactly what this thread extracts for the same file versions, and what the worker could
// not do is done here.
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '@plumbline/core';
import { FactsCache, factsForBlob } from '@plumbline/analyzer';
import { BlobReader } from '../src/git/objects.js';
import { fillFactsCache } from '../../analyzer/dist/facts-pool.js';
import { Repo } from './git-repo.js';

const component = (i: number) =>
  `import { useState } from 'react';\n\nexport function Card${i}({ title }: { title: string }) {\n  const [open, setOpen] = useState(${i % 2 === 0});\n` +
  `  return <div style={{ padding: ${i}, color: '#${(100 + i).toString(16).padStart(6, '0')}' }} onClick={() => setOpen(!open)}>{title}</div>;\n}\n`;

describe('the facts pool of trend with a worker thread', () => {
  it('stores the worker’s facts serialized, equal to those extracted here, and skips versions already cached', async () => {
    const files: Record<string, string> = { 'src/broken.ts': 'export const = ;\n', 'src/big.bin.ts': 'x'.repeat(10) };
    for (let i = 0; i < 240; i++) files[`src/cards/Card${i}.tsx`] = component(i);
    const repo = new Repo(files);
    try {
      repo.commit('cards');
      const items = repo
        .git('ls-tree', '-r', 'HEAD')
        .trim()
        .split('\n')
        .map((line) => {
          const [meta, path] = line.split('\t') as [string, string];
          return { path, blob: meta.split(' ')[2]! };
        });
      const config = defaultConfig();
      const settings = {};
      const cache = FactsCache.open(repo.root, 'memory');
      // one version already in the cache is not extracted again
      const first = items[0]!;
      const reader = new BlobReader(repo.root);
      const known = factsForBlob(first.path, first.blob, new Uint8Array(reader.read(first.blob)), config, settings);
      cache.set(`${first.blob}:${first.path}`, known);
      let serialized = 0;
      const setSerialized = cache.setSerialized.bind(cache);
      cache.setSerialized = (key, bytes, facts) => {
        serialized++;
        setSerialized(key, bytes, facts);
      };
      const done = await fillFactsCache({ items, cache, reader, config, settings, workers: 1 });
      expect(done).toBe(items.length - 1);
      expect(serialized, 'the worker extracted some versions').toBeGreaterThan(0);
      expect(cache.get(`${first.blob}:${first.path}`)).toBe(known);
      for (const it of items) {
        const expected = factsForBlob(it.path, it.blob, new Uint8Array(reader.read(it.blob)), config, settings);
        expect(cache.get(`${it.blob}:${it.path}`), it.path).toEqual(expected);
      }
      expect(cache.get(`${items.find((i) => i.path === 'src/broken.ts')!.blob}:src/broken.ts`)!.outcome?.kind).toBe('error');

      // --max-memory holds trend's pool too: under 400 MB no worker fits beside this thread, which does it all
      const capped = FactsCache.open(repo.root, 'memory-capped');
      let cappedSerialized = 0;
      const setCapped = capped.setSerialized.bind(capped);
      capped.setSerialized = (key, bytes, facts) => {
        cappedSerialized++;
        setCapped(key, bytes, facts);
      };
      expect(await fillFactsCache({ items, cache: capped, reader, config, settings, workers: 1, maxMemoryMb: 400 })).toBe(items.length);
      expect(cappedSerialized).toBe(0);
      for (const it of items) expect(capped.get(`${it.blob}:${it.path}`), it.path).toEqual(cache.get(`${it.blob}:${it.path}`));
    } finally {
      rmSync(repo.root, { recursive: true, force: true });
    }
  });
});
