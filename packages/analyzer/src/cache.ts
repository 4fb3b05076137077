import {
  close,
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  read as readFd,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writevSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FileFacts } from './facts.js';

/** Entries kept at most; the least recently used go first (when the file is compacted). */
const MAX_ENTRIES = 200_000;
const MAGIC = 'PLF3';
/** The file is rewritten without superseded records when they take more room than this share of it. */
const MAX_DEAD_SHARE = 0.5;

/** One cached file: its facts as an object, as v8-serialized bytes, or both. */
interface Entry {
  facts?: FileFacts;
  bytes?: Uint8Array;
}

/** What readFactsFile found: the entries (the last record of a key wins), and how much of the file is sound. */
export interface FactsFileContents {
  entries: Map<string, Uint8Array>;
  /** bytes of whole records (with the magic); less than the file when its tail was torn by a killed write */
  soundLength: number;
  fileLength: number;
  /** bytes of records superseded by a later record of the same key */
  deadBytes: number;
}

/**
 * Reads a facts file: MAGIC, then records (key and v8-serialized facts, each preceded by its byte
 * length) up to the end; a later record of a key supersedes an earlier one, so that a save can append.
 * Only the records are located: each entry's bytes stay a view into the file until someone asks for its
 * facts. A torn last record (a write cut short) ends the reading; with `strict`, it is an error.
 */
export function readFactsFile(file: string, strict = true): FactsFileContents {
  return parseFactsFile(readFileSync(file), file, strict);
}

/** readFactsFile over bytes already read (`file` names them in errors). */
export function parseFactsFile(buf: Buffer, file: string, strict = true): FactsFileContents {
  if (buf.length < 4 || buf.toString('latin1', 0, 4) !== MAGIC) throw new Error(`${file} is not a facts file`);
  const entries = new Map<string, Uint8Array>();
  let pos = 4;
  let deadBytes = 0;
  while (pos < buf.length) {
    if (pos + 4 > buf.length) break;
    const keyLength = buf.readUInt32LE(pos);
    if (pos + 8 + keyLength > buf.length) break;
    const key = buf.toString('utf8', pos + 4, pos + 4 + keyLength);
    const valueLength = buf.readUInt32LE(pos + 4 + keyLength);
    const start = pos + 8 + keyLength;
    if (start + valueLength > buf.length) break;
    const old = entries.get(key);
    if (old) {
      deadBytes += 8 + Buffer.byteLength(key) + old.byteLength;
      entries.delete(key);
    }
    entries.set(key, buf.subarray(start, start + valueLength));
    pos = start + valueLength;
  }
  if (strict && pos !== buf.length) throw new Error(`${file} is truncated`);
  return { entries, soundLength: pos, fileLength: buf.length, deadBytes };
}

const recordSize = (key: string, bytes: Uint8Array) => 8 + Buffer.byteLength(key, 'utf8') + bytes.byteLength;

/** The records of entries, ready for one vectored write. */
function records(entries: Iterable<[string, Uint8Array]>): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const [key, bytes] of entries) {
    const k = Buffer.from(key, 'utf8');
    const head = Buffer.alloc(4);
    head.writeUInt32LE(k.length, 0);
    const len = Buffer.alloc(4);
    len.writeUInt32LE(bytes.byteLength, 0);
    out.push(head, k, len, bytes);
  }
  return out;
}

function writeAll(fd: number, chunks: Uint8Array[]): void {
  // writev takes at most IOV_MAX (1024) buffers per call
  for (let i = 0; i < chunks.length; i += 1024) {
    const part = chunks.slice(i, i + 1024);
    const total = part.reduce((n, c) => n + c.byteLength, 0);
    let written = writevSync(fd, part);
    // a short write: finish the rest buffer by buffer
    while (written < total) {
      let skip = written;
      const rest: Uint8Array[] = [];
      for (const c of part) {
        if (skip >= c.byteLength) skip -= c.byteLength;
        else {
          rest.push(c.subarray(skip));
          skip = 0;
        }
      }
      written += writevSync(fd, rest);
    }
  }
}

/** Writes entries in the layout readFactsFile reads, atomically (a temporary file, then a rename). */
export function writeFactsFile(file: string, entries: Iterable<[string, Uint8Array]>): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeAll(fd, [Buffer.from(MAGIC, 'latin1'), ...records(entries)]);
    closeSync(fd);
    renameSync(tmp, file);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Appends entries to a facts file with one write (so that two processes appending at once interleave
 * whole records), when the file is still the sound one read before; returns false when it must be
 * rewritten instead (missing, replaced, or with a torn tail).
 */
function appendFactsFile(file: string, expectedLength: number, entries: Iterable<[string, Uint8Array]>): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'a');
  } catch {
    return false;
  }
  try {
    if (fstatSync(fd).size !== expectedLength) return false;
    const chunks = records(entries);
    const buf = Buffer.concat(chunks);
    writeAll(fd, [buf]);
    return true;
  } finally {
    closeSync(fd);
  }
}

