/** Exact copies: winnowed k-gram fingerprints of the token stream, verified and extended into maximal matches. */

/** k-gram length of the winnowing fingerprints; the window is minTokens - K + 1, so every clone of minTokens is seen. */
const K = 16;
/** k-grams seen in more places than this are boilerplate (license headers, common JSX); they start no match. */
const MAX_OCCURRENCES = 60;

/** The winnowed fingerprints of a token sequence: the picked k-gram hashes and where each starts. */
export interface Fingerprints {
  hashes: Uint32Array;
  positions: Uint32Array;
}

/** A matched range of tokens [start, end) in one file. */
export interface Fragment {
  doc: number;
  start: number;
  end: number;
}

export interface ClonePair {
  a: Fragment;
  b: Fragment;
}

/** Rolling k-gram hashes of a token sequence (polynomial, mod 2^32). */
function kgramHashes(tokens: Uint32Array, k: number): Uint32Array {
  const n = tokens.length - k + 1;
  if (n <= 0) return new Uint32Array(0);
  const out = new Uint32Array(n);
  const B = 0x01000193;
  let pow = 1;
  for (let i = 0; i < k - 1; i++) pow = Math.imul(pow, B);
  let h = 0;
  for (let i = 0; i < k; i++) h = (Math.imul(h, B) + tokens[i]!) | 0;
  out[0] = h >>> 0;
  for (let i = 1; i < n; i++) {
    h = (h - Math.imul(tokens[i - 1]!, pow)) | 0;
    h = (Math.imul(h, B) + tokens[i + k - 1]!) | 0;
    out[i] = h >>> 0;
  }
  return out;
}

/** Robust winnowing (Schleimer, Wilkerson, Aiken): the rightmost minimum of every window of w k-gram hashes. */
function winnow(hashes: Uint32Array, w: number): number[] {
  const picked: number[] = [];
  if (hashes.length === 0) return picked;
  if (hashes.length <= w) {
    let m = 0;
    for (let i = 1; i < hashes.length; i++) if (hashes[i]! <= hashes[m]!) m = i;
    return [m];
  }
  // monotone deque of indexes with increasing hashes
  const dq = new Int32Array(hashes.length);
  let head = 0;
  let tail = 0;
  let last = -1;
  for (let i = 0; i < hashes.length; i++) {
    while (tail > head && hashes[dq[tail - 1]!]! >= hashes[i]!) tail--;
    dq[tail++] = i;
    if (dq[head]! <= i - w) head++;
    if (i >= w - 1) {
      const m = dq[head]!;
      if (m !== last) {
        picked.push(m);
        last = m;
      }
    }
  }
  return picked;
}

export function fingerprintsOf(tokens: Uint32Array, k: number, w: number): Fingerprints {
  const hashes = kgramHashes(tokens, k);
  const picked = winnow(hashes, w);
  return { hashes: Uint32Array.from(picked, (p) => hashes[p]!), positions: Uint32Array.from(picked) };
}

/**
 * Maximal token matches between files (and within a file) of at least `minTokens` tokens: winnowed
 * k-gram fingerprints are indexed, and each shared fingerprint is verified and extended token by token
 * in both directions. Linear in the number of tokens plus the size of the matches.
 */
export function findClonePairs(
  docs: ReadonlyArray<{ tokens: Uint32Array; length?: number; fingerprints?(k: number, w: number): Fingerprints }>,
  minTokens: number,
): ClonePair[] {
  const k = Math.min(K, minTokens);
  const w = minTokens - k + 1;
  const index = new Map<number, number[]>(); // hash -> [doc, pos, doc, pos, ...]
  for (let d = 0; d < docs.length; d++) {
    const doc = docs[d]!;
    if ((doc.length ?? doc.tokens.length) < minTokens) continue;
    const fp = doc.fingerprints ? doc.fingerprints(k, w) : fingerprintsOf(doc.tokens, k, w);
    for (let i = 0; i < fp.positions.length; i++) {
      const h = fp.hashes[i]!;
      const p = fp.positions[i]!;
      const list = index.get(h);
      if (!list) index.set(h, [d, p]);
      else if (list.length <= MAX_OCCURRENCES * 2) list.push(d, p);
    }
  }
  const pairs: ClonePair[] = [];
  const covered = new Map<string, Array<[number, number]>>(); // doc pair + diagonal -> covered ranges in a
  for (const list of index.values()) {
    if (list.length < 4 || list.length > MAX_OCCURRENCES * 2) continue;
    for (let i = 0; i < list.length; i += 2) {
      for (let j = i + 2; j < list.length; j += 2) {
        let da = list[i]!,
          pa = list[i + 1]!,
          db = list[j]!,
          pb = list[j + 1]!;
        if (da > db || (da === db && pa > pb)) [da, pa, db, pb] = [db, pb, da, pa];
        if (da === db && pb - pa < k) continue; // overlapping self-match
        const key = `${da},${db},${pb - pa}`;
        const ranges = covered.get(key);
        if (ranges?.some(([s, e]) => pa >= s && pa < e)) continue;
        const A = docs[da]!.tokens;
        const B = docs[db]!.tokens;
        let ok = true;
        for (let t = 0; t < k; t++)
          if (A[pa + t] !== B[pb + t]) {
            ok = false;
            break;
          }
        if (!ok) continue; // hash collision
        let sa = pa,
          sb = pb;
        while (sa > 0 && sb > 0 && A[sa - 1] === B[sb - 1] && (da !== db || sb - 1 >= pa + k)) {
          sa--;
          sb--;
        }
        let ea = pa + k,
          eb = pb + k;
        while (ea < A.length && eb < B.length && A[ea] === B[eb] && (da !== db || ea < sb)) {
          ea++;
          eb++;
        }
        if (da === db && ea > sb) {
          const cut = ea - sb;
          ea -= cut;
          eb -= cut;
        }
        (ranges ?? covered.set(key, []).get(key)!).push([sa, ea]);
        if (ea - sa >= minTokens) pairs.push({ a: { doc: da, start: sa, end: ea }, b: { doc: db, start: sb, end: eb } });
      }
    }
  }
  return pairs;
}
