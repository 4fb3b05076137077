import { describe, expect, it } from 'vitest';
import { scanFixture, where } from '../abstraction-helpers.js';

describe('single-implementation', () => {
  it('reports interfaces and abstract classes with one implementation, not public, doubled, extended, data-only or error ones', () => {
    const { findings } = scanFixture('single-implementation');
    expect(findings.map(where)).toEqual([
      'single-implementation apps/app/src/contracts.ts:20:18',
      'single-implementation apps/app/src/jobs.ts:1:23',
      'single-implementation apps/app/src/payments.ts:1:18',
    ]);
    expect(findings.map((f) => f.related.map((r) => `${r.file}:${r.line}`))).toEqual([
      ['apps/app/src/impls.ts:11'],
      ['apps/app/src/jobs.ts:9'],
      ['apps/app/src/payments.ts:5'],
    ]);
  });
});

describe('single-implementation: seams that are not speculative generality', () => {
  const { findings } = scanFixture('single-implementation-seams');
  const si = findings.filter((f) => f.ruleId === 'single-implementation');

  it('reports an interface that repeats its only class’s whole public API', () => {
    expect(si.map(where)).toEqual(['single-implementation apps/web/core/store/label.store.ts:1:18']);
    expect(si[0]!.related.map((r) => `${r.file}:${r.line}`)).toEqual(['apps/web/core/store/label.store.ts:6']);
  });

  it('stays quiet on a narrower store API, edition and platform folders, a plugin registry and an exports-map subpath', () => {
    const files = si.map((f) => f.file);
    for (const quiet of [
      'apps/web/core/store/module.store.ts',
      'apps/web/core/store/base-workspace.store.ts',
      'apps/web/core/platform/clipboard.ts',
      'apps/web/server/search/BaseSearchProvider.ts',
      'apps/web/core/store/base-analytics.store.ts',
      'apps/web/server/auth/BaseAuthProvider.ts',
      'packages/cron/src/logger.ts',
    ])
      expect(files).not.toContain(quiet);
  });
});

describe('single-implementation: a codebase convention', () => {
  it('stays quiet on interfaces declared beside their only class and imported elsewhere when the project does so for five or more classes', () => {
    const { findings } = scanFixture('single-implementation-convention');
    expect(findings.filter((f) => f.ruleId === 'single-implementation')).toEqual([]);
  });
});