/** Facts files kept per cache directory: this run's, and the most recently used other ones. */
const KEEP_KEYS = 2;

/**
 * Removes the facts files (and their results) of analyzer keys no longer in use: every change of the
 * analyzer's code or of the config starts a new file, and the old ones would pile up. The most recently
 * written ones stay (another config may be in use, e.g. `check --config`).
 */
function pruneOtherKeys(dir: string, key: string): void {
  try {
    const files = readdirSync(dir)
      .filter((n) => /^facts-.+\.v8$/.test(n) && n !== `facts-${key}.v8`)
      .map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { n } of files.slice(KEEP_KEYS - 1)) {
      const other = n.slice('facts-'.length, -'.v8'.length);
      rmSync(join(dir, n), { force: true });
      rmSync(join(dir, `results-${other}`), { recursive: true, force: true });
    }
  } catch {
    // pruning only saves room
  }
}

/**
 * The per-file facts cache: one file under the cache directory, keyed by content hash + path + the
 * fingerprint of the analyzer's code and config. It is read on first use (a scan that reuses its whole
 * previous result never reads it), and then only its records are located: each entry's facts are
 * deserialized when asked for. Saving appends the new entries (a scan after one edit writes one file's
 * facts, not all of them); the file is rewritten without superseded records when they grow to half of
 * it, or when it must shed the least recently used entries. A killed run leaves at most a torn last
 * record, which the next read ignores; a damaged cache is ignored and rebuilt.
 */
export class FactsCache {
  private entries = new Map<string, Entry>();
  /** keys set since the file was read: what an append writes */
  private added = new Set<string>();
  private loaded = false;
  private file$ = { soundLength: 0, fileLength: 0, deadBytes: 0, exists: false };
  /** size of the live record of each key in the file: an append that sets the key again makes it dead */
  private inFile = new Map<string, number>();
  /** the file's bytes when read ahead of need (prefetchFactsFile), used by the first read instead of the disk */
  private preloaded: Buffer | undefined;
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

  /** Hands over the bytes of this cache's file read ahead (e.g. while settings were built); ignored once it was read. */
  preload(bytes: Buffer): void {
    if (!this.loaded) this.preloaded = bytes;
  }

  /** Whether the file has been read (a scan that reuses its whole result never reads it). */
  get wasRead(): boolean {
    return this.loaded;
  }

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    const preloaded = this.preloaded;
    this.preloaded = undefined;
    if (!preloaded && !existsSync(this.file)) return;
    try {
      const read = preloaded ? parseFactsFile(preloaded, this.file, false) : readFactsFile(this.file, false);
      const fresh = this.entries;
      this.entries = new Map();
      for (const [key, bytes] of read.entries) {
        this.entries.set(key, { bytes });
        this.inFile.set(key, recordSize(key, bytes));
      }
      this.file$ = { soundLength: read.soundLength, fileLength: read.fileLength, deadBytes: read.deadBytes, exists: true };
      // entries set before the first read win over the file's
      for (const [key, e] of fresh) {
        this.entries.delete(key);
        this.entries.set(key, e);
      }
    } catch {
      // damaged or from an older layout: start empty (the next save rewrites it)
      this.file$ = { soundLength: 0, fileLength: 0, deadBytes: 0, exists: true };
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
    this.added.add(key);
  }

  /** Stores facts already serialized with v8.serialize (by a worker thread); `facts` when also at hand. */
  setSerialized(key: string, bytes: Uint8Array, facts?: FileFacts): void {
    this.load();
    this.entries.delete(key);
    this.entries.set(key, facts ? { bytes, facts } : { bytes });
    this.added.add(key);
  }

  /**
   * Lets go of an entry's decoded facts, keeping its bytes (serialized now when only the object is held):
   * a caller that knows it will not ask for them again (trend, past a file version's last snapshot) keeps
   * the heap small. The next get() decodes them again.
   */
  release(key: string): void {
    const e = this.entries.get(key);
    if (!e?.facts) return;
    e.bytes ??= serialize(e.facts);
    e.facts = undefined;
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
    if (this.added.size === 0) return;
    this.load();
    const bytesOf = (key: string): [string, Uint8Array] => {
      const e = this.entries.get(key)!;
      e.bytes ??= serialize(e.facts);
      return [key, e.bytes];
    };
    const added = [...this.added].filter((k) => this.entries.has(k)).map(bytesOf);
    const f = this.file$;
    const addedBytes = added.reduce((n, [k, b]) => n + recordSize(k, b), 0);
    const dead = f.deadBytes + added.reduce((n, [k]) => n + (this.inFile.get(k) ?? 0), 0);
    const size = f.soundLength + addedBytes;
    const rewrite =
      !f.exists || f.soundLength === 0 || f.soundLength !== f.fileLength || this.entries.size > MAX_ENTRIES || dead > size * MAX_DEAD_SHARE;
    if (!rewrite && appendFactsFile(this.file, f.soundLength, added)) {
      this.file$ = { soundLength: size, fileLength: size, deadBytes: dead, exists: true };
      for (const [k, b] of added) this.inFile.set(k, recordSize(k, b));
    } else {
      while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      const all = [...this.entries.keys()].map(bytesOf);
      writeFactsFile(this.file, all);
      this.inFile = new Map(all.map(([k, b]) => [k, recordSize(k, b)]));
      const total = MAGIC.length + all.reduce((n, [k, b]) => n + recordSize(k, b), 0);
      this.file$ = { soundLength: total, fileLength: total, deadBytes: 0, exists: true };
      pruneOtherKeys(dirname(this.file), this.key);
    }
    this.added.clear();
  }
}

