// Renamed and near-miss copies (type-2 and type-3 clones) for copied-code: whole functions, methods and
// components compared by their abstracted token streams (identifiers and literals as placeholders, see
// facts/clone-tokens/shape.ts). Candidates share winnowed k-grams of the abstracted stream (SourcererCC's
// filtering idea); each candidate pair is verified by the longest common subsequence of the two streams,
// which tolerates inserted, deleted and changed statements, and is aligned to name the identifiers that differ.
import { SHAPE } from '../../facts/clone-tokens/shape.js';
import { hash32 } from '../../facts/components.js';

/** A unit as the detector sees it: a range of its file's tokens. */
export interface Unit {
  doc: number;
  start: number;
  end: number;
  name: string;
  /** 1-based first and last line */
  line: number;
  endLine: number;
}

/** What the comparison reads of a file: both token streams and the names of its identifiers. */
export interface UnitDoc {
  tokens: Uint32Array;
  shape: Uint32Array;
  names: readonly string[];
}

export interface NearOptions {
  /** smallest unit compared, in lines */
  minLines: number;
  /** smallest unit compared, in tokens */
  minTokens: number;
  /** smallest share of the larger unit's abstracted tokens that the pair has in common, in order (a renamed copy) */
  minSimilarity: number;
  /**
   * a pair below minSimilarity is still a copy (with statements changed) when both its abstracted and its
   * exact tokens have at least this share in common and its exact tokens differ in at most MAX_EDITS
   * places: the names and literals stayed, a few statements did not
   */
  minEditedSimilarity: number;
  /** an abstracted k-gram in more units than this is boilerplate (a framework's route or dialog shell) */
  maxUnitsPerGram: number;
  /**
   * a pair that is not an exact copy shares at least this many sampled k-grams that are not boilerplate,
   * or (a small unit, or one mostly of a common shell) every one of its own, at least MIN_RARE_ALL
   */
  minRareShared: number;
  /** a pair that is not an exact copy has at least this many tokens in its larger unit */
  minNearTokens: number;
}

/**
 * Runs of differing tokens that a copy with a few statements changed may have (each inserted, deleted or
 * replaced statement is one or two): sibling boilerplate (two routes, two dialogs of one framework) has as
 * many tokens in common but differs in many small places.
 */
const MAX_EDITS = 4;

export const NEAR_DEFAULTS: NearOptions = {
  minLines: 15,
  minTokens: 40,
  minSimilarity: 0.85,
  minEditedSimilarity: 0.7,
  maxUnitsPerGram: 10,
  minRareShared: 8,
  minNearTokens: 60,
};

/**
 * A unit needs this many distinct abstracted 4-grams: a list of `useState` hooks, a prop list or a switch
 * ladder repeats a few shapes many times and has few; real logic has many.
 */
const MIN_DISTINCT_SHAPES = 30;
/** ...and this share of its 4-grams distinct. */
const MIN_DISTINCT_SHARE = 0.35;
/** Abstracted k-grams of candidate search, and the winnowing window. */
const K = 8;
const W = 4;
/** With at least this many aligned literals, a pair needs this share of them equal. */
const MIN_LITERALS = 4;
const MIN_SAME_LITERALS = 0.5;
/**
 * A pair below minRareShared (a small unit, or one mostly of a common shell) still pairs as a renamed copy
 * when it shares at least this many rare k-grams and this share of the rarer unit's own (all the structure
 * it has beyond the shell is the same), its abstracted streams are this similar, it aligns at least
 * MIN_KEPT_LITERALS literals and keeps every one (an entity's sibling has its own URLs, keys and labels),
 * and its names are not one entity's swapped for another's (see entitySiblings).
 */
const MIN_RARE_ALL = 3;
const MIN_RARE_ALL_SHARE = 0.8;
const MIN_SHELL_SIMILARITY = 0.95;
const MIN_KEPT_LITERALS = 1;
/** Longest unit compared (the LCS table is quadratic). */
const MAX_UNIT_TOKENS = 2500;

export interface NearPair {
  a: number;
  b: number;
  similarity: number;
}

function grams(shape: Uint32Array, start: number, end: number, k: number): Uint32Array {
  const n = end - start - k + 1;
  if (n <= 0) return new Uint32Array(0);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let t = 0; t < k; t++) h = Math.imul(h ^ shape[start + i + t]!, 0x01000193);
    out[i] = h >>> 0;
  }
  return out;
}

