import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from './fixture.js';

describe('design-system: raw elements where the design system has a component (scan)', () => {
  const out = analyzeFixture('design-system', 'raw-element');

  it('reports each raw element with the component to use, in files of packages that depend on the design system', () => {
    expect(findingsOf(out, 'prefer-design-system-component').map((f) => [f.file, f.line, f.column, f.endColumn, f.message])).toEqual([
      [
        'apps/web/src/toolbar.tsx',
        7,
        8,
        10,
        'Raw `<h2>`: the design system has `Heading` (`@acme/ui`); use it so styles, states and accessibility stay consistent.',
      ],
      [
        'apps/web/src/toolbar.tsx',
        8,
        8,
        13,
        'Raw `<input>`: the design system has `Input` (`@acme/ui`); use it so styles, states and accessibility stay consistent.',
      ],
      [
        'apps/web/src/toolbar.tsx',
        11,
        8,
        14,
        'Raw `<button>`: the design system has `Button` (`@acme/ui`); use it so styles, states and accessibility stay consistent.',
      ],
      [
        'apps/web/src/toolbar.tsx',
        12,
        8,
        9,
        'Raw `<a>`: the design system has `Link` (`@acme/ui`); use it so styles, states and accessibility stay consistent.',
      ],
    ]);
  });

  it('maps elements from what the design-system components render', () => {
    expect(out.result.metrics['design-system-adoption']).toMatchObject({ files: 1, designSystem: 1, raw: 4 });
  });

  it('stays quiet in the design system itself, in tests, and in packages that do not depend on it', () => {
    const files = out.result.findings.filter((f) => f.ruleId === 'prefer-design-system-component').map((f) => f.file);
    expect(files).not.toContain('packages/ui/src/internal/focus-ring.tsx');
    expect(files).not.toContain('apps/web/src/toolbar.test.tsx');
    expect(files).not.toContain('packages/email/src/welcome.tsx');
  });
});
