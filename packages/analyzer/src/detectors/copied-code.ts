import { designSystemOf, isDesignSystemFile } from '@plumbline/core';
import type { CheckSettings, RuleMeta } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DraftFinding } from '../detector.js';
import { factsOf } from '../facts.js';
import type { FileFacts } from '../facts.js';
import { decodeLines, decodeTokens, extractor as cloneTokens } from '../facts/clone-tokens.js';
import type { CloneTokenFacts, TokenLines } from '../facts/clone-tokens.js';
import { hash32 } from '../facts/components.js';
import { extractor as structure } from '../facts/structure.js';
import { digest, findNearPairs, NEAR_DEFAULTS } from './shared/near-copies.js';
import type { Unit, UnitDoc } from './shared/near-copies.js';
import { nearClasses, nearFinding } from './shared/near-classes.js';
import type { NearClass } from './shared/near-classes.js';

export interface Options {
  /** smallest clone, in tokens */
  minTokens: number;
  /** smallest clone, in lines */
  minLines: number;
}

/** PMD CPD's and SonarQube's 100 tokens: jscpd's 50 mostly finds framework boilerplate (route handler heads, SVG wrappers). */
const DEFAULTS: Options = { minTokens: 100, minLines: 5 };
/** k-gram length of the winnowing fingerprints; the window is minTokens - K + 1, so every clone of minTokens is seen. */
const K = 16;
/** Pieces of one copied region cut apart by a small edit (a renamed line, an added prop) are one region up to this many lines apart. */
const MAX_GAP_LINES = 5;
/**
 * Files whose copies are kept on purpose: database migrations (each freezes the schema of its version),
 * framework entry files (`entry.server.tsx`, `entry.client.tsx`: each app spells its own), and standalone
 * config files (`eslint.config.mjs`, `vite.config.ts`: each must be complete where it lies).
 */
const KEPT_FILES = /(^|\/)(migrations?\/|entry\.(server|client|worker)\.[cm]?[jt]sx?$|[^/]*\.config\.[cm]?[jt]s$)/;
/** Database dialects: sibling schema files per dialect (`mysql.ts`, `postgresql.ts`) are parallel by design. */
const DIALECT = /^(mysql|mariadb|postgres|postgresql|pg|sqlite|mssql|sqlserver|cockroach|cockroachdb|libsql|singlestore|planetscale)$/i;
/** Email templates (react-email and the like): each email is a standalone document; only verbatim copies between them count. */
const EMAIL_TEMPLATES = /(^|\/)e-?mails?\/(.*\/)?[^/]+\.[jt]sx$/;
/** Tokens that close the statement before a copy: a copy starts at a statement, not at the `});` ending another. */
const CLOSERS = new Set(['}', ')', ']', ';', ','].map(hash32));
/** k-grams seen in more places than this are boilerplate (license headers, common JSX); they start no match. */
const MAX_OCCURRENCES = 60;

export const meta: RuleMeta = {
  id: 'copied-code',
  category: 'duplication',
  description: 'Reports blocks of code copied in two or more places, grouped into one finding per clone class.',
  defaultEffortMinutes: 15,
  defaultSeverity: 'warning',
  preset: 'strict',
  scope: 'project',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      minTokens: { type: 'integer', minimum: 20, description: 'Smallest clone reported, in tokens (default 100; jscpd uses 50).' },
      minLines: { type: 'integer', minimum: 1, description: 'Smallest clone reported, in lines (default 5, as jscpd).' },
    },
  },
};

/** The winnowed fingerprints of a token sequence: the picked k-gram hashes and where each starts. */
export interface Fingerprints {
  hashes: Uint32Array;
  positions: Uint32Array;
}

