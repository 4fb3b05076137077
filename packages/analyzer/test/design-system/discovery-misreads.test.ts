import { join } from 'node:path';
import { buildCheckSettings, loadConfig } from '@plumbline/core';
import type { DesignSystemSettings } from '@plumbline/core';
import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from './fixture.js';

const settingsOf = (name: string) => {
  const root = join(import.meta.dirname, '../../../../fixtures/design-system', name);
  return buildCheckSettings(root, loadConfig(root)).settings.designSystem as DesignSystemSettings;
};

// misreads of zero-config discovery on real repositories: an icon package taken for a second design system
// (teable's @teable/icons: glyphs named Link and Image), an Nx library behind an exact tsconfig path read as npm
describe('design-system discovery: what is not a design system, and libraries behind exact tsconfig paths', () => {
  it('a workspace package of glyphs named after elements (Link, Image drawing an <svg>) is an icon set; a system exporting icons is not', () => {
    const ds = settingsOf('icon-package');
    expect(ds.systems?.map((s) => [s.kind, s.name])).toEqual([['workspace', '@acme/ui']]);
    expect(ds.packages.map((p) => p.name)).toEqual(['@acme/ui']);
    expect(ds.migrations).toBeUndefined();
    expect(ds.components.some((c) => c.importFrom.startsWith('@acme/glyphs'))).toBe(false);
  });

  it('counts its glyphs neither for nor against adoption: an icon is artwork, not a homebrew control', () => {
    const out = analyzeFixture('design-system', 'icon-package');
    expect(out.result.metrics['design-system-adoption']).toMatchObject({ designSystem: 6, local: 0, raw: 0 });
    expect(out.result.summary.designSystemAdoption).toBe(1);
  });

  it('an exact tsconfig path to a library entry (tsconfig.base.json, no workspaces) is the repository own package', () => {
    const ds = settingsOf('nx-alias');
    expect(ds.source).toBe('inferred');
    expect(ds.packages).toEqual([{ name: '@acme/ui', dir: 'libs/ui', entryPoints: null }]);
    expect(ds.systems?.map((s) => [s.kind, s.name, s.importers])).toEqual([['workspace', '@acme/ui', 5]]);
    expect(ds.elements.button).toMatchObject({ component: 'Button', importFrom: '@acme/ui', isPath: false });
    // an alias to a folder of the app itself (`api` -> apps/web/src/api) is no library
    expect(ds.paths).toEqual(['libs/ui']);
    // the prefix aliases of the same tsconfig.base.json are read too
    expect(ds.aliases).toContainEqual({ scope: '', prefix: '@/web/', target: 'apps/web/src' });
  });

  it('its own Button is known, so a raw <button> re-creating its look is sent to it', () => {
    const out = analyzeFixture('design-system', 'nx-alias');
    expect(findingsOf(out, 'prefer-design-system-component').map((f) => [f.file, f.line])).toEqual([
      ['apps/web/src/pages/export-bar.tsx', 5],
    ]);
    expect(out.result.summary.designSystemAdoption).not.toBeNull();
  });
});
