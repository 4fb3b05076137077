import { join } from 'node:path';
import { buildCheckSettings, loadConfig } from '@plumbline/core';
import { describe, expect, it } from 'vitest';
import { analyze, workingTreeSource } from '../src/analyze.js';
import type { AnalyzeOutput } from '../src/analyze.js';
import { discoverFiles } from '../src/discover.js';

const fixtures = join(import.meta.dirname, '../../../fixtures/magic-values');

function analyzeFixture(name: string): AnalyzeOutput {
  const root = join(fixtures, name);
  const config = loadConfig(root);
  const { files } = discoverFiles(root, config);
  const { settings, errors } = buildCheckSettings(root, config);
  const out = analyze({ root, config, settings, cache: null, source: workingTreeSource(root, files) });
  out.result.errors.push(...errors);
  return out;
}

const MAGIC_RULES = ['hard-coded-style-value', 'repeated-style-value', 'repeated-literal', 'magic-number'];
function findings(out: AnalyzeOutput, ...rules: string[]) {
  return out.result.findings
    .filter((f) => (rules.length ? rules : MAGIC_RULES).includes(f.ruleId))
    .map((f) => ({ rule: f.ruleId, at: `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn}`, message: f.message, related: f.related.map((r) => `${r.file}:${r.line}`) }));
}

describe('magic values in a project with design tokens (fixtures/magic-values/app)', () => {
  const out = analyzeFixture('app');

  it('checks CSS, SCSS and CSS-module files against the tokens: exact, near, off the scale, media queries, @apply', () => {
    const css = findings(out, 'hard-coded-style-value').filter((f) => /\.s?css:/.test(f.at));
    expect(css.map((f) => [f.at, f.message])).toEqual([
      ['src/components/Button.scss:4:12-4:15', '`8px` is the value of design token `--space-2`: use `var(--space-2)`.'],
      ['src/components/Button.scss:6:15-6:35', '`rgba(37, 99, 235, 1)` is the value of design token `--color-primary`: use `var(--color-primary)`.'],
      ['src/components/Button.scss:8:20-8:23', '`8px` is the value of design token `--radius-md`: use `var(--radius-md)`.'],
      ['src/components/Card.module.css:2:12-2:16', '`16px` is the value of design token `--space-4`: use `var(--space-4)`.'],
      ['src/components/Card.module.css:2:17-2:21', '`24px` is the value of design token `--space-6`: use `var(--space-6)`.'],
      ['src/components/Card.module.css:3:18-3:22', '`18px` is not on the spacing scale; nearest tokens: `--space-4` (16px, 2px off), `--space-6` (24px, 6px off).'],
      ['src/components/Card.module.css:4:15-4:22', '`#ffffff` is the value of design token `--color-surface`: use `var(--color-surface)`.'],
      ['src/components/Card.module.css:5:21-5:28', '`#e11d48` matches no color token (nearest `--color-muted` (#6b7280, ΔE 33)): use a token of the scale, or add one to the design system.'],
      ['src/components/Card.module.css:11:16-11:20', '`15px` is not on the font-size scale; nearest tokens: `--font-size-md` (16px, 1px off), `--font-size-sm` (14px, 1px off), `--font-size-lg` (20px, 5px off).'],
      ['src/components/Card.module.css:16:10-16:18', '`16px` is the value of design token `--space-4`: use `p-[var(--space-4)]`.'],
    ]);
  });

  it('checks TS/JSX style props with the same check', () => {
    expect(findings(out, 'hard-coded-style-value').filter((f) => f.at.startsWith('src/components/Card.tsx')).map((f) => f.at)).toEqual([
      'src/components/Card.tsx:5:52-5:54', 'src/components/Card.tsx:5:64-5:71', 'src/components/Card.tsx:5:88-5:89',
    ]);
  });

  it('stays quiet on token files, CSS variable fallbacks, SVG data, tests, stories and generated files', () => {
    const files = new Set(findings(out).map((f) => f.at.split(':')[0]));
    for (const quiet of ['src/styles/tokens.css', 'src/icons/Logo.tsx', 'src/components/Button.test.tsx', 'src/components/Button.stories.tsx', 'src/lib/generated-client.ts']) {
      expect(files.has(quiet), quiet).toBe(false);
    }
    expect(findings(out).some((f) => f.message.includes('#111827') && f.at.startsWith('src/components/Card.module.css'))).toBe(false); // var(--color-text, #111827)
    expect(findings(out, 'repeated-style-value')).toEqual([]); // tokens exist: values are judged, not counted
  });

  it('reports a literal written in 3+ files once, with every other place in related', () => {
    expect(findings(out, 'repeated-literal')).toEqual([
      {
        rule: 'repeated-literal', at: 'src/api/invoices.ts:2:27-2:57', related: ['src/api/users.ts:1', 'src/lib/session.ts:5'],
        message: 'The URL `https://api.northwind.dev/v2` is written in 3 files (3 places): name it once (a shared constant or config) and import it where it is used.',
      },
      {
        rule: 'repeated-literal', at: 'src/api/invoices.ts:3:49-3:53', related: ['src/api/orders.ts:3', 'src/api/users.ts:6'],
        message: 'The `setTimeout` argument `5000` is written in 3 files (3 places): name it once (a shared constant or config) and import it where it is used.',
      },
      {
        rule: 'repeated-literal', at: 'src/api/invoices.ts:4:24-4:43', related: ['src/lib/auth.ts:2', 'src/lib/session.ts:1', 'src/lib/session.ts:2'],
        message: 'The storage key `northwind.session` is written in 3 files (4 places): name it once (a shared constant or config) and import it where it is used.',
      },
    ]);
  });

  it('reports magic numbers in logic, not status codes, powers of two, slices or named constants', () => {
    expect(findings(out, 'magic-number').map((f) => [f.at, f.message])).toEqual([
      ['src/lib/format.ts:3:19-3:23', '`1.19` is a magic number in the calculation `cents * 1.19`: give it a name (a `const` that says what it is) or read it from config.'],
      ['src/lib/session.ts:4:17-4:18', '`5` is a magic number in the comparison `attempt > 5`: give it a name (a `const` that says what it is) or read it from config.'],
    ]);
  });

  it('turns a stylesheet that does not parse into an error and goes on', () => {
    expect(out.result.errors).toEqual([{ file: 'src/components/Broken.css', message: expect.stringMatching(/CSS syntax error at 1:1: Unclosed block/) }]);
  });

  it('gives findings fingerprints without lines or paths', () => {
    const f = out.result.findings.find((x) => x.ruleId === 'hard-coded-style-value' && x.file.endsWith('Card.module.css') && x.line === 3)!;
    expect(f.fingerprint).toMatch(/^[0-9a-f]{20}$/);
  });
});

describe('magic values in a project without tokens (fixtures/magic-values/no-tokens)', () => {
  const out = analyzeFixture('no-tokens');
  it('reports only values repeated across files: the token that should exist', () => {
    expect(findings(out)).toEqual([
      {
        rule: 'repeated-style-value', at: 'src/Footer.tsx:3:15-3:22', related: ['src/Header.tsx:1', 'src/Panel.tsx:1', 'src/sidebar.css:2'],
        message: '`#4a90e2` is a hard-coded color value in 4 files (4 places): define a color token for it once and use the token everywhere.',
      },
      {
        rule: 'repeated-style-value', at: 'src/Footer.tsx:4:14-4:18', related: ['src/Header.tsx:1', 'src/sidebar.css:3'],
        message: '`13px` is a hard-coded font-size value in 3 files (3 places): define a font-size token for it once and use the token everywhere.',
      },
    ]);
  });
});
