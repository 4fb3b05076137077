import { describe, expect, it } from 'vitest';
import { analyzeDrift, analyzeFiles, findings } from './fixture.js';

describe('deep imports', () => {
  it('reports deep imports into a workspace package, and says what the entry offers', () => {
    const out = analyzeDrift('deep-import');
    expect(findings(out)).toEqual([
      {
        ruleId: 'deep-import',
        file: 'apps/web/src/page.tsx',
        line: 1,
        column: 24,
        endLine: 1,
        endColumn: 45,
        message:
          "@acme/ui/src/button reaches into workspace package @acme/ui, bypassing its entry point; import { Button } from '@acme/ui'.",
        related: ['packages/ui/src/index.ts:1'],
      },
      {
        ruleId: 'deep-import',
        file: 'apps/web/src/page.tsx',
        line: 2,
        column: 24,
        endLine: 2,
        endColumn: 66,
        message:
          "Relative import of packages/ui/src/internal/ripple.ts reaches into workspace package @acme/ui, bypassing its entry point; import it from '@acme/ui' or a subpath its exports map offers, exporting it there if it is public.",
        related: ['packages/ui/src/index.ts:1'],
      },
    ]);
  });

  it("stays quiet on the package's entry point and on a subpath its exports map offers", () => {
    const lines = findings(analyzeDrift('deep-import'), 'deep-import').map((f) => `${f.file}:${f.line}`);
    expect(lines).not.toContain('apps/web/src/page.tsx:3'); // @acme/ui/icons: offered by the exports map
    expect(lines).not.toContain('apps/web/src/page.tsx:4'); // @acme/ui: the entry point
  });
});

