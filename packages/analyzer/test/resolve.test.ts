import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCheckSettings, defaultConfig } from '@plumbline/core';
import { discoverFiles } from '../src/discover.js';
import { ModuleResolver } from '../src/resolve.js';

const root = join(import.meta.dirname, '../../../fixtures/resolve/monorepo');

describe('ModuleResolver', () => {
  const config = defaultConfig();
  const { files } = discoverFiles(root, config);
  const { settings, errors } = buildCheckSettings(root, config);
  const r = new ModuleResolver(files, settings);

  it('reads workspaces and tsconfig with comments and trailing commas', () => {
    expect(errors).toEqual([]);
    expect(r.workspacePackage('@acme/ui')?.entries).toEqual(['packages/ui/src/index.ts']);
    // no exports map: null (every subpath reachable); deep-import judges by the layout then
    expect(r.workspacePackage('@acme/ui')?.exports).toBeNull();
  });
  it('resolves relative specifiers with TS extension rules and directories', () => {
    expect(r.resolve('apps/web/src/main.ts', './features/x/a.js')).toEqual({
      kind: 'file',
      path: 'apps/web/src/features/x/a.ts',
      package: 'web',
    });
    expect(r.resolve('packages/ui/src/index.ts', './button')).toEqual({
      kind: 'file',
      path: 'packages/ui/src/button/index.tsx',
      package: '@acme/ui',
    });
  });
  it('resolves tsconfig paths of the nearest tsconfig', () => {
    expect(r.resolve('apps/web/src/main.ts', '@/features/x/a')).toMatchObject({ kind: 'file', path: 'apps/web/src/features/x/a.ts' });
    expect(r.resolve('apps/web/src/main.ts', '#lib')).toMatchObject({ kind: 'file', path: 'apps/web/src/lib/index.ts' });
    // outside that tsconfig's directory the alias means nothing
    expect(r.resolve('packages/ui/src/index.ts', '@/features/x/a')).toEqual({ kind: 'package', name: '@/features', subpath: 'x/a' });
  });
  it('lists the workspace packages', () => {
    expect(r.workspacePackages().map((p) => p.name)).toEqual(['@acme/ui', 'web']);
  });
  it('resolves workspace packages to their source entry, and subpaths inside them', () => {
    expect(r.resolve('apps/web/src/main.ts', '@acme/ui')).toEqual({ kind: 'file', path: 'packages/ui/src/index.ts', package: '@acme/ui' });
    expect(r.resolve('apps/web/src/main.ts', '@acme/ui/src/button')).toEqual({
      kind: 'file',
      path: 'packages/ui/src/button/index.tsx',
      package: '@acme/ui',
    });
  });
  it('leaves npm packages and builtins alone', () => {
    expect(r.resolve('apps/web/src/main.ts', 'react-dom/client')).toEqual({ kind: 'package', name: 'react-dom', subpath: 'client' });
    expect(r.resolve('apps/web/src/main.ts', 'node:fs')).toEqual({ kind: 'unresolved' });
    expect(r.resolve('apps/web/src/main.ts', './missing')).toEqual({ kind: 'unresolved' });
  });
});

