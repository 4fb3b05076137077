import { join } from 'node:path';
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
    expect(r.resolve('apps/web/src/main.ts', './features/x/a.js')).toEqual({ kind: 'file', path: 'apps/web/src/features/x/a.ts', package: 'web' });
    expect(r.resolve('packages/ui/src/index.ts', './button')).toEqual({ kind: 'file', path: 'packages/ui/src/button/index.tsx', package: '@acme/ui' });
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
    expect(r.resolve('apps/web/src/main.ts', '@acme/ui/src/button')).toEqual({ kind: 'file', path: 'packages/ui/src/button/index.tsx', package: '@acme/ui' });
  });
  it('leaves npm packages and builtins alone', () => {
    expect(r.resolve('apps/web/src/main.ts', 'react-dom/client')).toEqual({ kind: 'package', name: 'react-dom', subpath: 'client' });
    expect(r.resolve('apps/web/src/main.ts', 'node:fs')).toEqual({ kind: 'unresolved' });
    expect(r.resolve('apps/web/src/main.ts', './missing')).toEqual({ kind: 'unresolved' });
  });
});