/** Enough distinct structure to be compared at all: see MIN_DISTINCT_SHAPES. */
function structured(shape: Uint32Array, u: Unit): boolean {
  const g = grams(shape, u.start, u.end, 4);
  const distinct = new Set(g).size;
  return distinct >= MIN_DISTINCT_SHAPES && distinct >= MIN_DISTINCT_SHARE * g.length;
}

/** The distinct winnowed k-grams of a unit (the minimum of every window of W). */
function sketch(shape: Uint32Array, u: Unit): Set<number> {
  const g = grams(shape, u.start, u.end, K);
  const out = new Set<number>();
  for (let i = 0; i + W <= g.length; i++) {
    let m = g[i]!;
    for (let j = 1; j < W; j++) m = Math.min(m, g[i + j]!);
    out.add(m);
  }
  return out;
}

/** How many tokens two sequences have in common as multisets (an upper bound of their common subsequence). */
function bagOverlap(a: Uint32Array, b: Uint32Array): number {
  const counts = new Map<number, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  let common = 0;
  for (const x of b) {
    const c = counts.get(x);
    if (c) {
      common++;
      counts.set(x, c - 1);
    }
  }
  return common;
}

function sameTokens(da: UnitDoc, ua: Unit, db: UnitDoc, ub: Unit): boolean {
  if (ua.end - ua.start !== ub.end - ub.start) return false;
  for (let i = 0; i < ua.end - ua.start; i++) if (da.tokens[ua.start + i] !== db.tokens[ub.start + i]) return false;
  return true;
}

/** The table of LCS lengths of every pair of suffixes, (|a| + 1) × (|b| + 1). */
function suffixTable(a: Uint32Array, b: Uint32Array): { table: Uint16Array; at: (i: number, j: number) => number } {
  const w = b.length + 1;
  const table = new Uint16Array((a.length + 1) * w);
  const at = (i: number, j: number) => i * w + j;
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      table[at(i, j)] = a[i] === b[j] ? table[at(i + 1, j + 1)]! + 1 : Math.max(table[at(i + 1, j)]!, table[at(i, j + 1)]!);
  return { table, at };
}

/**
 * A changed statement aligns a few of its tokens (`(`, `)`, `.`) with the statement it replaced: matches
 * shorter than this between differing tokens do not end an edit.
 */
const MIN_EDIT_SPLIT = 3;

/**
 * How many edits an alignment of two sequences has: runs of differing tokens, apart by at least
 * MIN_EDIT_SPLIT matching tokens (a trailing difference counts too).
 */
export function edits(a: Uint32Array, b: Uint32Array): number {
  const { table, at } = suffixTable(a, b);
  let runs = 0,
    same = MIN_EDIT_SPLIT,
    i = 0,
    j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      same++;
      i++;
      j++;
      continue;
    }
    if (same >= MIN_EDIT_SPLIT) runs++;
    same = 0;
    if (table[at(i + 1, j)]! >= table[at(i, j + 1)]!) i++;
    else j++;
  }
  return runs + (same >= MIN_EDIT_SPLIT && (i < a.length || j < b.length) ? 1 : 0);
}

