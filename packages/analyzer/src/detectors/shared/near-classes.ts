// Renamed and near-miss copies grouped into classes and reported as copied-code findings: one finding per
// class, at its largest unit, with every other copy, its similarity and the names it changed.
import type { DraftFinding } from '../../detector.js';
import { align, digest, lcsLength, unitView } from './near-copies.js';
import type { NearPair, Unit, UnitDoc } from './near-copies.js';

/** Units that are copies of each other with names or a few statements changed; `units[0]` is reported. */
export interface NearClass {
  units: Unit[];
  /** similarity of each unit to the first (1 for the first) */
  similarity: number[];
  /** the identifiers each unit names differently from the first, [first's name, this unit's name] */
  renamed: Array<Array<[string, string]>>;
}

interface Range {
  doc: number;
  start: number;
  end: number;
}

const inside = (x: Range, y: Range) => x.doc === y.doc && x.start >= y.start && x.end <= y.end;
const overlap = (x: Range, y: Range) => (x.doc === y.doc ? Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start)) : 0);

/**
 * Groups verified unit pairs into classes. A pair that an exact class already holds (one class covers
 * half of both units) is left to that class; a pair of units nested in the units of a larger pair is part
 * of that pair's finding.
 */
export function nearClasses(
  docs: readonly UnitDoc[],
  units: readonly Unit[],
  pairs: readonly NearPair[],
  exact: ReadonlyArray<{ members: readonly Range[] }>,
  /** the similarity to the reported unit that a member not verified as a pair with it needs */
  least: number,
): NearClass[] {
  const heldBy = (u: Unit) => {
    const held = new Set<number>();
    exact.forEach((c, i) => {
      if (c.members.some((m) => overlap(m, u) * 2 >= u.end - u.start)) held.add(i);
    });
    return held;
  };
  const sorted = [...pairs].sort(
    (x, y) =>
      units[y.a]!.end -
      units[y.a]!.start +
      units[y.b]!.end -
      units[y.b]!.start -
      (units[x.a]!.end - units[x.a]!.start + units[x.b]!.end - units[x.b]!.start),
  );
  const accepted: NearPair[] = [];
  const acceptedUnits: Unit[] = [];
  for (const p of sorted) {
    const ua = units[p.a]!;
    const ub = units[p.b]!;
    const ha = heldBy(ua);
    if ([...heldBy(ub)].some((c) => ha.has(c))) continue;
    const nested = (u: Unit) => acceptedUnits.some((v) => v !== u && inside(u, v));
    if (nested(ua) && nested(ub)) continue;
    accepted.push(p);
    acceptedUnits.push(ua, ub);
  }
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while ((parent.get(r) ?? r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const p of accepted) {
    const ra = find(p.a);
    const rb = find(p.b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const groups = new Map<number, number[]>();
  for (const p of accepted)
    for (const u of [p.a, p.b]) {
      const g = groups.get(find(u)) ?? groups.set(find(u), []).get(find(u))!;
      if (!g.includes(u)) g.push(u);
    }
  const known = new Map(accepted.map((p) => [`${Math.min(p.a, p.b)},${Math.max(p.a, p.b)}`, p.similarity]));
  const out: NearClass[] = [];
  const queue = [...groups.values()];
  while (queue.length) {
    const ids = queue.pop()!;
    if (ids.length < 2) continue;
    // the largest unit is reported; equal sizes go by content, never by path
    const size = (i: number) => units[i]!.end - units[i]!.start;
    const key = (i: number) => digest(docs[units[i]!.doc]!.shape, units[i]!.start, units[i]!.end);
    ids.sort((x, y) => size(y) - size(x) || (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
    const first = units[ids[0]!]!;
    // a member is a verified pair with the reported unit, or as similar to it as a renamed copy (no chains
    // of ever less similar siblings); the members farther away are a class of their own if they are copies
    const verified = ids.map((i, k) => k === 0 || known.has(`${Math.min(i, ids[0]!)},${Math.max(i, ids[0]!)}`));
    const similarity = ids.map((i, k) => {
      if (k === 0) return 1;
      const u = units[i]!;
      const sim = known.get(`${Math.min(i, ids[0]!)},${Math.max(i, ids[0]!)}`);
      if (sim !== undefined) return sim;
      const a = unitView(docs[first.doc]!, first).shape;
      const b = unitView(docs[u.doc]!, u).shape;
      return lcsLength(a, b) / Math.max(a.length, b.length);
    });
    const close = ids.map((_, k) => verified[k]! || similarity[k]! >= least);
    const kept = ids.filter((_, k) => close[k]);
    queue.push(ids.filter((_, k) => !close[k]));
    if (kept.length < 2) continue;
    const renamed = kept.map((i, k) => (k === 0 ? [] : align(docs[first.doc]!, first, docs[units[i]!.doc]!, units[i]!).renamed));
    out.push({ units: kept.map((i) => units[i]!), similarity: similarity.filter((_, k) => close[k]), renamed });
  }
  return out;
}

const fmt = (x: number) => (Math.floor(x * 100) / 100).toFixed(2);
const names = (r: ReadonlyArray<[string, string]>, max: number) =>
  r
    .slice(0, max)
    .map(([a, b]) => `\`${a}\` -> \`${b}\``)
    .join(', ') + (r.length > max ? ` and ${r.length - max} more` : '');

/** The copied-code finding of a class of renamed or near-miss copies. */
export function nearFinding(
  c: NearClass,
  docs: readonly UnitDoc[],
  place: { path(doc: number): string; columns(doc: number, line: number): [number, number] | undefined },
  effortPerCopy: number,
): DraftFinding {
  const pathOf = (doc: number) => place.path(doc);
  const [first, ...rest] = c.units;
  const n = c.units.length;
  const lines = first!.endLine - first!.line + 1;
  const sims = c.similarity.slice(1);
  const lo = Math.min(...sims);
  const hi = Math.max(...sims);
  const how =
    lo === 1 && c.renamed.every((r) => r.length === 0) ? 'copied' : lo === 1 ? 'copied with names changed' : 'copied with changes';
  const others = rest.map((u) => `${pathOf(u.doc)}:${u.line} (\`${u.name}\`)`);
  const where = `here and ${others.slice(0, 4).join(', ')}${others.length > 4 ? ` and ${others.length - 4} more` : ''}`;
  const renamed = c.renamed[1] ?? [];
  return {
    ruleId: 'copied-code',
    file: pathOf(first!.doc),
    line: first!.line,
    column: place.columns(first!.doc, first!.line)?.[0] ?? 1,
    endLine: first!.endLine,
    endColumn: place.columns(first!.doc, first!.endLine)?.[1] ?? 1,
    message:
      `\`${first!.name}\` (${lines} lines) is ${how} in ${n} places: ${where}` +
      `${lo === 1 ? '' : ` (similarity ${lo === hi ? fmt(lo) : `${fmt(lo)}-${fmt(hi)}`})`}` +
      `${renamed.length ? `; names that differ: ${names(renamed, 4)}` : ''}. Extract the code once and reuse it.`,
    fingerprintCode: `near:${digest(docs[first!.doc]!.shape, first!.start, first!.end)}:${n}`,
    symbolPath: '',
    related: rest.map((u, i) => ({
      file: pathOf(u.doc),
      line: u.line,
      message:
        `copy ${i + 2} of ${n}: \`${u.name}\`, lines ${u.line}-${u.endLine} (similarity ${fmt(c.similarity[i + 1]!)}` +
        `${c.renamed[i + 1]!.length ? `; ${names(c.renamed[i + 1]!, 6)}` : ''})`,
    })),
    effortMinutes: Math.round(effortPerCopy * (n - 1) * Math.max(1, Math.sqrt(lines / 10))),
  };
}
