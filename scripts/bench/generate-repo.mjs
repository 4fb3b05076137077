#!/usr/bin/env node
// Generates the benchmark repository: a React/TS monorepo (apps with feature folders, a design system
// with tokens, shared utilities, tests) of about the requested number of lines, with a git history of
// 27 weekly commits (the oldest holds ~70% of the features; each later week adds features and edits
// ~1.2% of the files). Deterministic: the same size gives the same bytes and the same commit ids.
//
//   node scripts/bench/generate-repo.mjs <size: 50k | 500k | 5000> <directory>
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { foundationFiles } from './design-system.mjs';
import { editChunk, featureFiles } from './feature.mjs';
import { pascal, plural, rng } from './random.mjs';

/** Bump when the generated content changes, so that cached trees are regenerated. */
export const GENERATOR_VERSION = 9;
export const WEEKS = 26;
const START = Date.UTC(2025, 0, 6, 9, 0, 0) / 1000; // a Monday
const BORN_AT_START = 0.7;
const EDIT_RATE = 0.012;

const NOUNS = [
  'invoice',
  'customer',
  'order',
  'product',
  'shipment',
  'payment',
  'subscription',
  'user',
  'team',
  'project',
  'task',
  'ticket',
  'report',
  'campaign',
  'lead',
  'contract',
  'vendor',
  'warehouse',
  'refund',
  'coupon',
  'review',
  'notification',
  'message',
  'document',
  'asset',
  'event',
  'booking',
  'room',
  'employee',
  'payroll',
  'timesheet',
  'expense',
  'budget',
  'forecast',
  'account',
  'transaction',
  'policy',
  'claim',
  'patient',
  'appointment',
  'course',
  'lesson',
  'quote',
  'supplier',
  'carrier',
  'route',
  'vehicle',
  'driver',
  'incident',
  'release',
  'feature-flag',
  'webhook',
  'integration',
  'workspace',
  'member',
  'invite',
  'comment',
  'attachment',
  'survey',
  'response',
];
const QUALIFIERS = [
  '',
  'line',
  'note',
  'template',
  'rule',
  'export',
  'audit',
  'schedule',
  'batch',
  'setting',
  'alert',
  'tag',
  'group',
  'approval',
  'history',
];

export function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)(k|m)?$/i.exec(String(text).trim());
  if (!m) throw new Error(`size must look like 50k, 500k or 5000, got "${text}"`);
  return Math.round(Number(m[1]) * (m[2] ? (m[2].toLowerCase() === 'k' ? 1000 : 1_000_000) : 1));
}

const lineCount = (text) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

function appsFor(lines) {
  if (lines < 100_000) return ['web'];
  if (lines < 300_000) return ['web', 'admin'];
  return ['web', 'admin', 'partner-portal', 'ops-console'];
}

/** The shell of one app: entry, routes over the features alive in a week, layout, auth hook. */
function appShell(app, features) {
  const base = `apps/${app}`;
  const files = new Map();
  files.set(
    `${base}/package.json`,
    `${JSON.stringify({ name: `@acme/${app}`, version: '1.0.0', private: true, dependencies: { '@acme/design-system': '1.0.0', '@acme/utils': '1.0.0' } }, null, 2)}\n`,
  );
  files.set(
    `${base}/src/main.tsx`,
    `import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import '@acme/design-system/src/theme.css';

const client = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
`,
  );
  files.set(
    `${base}/src/App.tsx`,
    `import { Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { Layout } from './shared/Layout';
import { routes } from './routes';

export function App() {
  return (
    <BrowserRouter>
      <Layout>
        <Suspense fallback={<p>Loading…</p>}>
          <Routes>
            {routes.map((route) => (
              <Route key={route.path} path={route.path} element={<route.Component />} />
            ))}
          </Routes>
        </Suspense>
      </Layout>
    </BrowserRouter>
  );
}
`,
  );
  const lines = [
    "import { lazy } from 'react';",
    "import type { ComponentType } from 'react';",
    '',
    'export interface AppRoute {',
    '  path: string;',
    '  title: string;',
    '  Component: ComponentType;',
    '}',
    '',
    'export const routes: AppRoute[] = [',
  ];
  for (const f of features) {
    const Es = pascal(plural(f.entity));
    lines.push(
      `  { path: '/${plural(f.entity)}', title: '${Es.replace(/([a-z])([A-Z])/g, '$1 $2')}', Component: lazy(() => import('./features/${f.name}').then((m) => ({ default: m.${Es}Page }))) },`,
    );
  }
  lines.push('];', '');
  files.set(`${base}/src/routes.tsx`, lines.join('\n'));
  // message catalogues: one big file per locale, growing with every feature (the long tail of sizes)
  const MESSAGE_KEYS = [
    'title',
    'empty',
    'create',
    'edit',
    'delete',
    'confirmDelete',
    'saved',
    'loadFailed',
    'search',
    'export',
    'archive',
    'filters',
  ];
  for (const [locale, prefix] of [
    ['en', ''],
    ['de', 'DE: '],
    ['fr', 'FR: '],
  ]) {
    const m = [`/** ${locale} messages of ${app}. */`, 'export const messages: Record<string, Record<string, string>> = {'];
    for (const f of features) {
      const h = f.entity.split('-').join(' ');
      m.push(`  '${f.name}': {`);
      for (const k of MESSAGE_KEYS) m.push(`    ${k}: '${prefix}${k.replace(/([A-Z])/g, ' $1').toLowerCase()} ${h}',`);
      m.push('  },');
    }
    m.push('};', '');
    files.set(`${base}/src/i18n/${locale}.ts`, m.join('\n'));
  }
  files.set(
    `${base}/src/shared/Layout.tsx`,
    `import type { ReactNode } from 'react';
import { Heading, Stack } from '@acme/design-system';
import { routes } from '../routes';

export function Layout({ children }: { children: ReactNode }) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '240px 1fr', minHeight: '100vh' }}>
      <nav style={{ background: '#0f172a', color: '#ffffff', padding: 16 }}>
        <Heading level={1}>${pascal(app).replace(/([a-z])([A-Z])/g, '$1 $2')}</Heading>
        <Stack direction="column" gap="sm">
          {routes.map((route) => (
            <a key={route.path} href={route.path} style={{ color: 'inherit' }}>
              {route.title}
            </a>
          ))}
        </Stack>
      </nav>
      <main style={{ padding: 24 }}>{children}</main>
    </div>
  );
}
`,
  );
  files.set(
    `${base}/src/shared/useAuth.ts`,
    `import { useEffect, useState } from 'react';
import { apiClient } from '@acme/utils';

export interface Session {
  userId: string;
  name: string;
  roles: string[];
}

export function useAuth() {
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    void apiClient.get<Session>('/session').then(setSession, () => setSession(null));
  }, []);
  return { session, isAdmin: !!session?.roles.includes('admin') };
}
`,
  );
  return files;
}

