import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from '../design-system/fixture.js';
import { roleEdges } from '../../src/detectors/shared/variant-families.js';
import type { RoleRef } from '../../src/detectors/shared/variant-families.js';

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
    // a page that loads PillButton by a dynamic import() moves too
    expect(f!.message).toMatch(/3 importers would move: src\/pages\/billing\.tsx, src\/pages\/profile\.tsx, src\/pages\/promo\.tsx\.$/);
  });
});

describe('component-family: idiomatic code of one role stays quiet', () => {
  const out = analyzeFixture('duplication', 'variant-families-quiet');

  it('a Button and the IconButton that wraps it, a design system Button + Link + MenuItem, shadcn primitives, compound parts, forwardRef/memo wrappers, bare pass-throughs of a package Popover, log filters and layouts that each only configure one shared component (FilterCheckbox, SecondaryNav), key dialogs that share a shell around content of their own (UsageSetup, ExpirationSetup), a skeleton row and a loading skeleton, two sections route tables, a button of the app and one of another workspace package, a dialog button and a menu button that share only a package DialogTrigger, a filter pill and a card’s hover action in two folders that share only their <button>, two layout demos on a storybook route', () => {
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

  it('joins a component named by one part word (`Actions`) and its variant named for it with a qualifier (`OrderActions`)', () => {
    const families = findingsOf(out, 'component-family').filter((f) => /actions/.test(f.file));
    expect(families.map((f) => [f.file, ...f.related])).toEqual([['src/modal/actions.tsx', 'src/orders/order-actions.tsx:4']]);
    expect(families[0]!.message).toMatch(/^2 components play one role, each rendering a <Box> of its own /);
  });

  it('joins two near-identical wrappers of one package component named for one part, under minNodes and passing no children on', () => {
    const families = findingsOf(out, 'component-family').filter((f) => /header/.test(f.file));
    // OrderStatusHeader wraps the same Box and is named for a header, but is neither a qualified DiscountSubsectionHeader nor alike
    expect(families.map((f) => [f.file, ...f.related])).toEqual([
      ['src/discounts/discount-subsection-header.tsx', 'src/vouchers/voucher-discount-subsection-header.tsx:4'],
    ]);
    expect(families[0]!.message).toMatch(
      /^2 components play one role, each rendering a <Box> of its own \(similarity (0\.(8[5-9]|9\d)|1\.00)\)/,
    );
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

describe('roleEdges: variants named for one part', () => {
  const ref = (name: string, path: string) =>
    ({
      file: { path },
      c: {
        name,
        size: 12,
        exported: true,
        tags: ['a'],
        rootElement: 'a',
        face: { props: [], classes: [], passesChildren: false, hooks: 0 },
      },
    }) as unknown as RoleRef;
  const options = {
    minNodes: 3,
    primitiveFloor: 0,
    packageFloor: 0.3,
    threshold: 0.7,
    packageTree: 0.85,
    apartFloor: 0.5,
    wrappedBelow: 15,
  };
  const alike = (pairs: Record<string, number>) => (a: RoleRef, b: RoleRef) =>
    pairs[`${a.c.name}+${b.c.name}`] ?? pairs[`${b.c.name}+${a.c.name}`] ?? 0;

  it('pairs two variants that qualify the name of a third (`CompactMicrocopyLink`, `CustomMicrocopyLink` of `MicrocopyLink`)', () => {
    const refs = [ref('MicrocopyLink', 'src/a.tsx'), ref('CompactMicrocopyLink', 'src/b.tsx'), ref('CustomMicrocopyLink', 'src/c.tsx')];
    const edges = roleEdges(refs, ['a', 'a', 'a'], alike({ 'CompactMicrocopyLink+CustomMicrocopyLink': 0.9 }), options);
    expect(edges).toEqual([[1, 2, 0.9]]);
  });

  it('joins two near-identical wrappers of one package component that pass nothing on only under minNodes: bigger ones are a family by their trees', () => {
    const wrapper = (name: string, path: string, size: number) => {
      const r = ref(name, path);
      return { ...r, c: { ...r.c, size, rootElement: null, tags: ['Button'] } } as unknown as RoleRef;
    };
    const small = [wrapper('StripePaymentButton', 'src/a.tsx', 12), wrapper('PaddlePaymentButton', 'src/b.tsx', 12)];
    const big = [wrapper('StripePaymentButton', 'src/a.tsx', 20), wrapper('PaddlePaymentButton', 'src/b.tsx', 20)];
    expect(roleEdges(small, ['Button@ui', 'Button@ui'], () => 0.95, options)).toEqual([[0, 1, 0.95]]);
    expect(roleEdges(big, ['Button@ui', 'Button@ui'], () => 0.95, options)).toEqual([]);
  });

  it('joins a near-identical pair across minNodes (a `<Tooltip>` wrapper of 13 nodes and its variant of 16): neither its trees nor a role would join it otherwise', () => {
    const wrapper = (name: string, path: string, size: number) => {
      const r = ref(name, path);
      return { ...r, c: { ...r.c, size, rootElement: null, tags: ['Tooltip'] } } as unknown as RoleRef;
    };
    const across = [wrapper('PluginActions', 'src/a/actions.tsx', 13), wrapper('CustomPluginActions', 'src/a/custom.tsx', 16)];
    expect(roleEdges(across, ['Tooltip@ui', 'Tooltip@ui'], () => 0.88, options)).toEqual([[0, 1, 0.88]]);
    // still near-identical only: a package component at the root is often a page whose look-alikes are no variants
    expect(roleEdges(across, ['Tooltip@ui', 'Tooltip@ui'], () => 0.8, options)).toEqual([]);
  });

  it('joins a bare part word (`Form`) and its qualified variant (`CdnForm`) only when near-identical', () => {
    const refs = [ref('Form', 'src/play/checker.tsx'), ref('CdnForm', 'src/play/cdn.tsx')];
    expect(roleEdges(refs, ['form', 'form'], () => 0.75, options)).toEqual([]);
    expect(roleEdges(refs, ['form', 'form'], () => 0.9, options)).toEqual([[0, 1, 0.9]]);
  });

  it('leaves apart two names that share a compound no component has (`AddressElementForm`, `RatingElementForm`)', () => {
    const refs = [ref('AddressElementForm', 'src/a.tsx'), ref('RatingElementForm', 'src/b.tsx')];
    expect(roleEdges(refs, ['a', 'a'], () => 1, options)).toEqual([]);
  });
});
