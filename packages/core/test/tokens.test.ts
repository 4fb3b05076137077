import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config.js';
import { provider } from '../src/settings/tokens.js';
import { discoverTokenFiles, loadTokens } from '../src/tokens/load.js';
import { loadJsonTokens } from '../src/tokens/json.js';
import { readStaticExport, UNKNOWN } from '../src/tokens/static-js.js';
import type { DesignToken } from '../src/tokens/types.js';

const fixtures = join(import.meta.dirname, '../../../fixtures/magic-values');
const byPath = (tokens: DesignToken[]) => new Map(tokens.map((t) => [`${t.path}${t.mode ? `@${t.mode}` : ''}`, t]));

describe('W3C DTCG JSON', () => {
  const { settings, errors } = loadTokens(join(fixtures, 'dtcg'), { files: ['tokens.json'] });
  const t = byPath(settings.tokens);
  it('loads without errors', () => expect(errors).toEqual([]));
  it('inherits $type from groups and resolves aliases', () => {
    expect(t.get('color.accent.default')).toMatchObject({ value: '#4a90e2', family: 'color', type: 'color', aliasOf: 'color.blue.500' });
    expect(t.get('color.text.default')).toMatchObject({ value: '#1a1a1a', aliasOf: 'color.gray.900' });
  });
  it('reads color objects (hex or srgb components) and dimension objects', () => {
    expect(t.get('color.blue.600')?.value).toBe('#3366cc');
    expect(t.get('color.red.500')?.value).toBe('#e63333');
    expect(t.get('spacing.1')).toMatchObject({ value: '4px', family: 'spacing' });
    expect(t.get('spacing.4')).toMatchObject({ value: '1rem', family: 'spacing' });
  });
  it('derives families from names and types', () => {
    expect(t.get('radius.md')?.family).toBe('radius');
    expect(t.get('font.size.sm')?.family).toBe('font-size');
    expect(t.get('font.weight.semibold')).toMatchObject({ value: '600', family: 'font-weight' });
    expect(t.get('z.modal')).toMatchObject({ value: '1300', family: 'z-index' });
    expect(t.get('shadow.card')).toMatchObject({ value: '0px 2px 4px 0px #00000026', family: 'shadow' });
    expect(t.get('duration.fast')).toMatchObject({ value: '150ms', family: 'duration' });
    expect(t.get('easing.standard')).toMatchObject({ value: 'cubic-bezier(0.4, 0, 0.2, 1)', family: 'easing' });
    expect(t.get('breakpoint.md')?.family).toBe('breakpoint');
  });
});

describe('Style Dictionary JSON', () => {
  const { settings, errors } = loadTokens(join(fixtures, 'style-dictionary'), { files: ['tokens/color.json', 'tokens/size.json'] });
  const t = byPath(settings.tokens);
  it('reads `value` tokens nested by category, with {a.b} and {a.b.value} references', () => {
    expect(errors).toEqual([]);
    expect(t.get('color.font.primary')).toMatchObject({ value: '#2e7d32', family: 'color', aliasOf: 'color.base.green' });
    expect(t.get('color.font.inverse')?.value).toBe('#ffffff');
    expect(t.get('size.padding.medium')).toMatchObject({ value: '16px', family: 'spacing' });
    expect(t.get('size.font.large')).toMatchObject({ value: '24px', family: 'font-size' });
    expect(t.has('size.padding.small.comment')).toBe(false);
  });
});

describe('CSS custom properties', () => {
  const { settings, errors } = loadTokens(join(fixtures, 'css-vars'), { files: ['src/styles/theme.css'] });
  const t = byPath(settings.tokens);
  it('reads :root and theme selectors, resolving var() references', () => {
    expect(errors).toEqual([]);
    expect(t.get('color-bg')).toMatchObject({ value: '#ffffff', cssVar: '--color-bg', family: 'color' });
    expect(t.get('color-bg@.dark')).toMatchObject({ value: '#0b0b0f', mode: '.dark' });
    expect(t.get('color-primary-hover')).toMatchObject({ value: '#1d4ed8', aliasOf: 'color-brand-700' });
    expect(t.get('space-4')).toMatchObject({ value: '16px', family: 'spacing' });
    expect(t.get('radius-lg')?.family).toBe('radius');
    expect(t.get('shadow-sm')?.family).toBe('shadow');
  });
  it('keeps component-scoped properties of a token file', () => {
    expect(t.get('card-padding@')?.value ?? t.get('card-padding')?.value).toBe('20px');
  });
});

describe('Tailwind v4 @theme', () => {
  const { settings } = loadTokens(join(fixtures, 'tailwind-v4'), { files: ['src/app.css'] });
  const t = byPath(settings.tokens);
  it('gives @theme variables their utility keys, follows @theme inline aliases, adds default scales', () => {
    expect(settings.tailwind).toEqual({ version: 4 });
    expect(t.get('color-brand-500')).toMatchObject({ value: '#4a90e2', tailwind: { namespace: 'color', key: 'brand-500' } });
    expect(t.get('radius-card')).toMatchObject({ family: 'radius', tailwind: { namespace: 'radius', key: 'card' } });
    expect(t.get('text-body')).toMatchObject({ family: 'font-size', tailwind: { namespace: 'text', key: 'body' } });
    expect(t.get('color-background')).toMatchObject({ value: '#fafafa', aliasOf: 'background', tailwind: { key: 'background' } });
    expect(t.get('spacing.4')).toMatchObject({ value: '1rem', file: 'tailwind:defaults', tailwind: { namespace: 'spacing', key: '4' } });
    expect(t.get('borderRadius.sm')?.value).toBe('0.25rem'); // v4 names
  });
});