function rootFiles(apps) {
  const files = new Map();
  files.set(
    'package.json',
    `${JSON.stringify(
      {
        name: 'acme-monorepo',
        private: true,
        workspaces: ['apps/*', 'packages/*'],
        dependencies: {
          react: '^19.0.0',
          'react-dom': '^19.0.0',
          'react-router-dom': '^7.0.0',
          '@tanstack/react-query': '^5.0.0',
          axios: '^1.7.0',
          ky: '^1.7.0',
          dayjs: '^1.11.0',
          'date-fns': '^4.0.0',
          moment: '^2.30.0',
          'styled-components': '^6.1.0',
        },
        devDependencies: { typescript: '^5.6.0', vitest: '^2.0.0', '@testing-library/react': '^16.0.0' },
      },
      null,
      2,
    )}\n`,
  );
  files.set(
    'tsconfig.json',
    `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', jsx: 'react-jsx', strict: true, skipLibCheck: true, baseUrl: '.', paths: { '@acme/design-system': ['packages/design-system/src'], '@acme/utils': ['packages/utils/src'] } }, include: [...apps.map((a) => `apps/${a}/src`), 'packages/*/src'] }, null, 2)}\n`,
  );
  files.set('.gitignore', 'node_modules/\ndist/\ncoverage/\n.plumbline/\n');
  files.set(
    'plumbline.config.json',
    `${JSON.stringify(
      {
        tokens: ['packages/design-system/src/tokens.json', 'packages/design-system/src/theme.css'],
        designSystem: { packages: ['@acme/design-system'], paths: ['packages/design-system'] },
      },
      null,
      2,
    )}\n`,
  );
  files.set('README.md', '# acme\n\nA generated React/TypeScript monorepo: the benchmark tree of plumbline (`npm run bench`).\n');
  // content plumbline must skip: a generated file and a minified script outside the built-in excludes
  files.set(
    'apps/web/src/graphql/types.ts',
    `// @generated by graphql-codegen. DO NOT EDIT.\n${Array.from({ length: 40 }, (_, i) => `export type Scalar${i} = { value: string; kind: 'scalar${i}' };`).join('\n')}\n`,
  );
  const r = rng('minified');
  files.set(
    'apps/web/public/legacy/polyfills.js',
    `${Array.from({ length: 300 }, (_, i) => `var a${i}=function(b){return b*${r.int(2, 99)}+${i}};`).join('')}\n`,
  );
  return files;
}

