import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCheckSettings, loadConfig } from '@plumbline/core';
import { analyze, workingTreeSource } from '../packages/analyzer/src/analyze.js';
import { discoverFiles } from '../packages/analyzer/src/discover.js';
import { changeStatements, plant, recall, renameAll, rng, unitsOf } from '../scripts/plant-clones.mjs';

const fixture = join(import.meta.dirname, '../fixtures/duplication/plant-source');

describe('plant-clones: the planted-clone harness', () => {
  const text = readFileSync(join(fixture, 'src/cart/totals.ts'), 'utf8');
  const [unit] = unitsOf('src/cart/totals.ts', text);
  const code = text.slice(unit.start, unit.end);

  it('finds named units of 15+ lines', () => {
    expect(unit).toMatchObject({ name: 'cartTotals', line: 8, endLine: 23 });
  });

  it('type-2 renames every name the unit binds, and no property or outside name', () => {
    const renamed: string = renameAll(unit, code);
    for (const name of ['cartTotals', 'lines', 'coupon', 'subtotal', 'tax', 'line', 'amount', 'discount', 'total'])
      expect(renamed).toContain(`${name}Copy`);
    expect(renamed).toContain('line.quantity'.replace('line', 'lineCopy'));
    expect(renamed).toContain('Math.round(');
    // a shorthand property keeps its key
    expect(renamed).toContain('subtotal: subtotalCopy');
    expect(renamed).not.toMatch(/\bMathCopy|quantityCopy|percentCopy/);
  });

  it('type-3 changes one to three statements and nothing else', () => {
    const changed: string = changeStatements(unit, code, rng(7));
    expect(changed).not.toBe(code);
    const a = code.split('\n');
    const b = changed.split('\n');
    const kept = a.filter((l) => b.includes(l)).length;
    expect(a.length - kept).toBeLessThanOrEqual(3);
    expect(b.filter((l) => l.includes('planted change')).length + (a.length - kept)).toBeGreaterThanOrEqual(1);
  });

  const tree = mkdtempSync(join(tmpdir(), 'plant-test-'));
  afterAll(() => rmSync(tree, { recursive: true, force: true }));

  it('plants seeded copies of each type and measures their recall with copied-code', () => {
    cpSync(fixture, tree, { recursive: true });
    const plants = plant(tree, { places: 2, seed: 3 });
    expect(plants.map((p: { type: string }) => p.type)).toEqual(['type-1', 'type-1', 'type-2', 'type-2', 'type-3', 'type-3']);
    // each type copies other units: six different originals
    expect(new Set(plants.map((p: { from: { name: string } }) => p.from.name)).size).toBe(6);
    const config = loadConfig(tree);
    const { files } = discoverFiles(tree, config);
    const { settings } = buildCheckSettings(tree, config);
    const out = analyze({ root: tree, config, settings, cache: null, source: workingTreeSource(tree, files) });
    const r = recall(out.result.findings, plants);
    expect([r['type-1'].found, r['type-2'].found, r['type-3'].planted]).toEqual([2, 2, 2]);
    expect(r['type-3'].found).toBeGreaterThanOrEqual(1);
    // a finding that holds only the copy, not its original, does not count
    const copyOnly = out.result.findings
      .filter((f) => f.ruleId === 'copied-code')
      .map((f) => ({ ...f, file: 'elsewhere.ts', related: f.related.filter((x) => x.file.includes('planted')) }));
    expect(recall(copyOnly, plants)['type-1'].found).toBe(0);
  });
});