/** Length of the longest common subsequence of two token ranges (two rows of the table). */
export function lcsLength(a: Uint32Array, b: Uint32Array): number {
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const x = a[i - 1]!;
    for (let j = 1; j <= b.length; j++) cur[j] = x === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/**
 * Unit pairs (indexes into `units`) whose abstracted streams have at least `minSimilarity` of the larger
 * one in common, in order. Units in one file that nest are never a pair.
 */
export function findNearPairs(docs: readonly UnitDoc[], units: readonly Unit[], options: NearOptions): NearPair[] {
  // every unit (10+ lines) counts towards how common a k-gram is; only units of minLines with structure pair
  const sized = units.map((u) => u.end - u.start >= options.minTokens && u.end - u.start <= MAX_UNIT_TOKENS);
  const ok = units.map((u, i) => sized[i]! && u.endLine - u.line + 1 >= options.minLines && structured(docs[u.doc]!.shape, u));
  const sketches = units.map((u, i) => (sized[i] ? sketch(docs[u.doc]!.shape, u) : new Set<number>()));
  const index = new Map<number, number[]>();
  sketches.forEach((s, i) => {
    for (const h of s) {
      const list = index.get(h);
      if (!list) index.set(h, [i]);
      else if (list.length <= options.maxUnitsPerGram) list.push(i);
    }
  });
  const shared = new Map<number, number>();
  const n = units.length;
  // the k-grams of a unit that are not boilerplate: candidates share enough of these
  const informative = new Uint32Array(n);
  for (const list of index.values()) {
    if (list.length > options.maxUnitsPerGram) continue;
    for (const u of list) informative[u] = informative[u]! + 1;
    if (list.length < 2) continue;
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        if (!ok[list[i]!] || !ok[list[j]!]) continue;
        const key = list[i]! * n + list[j]!;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
  }
  const pairs: NearPair[] = [];
  for (const [key, count] of shared) {
    const a = Math.floor(key / n);
    const b = key % n;
    const ua = units[a]!;
    const ub = units[b]!;
    if (ua.doc === ub.doc && ua.start < ub.end && ub.start < ua.end) continue;
    const la = ua.end - ua.start;
    const lb = ub.end - ub.start;
    const least = Math.min(options.minSimilarity, options.minEditedSimilarity);
    if (Math.min(la, lb) < least * Math.max(la, lb)) continue;
    if (count < 0.5 * least * Math.min(informative[a]!, informative[b]!)) continue;
    // verbatim copies are paired below whatever their size and shape; a variant needs size and rare structure
    if (Math.max(la, lb) < options.minNearTokens) continue;
    // a shell's structure alone does not make a pair: it shares rare structure, all of it when it has little
    const rare = count >= options.minRareShared;
    if (!rare && (count < MIN_RARE_ALL || count < MIN_RARE_ALL_SHARE * Math.min(informative[a]!, informative[b]!))) continue;
    const sa = docs[ua.doc]!.shape.subarray(ua.start, ua.end);
    const sb = docs[ub.doc]!.shape.subarray(ub.start, ub.end);
    // the tokens in common regardless of order bound the common subsequence: a cheap test first
    if (bagOverlap(sa, sb) < least * Math.max(la, lb)) continue;
    const similarity = lcsLength(sa, sb) / Math.max(la, lb);
    if (similarity < least) continue;
    if (similarity < options.minSimilarity) {
      const ta = docs[ua.doc]!.tokens.subarray(ua.start, ua.end);
      const tb = docs[ub.doc]!.tokens.subarray(ub.start, ub.end);
      if (lcsLength(ta, tb) / Math.max(la, lb) < options.minEditedSimilarity || edits(ta, tb) > MAX_EDITS) continue;
    }
    // a copy keeps most of its literals (class names, keys, messages); two forms or two tables that only
    // share a layout do not
    const { literals, sameLiterals, renamed, renamedTwice } = align(docs[ua.doc]!, ua, docs[ub.doc]!, ub);
    if (literals >= MIN_LITERALS && sameLiterals < MIN_SAME_LITERALS * literals) continue;
    // a copy with statements changed keeps its names: one that also renames is another implementation of
    // the same steps (a storage provider, a job queue, a decoder beside its encoder)
    if (similarity < options.minSimilarity && renamedTwice > 0) continue;
    // a common shell filled in for another entity (`useBounty` and `useCommission`) is a sibling, not a copy
    if (!rare && (similarity < MIN_SHELL_SIMILARITY || literals < MIN_KEPT_LITERALS || sameLiterals < literals || entitySiblings(renamed)))
      continue;
    pairs.push({ a, b, similarity });
  }
  // a verbatim copy of a whole unit is one however common its shape: pair identical units directly
  const found = new Set(pairs.map((p) => p.a * n + p.b));
  const byDigest = new Map<string, number[]>();
  units.forEach((u, i) => {
    if (!sized[i] || u.endLine - u.line + 1 < options.minLines) return;
    const key = digest(docs[u.doc]!.tokens, u.start, u.end);
    (byDigest.get(key) ?? byDigest.set(key, []).get(key)!).push(i);
  });
  for (const same of byDigest.values())
    for (let i = 0; i < same.length; i++)
      for (let j = i + 1; j < same.length; j++) {
        const [a, b] = [same[i]!, same[j]!];
        const [ua, ub] = [units[a]!, units[b]!];
        if (found.has(a * n + b) || (ua.doc === ub.doc && ua.start < ub.end && ub.start < ua.end)) continue;
        if (sameTokens(docs[ua.doc]!, ua, docs[ub.doc]!, ub)) pairs.push({ a, b, similarity: 1 });
      }
  return pairs;
}

/** The words of an identifier (camelCase, PascalCase, snake_case), lower case, stemmed (`created`, `creates` and `create` are one). */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_$]+/)
    .filter(Boolean)
    .map((w) =>
      w
        .toLowerCase()
        .replace(/ies$/, 'y')
        .replace(/(?<=[^s])s$/, '')
        .replace(/(?<=..)(ed|e)$/, ''),
    );
}

