// Property-based tests of token parsing and alias resolution (issue 10). Random token graphs (literals,
// whole-value aliases and references inside values, with cycles and missing references) are written as
// DTCG JSON, Style Dictionary JSON and CSS custom properties; each loader must agree with a small
// reference resolver, whatever the order of the keys, and never throw on arbitrary JSON.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadJsonTokens } from '../src/tokens/json.js';
import { loadTokens } from '../src/tokens/load.js';

type Value = { kind: 'literal'; text: string } | { kind: 'alias'; to: number } | { kind: 'border'; to: number };
interface Graph {
  /** token i is named NAMES[i]; references may point past the end: a missing token */
  values: Value[];
}

const N = 12;
const NAMES = Array.from({ length: N + 3 }, (_, i) => `t${i}`);

const literal = fc.oneof(
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([r, g, b]) => `#${[r, g, b].map((n) => n.toString(16).padStart(2, '0')).join('')}`),
  fc.nat(64).map((n) => `${n}px`),
  fc.nat(8).map((n) => `${n / 4}rem`),
);
const value: fc.Arbitrary<Value> = fc.oneof(
  { weight: 3, arbitrary: literal.map((text) => ({ kind: 'literal' as const, text })) },
  { weight: 3, arbitrary: fc.nat(N + 2).map((to) => ({ kind: 'alias' as const, to })) },
  { weight: 1, arbitrary: fc.nat(N + 2).map((to) => ({ kind: 'border' as const, to })) },
);
const graph: fc.Arbitrary<Graph> = fc.array(value, { minLength: 1, maxLength: N }).map((values) => ({ values }));

/** The reference resolver: follows references with a visited set; null for cycles and missing tokens. */
function expected(g: Graph): Map<string, { value: string; aliasOf?: string }> {
  const memo = new Map<number, string | null>();
  const resolve = (i: number, visiting: Set<number>): string | null => {
    if (i >= g.values.length || visiting.has(i)) return null;
    if (memo.has(i)) return memo.get(i)!;
    const v = g.values[i]!;
    const next = new Set(visiting).add(i);
    const target = v.kind === 'literal' ? null : resolve(v.to, next);
    const out = v.kind === 'literal' ? v.text : target === null ? null : v.kind === 'alias' ? target : `1px solid ${target}`;
    if (visiting.size === 0) memo.set(i, out);
    return out;
  };
  const out = new Map<string, { value: string; aliasOf?: string }>();
  g.values.forEach((v, i) => {
    const r = resolve(i, new Set());
    if (r !== null) out.set(NAMES[i]!, { value: r, ...(v.kind === 'alias' ? { aliasOf: NAMES[v.to]! } : {}) });
  });
  return out;
}

/** Tokens in a cycle or leading to one, or to a missing token: these must be reported, naming a token. */
function unresolved(g: Graph): string[] {
  const ok = expected(g);
  return g.values.map((_, i) => NAMES[i]!).filter((n) => !ok.has(n));
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function dtcg(g: Graph, seed: number, styleDictionary = false): string {
  const ref = (to: number) => (styleDictionary ? `{group.${NAMES[to]}.value}` : `{group.${NAMES[to]}}`);
  const entries = g.values.map((v, i) => {
    const text = v.kind === 'literal' ? v.text : v.kind === 'alias' ? ref(v.to) : `1px solid ${ref(v.to)}`;
    return [NAMES[i]!, styleDictionary ? { value: text } : { $value: text }] as const;
  });
  return JSON.stringify({ group: Object.fromEntries(shuffled(entries, seed)) });
}

function css(g: Graph, seed: number): string {
  const lines = g.values.map((v, i) => {
    const text = v.kind === 'literal' ? v.text : v.kind === 'alias' ? `var(--${NAMES[v.to]})` : `1px solid var(--${NAMES[v.to]})`;
    return `  --${NAMES[i]}: ${text};`;
  });
  return `:root {\n${shuffled(lines, seed).join('\n')}\n}\n`;
}

const RUNS = { numRuns: 300 };

describe('token alias resolution (property-based)', () => {
  it('DTCG JSON: every resolvable token gets its value and alias; the rest are left out, each problem an error naming a token', () => {
    fc.assert(
      fc.property(graph, fc.nat(), (g, seed) => {
        const r = loadJsonTokens(dtcg(g, seed), 'tokens.json');
        const got = new Map(
          r.tokens.map((t) => [
            t.path.replace(/^group\./, ''),
            { value: t.value, ...(t.aliasOf ? { aliasOf: t.aliasOf.replace(/^group\./, '') } : {}) },
          ]),
        );
        expect(got).toEqual(expected(g));
        const bad = unresolved(g);
        if (bad.length === 0) expect(r.errors).toEqual([]);
        else expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) {
          expect(e.file).toBe('tokens.json');
          expect(e.message).toMatch(
            /^token "group\.t\d+": (alias cycle: group\.t\d+( -> group\.t\d+)+|missing reference \{group\.t\d+\})$/,
          );
          expect(bad).toContain(/^token "group\.(t\d+)"/.exec(e.message)![1]);
        }
      }),
      RUNS,
    );
  });

  it('Style Dictionary JSON ({a.b.value} references) resolves exactly as DTCG does', () => {
    fc.assert(
      fc.property(graph, fc.nat(), (g, seed) => {
        const a = loadJsonTokens(dtcg(g, seed), 'tokens.json');
        const b = loadJsonTokens(dtcg(g, seed, true), 'tokens.json');
        expect(b.tokens.map((t) => [t.path, t.value, t.aliasOf])).toEqual(a.tokens.map((t) => [t.path, t.value, t.aliasOf]));
      }),
      RUNS,
    );
  });

  it('the order of the keys changes nothing: same tokens, same errors', () => {
    fc.assert(
      fc.property(graph, fc.nat(), fc.nat(), (g, s1, s2) => {
        const a = loadJsonTokens(dtcg(g, s1), 'tokens.json');
        const b = loadJsonTokens(dtcg(g, s2), 'tokens.json');
        const key = (ts: typeof a.tokens) => ts.map((t) => `${t.path}=${t.value}`).sort();
        expect(key(b.tokens)).toEqual(key(a.tokens));
        // which token of a cycle names it depends on where resolution starts; the set of broken tokens does not
        expect(b.errors.length > 0).toBe(a.errors.length > 0);
      }),
      RUNS,
    );
  });

  it('CSS custom properties (var() references) resolve to the same values, in any order', () => {
    const root = mkdtempSync(join(tmpdir(), 'plumbline-token-property-'));
    let n = 0;
    fc.assert(
      fc.property(graph, fc.nat(), (g, seed) => {
        const file = `tokens-${n++}.css`;
        writeFileSync(join(root, file), css(g, seed));
        const r = loadTokens(root, { files: [file] });
        const got = new Map(r.settings.tokens.map((t) => [t.path, { value: t.value, ...(t.aliasOf ? { aliasOf: t.aliasOf } : {}) }]));
        expect(got).toEqual(expected(g));
        for (const e of r.errors) expect(e.message).toMatch(/^token "--t\d+": alias cycle: --t\d+( -> --t\d+)+$/);
      }),
      { numRuns: 150 },
    );
  });

  it('arbitrary JSON never makes the loader throw; what loads has a path, a value and a family', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 6 }), (text) => {
        const r = loadJsonTokens(text, 'any.json');
        for (const t of r.tokens) {
          expect(typeof t.path).toBe('string');
          expect(t.value.trim()).not.toBe('');
          expect(typeof t.family).toBe('string');
        }
      }),
      { numRuns: 1000 },
    );
  });
});
