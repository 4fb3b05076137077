import { describe, expect, it } from 'vitest';
import { analyzeFixture, findings } from './fixture.js';

describe('token values written outside style sites', () => {
  const out = analyzeFixture('loose-values');
  const found = findings(out, 'hard-coded-style-value').map((f) => [f.at, f.message]);

  it('reports a palette of tokens and a fallback after reading the variable equal to a token, exact values only', () => {
    expect(found).toEqual([
      // one finding per line: the second entry of the palette rides along
      ['src/chart.ts:2:25-2:32', "`#0ea5e9` is the value of design token `--color-brand`: use `'var(--color-brand)'`."],
      // the fallback of reading the variable repeats its value: the token is named, no var() of itself
      ['src/chart.ts:4:111-4:118', '`#5b5bd6` is the value of design token `--color-accent`: use `--color-accent`.'],
    ]);
  });

  it('never fixes them (the value may leave the page: a chart library, a canvas), and keeps own palettes, canvas, meta and SVG places quiet', () => {
    const f = out.result.findings.filter((x) => x.ruleId === 'hard-coded-style-value');
    expect(f.every((x) => !('fix' in x) || !x.fix)).toBe(true);
    expect(found.filter(([at]) => !at!.startsWith('src/chart.ts'))).toEqual([]);
    // the fallback of --color-accent that is --color-ink's value is not that token written by hand (nor a place of it)
    expect(findings(out, 'hard-coded-style-value').find((x) => x.at.startsWith('src/chart.ts:2:'))?.related).toEqual([]);
  });
});
