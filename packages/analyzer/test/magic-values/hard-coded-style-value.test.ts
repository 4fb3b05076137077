import { describe, expect, it } from 'vitest';
import { analyzeFixture, findings } from './fixture.js';

describe('magic values in a project with design tokens (fixtures/magic-values/app)', () => {
  const out = analyzeFixture('app');

  it('checks CSS, SCSS and CSS-module files against the tokens: exact, near, off the scale, media queries, @apply', () => {
    const css = findings(out, 'hard-coded-style-value').filter((f) => /\.s?css:/.test(f.at));
    expect(css.map((f) => [f.at, f.message])).toEqual([
      ['src/components/Button.scss:4:12-4:15', '`8px` is the value of design token `--space-2`: use `var(--space-2)`.'],
      [
        'src/components/Button.scss:6:15-6:35',
        '`rgba(37, 99, 235, 1)` is the value of design token `--color-primary`: use `var(--color-primary)`.',
      ],
      ['src/components/Button.scss:8:20-8:23', '`8px` is the value of design token `--radius-md`: use `var(--radius-md)`.'],
      ['src/components/Card.module.css:2:12-2:16', '`16px` is the value of design token `--space-4`: use `var(--space-4)`.'],
      [
        'src/components/Card.module.css:3:18-3:22',
        '`18px` is not on the spacing scale; nearest tokens: `--space-4` (16px, 2px off), `--space-6` (24px, 6px off).',
      ],
      ['src/components/Card.module.css:4:15-4:22', '`#ffffff` is the value of design token `--color-surface`: use `var(--color-surface)`.'],
      [
        'src/components/Card.module.css:5:21-5:28',
        // the nearest color is ΔE 33 away: another color, not named
        '`#e11d48` matches no color token: use a token of the scale, or add one to the design system.',
      ],
      [
        'src/components/Card.module.css:11:16-11:20',
        '`15px` is not on the font-size scale; nearest tokens: `--font-size-md` (16px, 1px off), `--font-size-sm` (14px, 1px off), `--font-size-lg` (20px, 5px off).',
      ],
    ]);
    // one finding per line (24px shares line 2 with 16px) and per value (16px again on line 16 is related)
    const first = findings(out, 'hard-coded-style-value').find((f) => f.at.startsWith('src/components/Card.module.css:2:'));
    expect(first?.related).toEqual(['src/components/Card.module.css:16']);
  });

  it('checks TS/JSX style props with the same check', () => {
    expect(
      findings(out, 'hard-coded-style-value')
        .filter((f) => f.at.startsWith('src/components/Card.tsx'))
        .map((f) => f.at),
    ).toEqual(['src/components/Card.tsx:5:52-5:54']); // three values on one line: one finding
  });

  it('stays quiet on token files, CSS variable fallbacks, SVG data, tests, stories and generated files', () => {
    const files = new Set(findings(out).map((f) => f.at.split(':')[0]));
    for (const quiet of [
      'src/styles/tokens.css',
      'src/icons/Logo.tsx',
      'src/components/Button.test.tsx',
      'src/components/Button.stories.tsx',
      'src/lib/generated-client.ts',
    ]) {
      expect(files.has(quiet), quiet).toBe(false);
    }
    expect(findings(out).some((f) => f.message.includes('#111827') && f.at.startsWith('src/components/Card.module.css'))).toBe(false); // var(--color-text, #111827)
    expect(findings(out, 'repeated-style-value')).toEqual([]); // tokens exist: values are judged, not counted
  });

  it('turns a stylesheet that does not parse into an error and goes on', () => {
    expect(out.result.errors).toEqual([
      { file: 'src/components/Broken.css', message: expect.stringMatching(/CSS syntax error at 1:1: Unclosed block/) },
    ]);
  });

  it('gives findings fingerprints without lines or paths', () => {
    const f = out.result.findings.find((x) => x.ruleId === 'hard-coded-style-value' && x.file.endsWith('Card.module.css') && x.line === 3)!;
    expect(f.fingerprint).toMatch(/^[0-9a-f]{20}$/);
  });
});
