import { describe, expect, it } from 'vitest';
import { analyzeDrift, analyzeFiles, findings, metrics } from './fixture.js';

describe('idioms', () => {
  it('an idiom decision outranks the (absent) inferred majority and cites its id and link', () => {
    const out = analyzeDrift('migration');
    expect(findings(out, 'idiom-drift')).toEqual([
      {
        ruleId: 'idiom-drift',
        file: 'src/components/Footer.tsx',
        line: 1,
        column: 14,
        endLine: 1,
        endColumn: 20,
        message:
          'component declaration style: const arrow functions departs from decision ADR-9 (docs/adr/9.md): use function declarations.',
        related: ['src/components/Header.tsx:1'],
      },
    ]);
  });
  it('reports the minority declaration style, effect fetching beside React Query, and promise chains', () => {
    const out = analyzeDrift('idioms');
    const fs = findings(out, 'idiom-drift');
    expect(fs.map((f) => [f.file, f.line, f.column, f.endLine, f.endColumn, f.message])).toEqual([
      [
        'src/checkout/Cart.tsx',
        4,
        14,
        4,
        18,
        'component declaration style: const arrow functions; this codebase uses function declarations for 82 % of its 17 components.',
      ],
      [
        'src/checkout/Cart.tsx',
        6,
        3,
        6,
        12,
        'data fetching in components: fetching inside useEffect; this codebase uses a server-data library hook for 92 % of its 13 data loads.',
      ],
      [
        'src/checkout/Summary.tsx',
        1,
        14,
        1,
        21,
        'component declaration style: const arrow functions (2 in this file); this codebase uses function declarations for 82 % of its 17 components.',
      ],
      [
        'src/checkout/pay.ts',
        4,
        36,
        4,
        40,
        'asynchronous code style: promise chains (.then); this codebase uses async/await for 93 % of its 14 asynchronous functions.',
      ],
    ]);
  });

  it('breaks idioms down per directory and per CODEOWNERS owner', () => {
    const m = metrics(analyzeDrift('idioms')).idioms['component-declaration'];
    expect(m.byOwner).toEqual({ '@acme/catalog': { function: 12 }, '@acme/checkout': { arrow: 3, function: 2 } });
    expect(m.divergentOwners).toEqual([{ group: '@acme/checkout', variant: 'arrow', share: 0.6, sites: 5 }]);
    expect(m.byDirectory).toEqual({ 'src/catalog': { function: 12 }, 'src/checkout': { arrow: 3, function: 2 } });
  });

  it('quiet idiomatic project: no drift findings, and the index is low', () => {
    const out = analyzeDrift('quiet');
    expect(findings(out)).toEqual([]);
    const m = metrics(out);
    expect(m.roles['class-names'].convention).toMatchObject({ choice: 'src/lib/cn', kind: 'wrapper' });
    expect(m.idioms['component-export'].variants).toEqual([expect.objectContaining({ variant: 'named', sites: 7 })]);
    expect(out.result.summary.driftIndex).toBe(m.driftIndex);
    expect(m.driftIndex).toBeLessThan(0.2);
  });
});

const CONFIG = { 'plumbline.config.json': JSON.stringify({ rules: { 'idiom-drift': ['warn', { minSites: 3 }] } }) };
const named = (n: number) =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [`src/components/C${i}.tsx`, `export function C${i}() { return <p>${i}</p>; }\n`]),
  );

