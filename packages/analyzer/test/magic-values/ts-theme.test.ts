import { describe, expect, it } from 'vitest';
import { analyzeFixture, findings } from './fixture.js';

describe('tokens kept in TypeScript, with no config', () => {
  const found = findings(analyzeFixture('ts-theme'), 'hard-coded-style-value').map((f) => [f.at, f.message]);

  it('answers a hard-coded colour equal to a styled-components theme value with the access path the code would write', () => {
    expect(found).toEqual([
      // DefaultTheme has `colors: Palette`: a Palette-typed object is read through `theme.colors`
      [
        'src/Card.tsx:4:10-4:17',
        '`#e11d48` is the value of design token `theme.colors.danger`: use `${({ theme }) => theme.colors.danger}`.',
      ],
      [
        'src/Card.tsx:5:28-5:35',
        '`#0ea5e9` is the value of design token `theme.colors.primary`: use `${({ theme }) => theme.colors.primary}`.',
      ],
      // white is `theme.white` (DefaultTheme extends Base) and `theme.background`: background names the bg token
      ['src/Card.tsx:10:32-10:39', '`#ffffff` is the value of design token `theme.background`: use `theme.background`.'],
      // an exported palette of a colors.ts module: read from its module; the chart palette's data colour (line 22) is no token
      ['src/Card.tsx:21:28-21:35', '`#22c55e` is the value of design token `BRAND.leaf`: use `BRAND.leaf`.'],
      // the value the dark theme (darkTheme) gives theme.background
      [
        'src/Card.tsx:29:15-29:22',
        '`#0b0f19` is the value of `theme.background` (its value in `dark`) in another theme only: use the token where it should follow the theme, or a token of this theme.',
      ],
    ]);
  });

  it('keeps the theme file, the palette that is the definition, a colour inside an SVG, an email template and a colour the theme lacks quiet', () => {
    expect(found.filter(([at]) => !at!.startsWith('src/Card.tsx:'))).toEqual([]);
    expect(found.some(([at]) => at!.startsWith('src/Card.tsx:12:'))).toBe(false);
  });
});
