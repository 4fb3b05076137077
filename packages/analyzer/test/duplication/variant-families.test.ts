import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from '../design-system/fixture.js';

describe('component-family: variant families (one role, trees that differ)', () => {
  const out = analyzeFixture('duplication', 'variant-families');

  it('reports four button primitives with their own props and stylesheets as ONE family, naming the member to keep', () => {
    const families = findingsOf(out, 'component-family');
    expect(families).toHaveLength(1);
    const [f] = families;
    expect(f).toMatchObject({
      file: 'src/components/buttons/danger-button.tsx',
      line: 10,
      column: 14,
      related: [
        'src/components/buttons/ghost-button.tsx:5',
        'src/components/buttons/pill-button.tsx:9',
        'src/components/buttons/primary-button.tsx:10',
      ],
    });
    expect(f!.message).toMatch(/^4 components play one role, each rendering a <button> of its own \(similarity [\d.-]+\): DangerButton /);
    // the most imported member is the one to keep; what each other adds, and who would move
    expect(f!.message).toContain('Keep `PrimaryButton` (src/components/buttons/primary-button.tsx:10, imported by 3 files)');
    expect(f!.message).toContain('`DangerButton` adds props onConfirm, outlined; classes .outlined, .solid');
    expect(f!.message).toContain('`GhostButton` adds props tone; classes .ghost');
    expect(f!.message).toContain('`PillButton` adds props selected, size; classes .pill, .selected');
    expect(f!.message).toMatch(/2 importers would move: src\/pages\/billing\.tsx, src\/pages\/profile\.tsx\.$/);
  });
});

describe('component-family: idiomatic code of one role stays quiet', () => {
  const out = analyzeFixture('duplication', 'variant-families-quiet');

  it('a Button and the IconButton that wraps it, a design system Button + Link + MenuItem, shadcn primitives, compound parts, forwardRef/memo wrappers, bare pass-throughs of a package Popover, log filters and layouts that each only configure one shared component (FilterCheckbox, SecondaryNav), key dialogs that share a shell around content of their own (UsageSetup, ExpirationSetup), a skeleton row and a loading skeleton, two sections route tables, a button of the app and one of another workspace package, a dialog button and a menu button that share only a package DialogTrigger', () => {
    expect(findingsOf(out, 'component-family')).toEqual([]);
  });
});

describe('component-family: styled wrappers of a package primitive', () => {
  const out = analyzeFixture('duplication', 'variant-families-wrappers');

  it('reports three wrappers of a package <Box> that pass their children on as ONE family, though each only configures the Box', () => {
    const families = findingsOf(out, 'component-family').filter((f) => /field-stack/.test(f.file));
    expect(families).toHaveLength(1);
    expect(families[0]).toMatchObject({
      file: 'src/billing/compact-field-stack.tsx',
      related: ['src/settings/settings-field-stack.tsx:5', 'src/team/legacy-field-stack.tsx:4'],
    });
    expect(families[0]!.message).toMatch(/^3 components play one role, each rendering a <Box> of its own /);
  });

  it('joins no role by a component imported through a path alias the resolver cannot follow: it is the repository’s, not a package’s', () => {
    const places = findingsOf(out, 'component-family').flatMap((f) => [f.file, ...f.related]);
    expect(places.filter((p) => /page-shell/.test(p))).toEqual([]);
  });

  it('joins two wrappers named for one compound part (`TopBarWrapper`, `InvoiceTopBarWrapper`) when their trees are alike, though `Wrapper` alone is a part word', () => {
    const families = findingsOf(out, 'component-family').filter((f) => /top-bar/.test(f.file));
    expect(families.map((f) => [f.file, ...f.related])).toEqual([
      ['src/invoices/invoice-top-bar-wrapper.tsx', 'src/layout/top-bar-wrapper.tsx:4'],
    ]);
    expect(families[0]!.message).toMatch(/^2 components play one role, each rendering a <Box> of its own \(similarity 0\.77\)/);
  });

  it('leaves apart one-element parts of two compounds named alike (`AuthPageTitle`, `SettingsPageTitle`)', () => {
    const places = findingsOf(out, 'component-family').flatMap((f) => [f.file, ...f.related]);
    expect(places.filter((p) => /-page\.tsx/.test(p))).toEqual([]);
  });

  it('leaves apart the forms of two elements named by one compound (`AddressElementForm`, `RatingElementForm`): neither is the other with a qualifier', () => {
    const places = findingsOf(out, 'component-family').flatMap((f) => [f.file, ...f.related]);
    expect(places.filter((p) => p.startsWith('src/elements/'))).toEqual([]);
  });
});
