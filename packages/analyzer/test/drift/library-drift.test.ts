import { describe, expect, it } from 'vitest';
import { analyzeDrift, findings, driftFacts, metrics } from './fixture.js';
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
