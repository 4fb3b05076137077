import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mergeCost, SuffixLcs } from '../../src/detectors/shared/family-evidence.js';
import type { Streams } from '../../src/detectors/shared/family-evidence.js';
import { SHAPE } from '../../src/facts/clone-tokens/shape.js';

/** A deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The table cell by cell: L[i][j] = LCS of a[i..) and b[j..). */
function naiveTable(a: ArrayLike<number>, b: ArrayLike<number>): number[][] {
  const L = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) L[i]![j] = a[i] === b[j] ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
  }
  return L;
}

/** b as a copy of a with some tokens changed, dropped and added (members of a family are alike). */
function edited(next: () => number, a: Uint32Array, alphabet: number): Uint32Array {
  const out: number[] = [];
  for (const t of a) {
    const r = next();
    if (r < 0.08) continue;
    out.push(r < 0.16 ? Math.floor(next() * alphabet) + 1 : t);
    if (r > 0.93) out.push(Math.floor(next() * alphabet) + 1);
  }
  return Uint32Array.from(out);
}

function sequences(seed: number, count: number) {
  const next = random(seed);
  const out: Array<{ a: Uint32Array; b: Uint32Array }> = [];
  for (let k = 0; k < count; k++) {
    const alphabet = 2 + Math.floor(next() * 12);
    const a = Uint32Array.from({ length: Math.floor(next() * 140) }, () => Math.floor(next() * alphabet) + 1);
    const b =
      next() < 0.5
        ? edited(next, a, alphabet)
        : Uint32Array.from({ length: Math.floor(next() * 140) }, () => Math.floor(next() * alphabet) + 1);
    out.push({ a, b });
  }
  return out;
}

describe('SuffixLcs', () => {
  it('holds the same table as the dynamic program, at every cell, across word boundaries', () => {
    const cases = [
      ...sequences(7, 300),
      { a: new Uint32Array(0), b: Uint32Array.of(1, 2) },
      { a: Uint32Array.of(3), b: new Uint32Array(0) },
    ];
    // lengths at and around the 32-bit words
    for (const len of [31, 32, 33, 64, 65]) cases.push({ a: new Uint32Array(len).fill(1), b: new Uint32Array(len + 1).fill(1) });
    for (const { a, b } of cases) {
      const naive = naiveTable(a, b);
      const fast = new SuffixLcs(a, b);
      for (let i = 0; i <= a.length; i++) {
        for (let j = 0; j <= b.length; j++)
          if (fast.at(i, j) !== naive[i]![j]) expect.fail(`L(${i}, ${j}) of ${a.join(',')} / ${b.join(',')}`);
      }
    }
  });
});

describe('mergeCost', () => {
  it('walks the same alignment as the cell-by-cell table did: the same hunks, renames, texts and similarity', () => {
    const next = random(11);
    const names = new Map<number, string>();
    // shapes: a few structural tokens and the string placeholder; raw tokens: the shape, or a name/text of it
    const streams = (shape: Uint32Array): Streams => {
      const s = shape.map((t) => (t === 1 ? SHAPE.str : t + 1000));
      const raw = s.map((t) => (t === SHAPE.str || next() < 0.3 ? 5000 + Math.floor(next() * 6) : t));
      return { raw, shape: s, names };
    };
    const costs = sequences(3, 300).map(({ a, b }) => mergeCost(streams(a), streams(b))!);
    expect(costs.reduce((n, c) => n + c.renames, 0)).toBeGreaterThan(100); // the cases do rename
    // the digest of the 300 answers of mergeCost at 5b7bf95, which filled the table cell by cell
    const digest = createHash('sha1')
      .update(JSON.stringify(costs.map((c) => [c.hunks, c.renames, c.texts, c.similarity.toFixed(12)])))
      .digest('hex');
    expect(digest).toBe('837b8081bb9d557bcc09a1956d2132c1ed9b4a1e');
  });
});