describe('Tailwind v4 @theme overriding a default key', () => {
  const { settings } = loadTokens(join(fixtures, 'tailwind-v4-override'), { files: ['src/app.css'] });
  const t = byPath(settings.tokens);
  it("drops Tailwind's default for a key the project's @theme sets, keeps the others", () => {
    expect(t.get('text-xs')).toMatchObject({ value: '0.7rem', tailwind: { namespace: 'text', key: 'xs' } });
    expect(t.get('fontSize.xs')).toBeUndefined();
    expect(t.get('fontSize.sm')?.value).toBe('0.875rem');
    expect(t.get('spacing.4')?.value).toBe('1rem');
  });
});

describe('Tailwind v3 config, read statically', () => {
  const { settings, errors } = loadTokens(join(fixtures, 'tailwind-v3'), { files: ['tailwind.config.ts', 'src/app/globals.css'] });
  const t = byPath(settings.tokens);
  it('reads theme.extend, const bindings and CSS-variable colors', () => {
    expect(errors).toEqual([]);
    expect(t.get('colors.brand.DEFAULT')).toMatchObject({ value: '#0f766e', tailwind: { namespace: 'color', key: 'brand' } });
    expect(t.get('colors.brand.light')).toMatchObject({ value: '#14b8a6', tailwind: { key: 'brand-light' } });
    expect(t.get('colors.background')).toMatchObject({ value: 'hsl(0 0% 100%)', family: 'color' });
    expect(t.get('colors.muted.DEFAULT')).toMatchObject({ value: 'rgb(241 245 249)', tailwind: { key: 'muted' } });
    expect(t.get('spacing.gutter')).toMatchObject({ value: '22px', family: 'spacing' });
    expect(t.get('fontSize.2xs')).toMatchObject({ value: '0.625rem', family: 'font-size' });
    expect(t.get('zIndex.modal')).toMatchObject({ value: '60', family: 'z-index' });
    expect(settings.tailwind).toEqual({ version: 3 });
    expect(t.get('borderRadius.DEFAULT')?.value).toBe('0.25rem'); // v3 names, extended not replaced
  });
  it('never executes the config', () => {
    expect(readStaticExport('module.exports = { theme: { colors: require("./x"), a: (() => { throw 1 })() } }')).toEqual({
      theme: { colors: UNKNOWN, a: UNKNOWN },
    });
    expect(readStaticExport('export default defineConfig({ theme: { spacing: { 1: "4px", ...more } } }) satisfies X')).toEqual({
      theme: { spacing: { 1: '4px' } },
    });
  });
});

describe('errors', () => {
  it('names the token path of an alias cycle and a missing reference; loads the rest', () => {
    const { settings, errors } = loadTokens(join(fixtures, 'errors'), { files: ['tokens.json', 'nope.json', 'README.md'] });
    expect(errors.map((e) => e.message)).toEqual([
      'token "color.a": alias cycle: color.a -> color.b -> color.a',
      'token "color.c": missing reference {color.missing}',
      'token file cannot be read: ENOENT',
      'token file cannot be read: ENOENT',
    ]);
    expect(settings.tokens.map((t) => t.path)).toEqual(['color.ok']);
  });
  it('reports bad JSON with the file', () => {
    expect(loadJsonTokens('{ "a": ', 'x.json').errors[0]).toMatchObject({
      file: 'x.json',
      message: expect.stringContaining('not valid JSON'),
    });
  });
  it('reports CSS variable cycles', () => {
    const dir = join(fixtures, 'errors');
    const r = loadTokens(dir, { files: ['cycle.css'] });
    expect(r.errors).toContainEqual({ file: 'cycle.css', message: 'token "--a": alias cycle: --a -> --b -> --a' });
  });
});

describe('discovery and the settings provider', () => {
  it('finds token files by name and place, skipping tests and fixtures', () => {
    const found = discoverTokenFiles(join(fixtures, 'tailwind-v3'), defaultConfig().testFiles);
    expect(found.files).toEqual(['src/app/globals.css', 'tailwind.config.ts']);
  });
  it('builds settings from config `tokens`, with errors and templates', () => {
    const config = { ...defaultConfig(), tokens: ['tokens.json', 'missing.json'], tokenTemplates: { object: 'theme.{path}' } };
    const { value, errors } = provider.build(join(fixtures, 'dtcg'), config);
    expect(value.files).toEqual(['tokens.json']);
    expect(value.templates).toEqual({ object: 'theme.{path}' });
    expect(errors).toEqual([{ file: 'missing.json', message: 'token file not found (config "tokens")' }]);
    expect(JSON.parse(JSON.stringify(value))).toEqual(value); // plain JSON: part of the cache key
  });
});

describe('static reader robustness', () => {
  it.each([
    'module.exports = { theme: [ ) ] }',
    'export default { theme: { colors: { a: } } }',
    'module.exports = { theme: { colors: { ...  } , } ',
    'const x = ; export default x',
    'export default {{{{',
  ])('reads malformed input without hanging: %s', (src) => {
    expect(() => readStaticExport(src)).not.toThrow();
  });
});
