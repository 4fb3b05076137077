import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from './fixture.js';

// @acme/ui (found by its name) offers a Button no app file imports; @acme/propel offers the Button five files
// import, and an IconButton: a migration from one design system to the other, under way
describe('design-system: two design-system packages, the code moving from one to the other', () => {
  const out = analyzeFixture('design-system', 'two-systems');

  it('names the component the code imports (by importer counts), never one nobody imports', () => {
    const raw = findingsOf(out, 'prefer-design-system-component').map((f) => [f.file, f.line, f.message]);
    expect(raw).toHaveLength(2);
    expect(raw[0]).toEqual(['apps/web/src/toolbar.tsx', 6, expect.stringContaining('`Button` (`@acme/propel/button`)')]);
    // the icon-only close button goes to the IconButton the second design system has
    expect(raw[1]).toEqual(['apps/web/src/toolbar.tsx', 9, expect.stringContaining('`IconButton` (`@acme/propel/icon-button`)')]);
  });

  it('reports the two systems once, as a migration in the adoption metrics', () => {
    expect(out.result.metrics['design-system-adoption']).toMatchObject({
      packages: ['@acme/ui', '@acme/propel'],
      migrations: [{ component: 'Button', from: '@acme/ui', to: '@acme/propel/button', fromImporters: 0, toImporters: 5 }],
    });
  });

  it('keeps a frameless input that re-implements the design-system Input in its transparent mode', () => {
    expect(findingsOf(out, 'design-system-shadow')).toEqual([
      expect.objectContaining({
        file: 'apps/web/src/estimate-input.tsx',
        line: 2,
        message: expect.stringContaining("design system's `Input`"),
      }),
    ]);
  });
});
