import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  buildCheckSettings,
  checkDecision,
  defaultConfig,
  matchGlobal,
  matchImport,
  resolveDecisionValue,
  validateConfig,
} from '@plumbline/core';
import { join } from 'node:path';
import type { ModuleSettings } from '@plumbline/core';

describe('decisions in config', () => {
  const validate = (decisions: unknown[]) => () => validateConfig({ decisions }, 'plumbline.config.json');

  it('accepts a role decision naming choices by id or package, or a project path', () => {
    expect(validate([{ id: 'ADR-1', role: 'http', use: 'src/api/client', instead: ['axios', 'ky'] }])).not.toThrow();
    expect(validate([{ id: 'ADR-2', role: 'server-data', use: '@tanstack/react-query', instead: ['swr'] }])).not.toThrow();
    expect(validate([{ id: 'ADR-3', idiom: 'component-export', use: 'named' }])).not.toThrow();
  });

  it('names the key and what was expected for a bad decision', () => {
    expect(validate([{ id: 'A', role: 'htp', use: 'axios' }])).toThrow(ConfigError);
    expect(validate([{ id: 'A', role: 'htp', use: 'axios' }])).toThrow(
      /key "decisions\.0\.role": unknown role "htp" \(known roles: http, dates/,
    );
    expect(validate([{ id: 'A', role: 'dates', use: 'moment', instead: ['temporal'] }])).toThrow(
      /decisions\.0\.instead.*"temporal" is neither a choice of role dates/,
    );
    expect(validate([{ id: 'A', idiom: 'component-export', use: 'sideways' }])).toThrow(
      /decisions\.0\.use.*not a variant of idiom component-export \(named, default\)/,
    );
    expect(validate([{ id: 'A', use: 'axios' }])).toThrow(/decisions\.0\.role.*exactly one of "role" or "idiom"/);
  });

  it('resolves decision values to choices or paths', () => {
    expect(resolveDecisionValue('server-data', '@tanstack/react-query')).toEqual({ kind: 'choice', choice: 'react-query' });
    expect(resolveDecisionValue('utility-belt', 'lodash/debounce')).toEqual({ kind: 'choice', choice: 'lodash-method' });
    expect(resolveDecisionValue('http', './src/api/client.ts')).toEqual({ kind: 'path', path: 'src/api/client' });
    expect(checkDecision({ role: 'http', use: 'fetch' })).toBeUndefined();
  });
});

describe('the catalog as data', () => {
  it('matches imports to roles; a package can serve two roles', () => {
    expect(matchImport('date-fns', ['format', 'addDays'])).toEqual([
      { role: 'dates', choice: 'date-fns' },
      { role: 'date-formatting', choice: 'date-fns' },
    ]);
    expect(matchImport('date-fns', ['addDays'])).toEqual([{ role: 'dates', choice: 'date-fns' }]);
    expect(matchImport('lodash/debounce', ['default'])).toEqual([{ role: 'utility-belt', choice: 'lodash-method' }]);
    expect(matchImport('lodash', ['debounce'])).toEqual([{ role: 'utility-belt', choice: 'lodash' }]);
    expect(matchImport('lodash-es/uniq', ['default'])).toEqual([{ role: 'utility-belt', choice: 'lodash-es' }]);
    expect(matchImport('./Button.module.scss', ['default'])).toEqual([{ role: 'styling', choice: 'css-modules' }]);
    expect(matchImport('uuid', ['validate'])).toEqual([]);
    expect(matchImport('node:crypto', ['randomUUID'])).toEqual([{ role: 'ids', choice: 'crypto-random-uuid' }]);
    expect(matchImport('axios-retry', ['default'])).toEqual([]);
  });

  it('matches globals only when the root is the global or bound to its module', () => {
    expect(matchGlobal('fetch', null)).toEqual([{ role: 'http', choice: 'fetch' }]);
    expect(matchGlobal('fetch', 'node-fetch')).toEqual([]);
    expect(matchGlobal('crypto.randomUUID', 'node:crypto')).toEqual([{ role: 'ids', choice: 'crypto-random-uuid' }]);
    expect(matchGlobal('jest.fn', null)).toEqual([{ role: 'test-runner', choice: 'jest' }]);
  });

  it('records each workspace package exports map in the modules settings', () => {
    const root = join(import.meta.dirname, '../../../fixtures/drift/deep-import');
    const { settings } = buildCheckSettings(root, defaultConfig());
    const ui = (settings.modules as ModuleSettings).packages.find((p) => p.name === '@acme/ui');
    expect(ui?.exports).toEqual(['.', './icons']);
  });
});
