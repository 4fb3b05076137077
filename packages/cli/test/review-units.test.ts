// The review's pure parts: size sums, the focus ranking, the functions a change writes, dependency drift
// against given conventions, the rate.
import { defaultConfig } from '@plumbline/core';
import type { DesignSystemSettings, Finding, RoleConventions } from '@plumbline/core';
import { describe, expect, it } from 'vitest';
import { dependencyFindings } from '../src/review/dependencies.js';
import type { DependencyContext } from '../src/review/dependencies.js';
import { reviewFocus } from '../src/review/focus.js';
import { newFunctions } from '../src/review/functions.js';
import { compareRate, describeRate } from '../src/review/rate.js';
import { describeSize, excludedByPath, sizeOf } from '../src/review/size.js';

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'magic-number',
  category: 'magic-value',
  severity: 'warning',
  message: 'A message. More words.',
  file: 'src/a.ts',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 2,
  effortMinutes: 5,
  fingerprint: 'f',
  related: [],
  ...over,
});

describe('size', () => {
  it('leaves out lock files, snapshots and generated paths, by path', () => {
    expect(['yarn.lock', 'apps/web/pnpm-lock.yaml', 'package-lock.json'].map((p) => excludedByPath(p))).toEqual([
      'lock-file',
      'lock-file',
      'lock-file',
    ]);
    expect(excludedByPath('src/__snapshots__/a.test.ts.snap')).toBe('snapshot');
    expect(excludedByPath('src/api/schema.generated.ts')).toBe('generated');
    expect(excludedByPath('src/gql/__generated__/types.ts')).toBe('generated');
    expect(excludedByPath('src/lock.ts')).toBeUndefined();
    expect(excludedByPath('src/types.ts', new Set(['src/types.ts']))).toBe('generated');
  });

  it('sums new code and edits, and lists what it left out', () => {
    const size = sizeOf(
      [
        { path: 'src/new.ts', status: 'added', added: 120, deleted: 0 },
        { path: 'src/old.ts', status: 'modified', added: 50, deleted: 40 },
        { path: 'src/gone.ts', status: 'deleted', added: 0, deleted: 300 },
        { path: 'yarn.lock', status: 'modified', added: 900, deleted: 100, excluded: 'lock-file' },
        { path: 'src/b.ts', from: 'lib/b.ts', status: 'renamed', added: 0, deleted: 0, excluded: 'moved' },
      ],
      200,
    );
    expect(size).toMatchObject({ counted: 210, newCode: 120, edits: { added: 50, deleted: 40 }, files: 2, needsDesignReview: true });
    expect(describeSize(size)).toBe(
      '210 lines changed in 2 files: 120 new, 90 edited (+50 −40); not counted: 1 lock file (1,000 lines), 1 file moved unchanged, 1 deleted file (300 lines)',
    );
    expect(sizeOf([], 200)).toMatchObject({ counted: 0, needsDesignReview: false });
  });
});

