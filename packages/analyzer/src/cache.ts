import { mkdirSync, readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FileFacts } from './facts.js';

/** Entries kept at most; the least recently used go first. */
const MAX_ENTRIES = 200_000;

/**
 * The per-file facts cache: one file under the cache directory, keyed by content hash + path + the
 * fingerprint of the analyzer's code and config. Loaded once, saved atomically (write, then rename), so a
 * killed run leaves the previous cache intact. A damaged cache is ignored and rebuilt.
 */
export class FactsCache {
  private entries = new Map<string, FileFacts>();
  private dirty = false;
  hits = 0;
  misses = 0;

  private constructor(readonly file: string) {}

  static open(cacheDir: string, analyzerKey: string): FactsCache {
    const cache = new FactsCache(join(cacheDir, `facts-${analyzerKey}.v8`));
    try {
      const data = deserialize(readFileSync(cache.file)) as unknown;
      if (data instanceof Map) cache.entries = data as Map<string, FileFacts>;
    } catch {
      // missing or damaged: start empty
    }
    return cache;
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): FileFacts | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.hits++;
      // move to the back: most recently used
      this.entries.delete(key);
      this.entries.set(key, hit);
    } else this.misses++;
    return hit;
  }

  set(key: string, facts: FileFacts): void {
    this.entries.set(key, facts);
    this.dirty = true;
  }

  save(): void {
    if (!this.dirty) return;
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, serialize(this.entries));
      renameSync(tmp, this.file);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    this.dirty = false;
  }
}
