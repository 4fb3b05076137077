import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadConfig } from '@plumbline/core';
import { analyze, workingTreeSource } from '../../src/analyze.js';
import { discoverFiles } from '../../src/discover.js';
import { analyzeFixture, findingsOf } from '../design-system/fixture.js';

describe('component-family', () => {
  const out = analyzeFixture('duplication', 'component-family');

  it('reports three near-identical components as ONE family, with the similarity and every member', () => {
    expect(findingsOf(out, 'component-family').filter((f) => !f.file.startsWith('src/reports/'))).toEqual([
      {
        ruleId: 'component-family',
        file: 'src/customers/no-customers.tsx',
        line: 3,
        column: 17,
        endLine: 3,
        endColumn: 28,
        message:
          '3 components render a <div> with near-identical structure (similarity 0.89-1.00): NoCustomers (src/customers/no-customers.tsx:3), ' +
          'NoInvoices (src/invoices/no-invoices.tsx:3), NoProjects (src/projects/no-projects.tsx:3). Consider one component with props for what differs. ' +
          'Keep `NoInvoices` (src/invoices/no-invoices.tsx:3, imported by 0 files); `NoCustomers` adds classes no-customers; ' +
          '`NoProjects` adds classes empty-projects; no importer would move.',
        related: ['src/invoices/no-invoices.tsx:3', 'src/projects/no-projects.tsx:3'],
      },
    ]);
    expect(out.result.findings.find((f) => f.ruleId === 'component-family')!.effortMinutes).toBe(40);
  });

  it('stays quiet on tiny look-alikes, icons, pages composing other components, stories and generated code', () => {
    const places = out.result.findings
      .filter((f) => f.ruleId === 'component-family')
      .flatMap((f) => [f.file, ...f.related.map((r) => r.file)]);
    for (const quiet of [
      'src/layout/box.tsx',
      'src/icons/CloseIcon.tsx',
      // SVG artwork without its <svg> (createIcon fragments), and react-native-svg drawings (Svg, Path)
      'src/icons/group-icons.tsx',
      'src/illustrations/private.tsx',
      'src/illustrations/public.tsx',
      'src/pages/invoices-page.tsx',
      'src/pages/settings-page.tsx',
      'src/invoices/no-invoices.stories.tsx',
      // loading placeholders, each the shape of its own page
      'src/loading/members-skeleton.tsx',
      'src/loading/invoices-skeleton.tsx',
      // email templates: each a standalone document
      'src/notifications/invoice-paid.tsx',
      'src/notifications/invoice-overdue.tsx',
      // resume templates: each a design of its own, side by side in one templates/ folder
      'src/templates/azurill.tsx',
      'src/templates/gengar.tsx',
      // one copy in each app of the monorepo
      'apps/admin/src/not-found.tsx',
      'apps/web/src/not-found.tsx',
    ]) {
      expect(places).not.toContain(quiet);
    }
    expect(out.facts.map((f) => f.path)).not.toContain('src/generated/no-items.tsx');
  });

  it('reports a component copied whole as one family too, naming the member to keep; copies of files of several components stay copied-code alone', () => {
    const families = findingsOf(out, 'component-family').filter(
      (f) => f.file.startsWith('src/reports/') || f.file.startsWith('src/exports/'),
    );
    expect(families).toHaveLength(1);
    expect(families[0]!.related).toEqual(['src/reports/weekly-summary.tsx:3']);
    expect(families[0]!.message).toMatch(
      /^2 components are copies of one component \(similarity 1\.00; copied-code reports the copied lines\): MonthlySummary .*Keep `MonthlySummary` \(src\/reports\/monthly-summary\.tsx:3, imported by 1 file\); `WeeklySummary` adds no props or classes of its own; no importer would move\.$/,
    );
    const copies = out.result.findings.filter((f) => f.ruleId === 'copied-code').flatMap((f) => [f.file, ...f.related.map((r) => r.file)]);
    expect(copies).toEqual(
      expect.arrayContaining([
        'src/reports/weekly-summary.tsx',
        'src/reports/monthly-summary.tsx',
        'src/exports/csv-export.tsx',
        'src/exports/json-export.tsx',
      ]),
    );
  });

  it('leaves copies to copied-code only when copied-code is reported: turned on alone, component-family reports them', () => {
    const root = join(import.meta.dirname, '../../../../fixtures/duplication/component-family');
    const config = { ...loadConfig(root), rules: { 'copied-code': 'off' as const } };
    const { files } = discoverFiles(root, config);
    const alone = analyze({ root, config, cache: null, source: workingTreeSource(root, files) }).result;
    expect(alone.findings.filter((f) => f.ruleId === 'copied-code')).toEqual([]);
    const families = alone.findings.filter((f) => f.ruleId === 'component-family');
    expect(families.some((f) => [f.file, ...f.related.map((r) => r.file)].includes('src/exports/csv-export.tsx'))).toBe(true);
    // the rating is the same either way: for the rating, the copies are rated once, as copied-code
    expect(alone.summary.rated).toEqual(out.result.summary.rated);
  });
});

describe('component-family: families that share the render only', () => {
  const out = analyzeFixture('duplication', 'component-family-render-only');

  it("leaves out two tables that render alike around queries, columns and handlers of their own, and two route modules' ErrorBoundary exports; keeps two delete buttons that differ in a renamed id and texts", () => {
    const families = findingsOf(out, 'component-family');
    expect(families.map((f) => [f.file, ...f.related])).toEqual([
      ['src/links/link-delete-button.tsx', 'src/pixels/pixel-delete-button.tsx:4'],
    ]);
    expect(families[0]!.message).toMatch(/^2 components .*LinkDeleteButton .*PixelDeleteButton/);
  });
});

