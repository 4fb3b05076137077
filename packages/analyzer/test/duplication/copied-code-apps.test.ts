import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from '../design-system/fixture.js';
import { amongScripts, amongTests, appsOf, perAppCopy, routeShells } from '../../src/detectors/copied-code/confidence.js';
import type { NearClass } from '../../src/detectors/shared/near-classes.js';

describe('copied-code in a monorepo: copies each app or release keeps', () => {
  const out = analyzeFixture('duplication', 'copied-code-apps');
  const findings = findingsOf(out, 'copied-code');

  it('reports an app copy of a library function, not what each app, route, release or mock spells out', () => {
    // left alone: the query-client factory of two apps (19 lines, no library between them), two route layouts
    // that compose the same header, two releases' frozen docs sidebars, the mock data of two packages, and two
    // resource clients of an SDK whose package.json says Fern generated it (no file header says so), and a data
    // fix copied between two one-off scripts
    expect(findings.map((f) => `${f.file}:${f.line}-${f.endLine} ${f.related.join(' ')}`)).toEqual([
      'apps/web/src/lib/slug.ts:1-18 packages/utils/src/slug.ts:1',
    ]);
    // found all the same: the app copies, the layouts, the SDK's clients and the scripts are copied lines of the ratio (mock
    // data, like test set-up, and frozen releases, like migrations, are not counted)
    const metrics = out.result.metrics['copied-code'] as { linesInCopies: number };
    expect(metrics.linesInCopies).toBe(2 * (18 + 19 + 16 + 16 + 18));
  });
});

describe('copied-code gates', () => {
  const unit = (doc: number, name: string, lines: number) => ({ doc, start: 0, end: 100, name, line: 1, endLine: lines });
  const near = (names: string[], lines: number): NearClass => ({
    units: names.map((n, i) => unit(i, n, lines)),
    similarity: names.map(() => 1),
    renamed: names.map(() => []),
  });

  it('calls small components named for their route file route shells', () => {
    const paths = ['apps/a/app/global-error.tsx', 'apps/b/app/global-error.tsx'];
    expect(routeShells(near(['GlobalError', 'GlobalError'], 19), (d) => paths[d]!)).toBe(true);
    expect(routeShells(near(['Error', 'RootError'], 19), (d) => paths[d]!)).toBe(true);
    const layouts = ['app/(app)/agents/layout.tsx', 'app/(app)/cli/layout.tsx'];
    expect(routeShells(near(['DashboardLayout', ''], 16), (d) => layouts[d]!)).toBe(true);
    // a page's metadata builder is logic, not the route's shell; a 40-line not-found page is a page worth sharing
    const pages = ['app/blog/[slug]/page.tsx', 'app/guides/[slug]/page.tsx'];
    expect(routeShells(near(['generateMetadata', 'generateMetadata'], 29), (d) => pages[d]!)).toBe(false);
    expect(routeShells(near(['NotFound', 'NotFound'], 40), (d) => ['a/app/not-found.tsx', 'b/app/not-found.tsx'][d]!)).toBe(false);
    // the same component outside route files
    expect(routeShells(near(['Layout', 'Layout'], 16), (d) => ['src/a/layout-x.tsx', 'src/b/layout.tsx'][d]!)).toBe(false);
  });

  it('calls small copies in distinct apps per-app copies, not large ones nor one in a library or the same app', () => {
    const apps = ['apps/web', 'apps/admin', 'apps/web/extension'];
    expect(perAppCopy(['apps/web/src/a.ts', 'apps/admin/src/a.ts'], 19, apps)).toBe(true);
    // 40 lines to remove: worth a shared package
    expect(perAppCopy(['apps/web/src/a.ts', 'apps/admin/src/a.ts'], 40, apps)).toBe(false);
    expect(perAppCopy(['apps/web/src/a.ts', 'apps/admin/src/a.ts', 'apps/web/extension/a.ts'], 19, apps)).toBe(true);
    expect(perAppCopy(['apps/web/src/a.ts', 'apps/admin/src/a.ts', 'apps/web/extension/a.ts'], 20, apps)).toBe(false);
    // a library holds one copy (import it), two copies in one app, a copy outside every app
    expect(perAppCopy(['apps/web/src/a.ts', 'packages/utils/src/a.ts'], 19, apps)).toBe(false);
    expect(perAppCopy(['apps/web/src/a.ts', 'apps/web/src/b.ts'], 19, apps)).toBe(false);
    expect(perAppCopy(['src/a.ts', 'apps/web/src/a.ts'], 19, apps)).toBe(false);
  });

  it('calls copies between one-off scripts scripts, not a script copied into the application', () => {
    expect(amongScripts(['apps/web/scripts/fix-a.ts', 'apps/web/scripts/customers/fix-b.ts'])).toBe(true);
    expect(amongScripts(['packages/db/src/scripts/eval.ts', 'scripts/progress.ts'])).toBe(true);
    expect(amongScripts(['apps/web/scripts/fix-a.ts', 'apps/web/lib/customers.ts'])).toBe(false);
    expect(amongScripts(['src/transcripts/a.ts', 'src/transcripts/b.ts'])).toBe(false);
  });

  it('calls packages with no entry that no package depends on apps, not a library the apps import from its sources', () => {
    const pkg = (name: string, dir: string, declaresEntry: boolean, dependencies: string[] = []) => ({
      name,
      dir,
      declaresEntry,
      dependencies,
    });
    expect(
      appsOf([
        pkg('@acme/web', 'apps/web', false, ['@acme/shared-react']),
        pkg('@acme/extension', 'apps/extension', false, ['@acme/shared-react']),
        pkg('@acme/shared-react', 'packages/shared-react', false),
        pkg('@acme/utils', 'packages/utils', true),
        pkg('@acme/api', 'apps/api', true),
      ]),
    ).toEqual(['apps/web', 'apps/extension']);
  });

  it('calls mock data files tests', () => {
    expect(amongTests(['packages/a/src/mock.ts', 'packages/b/src/mocks.ts'])).toBe(true);
    expect(amongTests(['src/user.mock.ts', 'src/__mocks__/api.ts', 'src/mocks/handlers.ts'])).toBe(true);
    expect(amongTests(['src/mock.ts', 'src/mockup.ts'])).toBe(false);
  });
});
