import { describe, expect, it } from 'vitest';
import { namesAPart } from '../../src/detectors/design-system-shadow.js';
import { analyzeFixture, findingsOf } from './fixture.js';

// what a right shadow is: a local component named like the primitive, rendering its raw element with a look one of
// the design system's variants draws. A part of another widget (an option card, a popover's trigger) or a look the
// system has no variant for (a muted chip) is not one: judged wrong in growthbook, unkey, plane, inbox-zero, langfuse
describe('design-system-shadow: parts of other widgets and looks of their own', () => {
  const out = analyzeFixture('design-system', 'shadow-parts');

  it('reports only the button that writes the design-system Button look again', () => {
    const shadows = findingsOf(out, 'design-system-shadow');
    expect(shadows.map((f) => [f.file, f.line])).toEqual([['apps/web/src/brand-button.tsx', 4]]);
    expect(shadows[0]!.message).toContain("`BrandButton` re-implements the design system's `Button`");
  });

  it('reads a name as a part of another widget only by words the design-system name does not have', () => {
    expect(namesAPart('AskUserOptionButton', 'Button')).toBe(true);
    expect(namesAPart('DropdownLink', 'Link')).toBe(true);
    expect(namesAPart('AppSidebarButtonItem', 'Button')).toBe(true);
    expect(namesAPart('SidebarTrigger', 'SidebarTrigger')).toBe(false);
    expect(namesAPart('SubmitButton', 'Button')).toBe(false);
    expect(namesAPart('EstimateNumberInput', 'Input')).toBe(false);
  });
});