describe('idioms: what the code cannot write otherwise', () => {
  it('async style: a chain in an async function is one finding, however many .then and .catch it has', () => {
    const awaiting = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [
        `src/lib/a${i}.ts`,
        `export async function a${i}() {\n  try {\n    return await go();\n  } catch {\n    return null;\n  }\n}\n`,
      ]),
    );
    const out = analyzeFiles({
      ...CONFIG,
      ...awaiting,
      // the true positive: an async handler that chains instead of awaiting (and handles the error twice)
      'src/lib/publish.ts': `export async function publish() {\n  await prepare();\n  return send().then((r) => r.json()).catch(() => null);\n}\n`,
      // quiet: synchronous hooks and handlers, fire-and-forget, a memoised promise
      'src/lib/handlers.ts': [
        `export function handlePaste(): boolean {\n  upload().then(insert).catch(report);\n  return true;\n}`,
        `export function track() {\n  void send().then(report);\n}`,
        `let cached: Promise<unknown> | undefined;`,
        `export function client() {\n  if (!cached) cached = connect().then((c) => c).catch(reset);\n  return cached;\n}`,
      ].join('\n'),
    });
    const fs = findings(out, 'idiom-drift');
    expect(fs.map((f) => [f.file, f.line])).toEqual([['src/lib/publish.ts', 3]]);
    expect(fs[0]!.message).toMatch(/^asynchronous code style/);
  });

  it('component export: route modules named by routes.ts, root.tsx, theme components and package shims keep their default export', () => {
    const out = analyzeFiles({
      ...CONFIG,
      ...named(6),
      'package.json': JSON.stringify({ name: 'web', dependencies: { next: '15', 'react-router': '7' } }),
      'app/routes.ts': `import { index, route } from '@react-router/dev/routes';\nexport default [index('./home/page.tsx'), route('*', './components/404.tsx')];\n`,
      'app/root.tsx': `export default function App() { return <main />; }\n`,
      'app/components/404.tsx': `export default function NotFound() { return <p>404</p>; }\n`,
      'src/theme/NotFound.tsx': `export default function NotFound() { return <p>gone</p>; }\n`,
      'app/compat/next/link.tsx': `function Link() { return <a />; }\nexport default Link;\n`,
      'src/components/Nav.tsx': `import Link from 'next/link';\nexport function Nav() { return <Link />; }\n`,
      // the true positive: a plain layout component default-exported among named exports
      'src/layouts/Layout.tsx': `export default function Layout() { return <div />; }\n`,
    });
    expect(findings(out, 'idiom-drift').map((f) => [f.file, f.line])).toEqual([['src/layouts/Layout.tsx', 1]]);
  });

  it("a docs site's or an example's code keeps its own idioms: not the product's drift", () => {
    const out = analyzeFiles({
      ...CONFIG,
      ...named(10),
      'apps/docs/src/components/About.tsx': `export default function About() { return <p>about</p>; }\n`,
      'examples/demo/src/App.tsx': `export default function App() { return <main />; }\n`,
      'src/layouts/Layout.tsx': `export default function Layout() { return <div />; }\n`,
    });
    expect(findings(out, 'idiom-drift').map((f) => [f.file, f.line])).toEqual([['src/layouts/Layout.tsx', 1]]);
  });

  it('component export: a context module exporting its provider and hook is named by necessity', () => {
    const defaults = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`src/screens/S${i}.tsx`, `export default function S${i}() { return <p>${i}</p>; }\n`]),
    );
    const out = analyzeFiles({
      ...CONFIG,
      ...defaults,
      'src/context/tutorial.tsx': `const Ctx = createContext(0);\nexport function TutorialProvider() { return <Ctx.Provider value={1} />; }\nexport const useTutorial = () => useContext(Ctx);\n`,
      'src/screens/extra/Badge.tsx': `export function Badge() { return <b />; }\n`,
    });
    expect(findings(out, 'idiom-drift').map((f) => [f.file, f.line])).toEqual([['src/screens/extra/Badge.tsx', 1]]);
  });

  it('component declaration: a React.FC-typed arrow is an arrow', () => {
    const arrows = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`src/components/A${i}.tsx`, `export const A${i} = () => <p>${i}</p>;\n`]),
    );
    const out = analyzeFiles({
      ...CONFIG,
      ...arrows,
      'src/components/Typed.tsx': `import type { FC } from 'react';\nexport const Typed: FC = () => <p />;\n`,
      'src/components/Old.tsx': `export function Old() { return <p />; }\n`,
    });
    expect(findings(out, 'idiom-drift').map((f) => [f.file, f.line])).toEqual([['src/components/Old.tsx', 1]]);
  });
});