describe("ModuleResolver.for: a run starts from the previous run's resolutions (trend snapshots)", () => {
  const config = defaultConfig();
  const { files } = discoverFiles(root, config);
  const { settings } = buildCheckSettings(root, config);
  // paths whose arrival or departure changes how the specifiers below resolve
  const extra = [
    'apps/web/src/features/x/b.ts',
    'apps/web/src/features/x/b/index.ts',
    'apps/web/src/features/x/a.tsx',
    'apps/web/src/features/x/c.d.ts',
    'apps/web/src/lib.ts',
    'packages/ui/src/button.ts',
    'packages/ui/src/card.tsx',
    'packages/ui/src/card/index.ts',
    'apps/web/src/features/x/a.js.ts',
  ];
  const specifiers: Array<[string, string]> = [
    ['apps/web/src/main.ts', './features/x/a.js'],
    ['apps/web/src/main.ts', './features/x/a'],
    ['apps/web/src/main.ts', './features/x/b'],
    ['apps/web/src/main.ts', './features/x/b.js'],
    ['apps/web/src/main.ts', './features/x/c'],
    ['apps/web/src/main.ts', '#lib'],
    ['apps/web/src/main.ts', '@/features/x/b'],
    ['packages/ui/src/index.ts', './button'],
    ['packages/ui/src/index.ts', './card'],
    ['apps/web/src/main.ts', '@acme/ui'],
    ['apps/web/src/main.ts', '@acme/ui/src/card'],
    ['apps/web/src/main.ts', 'react'],
  ];
  it('answers as a fresh resolver would, whatever files come and go between runs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.subarray(extra), fc.subarray(files, { minLength: files.length - 3 })), { minLength: 2, maxLength: 6 }),
        (runs) => {
          for (const [added, kept] of runs) {
            const paths = [...kept, ...added].map((path) => ({ path }));
            const shared = ModuleResolver.for(paths, settings);
            const fresh = new ModuleResolver(
              paths.map((p) => p.path),
              settings,
            );
            for (const [from, spec] of specifiers) expect(shared.resolve(from, spec)).toEqual(fresh.resolve(from, spec));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
  it('is one resolver for the detectors of a run (the same files array)', () => {
    const paths = files.map((path) => ({ path }));
    expect(ModuleResolver.for(paths, settings)).toBe(ModuleResolver.for(paths, settings));
  });
});

describe('workspace packages: what each offers and depends on (modules settings)', () => {
  const fixture = join(import.meta.dirname, '../../../fixtures/drift/deep-import-boundaries');
  const config = defaultConfig();
  const { files } = discoverFiles(fixture, config);
  const r = new ModuleResolver(files, buildCheckSettings(fixture, config).settings);

  it('reads the source each exports-map subpath stands for, built targets mapped back to src', () => {
    expect(r.workspacePackage('@acme/types')?.exportTargets).toEqual([
      { subpath: './integration', target: 'packages/types/integration/index' },
      { subpath: './*', target: 'packages/types/*' },
    ]);
    expect(r.workspacePackage('@acme/database')?.exportTargets).toContainEqual({
      subpath: './prisma-adapter',
      target: 'packages/database/src/prisma-adapter',
    });
    expect(r.workspacePackage('@acme/lib')?.exportTargets).toBeUndefined(); // no exports map
  });
  it('tells libraries (an entry in package.json) from apps, and lists workspace dependencies', () => {
    expect(r.workspacePackage('@acme/lib')?.declaresEntry).toBe(true);
    expect(r.workspacePackage('site')?.declaresEntry).toBe(false); // its `browser` object only replaces modules
    expect(r.workspacePackage('@acme/ui')?.dependencies).toEqual(['@acme/lib', '@acme/vite-plugins']);
    expect(r.workspacePackage('site')?.dependencies).toEqual(['@acme/ui', '@acme/utils']);
  });
});

describe('ModuleResolver: JavaScript projects below a root with no package.json', () => {
  // a Go or Python repository with its web app in web/ and a clients/ workspace: their tsconfigs and workspaces count
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-nested-'));
  const put = (rel: string, text: string) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  put('go.mod', 'module example.com/app\n');
  put('web/package.json', JSON.stringify({ name: 'web-app', private: true }));
  put('web/tsconfig.json', JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }));
  put('web/src/components/ui/button.tsx', 'export const Button = () => null;\n');
  put('web/src/pages/home.tsx', "import { Button } from '@/components/ui/button';\nexport const Home = Button;\n");
  put('clients/package.json', JSON.stringify({ name: 'clients', private: true, workspaces: ['packages/*'] }));
  put('clients/packages/ui/package.json', JSON.stringify({ name: '@acme/ui', main: 'src/index.ts' }));
  put('clients/packages/ui/src/index.ts', 'export const Card = () => null;\n');
  const config = defaultConfig();
  const { files } = discoverFiles(dir, config);
  const { settings } = buildCheckSettings(dir, config);
  const r = new ModuleResolver(files, settings);

  it("reads a sub-project's tsconfig paths and a nested workspace's packages", () => {
    expect(r.resolve('web/src/pages/home.tsx', '@/components/ui/button')).toMatchObject({
      kind: 'file',
      path: 'web/src/components/ui/button.tsx',
    });
    expect(r.workspacePackage('@acme/ui')).toMatchObject({ dir: 'clients/packages/ui', entries: ['clients/packages/ui/src/index.ts'] });
  });
});

describe('ModuleResolver: a workspace below a root package.json that declares none', () => {
  // polar: the root package.json only pins `packageManager`; the pnpm workspace is clients/
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-nested-ws-'));
  const put = (rel: string, text: string) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  put('package.json', JSON.stringify({ private: true, packageManager: 'pnpm@10.0.0' }));
  put('clients/package.json', JSON.stringify({ name: 'clients', private: true }));
  put('clients/pnpm-workspace.yaml', 'packages:\n  - apps/*\n  - packages/*\n');
  put('clients/packages/ui/package.json', JSON.stringify({ name: '@acme/ui', main: 'src/index.ts' }));
  put('clients/packages/ui/src/index.ts', 'export const Card = () => null;\n');
  put('clients/apps/web/package.json', JSON.stringify({ name: 'web', private: true }));
  put('clients/apps/web/src/page.tsx', "import { Card } from '@acme/ui';\nexport const Page = Card;\n");
  // a tool's package below the root that declares no workspace is not a project of its own
  put('docs/package.json', JSON.stringify({ name: 'docs', private: true }));
  put('docs/packages/theme/package.json', JSON.stringify({ name: '@docs/theme' }));
  const config = defaultConfig();
  const { files } = discoverFiles(dir, config);
  const { settings } = buildCheckSettings(dir, config);
  const r = new ModuleResolver(files, settings);

  it("reads the nested workspace's packages", () => {
    expect(r.workspacePackage('@acme/ui')).toMatchObject({ dir: 'clients/packages/ui', entries: ['clients/packages/ui/src/index.ts'] });
    expect(r.resolve('clients/apps/web/src/page.tsx', '@acme/ui')).toMatchObject({
      kind: 'file',
      path: 'clients/packages/ui/src/index.ts',
    });
    expect(r.workspacePackage('@docs/theme')).toBeUndefined();
  });
});
