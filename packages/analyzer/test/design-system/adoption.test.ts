import { describe, expect, it } from 'vitest';
import { analyzeFixture } from './fixture.js';

describe('design-system adoption', () => {
  const out = analyzeFixture('design-system', 'adoption');
  const m = out.result.metrics['design-system-adoption'] as Record<string, unknown>;

  it('counts design-system, homebrew and raw-with-equivalent instances in non-test files outside the design system', () => {
    // DS: Stack, Button x2 (pay), UI.Heading (list), Stack, Button (action-bar) = 6
    // homebrew: ProductTile x2 (list), List and Pay (app) = 4; ActionBar composes the DS only and is not counted
    // raw with a DS equivalent: <button> (pay), <a> and <h3> (list) = 3; <div>, <section>, <main> have none
    // not counted: Toaster (npm), the test file, the design system's own files
    expect(m).toMatchObject({ files: 5, designSystem: 6, local: 4, raw: 3, adoption: 0.4615 });
    expect(out.result.summary.designSystemAdoption).toBe(0.4615);
  });

  it('breaks adoption down per CODEOWNERS owner', () => {
    expect(m.byOwner).toEqual([
      { owner: '(no owner)', designSystem: 0, local: 2, raw: 0, adoption: 0 },
      { owner: '@acme/catalog', designSystem: 3, local: 2, raw: 2, adoption: 0.4286 },
      { owner: '@acme/checkout', designSystem: 3, local: 0, raw: 1, adoption: 0.75 },
    ]);
  });

  it('breaks adoption down per directory, three levels deep', () => {
    const dirs = m.byDirectory as Array<{ directory: string; adoption: number | null }>;
    expect(dirs.map((d) => d.directory)).toEqual(['apps', 'apps/web', 'apps/web/src']);
    expect(dirs[2]).toEqual({ directory: 'apps/web/src', designSystem: 6, local: 4, raw: 3, adoption: 0.4615 });
  });

  it('lists the most used homebrew components and raw elements', () => {
    expect(m.topLocal).toEqual([
      { name: 'ProductTile', file: 'apps/web/src/catalog/product-tile.tsx', instances: 2 },
      { name: 'List', file: 'apps/web/src/catalog/list.tsx', instances: 1 },
      { name: 'Pay', file: 'apps/web/src/checkout/pay.tsx', instances: 1 },
    ]);
    expect(m.topRaw).toEqual([
      { element: 'a', component: 'Link', instances: 1 },
      { element: 'button', component: 'Button', instances: 1 },
      { element: 'h3', component: 'Heading', instances: 1 },
    ]);
  });
});
