import { describe, expect, it } from 'vitest';
import { LIBRARY_DRIFT_DEFAULTS, chooseConvention, isCompanionOfConvention, roleById, wrapperMatchesPath } from '@plumbline/core';
import type { ChoiceTally, DecisionConfig } from '@plumbline/core';

// The convention choice both surfaces of library-drift use: the analyzer over every file's usages, the
// ESLint rule over the counts the last scan cached.
const http = roleById('http')!;
const lib = (choice: string, files: number): ChoiceTally => ({ choice, label: choice, kind: 'library', files });
const wrapper = (choice: string, files: number, file = `${choice}.ts`): ChoiceTally => ({
  choice,
  label: choice,
  kind: 'wrapper',
  files,
  definedIn: { file },
});
const pick = (choices: ChoiceTally[], decisions: DecisionConfig[] = [], packageNameOf?: (f: string) => string | undefined) => {
  const total = choices.reduce((n, c) => n + c.files, 0);
  return chooseConvention({
    role: http,
    choices,
    share: (c) => c.files / total,
    decisions,
    options: LIBRARY_DRIFT_DEFAULTS,
    ...(packageNameOf ? { packageNameOf } : {}),
  });
};

describe('chooseConvention', () => {
  it('takes the dominant choice when it has minFiles files, the majority share and more files than the next', () => {
    expect(pick([lib('ky', 1), lib('axios', 8)])).toMatchObject({
      choice: 'axios',
      kind: 'library',
      found: { choice: 'axios' },
      instead: [],
    });
  });

  it('has no convention below the thresholds: too few files, no majority, or a tie', () => {
    expect(pick([lib('axios', 2)])).toBeUndefined();
    expect(pick([lib('axios', 6), lib('ky', 4)])).toBeUndefined();
    expect(pick([lib('axios', 4), lib('ky', 4)])).toBeUndefined();
  });

  it('lets a declared decision outrank the majority, even for a choice nobody uses yet', () => {
    const decision: DecisionConfig = { id: 'ADR-1', role: 'http', use: 'ky', instead: ['axios'] };
    const p = pick([lib('axios', 9)], [decision]);
    expect(p).toMatchObject({ choice: 'ky', label: 'ky', kind: 'library', decision, instead: [{ kind: 'choice', choice: 'axios' }] });
    expect(p?.found).toBeUndefined();
  });

  it('matches a decided project path to a wrapper by path, by a file under it, or by its workspace package name', () => {
    const byPath = pick([wrapper('src/api/client', 5), lib('fetch', 1)], [{ id: 'ADR-2', role: 'http', use: 'src/api' }]);
    expect(byPath).toMatchObject({ kind: 'wrapper', choice: 'src/api/client', found: { choice: 'src/api/client' } });
    const byPackage = pick(
      [wrapper('packages/http/src/index', 5, 'packages/http/src/index.ts')],
      [{ id: 'ADR-3', role: 'http', use: '@acme/http' }],
      (f) => (f.startsWith('packages/http/') ? '@acme/http' : undefined),
    );
    expect(byPackage).toMatchObject({ kind: 'wrapper', choice: 'packages/http/src/index' });
    expect(wrapperMatchesPath({ choice: 'src/apiary' }, 'src/api')).toBe(false);
  });
});

describe('isCompanionOfConvention', () => {
  it('spares a companion of the convention or of the library a wrapper convention is built on, not other choices', () => {
    expect(isCompanionOfConvention(http, 'node-fetch', { kind: 'library', choice: 'fetch' })).toBe(true);
    expect(isCompanionOfConvention(http, 'node-fetch', { kind: 'wrapper', choice: 'src/api', underlying: 'fetch' })).toBe(true);
    expect(isCompanionOfConvention(http, 'axios', { kind: 'library', choice: 'fetch' })).toBe(false);
    expect(isCompanionOfConvention(http, 'node-fetch', { kind: 'wrapper', choice: 'src/api' })).toBe(false);
  });
});