/** A file's tokens, decoded when first needed (most files share no fingerprint with another). */
class Doc implements UnitDoc {
  private decoded?: Uint32Array;
  private decodedShape?: Uint32Array;
  private lineInfo?: TokenLines;
  constructor(
    readonly facts: FileFacts,
    private readonly t: CloneTokenFacts,
  ) {}
  get length(): number {
    return this.t.count;
  }
  get tokens(): Uint32Array {
    return (this.decoded ??= decodeTokens(this.t));
  }
  /** the abstracted stream (type-2 and type-3 matching) */
  get shape(): Uint32Array {
    return (this.decodedShape ??= decodeTokens(this.t, 'shape'));
  }
  get names(): readonly string[] {
    return this.t.names ?? [];
  }
  /** the file's named functions, methods and components */
  units(doc: number): Unit[] {
    const r = this.t.units ?? [];
    const out: Unit[] = [];
    for (let i = 0; i < r.length; i += 2) {
      const start = r[i]!;
      const end = r[i + 1]!;
      out.push({ doc, start, end, name: this.t.unitNames?.[i / 2] ?? '', line: this.lines[start]!, endLine: this.lines[end - 1]! });
    }
    return out;
  }
  get lines(): Uint32Array {
    return (this.lineInfo ??= decodeLines(this.t)).line;
  }
  /** [first, last] line pairs of comments saying a copy is deliberate */
  get deliberate(): readonly number[] {
    return this.t.deliberate ?? [];
  }
  get columns(): Map<number, [number, number]> {
    return (this.lineInfo ??= decodeLines(this.t)).columns;
  }
  /** kept with the file version's facts: the snapshots of `trend` share most of them */
  fingerprints(k: number, w: number): Fingerprints {
    const key = `${k},${w}`;
    const kept = FINGERPRINTS.get(this.t);
    if (kept?.key === key) return kept.fp;
    const fp = fingerprintsOf(this.tokens, k, w);
    FINGERPRINTS.set(this.t, { key, fp });
    return fp;
  }
}
const FINGERPRINTS = new WeakMap<CloneTokenFacts, { key: string; fp: Fingerprints }>();

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

