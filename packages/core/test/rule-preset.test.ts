// config `preset`: which rules run when `rules` does not name them.
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig, resolveConfig, ruleSeverity, validateConfig } from '@plumbline/core';

describe('config preset', () => {
  const recommended = defaultConfig();
  const strict = resolveConfig({ preset: 'strict' }, null);

  it('runs recommended rules by default and strict rules only with "preset": "strict"', () => {
    expect(recommended.preset).toBe('recommended');
    expect(ruleSeverity(recommended, { id: 'copied-code', defaultSeverity: 'warning', preset: 'recommended' })).toBe('warning');
    expect(ruleSeverity(recommended, { id: 'magic-number', defaultSeverity: 'warning', preset: 'strict' })).toBeNull();
    expect(ruleSeverity(strict, { id: 'magic-number', defaultSeverity: 'warning', preset: 'strict' })).toBe('warning');
    expect(ruleSeverity(strict, { id: 'never-on', defaultSeverity: 'warning', preset: 'off' })).toBeNull();
  });

  it('runs the rules of the `all` preset only with "preset": "all", which also runs the strict and recommended ones', () => {
    const all = resolveConfig({ preset: 'all' }, null);
    const idiom = { id: 'idiom-drift', defaultSeverity: 'warning', preset: 'all' } as const;
    expect(ruleSeverity(recommended, idiom)).toBeNull();
    expect(ruleSeverity(strict, idiom)).toBeNull();
    expect(ruleSeverity(all, idiom)).toBe('warning');
    expect(ruleSeverity(all, { id: 'copied-code', defaultSeverity: 'warning', preset: 'strict' })).toBe('warning');
    expect(ruleSeverity(all, { id: 'deep-import', defaultSeverity: 'warning', preset: 'recommended' })).toBe('warning');
    expect(ruleSeverity(all, { id: 'never-on', defaultSeverity: 'warning', preset: 'off' })).toBeNull();
  });

  it('lets `rules` turn a strict rule on or a recommended rule off whatever the preset', () => {
    const config = resolveConfig({ rules: { 'magic-number': 'error', 'copied-code': 'off' } }, null);
    expect(ruleSeverity(config, { id: 'magic-number', defaultSeverity: 'warning', preset: 'strict' })).toBe('error');
    expect(ruleSeverity(config, { id: 'copied-code', defaultSeverity: 'warning', preset: 'recommended' })).toBeNull();
    expect(
      ruleSeverity(resolveConfig({ rules: { 'magic-number': ['warn', {}] } }, null), {
        id: 'magic-number',
        defaultSeverity: 'info',
        preset: 'strict',
      }),
    ).toBe('warning');
  });

  it('rejects an unknown preset with the key and the allowed values', () => {
    expect(() => validateConfig({ preset: 'everything' }, 'plumbline.config.json')).toThrow(ConfigError);
    expect(() => validateConfig({ preset: 'everything' }, 'plumbline.config.json')).toThrow(/key "preset".*"recommended", "strict", "all"/);
  });
});
