import { describe, expect, it } from 'vitest';
import { analyzeDrift, findings, metrics } from './fixture.js';

describe('idioms', () => {
  it('an idiom decision outranks the (absent) inferred majority and cites its id and link', () => {
    const out = analyzeDrift('migration');
    expect(findings(out, 'idiom-drift')).toEqual([
      {
        ruleId: 'idiom-drift',
        file: 'src/components/Footer.tsx',
        line: 1,
        column: 14,
        endLine: 1,
        endColumn: 20,
        message:
          'component declaration style: const arrow functions departs from decision ADR-9 (docs/adr/9.md): use function declarations.',
        related: ['src/components/Header.tsx:1'],
      },
    ]);
  });
  it('reports the minority declaration style, effect fetching beside React Query, and promise chains', () => {
    const out = analyzeDrift('idioms');
    const fs = findings(out, 'idiom-drift');
    expect(fs.map((f) => [f.file, f.line, f.column, f.endLine, f.endColumn, f.message])).toEqual([
      [
        'src/checkout/Cart.tsx',
        4,
        14,
        4,
        18,
        'component declaration style: const arrow functions; this codebase uses function declarations for 82 % of its 17 components.',
      ],
      [
        'src/checkout/Cart.tsx',
        6,
        3,
        6,
        12,
        'data fetching in components: fetching inside useEffect; this codebase uses a server-data library hook for 92 % of its 13 data loads.',
      ],
      [
        'src/checkout/Summary.tsx',
        1,
        14,
        1,
        21,
        'component declaration style: const arrow functions (2 in this file); this codebase uses function declarations for 82 % of its 17 components.',
      ],
      [
        'src/checkout/pay.ts',
        4,
        36,
        4,
        40,
        'asynchronous code style: promise chains (.then); this codebase uses async/await for 93 % of its 14 asynchronous functions.',
      ],
    ]);
  });

  it('breaks idioms down per directory and per CODEOWNERS owner', () => {
    const m = metrics(analyzeDrift('idioms')).idioms['component-declaration'];
    expect(m.byOwner).toEqual({ '@acme/catalog': { function: 12 }, '@acme/checkout': { arrow: 3, function: 2 } });
    expect(m.divergentOwners).toEqual([{ group: '@acme/checkout', variant: 'arrow', share: 0.6, sites: 5 }]);
    expect(m.byDirectory).toEqual({ 'src/catalog': { function: 12 }, 'src/checkout': { arrow: 3, function: 2 } });
  });

  it('quiet idiomatic project: no drift findings, and the index is low', () => {
    const out = analyzeDrift('quiet');
    expect(findings(out)).toEqual([]);
    const m = metrics(out);
    expect(m.roles['class-names'].convention).toMatchObject({ choice: 'src/lib/cn', kind: 'wrapper' });
    expect(m.idioms['component-export'].variants).toEqual([expect.objectContaining({ variant: 'named', sites: 7 })]);
    expect(out.result.summary.driftIndex).toBe(m.driftIndex);
    expect(m.driftIndex).toBeLessThan(0.2);
  });
});
