/** Clone classes: pairs of copies grouped N-way, and pieces of one region cut apart by a small edit joined. */

import type { ClonePair, Fragment } from './matching.js';

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