describe('deep imports: the suggestion is a path the package offers', () => {
  const out = analyzeDrift('deep-import-boundaries');
  const at = (file: string, line: number) => findings(out, 'deep-import').find((f) => f.file === file && f.line === line);

  it("suggests the exports-map subpath that covers the file when the package has no '.' entry", () => {
    // @acme/types exports './integration' and './*' only, like a package of shared types
    expect(at('packages/database/zod/users.ts', 1)).toMatchObject({
      column: 28,
      endLine: 1,
      endColumn: 46,
      related: ['packages/types/package.json:1'],
    });
    expect(at('packages/database/zod/users.ts', 1)?.message).toContain("'@acme/types/user'");
    expect(at('packages/database/zod/users.ts', 2)?.message).toContain("'@acme/types/integration'"); // the exact key wins over './*'
  });

  it('maps a built exports target back to its source file', () => {
    // './prisma-adapter' -> './dist/src/prisma-adapter.js', the source of which is src/prisma-adapter.ts
    expect(at('packages/ui/tooltip.tsx', 2)?.message).toContain("'@acme/database/prisma-adapter'");
  });

  it('suggests the subpath when the entry exports nothing (`export {}`) and the package has no exports map', () => {
    expect(at('packages/ui/tooltip.tsx', 1)).toMatchObject({ column: 33, endColumn: 60, related: ['packages/lib/package.json:1'] });
    expect(at('packages/ui/tooltip.tsx', 1)?.message).toContain("'@acme/lib/constants/template'");
  });

  it('says when the package offers no public path at all for the file, and still reports it', () => {
    const noPath = at('packages/ui/tooltip.tsx', 4);
    expect(noPath).toMatchObject({ column: 22, endColumn: 41, related: ['packages/icons/package.json:1'] });
    expect(noPath?.message).not.toContain("from '@acme/icons'");
    expect(at('packages/ui/tooltip.tsx', 5)?.message).toContain("'@acme/icons/svg/close'");
  });

  it("follows an entry's `export *` tree of any size to see that it exports the imported names", () => {
    // src/functions re-exports 35 modules; cn is the last
    expect(at('apps/site/page.tsx', 1)).toMatchObject({ column: 20, endColumn: 47, related: ['packages/utils/src/index.ts:1'] });
    expect(at('apps/site/page.tsx', 1)?.message).toContain("import { cn } from '@acme/utils'");
    expect(at('apps/site/page.tsx', 2)?.message).toContain("import { EU_COUNTRY_CODES } from '@acme/utils'");
  });

  it('reports a relative value import that hides a package dependency cycle as the cycle, with the chain', () => {
    // @acme/widgets -> @acme/board -> @acme/api: importing '@acme/widgets' from api would close the cycle
    const cycle = at('packages/api/src/router.ts', 2);
    expect(cycle).toMatchObject({ column: 28, endColumn: 54, related: ['packages/widgets/src/stocks.ts:1'] });
    expect(cycle?.message).toContain('@acme/widgets -> @acme/board -> @acme/api');
  });

  it('stays quiet where the importer cannot do otherwise, and on apps', () => {
    const files = findings(out, 'deep-import').map((f) => `${f.file}:${f.line}`);
    expect(files).not.toContain('packages/api/src/router.ts:1'); // type-only import across the cycle: no run-time dependency
    expect(files).not.toContain('packages/api/src/router.ts:3'); // a plain import of a type alias only: elided too
    expect(files.filter((f) => f.startsWith('scripts/'))).toEqual([]); // a root script belongs to no package
    expect(files.filter((f) => /tooltip\.test|setupTests|test-utils|integration\//.test(f))).toEqual([]); // tests, set-up, a test-only helper
    expect(files).not.toContain('packages/ui/vite.config.ts:1'); // a tool config bundles its relative imports
    expect(files).not.toContain('packages/email/index.ts:1'); // apps/site is an app: no entry (`browser` maps modules), nothing depends on it
    expect(files).not.toContain('apps/site/page.tsx:3'); // the entry
    // apps/desktop is an app too: private, its `main` a build output with no source, nothing depends on it
    expect(files.filter((f) => f.startsWith('packages/sdk/'))).toEqual([]);
    expect(files).toHaveLength(10);
  });
});

describe('deep imports: the entry named through a private path', () => {
  const json = (o: unknown) => JSON.stringify(o);
  const out = analyzeFiles({
    'package.json': json({ name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] }),
    'packages/utils/package.json': json({ name: '@acme/utils', main: './dist/index.mjs', types: './dist/index.d.ts' }),
    'packages/utils/src/index.ts': 'export function cn(...c: string[]) {\n  return c.join(" ");\n}\n',
    'apps/web/package.json': json({ name: 'web', private: true, dependencies: { '@acme/utils': 'workspace:*' } }),
    'apps/web/src/a.ts': "import { cn } from '@acme/utils/src';\nexport const a = cn('x');\n",
    'apps/web/src/b.ts': "import { cn } from '@acme/utils';\nexport const b = cn('y');\n",
  });

  it('reports `@acme/utils/src`, which resolves to the entry by a path the package does not publish, and not `@acme/utils`', () => {
    const found = findings(out, 'deep-import');
    expect(found.map((f) => `${f.file}:${f.line}`)).toEqual(['apps/web/src/a.ts:1']);
    expect(found[0]!.message).toContain("import { cn } from '@acme/utils'");
  });
});

describe("deep imports: a transform's test fixtures", () => {
  const json = (o: unknown) => JSON.stringify(o);
  const old = "import { makeConfig } from '@acme/core/src/config';\nexport const c = makeConfig();\n";
  const out = analyzeFiles({
    'package.json': json({ name: 'acme', private: true, workspaces: ['packages/*'] }),
    'packages/core/package.json': json({ name: '@acme/core', main: './src/index.ts' }),
    'packages/core/src/index.ts': "export { makeConfig } from './config';\n",
    'packages/core/src/config.ts': 'export function makeConfig() {\n  return { name: "acme" };\n}\n',
    'packages/codemod/package.json': json({ name: '@acme/codemod', dependencies: { '@acme/core': 'workspace:*' } }),
    // the codemod rewrites `@acme/core/src/config` to `@acme/core`: its fixture pair keeps the old import on purpose
    'packages/codemod/src/transforms/types-entry/basic.input.ts': old,
    'packages/codemod/src/transforms/types-entry/basic.output.ts':
      "import { makeConfig } from '@acme/core';\nexport const c = makeConfig();\n",
    // an API's input type with no `.output` twin is product code
    'packages/codemod/src/api/create-user.input.ts': old,
  });

  it('stays quiet on an `.input` file beside its `.output` twin, and reports a lone `.input` file', () => {
    expect(findings(out, 'deep-import').map((f) => `${f.file}:${f.line}`)).toEqual(['packages/codemod/src/api/create-user.input.ts:1']);
  });
});

describe('deep imports: a package whose entry is a build output it does not hold', () => {
  const json = (o: unknown) => JSON.stringify(o);
  const out = analyzeFiles({
    'package.json': json({ name: 'acme', private: true, workspaces: ['packages/*'] }),
    // a functions project: `main` names a dist/ it never builds here, and its modules are how others use it
    'packages/functions/package.json': json({ name: 'functions', main: './dist/index.js', types: 'dist/index.d.ts' }),
    'packages/functions/convex/_system/frontend/filters.ts': 'export function parseFilters(s: string) {\n  return s.split(",");\n}\n',
    // a library whose built entry maps back to its source entry
    'packages/lib/package.json': json({ name: '@acme/lib', main: './dist/index.js' }),
    'packages/lib/src/index.ts': "export { slug } from './slug';\n",
    'packages/lib/src/slug.ts': 'export function slug(s: string) {\n  return s.toLowerCase();\n}\n',
    'packages/dashboard/package.json': json({ name: 'dashboard', dependencies: { functions: 'workspace:*', '@acme/lib': 'workspace:*' } }),
    'packages/dashboard/src/page.ts':
      "import { parseFilters } from 'functions/convex/_system/frontend/filters';\nimport { slug } from '@acme/lib/src/slug';\nexport const p = [parseFilters('a'), slug('B')];\n",
  });

  it('stays quiet on the paths of a package with no entry to import, and reports the library bypassed', () => {
    expect(findings(out, 'deep-import').map((f) => `${f.file}:${f.line}`)).toEqual(['packages/dashboard/src/page.ts:2']);
  });
});
