// What merging two members of a component family would take, read from their whole code (the clone-token
// streams of copied-code), not only from what they render: two delete dialogs that differ in a mutation and
// their texts are one component with two props; a sessions table and a replays table that render the same
// DataTable with columns, queries and handlers of their own share the shell only.
import { factsOf } from '../../facts.js';
import type { FileFacts } from '../../facts.js';
import { decodeLines, decodeTokens, extractor as cloneTokens } from '../../facts/clone-tokens.js';
import { SHAPE } from '../../facts/clone-tokens/shape.js';
import { hash32 } from '../../facts/components.js';

export interface Streams {
  /** the exact token hashes of the component's lines */
  raw: Uint32Array;
  /** the abstracted ones (identifiers and literals as placeholders) */
  shape: Uint32Array;
  /** the identifiers of the file by hash, when the facts keep them */
  names: ReadonlyMap<number, string>;
}

export interface MergeCost {
  /** places where one member has code the other has not (runs of unaligned abstracted tokens) */
  hunks: number;
  /**
   * distinct renames of identifiers aligned with another one, by the words that differ: `linkId`/`pixelId`,
   * `LinkForm`/`PixelForm` and `link`/`pixel` are one rename (link to pixel), `title`/`titleAlt` and `size`/`sizeAlt` another
   */
  renames: number;
  /** distinct literals and texts aligned with another one */
  texts: number;
  /** 2 × aligned abstracted tokens ÷ all of them */
  similarity: number;
}

const LITERALS = new Set<number>([SHAPE.str, SHAPE.num, SHAPE.tpl, SHAPE.text]);
/** Cells of the alignment table, at most (two components of some 1,700 tokens each after their common ends): a few ms a pair. */
const MAX_CELLS = 3_000_000;

/** Decoded token streams of a file, kept per facts object (families of one file share them). */
const DECODED = new WeakMap<object, { raw: Uint32Array; shape: Uint32Array; line: Uint32Array; names: Map<number, string> } | null>();

/** The tokens of lines `first`..`last` of a file, or null when the file has no abstracted stream (tests, vendored files). */
export function streamsOf(file: FileFacts, first: number, last: number): Streams | null {
  const facts = factsOf(file, cloneTokens);
  if (!facts) return null;
  let d = DECODED.get(facts);
  if (d === undefined) {
    const shape = decodeTokens(facts, 'shape');
    const names = new Map((facts.names ?? []).map((n) => [hash32(n), n]));
    d = shape.length ? { raw: decodeTokens(facts), shape, line: decodeLines(facts).line, names } : null;
    DECODED.set(facts, d);
  }
  if (!d) return null;
  let a = 0;
  while (a < d.line.length && d.line[a]! < first) a++;
  let b = a;
  while (b < d.line.length && d.line[b]! <= last) b++;
  return { raw: d.raw.subarray(a, b), shape: d.shape.subarray(a, b), names: d.names };
}

const words = (name: string) => name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g)?.map((w) => w.toLowerCase().replace(/s$/, '')) ?? [name];

/** A rename by the words that differ once the common first and last words are left out (`linkId`, `pixelId`: `link>pixel`). */
export function renameOf(a: number, b: number, namesA: ReadonlyMap<number, string>, namesB: ReadonlyMap<number, string>): string {
  const na = namesA.get(a),
    nb = namesB.get(b);
  if (na === undefined || nb === undefined) return `${a}:${b}`;
  const wa = words(na),
    wb = words(nb);
  const { lo, hiA, hiB } = trimmed(wa, wb);
  return `${wa.slice(lo, hiA).join(' ')}>${wb.slice(lo, hiB).join(' ')}`;
}

/** The common beginning of two sequences, and where their common end starts in each. */
function trimmed<T>(a: ArrayLike<T>, b: ArrayLike<T>): { lo: number; hiA: number; hiB: number } {
  let lo = 0;
  while (lo < a.length && lo < b.length && a[lo] === b[lo]) lo++;
  let hiA = a.length,
    hiB = b.length;
  while (hiA > lo && hiB > lo && a[hiA - 1] === b[hiB - 1]) {
    hiA--;
    hiB--;
  }
  return { lo, hiA, hiB };
}

/** Cells of the alignment table of two members (the part between their common beginning and end). */
export function alignmentCells(x: Streams, y: Streams): number {
  const { lo, hiA, hiB } = trimmed(x.shape, y.shape);
  return (hiA - lo) * (hiB - lo);
}

const popcount = (x: number): number => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
};

/**
 * The lengths of the longest common subsequences of every suffix of `a` with every suffix of `b`, L(i, j) =
 * LCS(a[i..), b[j..)), the table an alignment walks, computed 32 cells at a time (the bit-parallel LCS of
 * Allison and Dix, Hyyrö 2004) and kept as bits: row i holds one bit per column where L(i, j) drops by one from
 * column j to j + 1, and the drops before each 32-bit word, so that L(i, j) is read in a few operations. The
 * same values as the dynamic program cell by cell, in about a twentieth of its time and an eighth of its memory.
 */
