import { join } from 'node:path';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import { loadTokens } from '../../../core/src/tokens/load.js';
import type { DesignToken, TokenSettings } from '../../../core/src/tokens/types.js';
import rule from '../../src/rules/hard-coded-style-value.js';
import { resetProjectSettings } from '../../src/project-settings.js';
import { ruleTester } from '../rule-tester.js';

const fixtures = join(import.meta.dirname, '../../../../fixtures/magic-values');
const dtcg = loadTokens(join(fixtures, 'dtcg'), { files: ['tokens.json'] }).settings;
const cssVars = loadTokens(join(fixtures, 'css-vars'), { files: ['src/styles/theme.css'] }).settings;
const tw4 = loadTokens(join(fixtures, 'tailwind-v4'), { files: ['src/app.css'] }).settings;
const tw3 = loadTokens(join(fixtures, 'tailwind-v3'), { files: ['tailwind.config.ts', 'src/app/globals.css'] }).settings;
const withTemplates = (t: TokenSettings, templates: TokenSettings['templates']): TokenSettings => ({ ...t, templates });
const settings = (tokens: TokenSettings) => ({ plumbline: { tokens } });
// Tailwind keys of 12px besides the default `text-xs`: a v4 `@theme` variable of the same key, and a project's own key
const fontSizeKey = (path: string, key: string, cssVar?: string, value = '0.75rem'): DesignToken => ({
  path,
  ...(cssVar ? { cssVar } : {}),
  value,
  family: 'font-size',
  tailwind: { namespace: 'text', key },
  file: 'src/app.css',
});
const tw4SameClass: TokenSettings = { ...tw4, tokens: [...tw4.tokens, fontSizeKey('text-xs', 'xs', '--text-xs')] };
const tw4TwoKeys: TokenSettings = { ...tw4, tokens: [...tw4.tokens, fontSizeKey('fontSize.tremor-label', 'tremor-label')] };
// a type ramp of the project's own: two styles of one size, no default step of that size
const tw4Ramp: TokenSettings = {
  ...tw4,
  tokens: [
    ...tw4.tokens,
    fontSizeKey('text-h6-bold', 'h6-bold', '--text-h6-bold', '0.6875rem'),
    fontSizeKey('text-h6-medium', 'h6-medium', '--text-h6-medium', '0.6875rem'),
  ],
};

