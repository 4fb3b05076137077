import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALIBRATION, defaultConfig, isRatedRule } from '@plumbline/core';
import type { ResolvedConfig } from '@plumbline/core';
import { analyze, workingTreeSource } from '../src/analyze.js';
import { discoverFiles } from '../src/discover.js';

// The rating is taken on every rated rule whatever the config turns on: a team cannot raise its rating
// by turning rules off, and two teams with different presets are compared on the same rules.

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'plumbline-rating-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

function run(root: string, over: Partial<ResolvedConfig> = {}) {
  const config = { ...defaultConfig(), ...over };
  const { files } = discoverFiles(root, config);
  return analyze({ root, config, cache: null, source: workingTreeSource(root, files), concurrency: 1 }).result;
}

const FILES = {
  // pass-through-function and magic-number: rules of the all preset, off by default
  'src/a.ts': `import { find } from './repo';\nexport function loadInvoice(id: string) {\n  return find(id);\n}\n`,
  'src/cart.ts': `export function total(items: number[], price: number) {\n  let t = 0;\n  if (items.length > 5) t = price * 1.19;\n  return t;\n}\n`,
};

describe('the rating run', () => {
  it('counts the rated rules a default scan does not report, and reports none of them', () => {
    const root = project(FILES);
    const quiet = run(root);
    const strict = run(root, { preset: 'all' });
    expect([...new Set(strict.findings.map((f) => f.ruleId))].sort()).toEqual(['magic-number', 'pass-through-function']);
    expect(quiet.findings).toEqual([]);
    expect(quiet.summary.debtMinutes).toBe(0);
    // the same rated debt either way: the all preset's findings, each at its effort x its rule's weight
    const expected = strict.findings.reduce((n, f) => n + f.effortMinutes * CALIBRATION.weights[f.ruleId]!, 0);
    expect(strict.findings.every((f) => isRatedRule(f.ruleId))).toBe(true);
    expect(quiet.summary.rated!.minutes).toBeCloseTo(expected, 2);
    expect(quiet.summary.rated).toEqual(strict.summary.rated);
    expect(quiet.summary.rating).toBe(strict.summary.rating);
    expect(quiet.summary.rated!.byCategory.abstraction.minutes).toBeGreaterThan(0);
    expect(quiet.summary.rated!.byCategory['magic-value'].minutes).toBeGreaterThan(0);
  });

  it('turning a rule off or lowering its effort does not change the rating', () => {
    const root = project(FILES);
    const strict = run(root, { preset: 'all' });
    const off = run(root, { preset: 'all', rules: { 'magic-number': 'off', 'pass-through-function': 'off' } });
    const cheap = run(root, { preset: 'all', effort: { 'magic-number': 0, 'pass-through-function': 0 } });
    expect(off.findings).toEqual([]);
    expect(cheap.summary.debtMinutes).toBe(0);
    expect(off.summary.rated).toEqual(strict.summary.rated);
    expect(cheap.summary.rated).toEqual(strict.summary.rated);
  });

  it('gives the same rating on two runs of the same tree', () => {
    const root = project(FILES);
    expect(run(root).summary.rated).toEqual(run(root).summary.rated);
  });
});
