import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from './fixture.js';

describe('design-system: a components/ui directory (shadcn/ui) inferred as the design system', () => {
  const out = analyzeFixture('design-system', 'shadcn');

  it('infers the directory and imports its components through the tsconfig alias', () => {
    expect(out.result.metrics['design-system-adoption']).toMatchObject({ source: 'inferred', packages: [], paths: ['src/components/ui'] });
    expect(findingsOf(out, 'prefer-design-system-component').map((f) => [f.file, f.line, f.message])).toEqual([
      [
        'src/app/contact/form.tsx',
        7,
        'Raw `<textarea>`: the design system has `Textarea` (`@/components/ui/textarea`); use it so styles, states and accessibility stay consistent.',
      ],
      [
        'src/app/contact/form.tsx',
        8,
        'Raw `<button>`: the design system has `Button` (`@/components/ui/button`); use it so styles, states and accessibility stay consistent.',
      ],
    ]);
  });

  it('counts the aliased import as a design-system instance', () => {
    expect(out.result.metrics['design-system-adoption']).toMatchObject({ designSystem: 1, local: 0, raw: 2, adoption: 0.3333 });
  });
});