/** A facts file larger than this is not read ahead: the memory would be held for a guess. */
const MAX_PREFETCH_BYTES = 512 * 1024 * 1024;

/** A read of a facts file started ahead of need; see prefetchFactsFile. */
export interface FactsPrefetch {
  /** the bytes, once read, when they are those of `cache`'s file; undefined otherwise */
  take(cache: FactsCache): Promise<Buffer | undefined>;
}

/**
 * Starts reading, on libuv's thread pool, the most recently written facts file of a cache directory: the
 * one the coming scan will most likely use (its name depends on the settings, which take a while to
 * build). A scan that will need the facts (a file changed) reads them meanwhile instead of after.
 */
export function prefetchFactsFile(cacheDir: string): FactsPrefetch {
  let newest: { file: string; t: number; size: number } | undefined;
  try {
    for (const n of readdirSync(cacheDir)) {
      if (!/^facts-.+\.v8$/.test(n)) continue;
      const st = statSync(join(cacheDir, n));
      if (!newest || st.mtimeMs > newest.t) newest = { file: join(cacheDir, n), t: st.mtimeMs, size: st.size };
    }
  } catch {
    // no cache yet
  }
  if (!newest || newest.size > MAX_PREFETCH_BYTES) return { take: () => Promise.resolve(undefined) };
  const file = newest.file;
  const read = readWhole(file).catch(() => undefined);
  return { take: async (cache) => (cache.file === file ? read : undefined) };
}

/**
 * Reads a file with as few thread-pool reads as possible (one, for a regular file): each completes
 * without this thread, so the read goes on while it is busy (fs.readFile reads in chunks, each started
 * from the event loop).
 */
function readWhole(file: string): Promise<Buffer> {
  return new Promise((done, fail) => {
    let fd: number;
    let buf: Buffer;
    try {
      fd = openSync(file, 'r');
      buf = Buffer.allocUnsafe(fstatSync(fd).size);
    } catch (e) {
      fail(e);
      return;
    }
    const finish = (e: Error | null, result?: Buffer) => close(fd, () => (e ? fail(e) : done(result!)));
    const next = (offset: number): void => {
      if (offset >= buf.length) return finish(null, buf);
      readFd(fd, buf, offset, buf.length - offset, offset, (e, n) => {
        if (e) finish(e);
        else if (n === 0) finish(null, buf.subarray(0, offset));
        else next(offset + n);
      });
    };
    next(0);
  });
}

/** How many whole results are kept: the working tree's, and a few more (another branch, a shard merge). */
const MAX_RESULTS = 3;

/**
 * Whole results of analyze(), keyed by everything they are a function of: the analyzer's and detectors'
 * code, the config and settings, and the path and content hash of every file. Detectors are pure
 * functions of the facts, so when that key matches, the stored result is the result: a scan of an
 * unchanged tree neither loads the facts nor runs a detector. One file per result, named by its key, so
 * that a lookup reads at most the one that matches; the oldest are removed.
 */
export class ResultCache<T> {
  private constructor(readonly dir: string) {}

  static open<T>(cacheDir: string, analyzerKey: string): ResultCache<T> {
    return new ResultCache<T>(join(cacheDir, `results-${analyzerKey}`));
  }

  private fileOf(key: string): string {
    return join(this.dir, `${key.replace(/[^A-Za-z0-9_-]/g, '_')}.v8`);
  }

  get(key: string): T | undefined {
    try {
      const data = deserialize(readFileSync(this.fileOf(key))) as { key?: string; value?: T } | null;
      return data && data.key === key ? data.value : undefined;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: T): void {
    mkdirSync(this.dir, { recursive: true });
    const file = this.fileOf(key);
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, serialize({ key, value }));
      renameSync(tmp, file);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    // keep the newest few
    const kept = readdirSync(this.dir)
      .filter((n) => n.endsWith('.v8'))
      .map((n) => {
        try {
          return { n, t: statSync(join(this.dir, n)).mtimeMs };
        } catch {
          return { n, t: 0 };
        }
      })
      .sort((a, b) => b.t - a.t);
    for (const { n } of kept.slice(MAX_RESULTS)) rmSync(join(this.dir, n), { force: true });
  }
}
