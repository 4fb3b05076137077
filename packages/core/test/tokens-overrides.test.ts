import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lengthCalc } from '../src/tokens/config-modules.js';
import { loadTokens } from '../src/tokens/load.js';
import { appliesIn } from '../src/tokens/packages.js';
import type { PackageManifest } from '../src/tokens/packages.js';
import type { TokenSettings } from '../src/tokens/types.js';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'plumbline-overrides-'));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  return root;
}

/** The value of a Tailwind key (`radius:sm`) that applies to a file, Tailwind's default or the project's. */
function keyIn(settings: TokenSettings, file: string, key: string): string[] {
  const applies = appliesIn(settings, file);
  return settings.tokens
    .filter((t) => t.tailwind && `${t.tailwind.namespace}:${t.tailwind.key}` === key && applies(t))
    .map((t) => `${t.file === 'tailwind:defaults' ? 'default' : t.file} ${t.value}`);
}

describe("a default Tailwind key one app's theme overrides", () => {
  const root = project({
    'apps/a/package.json': '{ "name": "a" }',
    'apps/a/tailwind.config.js': "module.exports = { theme: { extend: { borderRadius: { sm: '4px' } } } };",
    'apps/b/package.json': '{ "name": "b" }',
    'apps/b/tailwind.config.js': "module.exports = { theme: { extend: { colors: { brand: '#0f766e' } } } };",
  });
  const packages: PackageManifest[] = [
    { dir: '', deps: [] },
    { dir: 'apps/a', name: 'a', deps: [], tailwind: 3 },
    { dir: 'apps/b', name: 'b', deps: [], tailwind: 3 },
  ];
  const { settings } = loadTokens(root, { files: ['apps/a/tailwind.config.js', 'apps/b/tailwind.config.js'], packages });

  it("is the app's own value in that app", () => {
    expect(keyIn(settings, 'apps/a/src/x.tsx', 'radius:sm')).toEqual(['apps/a/tailwind.config.js 4px']);
  });
  it("stays Tailwind's default in another app whose theme does not set it", () => {
    expect(keyIn(settings, 'apps/b/src/x.tsx', 'radius:sm')).toEqual(['default 0.125rem']);
  });
  it('is dropped everywhere when the root package sets it', () => {
    const single = loadTokens(root, { files: ['apps/a/tailwind.config.js'] }).settings;
    expect(keyIn(single, 'apps/b/src/x.tsx', 'radius:sm')).toEqual(['apps/a/tailwind.config.js 4px']);
  });
});

describe('a Tailwind config built by calling a function of a workspace module', () => {
  const root = project({
    'apps/web/package.json': '{ "name": "web", "dependencies": { "@acme/ui": "*" } }',
    'apps/web/tailwind.config.js':
      "const uiConfig = require('@acme/ui/ui.config.js');\nmodule.exports = uiConfig({ content: ['./src/**/*.tsx'], theme: {} });",
    'packages/ui/package.json': '{ "name": "@acme/ui" }',
    'packages/ui/ui.config.js':
      "const deepMerge = require('deepmerge');\nconst ui = require('./tailwind.config');\nmodule.exports = (c) => deepMerge({ ...c }, ui);",
    'packages/ui/tailwind.config.js':
      "const shadcn = require('./tailwind.shadcn.config');\nmodule.exports = { theme: deepMerge({ extend: {} }, shadcn.theme) };",
    'packages/ui/tailwind.shadcn.config.js':
      "module.exports = { theme: { extend: { borderRadius: { lg: 'var(--radius)', md: 'calc(var(--radius) - 2px)', sm: 'calc(var(--radius) - 4px)' } } } };",
    'packages/ui/src/global.css': ':root {\n  --radius: 0.5rem;\n  --a: 1px;\n  --b: 2px;\n}\n',
  });
  const packages: PackageManifest[] = [
    { dir: 'apps/web', name: 'web', deps: ['@acme/ui'], tailwind: 3 },
    { dir: 'packages/ui', name: '@acme/ui', deps: [] },
  ];
  const { settings } = loadTokens(root, {
    files: ['apps/web/tailwind.config.js', 'packages/ui/tailwind.config.js', 'packages/ui/src/global.css'],
    packages,
  });

  it("reads the theme through the modules it imports: the shadcn radii replace Tailwind's", () => {
    expect(keyIn(settings, 'apps/web/src/x.tsx', 'radius:sm')).toEqual(['packages/ui/tailwind.shadcn.config.js 4px']);
    expect(keyIn(settings, 'apps/web/src/x.tsx', 'radius:md')).toEqual(['packages/ui/tailwind.shadcn.config.js 6px']);
  });
});

describe('lengthCalc', () => {
  it('computes a sum or difference of two px/rem lengths, and leaves anything else alone', () => {
    expect(lengthCalc('calc(0.5rem - 2px)')).toBe('6px');
    expect(lengthCalc('calc(4px + 0.25rem)')).toBe('8px');
    expect(lengthCalc('calc(100% - 2px)')).toBe('calc(100% - 2px)');
    expect(lengthCalc(null)).toBeNull();
  });
});

describe('a Sass mixin of the dark theme', () => {
  const root = project({
    'styles/theme.scss':
      '@mixin light-theme {\n  --bar: #ede9fe;\n  --ink: #111111;\n}\n@mixin dark-theme {\n  --bar: #2a2e31;\n}\n.light-theme {\n  @include light-theme;\n}\n.dark-theme {\n  @include dark-theme;\n}\n',
  });
  const { settings } = loadTokens(root, { files: ['styles/theme.scss'] });
  it("holds the dark values, the light mixin's are the default", () => {
    const bar = settings.tokens.filter((t) => t.cssVar === '--bar').map((t) => `${t.value} ${t.mode ?? 'default'}`);
    expect(bar.sort()).toEqual(['#2a2e31 @mixin dark-theme', '#ede9fe default']);
  });
});
