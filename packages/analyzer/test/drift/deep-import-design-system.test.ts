import { describe, expect, it } from 'vitest';
import { analyzeFiles } from './fixture.js';

// A design system kept in the workspace is imported by its subpaths by design (shadcn-style ui packages):
// deep-import leaves it out whether or not design-system-deep-import (npm packages only) is on, so turning
// that rule off does not make the imports findings of another rule.
const files = (rules: Record<string, string>) => ({
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*', 'packages/*'] }),
  'plumbline.config.json': JSON.stringify({ designSystem: { packages: ['@acme/ui'] }, rules }),
  'packages/ui/package.json': JSON.stringify({ name: '@acme/ui', main: 'src/index.ts' }),
  'packages/ui/src/index.ts': "export { Button } from './button';\n",
  'packages/ui/src/button.tsx': 'export function Button(props: { label: string }) {\n  return <button>{props.label}</button>;\n}\n',
  'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { '@acme/ui': '*' } }),
  'apps/web/src/page.tsx': 'import { Button } from \'@acme/ui/src/button\';\n\nexport const Page = () => <Button label="Save" />;\n',
});

describe('deep-import and design-system-deep-import', () => {
  it("leave subpath imports of the workspace's design-system package alone, whichever is on", () => {
    const both = analyzeFiles(files({}));
    const alone = analyzeFiles(files({ 'design-system-deep-import': 'off' }));
    const where = (out: typeof both) => out.result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`);
    expect(where(both)).toEqual([]);
    expect(where(alone)).toEqual([]);
    // while an import of another workspace package's internals is reported
    const other = analyzeFiles({ ...files({}), 'plumbline.config.json': JSON.stringify({ designSystem: { packages: ['@vendor/kit'] } }) });
    expect(where(other)).toEqual(['deep-import apps/web/src/page.tsx:1']);
    expect(alone.result.summary.rated).toEqual(both.result.summary.rated);
  });

  it('report a name the entry exports, imported by path where most imports use the entry (`cn` from `@unkey/ui/src/lib/utils`)', () => {
    const fs: Record<string, string> = files({});
    for (let i = 0; i < 3; i++)
      fs[`apps/web/src/entry${i}.tsx`] = `import { Button } from '@acme/ui';\n\nexport const E${i} = () => <Button label="${i}" />;\n`;
    expect(analyzeFiles(fs).result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(['deep-import apps/web/src/page.tsx:1']);
  });
});

describe('deep-import: a package that names no entry', () => {
  it('is imported by its paths, dependents and all: no finding (karakeep imports `@karakeep/trpc/routers/_app` so)', () => {
    const files = {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'packages/trpc/package.json': JSON.stringify({ name: '@acme/trpc', private: true }),
      'packages/trpc/index.ts': 'export const router = (routes: object) => routes;\n',
      'packages/trpc/routers/_app.ts':
        "import { router } from '../index';\nexport const appRouter = router({});\nexport type AppRouter = typeof appRouter;\n",
      'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { '@acme/trpc': '*' } }),
      'apps/web/src/client.ts': "import { appRouter } from '@acme/trpc/routers/_app';\n\nexport const routes = appRouter;\n",
    };
    expect(analyzeFiles(files).result.findings.filter((f) => f.ruleId === 'deep-import')).toEqual([]);
    // with an entry named in package.json, the same import bypasses it
    const withEntry = { ...files, 'packages/trpc/package.json': JSON.stringify({ name: '@acme/trpc', private: true, main: 'index.ts' }) };
    expect(
      analyzeFiles(withEntry)
        .result.findings.filter((f) => f.ruleId === 'deep-import')
        .map((f) => `${f.file}:${f.line}`),
    ).toEqual(['apps/web/src/client.ts:1']);
  });
});

describe('deep-import: a module the entry re-exports only as types', () => {
  it('is offered by its path: the entry keeps its run-time code out on purpose (a server-only client)', () => {
    const files = {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'packages/db/package.json': JSON.stringify({ name: '@acme/db', private: true, main: './src/index.ts' }),
      'packages/db/src/index.ts': "export type { Db } from './client';\nexport * from './schema';\n",
      'packages/db/src/client.ts': "import { connect } from 'postgres';\nexport const db = connect();\nexport type Db = typeof db;\n",
      'packages/db/src/schema.ts': "export const users = 'users';\n",
      'packages/db/src/seed.ts': "export const seed = () => 'seed';\n",
      'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { '@acme/db': '*' } }),
      'apps/web/src/trpc.ts':
        "import { db } from '@acme/db/src/client';\nimport { seed } from '@acme/db/src/seed';\n\nexport const ctx = { db, seed };\n",
    };
    const deep = (fs: Record<string, string>) =>
      analyzeFiles(fs)
        .result.findings.filter((f) => f.ruleId === 'deep-import')
        .map((f) => `${f.file}:${f.line}`);
    // the seed module is not named by the entry at all: still a finding; the client is kept to its types on purpose
    expect(deep(files)).toEqual(['apps/web/src/trpc.ts:2']);
    // once the entry re-exports the client's values, the deep path bypasses it
    expect(deep({ ...files, 'packages/db/src/index.ts': "export * from './client';\nexport * from './schema';\n" })).toEqual([
      'apps/web/src/trpc.ts:1',
      'apps/web/src/trpc.ts:2',
    ]);
  });
});

describe('deep-import: a package whose entry exports nothing', () => {
  it('is a program, not an API: its modules are used by their paths (a CLI that runs on import)', () => {
    const files = {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/cli/package.json': JSON.stringify({ name: '@acme/cli', main: 'src/index.ts', bin: { acme: 'bin/acme.js' } }),
      'packages/cli/src/index.ts': "import { run } from './commands';\n\nvoid run(process.argv);\n",
      'packages/cli/src/commands.ts': 'export const run = (argv: string[]) => argv.length;\n',
      'packages/cli/src/queries.ts': 'export const findUser = (id: string) => `select ${id}`;\n',
      'packages/core/package.json': JSON.stringify({ name: '@acme/core', dependencies: { '@acme/cli': '*' } }),
      'packages/core/src/users.ts': "import { findUser } from '@acme/cli/src/queries';\n\nexport const user = findUser('1');\n",
    };
    const deep = (fs: Record<string, string>) =>
      analyzeFiles(fs)
        .result.findings.filter((f) => f.ruleId === 'deep-import')
        .map((f) => `${f.file}:${f.line}`);
    expect(deep(files)).toEqual([]);
    // an entry that exports an API is the path to use
    const library = { ...files, 'packages/cli/src/index.ts': "export { run } from './commands';\n" };
    expect(deep(library)).toEqual(['packages/core/src/users.ts:1']);
  });
});

describe('deep-import: a package its dependents import by its paths more than by its entry', () => {
  it("is used so by the team's convention; the exceptions to an entry most imports use stay findings", () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'packages/ch/package.json': JSON.stringify({ name: '@acme/ch', main: './src/index.ts' }),
      'packages/ch/src/index.ts': "export { keys } from './keys';\n",
      'packages/ch/src/keys.ts': 'export const keys = (id: string) => id;\n',
      'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { '@acme/ch': '*' } }),
    };
    for (let i = 0; i < 6; i++)
      files[`apps/web/src/deep${i}.ts`] = `import { keys } from '@acme/ch/src/keys';\nexport const k${i} = keys('${i}');\n`;
    files['apps/web/src/entry0.ts'] = "import { keys } from '@acme/ch';\nexport const e0 = keys('e');\n";
    const deep = (fs: Record<string, string>) => analyzeFiles(fs).result.findings.filter((f) => f.ruleId === 'deep-import').length;
    // six imports by path, one by the entry: the paths are how the team uses the package
    expect(deep(files)).toBe(0);
    // once most imports go through the entry, the six by path are the exceptions
    for (let i = 1; i < 7; i++) files[`apps/web/src/entry${i}.ts`] = `import { keys } from '@acme/ch';\nexport const e${i} = keys('e');\n`;
    expect(deep(files)).toBe(6);
  });
});
