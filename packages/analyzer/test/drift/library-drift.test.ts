import { describe, expect, it } from 'vitest';
import { analyzeDrift, analyzeFiles, findings, driftFacts, metrics } from './fixture.js';
import { normalizedEntropy } from '../../src/detectors/shared/drift.js';

describe('library roles', () => {
  it('mixed HTTP clients: the local wrapper is the convention, direct fetch and ky are the drift', () => {
    const out = analyzeDrift('mixed-http');
    const http = metrics(out).roles.http;
    expect(http.convention).toMatchObject({
      choice: 'src/api/client',
      kind: 'wrapper',
      files: 6,
      definedIn: { file: 'src/api/client.ts', name: 'api' },
    });
    expect(http.choices.map((c: { choice: string; files: number }) => [c.choice, c.files])).toEqual([
      ['src/api/client', 6],
      ['fetch', 1],
      ['ky', 1],
    ]);
    expect(http.wrapperFiles).toEqual(['src/api/client.ts']);
    const fs = findings(out);
    expect(fs).toEqual([
      {
        ruleId: 'library-drift',
        file: 'src/features/reports.ts',
        line: 2,
        column: 21,
        endLine: 2,
        endColumn: 26,
        message: 'fetch (HTTP client) in 1 file; this codebase uses src/api/client (api) in 6 files (75 %).',
        related: ['src/api/client.ts:4', 'src/features/billing.ts:1', 'src/features/invoices.ts:1', 'src/features/projects.ts:1'],
      },
      {
        ruleId: 'library-drift',
        file: 'src/legacy/orders.ts',
        line: 1,
        column: 16,
        endLine: 1,
        endColumn: 20,
        message: 'ky (HTTP client) in 1 file; this codebase uses src/api/client (api) in 6 files (75 %).',
        related: ['src/api/client.ts:4', 'src/features/billing.ts:1', 'src/features/invoices.ts:1', 'src/features/projects.ts:1'],
      },
    ]);
  });

  it('yup and luxon together are two roles, each with one choice: not drift', () => {
    const out = analyzeDrift('different-roles');
    expect(findings(out)).toEqual([]);
    const roles = metrics(out).roles;
    expect(roles.validation.choices).toEqual([expect.objectContaining({ choice: 'yup', files: 3 })]);
    expect(roles.dates.choices).toEqual([expect.objectContaining({ choice: 'luxon', files: 4 })]);
    expect(roles['date-formatting'].choices).toEqual([expect.objectContaining({ choice: 'luxon', files: 1 })]);
    expect(metrics(out).driftIndex).toBe(0);
    expect(out.result.summary.driftIndex).toBe(0);
  });

  it('store methods, parameters and locals named fetch are not the fetch API', () => {
    const out = analyzeDrift('store-fetch');
    expect(findings(out)).toEqual([]);
    for (const path of ['src/use-things.ts', 'src/store-hook.ts', 'src/stores/users.ts']) {
      expect(
        driftFacts(out, path).usages.filter((u) => u.choice === 'fetch'),
        path,
      ).toEqual([]);
    }
    expect(metrics(out).roles.http.choices.map((c: { choice: string }) => c.choice)).toEqual(['axios']);
  });

  it('a declared migration reports the old choice even where it is the majority, citing the decision', () => {
    const out = analyzeDrift('migration');
    const fs = findings(out, 'library-drift');
    expect(fs.map((f) => [f.file, f.line, f.column, f.endColumn])).toEqual([
      ['src/invoices.ts', 1, 20, 28],
      ['src/orders.ts', 1, 20, 28],
      ['src/payouts.ts', 1, 20, 28],
      ['src/refunds.ts', 1, 20, 28],
    ]);
    expect(fs[0]!.message).toBe(
      'moment (date library) is being replaced by dayjs per ADR-7 (docs/adr/7.md); 4 files still use it, 2 use dayjs.',
    );
    const dates = metrics(out).roles.dates;
    expect(dates.convention).toMatchObject({ choice: 'dayjs', files: 2 });
    expect(dates.decision).toEqual({ id: 'ADR-7', link: 'docs/adr/7.md' });
  });
});

describe('drift index', () => {
  it('is the normalised entropy: 0 for one choice, 1 for an even split', () => {
    expect(normalizedEntropy([10])).toBe(0);
    expect(normalizedEntropy([5, 5])).toBe(1);
    expect(normalizedEntropy([3, 3, 3])).toBe(1);
    expect(normalizedEntropy([9, 1])).toBeCloseTo(0.469, 3);
    expect(normalizedEntropy([])).toBe(0);
  });
});

const CLIENT = `export async function apiFetch(path: string) {\n  const res = await fetch(\`/api\${path}\`, { credentials: 'include' });\n  return res.json();\n}\nexport const api = { get: (path: string) => apiFetch(path) };\n`;
const users = (dir: string, n: number, spec: string) =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `${dir}/f${i}.ts`,
      `import { api } from '${spec}';\nexport const load${i} = () => api.get('/x/${i}');\n`,
    ]),
  );

// library-drift is in the all preset: the projects these tests write turn it on.
const STRICT = { 'plumbline.config.json': JSON.stringify({ preset: 'all' }) };

