// Tokens kept in TypeScript (issue 18): styled-components / emotion themes and exported palettes, read
// statically, each colour with the expression code writes to read it.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { TypeScript } from '../src/check.js';
import { parseColor } from '../src/color.js';
import { judgeAtom, replacementFor, tokenIndex } from '../src/tokens/match.js';
import { isThemeScript, loadTsThemes, themeTypesOf, tsThemeTokens } from '../src/tokens/ts-theme.js';
import type { TokenSettings } from '../src/tokens/types.js';

const ts = createRequire(import.meta.url)('typescript') as TypeScript;
const read = (files: Record<string, string>) => (f: string) => files[f] ?? null;
const pairs = (tokens: Array<{ js?: string; value: string; mode?: string }>) =>
  tokens.map((t) => `${t.js}=${t.value}${t.mode ? `@${t.mode}` : ''}`);

describe('TypeScript themes and palettes', () => {
  it('reads a theme built by functions (spreads, local constants, helpers it cannot read skipped) through the augmented DefaultTheme', () => {
    const files = {
      'types/styled.d.ts': `declare module "styled-components" {
        interface Colors { accent: string; almostBlack: string; brand: { red: string } }
        export interface DefaultTheme extends Colors { background: string; text: string } }`,
      'src/styles/theme.ts': `import { darken } from "polished";
        const defaultColors: Colors = { accent: "#0366d6", almostBlack: "#111319", white: "#FFFFFF", brand: { red: "#FF5C80" } };
        const buildBase = (input: Partial<Colors>) => { const colors = { ...defaultColors, ...input }; return { ...colors, selected: colors.accent }; };
        export const buildLightTheme = (input: Partial<Colors>): DefaultTheme => {
          const colors = buildBase(input);
          return { ...colors, background: colors.white, hover: darken(0.1, colors.white), text: colors.almostBlack };
        };
        export const buildDarkTheme = (input: Partial<Colors>): DefaultTheme => ({ ...buildBase(input), background: "#08090C" });
        export default buildLightTheme(defaultColors) as DefaultTheme;`,
    };
    const r = loadTsThemes(ts, Object.keys(files), read(files));
    expect(r.files).toEqual(['src/styles/theme.ts']);
    expect(pairs(r.tokens).sort()).toEqual(
      [
        'theme.accent=#0366d6',
        'theme.almostBlack=#111319',
        'theme.white=#FFFFFF',
        'theme.brand.red=#FF5C80',
        'theme.selected=#0366d6',
        'theme.background=#FFFFFF',
        'theme.text=#111319',
        'theme.background=#08090C@dark',
      ].sort(),
    );
  });

  it('reads a property of the theme type through it, and an exported theme object with no augmentation', () => {
    const types = themeTypesOf(
      ts,
      `declare module '@emotion/react' { export interface Theme { colors: Palette } interface Palette { primary: string } }`,
      'a.d.ts',
    );
    expect([...types]).toEqual([
      ['Theme', ''],
      ['Palette', '.colors'],
    ]);
    const mui = `import { createTheme } from '@mui/material/styles';
      export const softTheme = createTheme({ palette: { primary: { main: '#4f3cc9' }, secondary: { main: '#ff4081' }, background: { default: '#fafafb' } } });`;
    expect(pairs(tsThemeTokens(ts, mui, 'src/themes/soft.ts', new Map()))).toEqual([
      'theme.palette.primary.main=#4f3cc9',
      'theme.palette.secondary.main=#ff4081',
      'theme.palette.background.default=#fafafb',
    ]);
  });

  it('takes exported palettes of a colors/palette/theme module, not private constants, short lists, keywords or other modules', () => {
    const palette = `export const BRAND = { ink: '#0f172a', sky: '#0ea5e9', rose: 'rgb(225 29 72)', none: 'transparent', auto: 'inherit' };
      const PRIVATE = { a: '#111111', b: '#222222', c: '#333333' };
      export const PAIR = { a: '#111111', b: '#222222' };`;
    expect(pairs(tsThemeTokens(ts, palette, 'src/lib/colors.ts', new Map()))).toEqual([
      'BRAND.ink=#0f172a',
      'BRAND.sky=#0ea5e9',
      'BRAND.rose=rgb(225 29 72)',
    ]);
    expect(tsThemeTokens(ts, palette, 'src/lib/constants.ts', new Map())).toEqual([]);
    expect(isThemeScript('src/theme/index.ts')).toBe(true);
    expect(isThemeScript('src/styled.d.ts')).toBe(false);
    expect(isThemeScript('src/colors.test.ts')).toBe(false);
  });

  it('offers them in TypeScript style sites only, after a CSS variable of the same value, never as a certain fix', () => {
    const settings: TokenSettings = {
      files: [],
      templates: {},
      tailwind: null,
      tokens: [
        { path: 'theme.colors.danger', js: 'theme.colors.danger', value: '#e11d48', family: 'color', file: 'src/theme.ts' },
        { path: 'danger', cssVar: '--danger', value: '#e11d48', family: 'color', file: 'src/app.css' },
        { path: 'theme.colors.sky', js: 'theme.colors.sky', value: '#0ea5e9', family: 'color', file: 'src/theme.ts' },
      ],
    };
    const index = tokenIndex(settings);
    const atom = (text: string) => ({
      kind: 'color' as const,
      family: 'color' as const,
      text,
      key: text,
      start: 0,
      end: 7,
      color: parseColor(text)!,
    });
    expect(judgeAtom(index, atom('#0ea5e9'), 'css')).toBeNull();
    expect(judgeAtom(index, atom('#0ea5e9'), 'className')).toBeNull();
    const both = judgeAtom(index, atom('#e11d48'), 'template');
    expect(both?.kind === 'exact' && both.tokens.map((t) => t.path)).toEqual(['danger', 'theme.colors.danger']);
    const token = settings.tokens[2]!;
    expect(replacementFor(token, 'template', {})).toEqual({ text: '${({ theme }) => theme.colors.sky}', certain: false });
    expect(replacementFor(token, 'object', {}, { whole: true })).toEqual({ text: 'theme.colors.sky', certain: false });
    expect(replacementFor(token, 'object', {}, { whole: false })).toBeNull();
    expect(replacementFor({ ...token, js: 'BRAND.sky', jsModule: 'src/colors.ts' }, 'template', {})?.text).toBe('${BRAND.sky}');
  });
});