describe('review focus', () => {
  const none = () => false;
  it('ranks a copy of untouched code first, then layer crossings, findings by effort, complex functions, components', () => {
    const copy = finding({
      ruleId: 'copied-code',
      category: 'duplication',
      file: 'src/lib/money.ts',
      line: 3,
      message: '12 lines (90 tokens) are copied in 2 places',
      effortMinutes: 15,
      endLine: 14,
      related: [{ file: 'src/new/money.ts', line: 5, message: 'copy 2 of 2: lines 5-16 (12 lines, 90 tokens)' }],
    });
    const items = reviewFocus({
      newFindings: [
        finding({ file: 'src/x.ts', line: 2, effortMinutes: 5 }),
        finding({ file: 'src/y.ts', line: 9, effortMinutes: 60, ruleId: 'wrapper-chain' }),
        finding({ ruleId: 'layer-violation', file: 'src/ui/a.ts', line: 4, message: 'ui imports server. Use the api.' }),
        copy,
      ],
      functions: [
        { file: 'src/c.tsx', name: 'Card', line: 1, endLine: 40, component: true, exported: true, complexity: 3, commented: false },
        { file: 'src/d.ts', name: 'plan', line: 1, endLine: 80, component: false, exported: true, complexity: 14, commented: false },
        { file: 'src/e.ts', name: 'explained', line: 1, endLine: 80, component: false, exported: false, complexity: 14, commented: true },
      ],
      touched: (file) => file.startsWith('src/new/') || !file.startsWith('src/lib/'),
    });
    expect(items.map((i) => [i.kind, i.file, i.line])).toEqual([
      ['written-again', 'src/new/money.ts', 5],
      ['layer-crossing', 'src/ui/a.ts', 4],
      ['finding', 'src/y.ts', 9],
      ['finding', 'src/x.ts', 2],
      ['complex-function', 'src/d.ts', 1],
      ['new-component', 'src/c.tsx', 1],
    ]);
    expect(items[0]!.text).toBe('written again: 12 lines that already exist at `src/lib/money.ts:3`; reuse it');
    expect(items[1]!.text).toBe('layer crossing: ui imports server.');
  });

  it('a clone whose copies were all there before, one of them edited, is an edited copy, not written again', () => {
    const clone = finding({
      ruleId: 'copied-code',
      file: 'src/a.ts',
      line: 10,
      endLine: 29,
      related: [{ file: 'src/b.ts', line: 1, message: 'copy 2 of 2: `b`, lines 1-20 (similarity 0.9)' }],
    });
    const edited = (file: string, line: number) => file === 'src/a.ts' && line >= 12 && line <= 14;
    expect(reviewFocus({ newFindings: [clone], functions: [], touched: edited })[0]).toMatchObject({
      kind: 'edited-copy',
      file: 'src/a.ts',
      line: 10,
      text: 'edited code that is copied in 2 places (also `src/b.ts:1`): do the other copies need the same change?',
      score: 180,
    });
    const added = (file: string, line: number) => file === 'src/a.ts' && line >= 10 && line <= 29;
    expect(reviewFocus({ newFindings: [clone], functions: [], touched: added })[0]).toMatchObject({
      kind: 'written-again',
      file: 'src/a.ts',
      line: 10,
      text: 'written again: 20 lines that already exist at `src/b.ts:1`; reuse it',
    });
  });

  it('a copied-code finding all inside the change is an ordinary finding; two places per file come before a third', () => {
    const copy = finding({ ruleId: 'copied-code', file: 'src/a.ts', line: 1, related: [{ file: 'src/b.ts', line: 1, message: '' }] });
    const items = reviewFocus({
      newFindings: [
        copy,
        finding({ file: 'src/a.ts', line: 10, effortMinutes: 30 }),
        finding({ file: 'src/a.ts', line: 20, effortMinutes: 30 }),
        finding({ file: 'src/z.ts', line: 5, effortMinutes: 1 }),
      ],
      functions: [],
      touched: () => true,
    });
    expect(items[0]!.kind).toBe('finding');
    expect(items.map((i) => `${i.file}:${i.line}`)).toEqual(['src/a.ts:10', 'src/a.ts:20', 'src/z.ts:5', 'src/a.ts:1']);
    expect(reviewFocus({ newFindings: [], functions: [], touched: none })).toEqual([]);
  });

  it('files no other item names come last, product code before tests, by size', () => {
    const file = (name: string, added: number, deleted: number, test = false) => ({
      file: name,
      line: 3,
      added,
      deleted,
      isNew: false,
      test,
    });
    const items = reviewFocus({
      newFindings: [finding({ file: 'src/named.ts' })],
      functions: [],
      touched: () => true,
      files: [file('src/named.ts', 50, 0), file('src/big.test.ts', 300, 0, true), file('src/schema.ts', 12, 8), file('src/tiny.ts', 1, 1)],
    });
    expect(items.map((i) => [i.kind, i.file, i.text])).toEqual([
      ['finding', 'src/named.ts', 'magic-number (5 min): A message.'],
      ['changed-file', 'src/schema.ts', 'changed file: +12 −8 lines'],
      ['changed-file', 'src/big.test.ts', 'changed file: +300 −0 lines (test or dev code)'],
    ]);
  });

  it('after what the change wrote, the functions it edited most', () => {
    const fn = { file: 'src/f.ts', line: 1, endLine: 60, component: false, exported: true, complexity: 20, commented: false };
    const items = reviewFocus({
      newFindings: [],
      functions: [
        { ...fn, name: 'big', isNew: false, touched: 25 },
        { ...fn, name: 'small', line: 70, endLine: 90, isNew: false, touched: 7 },
        { ...fn, file: 'src/g.ts', name: 'fresh', isNew: true, touched: 60, complexity: 2 },
        {
          ...fn,
          file: 'src/g.test.ts',
          name: 'suite',
          isNew: true,
          touched: 60,
          complexity: 2,
          exported: false,
          component: true,
          test: true,
        },
      ],
      touched: () => true,
    });
    expect(items.map((i) => [i.kind, i.text])).toEqual([
      ['exported-function', 'new exported function `fresh` (60 lines)'],
      ['edited-function', 'edited function `big`: 25 of its 60 lines changed'],
      ['new-component', 'new component `suite` (60 lines) (test or dev code)'],
    ]);
  });
});

describe('new functions', () => {
  it('finds components, exported functions, complexity and a comment saying why; old functions are not new', () => {
    const text = [
      "import { forwardRef } from 'react';",
      'export const Panel = forwardRef<HTMLDivElement>(function Panel(props, ref) {',
      '  return <div ref={ref} />;',
      '});',
      '// retries: the provider drops one request in fifty',
      'export function retry(n: number, ok: boolean, a?: number, b?: number) {',
      '  if (n > 3 && ok) return 1;',
      '  for (let i = 0; i < n; i++) if (a ?? b) return i;',
      '  return ok ? 2 : 3;',
      '}',
      'function local() {',
      '  return 1;',
      '}',
      '',
    ].join('\n');
    const fns = newFunctions('src/panel.tsx', text, null);
    expect(fns.map((f) => [f.name, f.line, f.endLine, f.component, f.exported, f.complexity, f.commented])).toEqual([
      ['Panel', 2, 4, true, true, 1, false],
      ['retry', 6, 10, false, true, 7, true],
      ['local', 11, 13, false, false, 1, false],
    ]);
    // only `local`'s lines were added: the other functions are old
    expect(newFunctions('src/panel.tsx', text, new Set([11, 12, 13])).map((f) => f.name)).toEqual(['local']);
  });
});

