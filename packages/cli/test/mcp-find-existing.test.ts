import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnalysis } from '../src/conventions/analysis.js';
import type { Analysis } from '../src/conventions/analysis.js';
import { checkCode } from '../src/mcp/check-code.js';
import { ToolError } from '../src/mcp/errors.js';
import { findExistingCode } from '../src/mcp/find-existing.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

/** `cartTotals` (src/cart/totals.ts) with every name renamed: what an assistant writes instead of importing it. */
const BASKET_SUMS = `export function basketSums(rows: Row[], voucher?: { percent: number; maxOff: number }) {
  let net = 0;
  let vat = 0;
  for (const row of rows) {
    if (row.quantity <= 0) continue;
    const value = row.quantity * row.unitPrice;
    net += value;
    vat += Math.round(value * row.taxRate);
  }
  let off = 0;
  if (voucher) {
    off = Math.min(Math.round((net * voucher.percent) / 100), voucher.maxOff);
  }
  const sum = net - off + vat;
  return { net, vat, off, sum, empty: rows.length === 0 };
}
`;
const ROW = 'export interface Row {\n  sku: string;\n  quantity: number;\n  unitPrice: number;\n  taxRate: number;\n}\n\n';

describe('find_existing_code and check_code: the existing function a new one duplicates', () => {
  let dir: string;
  let analysis: Analysis;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plumbline-find-existing-'));
    cpSync(join(REPO, 'fixtures/duplication/plant-source'), dir, { recursive: true, filter: (src) => !src.includes('.plumbline') });
    // a file written after the analysis: find_existing_code by path and name reads it as it is on disk
    mkdirSync(join(dir, 'src/checkout'));
    writeFileSync(join(dir, 'src/checkout/basket.ts'), ROW + BASKET_SUMS);
    analysis = loadAnalysis({ root: dir, cache: false });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a renamed copy given as a snippet names cartTotals, its place and the similarity', () => {
    const r = findExistingCode(analysis, { snippet: BASKET_SUMS });
    expect(r.found).toBe(true);
    expect(r.existing[0]).toMatchObject({ name: 'cartTotals', kind: 'function', file: 'src/cart/totals.ts', line: 8, endLine: 23 });
    expect(r.existing[0]!.similarity).toBeGreaterThan(0.8);
    expect(r.existing[0]!.similarity).toBeLessThanOrEqual(1);
    expect(r.advice).toMatch(/^this code duplicates `cartTotals` in src\/cart\/totals\.ts:8/);
  });

  it('a file path and a function name: the function is compared, never answered with itself', () => {
    const r = findExistingCode(analysis, { path: 'src/checkout/basket.ts', name: 'basketSums' });
    expect(r.query).toEqual({ name: 'basketSums', path: 'src/checkout/basket.ts', line: 8, endLine: 23 });
    expect(r.existing.map((e) => `${e.file}:${e.name}`)).toEqual(['src/cart/totals.ts:cartTotals']);
    expect(r.advice).toMatch(/^`basketSums` duplicates `cartTotals` in src\/cart\/totals\.ts:8/);
  });

  it('code that exists nowhere else: found false, with the reason', () => {
    const r = findExistingCode(analysis, { snippet: 'export const twice = (n: number) => n * 2;\n' });
    expect(r).toMatchObject({ found: false, existing: [] });
    expect(r.advice).toMatch(
      /^no existing function, hook or component duplicates this code \(no duplicate found; the snippet has \d+ tokens/,
    );
  });

  it('bad input is a structured error', () => {
    expect(() => findExistingCode(analysis, {})).toThrow(ToolError);
    expect(() => findExistingCode(analysis, { path: 'src/cart/totals.ts' })).toThrow(/give both path and name/);
    expect(() => findExistingCode(analysis, { path: 'src/cart/totals.ts', name: 'nope' })).toThrow(
      /declares no function, hook or component named nope/,
    );
    expect(() => findExistingCode(analysis, { path: '../outside.ts', name: 'x' })).toThrow(/outside the repository/);
  });

  it('check_code names the helper a proposed file writes again', () => {
    rmSync(join(dir, 'src/checkout'), { recursive: true });
    const r = checkCode(loadAnalysis({ root: dir, cache: false }), 'src/orders/order-sums.ts', ROW + BASKET_SUMS);
    expect(r.writtenAgain).toEqual([
      expect.objectContaining({ name: 'basketSums', line: 8, existing: { name: 'cartTotals', file: 'src/cart/totals.ts', line: 8 } }),
    ]);
    expect(r.writtenAgain[0]!.message).toMatch(/^`basketSums` in this change duplicates `cartTotals` in src\/cart\/totals\.ts:8/);
    expect(r.summary).toContain('duplicates `cartTotals`');
    expect(r.duplicates[0]!.places).toEqual(
      expect.arrayContaining([expect.objectContaining({ file: 'src/cart/totals.ts', name: 'cartTotals' })]),
    );
  });
});