/**
 * Whether the names two units differ in are one word swapped for another throughout (`useBounty` ->
 * `useCommission`, `bountyId` -> `commissionId`): the same code written for two entities of a domain,
 * as every resource's data hook or menu is. A renamed copy renames its names each its own way (`items` ->
 * `rows`, `total` -> `sum`).
 */
export function entitySiblings(renamed: ReadonlyArray<readonly [string, string]>): boolean {
  if (renamed.length < 2) return false;
  const swaps = new Map<string, number>();
  for (const [x, y] of renamed) {
    const a = wordsOf(x);
    const b = wordsOf(y);
    const out = a.filter((w) => !b.includes(w));
    const into = b.filter((w) => !a.includes(w));
    if (!out.length || !into.length) continue;
    const key = `${[...new Set(out)].sort().join(' ')}>${[...new Set(into)].sort().join(' ')}`;
    swaps.set(key, (swaps.get(key) ?? 0) + 1);
  }
  const top = Math.max(0, ...swaps.values());
  return top >= 2 && top * 2 >= renamed.length;
}

/** What the alignment of two units' abstracted streams shows. */
export interface Alignment {
  /** [name in a, name in b] of the identifiers a consistently names differently, in order of first appearance */
  renamed: Array<[string, string]>;
  /** how many of them are renamed at two or more places (a statement's change aligns stray names once) */
  renamedTwice: number;
  /** aligned literals (strings, numbers, templates, JSX text) and how many of them are equal */
  literals: number;
  sameLiterals: number;
}

const NAMES = new WeakMap<UnitDoc, Map<number, string>>();
/** A file's identifier names by their token hash (built once per file). */
function namesOf(d: UnitDoc): Map<number, string> {
  let m = NAMES.get(d);
  if (!m) {
    m = new Map();
    for (const name of d.names) m.set(hash32(name), name);
    NAMES.set(d, m);
  }
  return m;
}

const LITERALS = new Set<number>([SHAPE.str, SHAPE.num, SHAPE.tpl, SHAPE.text]);

/** Aligns two units by the longest common subsequence of their abstracted streams (full table, traced back). */
export function align(da: UnitDoc, ua: Unit, db: UnitDoc, ub: Unit): Alignment {
  const la = ua.end - ua.start;
  const lb = ub.end - ub.start;
  const sa = da.shape.subarray(ua.start, ua.end);
  const sb = db.shape.subarray(ub.start, ub.end);
  const { table, at } = suffixTable(sa, sb);
  // identifier pairs with their counts: a name's partner is the one it is aligned with most
  const pairs = new Map<number, Map<number, number>>();
  const order: number[] = [];
  let literals = 0,
    sameLiterals = 0;
  let i = 0,
    j = 0;
  while (i < la && j < lb) {
    if (sa[i] === sb[j]) {
      const ta = da.tokens[ua.start + i]!;
      const tb = db.tokens[ub.start + j]!;
      if (sa[i] === SHAPE.id) {
        const m = pairs.get(ta) ?? (order.push(ta), pairs.set(ta, new Map()).get(ta)!);
        m.set(tb, (m.get(tb) ?? 0) + 1);
      } else if (LITERALS.has(sa[i]!)) {
        literals++;
        if (ta === tb) sameLiterals++;
      }
      i++;
      j++;
    } else if (table[at(i + 1, j)]! >= table[at(i, j + 1)]!) i++;
    else j++;
  }
  const namesA = namesOf(da);
  const namesB = namesOf(db);
  const renamed: Array<[string, string]> = [];
  let renamedTwice = 0;
  for (const ta of order) {
    const [tb, n] = [...pairs.get(ta)!].reduce((best, e) => (e[1] > best[1] ? e : best));
    const x = namesA.get(ta);
    const y = namesB.get(tb);
    if (ta !== tb && x && y) {
      renamed.push([x, y]);
      if (n >= 2) renamedTwice++;
    }
  }
  return { renamed, renamedTwice, literals, sameLiterals };
}

/** A short stable digest of a token range (the clone's normalised content). */
export function digest(tokens: Uint32Array, start: number, end: number): string {
  let h1 = 0x811c9dc5,
    h2 = 0x12345678;
  for (let i = start; i < end; i++) {
    h1 = Math.imul(h1 ^ tokens[i]!, 0x01000193);
    h2 = Math.imul(h2 ^ tokens[i]!, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return `${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}`;
}