const roles = (over: Partial<RoleConventions> & { role: string }): Record<string, RoleConventions> => ({
  [over.role]: { title: over.role, convention: null, choices: [], wrapperFiles: [], ...over },
});
const ctx = (over: Partial<DependencyContext>): DependencyContext => ({
  config: defaultConfig(),
  conventions: () => ({}),
  designSystem: () => null,
  dependedOnAtBase: () => false,
  onError: () => undefined,
  ...over,
});
const manifest = (deps: Record<string, string>, base: Record<string, string> | null = {}) => ({
  path: 'apps/web/package.json',
  head: `${JSON.stringify({ dependencies: deps }, null, 2)}\n`,
  base: base === null ? null : JSON.stringify({ dependencies: base }),
});

describe('new dependencies that drift', () => {
  const axios = { choice: 'axios', label: 'axios', kind: 'library' as const, files: 40, share: 0.9 };
  it('a second HTTP client is reported at its line; a companion of the convention is not', () => {
    const c = ctx({ conventions: () => roles({ role: 'http', title: 'HTTP client', convention: axios, choices: [axios] }) });
    const found = dependencyFindings([manifest({ axios: '1', ky: '1', 'node-fetch': '3' })], c);
    expect(found.map((f) => [f.file, f.line, f.column, f.message.slice(0, 40)])).toEqual([
      ['apps/web/package.json', 4, 5, 'ky is added for the HTTP client role, wh'],
      ['apps/web/package.json', 5, 5, 'node-fetch is added for the HTTP client '],
    ]);
    const query = { choice: 'react-query', label: 'TanStack Query', kind: 'library' as const, files: 20, share: 1 };
    const withQuery = ctx({ conventions: () => roles({ role: 'server-data', convention: query, choices: [query] }) });
    expect(dependencyFindings([manifest({ '@trpc/react-query': '11' })], withQuery)).toEqual([]);
  });

  it('a wrapper convention: a library the repository already uses may be the one it wraps', () => {
    const wrapper = { choice: 'src/api/client', label: 'src/api/client', kind: 'wrapper' as const, files: 30, share: 0.8 };
    const fetchUse = { choice: 'fetch', label: 'fetch', kind: 'library' as const, files: 2, share: 0.1 };
    const c = ctx({ conventions: () => roles({ role: 'http', convention: wrapper, choices: [wrapper, fetchUse] }) });
    expect(dependencyFindings([manifest({ 'node-fetch': '3', axios: '1' })], c).map((f) => f.message.split(' ')[0])).toEqual(['axios']);
  });

  it('a UI kit beside a design system, unless it is the design system or already a dependency', () => {
    const ds = {
      source: 'inferred',
      packages: [{ name: '@acme/ui', dir: 'packages/ui', entryPoints: null }],
      paths: ['packages/ui'],
    } as unknown as DesignSystemSettings;
    const kit = (over: Partial<DependencyContext>) =>
      dependencyFindings([manifest({ '@mui/material': '6' }, null)], ctx({ designSystem: () => ds, ...over }));
    expect(kit({}).map((f) => f.message)).toEqual([
      expect.stringMatching(/^@mui\/material is a UI kit added beside the design system \(@acme\/ui\)/),
    ]);
    expect(kit({ dependedOnAtBase: () => true })).toEqual([]);
    expect(kit({ designSystem: () => null })).toEqual([]);
  });
});

describe('rate', () => {
  it('debt per 1,000 added lines against the stored intervals', () => {
    const interval = (lines: number, efforts: number[]) => ({
      linesAdded: lines,
      added: efforts.map((e) => ({ finding: { effortMinutes: e }, shares: [{ share: 1 }] })),
    });
    const r = compareRate({ debtMinutes: 30, addedLines: 500 }, [interval(1000, [10]), interval(3000, [5, 5])])!;
    expect(r.repository).toMatchObject({ debtMinutes: 20, addedLines: 4000, per1000: 5, intervals: 2 });
    expect(r.change.per1000).toBe(60);
    expect(r.ratio).toBe(12);
    expect(describeRate(r)).toBe(
      "this change adds debt at 12.0x the repository's rate (60.0 min per 1,000 added lines; the last 26 weeks: 5.0 min per 1,000 added lines, from 2 stored weeks)",
    );
    expect(compareRate({ debtMinutes: 1, addedLines: 10 }, [])).toBeNull();
    expect(describeRate(compareRate({ debtMinutes: 0, addedLines: 10 }, [interval(100, [])])!)).toMatch(/^this change adds no new debt/);
  });
});
