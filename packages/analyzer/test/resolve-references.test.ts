import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCheckSettings, defaultConfig } from '@plumbline/core';
import { discoverFiles } from '../src/discover.js';
import { ModuleResolver } from '../src/resolve.js';

describe('ModuleResolver: a solution-style tsconfig.json that references tsconfig.app.json (Vite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-references-'));
  const put = (rel: string, text: string) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  put('package.json', JSON.stringify({ private: true, workspaces: ['apps/*', 'packages/*'] }));
  // the root solution references each package: it lends none of their paths to the whole tree
  put('tsconfig.json', JSON.stringify({ files: [], references: [{ path: './packages/lib/tsconfig.json' }] }));
  put('packages/lib/package.json', JSON.stringify({ name: '@acme/lib' }));
  put('packages/lib/tsconfig.json', JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }));
  put('packages/lib/src/format.ts', 'export const format = (x: string) => x;\n');
  put('apps/web/package.json', JSON.stringify({ name: 'web', private: true }));
  put(
    'apps/web/tsconfig.json',
    JSON.stringify({ files: [], references: [{ path: './tsconfig.node.json' }, { path: './tsconfig.app.json' }] }),
  );
  put('apps/web/tsconfig.node.json', JSON.stringify({ compilerOptions: { module: 'nodenext' } }));
  put('apps/web/tsconfig.app.json', '{ // comments as Vite writes them\n "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }\n');
  put('apps/web/src/components/ui/button.tsx', 'export const Button = () => null;\n');
  put('apps/web/src/pages/home.tsx', "import { Button } from '@/components/ui/button';\nexport const Home = Button;\n");
  put('src/format.ts', 'export const format = (x: string) => x;\n');
  put('src/page.ts', "import { format } from '@/format';\nexport const page = format;\n");
  const config = defaultConfig();
  const { files } = discoverFiles(dir, config);
  const { settings } = buildCheckSettings(dir, config);
  const r = new ModuleResolver(files, settings);

  it("reads the paths of the referenced tsconfig.app.json beside it, not those of a package's tsconfig the root references", () => {
    expect(r.resolve('apps/web/src/pages/home.tsx', '@/components/ui/button')).toMatchObject({
      kind: 'file',
      path: 'apps/web/src/components/ui/button.tsx',
    });
    expect(r.resolve('src/page.ts', '@/format')).not.toMatchObject({ kind: 'file' });
  });
});