/** Cases of every value the rule can report: they run with `report: "all"` (the default reports the confident classes, below). */
const everyValue = {
  valid: [
    // by default exact values and near colours only: a length between two steps and a colour near no token are chosen values
    { code: `const a = <div style={{ padding: 18 }} />;`, settings: settings(dtcg) },
    { code: `const a = <div className="p-[18px] text-[13px]" />;`, settings: settings(tw4) },
    { code: `const a = <div style={{ borderColor: '#ff00aa', zIndex: 9999 }} />;`, settings: settings(dtcg) },
    // a z-index beside Tailwind's default z-10..z-50 only: a local stacking decision, no scale to name
    { code: `const a = <div className="z-[14]" />;`, settings: settings(tw4) },
    // a contrast color picked against a run-time background must not follow the theme
    { code: `const a = <span style={{ color: isColorDark(bg) ? '#fff' : '#111' }} />;`, settings: settings(dtcg) },
    // renderers without CSS variables: react-pdf, next/og image routes, email templates
    {
      code: `import { StyleSheet } from '@react-pdf/renderer';\nconst s = StyleSheet.create({ t: { color: '#4a90e2', fontSize: 16 } });`,
      settings: settings(dtcg),
    },
    {
      code: `import { ImageResponse } from 'next/og';\nexport const GET = () => new ImageResponse(<div style={{ color: '#4a90e2' }} />);`,
      settings: settings(dtcg),
    },
    { code: `import { Text } from '@react-email/components';\nconst a = <Text style={{ color: '#4a90e2' }} />;`, settings: settings(dtcg) },
    // CSS variable fallbacks are not hard-coded values
    { code: `const a = <div style={{ color: 'var(--brand, #4a90e2)', padding: 'var(--space, 16px)' }} />;`, settings: settings(dtcg) },
    { code: 'const B = styled.div`\n  color: var(--x, #4a90e2);\n`;', settings: settings(dtcg) },
    // SVG data in icon components
    {
      code: `const Icon = () => <svg viewBox="0 0 24 24" className="fill-[#4a90e2]"><path fill="#4a90e2" style={{ fill: '#4a90e2' }} d="M0 0h24" /></svg>;`,
      settings: settings(tw4),
    },
    // Tailwind variants and selectors are not values; layout sizes that are no token stay quiet
    {
      code: `const a = <div className="data-[state=open]:flex [&>svg]:size-4 group-[.is-open]:block grid-cols-[1fr_2fr] w-[317px] top-[3px]" />;`,
      settings: settings(tw4),
    },
    // tests, stories, fixtures and mocks
    { code: `const a = <div style={{ color: '#4a90e2' }} />;`, filename: 'src/Button.test.tsx', settings: settings(dtcg) },
    { code: `const a = <div style={{ color: '#4a90e2' }} />;`, filename: 'src/Button.stories.tsx', settings: settings(dtcg) },
    { code: `export const mock = <div style={{ color: '#4a90e2' }} />;`, filename: 'src/__mocks__/theme.tsx', settings: settings(dtcg) },
    // token definition files and theme maps
    {
      code: `export const tokens = <div style={{ color: '#4a90e2' }} />;`,
      filename: 'tokens.json.tsx',
      settings: settings({ ...dtcg, files: ['tokens.json.tsx'] }),
    },
    { code: `export const theme = createTheme({ palette: { primary: { main: '#4a90e2' } }, spacing: 18 });`, settings: settings(dtcg) },
    { code: `const colors = { accent: '#4a90e2' }; export const radius = 8;`, settings: settings(dtcg) },
    // email templates must inline literal values
    {
      code: `import { Button } from '@react-email/components';\nexport const A = () => <Button style={{ color: '#4a90e2', padding: 16 }} />;`,
      settings: settings(dtcg),
    },
    // generated files
    { code: `// @generated by a tool\nconst a = <div style={{ color: '#4a90e2' }} />;`, settings: settings(dtcg) },
    // no tokens at all: only the project-wide repeated-style-value speaks
    {
      code: `const a = <div style={{ color: '#4a90e2', padding: 18 }} />;`,
      settings: settings({ files: [], tokens: [], templates: {}, tailwind: null }),
    },
    // MUI sx numbers are theme multiples; small z-indexes are local stacking; unitless identities
    { code: `const a = <Box sx={{ p: 2, mt: 3, zIndex: 2, lineHeight: 1 }} />;`, settings: settings(dtcg) },
    // values that are not design decisions
    {
      code: `const a = <div style={{ padding: 0, margin: '0 auto', width: '100%', borderRadius: '50%', color: 'inherit', top: 1 }} />;`,
      settings: settings(dtcg),
    },
  ],
  invalid: [
    {
      // exact match, JSON token: the CSS variable name is a guess, so a suggestion rather than an autofix
      code: `const a = <div style={{ color: '#4a90e2' }} />;`,
      settings: settings(dtcg),
      errors: [
        {
          messageId: 'exactToken',
          line: 1,
          column: 33,
          endLine: 1,
          endColumn: 40,
          data: { value: '#4a90e2', token: 'color.accent.default', replacement: "'var(--color-accent-default)'" },
          suggestions: [{ messageId: 'useToken', output: `const a = <div style={{ color: 'var(--color-accent-default)' }} />;` }],
        },
      ],
    },
    {
      // exact match with a configured object template: autofix to the theme object
      code: `const a = <div style={{ color: '#4a90e2', padding: 16 }} />;`,
      output: `const a = <div style={{ color: theme.color.accent.default, padding: theme.spacing["4"] }} />;`,
      settings: settings(withTemplates(dtcg, { object: 'theme.{path}' })),
      errors: [{ messageId: 'exactToken', line: 1, column: 33, endLine: 1, endColumn: 40 }],
    },
    {
      // near miss: the nearest tokens, as suggestions
      code: `const a = <div style={{ padding: 18 }} />;`,
      options: [{ nearScale: true }],
      settings: settings(withTemplates(dtcg, { object: 'theme.{path}' })),
      errors: [
        {
          messageId: 'nearToken',
          line: 1,
          column: 34,
          endLine: 1,
          endColumn: 36,
          suggestions: [
            { messageId: 'useToken', output: `const a = <div style={{ padding: theme.spacing["4"] }} />;` },
            { messageId: 'useToken', output: `const a = <div style={{ padding: theme.spacing["6"] }} />;` },
          ],
        },
      ],
    },
    {
      // a near color by ΔE 2000
      code: `const a = <div style={{ background: '#4a91e3' }} />;`,
      settings: settings(withTemplates(dtcg, { object: 'theme.{path}' })),
      errors: [
        {
          messageId: 'nearToken',
          line: 1,
          column: 38,
          endLine: 1,
          endColumn: 45,
          suggestions: [{ messageId: 'useToken', output: `const a = <div style={{ background: theme.color.accent.default }} />;` }],
        },
      ],
    },
    {
      // off the scale: no token near
      code: `const a = <div style={{ borderColor: '#ff00aa', zIndex: 9999 }} />;`,
      options: [{ offScale: true }],
      settings: settings(dtcg),
      errors: [{ messageId: 'offScale', line: 1, column: 39, endLine: 1, endColumn: 46 }],
    },
    {
      // styled-components template: CSS variables of a CSS token file are certain, so they autofix
      code: 'const Card = styled.div`\n  padding: 16px;\n  margin: ${(p) => p.m}px 18px;\n  border-radius: 6px;\n`;',
      options: [{ nearScale: true }],
      output:
        'const Card = styled.div`\n  padding: var(--space-4);\n  margin: ${(p) => p.m}px 18px;\n  border-radius: var(--radius-md);\n`;',
      settings: settings(cssVars),
      errors: [
        { messageId: 'exactToken', line: 2, column: 12, endLine: 2, endColumn: 16 },
        {
          messageId: 'nearToken',
          line: 3,
          column: 27,
          endLine: 3,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'useToken',
              output: 'const Card = styled.div`\n  padding: 16px;\n  margin: ${(p) => p.m}px var(--space-4);\n  border-radius: 6px;\n`;',
            },
            {
              messageId: 'useToken',
              output: 'const Card = styled.div`\n  padding: 16px;\n  margin: ${(p) => p.m}px var(--space-6);\n  border-radius: 6px;\n`;',
            },
          ],
        },
        { messageId: 'exactToken', line: 4, column: 18, endLine: 4, endColumn: 21 },
      ],
    },
    {
      // emotion css template, keyframes and a css() object; a media query breakpoint (one finding per line:
      // the breakpoint's, which has no fix, so the font size on its line waits for the next pass)
      code: "const a = css`\n  transition: opacity 250ms cubic-bezier(0.4, 0, 0.2, 1);\n  @media (min-width: 768px) { font-size: 20px; }\n`;\nconst b = css({ boxShadow: '0 2px 4px rgba(0,0,0,0.15)' });",
      settings: settings(withTemplates(dtcg, { template: 'var(--{name})', object: 'theme.{path}' })),
      output:
        'const a = css`\n  transition: opacity var(--duration-base) var(--easing-standard);\n  @media (min-width: 768px) { font-size: 20px; }\n`;\nconst b = css({ boxShadow: theme.shadow.card });',
      errors: [
        { messageId: 'exactToken', line: 2, column: 23, endLine: 2, endColumn: 28 },
        { messageId: 'exactToken', line: 3, column: 22, endLine: 3, endColumn: 27 },
        { messageId: 'exactToken', line: 5, column: 29, endLine: 5, endColumn: 55 },
      ],
    },
    {
      // Tailwind v4: @theme keys and the default scale in className, cn() and cva(); variants kept
      code: `const a = <div className={cn('p-[16px] hover:bg-[#4a90e2]/50 rounded-[10px]', on && 'text-[15px]')} />;\nconst b = cva('px-[12px]', { variants: { size: { sm: '-mt-[4px] z-[60]' } } });`,
      output: `const a = <div className={cn('p-4 hover:bg-brand-500/50 rounded-card', on && 'text-body')} />;\nconst b = cva('px-3', { variants: { size: { sm: '-mt-1 z-[60]' } } });`,
      settings: settings(tw4),
      errors: [
        { messageId: 'exactToken', line: 1, column: 31, endLine: 1, endColumn: 39 },
        { messageId: 'exactToken', line: 2, column: 16, endLine: 2, endColumn: 25 },
      ],
    },
    {
      // createGlobalStyle templates, keyframes objects and MUI sx props
      code: "const G = createGlobalStyle`body { color: #1a1a1a; }`;\nconst k = keyframes({ from: { opacity: 0, color: '#1a1a1a' } });\nconst a = <Box sx={{ color: '#1a1a1a', p: 2, fontWeight: 600 }} />;",
      output:
        'const G = createGlobalStyle`body { color: var(--color-text-default); }`;\nconst k = keyframes({ from: { opacity: 0, color: theme.color.text.default } });\nconst a = <Box sx={{ color: theme.color.text.default, p: 2, fontWeight: theme.font.weight.semibold }} />;',
      settings: settings(withTemplates(dtcg, { template: 'var(--{name})', object: 'theme.{path}' })),
      errors: [
        { messageId: 'exactToken', line: 1, column: 43, endLine: 1, endColumn: 50 },
        { messageId: 'exactToken', line: 3, column: 58, endLine: 3, endColumn: 61 },
      ],
    },
    {
      // Tailwind near miss: the neighbouring steps as suggestions
      code: `const a = <div className="p-[18px]" />;`,
      options: [{ nearScale: true }],
      settings: settings(tw4),
      errors: [
        {
          messageId: 'nearToken',
          line: 1,
          column: 27,
          endLine: 1,
          endColumn: 35,
          suggestions: [
            { messageId: 'useToken', output: `const a = <div className="p-5" />;` },
            { messageId: 'useToken', output: `const a = <div className="p-4" />;` },
            { messageId: 'useToken', output: `const a = <div className="p-3.5" />;` },
          ],
        },
      ],
    },
    {
      // Tailwind v3 config colors (a const binding, CSS variables in hsl()/rgb()) and @theme inline aliases
      code: `const a = <div className="bg-[#0f766e] bg-[hsl(0_0%_100%)] border-[rgb(241,245,249)]" />;`,
      output: `const a = <div className="bg-brand bg-background border-muted" />;`,
      settings: settings(tw3),
      errors: [{ messageId: 'exactToken', line: 1, column: 27, endLine: 1, endColumn: 39 }],
    },
    {
      // React Native: no CSS variables there, so only a configured template fixes
      code: `const s = StyleSheet.create({ card: { padding: 16, borderRadius: 8, color: '#1a1a1a' } });`,
      output: `const s = StyleSheet.create({ card: { padding: tokens.spacing["4"], borderRadius: tokens.radius.md, color: tokens.color.text.default } });`,
      settings: settings(withTemplates(dtcg, { native: 'tokens.{path}' })),
      errors: [{ messageId: 'exactToken', line: 1, column: 48, endLine: 1, endColumn: 50 }],
    },
    {
      // two unrelated tokens with the value: no autofix, both as suggestions
      code: `const a = <div style={{ padding: '8px' }} />;`,
      settings: settings({
        ...cssVars,
        tokens: [...cssVars.tokens, { path: 'gap-sm', cssVar: '--gap-sm', value: '8px', family: 'spacing', file: 'x.css' }],
      }),
      errors: [
        {
          messageId: 'exactTokens',
          line: 1,
          column: 35,
          endLine: 1,
          endColumn: 38,
          suggestions: [
            { messageId: 'useToken', output: `const a = <div style={{ padding: 'var(--gap-sm)' }} />;` },
            { messageId: 'useToken', output: `const a = <div style={{ padding: 'var(--space-2)' }} />;` },
          ],
        },
      ],
    },
    {
      // the value of a token in the dark theme only
      code: `const a = <div style={{ caretColor: '#f9fafb' }} />;`,
      settings: settings(cssVars),
      errors: [
        {
          messageId: 'themeToken',
          line: 1,
          column: 38,
          endLine: 1,
          endColumn: 45,
          suggestions: [{ messageId: 'useToken', output: `const a = <div style={{ caretColor: 'var(--color-fg)' }} />;` }],
        },
      ],
    },
    {
      // a value inside a longer string: the CSS variable goes in the string; a semantic alias before its base
      code: `const a = <div style={{ border: '1px solid #1d4ed9', boxShadow: 'none' }} />;`,
      settings: settings(cssVars),
      errors: [
        {
          messageId: 'nearToken',
          line: 1,
          column: 44,
          endLine: 1,
          endColumn: 51,
          suggestions: [
            {
              messageId: 'useToken',
              output: `const a = <div style={{ border: '1px solid var(--color-primary-hover)', boxShadow: 'none' }} />;`,
            },
          ],
        },
      ],
    },
  ],
};
const all = <T extends { options?: Array<Record<string, unknown>> }>(c: T) => ({ ...c, options: [{ report: 'all', ...c.options?.[0] }] });
ruleTester().run('hard-coded-style-value (report: all)', rule, {
  valid: everyValue.valid.map(all),
  invalid: everyValue.invalid.map(all),
} as typeof everyValue);

