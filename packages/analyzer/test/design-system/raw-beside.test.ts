import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from './fixture.js';

// prefer-design-system-component's default mode: a raw element re-creating the component's look, or a raw element
// in a file that already renders the component for it, in colours one of the component's variants writes
describe('prefer-design-system-component: a raw element beside the component it replaces', () => {
  const out = analyzeFixture('design-system', 'raw-beside');

  it('reports the hand-drawn fields of a form that renders the design-system Input, and a button in the Button colours', () => {
    const raw = findingsOf(out, 'prefer-design-system-component').map((f) => [f.file, f.line]);
    // a text field is one whatever its colours; a button in colours no variant of Button writes (pink) is a look of its own
    expect(raw).toEqual([
      ['apps/web/src/tier-form.tsx', 9],
      ['apps/web/src/tier-form.tsx', 10],
      ['apps/web/src/tier-form.tsx', 11],
    ]);
  });

  it('stays quiet on the same field in a file that does not use the Input', () => {
    expect(findingsOf(out, 'prefer-design-system-component').some((f) => f.file === 'apps/web/src/search-form.tsx')).toBe(false);
  });
});
