/**
 * The one comparison of two runs' findings (DESIGN.md, "Fingerprints"): `check` (against a commit or the
 * committed baseline), `baseline prune` and `trend` all pair findings here, so the same before/after pair
 * gives the same new and fixed findings in a pull request and in the weekly report.
 *
 * Findings are matched as multisets of fingerprints, in three passes:
 * 1. the same file (nearest line first), then the file git says it was renamed from;
 * 2. across files: code that moved. Same file name first, then the longest common path suffix, then the
 *    canonical order of the occurrences (file, line, column, fingerprint), so the answer never depends
 *    on the order the findings were given in;
 * 3. (when the caller knows which lines the change touched) re-fingerprinted: a new finding on lines no
 *    commit touched, in the same file as a fixed finding of the same rule (then in the file it was
 *    renamed from; nearest line first), is the same debt under a new fingerprint (its detector's
 *    description changed: a third copy elsewhere, a renamed enclosing component), not new debt. Then
 *    edited: a new finding on lines the change touched that overlap those of a fixed finding of the same
 *    rule in the same file is that debt, edited (both copies of a clone changed alike, a colour changed to
 *    another hard-coded colour): the code was there before, the change did not write the debt.
 * A file moved or renamed unchanged therefore adds nothing and fixes nothing; a second copy of old code is
 * one more occurrence of its fingerprint than before: new, and it is the copy that is new.
 */

/** What the comparison reads of a finding or of a stored occurrence of one. */
export interface Comparable {
  fingerprint: string;
  /** posix path relative to the root */
  file: string;
  /** unknown for a committed baseline, which keeps no locations: every line is then as near as any */
  line?: number;
  column?: number;
  /** the last line of the finding's range (the edited pairing of pass 3 needs both ends) */
  endLine?: number;
}

/** Renamed files: the path after -> the path (or paths, across several commits) it had before. */
export type Renames = ReadonlyMap<string, string | ReadonlySet<string>>;

export interface CompareOptions<A> {
  renames?: Renames;
  /**
   * Whether no change touched the lines of a finding of the after side; given, the third pass
   * (re-fingerprinted findings) runs. Without it, nothing is known of the lines and the pass is skipped.
   */
  untouched?: (after: A) => boolean;
}

export interface FindingComparison<B, A> {
  /** matched occurrences: the same debt before and after */
  pairs: Array<{ before: B; after: A }>;
  /** after-side findings matched to nothing: new. In canonical order: file, line, column, fingerprint. */
  added: A[];
  /** before-side occurrences matched to nothing: fixed (or deleted). In canonical order. */
  removed: B[];
}

/** Compares two runs' findings: passes 1 and 2, and 3 when `options.untouched` is given. */
export function compareFindingSets<B extends Comparable & { ruleId: string }, A extends Comparable & { ruleId: string }>(
  before: readonly B[],
  after: readonly A[],
  options: CompareOptions<A> = {},
): FindingComparison<B, A> {
  const matched = matchFingerprints(before, after, options.renames);
  if (!options.untouched) return matched;
  const re = reidentifyFindings(matched.added, matched.removed, options.untouched, options.renames);
  return { pairs: [...matched.pairs, ...re.pairs], added: re.added, removed: re.removed };
}

/** Passes 1 and 2: multisets of fingerprints, same file (or renamed file) first, then across files. */
export function matchFingerprints<B extends Comparable, A extends Comparable>(
  before: readonly B[],
  after: readonly A[],
  renames: Renames = new Map(),
): FindingComparison<B, A> {
  const b = groupByFingerprint(before);
  const a = groupByFingerprint(after);
  const out: FindingComparison<B, A> = { pairs: [], added: [], removed: [] };
  for (const fp of new Set([...b.keys(), ...a.keys()])) {
    const bs = canonical(b.get(fp) ?? []);
    const as = canonical(a.get(fp) ?? []);
    if (bs.length === 0 || as.length === 0) {
      out.added.push(...as);
      out.removed.push(...bs);
      continue;
    }
    // 1. the same file, nearest line first
    let restB: B[] = [];
    let restA: A[] = [];
    for (const file of new Set([...bs.map((x) => x.file), ...as.map((x) => x.file)])) {
      const r = pairGreedy(
        bs.filter((x) => x.file === file),
        as.filter((x) => x.file === file),
        lineDistance,
      );
      out.pairs.push(...r.pairs);
      restB.push(...r.before);
      restA.push(...r.after);
    }
    // 1b. the file it was renamed from
    if (renames.size > 0 && restB.length > 0 && restA.length > 0) {
      const r = pairGreedy(restB, restA, (x, y) => (renamedFrom(renames, y.file).includes(x.file) ? lineDistance(x, y) : Infinity));
      out.pairs.push(...r.pairs);
      restB = r.before;
      restA = r.after;
    }
    // 2. across files: same file name first, then the longest common path suffix
    const r = pairGreedy(restB, restA, acrossFiles);
    out.pairs.push(...r.pairs);
    out.added.push(...r.after);
    out.removed.push(...r.before);
  }
  out.added.sort(canonicalOrder);
  out.removed.sort(canonicalOrder);
  return out;
}