describe('component-family: what merging two members renames', () => {
  it('counts a rename by the words that differ: an entity renamed throughout is one rename, a suffix added to every prop another', async () => {
    const { renameOf } = await import('../../src/detectors/shared/family-evidence.js');
    const { hash32 } = await import('../../src/facts/components.js');
    const names = new Map(
      [
        'linkId',
        'pixelId',
        'LinkForm',
        'PixelForm',
        'useLinks',
        'usePixels',
        'title',
        'titleAlt',
        'size',
        'sizeAlt',
        'rows',
        'columns',
      ].map((n) => [hash32(n), n]),
    );
    const key = (a: string, b: string) => renameOf(hash32(a), hash32(b), names, names);
    expect(new Set([key('linkId', 'pixelId'), key('LinkForm', 'PixelForm'), key('useLinks', 'usePixels')])).toEqual(
      new Set(['link>pixel']),
    );
    expect(key('title', 'titleAlt')).toBe(key('size', 'sizeAlt'));
    expect(key('rows', 'columns')).toBe('row>column');
    // identifiers the facts do not name stay apart
    expect(renameOf(1, 2, names, names)).not.toBe(renameOf(1, 3, names, names));
  });
});

describe('component-family: a family of route modules', () => {
  const out = analyzeFixture('duplication', 'component-family-routes');

  it('names no member to keep: nothing imports a route module, so the routes stay and what they share moves into one component', () => {
    const [f, ...rest] = findingsOf(out, 'component-family');
    expect(rest).toEqual([]);
    expect(f!.message).toMatch(
      /^2 components render a <main> with near-identical structure .*: BlogPage \(app\/\(landing\)\/blog\/page\.tsx:3\)/,
    );
    expect(f!.message).toMatch(
      /Each is a route module, which nothing imports: keep the routes and move what they share into one component they render\.$/,
    );
    expect(f!.message).not.toContain('Keep `');
  });
});

describe('component-family: pages composed of shared blocks around demos of their own', () => {
  const out = analyzeFixture('duplication', 'component-family-composed');

  it("leaves out two docs pages that lay out the shared doc blocks around each page's own demos, though the demos share their names", () => {
    // CheckboxPage and SwitchPage render PageHeader, Section, Example and PropsTable alike; what each shows is its own
    // BasicDemo, StatesDemo and LabelDemo (defined in its file): the shared structure is already the shared blocks
    expect(findingsOf(out, 'component-family').filter((f) => f.file.startsWith('src/docs/'))).toEqual([]);
  });

  it('leaves out blank states that each fill in an InfoPanel of the application as big as themselves; reports plan features rooted in a small FeatureItem', () => {
    const places = findingsOf(out, 'component-family').map((f) => [f.file, ...f.related]);
    expect(places.filter((p) => p[0]!.startsWith('src/blank/'))).toEqual([]);
    expect(places.filter((p) => p[0]!.startsWith('src/features/'))).toEqual([
      ['src/features/plan-features.tsx', 'src/features/plan-features.tsx:18'],
    ]);
  });

  it('still reports two charts that each define a local Tooltip when the Tooltips are near-identical copies (one edited a little): the same content, not content of their own', () => {
    const charts = findingsOf(out, 'component-family').filter((f) => /Chart/.test(f.message));
    expect(charts.map((f) => [f.file, ...f.related])).toEqual([
      ['src/charts/cohort-events-chart.tsx', 'src/charts/member-growth-chart.tsx:19'],
    ]);
    expect(charts[0]!.message).toMatch(/^2 components are copies of one component .*CohortEventsChart .*MemberGrowthChart/);
  });
});

describe('component-family: one copy in each workspace package', () => {
  const out = analyzeFixture('duplication', 'component-family-packages');

  it('leaves out the not-found page of each workspace package (apps/web/client and docs): each app keeps its own', () => {
    expect(findingsOf(out, 'component-family')).toEqual([]);
  });
});

describe('component-family: importers through barrels and route modules a router loads', () => {
  const out = analyzeFixture('duplication', 'component-family-barrels');
  const families = findingsOf(out, 'component-family');

  it('counts the files that import the member to keep through a folder index, a barrel of barrels and a tsconfig path of a referenced tsconfig.app.json', () => {
    const f = families.find((x) => /SortBy/.test(x.message));
    // order-list imports it through components/table (export * of order-by/index.ts, export * of order-by.tsx), product-list
    // through `@/components/table/order-by` (paths of tsconfig.app.json, which tsconfig.json references), customer-sort through `@/components/table`
    expect(f!.message).toContain('Keep `TableOrderBy` (src/components/table/order-by/order-by.tsx:8, imported by 3 files)');
    expect(f!.message).toMatch(/`SortBy` adds classes sort-by; no importer would move\.$/);
  });

  it('names a member to keep for routes that a router config loads by import(): they are imported, so the claim that nothing imports them would be false', () => {
    const f = families.find((x) => /OrderList/.test(x.message));
    expect(f!.message).not.toContain('Each is a route module');
    expect(f!.message).toMatch(/Keep `(OrderList|ProductList)` \(src\/routes\/\w+\/\w+-list\.tsx:4, imported by 1 file\)/);
  });
});