/** The plan: which features exist, in which app, born in which week, with which files. */
export function planRepo(targetLines) {
  const apps = appsFor(targetLines);
  const order = rng('entities').shuffle(QUALIFIERS.flatMap((q) => NOUNS.map((n) => (q ? `${n}-${q}` : n))));
  const fixed = [...foundationFiles(), ...rootFiles(apps), ...apps.flatMap((a) => [...appShell(a, [])])];
  let lines = fixed.reduce((n, [, t]) => n + lineCount(t), 0);
  const features = [];
  const pr = rng('donors');
  for (let i = 0; lines < targetLines && i < order.length; i++) {
    const entity = order[i];
    const app = apps[i % apps.length];
    const spec = { app, entity, name: plural(entity), dir: `apps/${app}/src/features/${plural(entity)}` };
    const donor = features.length > 3 && pr.chance(0.04) ? pr.pick(features).spec : null;
    const files = featureFiles(spec, donor);
    const n = [...files.values()].reduce((s, t) => s + lineCount(t), 0) + 1; // + its route line
    features.push({ spec, files, lines: n });
    lines += n;
  }
  const startCount = Math.round(features.length * BORN_AT_START);
  features.forEach((f, i) => {
    f.born = i < startCount ? 0 : 1 + Math.floor(((i - startCount) / Math.max(1, features.length - startCount)) * WEEKS);
  });
  return { apps, features, targetLines };
}

/** The tree in a week: path -> text. */
function treeAt(plan, week) {
  const files = new Map([...foundationFiles(), ...rootFiles(plan.apps)]);
  for (const app of plan.apps) {
    const alive = plan.features.filter((f) => f.spec.app === app && f.born <= week).map((f) => f.spec);
    for (const [p, t] of appShell(app, alive)) files.set(p, t);
  }
  for (const f of plan.features) {
    if (f.born > week) continue;
    for (const [rel, text] of f.files) files.set(`${f.spec.dir}/${rel}`, text);
  }
  for (const [path, text] of files) {
    if (!/\.(tsx?|css)$/.test(path) || path.includes('__tests__') || path.startsWith('apps/web/src/graphql')) continue;
    let out = text;
    for (let w = 1; w <= week; w++) if (rng(`edits:${path}:${w}`).next() < EDIT_RATE) out += editChunk(path, w);
    if (out !== text) files.set(path, out);
  }
  return files;
}

/** Writes the repository with its history (git fast-import) and checks out the last week. */
export function generateRepo({ size, dir }) {
  const target = parseSize(size);
  const root = resolve(dir);
  const marker = join(root, '.git', 'plumbline-bench.json');
  if (existsSync(marker)) {
    const info = JSON.parse(readFileSync(marker, 'utf8'));
    if (info.generatorVersion === GENERATOR_VERSION && info.target === target) return info;
  }
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', root]);
  const plan = planRepo(target);
  const streamFile = join(root, '.git', 'fast-import.stream');
  const fd = openSync(streamFile, 'w');
  const data = (text) => {
    const b = Buffer.from(text, 'utf8');
    writeSync(fd, `data ${b.byteLength}\n`);
    writeSync(fd, b);
    writeSync(fd, '\n');
  };
  let previous = new Map();
  let head;
  for (let week = 0; week <= WEEKS; week++) {
    const tree = treeAt(plan, week);
    const when = START + week * 7 * 86400;
    writeSync(
      fd,
      `commit refs/heads/main\nmark :${week + 1}\nauthor Bench Author <bench@example.com> ${when} +0000\ncommitter Bench Author <bench@example.com> ${when} +0000\n`,
    );
    data(week === 0 ? 'Initial import' : `Week ${week}: features and fixes`);
    for (const [path, text] of tree) {
      if (previous.get(path) === text) continue;
      writeSync(fd, `M 100644 inline ${path}\n`);
      data(text);
    }
    for (const path of previous.keys()) if (!tree.has(path)) writeSync(fd, `D ${path}\n`);
    writeSync(fd, '\n');
    previous = tree;
    head = tree;
  }
  closeSync(fd);
  execFileSync('git', ['-C', root, 'fast-import', '--quiet'], { stdio: [openSync(streamFile, 'r'), 'ignore', 'inherit'] });
  rmSync(streamFile);
  execFileSync('git', ['-C', root, 'checkout', '-q', '-f', 'main']);
  const scripts = [...head.keys()].filter((p) => /\.(tsx?|jsx?|mjs|cjs)$/.test(p));
  const lines = [...head.values()].reduce((n, t) => n + lineCount(t), 0);
  // the file the "one file changed" measurement edits: a component of the first feature
  const first = plan.features[0];
  const changeTarget = `${first.spec.dir}/components/${pascal(first.spec.entity)}Card.tsx`;
  const info = {
    generatorVersion: GENERATOR_VERSION,
    target,
    dir: root,
    files: head.size,
    scriptFiles: scripts.length,
    lines,
    features: plan.features.length,
    apps: plan.apps,
    commits: WEEKS + 1,
    changeTarget,
  };
  writeFileSync(marker, `${JSON.stringify(info, null, 2)}\n`);
  return info;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [size, dir] = process.argv.slice(2);
  if (!size || !dir) {
    process.stderr.write('usage: node scripts/bench/generate-repo.mjs <size: 50k | 500k | 5000> <directory>\n');
    process.exit(2);
  }
  const t0 = performance.now();
  const info = generateRepo({ size, dir });
  process.stdout.write(`${JSON.stringify({ ...info, ms: Math.round(performance.now() - t0) }, null, 2)}\n`);
}
