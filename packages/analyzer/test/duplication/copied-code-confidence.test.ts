import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from '../design-system/fixture.js';
import { amongTests, controlFlow, entityVariants, isWholeCode } from '../../src/detectors/copied-code/confidence.js';
import type { NearClass } from '../../src/detectors/shared/near-classes.js';
import { hash32 } from '../../src/facts/components.js';

describe('copied-code: copies it finds but does not report', () => {
  const out = analyzeFixture('duplication', 'copied-code-confidence');
  const findings = findingsOf(out, 'copied-code');
  const places = findings.flatMap((f) => [f.file, ...f.related.map((r) => r.replace(/:\d+$/, ''))]);

  it('reports copied logic, a copied function and a small piece copied into three places', () => {
    expect(findings.map((f) => `${f.file}:${f.line}-${f.endLine} ${f.related.join(' ')}`).sort()).toEqual([
      // a 36-line function written per entity is a copy to extract
      'src/billing/export-payouts.ts:3-38 src/exports/export-commissions.ts:3',
      // 22 lines with branches and loops inside two different functions
      'src/billing/invoice.ts:6-27 src/shipping/packing-slip.ts:5',
      // a whole function without control flow
      'src/lib/theme.ts:1-13 src/views/theme-preview.tsx:3',
      // 13 lines in three places: extracting them removes 26
      'src/metrics/cpu.ts:5-17 src/metrics/disk.ts:5 src/metrics/memory.ts:5',
      // the two panels and the two views are near-miss copies as whole functions (below)
      'src/panels/audit.ts:4-25 src/panels/events.ts:4',
      'src/views/supplier-view.tsx:3-45 src/views/customer-view.tsx:3',
    ]);
  });

  it('leaves a layout shared by two views, a small piece copied once, per-entity hooks, test set-up and per-back-end SQL', () => {
    for (const quiet of [
      'src/hooks/use-link-shares.ts', // useLinkShares -> usePixelShares, linkId -> pixelId, 16 lines
      'src/monitors/panel-prune.clienttest.ts',
      'src/lib/db/prisma.ts',
    ])
      expect(places).not.toContain(quiet);
    // 30 lines of JSX without control flow, and 12 lines with branches in two places, are no exact class: the
    // functions holding them are reported instead, as near-miss copies of each other (a fragment left
    // unreported holds no units)
    const views = findings.find((f) => f.file === 'src/views/supplier-view.tsx')!;
    expect(views.message).toMatch(/^`SupplierView` \(43 lines\) is copied with changes in 2 places/);
    const panels = findings.find((f) => f.file === 'src/panels/audit.ts')!;
    expect(panels.message).toMatch(/^`auditPanel` \(22 lines\) is copied with changes in 2 places/);
  });

  it('still counts the copies it leaves in the duplicated-lines ratio', () => {
    const metrics = out.result.metrics['copied-code'] as { linesInCopies: number; classes: number };
    expect(metrics.classes).toBe(3);
    const reported = findings.reduce((n, f) => n + (f.endLine - f.line + 1) * (1 + f.related.length), 0);
    // the reported spans hold 311 lines (blank ones too); with both per-entity hooks (2 × 16 lines of code) the
    // copies hold more lines of code than that, without them fewer
    expect(metrics.linesInCopies).toBeGreaterThan(reported);
  });
});

describe('copied-code confidence helpers', () => {
  const tokens = (text: string) => Uint32Array.from(text.split(' ').map(hash32));

  it('counts branches, loops, awaits and conditionals, not optional properties', () => {
    expect(controlFlow(tokens('const x = a ? b : c ;'), 0, 8)).toBe(1);
    expect(controlFlow(tokens('type T = { a ? : string }'), 0, 9)).toBe(0);
    expect(controlFlow(tokens('if ( x ) { await y ( ) } else throw e'), 0, 13)).toBe(4);
    expect(controlFlow(tokens('< div className = { x } />'), 0, 7)).toBe(0);
  });

  it('calls module declarations and a whole block body whole code, a run of statements inside a body not', () => {
    const t = tokens('const a = 1 ; function f ( x ) { const y = x ; return y ; } const b = { c : 2 } ;');
    // `function f ( x ) { … }` at the top of the module
    expect(isWholeCode(t, 5, 20)).toBe(true);
    // the body of f with its closing brace, and without it
    expect(isWholeCode(t, 11, 20)).toBe(true);
    expect(isWholeCode(t, 11, 19)).toBe(true);
    // two statements of the body, not all of it; a piece cut across the closing brace
    expect(isWholeCode(t, 11, 16)).toBe(false);
    expect(isWholeCode(t, 15, 23)).toBe(false);
  });

  it('calls small units that swap one entity word for another entity variants, long ones and renamed copies not', () => {
    const cls = (lines: number, renamed: Array<[string, string]>): NearClass => ({
      units: [
        { doc: 0, start: 0, end: 100, name: 'a', line: 1, endLine: lines },
        { doc: 1, start: 0, end: 100, name: 'b', line: 1, endLine: lines },
      ],
      similarity: [1, 1],
      renamed: [[], renamed],
    });
    const swap: Array<[string, string]> = [
      ['useLinkSharesQuery', 'usePixelSharesQuery'],
      ['linkId', 'pixelId'],
    ];
    expect(entityVariants(cls(15, swap))).toBe(true);
    expect(entityVariants(cls(40, swap))).toBe(false);
    expect(
      entityVariants(
        cls(15, [
          ['items', 'rows'],
          ['total', 'sum'],
        ]),
      ),
    ).toBe(false);
    // a copy of one sibling compared with another: the entity's words swap, and a name gains a word
    expect(
      entityVariants(
        cls(15, [
          ['useMarketplacePromo', 'useStablecoinPromoCopy'],
          ['marketplaceStatus', 'stablecoinStatusCopy'],
          ['status', 'statusCopy'],
        ]),
      ),
    ).toBe(false);
    // appending a word is a renamed copy, not another entity
    expect(
      entityVariants(
        cls(15, [
          ['summary', 'summaryCopy'],
          ['total', 'totalCopy'],
        ]),
      ),
    ).toBe(false);
  });

  it('names test files by a suffix of their own, and only when every copy is one', () => {
    expect(amongTests(['a/panel.clienttest.tsx', 'b/api.servertest.ts'])).toBe(true);
    expect(amongTests(['a/panel.clienttest.tsx', 'src/panel.tsx'])).toBe(false);
    expect(amongTests(['src/latest.ts', 'src/contest.ts'])).toBe(false);
  });
});