export class SuffixLcs {
  private readonly words: number;
  /** per row, the bits of the columns where the row drops, counted from the last column (bit k is column m − 1 − k) */
  private readonly drops: Int32Array;
  /** per row, the drops in the words before each word (words + 1 counts a row) */
  private readonly before: Int32Array;

  constructor(
    a: ArrayLike<number>,
    b: ArrayLike<number>,
    readonly n = a.length,
    readonly m = b.length,
  ) {
    const W = (this.words = (m + 31) >>> 5);
    // one bit vector per token of b: where it occurs, counted from the end of b
    const match = new Map<number, Int32Array>();
    for (let k = 0; k < m; k++) {
      const t = b[m - 1 - k]!;
      let v = match.get(t);
      if (!v) match.set(t, (v = new Int32Array(W)));
      v[k >>> 5]! |= 1 << (k & 31);
    }
    const drops = (this.drops = new Int32Array((n + 1) * W));
    const before = (this.before = new Int32Array((n + 1) * (W + 1)));
    // row n (the empty suffix of a) is all zeros; each row above it adds one token of a, from the last
    for (let i = n - 1; i >= 0; i--) {
      const eq = match.get(a[i]!);
      const from = (i + 1) * W,
        to = i * W,
        counts = i * (W + 1);
      let carry = 0,
        seen = 0;
      for (let w = 0; w < W; w++) {
        const v = ~drops[from + w]!; // the ones of the row are the columns where it does not drop
        let next = v;
        if (eq) {
          const u = v & eq[w]!;
          const sum = (v >>> 0) + (u >>> 0) + carry;
          carry = sum > 0xffffffff ? 1 : 0;
          next = sum | 0 | (v & ~u);
        }
        const d = ~next;
        drops[to + w] = d;
        before[counts + w] = seen;
        seen += popcount(d);
      }
      before[counts + W] = seen;
    }
  }

  /** L(i, j), for 0 ≤ i ≤ n and 0 ≤ j ≤ m. */
  at(i: number, j: number): number {
    const t = this.m - j; // the row's drops at columns j..m − 1 are its bits 0..t − 1
    const w = t >>> 5,
      r = t & 31;
    const whole = this.before[i * (this.words + 1) + w]!;
    return r === 0 ? whole : whole + popcount(this.drops[i * this.words + w]! & ((1 << r) - 1));
  }
}

/**
 * Aligns two members' abstracted streams (longest common subsequence, after their common beginning and end)
 * and counts what differs: hunks of code one has and the other has not, identifiers and literals put in
 * each other's place. Null when the two are too big to align within MAX_CELLS.
 */
export function mergeCost(x: Streams, y: Streams): MergeCost | null {
  const a = x.shape,
    b = y.shape;
  const { lo, hiA, hiB } = trimmed(a, b);
  const n = hiA - lo,
    m = hiB - lo;
  if (n * m > MAX_CELLS) return null;
  // L.at(i, j) = LCS of a[lo+i..hiA) and b[lo+j..hiB)
  const L = new SuffixLcs(a.subarray(lo, hiA), b.subarray(lo, hiB));
  const renames = new Set<string>();
  const texts = new Set<string>();
  const aligned = (i: number, j: number) => {
    if (x.raw[i] === y.raw[j]) return;
    if (LITERALS.has(a[i]!)) texts.add(`${x.raw[i]}:${y.raw[j]}`);
    else renames.add(renameOf(x.raw[i]!, y.raw[j]!, x.names, y.names));
  };
  for (let k = 0; k < lo; k++) aligned(k, k);
  for (let k = 1; k <= a.length - hiA; k++) aligned(a.length - k, b.length - k);
  let i = 0,
    j = 0,
    hunks = 0,
    gap = false;
  while (i < n || j < m) {
    if (i < n && j < m && a[lo + i] === b[lo + j] && L.at(i, j) === L.at(i + 1, j + 1) + 1) {
      aligned(lo + i, lo + j);
      i++;
      j++;
      gap = false;
      continue;
    }
    if (!gap) hunks++;
    gap = true;
    if (j >= m || (i < n && L.at(i + 1, j) >= L.at(i, j + 1))) i++;
    else j++;
  }
  const common = lo + (a.length - hiA) + L.at(0, 0);
  const total = a.length + b.length;
  return { hunks, renames: renames.size, texts: texts.size, similarity: total ? (2 * common) / total : 1 };
}

export interface Member {
  file: FileFacts;
  c: { startLine: number; lastLine: number };
}

export interface RenderOnlyOptions {
  /** identifiers a pair of members may rename (`link`/`pixel`, `useLinks`/`usePixels`) and still be one component */
  renames: number;
  /** and, for bigger members, one more per this many tokens of the smaller one */
  tokensPerRename: number;
  /** render-tree similarity at which the markup alone is a copy worth one component, whatever the code around it */
  sameTree: number;
}

/** Pairs of members compared: each of the first eight with every other member. */
const PAIRED = 8;
/**
 * At most this many pairs are aligned, the cheapest first: every pair of a family of up to nine members (8 × 9 − 36);
 * in a bigger family, when its 36 most alike pairs each rename too much, the rest do too (a generated tree's
 * families of 20 to 40 members took 1,700 alignments and most of the gate's 12 s)
 */
