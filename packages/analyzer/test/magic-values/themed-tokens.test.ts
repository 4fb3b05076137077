import { describe, expect, it } from 'vitest';
import { analyzeFixture, findings } from './fixture.js';

const messages = (name: string) => findings(analyzeFixture(name), 'hard-coded-style-value').map((f) => [f.at, f.message]);

describe('themed token sets: the nearest token by property, in the file theme', () => {
  it('Primer-style themed CSS as the only config: the light theme is the default, and the token is the one named for the property', () => {
    expect(messages('themed-primer')).toEqual([
      // color -> fg tokens; the semantic token before the component one
      [
        'src/alert.css:2:10-2:17',
        '`#d1242f` is the value of design tokens `--fgColor-danger`, `--button-danger-fgColor-rest`: use one of them.',
      ],
      // ΔE 0.2 from #0969da: named, not "matches no color token"
      ['src/alert.css:5:10-5:17', '`#0a69db` is not on the color scale; nearest tokens: `--fgColor-accent` (#0969da, ΔE 0.2).'],
      [
        'src/alert.css:8:15-8:22',
        '`#0969da` is the value of design token `--bgColor-accent-emphasis`: use `var(--bgColor-accent-emphasis)`.',
      ],
      [
        'src/alert.css:11:17-11:24',
        '`#cf222e` is the value of design token `--borderColor-danger-emphasis`: use `var(--borderColor-danger-emphasis)`.',
      ],
    ]);
  });

  it('Tailwind 4 oklch theme with a .dark variant: color, background and border-color each get their token; the dark value in .dark', () => {
    expect(messages('themed-oklch')).toEqual([
      ['src/panel.css:2:10-2:17', '`#18181b` is the value of design token `--color-foreground`: use `var(--color-foreground)`.'],
      ['src/panel.css:3:21-3:28', '`#ffffff` is the value of design token `--color-background`: use `var(--color-background)`.'],
      // --color-muted has the same value; border-color names the border token
      ['src/panel.css:4:17-4:24', '`#e4e4e7` is the value of design token `--color-border`: use `var(--color-border)`.'],
      ['src/panel.css:8:10-8:17', '`#fafafa` is the value of design token `--color-foreground`: use `var(--color-foreground)`.'],
    ]);
  });
});
