// Renamed and near-miss copies (type-2 and type-3 clones) for copied-code: whole functions, methods and
// components compared by their abstracted token streams (identifiers and literals as placeholders, see
// facts/clone-tokens/shape.ts). Candidates share winnowed k-grams of the abstracted stream (SourcererCC's
// filtering idea); each candidate pair is verified by the longest common subsequence of the two streams,
// which tolerates inserted, deleted and changed statements, and is aligned to name the identifiers that differ.
// Each unit is compared through its view (UnitView): the `: sum` of `{ total: sum }` left out, as a copy that
// renames `total` must spell a shorthand `{ total }` so, and a second stream with member names as their text.
import { factsOf } from '../../facts.js';
import type { FileFacts } from '../../facts.js';
import { extractor as cloneTokens } from '../../facts/clone-tokens.js';
import { decodeBits, SHAPE } from '../../facts/clone-tokens/shape.js';
import { hash32 } from '../../facts/components.js';
import { extractor as structure } from '../../facts/structure.js';

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
  /** the file's facts, whose clone tokens mark member names and elided tokens (see Marks in facts/clone-tokens/shape.ts) */
  readonly facts?: FileFacts;
}

/**
 * A unit as renamed-copy matching compares it, elided tokens left out: its abstracted stream, the same with
 * member names as their text (`members`: whose k-grams tell a copy from a sibling of a common shell, see
 * findNearPairs) and its exact tokens.
 */
export interface UnitView {
  shape: Uint32Array;
  members: Uint32Array;
  tokens: Uint32Array;
}

const MARKS = new WeakMap<UnitDoc, { members: Uint8Array; elided: Uint8Array } | null>();
const VIEWS = new WeakMap<Unit, UnitView>();

/** The member and elided marks of a file's tokens (null when its facts have none: every token is compared by its shape). */
function marksOf(d: UnitDoc): { members: Uint8Array; elided: Uint8Array } | null {
  let m = MARKS.get(d);
  if (m === undefined) {
    const t = d.facts ? factsOf(d.facts, cloneTokens) : undefined;
    m = t && (t.members || t.elided) ? { members: decodeBits(t.members, t.count), elided: decodeBits(t.elided, t.count) } : null;
    MARKS.set(d, m);
  }
  return m;
}

/** The view of a unit (see UnitView), kept per unit object for the run. */
export function unitView(d: UnitDoc, u: Unit): UnitView {
  let v = VIEWS.get(u);
  if (v) return v;
  const marks = marksOf(d);
  if (!marks) {
    const shape = d.shape.subarray(u.start, u.end);
    v = { shape, members: shape, tokens: d.tokens.subarray(u.start, u.end) };
  } else {
    const shape: number[] = [];
    const members: number[] = [];
    const tokens: number[] = [];
    for (let i = u.start; i < u.end; i++) {
      if (marks.elided[i]) continue;
      shape.push(d.shape[i]!);
      members.push(marks.members[i] ? d.tokens[i]! : d.shape[i]!);
      tokens.push(d.tokens[i]!);
    }
    v = { shape: Uint32Array.from(shape), members: Uint32Array.from(members), tokens: Uint32Array.from(tokens) };
  }
  VIEWS.set(u, v);
  return v;
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
 * A pair below minRareShared (a small unit, or one mostly of a common shell) still pairs when it shares at
 * least this many rare k-grams and this share of the rarer unit's own (all the structure it has beyond the
 * shell is the same; counted also with member names, which a copy keeps and a sibling over other fields does
 * not), it aligns at least MIN_KEPT_LITERALS literals and keeps every one (an entity's sibling has its own
 * URLs, keys and labels), and it is either a renamed copy (abstracted streams this similar, names not one
 * entity's swapped for another's, see entitySiblings) or a copy with a few statements changed and no name
 * renamed twice.
 */
const MIN_RARE_ALL = 3;
/** A unit with fewer than this many × minRareShared rare k-grams (without member names) is mostly a shell: it also pairs by the k-grams with member names. */
const SHELL_RARE = 2;
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
function structured(shape: Uint32Array): boolean {
  const g = grams(shape, 0, shape.length, 4);
  const distinct = new Set(g).size;
  return distinct >= MIN_DISTINCT_SHAPES && distinct >= MIN_DISTINCT_SHARE * g.length;
}

