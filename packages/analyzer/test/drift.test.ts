import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCheckSettings, loadConfig } from '@plumbline/core';
import { analyze, workingTreeSource } from '../src/analyze.js';
import type { AnalyzeOutput } from '../src/analyze.js';
import { discoverFiles } from '../src/discover.js';
import { normalizedEntropy } from '../src/detectors/shared/drift.js';
import type { DriftFacts } from '../src/facts/drift.js';

const DRIFT_RULES = ['library-drift', 'idiom-drift', 'layer-violation', 'deep-import'];

function analyzeDrift(name: string): AnalyzeOutput {
  const root = join(import.meta.dirname, '../../../fixtures/drift', name);
  const config = loadConfig(root);
  const { files } = discoverFiles(root, config);
  const { settings } = buildCheckSettings(root, config);
  return analyze({ root, config, settings, cache: null, source: workingTreeSource(root, files) });
}

function findings(out: AnalyzeOutput, ...ruleIds: string[]) {
  return out.result.findings
    .filter((f) => (ruleIds.length ? ruleIds : DRIFT_RULES).includes(f.ruleId))
    .map((f) => ({ ruleId: f.ruleId, file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, message: f.message, related: f.related.map((r) => `${r.file}:${r.line}`) }));
}

const driftFacts = (out: AnalyzeOutput, path: string) => out.facts.find((f) => f.path === path)?.data.drift as DriftFacts;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const metrics = (out: AnalyzeOutput) => out.result.metrics['pattern-drift'] as any;

describe('library roles', () => {
  it('mixed HTTP clients: the local wrapper is the convention, direct fetch and ky are the drift', () => {
    const out = analyzeDrift('mixed-http');
    const http = metrics(out).roles.http;
    expect(http.convention).toMatchObject({ choice: 'src/api/client', kind: 'wrapper', files: 6, definedIn: { file: 'src/api/client.ts', name: 'api' } });
    expect(http.choices.map((c: { choice: string; files: number }) => [c.choice, c.files])).toEqual([['src/api/client', 6], ['fetch', 1], ['ky', 1]]);
    expect(http.wrapperFiles).toEqual(['src/api/client.ts']);
    const fs = findings(out);
    expect(fs).toEqual([
      {
        ruleId: 'library-drift', file: 'src/features/reports.ts', line: 2, column: 21, endLine: 2, endColumn: 26,
        message: 'fetch (HTTP client) in 1 file; this codebase uses src/api/client (api) in 6 files (75 %).',
        related: ['src/api/client.ts:4', 'src/features/billing.ts:1', 'src/features/invoices.ts:1', 'src/features/projects.ts:1'],
      },
      {
        ruleId: 'library-drift', file: 'src/legacy/orders.ts', line: 1, column: 16, endLine: 1, endColumn: 20,
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
      expect(driftFacts(out, path).usages.filter((u) => u.choice === 'fetch'), path).toEqual([]);
    }
    expect(metrics(out).roles.http.choices.map((c: { choice: string }) => c.choice)).toEqual(['axios']);
  });

  it('a declared migration reports the old choice even where it is the majority, citing the decision', () => {
    const out = analyzeDrift('migration');
    const fs = findings(out, 'library-drift');
    expect(fs.map((f) => [f.file, f.line, f.column, f.endColumn])).toEqual([
      ['src/invoices.ts', 1, 20, 28], ['src/orders.ts', 1, 20, 28], ['src/payouts.ts', 1, 20, 28], ['src/refunds.ts', 1, 20, 28],
    ]);
    expect(fs[0]!.message).toBe('moment (date library) is being replaced by dayjs per ADR-7 (docs/adr/7.md); 4 files still use it, 2 use dayjs.');
    const dates = metrics(out).roles.dates;
    expect(dates.convention).toMatchObject({ choice: 'dayjs', files: 2 });
    expect(dates.decision).toEqual({ id: 'ADR-7', link: 'docs/adr/7.md' });
  });

  it('an idiom decision outranks the (absent) inferred majority and cites its id and link', () => {
    const out = analyzeDrift('migration');
    expect(findings(out, 'idiom-drift')).toEqual([
      {
        ruleId: 'idiom-drift', file: 'src/components/Footer.tsx', line: 1, column: 14, endLine: 1, endColumn: 20,
        message: 'component declaration style: const arrow functions departs from decision ADR-9 (docs/adr/9.md): use function declarations.',
        related: ['src/components/Header.tsx:1'],
      },
    ]);
  });
});

describe('idioms', () => {
  it('reports the minority declaration style, effect fetching beside React Query, and promise chains', () => {
    const out = analyzeDrift('idioms');
    const fs = findings(out, 'idiom-drift');
    expect(fs.map((f) => [f.file, f.line, f.column, f.endLine, f.endColumn, f.message])).toEqual([
      ['src/checkout/Cart.tsx', 4, 14, 4, 18, 'component declaration style: const arrow functions; this codebase uses function declarations for 82 % of its 17 components.'],
      ['src/checkout/Cart.tsx', 6, 3, 6, 12, 'data fetching in components: fetching inside useEffect; this codebase uses a server-data library hook for 92 % of its 13 data loads.'],
      ['src/checkout/Summary.tsx', 1, 14, 1, 21, 'component declaration style: const arrow functions (2 in this file); this codebase uses function declarations for 82 % of its 17 components.'],
      ['src/checkout/pay.ts', 4, 36, 4, 40, 'asynchronous code style: promise chains (.then); this codebase uses async/await for 93 % of its 14 asynchronous functions.'],
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

describe('layers and deep imports', () => {
  it('reports an import across a disallowed layer direction, type imports included', () => {
    const out = analyzeDrift('layer-violation');
    expect(findings(out)).toEqual([
      {
        ruleId: 'layer-violation', file: 'src/features/cart.ts', line: 2, column: 23, endLine: 2, endColumn: 37,
        message: 'Layer features may import only from features, shared; this imports src/server/db.ts, in layer server.',
        related: ['src/server/db.ts:1', 'plumbline.config.json:1'],
      },
      {
        ruleId: 'layer-violation', file: 'src/features/cart.ts', line: 3, column: 26, endLine: 3, endColumn: 40,
        message: 'Layer features may import only from features, shared; this imports src/server/db.ts, in layer server.',
        related: ['src/server/db.ts:1', 'plumbline.config.json:1'],
      },
    ]);
  });

  it('reports deep imports into a workspace package, and says what the entry offers', () => {
    const out = analyzeDrift('deep-import');
    expect(findings(out)).toEqual([
      {
        ruleId: 'deep-import', file: 'apps/web/src/page.tsx', line: 1, column: 24, endLine: 1, endColumn: 45,
        message: "@acme/ui/src/button reaches into workspace package @acme/ui, bypassing its entry point; import { Button } from '@acme/ui'.",
        related: ['packages/ui/src/index.ts:1'],
      },
      {
        ruleId: 'deep-import', file: 'apps/web/src/page.tsx', line: 2, column: 24, endLine: 2, endColumn: 66,
        message: "Relative import of packages/ui/src/internal/ripple.ts reaches into workspace package @acme/ui, bypassing its entry point; import it from '@acme/ui' or a subpath its exports map offers, exporting it there if it is public.",
        related: ['packages/ui/src/index.ts:1'],
      },
    ]);
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
