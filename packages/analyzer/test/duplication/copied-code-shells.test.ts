import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { analyzeFixture } from '../design-system/fixture.js';
import { entitySiblings, findNearPairs, NEAR_DEFAULTS } from '../../src/detectors/shared/near-copies.js';
import type { Unit, UnitDoc } from '../../src/detectors/shared/near-copies.js';
import type { FileFacts } from '../../src/facts.js';
import { saysDeliberate } from '../../src/facts/clone-tokens.js';
import { collectUnits, SHAPE } from '../../src/facts/clone-tokens/shape.js';
import { hash32 } from '../../src/facts/components.js';

/** A unit doc from a list of token names: `$` identifiers, `"` strings, `` ` `` templates, the rest keep their text. */
function doc(words: string[]): { d: UnitDoc; u: Unit } {
  const tokens = Uint32Array.from(words.map((w) => hash32(w.replace(/^\$/, ''))));
  const literal = (w: string) => (w.startsWith('"') ? SHAPE.str : w.startsWith('`') ? SHAPE.tpl : hash32(w));
  const shape = Uint32Array.from(words.map((w) => (w.startsWith('$') ? SHAPE.id : literal(w))));
  const names = words.filter((w) => w.startsWith('$')).map((w) => w.slice(1));
  return { d: { tokens, shape, names }, u: { doc: 0, start: 0, end: words.length, name: 'u', line: 1, endLine: 20 } };
}

const OPS = ['.', '(', '[', '=>', '?', ':', '+', '!', '&&', '||', '-', '*'];

/**
 * A unit of a framework shell (the same 60 tokens in every unit) with a short part of its own: `own`
 * picks that part's structure, `names` the identifiers' names, `text` its string literals.
 */
function shellUnit(own: number, names: (i: number) => string, text: (i: number) => string): string[] {
  const shell = (from: number) =>
    Array.from({ length: 10 }, (_, i) => [`$${names(from + i)}`, OPS[(from + i) % OPS.length]!, `k${from + i}`]).flat();
  const mine = Array.from({ length: 2 }, (_, i) => [`$${names(30 + i)}`, `own${own}_${i}`, `"${text(i)}"`, ';']).flat();
  return [...shell(0), ...mine, ...shell(10)];
}

/** Near pairs among units (one per doc) plus ten other units of the same shell, each with a part of its own. */
function pairsAmong(units: string[][]): Array<[number, number]> {
  const others = Array.from({ length: 10 }, (_, k) =>
    shellUnit(
      100 + k,
      (i) => `o${k}_${i}`,
      (i) => `other ${k} ${i}`,
    ),
  );
  const docs = [...units, ...others].map(doc);
  return findNearPairs(
    docs.map((c) => c.d),
    docs.map((c, d) => ({ ...c.u, doc: d })),
    NEAR_DEFAULTS,
  ).map((p) => [p.a, p.b]);
}

describe('copied-code: renamed copies of a unit built on a common shell', () => {
  it('pairs a copy with every name renamed and its literals kept, though most of its structure is the shell', () => {
    const original = shellUnit(
      1,
      (i) => `items${i}`,
      (i) => `label ${i}`,
    );
    const renamed = shellUnit(
      1,
      (i) => `rows${i}`,
      (i) => `label ${i}`,
    );
    expect(pairsAmong([original, renamed])).toEqual([[0, 1]]);
  });

  it('pairs no siblings of the shell with their own literals (URLs, keys, labels)', () => {
    const bounty = shellUnit(
      1,
      (i) => `items${i}`,
      (i) => `/api/bounties/${i}`,
    );
    const commission = shellUnit(
      1,
      (i) => `rows${i}`,
      (i) => `/api/commissions/${i}`,
    );
    expect(pairsAmong([bounty, commission])).toEqual([]);
  });

  it("pairs no siblings whose names swap one entity's word for another's", () => {
    const bounty = shellUnit(
      1,
      (i) => (i % 2 ? `useBounty${i}` : `bountyId${i}`),
      (i) => `label ${i}`,
    );
    const commission = shellUnit(
      1,
      (i) => (i % 2 ? `useCommission${i}` : `commissionId${i}`),
      (i) => `label ${i}`,
    );
    expect(pairsAmong([bounty, commission])).toEqual([]);
  });
});

