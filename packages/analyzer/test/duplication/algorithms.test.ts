import { describe, expect, it } from 'vitest';
import type { SignatureNode } from '@plumbline/core';
import { findClonePairs, groupClasses } from '../../src/detectors/copied-code.js';
import { findFamilies, lshCandidates } from '../../src/detectors/component-family.js';
import type { ComponentRef } from '../../src/detectors/component-family.js';
import { pqGrams } from '../../src/facts/components.js';
import type { FileFacts } from '../../src/facts.js';

/** A small deterministic PRNG (mulberry32), so failures reproduce. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('clone pairs by winnowed fingerprints', () => {
  it('finds every planted copy of at least minTokens tokens, with its exact extent', () => {
    const rand = rng(42);
    for (let trial = 0; trial < 40; trial++) {
      const minTokens = 30 + Math.floor(rand() * 70);
      const len = minTokens + Math.floor(rand() * 40);
      const block = Uint32Array.from({ length: len }, () => 1_000_000 + Math.floor(rand() * 1e9));
      const noise = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 1e9));
      const pa = Math.floor(rand() * 300),
        pb = Math.floor(rand() * 300);
      const a = Uint32Array.from([...noise(pa), ...block, ...noise(200)]);
      const b = Uint32Array.from([...noise(pb), ...block, ...noise(200)]);
      const pairs = findClonePairs([{ tokens: a }, { tokens: b }], minTokens);
      expect(pairs, `trial ${trial}`).toHaveLength(1);
      expect(pairs[0]).toEqual({ a: { doc: 0, start: pa, end: pa + len }, b: { doc: 1, start: pb, end: pb + len } });
    }
  });

  it('misses nothing of exactly minTokens and reports nothing shorter', () => {
    const rand = rng(7);
    const block = Uint32Array.from({ length: 50 }, () => Math.floor(rand() * 1e9));
    const short = block.slice(0, 49);
    const noise = () => Array.from({ length: 100 }, () => Math.floor(rand() * 1e9));
    const docs = [
      { tokens: Uint32Array.from([...noise(), ...block, ...noise()]) },
      { tokens: Uint32Array.from([...noise(), ...block, ...noise()]) },
      { tokens: Uint32Array.from([...noise(), ...short, ...noise()]) },
    ];
    const pairs = findClonePairs(docs, 50);
    expect(pairs.map((p) => [p.a.doc, p.b.doc, p.a.end - p.a.start])).toEqual([[0, 1, 50]]);
  });

  it('groups pairs into N-way classes: one class per block, members merged per file', () => {
    const rand = rng(3);
    const block = Array.from({ length: 80 }, () => Math.floor(rand() * 1e9));
    const noise = () => Array.from({ length: 60 }, () => Math.floor(rand() * 1e9));
    const docs = Array.from({ length: 5 }, () => ({ tokens: Uint32Array.from([...noise(), ...block, ...noise()]) }));
    const classes = groupClasses(findClonePairs(docs, 50));
    expect(classes).toHaveLength(1);
    expect(classes[0]!.members.map((m) => [m.doc, m.start, m.end])).toEqual([0, 1, 2, 3, 4].map((d) => [d, 60, 140]));
  });

  it('does not match a file against itself where the copies would overlap', () => {
    const repeated = Uint32Array.from({ length: 200 }, (_, i) => i % 5);
    for (const p of findClonePairs([{ tokens: repeated }], 50)) expect(p.a.end).toBeLessThanOrEqual(p.b.start);
  });
});

describe('component families at scale', () => {
  const LABELS = [
    'div',
    'span',
    'p',
    'h3',
    'ul',
    'li',
    'a',
    'button',
    'img',
    'section',
    'Card',
    'Badge',
    'Icon',
    'Text',
    'Stack',
    '{}',
    '@',
  ];
  const randomTree = (rand: () => number, depth: number): SignatureNode => ({
    label: LABELS[Math.floor(rand() * LABELS.length)]!,
    children: depth === 0 ? [] : Array.from({ length: Math.floor(rand() * 4) }, () => randomTree(rand, depth - 1)),
  });
  const ref = (name: string, tree: SignatureNode, i: number): ComponentRef => ({
    file: { path: `src/c${i}.tsx` } as FileFacts,
    c: {
      name,
      kind: 'function',
      exported: true,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 2,
      startLine: 1,
      lastLine: 9,
      rootElement: null,
      elementHint: null,
      size: 20,
      shape: JSON.stringify(tree),
      grams: pqGrams(tree),
      tags: [],
      outline: '',
    },
  });

  it('finds a planted family among 3000 components without comparing all pairs', () => {
    const rand = rng(99);
    const refs: ComponentRef[] = [];
    for (let i = 0; i < 3000; i++) refs.push(ref(`C${i}`, randomTree(rand, 4), i));
    const base = randomTree(rng(5), 5);
    const variant = (k: number): SignatureNode => ({
      ...base,
      children: [...base.children, ...Array.from({ length: k % 2 }, () => ({ label: 'small', children: [] }))],
    });
    for (let k = 0; k < 6; k++) refs.push(ref(`Planted${k}`, variant(k), 3000 + k));
    const pairs = lshCandidates(refs.map((r) => r.c.grams));
    const all = (refs.length * (refs.length - 1)) / 2;
    expect(pairs.length).toBeLessThan(all * 0.02);
    const families = findFamilies(refs, 0.85);
    const planted = families.find((f) => f.members.some((m) => m.c.name === 'Planted0'));
    expect(planted?.members.map((m) => m.c.name).sort()).toEqual(['Planted0', 'Planted1', 'Planted2', 'Planted3', 'Planted4', 'Planted5']);
  });
});
