import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from './fixture.js';

// prefer-design-system-component's default mode: a raw element re-creating the component's look, or a framed raw text
// field in a file that already renders the design-system Input
describe('prefer-design-system-component: a raw element beside the component it replaces', () => {
  const out = analyzeFixture('design-system', 'raw-beside');

  it('reports the hand-drawn fields of a form that renders the design-system Input, not the buttons beside its Button', () => {
    const raw = findingsOf(out, 'prefer-design-system-component').map((f) => [f.file, f.line]);
    // a text field is one whatever its colours; a button beside the Button may be a card or a chip: left to the look test
    expect(raw).toEqual([
      ['apps/web/src/tier-form.tsx', 9],
      ['apps/web/src/tier-form.tsx', 10],
    ]);
  });

  it('stays quiet on the same field in a file that does not use the Input', () => {
    expect(findingsOf(out, 'prefer-design-system-component').some((f) => f.file === 'apps/web/src/search-form.tsx')).toBe(false);
  });
});