describe('renamed copies that change only their own names: what stays quiet', () => {
  it('pairs no two units of the shell that differ in a template literal (another URL or query) and at most one name', () => {
    const withUrl = (url: string, first = 'items0') => [
      ...shellUnit(
        1,
        (i) => (i === 0 ? first : `items${i}`),
        (i) => `label ${i}`,
      ),
      `\`${url}\``,
      ';',
    ];
    // nine more units with the same part of their own (each with its own labels): nothing of the two is rare
    const same = Array.from({ length: 9 }, (_, k) =>
      shellUnit(
        1,
        (i) => `n${k}_${i}`,
        (i) => `text ${k} ${i}`,
      ),
    );
    const pairs = pairsAmong([withUrl('/api/links/${id}'), withUrl('/api/pixels/${id}'), ...same]);
    expect(pairs.filter(([a, b]) => a < 2 || b < 2)).toEqual([]);
    // one name renamed with the query (`TagMetricContext` -> `UserMetricContext`): each entity's own query
    const once = pairsAmong([withUrl('FROM "TagEngagement"', 'tagContext'), withUrl('FROM "UserEngagement"', 'userContext'), ...same]);
    expect(once.filter(([a, b]) => a < 2 || b < 2)).toEqual([]);
  });

  it('pairs no two units of the shell that call other functions of their own files', () => {
    // `markApplied` calls its file's `applyKey`, `markReviewed` its file's `reviewKey`, the rest renamed each its own way
    const caller = (fn: string, prefix: string) => {
      const c = doc(
        shellUnit(
          1,
          (i) => (i === 0 ? fn : `${prefix}${i}`),
          (i) => `label ${i}`,
        ),
      );
      const declarations = [{ name: fn, kind: 'function', exported: false, line: 1, endLine: 3 }];
      const facts = { data: { structure: { imports: [], exports: [], declarations, components: [], jsx: [] } } } as unknown as FileFacts;
      return { d: { ...c.d, facts }, u: c.u };
    };
    const same = Array.from({ length: 19 }, (_, k) =>
      doc(
        shellUnit(
          k < 9 ? 1 : 100 + k,
          (i) => `n${k}_${i}`,
          (i) => `text ${k} ${i}`,
        ),
      ),
    );
    const docs = [caller('applyKey', 'items'), caller('reviewKey', 'rows'), ...same];
    const pairs = findNearPairs(
      docs.map((c) => c.d),
      docs.map((c, d) => ({ ...c.u, doc: d })),
      NEAR_DEFAULTS,
    );
    expect(pairs.filter((p) => p.a < 2 || p.b < 2)).toEqual([]);
  });

  it('pairs no renamed copies of a ladder of useState hooks (too little distinct structure)', () => {
    const ladder = (prefix: string) =>
      Array.from({ length: 14 }, (_, i) => [
        'const',
        '[',
        `$${prefix}${i}`,
        ',',
        `$set${prefix}${i}`,
        ']',
        '=',
        '$useState',
        '(',
        '"',
        ')',
        ';',
      ]).flat();
    // two more units of the shell, so that it stays common (in more than ten units)
    const shells = [0, 1].map((k) =>
      shellUnit(
        200 + k,
        (i) => `s${k}_${i}`,
        (i) => `shell ${k} ${i}`,
      ),
    );
    const pairs = pairsAmong([ladder('field'), ladder('value'), ...shells]);
    expect(pairs.filter(([a, b]) => a < 2 || b < 2)).toEqual([]);
  });
});

