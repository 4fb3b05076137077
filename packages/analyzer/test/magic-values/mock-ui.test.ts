import { describe, expect, it } from 'vitest';
import { analyzeFixture, findings } from './fixture.js';

describe('illustrations, marketing animations and stock shadcn primitives (fixtures/magic-values/mock-ui)', () => {
  const out = analyzeFixture('mock-ui');
  const at = (rule: string) => findings(out, rule).map((f) => f.at);

  it('reports hard-coded token values and raw buttons in the app', () => {
    expect(at('hard-coded-style-value')).toEqual([
      'src/app/settings.tsx:6:27-6:34',
      'src/app/settings.tsx:7:24-7:38',
      // the team's own component beside shadcn's in the components.json directory
      'src/components/ui/stat-card.tsx:3:26-3:40',
    ]);
    expect(at('prefer-design-system-component')).toEqual(['src/app/settings.tsx:8:8-8:14']);
  });

  it('stays quiet in an illustration, a marketing animation and a primitive of the shadcn components.json directory', () => {
    const places = findings(out, 'hard-coded-style-value', 'repeated-style-value', 'prefer-design-system-component').map((f) => f.at);
    expect(places.filter((p) => !p.startsWith('src/app/') && !p.startsWith('src/components/ui/stat-card.tsx'))).toEqual([]);
  });
});