const MAX_PAIRS = 36;

/**
 * Whether a family shares its render only: no two members are one component with a few props once their whole
 * code is aligned (each pair renames more identifiers than `renames`, or one per `tokensPerRename` tokens), and
 * their trees are not near-identical (`sameTree`). Texts and literals differ freely (they become props).
 * False when the code cannot be read or aligned (no evidence against the family).
 */
export function sharesRenderOnly(members: readonly Member[], treeSimilarity: number, options: RenderOnlyOptions): boolean {
  if (treeSimilarity >= options.sameTree) return false;
  const streams = members.map((m) => streamsOf(m.file, m.c.startLine, m.c.lastLine));
  if (streams.some((s) => !s)) return false;
  const pairs: Array<{ a: Streams; b: Streams; cells: number }> = [];
  for (let i = 0; i < Math.min(PAIRED, members.length); i++) {
    for (let j = i + 1; j < members.length; j++) {
      const a = streams[i]!,
        b = streams[j]!;
      const cells = alignmentCells(a, b);
      if (cells > MAX_CELLS) return false;
      pairs.push({ a, b, cells });
    }
  }
  // the answer holds for every pair or fails on one, whatever the order: the pairs that differ least are aligned
  // first, which are the cheapest and the likeliest to be one component (a family of forty generated members
  // took 1.5 billion cells in the given order)
  pairs.sort((p, q) => p.cells - q.cells);
  for (const { a, b } of pairs.slice(0, MAX_PAIRS)) {
    const cost = mergeCost(a, b)!;
    const allowed = Math.max(options.renames, Math.min(a.shape.length, b.shape.length) / options.tokensPerRename);
    if (cost.renames <= allowed) return false;
  }
  return true;
}

/** What the members of a family share in their whole code: the closest pair's alignment (see mergeCost). */
export interface CodeEvidence {
  /** the highest token similarity (abstracted streams) of the pairs aligned */
  similarity: number;
  /** the fewest renames, hunks and texts of a pair */
  renames: number;
  hunks: number;
  texts: number;
  /** pairs aligned (0: the code could not be read or aligned) */
  pairs: number;
  /** the lowest token similarity and the most renames of a pair aligned */
  worstSimilarity: number;
  worstRenames: number;
}

/** The code evidence of a family, from its cheapest pairs (at most MAX_PAIRS, as sharesRenderOnly aligns). */
export function codeEvidence(members: readonly Member[]): CodeEvidence {
  const out: CodeEvidence = {
    similarity: 0,
    renames: Infinity,
    hunks: Infinity,
    texts: Infinity,
    pairs: 0,
    worstSimilarity: 1,
    worstRenames: 0,
  };
  const streams = members.map((m) => streamsOf(m.file, m.c.startLine, m.c.lastLine));
  const pairs: Array<{ a: Streams; b: Streams; cells: number }> = [];
  for (let i = 0; i < Math.min(PAIRED, members.length); i++) {
    for (let j = i + 1; j < members.length; j++) {
      const a = streams[i],
        b = streams[j];
      if (!a || !b) continue;
      const cells = alignmentCells(a, b);
      if (cells <= MAX_CELLS) pairs.push({ a, b, cells });
    }
  }
  pairs.sort((p, q) => p.cells - q.cells);
  for (const { a, b } of pairs.slice(0, MAX_PAIRS)) {
    const cost = mergeCost(a, b);
    if (!cost) continue;
    out.pairs++;
    out.similarity = Math.max(out.similarity, cost.similarity);
    out.renames = Math.min(out.renames, cost.renames);
    out.hunks = Math.min(out.hunks, cost.hunks);
    out.texts = Math.min(out.texts, cost.texts);
    out.worstSimilarity = Math.min(out.worstSimilarity, cost.similarity);
    out.worstRenames = Math.max(out.worstRenames, cost.renames);
  }
  return out;
}

/** What `report` selects: the confident tier (the default), or every family found and not left out on purpose. */
export type Report = 'confident' | 'all';

/**
 * The confident tier of component-family: the families a reviewer of the codebase keeps the warning on more than 85
 * times in 100, fitted on the judged families of the 34 older repositories of the precision ledger and checked on the
 * four judged held out (rules/component-family.md has the figures). Every pair of members aligned is one component
 * written again: their whole code (identifiers and literals abstracted) at least `code` alike; or their trees are
 * near-identical (at least `tree` alike, the least alike pair that joined the family) and their code at least
 * `treeCode` alike. Families below it mostly share a shell each member fills with its own queries, columns, handlers
 * and logic (per-entity views of one admin, per-platform instructions), which reviewers call debatable or wrong.
 */
export const CONFIDENT = { code: 0.96, tree: 0.94, treeCode: 0.8 };

export function isConfident(family: { min: number }, code: CodeEvidence, tier: typeof CONFIDENT = CONFIDENT): boolean {
  if (code.pairs === 0) return false;
  return code.worstSimilarity >= tier.code || (code.worstSimilarity >= tier.treeCode && family.min >= tier.tree);
}