describe('copied-code: a renamed copy of a route handler of a common shell', () => {
  // twelve route handlers of one shell, each calling its own imported service and permission check, and one
  // copy of the sessions handler with every name it binds renamed (`request` -> `req`, `filters` -> `queryFilters`)
  const out = analyzeFixture('duplication', 'route-shell-copies');
  const copies = out.result.findings.filter((f) => f.ruleId === 'copied-code');

  it('finds the copy, though it has no rare structure and no literal of its own', () => {
    expect(copies).toHaveLength(1);
    const places = [copies[0]!.file, ...copies[0]!.related.map((r) => r.file)].sort();
    expect(places).toEqual(['src/admin/website-sessions.ts', 'src/app/api/websites/[websiteId]/sessions/route.ts']);
    expect(copies[0]!.message).toContain('`req`');
  });

  it('pairs no two handlers that call other imported services through the same shell', () => {
    const places = copies.flatMap((f) => [f.file, ...f.related.map((r) => r.file)]);
    expect(places.filter((p) => p.includes('/route.ts'))).toEqual(['src/app/api/websites/[websiteId]/sessions/route.ts']);
  });
});

describe('entitySiblings', () => {
  it('reads one word swapped throughout as one entity for another', () => {
    expect(
      entitySiblings([
        ['useBounty', 'useCommission'],
        ['bountyId', 'commissionId'],
        ['bounties', 'commissions'],
      ]),
    ).toBe(true);
    // create and update are one swap, whatever their endings
    expect(
      entitySiblings([
        ['createdRecipients', 'updatedRecipients'],
        ['createEnvelopeRecipients', 'updateEnvelopeRecipients'],
      ]),
    ).toBe(true);
  });

  it('reads names renamed each its own way, or given a suffix, as a renamed copy', () => {
    expect(
      entitySiblings([
        ['items', 'rows'],
        ['total', 'sum'],
        ['LIMITS', 'MAX_BY_KIND'],
      ]),
    ).toBe(false);
    expect(
      entitySiblings([
        ['cartTotals', 'cartTotalsCopy'],
        ['lines', 'linesCopy'],
      ]),
    ).toBe(false);
    expect(entitySiblings([['documentId', 'templateId']])).toBe(false);
  });
});

describe('saysDeliberate: a comment saying a copy is kept on purpose', () => {
  it('reads a reason and a copy word in one sentence', () => {
    expect(
      saysDeliberate('// Post-transaction side effects. Inlined rather than shared with the SES completion path:\n// the shapes diverge'),
    ).toBe(true);
    expect(saysDeliberate('// the in-transaction shapes diverge enough that a shared helper would obscure both.')).toBe(true);
    expect(saysDeliberate('/**\n * Intentionally duplicated from the web app: the widget is bundled\n * separately.\n */')).toBe(true);
    expect(saysDeliberate('// We copy this instead of importing it, to keep the worker bundle small')).toBe(true);
  });

  it('reads no reason and copy word of two sentences, nor a shared helper that is used', () => {
    // a browser connection, then versions kept in sync: nothing about a copy
    expect(
      saysDeliberate(
        '// !: Use CDP rather than the default `connect` method to avoid coupling.\n// !: We had to keep the versions in sync.',
      ),
    ).toBe(false);
    expect(saysDeliberate('// Via the shared helper so callers get a retryable 409 instead of an opaque failure.')).toBe(false);
    expect(saysDeliberate('// This produces `{ OR: [...] }` rather than a flat `{ AND, OR }` where the shared evaluator differs')).toBe(
      false,
    );
    // a doc comment that mentions a mirror and, elsewhere, something intentional
    expect(saysDeliberate('/** The global verification is intentionally NOT set.\n * Pre-delete steps — mirrors `deleteUser`. */')).toBe(
      false,
    );
  });
});

describe('units: `export function f` and `function f` are one unit', () => {
  const unitsOf = (text: string) => {
    const sf = ts.createSourceFile('a.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    return collectUnits(ts, sf).units.map((u) => text.slice(u.start, u.end).trimStart().split('(')[0]);
  };
  const body = Array.from({ length: 10 }, (_, i) => `  const v${i} = ${i};`).join('\n');

  it('starts a unit after `export` and `default`', () => {
    expect(unitsOf(`export async function load() {\n${body}\n}\n`)).toEqual(['async function load']);
    expect(unitsOf(`export default function Page() {\n${body}\n}\n`)).toEqual(['function Page']);
    expect(unitsOf(`function load() {\n${body}\n}\n`)).toEqual(['function load']);
  });
});