/** The distinct winnowed k-grams of a unit (the minimum of every window of W). */
function sketch(shape: Uint32Array): Set<number> {
  const g = grams(shape, 0, shape.length, K);
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

/** How many rare k-grams (in at most `max` units) each pair of units shares, keyed a * n + b, and each unit's rare k-grams. */
function sharedGrams(
  sketches: ReadonlyArray<Set<number>>,
  ok: readonly boolean[],
  max: number,
): { shared: Map<number, number>; informative: Uint32Array } {
  const n = sketches.length;
  const index = new Map<number, number[]>();
  sketches.forEach((s, i) => {
    for (const h of s) {
      const list = index.get(h);
      if (!list) index.set(h, [i]);
      else if (list.length <= max) list.push(i);
    }
  });
  const shared = new Map<number, number>();
  // the k-grams of a unit that are not boilerplate: candidates share enough of these
  const informative = new Uint32Array(n);
  for (const list of index.values()) {
    if (list.length > max) continue;
    for (const u of list) informative[u] = informative[u]! + 1;
    if (list.length < 2) continue;
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        if (!ok[list[i]!] || !ok[list[j]!]) continue;
        const key = list[i]! * n + list[j]!;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
  }
  return { shared, informative };
}

/** A unit with little rare structure (a small one, or one mostly of a common shell) shares all of it: MIN_RARE_ALL k-grams and MIN_RARE_ALL_SHARE of its own. */
function sharesRare(g: { informative: Uint32Array }, a: number, b: number, count: number, least: number): boolean {
  const own = Math.min(g.informative[a]!, g.informative[b]!);
  return count >= MIN_RARE_ALL && count >= MIN_RARE_ALL_SHARE * own && count >= 0.5 * least * own;
}

/**
 * Unit pairs (indexes into `units`) whose abstracted streams have at least `minSimilarity` of the larger
 * one in common, in order. Units in one file that nest are never a pair.
 */
export function findNearPairs(docs: readonly UnitDoc[], units: readonly Unit[], options: NearOptions): NearPair[] {
  // every unit (10+ lines) counts towards how common a k-gram is; only units of minLines with structure pair
  const sized = units.map((u) => u.end - u.start >= options.minTokens && u.end - u.start <= MAX_UNIT_TOKENS);
  const views = units.map((u, i) => (sized[i] ? unitView(docs[u.doc]!, u) : null));
  const ok = units.map((u, i) => sized[i]! && u.endLine - u.line + 1 >= options.minLines && structured(views[i]!.shape));
  const n = units.length;
  const plain = sharedGrams(
    views.map((v) => (v ? sketch(v.shape) : new Set<number>())),
    ok,
    options.maxUnitsPerGram,
  );
  // the same with member names: a framework's shell (`.input(…).query(async ({ input, ctx }) => …)`) is common,
  // the fields and services a unit reads through it (`input.documentId`, `ctx.prisma.webhook`) are its own
  // (only units mostly of a shell, with fewer than SHELL_RARE rare k-grams of their own without member names,
  // pair through these: a unit with more pairs with its copies without them)
  const members = sharedGrams(
    views.map((v) => (v ? sketch(v.members) : new Set<number>())),
    ok.map((o, i) => o && plain.informative[i]! < SHELL_RARE * options.minRareShared),
    options.maxUnitsPerGram,
  );
  const pairs: NearPair[] = [];
  for (const key of new Set([...plain.shared.keys(), ...members.shared.keys()])) {
    const a = Math.floor(key / n);
    const b = key % n;
    const ua = units[a]!;
    const ub = units[b]!;
    if (ua.doc === ub.doc && ua.start < ub.end && ub.start < ua.end) continue;
    const va = views[a]!;
    const vb = views[b]!;
    const la = va.shape.length;
    const lb = vb.shape.length;
    const least = Math.min(options.minSimilarity, options.minEditedSimilarity);
    if (Math.min(la, lb) < least * Math.max(la, lb)) continue;
    // verbatim copies are paired below whatever their size and shape; a variant needs size and rare structure
    if (Math.max(la, lb) < options.minNearTokens) continue;
    // a shell's structure alone does not make a pair: it shares rare structure, all of it when it has little
    // (with member names, the structure a renamed copy of a shell keeps: see sharesRare)
    const count = plain.shared.get(key) ?? 0;
    const rare = count >= options.minRareShared && count >= 0.5 * least * Math.min(plain.informative[a]!, plain.informative[b]!);
    if (!rare && !sharesRare(plain, a, b, count, least) && !sharesRare(members, a, b, members.shared.get(key) ?? 0, least)) continue;
    const sa = va.shape;
    const sb = vb.shape;
    // the tokens in common regardless of order bound the common subsequence: a cheap test first
    if (bagOverlap(sa, sb) < least * Math.max(la, lb)) continue;
    const similarity = lcsLength(sa, sb) / Math.max(la, lb);
    if (similarity < least) continue;
    const edited = () =>
      lcsLength(va.tokens, vb.tokens) / Math.max(la, lb) >= options.minEditedSimilarity && edits(va.tokens, vb.tokens) <= MAX_EDITS;
    if (similarity < options.minSimilarity && !edited()) continue;
    // a copy keeps most of its literals (class names, keys, messages); two forms or two tables that only
    // share a layout do not
    const { literals, sameLiterals, renamed, renamedTwice } = align(docs[ua.doc]!, ua, docs[ub.doc]!, ub);
    if (literals >= MIN_LITERALS && sameLiterals < MIN_SAME_LITERALS * literals) continue;
    // a copy with statements changed keeps its names: one that also renames is another implementation of
    // the same steps (a storage provider, a job queue, a decoder beside its encoder)
    if (similarity < options.minSimilarity && renamedTwice > 0) continue;
    // a common shell filled in for another entity (`useBounty` and `useCommission`) is a sibling, not a copy
    // (their own names count: `getDocumentRecipient` -> `getTemplateRecipient` with `DOCUMENT` -> `TEMPLATE`)
    const names: Array<[string, string]> = ua.name !== ub.name ? [...renamed, [ua.name, ub.name]] : renamed;
    if (!rare && (literals < MIN_KEPT_LITERALS || sameLiterals < literals)) continue;
    // ...and so is a renamed copy of all of it, or a copy of it with a few statements changed and no name changed twice
    // (the same unit, its name kept, with at most a stray name per edit: not another route of the same shell
    // calling another service, nor another provider's implementation of the same steps)
    const copyOfShell =
      !entitySiblings(names) &&
      (similarity >= MIN_SHELL_SIMILARITY ||
        (ua.name === ub.name && renamedTwice === 0 && renamed.length <= MAX_EDITS && (similarity < options.minSimilarity || edited())));
    if (!rare && !copyOfShell) continue;
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
  // a copy renaming only the names it binds is one however common its shape (a route handler of a shared shell)
  const eligible = ok.map((o, i) => o && views[i]!.shape.length >= options.minTokens);
  pairs.push(...renamedCopies(docs, units, views as UnitView[], eligible, new Set(pairs.map((p) => p.a * n + p.b))));
  return pairs;
}

/**
 * A unit's stream with the names it binds numbered by their first appearance (Baker's parameterized match):
 * members (properties, keys, JSX attributes), literals and drawings keep their text, so two units with the
 * same digest are one code with its own names renamed consistently. (A template literal keeps only its
 * shape: a renamed name inside `${…}` changes its text; see renamedCopies.)
 */
function boundDigest(v: UnitView): string {
  const order = new Map<number, number>();
  const out = new Uint32Array(v.shape.length);
  for (let i = 0; i < out.length; i++) {
    const s = v.shape[i]!;
    if (s !== SHAPE.id) out[i] = s === SHAPE.tpl ? s : v.tokens[i]!;
    else if (v.members[i] !== s) out[i] = v.members[i]!;
    else {
      const t = v.tokens[i]!;
      if (!order.has(t)) order.set(t, order.size + 1);
      out[i] = (Math.imul(order.get(t)!, 0x9e3779b1) ^ SHAPE.id) >>> 0;
    }
  }
  return digest(out, 0, out.length);
}

const OUTSIDE = new WeakMap<UnitDoc, Set<string>>();
/** The local names of a file's imports and its top-level functions: what a unit calls outside itself. */
function calledNames(d: UnitDoc): Set<string> {
  let s = OUTSIDE.get(d);
  if (!s) {
    const facts = d.facts ? factsOf(d.facts, structure) : undefined;
    const functions = (facts?.declarations ?? []).filter((x) => x.kind === 'function').map((x) => x.name);
    s = new Set([...(facts?.imports ?? []).flatMap((i) => i.names.map((x) => x.local)), ...functions]);
    OUTSIDE.set(d, s);
  }
  return s;
}

/**
 * Renamed copies (see boundDigest) among the eligible units: their streams align token for token. Units of
 * one shell that call other imported services or other functions of their files (`getEventDataFields` and
 * `getEventDataValues` in two route handlers, `applyDedupKey` and `reviewApplyDedupKey`) align those names as
 * renamed: no copy; nor are units whose names are one entity's swapped for another's (see entitySiblings).
 */
function renamedCopies(
  docs: readonly UnitDoc[],
  units: readonly Unit[],
  views: readonly UnitView[],
  eligible: readonly boolean[],
  found: ReadonlySet<number>,
): NearPair[] {
  const n = units.length;
  const groups = new Map<string, number[]>();
  units.forEach((_, i) => {
    if (!eligible[i]) return;
    const key = boundDigest(views[i]!);
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(i);
  });
  const pairs: NearPair[] = [];
  for (const same of groups.values())
    for (let i = 0; i < same.length; i++)
      for (let j = i + 1; j < same.length; j++) {
        const [a, b] = [same[i]!, same[j]!];
        const [ua, ub] = [units[a]!, units[b]!];
        if (found.has(a * n + b) || (ua.doc === ub.doc && ua.start < ub.end && ub.start < ua.end)) continue;
        const [da, db] = [docs[ua.doc]!, docs[ub.doc]!];
        const { renamed, literals, sameLiterals } = align(da, ua, db, ub);
        if (literals >= MIN_LITERALS && sameLiterals < MIN_SAME_LITERALS * literals) continue;
        if (entitySiblings(ua.name !== ub.name ? [...renamed, [ua.name, ub.name]] : renamed)) continue;
        // a template literal changes with the names in it: one that changes with fewer than two names renamed is
        // another URL, key or query (`FROM "TagEngagement"` beside `FROM "UserEngagement"`, one type renamed)
        const [va, vb] = [views[a]!, views[b]!];
        const templates = va.shape.some((s, k) => s === SHAPE.tpl && va.tokens[k] !== vb.tokens[k]);
        if (templates && renamed.filter(([x]) => x !== ua.name).length < 2) continue;
        const calls = renamed.filter(([x, y]) => x !== ua.name && y !== ub.name);
        if (calls.some(([x, y]) => calledNames(da).has(x) || calledNames(db).has(y))) continue;
        pairs.push({ a, b, similarity: 1 });
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

/** Aligns two units by the longest common subsequence of their streams (a table traced back; one shape aligns as is). */
export function align(da: UnitDoc, ua: Unit, db: UnitDoc, ub: Unit): Alignment {
  const va = unitView(da, ua);
  const vb = unitView(db, ub);
  const sa = va.shape;
  const sb = vb.shape;
  const la = sa.length;
  const lb = sb.length;
  const { table, at } = la === lb && sa.every((x, k) => x === sb[k]) ? { table: sa, at: () => 0 } : suffixTable(sa, sb);
  // identifier pairs with their counts: a name's partner is the one it is aligned with most
  const pairs = new Map<number, Map<number, number>>();
  const order: number[] = [];
  let literals = 0,
    sameLiterals = 0;
  let i = 0,
    j = 0;
  while (i < la && j < lb) {
    if (sa[i] === sb[j]) {
      const ta = va.tokens[i]!;
      const tb = vb.tokens[j]!;
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