/**
 * Pass 3: a new finding on lines no change touched (`untouched`), in the same file as a fixed finding of
 * the same rule (or in the file it was renamed from), is the same debt under a new fingerprint. Such pairs
 * leave both lists, nearest lines first. What is left untouched and new is debt that a change elsewhere
 * made (a copy that turned old code into a duplicate). After them, a new finding on touched lines that
 * overlap a fixed finding of the same rule in the same file is that finding, edited.
 */
export function reidentifyFindings<B extends Comparable & { ruleId: string }, A extends Comparable & { ruleId: string }>(
  added: readonly A[],
  removed: readonly B[],
  untouched: (after: A) => boolean,
  renames: Renames = new Map(),
): FindingComparison<B, A> {
  // the same file first, then the file it was renamed from (as in the first pass); nearest lines first
  const r = pairGreedy(added, removed, (a, f) => {
    if (f.ruleId !== a.ruleId) return Infinity;
    if (!untouched(a)) return f.file === a.file && overlap(f, a) ? EDITED + lineDistance(f, a) : Infinity;
    if (f.file === a.file) return lineDistance(f, a);
    return renamedFrom(renames, a.file).includes(f.file) ? RENAMED + lineDistance(f, a) : Infinity;
  });
  return { pairs: r.pairs.map((p) => ({ before: p.after, after: p.before })), added: r.before, removed: r.after };
}

/** What pairing across a rename costs beyond the lines: more than any distance within one file. */
const RENAMED = 1e9;
/** What pairing an edited finding costs: after every untouched one. */
const EDITED = 2 * RENAMED;

/** Whether two findings' line ranges share a line (false when a line is unknown: a baseline cannot say a finding was edited). */
function overlap(x: Comparable, y: Comparable): boolean {
  if (x.line === undefined || y.line === undefined) return false;
  return x.line <= Math.max(y.line, y.endLine ?? y.line) && y.line <= Math.max(x.line, x.endLine ?? x.line);
}

function groupByFingerprint<T extends Comparable>(xs: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const list = m.get(x.fingerprint);
    if (list) list.push(x);
    else m.set(x.fingerprint, [x]);
  }
  return m;
}

function renamedFrom(renames: Renames, file: string): readonly string[] {
  const from = renames.get(file);
  return from === undefined ? [] : typeof from === 'string' ? [from] : [...from];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** By file, then line. */
function byPlace(x: Comparable, y: Comparable): number {
  return cmp(x.file, y.file) || (x.line ?? 0) - (y.line ?? 0);
}

/** The canonical order of occurrences: file, line, column, fingerprint. */
function canonicalOrder(x: Comparable, y: Comparable): number {
  return byPlace(x, y) || (x.column ?? 0) - (y.column ?? 0) || cmp(x.fingerprint, y.fingerprint);
}

/** The occurrences in their canonical order, the final tie-break of every pairing. */
function canonical<T extends Comparable>(xs: readonly T[]): T[] {
  return [...xs].sort(canonicalOrder);
}

function lineDistance(x: Comparable, y: Comparable): number {
  return x.line === undefined || y.line === undefined ? 0 : Math.abs(x.line - y.line);
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** The cost of pairing occurrences in different files: the same name first, then the longest common path suffix. */
function acrossFiles(x: Comparable, y: Comparable): number {
  return (basename(x.file) === basename(y.file) ? 0 : 1e6) - commonSuffix(x.file, y.file);
}

/**
 * Pairs items greedily by ascending cost (an infinite cost: never paired), ties by position in each list;
 * returns the pairs and the unpaired of each side, in their order.
 */
function pairGreedy<B, A>(
  before: readonly B[],
  after: readonly A[],
  cost: (b: B, a: A) => number,
): { pairs: Array<{ before: B; after: A }>; before: B[]; after: A[] } {
  if (before.length === 0 || after.length === 0) return { pairs: [], before: [...before], after: [...after] };
  const candidates: Array<[number, number, number]> = [];
  for (let i = 0; i < before.length; i++) {
    for (let j = 0; j < after.length; j++) {
      const c = cost(before[i]!, after[j]!);
      if (Number.isFinite(c)) candidates.push([c, i, j]);
    }
  }
  candidates.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const usedBefore = new Set<number>();
  const usedAfter = new Set<number>();
  const pairs: Array<{ before: B; after: A }> = [];
  for (const [, i, j] of candidates) {
    if (usedBefore.has(i) || usedAfter.has(j)) continue;
    usedBefore.add(i);
    usedAfter.add(j);
    pairs.push({ before: before[i]!, after: after[j]! });
  }
  return { pairs, before: before.filter((_, i) => !usedBefore.has(i)), after: after.filter((_, j) => !usedAfter.has(j)) };
}
