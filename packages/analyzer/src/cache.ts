import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FileFacts } from './facts.js';

/** Entries kept at most; the least recently used go first. */
const MAX_ENTRIES = 200_000;
const MAGIC = 'PLF2';

/** One cached file: its facts as an object, as v8-serialized bytes, or both. */
interface Entry {
  facts?: FileFacts;
  bytes?: Uint8Array;
}

/**
 * Reads a facts file (the layout `FactsCache` writes): MAGIC, the entry count, then per entry the key
 * and the v8-serialized facts, each preceded by its byte length. Only the index is decoded; each
 * entry's bytes stay a view into the file until someone asks for its facts. Throws on a damaged file.
 */
export function readFactsFile(file: string): Map<string, Uint8Array> {
  const buf = readFileSync(file);
  if (buf.length < 8 || buf.toString('latin1', 0, 4) !== MAGIC) throw new Error(`${file} is not a facts file`);
  const count = buf.readUInt32LE(4);
  const out = new Map<string, Uint8Array>();
  let pos = 8;
  for (let i = 0; i < count; i++) {
    if (pos + 4 > buf.length) throw new Error(`${file} is truncated`);
    const keyLength = buf.readUInt32LE(pos);
    const key = buf.toString('utf8', pos + 4, pos + 4 + keyLength);
    pos += 4 + keyLength;
    const valueLength = buf.readUInt32LE(pos);
    if (pos + 4 + valueLength > buf.length) throw new Error(`${file} is truncated`);
    out.set(key, buf.subarray(pos + 4, pos + 4 + valueLength));
    pos += 4 + valueLength;
  }
  return out;
}

/** Writes entries in the layout readFactsFile reads, atomically (a temporary file, then a rename). */
export function writeFactsFile(file: string, entries: Iterable<[string, Uint8Array]>): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    const list = [...entries];
    const header = Buffer.alloc(8);
    header.write(MAGIC, 0, 'latin1');
    header.writeUInt32LE(list.length, 4);
    const chunks: Uint8Array[] = [header];
    let size = 8;
    const flush = () => {
      writeSync(fd, Buffer.concat(chunks, size));
      chunks.length = 0;
      size = 0;
    };
    for (const [key, bytes] of list) {
      const k = Buffer.from(key, 'utf8');
      const head = Buffer.alloc(4);
      head.writeUInt32LE(k.length, 0);
      const len = Buffer.alloc(4);
      len.writeUInt32LE(bytes.byteLength, 0);
      chunks.push(head, k, len, bytes);
      size += 8 + k.length + bytes.byteLength;
      if (size > 16 << 20) flush();
    }
    flush();
    closeSync(fd);
    renameSync(tmp, file);
  } catch (e) {
    try { closeSync(fd); } catch { /* already closed */ }
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * The per-file facts cache: one file under the cache directory, keyed by content hash + path + the
 * fingerprint of the analyzer's code and config. It is read on first use (a scan that reuses its whole
 * previous result never reads it) and only its index is decoded then: each entry's facts are
 * deserialized when asked for, and kept as bytes, so saving rewrites the unchanged entries without
 * serializing them again. Saved atomically (write, then rename), so a killed run leaves the previous
 * cache intact. A damaged cache is ignored and rebuilt.
 */
export class FactsCache {
  private entries = new Map<string, Entry>();
  private loaded = false;
  private dirty = false;
  hits = 0;
  misses = 0;

  private constructor(
    readonly file: string,
    /** the analyzer key the entries were computed under (code and config) */
    readonly key: string,
  ) {}

  static open(cacheDir: string, analyzerKey: string): FactsCache {
    return new FactsCache(join(cacheDir, `facts-${analyzerKey}.v8`), analyzerKey);
  }

  /** The keys of the cached entries (content hash + path), least recently used first. */
  keys(): IterableIterator<string> {
    this.load();
    return this.entries.keys();
  }

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    if (!existsSync(this.file)) return;
    try {
      const fresh = this.entries;
      this.entries = new Map();
      for (const [key, bytes] of readFactsFile(this.file)) this.entries.set(key, { bytes });
      // entries set before the first read win over the file's
      for (const [key, e] of fresh) {
        this.entries.delete(key);
        this.entries.set(key, e);
      }
    } catch {
      // damaged or from an older layout: start empty
    }
  }

  get size(): number {
    this.load();
    return this.entries.size;
  }

  has(key: string): boolean {
    this.load();
    return this.entries.has(key);
  }

  get(key: string): FileFacts | undefined {
    this.load();
    const hit = this.entries.get(key);
    if (!hit) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // move to the back: most recently used
    this.entries.delete(key);
    this.entries.set(key, hit);
    if (!hit.facts) {
      try {
        hit.facts = deserialize(hit.bytes!) as FileFacts;
      } catch {
        this.entries.delete(key);
        this.hits--;
        this.misses++;
        return undefined;
      }
    }
    return hit.facts;
  }

  set(key: string, facts: FileFacts): void {
    this.load();
    this.entries.delete(key);
    this.entries.set(key, { facts });
    this.dirty = true;
  }

  /** Stores facts already serialized with v8.serialize (by a worker thread); `facts` when also at hand. */
  setSerialized(key: string, bytes: Uint8Array, facts?: FileFacts): void {
    this.load();
    this.entries.delete(key);
    this.entries.set(key, facts ? { bytes, facts } : { bytes });
    this.dirty = true;
  }

  /** The v8-serialized facts of an entry (serializing them when only the object is held). */
  serialized(key: string): Uint8Array | undefined {
    this.load();
    const e = this.entries.get(key);
    if (!e) return undefined;
    e.bytes ??= serialize(e.facts);
    return e.bytes;
  }

  save(): void {
    if (!this.dirty) return;
    this.load();
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    const entries = this.entries;
    writeFactsFile(this.file, (function* () {
      for (const [key, e] of entries) {
        e.bytes ??= serialize(e.facts);
        yield [key, e.bytes] as [string, Uint8Array];
      }
    })());
    this.dirty = false;
  }
}

/** How many whole results are kept: the working tree's, and a few more (another branch, a shard merge). */
const MAX_RESULTS = 4;

/**
 * Whole results of analyze(), keyed by everything they are a function of: the analyzer's and detectors'
 * code, the config and settings, and the path and content hash of every file. Detectors are pure
 * functions of the facts, so when that key matches, the stored result is the result: a scan of an
 * unchanged tree neither loads the facts nor runs a detector.
 */
export class ResultCache<T> {
  private entries: Array<{ key: string; value: T }> | undefined;

  private constructor(readonly file: string) {}

  static open<T>(cacheDir: string, analyzerKey: string): ResultCache<T> {
    return new ResultCache<T>(join(cacheDir, `results-${analyzerKey}.v8`));
  }

  private load(): Array<{ key: string; value: T }> {
    if (this.entries) return this.entries;
    try {
      const data = deserialize(readFileSync(this.file)) as unknown;
      this.entries = Array.isArray(data) ? (data as Array<{ key: string; value: T }>) : [];
    } catch {
      this.entries = [];
    }
    return this.entries;
  }

  get(key: string): T | undefined {
    return this.load().find((e) => e.key === key)?.value;
  }

  set(key: string, value: T): void {
    const entries = [{ key, value }, ...this.load().filter((e) => e.key !== key)].slice(0, MAX_RESULTS);
    this.entries = entries;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, serialize(entries));
      renameSync(tmp, this.file);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }
}
