import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, didYouMean, loadConfig, ruleOptions, ruleSeverity, validateConfig } from '../src/config.js';

const FILE = '/repo/plumbline.config.json';
function errorOf(data: unknown, known?: string[]): ConfigError {
  try {
    validateConfig(data, FILE, known);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('config validation', () => {
  it('accepts every documented key', () => {
    expect(() =>
      validateConfig(
        {
          $schema: './x.json',
          include: ['src/**'],
          exclude: ['legacy/**'],
          tokens: ['t.json'],
          designSystem: { packages: ['@n/design'], paths: ['packages/design'] },
          layers: [
            { name: 'features', include: ['src/features/**'], allow: ['shared'] },
            { name: 'shared', include: ['src/shared/**'] },
          ],
          decisions: [{ id: 'ADR-012', role: 'http', use: 'src/api/client', link: 'docs/adr/012.md' }],
          rules: { 'pass-through-function': ['warn', { includePackageTargets: true }] },
          effort: { 'pass-through-function': 15 },
          devCostMinutesPerLine: 25,
        },
        FILE,
        ['pass-through-function'],
      ),
    ).not.toThrow();
  });

  it('names the file, the key path and a did-you-mean for unknown keys', () => {
    const e = errorOf({ exlcude: ['x'] });
    expect(e.file).toBe(FILE);
    expect(e.keyPath).toBe('exlcude');
    expect(e.expected).toContain('did you mean "exclude"?');
    expect(e.message).toContain(FILE);
  });

  it('finds unknown keys in nested objects', () => {
    const e = errorOf({ designSystem: { package: ['x'] } });
    expect(e.keyPath).toBe('designSystem.package');
    expect(e.expected).toContain('did you mean "packages"?');
  });

  it('says what type was expected and what was given', () => {
    const e = errorOf({ designSystem: { packages: '@n/design' } });
    expect(e.keyPath).toBe('designSystem.packages');
    expect(e.expected).toBe('expected array, got string "@n/design"');
    expect(errorOf({ devCostMinutesPerLine: 'thirty' }).keyPath).toBe('devCostMinutesPerLine');
    expect(errorOf({ layers: [{ name: 'a', include: 'src' }] }).keyPath).toBe('layers.0.include');
  });

  it('rejects bad rule severities and unknown rule ids', () => {
    const e = errorOf({ rules: { 'pass-through-function': 'warning' } });
    expect(e.keyPath).toBe('rules.pass-through-function');
    expect(e.expected).toContain('"off", "warn", "error"');
    const u = errorOf({ rules: { 'pass-thru-function': 'warn' } }, ['pass-through-function']);
    expect(u.keyPath).toBe('rules.pass-thru-function');
    expect(u.expected).toContain('did you mean "pass-through-function"?');
  });

  it('checks that layers allow only declared layers', () => {
    const e = errorOf({
      layers: [
        { name: 'features', include: ['a/**'], allow: ['shard'] },
        { name: 'shared', include: ['b/**'] },
      ],
    });
    expect(e.keyPath).toBe('layers.0.allow');
    expect(e.expected).toContain('did you mean "shared"?');
  });

  it('rejects a config that is not an object', () => {
    expect(errorOf([]).expected).toContain('expected a JSON object');
  });
});

describe('loadConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-config-'));
  it('returns defaults without a file', () => {
    const c = loadConfig(dir);
    expect(c.file).toBeNull();
    expect(c.devCostMinutesPerLine).toBe(30);
  });
  it('reports invalid JSON with the file name', () => {
    writeFileSync(join(dir, 'plumbline.config.json'), '{ "include": [ }');
    expect(() => loadConfig(dir)).toThrow(/plumbline\.config\.json: the file: is not valid JSON/);
  });
  it('reports a missing explicit file', () => {
    expect(() => loadConfig(dir, join(dir, 'nope.json'))).toThrow(ConfigError);
  });
  it('applies rule severities and options', () => {
    writeFileSync(join(dir, 'plumbline.config.json'), JSON.stringify({ rules: { a: 'off', b: ['error', { x: 2 }] } }));
    const c = loadConfig(dir);
    expect(ruleSeverity(c, { id: 'a', defaultSeverity: 'warning', preset: 'recommended' })).toBeNull();
    expect(ruleSeverity(c, { id: 'b', defaultSeverity: 'warning', preset: 'recommended' })).toBe('error');
    expect(ruleSeverity(c, { id: 'c', defaultSeverity: 'info', preset: 'recommended' })).toBe('info');
    expect(ruleOptions(c, 'b', { x: 1, y: 1 })).toEqual({ x: 2, y: 1 });
  });
});

describe('didYouMean', () => {
  it('suggests only close words', () => {
    expect(didYouMean('tokns', ['tokens', 'layers'])).toBe('tokens');
    expect(didYouMean('zzzzzz', ['tokens', 'layers'])).toBeUndefined();
  });
});