// The default, `report: "confident"`: the classes of the ledger's findings reviewers keep, nothing else.
ruleTester().run('hard-coded-style-value (default: confident)', rule, {
  valid: [
    // the literal is the same in both themes, `--color-fg` turns #f9fafb in `.dark`: not a certain swap
    { code: `const a = <p style={{ color: '#111827' }} />;`, settings: settings(cssVars) },
    // an arbitrary colour equal to a theme colour: as often a coincidence of value as the token (report: all)
    { code: `const a = <div className="bg-[#2b6cb0]" />;`, settings: settings(tw4) },
    // a near colour, an off-scale length, a length in a style object
    { code: `const a = <div style={{ background: '#4a91e3' }} className="p-[18px]" />;`, settings: settings(dtcg) },
    { code: `const a = <div style={{ padding: '16px' }} />;`, settings: settings(cssVars) },
    // a stylesheet value: a variable defined under a container is out of scope outside it
    { code: 'const Card = styled.div`\n  padding: 16px;\n`;', settings: settings(cssVars) },
    // a token file's value with no CSS variable: its name in CSS is a guess
    { code: `const a = <div style={{ color: '#4a90e2' }} />;`, settings: settings(dtcg) },
    // a size equal to two styles of the project's type ramp only (each with its weight and leading): not a scale step
    { code: `const a = <p className="text-[11px]" />;`, settings: settings(tw4Ramp) },
    // a 1-2px offset of a positioned element is an optical nudge (a caret), even where the scale has `top-px`
    { code: `const a = <span className="relative top-[1px] -left-[2px]" />;`, settings: settings(tw4) },
    // a stock shadcn primitive with no components.json (a design-system package's `primitives/`): its Radix import
    // as `SelectPrimitive` is shadcn's template, the lines are vendored
    {
      code: `import * as SelectPrimitive from '@radix-ui/react-select';\nconst a = <SelectPrimitive.Content className="min-w-[8rem]" />;`,
      filename: 'packages/ui/primitives/select.tsx',
      settings: settings(tw4),
    },
    {
      code: `import { Select as SelectPrimitive } from 'radix-ui';\nconst a = <SelectPrimitive.Content className="min-w-[8rem]" />;`,
      filename: 'src/select.tsx',
      settings: settings(tw4),
    },
  ],
  invalid: [
    {
      // a v4 theme variable and the default scale step of one class are one token: fixed
      code: `const a = <p className="text-[12px]" />;`,
      output: `const a = <p className="text-xs" />;`,
      settings: settings(tw4SameClass),
      errors: [{ messageId: 'exactToken', line: 1, column: 25, endLine: 1, endColumn: 36 }],
    },
    {
      // two keys of one size are both steps of the scale: reported, both offered
      code: `const a = <p className="text-[12px]" />;`,
      settings: settings(tw4TwoKeys),
      errors: [
        {
          messageId: 'exactTokens',
          line: 1,
          column: 25,
          endLine: 1,
          endColumn: 36,
          suggestions: [
            { messageId: 'useToken', output: `const a = <p className="text-tremor-label" />;` },
            { messageId: 'useToken', output: `const a = <p className="text-xs" />;` },
          ],
        },
      ],
    },
    {
      // a 1px margin or size is no nudge: `-mt-[1px]` collapsing grid borders is `-mt-px`
      code: `const a = <div className="-mt-[1px] top-[1px]" />;`,
      output: `const a = <div className="-mt-px top-[1px]" />;`,
      settings: settings(tw4),
      errors: [{ messageId: 'exactToken', line: 1, column: 27, endLine: 1, endColumn: 36 }],
    },
    {
      // a team's own wrapper of the same primitive (imported by another name) is checked
      code: `import * as RadixSelect from '@radix-ui/react-select';\nconst a = <RadixSelect.Content className="min-w-[8rem]" />;`,
      output: `import * as RadixSelect from '@radix-ui/react-select';\nconst a = <RadixSelect.Content className="min-w-32" />;`,
      filename: 'packages/ui/primitives/select.tsx',
      settings: settings(tw4),
      errors: [{ messageId: 'exactToken', line: 2, column: 43, endLine: 2, endColumn: 55 }],
    },
    {
      // shadcn's Radix import in a file that is not a registry primitive: the team's own component, checked
      code: `import * as SelectPrimitive from '@radix-ui/react-select';\nconst a = <SelectPrimitive.Content className="min-w-[8rem]" />;`,
      output: `import * as SelectPrimitive from '@radix-ui/react-select';\nconst a = <SelectPrimitive.Content className="min-w-32" />;`,
      filename: 'src/components/team-picker.tsx',
      settings: settings(tw4),
      errors: [{ messageId: 'exactToken', line: 2, column: 47, endLine: 2, endColumn: 59 }],
    },
    {
      // an arbitrary value that is a step of the project's scale: the scale class, fixed
      code: `const a = <div className="p-[16px] bg-[#2b6cb0]" />;`,
      output: `const a = <div className="p-4 bg-[#2b6cb0]" />;`,
      settings: settings(tw4),
      errors: [{ messageId: 'exactToken', line: 1, column: 27, endLine: 1, endColumn: 35 }],
    },
    {
      // a colour in a style object equal to one CSS variable (the same in every theme)
      code: `const a = <p style={{ color: '#1d4ed8' }} />;`,
      output: `const a = <p style={{ color: 'var(--color-primary-hover)' }} />;`,
      settings: settings(cssVars),
      errors: [{ messageId: 'exactToken', line: 1, column: 31, endLine: 1, endColumn: 38 }],
    },
  ],
});

