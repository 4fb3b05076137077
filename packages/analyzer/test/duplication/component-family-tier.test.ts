import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCheckSettings, loadConfig } from '@plumbline/core';
import { analyze, workingTreeSource } from '../../src/analyze.js';
import { discoverFiles } from '../../src/discover.js';
import { analyzeFixture, findingsOf } from '../design-system/fixture.js';
import { CONFIDENT, isConfident } from '../../src/detectors/shared/family-evidence.js';
import type { CodeEvidence } from '../../src/detectors/shared/family-evidence.js';

/** The places of component-family's findings shown on a fixture with `report` set (undefined: the default). */
function families(name: string, report?: 'all' | 'confident') {
  const root = join(import.meta.dirname, '../../../../fixtures/duplication', name);
  const config = loadConfig(root);
  config.rules['component-family'] = report ? ['warn', { report }] : 'warn';
  const { files } = discoverFiles(root, config);
  const { settings } = buildCheckSettings(root, config);
  const out = analyze({ root, config, settings, cache: null, source: workingTreeSource(root, files) });
  // a family below the tier is rated, not shown: the result's findings are the shown ones
  return out.result.findings.filter((f) => f.ruleId === 'component-family').map((f) => [f.file, ...f.related.map((r) => r.file)]);
}

describe('component-family: the confident tier (report: "confident", the default)', () => {
  it('shows a dialog written again for another entity, not two selects that share their markup around logic of their own', () => {
    expect(families('component-family-tier')).toEqual([['src/teams/delete-team-dialog.tsx', 'src/users/delete-user-dialog.tsx']]);
  });

  it('shows every family with report: "all"', () => {
    expect(families('component-family-tier', 'all')).toEqual([
      ['src/teams/delete-team-dialog.tsx', 'src/users/delete-user-dialog.tsx'],
      ['src/tracker/day-select.tsx', 'src/tracker/period-select.tsx'],
    ]);
  });

  it('rates, without showing, four button primitives of one role whose trees differ', () => {
    expect(families('variant-families')).toEqual([]);
    expect(families('variant-families', 'all')).toHaveLength(1);
  });
});

describe('component-family: copies that copied-code does not show', () => {
  it('shows a dialog copied into another folder, which copied-code (its confident tier: copies in one folder) rates without showing, and says nothing of copied-code', () => {
    const out = analyzeFixture('duplication', 'component-family-tier');
    expect(findingsOf(out, 'copied-code')).toEqual([]);
    const [f, ...rest] = findingsOf(out, 'component-family');
    expect(rest).toEqual([]);
    expect(f!.message).toMatch(/^2 components render a <div> with near-identical structure \(similarity 1\.00\): DeleteTeamDialog /);
  });
});

describe('isConfident', () => {
  const code = (worstSimilarity: number, pairs = 1): CodeEvidence => ({
    similarity: 1,
    renames: 0,
    hunks: 0,
    texts: 0,
    pairs,
    worstSimilarity,
    worstRenames: 0,
  });
  const family = (min: number) => ({ min });

  it('takes a family whose every pair is one component written again, or whose trees are near-identical and code alike', () => {
    expect(isConfident(family(0.85), code(CONFIDENT.code))).toBe(true);
    expect(isConfident(family(0.85), code(CONFIDENT.code - 0.01))).toBe(false);
    expect(isConfident(family(CONFIDENT.tree), code(CONFIDENT.treeCode))).toBe(true);
    expect(isConfident(family(CONFIDENT.tree - 0.01), code(CONFIDENT.treeCode))).toBe(false);
    expect(isConfident(family(1), code(CONFIDENT.treeCode - 0.01))).toBe(false);
    // code that could not be read or aligned is no evidence for the tier
    expect(isConfident(family(1), code(1, 0))).toBe(false);
  });
});
