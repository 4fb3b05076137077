import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileSource } from '@plumbline/analyzer';
import { git } from './command.js';

export interface TreeEntry {
  path: string;
  blob: string;
  size: number;
}

/**
 * The files of a commit (relative to `root`, which may be a subdirectory of the repository), from
 * `git ls-tree`: paths, blob ids and sizes, without checking anything out. Submodules and symlinks are
 * left out. Throws when the commit does not exist.
 */
export function listTree(root: string, commit: string): TreeEntry[] {
  const prefix = git(root, ['rev-parse', '--show-prefix'])?.trim() ?? '';
  const out = git(root, ['ls-tree', '-r', '-z', '--long', '--full-tree', commit, '--', prefix ? prefix : '.']);
  if (out === null) throw new Error(`cannot read the tree of ${commit}`);
  const entries: TreeEntry[] = [];
  for (const rec of out.split('\0')) {
    if (!rec) continue;
    const tab = rec.indexOf('\t');
    const [mode, type, blob, size] = rec.slice(0, tab).split(/\s+/);
    const full = rec.slice(tab + 1);
    if (type !== 'blob' || mode === '120000' || !blob) continue;
    if (prefix && !full.startsWith(prefix)) continue;
    entries.push({ path: full.slice(prefix.length), blob, size: Number(size) });
  }
  return entries;
}

/**
 * Reads many blobs through one `git cat-file --batch` process. Synchronous reads are served from a
 * batch prefetch: call `prefetch(blobIds)` with what you will read, then `read(blob)`.
 */
export class BlobReader {
  private cache = new Map<string, Buffer>();
  constructor(private readonly root: string) {}

  /** Loads the given blobs (unknown ones are skipped) with one git process (catFileBatch). */
  async prefetch(blobs: readonly string[]): Promise<void> {
    const wanted = [...new Set(blobs)].filter((b) => !this.cache.has(b));
    if (wanted.length === 0) return;
    const objects = await catFileBatch(this.root, wanted);
    wanted.forEach((blob, i) => {
      const o = objects[i];
      if (o) this.cache.set(blob, o.data);
    });
  }

  read(blob: string): Buffer {
    const hit = this.cache.get(blob);
    if (hit) return hit;
    const r = spawnSync('git', ['-C', this.root, 'cat-file', 'blob', blob], { maxBuffer: 1 << 30 });
    if (r.status !== 0) throw Object.assign(new Error(`blob ${blob} is missing`), { code: 'ENOENT' });
    return r.stdout;
  }

  /** Forgets prefetched blobs, to bound memory between snapshots. */
  clear(): void {
    this.cache.clear();
  }
}

/** An object read by `git cat-file --batch`. */
export interface BatchObject {
  type: string;
  data: Buffer;
}

/** Reads objects by name through one `git cat-file --batch`; answers in request order (null: missing). */
export async function catFileBatch(root: string, names: readonly string[]): Promise<Array<BatchObject | null>> {
  if (names.length === 0) return [];
  const data = await catFileOutput(root, names);
  const out: Array<BatchObject | null> = [];
  let pos = 0;
  while (pos < data.length && out.length < names.length) {
    const nl = data.indexOf(10, pos);
    if (nl < 0) break;
    const header = data.toString('utf8', pos, nl).split(' ');
    pos = nl + 1;
    if (header[1] === 'missing' || header[1] === 'ambiguous' || header.length < 3) {
      out.push(null);
      continue;
    }
    const size = Number(header[2]);
    out.push({ type: header[1]!, data: data.subarray(pos, pos + size) });
    pos += size + 1; // the content is followed by a newline
  }
  while (out.length < names.length) out.push(null);
  return out;
}

/**
 * The output of `git cat-file --batch` for these object names. git reads them from a temporary file and
 * writes to another rather than to a pipe: a pipe holds 64 KB, so git would stall whenever this thread
 * is busy instead of reading ahead on another core. Through a pipe when no temporary file can be had.
 */
async function catFileOutput(root: string, names: readonly string[]): Promise<Buffer> {
  return (await catFileToFile(root, names)) ?? (await catFileThroughPipe(root, names));
}

/** `git cat-file --batch` with the ids in a temporary file and the output to another; null when no temporary file can be had. */
async function catFileToFile(root: string, ids: readonly string[]): Promise<Buffer | null> {
  let dir: string;
  try {
    dir = mkdtempSync(join(tmpdir(), 'plumbline-blobs-'));
  } catch {
    return null;
  }
  try {
    const input = join(dir, 'ids');
    const output = join(dir, 'out');
    writeFileSync(input, `${ids.join('\n')}\n`);
    const inFd = openSync(input, 'r');
    const outFd = openSync(output, 'w');
    try {
      await new Promise<void>((resolve, reject) => {
        const child = spawn('git', ['-C', root, 'cat-file', '--batch'], { stdio: [inFd, outFd, 'ignore'] });
        child.on('error', reject);
        child.on('close', () => resolve());
      });
    } finally {
      closeSync(inFd);
      closeSync(outFd);
    }
    return readFileSync(output);
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function catFileThroughPipe(root: string, ids: readonly string[]): Promise<Buffer> {
  const child = spawn('git', ['-C', root, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve());
  });
  child.stdin.on('error', () => undefined);
  child.stdin.end(`${ids.join('\n')}\n`);
  await done;
  return Buffer.concat(chunks);
}

/**
 * A FileSource over a commit's tree: hashes come from the tree (so cached facts need no read), bytes
 * from `git cat-file`. `paths` must already be filtered (analyzer's filterPaths).
 */
export function commitSource(entries: readonly TreeEntry[], paths: readonly string[], reader: BlobReader): FileSource {
  const byPath = new Map(entries.map((e) => [e.path, e]));
  return {
    paths,
    knownHash: (p) => byPath.get(p)?.blob,
    read: (p) => {
      const e = byPath.get(p);
      if (!e) throw Object.assign(new Error(`${p} is not in the tree`), { code: 'ENOENT' });
      return reader.read(e.blob);
    },
  };
}

/** Resolves a ref to a commit id, or null. Arguments are never passed through a shell. */
export function resolveCommit(root: string, ref: string): string | null {
  if (ref.startsWith('-')) return null;
  return git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])?.trim() || null;
}