describe('hard-coded-style-value autofix', () => {
  it('produces code that parses and uses the right token', () => {
    const linter = new Linter({ configType: 'flat' });
    const code = `export const A = () => (\n  <div className="p-[16px] bg-[#2b6cb0]" style={{ color: '#1a1a1a', padding: 16 }}>\n    <B />\n  </div>\n);\nconst B = styled.div\`\n  border-radius: 8px;\n\`;\n`;
    const config = [
      {
        files: ['**/*.tsx'],
        languageOptions: { parser: tsParser as never, parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { p: { rules: { r: rule as never } } },
        rules: { 'p/r': ['warn', { report: 'all' }] as ['warn', object] },
        settings: settings({
          ...tw4,
          tokens: [...tw4.tokens, ...dtcg.tokens],
          templates: { object: 'tokens.{path}', template: 'var(--{name})' },
        }),
      },
    ];
    const fixed = linter.verifyAndFix(code, config, 'src/a.tsx');
    expect(fixed.fixed).toBe(true);
    expect(fixed.output).toContain('className="p-4 bg-brand-700"');
    expect(fixed.output).toContain('color: tokens.color.text.default');
    expect(fixed.output).toContain('border-radius: var(--radius-md)');
    // the fixed code parses and nothing fixable is left
    const again = linter.verify(fixed.output, config, 'src/a.tsx');
    expect(again.filter((m) => m.fatal)).toEqual([]);
    expect(again.filter((m) => m.fix)).toEqual([]);
  });

  it("builds token settings from the linted file's project when settings.plumbline.tokens is not given", () => {
    resetProjectSettings();
    const linter = new Linter({ configType: 'flat', cwd: join(fixtures, 'app') });
    const messages = linter.verify(
      `const a = <div style={{ padding: '16px' }} />;`,
      [
        {
          files: ['**/*.tsx'],
          languageOptions: { parser: tsParser as never, parserOptions: { ecmaFeatures: { jsx: true } } },
          plugins: { p: { rules: { r: rule as never } } },
          rules: { 'p/r': ['warn', { report: 'all' }] as ['warn', object] },
        },
      ],
      join(fixtures, 'app/src/components/Card.tsx'),
    );
    expect(messages.map((m) => [m.messageId, m.fix?.text])).toEqual([['exactToken', "'var(--space-4)'"]]);
  });
});