describe('library roles: where a convention cannot serve', () => {
  it('a wrapper is the convention only for code that can import it: its package and dependents, its runtime', () => {
    const out = analyzeFiles({
      ...STRICT,
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/web/package.json': JSON.stringify({ name: 'web', dependencies: { api: '*' } }),
      'packages/api/package.json': JSON.stringify({ name: 'api', main: 'src/index.ts' }),
      'packages/worker/package.json': JSON.stringify({ name: 'worker' }),
      'packages/api/src/index.ts': CLIENT,
      ...users('packages/web/src/features', 9, 'api'),
      // drift: a dependent of the wrapper's package fetching directly
      'packages/web/src/legacy/orders.ts': `export const orders = () => fetch('/api/orders');\n`,
      // quiet: a package that does not depend on the wrapper, and server code beside a browser client
      'packages/worker/src/job.ts': `export const ping = (url: string) => fetch(url);\n`,
      'packages/web/src/server/oauth.ts': `export const token = () => fetch('https://auth.example.com/token');\n`,
    });
    expect(findings(out, 'library-drift').map((f) => [f.file, f.line])).toEqual([['packages/web/src/legacy/orders.ts', 1]]);
    // the files left alone go to the editor rule through the conventions cache
    expect(metrics(out).roles.http.quietFiles).toEqual(['packages/web/src/server/oauth.ts', 'packages/worker/src/job.ts']);
  });

  it('error classes, brand logos, ids with a length and clients handed to another package choose nothing', () => {
    const lucide = Object.fromEntries(
      Array.from({ length: 4 }, (_, i) => [`src/ui/i${i}.tsx`, `import { X } from 'lucide-react';\nexport const I${i} = () => <X />;\n`]),
    );
    const ids = Object.fromEntries(
      Array.from({ length: 4 }, (_, i) => [`src/ids/u${i}.ts`, `import { v4 } from 'uuid';\nexport const id${i} = () => v4();\n`]),
    );
    const fetches = Object.fromEntries(
      Array.from({ length: 4 }, (_, i) => [`src/http/h${i}.ts`, `export const get${i} = (u: string) => fetch(u);\n`]),
    );
    const out = analyzeFiles({
      ...STRICT,
      ...lucide,
      ...ids,
      ...fetches,
      'src/ui/share.tsx': `import { FaXTwitter } from 'react-icons/fa6';\nimport { FcGoogle } from 'react-icons/fc';\nexport const S = () => <><FaXTwitter /><FcGoogle /></>;\n`,
      'src/ui/team.tsx': `import { FaUsers } from 'react-icons/fa6';\nexport const T = () => <FaUsers />;\n`,
      // the sign-in form takes Google's logo from react-icons: its OIDC icon beside it comes from there too
      'src/ui/signin.tsx': `import { FaIdCardClip } from 'react-icons/fa6';\nimport { FcGoogle } from 'react-icons/fc';\nexport const S = () => <><FcGoogle /><FaIdCardClip /></>;\n`,
      'src/errors/axios.ts': `import { AxiosError } from 'axios';\nexport const isAxios = (e: unknown) => e instanceof AxiosError;\n`,
      'src/ids/blob.ts': `import { nanoid } from 'nanoid';\nexport const fileId = () => nanoid(40);\n`,
      'src/ids/short.ts': `import { nanoid } from 'nanoid';\nexport const shortId = () => nanoid();\n`,
      'src/http/unifi.ts': `import axios from 'axios';\nimport Unifi from 'node-unifi';\nexport const c = new Unifi({ createAxiosInstance: () => axios.create({ timeout: 5 }) });\n`,
    });
    expect(findings(out, 'library-drift').map((f) => [f.file, f.line])).toEqual([
      ['src/ids/short.ts', 1],
      ['src/ui/team.tsx', 1],
    ]);
  });

  it('a short-key helper of a custom alphabet is no convention for UUIDs, but is for direct nanoid calls', () => {
    const keys = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [
        `src/links/l${i}.ts`,
        `import { nanoid } from '../lib/nanoid';\nexport const key${i} = () => nanoid();\n`,
      ]),
    );
    const out = analyzeFiles({
      ...STRICT,
      'src/lib/nanoid.ts': `import { customAlphabet } from 'nanoid';\nexport const nanoid = (chars?: number) => customAlphabet('0123456789abcdef', chars || 7)();\n`,
      ...keys,
      'src/forms/items.ts': `import { v4 } from 'uuid';\nexport const itemId = () => v4();\n`,
      'src/forms/direct.ts': `import { nanoid } from 'nanoid';\nexport const rowId = () => nanoid();\n`,
    });
    expect(findings(out, 'library-drift').map((f) => [f.file, f.line])).toEqual([['src/forms/direct.ts', 1]]);
  });

  it('a workspace package whose own files agree on another choice (a GraphQL data provider on Apollo) keeps it', () => {
    const query = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [
        `packages/app/src/q${i}.ts`,
        `import { useQuery } from '@tanstack/react-query';\nexport const useQ${i} = () => useQuery({ queryKey: ['${i}'] });\n`,
      ]),
    );
    const apollo = Object.fromEntries(
      Array.from({ length: 3 }, (_, i) => [
        `packages/data-graphql/src/g${i}.ts`,
        `import { ApolloClient } from '@apollo/client';\nexport const c${i} = new ApolloClient({});\n`,
      ]),
    );
    const out = analyzeFiles({
      ...STRICT,
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/app/package.json': JSON.stringify({ name: 'app' }),
      'packages/data-graphql/package.json': JSON.stringify({ name: 'data-graphql' }),
      ...query,
      ...apollo,
      // a package built on the Apollo one
      'packages/data-graphql-simple/package.json': JSON.stringify({ name: 'data-graphql-simple', dependencies: { 'data-graphql': '*' } }),
      'packages/data-graphql-simple/src/parse.ts': `import { ApolloClient } from '@apollo/client';\nexport const parse = (c: ApolloClient<unknown>) => c.query({});\n`,
      'packages/app/src/legacy.ts': `import useSWR from 'swr';\nexport const useLegacy = () => useSWR('/x');\n`,
    });
    expect(findings(out, 'library-drift').map((f) => [f.file, f.line])).toEqual([['packages/app/src/legacy.ts', 1]]);
  });
});
