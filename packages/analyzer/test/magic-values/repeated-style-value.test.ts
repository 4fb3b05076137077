import { describe, expect, it } from 'vitest';
import { analyzeFixture, findings } from './fixture.js';

describe('magic values in a project without tokens (fixtures/magic-values/no-tokens)', () => {
  const out = analyzeFixture('no-tokens');
  it('reports only values repeated across files: the token that should exist', () => {
    expect(findings(out)).toEqual([
      {
        rule: 'repeated-style-value',
        at: 'src/Footer.tsx:3:15-3:22',
        related: ['src/Header.tsx:1', 'src/Panel.tsx:1', 'src/sidebar.css:2'],
        message:
          '`#4a90e2` is a hard-coded color value in 4 files (4 places): define a color token for it once and use the token everywhere.',
      },
      {
        rule: 'repeated-style-value',
        at: 'src/Footer.tsx:4:14-4:18',
        related: ['src/Header.tsx:1', 'src/sidebar.css:3'],
        message:
          '`13px` is a hard-coded font-size value in 3 files (3 places): define a font-size token for it once and use the token everywhere.',
      },
    ]);
  });
});

describe('places whose values are not design decisions (fixtures/magic-values/places)', () => {
  const out = analyzeFixture('places');
  it('counts one package, skips zero and negative values, renderers without CSS, vendored and older stylesheet copies', () => {
    expect(findings(out, 'repeated-style-value')).toEqual([
      {
        rule: 'repeated-style-value',
        at: 'src/a.css:2:10-2:17',
        related: ['src/b.css:2', 'src/c.css:2'],
        message:
          '`#123456` is a hard-coded color value in 3 files (3 places): define a color token for it once and use the token everywhere.',
      },
    ]);
    // quiet: `margin: -8px`, `line-height: 0`; react-pdf and next/og files; a licence header, `*.min.css`,
    // a known vendor stylesheet, style-v20/v21 beside style-v22; `6px` in three separately built apps
  });
});
