/**
 * Several byte arrays (v8-serialized facts) in one ArrayBuffer, so that a message to or from a worker
 * thread moves them with one transfer instead of copying each (the cache's bytes are views into its whole
 * file, which posting one by one would copy each time).
 */
export interface Packed {
  buffer: ArrayBuffer;
  /** the length of each part, in order */
  lengths: number[];
}

export function pack(parts: readonly Uint8Array[]): Packed {
  const buffer = new ArrayBuffer(parts.reduce((n, b) => n + b.length, 0));
  const all = new Uint8Array(buffer);
  const lengths: number[] = [];
  let at = 0;
  for (const b of parts) {
    all.set(b, at);
    at += b.length;
    lengths.push(b.length);
  }
  return { buffer, lengths };
}

/** The parts of a packed buffer, as views into it (no copy). */
export function unpack({ buffer, lengths }: Packed): Uint8Array[] {
  let at = 0;
  return lengths.map((n) => new Uint8Array(buffer, (at += n) - n, n));
}