function fingerprintsOf(tokens: Uint32Array, k: number, w: number): Fingerprints {
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

/** A clone class: fragments of several places that are copies of each other. */
export interface CloneClass {
  members: Fragment[];
}

/**
 * Groups clone pairs into N-way classes: fragments connected by a pair, or overlapping by at least half
 * of the smaller one in the same file, are one class; a class's fragments in one file are merged.
 */
export function groupClasses(pairs: readonly ClonePair[]): CloneClass[] {
  const frags: Fragment[] = [];
  const parent: number[] = [];
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  const union = (a: number, b: number) => {
    const ra = find(a),
      rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (const p of pairs) {
    const ia = frags.push(p.a) - 1;
    parent.push(ia);
    const ib = frags.push(p.b) - 1;
    parent.push(ib);
    union(ia, ib);
  }
  const byDoc = new Map<number, number[]>();
  frags.forEach((f, i) => (byDoc.get(f.doc) ?? byDoc.set(f.doc, []).get(f.doc)!).push(i));
  for (const ids of byDoc.values()) {
    ids.sort((x, y) => frags[x]!.start - frags[y]!.start);
    for (let i = 0; i < ids.length; i++) {
      const a = frags[ids[i]!]!;
      for (let j = i + 1; j < ids.length; j++) {
        const b = frags[ids[j]!]!;
        if (b.start >= a.end) break;
        const overlap = Math.min(a.end, b.end) - b.start;
        if (overlap * 2 >= Math.min(a.end - a.start, b.end - b.start)) union(ids[i]!, ids[j]!);
      }
    }
  }
  const classes = new Map<number, Fragment[]>();
  frags.forEach((f, i) => (classes.get(find(i)) ?? classes.set(find(i), []).get(find(i))!).push(f));
  const out: CloneClass[] = [];
  for (const fs of classes.values()) {
    fs.sort((a, b) => a.doc - b.doc || a.start - b.start);
    const merged: Fragment[] = [];
    for (const f of fs) {
      const last = merged[merged.length - 1];
      if (last && last.doc === f.doc && f.start < last.end) last.end = Math.max(last.end, f.end);
      else merged.push({ ...f });
    }
    if (merged.length >= 2) out.push({ members: merged });
  }
  return out;
}

/**
 * Joins the pieces of one copied region: a class whose every copy (at least two) ends at most `maxGap`
 * lines before a copy of another class starts, in the same files, is one region with it (the copies were
 * cut apart by a small edit). A joined class keeps every place of both; in each file, pieces that follow
 * each other become one copy.
 */
export function mergeAdjacent(
  classes: readonly CloneClass[],
  lineOf: (doc: number, token: number) => number,
  maxGap: number,
): CloneClass[] {
  const parent = classes.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  const next = (x: Fragment, y: Fragment) =>
    x.doc === y.doc && y.start >= x.end && lineOf(y.doc, y.start) - lineOf(x.doc, x.end - 1) - 1 <= maxGap;
  // X then Y: every copy of the smaller class continues (or is continued) in the other
  const follows = (X: CloneClass, Y: CloneClass) => {
    const matched = X.members.filter((x) => Y.members.some((y) => next(x, y))).length;
    return matched >= 2 && matched >= Math.min(X.members.length, Y.members.length);
  };
  const byDoc = new Map<number, number[]>();
  classes.forEach((c, i) => {
    for (const d of new Set(c.members.map((m) => m.doc))) (byDoc.get(d) ?? byDoc.set(d, []).get(d)!).push(i);
  });
  const tried = new Set<string>();
  for (const ids of byDoc.values()) {
    for (const i of ids) {
      for (const j of ids) {
        if (i >= j || tried.has(`${i},${j}`)) continue;
        tried.add(`${i},${j}`);
        if (follows(classes[i]!, classes[j]!) || follows(classes[j]!, classes[i]!)) parent[find(Math.max(i, j))] = find(Math.min(i, j));
      }
    }
  }
  const groups = new Map<number, Array<Fragment & { from: number }>>();
  classes.forEach((c, i) =>
    (groups.get(find(i)) ?? groups.set(find(i), []).get(find(i))!).push(...c.members.map((m) => ({ ...m, from: i }))),
  );
  return [...groups.values()].map((fs) => {
    fs.sort((a, b) => a.doc - b.doc || a.start - b.start);
    const members: Array<Fragment & { from: number }> = [];
    for (const f of fs) {
      const last = members[members.length - 1];
      // pieces of two joined classes follow each other; two copies of one class in a file stay two copies
      if (last && last.doc === f.doc && (f.start < last.end || (f.from !== last.from && next(last, f)))) {
        last.end = Math.max(last.end, f.end);
        last.from = f.from;
      } else members.push({ ...f });
    }
    return { members: members.map(({ doc, start, end }) => ({ doc, start, end })) };
  });
}

/**
 * Copies that must stay: one beside a comment saying so ("inlined rather than shared"), and parallel
 * per-dialect schema files (`mysql.ts`, `postgresql.ts`, `sqlite.ts` that import different dialect builders).
 */
function keptOnPurpose(c: CloneClass, docs: readonly Doc[]): boolean {
  const explained = c.members.some((m) => {
    const d = docs[m.doc]!;
    const from = d.lines[m.start]! - 3;
    const to = d.lines[m.end - 1]!;
    const marks = d.deliberate;
    for (let i = 0; i < marks.length; i += 2) if (marks[i + 1]! >= from && marks[i]! <= to) return true;
    return false;
  });
  if (explained) return true;
  const dialectOf = (path: string) =>
    path
      .replace(/^.*\//, '')
      .replace(/\.[^.]+$/, '')
      .split(/[.\-_]/)
      .find((p) => DIALECT.test(p))
      ?.toLowerCase();
  const files = [...new Set(c.members.map((m) => docs[m.doc]!.facts))];
  const dialects = files.map((f) => dialectOf(f.path));
  if (files.length < 2 || dialects.some((d) => !d) || new Set(dialects).size < files.length) return false;
  const imports = files.map((f) =>
    (factsOf(f, structure)?.imports ?? [])
      .map((i) => i.specifier)
      .sort()
      .join('\n'),
  );
  return new Set(imports).size > 1;
}

interface Clones {
  docs: Doc[];
  classes: CloneClass[];
  /** renamed and near-miss copies of whole units that no exact class already holds */
  near: NearClass[];
}
const CLASSES = new WeakMap<readonly FileFacts[], { key: string; value: Clones }>();

/** The copied regions of a run's files (computed once per run: component-family asks for them too). */
function cloneClasses(files: readonly FileFacts[], options: Options, settings: CheckSettings): Clones {
  const key = `${options.minTokens},${options.minLines}`;
  const kept = CLASSES.get(files);
  if (kept?.key === key) return kept.value;
  const minTokens = Math.max(20, options.minTokens);
  const docs: Doc[] = [];
  for (const f of files) {
    const t = factsOf(f, cloneTokens);
    // a file below minTokens can still hold a unit with a copy elsewhere (findClonePairs skips it itself)
    if (!t || t.count < Math.min(minTokens, NEAR_DEFAULTS.minTokens) || f.isTestFile || KEPT_FILES.test(f.path)) continue;
    docs.push(new Doc(f, t));
  }
  const pairs = findClonePairs(docs, minTokens);
  const lineSpan = (f: Fragment) => docs[f.doc]!.lines[f.end - 1]! - docs[f.doc]!.lines[f.start]! + 1;
  // whole lines only: a copy that starts or ends mid-line (`}` then the next statement's `export`) is cut to the lines it covers
  const trim = (f: Fragment): Fragment | null => {
    const L = docs[f.doc]!.lines;
    const T = docs[f.doc]!.tokens;
    let { start, end } = f;
    while (start < end && CLOSERS.has(T[start]!)) start++;
    while (start < end && start > 0 && L[start - 1] === L[start]) start++;
    while (end > start && end < L.length && L[end] === L[end - 1]) end--;
    return end - start >= minTokens * 0.8 && L[end - 1]! - L[start]! + 1 >= options.minLines ? { doc: f.doc, start, end } : null;
  };
  const pieces = groupClasses(pairs.filter((p) => lineSpan(p.a) >= options.minLines && lineSpan(p.b) >= options.minLines))
    .map((c) => ({ members: c.members.map(trim).filter((m): m is Fragment => m !== null) }))
    .filter((c) => c.members.length >= 2);
  const classes = mergeAdjacent(pieces, (d, t) => docs[d]!.lines[t]!, MAX_GAP_LINES).filter(
    (c) => c.members.length >= 2 && !keptOnPurpose(c, docs),
  );
  // a design system's primitives mirror each other by design (prev/next, one item per menu kind), and each
  // email template is a standalone document: renamed variants among them are not copies to extract (a
  // variant of one of them elsewhere is)
  const ds = designSystemOf(settings);
  const kind = (u: Unit) => {
    const path = docs[u.doc]!.facts.path;
    return EMAIL_TEMPLATES.test(path) ? 'email' : ds && isDesignSystemFile(ds, path) ? 'design system' : null;
  };
  const units = docs.flatMap((d, i) => (d.shape.length === d.length ? d.units(i) : []));
  const nearPairs = findNearPairs(docs, units, NEAR_DEFAULTS).filter(
    (p) => kind(units[p.a]!) === null || kind(units[p.a]!) !== kind(units[p.b]!),
  );
  const near = nearClasses(docs, units, nearPairs, classes, NEAR_DEFAULTS.minSimilarity).filter(
    (c) => !keptOnPurpose({ members: c.units }, docs),
  );
  const value = { docs, classes, near };
  CLASSES.set(files, { key, value });
  return value;
}

/** Lines holding code inside any copy of any class (each line once, however many classes hold it). */
function linesInCopies(docs: readonly Doc[], classes: readonly CloneClass[], near: readonly NearClass[]): number {
  const byDoc = new Map<number, Set<number>>();
  const add = (doc: number, from: number, to: number) => {
    const seen = byDoc.get(doc) ?? byDoc.set(doc, new Set()).get(doc)!;
    const code = docs[doc]!.columns;
    for (let l = from; l <= to; l++) if (code.has(l)) seen.add(l);
  };
  for (const c of classes) for (const m of c.members) add(m.doc, docs[m.doc]!.lines[m.start]!, docs[m.doc]!.lines[m.end - 1]!);
  for (const c of near) for (const u of c.units) add(u.doc, u.line, u.endLine);
  let n = 0;
  for (const lines of byDoc.values()) n += lines.size;
  return n;
}

/** A copied region in one file: its path and lines. */
export interface CopiedPlace {
  path: string;
  line: number;
  endLine: number;
}

/** The copied regions copied-code reports for a run's files, each with all its places. */
export function copiedRegions(files: readonly FileFacts[], options: Partial<Options> = {}, settings: CheckSettings = {}): CopiedPlace[][] {
  const { docs, classes, near } = cloneClasses(files, { ...DEFAULTS, ...options }, settings);
  return [
    ...classes.map((c) =>
      c.members.map((m) => ({
        path: docs[m.doc]!.facts.path,
        line: docs[m.doc]!.lines[m.start]!,
        endLine: docs[m.doc]!.lines[m.end - 1]!,
      })),
    ),
    ...near.map((c) => c.units.map((u) => ({ path: docs[u.doc]!.facts.path, line: u.line, endLine: u.endLine }))),
  ];
}

export const detector = defineDetector({
  id: meta.id,
  rules: [meta],
  detect(ctx) {
    const options = ctx.options<Options>('copied-code', DEFAULTS);
    const { docs, classes, near } = cloneClasses(ctx.files, options, ctx.settings);
    const lineSpan = (f: Fragment) => docs[f.doc]!.lines[f.end - 1]! - docs[f.doc]!.lines[f.start]! + 1;
    const findings: DraftFinding[] = [];
    let duplicatedLines = 0;
    let duplicatedTokens = 0;
    let classesCount = 0;
    for (const cls of classes) {
      const byPath = (x: Fragment, y: Fragment) => {
        const px = docs[x.doc]!.facts.path,
          py = docs[y.doc]!.facts.path;
        return px < py ? -1 : px > py ? 1 : x.start - y.start;
      };
      // reported at the largest copy (content decides, not paths); the others follow in path order
      const sorted = [...cls.members].sort(byPath);
      const first = sorted.reduce((best, m) => (m.end - m.start > best.end - best.start ? m : best), sorted[0]!);
      const members = [first, ...sorted.filter((m) => m !== first)];
      const doc = docs[first.doc]!;
      const lines = lineSpan(first);
      const tokens = first.end - first.start;
      const startLine = doc.lines[first.start]!;
      const endLine = doc.lines[first.end - 1]!;
      classesCount++;
      for (const m of members.slice(1)) {
        duplicatedLines += lineSpan(m);
        duplicatedTokens += m.end - m.start;
      }
      const n = members.length;
      const others = members.slice(1).map((m) => `${docs[m.doc]!.facts.path}:${docs[m.doc]!.lines[m.start]!}`);
      const spans = members.map(lineSpan);
      const lo = Math.min(...spans),
        hi = Math.max(...spans);
      const where = `here and ${others.slice(0, 4).join(', ')}${others.length > 4 ? ` and ${others.length - 4} more` : ''}`;
      findings.push({
        ruleId: 'copied-code',
        file: doc.facts.path,
        line: startLine,
        column: doc.columns.get(startLine)?.[0] ?? 1,
        endLine,
        endColumn: doc.columns.get(endLine)?.[1] ?? 1,
        message:
          hi - lo <= Math.max(2, lo * 0.2)
            ? `${lines} lines (${tokens} tokens) are copied in ${n} places: ${where}. Extract the code once and reuse it.`
            : `${lines} lines (${tokens} tokens) are copied, whole or in part (${lo}-${hi} lines), in ${n} places: ${where}. Extract the code once and reuse it.`,
        fingerprintCode: `clone:${digest(doc.tokens, first.start, first.end)}:${n}`,
        // a class's identity is its code and its size, not which copy is reported: moving or renaming a file
        // that holds a copy changes nothing; one more copy is a new fingerprint
        symbolPath: '',
        related: members.slice(1).map((m, i) => {
          const d = docs[m.doc]!;
          const s = d.lines[m.start]!;
          const e = d.lines[m.end - 1]!;
          return {
            file: d.facts.path,
            line: s,
            message: `copy ${i + 2} of ${n}: lines ${s}-${e} (${e - s + 1} lines, ${m.end - m.start} tokens)`,
          };
        }),
        // extracting a block and pointing every copy at it: more with size and with each further copy
        effortMinutes: Math.round(meta.defaultEffortMinutes * (n - 1) * Math.max(1, Math.sqrt(lines / 10))),
      });
    }
    for (const c of near) {
      findings.push(
        nearFinding(
          c,
          docs,
          { path: (d) => docs[d]!.facts.path, columns: (d, line) => docs[d]!.columns.get(line) },
          meta.defaultEffortMinutes,
        ),
      );
      for (const u of c.units.slice(1)) duplicatedLines += u.endLine - u.line + 1;
    }
    const inCopies = linesInCopies(docs, classes, near);
    const linesOfCode = ctx.files.reduce((n, f) => n + f.linesOfCode, 0);
    const duplicatedLinesRatio = linesOfCode ? Math.min(1, inCopies / linesOfCode) : 0;
    return {
      findings,
      metrics: {
        classes: classesCount,
        nearClasses: near.length,
        duplicatedLines,
        duplicatedTokens,
        linesInCopies: inCopies,
        duplicatedLinesRatio,
        filesCompared: docs.length,
      },
      duplicatedLinesRatio,
    };
  },
});
