import { createHash } from 'node:crypto';

/**
 * The content key of a file: git's blob id (sha1 of "blob <size>\0" + bytes). A working-tree file and
 * the same content in any commit share one key, so trend reuses facts without reading unchanged blobs.
 */
export function blobHash(bytes: Uint8Array): string {
  const h = createHash('sha1');
  h.update(`blob ${bytes.byteLength}\0`);
  h.update(bytes);
  return h.digest('hex');
}

export function shortHash(text: string, length = 16): string {
  return createHash('sha1').update(text).digest('hex').slice(0, length);
}
