import { describe, expect, it } from 'vitest';
import { canImport } from '@plumbline/core';
import type { DesignSystemSettings } from '@plumbline/core';
import { analyzeFixture, findingsOf } from './fixture.js';

describe('design-system: a monorepo of two apps, each with its own components', () => {
  const out = analyzeFixture('design-system', 'two-apps');
  const of = (file: string) => findingsOf(out, 'design-system-shadow', 'prefer-design-system-component').filter((f) => f.file === file);

  it("never answers a shadow with another app's component (apps/public cannot import apps/start's Input)", () => {
    expect(of('apps/public/src/components/ui/input.tsx')).toEqual([]);
  });

  it("never sends a raw element to another app's component; its own app's Button is named instead", () => {
    // line 4 copies apps/start's Button look: apps/public cannot import that one, and its own Button looks otherwise
    expect(of('apps/public/src/app/hero.tsx').map((f) => [f.ruleId, f.line, f.message])).toEqual([
      [
        'prefer-design-system-component',
        7,
        'Raw `<button>`: the design system has `Button` (`@/components/ui/button`); use it so styles, states and accessibility stay consistent.',
      ],
    ]);
  });

  it('stays quiet on a ghost ...Button (only a hover fill) and an underline tab: no box at rest', () => {
    expect(of('apps/start/src/pages/ghost-buttons.tsx')).toEqual([]);
  });

  it("answers a shadow inside an app with that app's own component", () => {
    expect(of('apps/start/src/pages/settings.tsx').map((f) => [f.ruleId, f.line, f.message])).toEqual([
      [
        'design-system-shadow',
        1,
        "`SaveButton` re-implements the design system's `Button`: it renders a raw <button>, as `Button` does. Use `Button` from `apps/start/src/components/ui/button` instead.",
      ],
      [
        'prefer-design-system-component',
        12,
        'Raw `<button>`: the design system has `Button` (`@/components/ui/button`); use it so styles, states and accessibility stay consistent.',
      ],
    ]);
  });
});

describe('design-system: what a file can import', () => {
  const ds = {
    source: 'inferred',
    packages: [
      { name: '@acme/ui', dir: 'packages/ui', entryPoints: null },
      { name: '@mui/material', dir: null, entryPoints: null },
      { name: 'antd', dir: null, entryPoints: null },
    ],
    paths: ['packages/ui', 'apps/web/src/components/ui'],
    components: [],
    elements: {},
    consumers: null,
    aliases: [{ scope: 'apps/admin', prefix: '@web/', target: 'apps/web/src' }],
    projects: [
      { dir: '', uses: [] },
      { dir: 'apps/web', name: '@acme/web', uses: ['@acme/ui'] },
      { dir: 'apps/admin', name: '@acme/admin', uses: ['@mui/material'] },
      { dir: 'apps/docs', name: '@acme/docs', uses: ['@acme/web'] },
      { dir: 'packages/ui', name: '@acme/ui', uses: [] },
    ],
  } satisfies DesignSystemSettings;
  const pkg = (importFrom: string) => ({ importFrom, isPath: false });
  const path = (importFrom: string) => ({ importFrom, isPath: true });

  it('a package: when the file’s own package.json depends on it (or no package.json names it at all)', () => {
    expect(canImport(ds, 'apps/web/src/a.tsx', pkg('@acme/ui'))).toBe(true);
    expect(canImport(ds, 'apps/admin/src/a.tsx', pkg('@acme/ui/button'))).toBe(false);
    expect(canImport(ds, 'apps/admin/src/a.tsx', pkg('@mui/material'))).toBe(true);
    expect(canImport(ds, 'apps/web/src/a.tsx', pkg('@mui/material'))).toBe(false);
    expect(canImport(ds, 'apps/web/src/a.tsx', pkg('antd'))).toBe(true);
  });

  it('a module path: inside its own package, behind one of its aliases, or in a package it depends on', () => {
    expect(canImport(ds, 'apps/web/src/pages/a.tsx', path('apps/web/src/components/ui/button'))).toBe(true);
    expect(canImport(ds, 'apps/admin/src/a.tsx', path('apps/web/src/components/ui/button'))).toBe(true);
    expect(canImport(ds, 'apps/docs/src/a.tsx', path('apps/web/src/components/ui/button'))).toBe(true);
    expect(canImport(ds, 'packages/ui/src/a.tsx', path('apps/web/src/components/ui/button'))).toBe(false);
    expect(canImport({ ...ds, projects: undefined }, 'packages/ui/src/a.tsx', path('apps/web/src/components/ui/button'))).toBe(true);
  });
});
