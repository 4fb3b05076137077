import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from '../design-system/fixture.js';
import { copiesApart, frozenVersions, inStaticFolder, standaloneProjectOf } from '../../src/detectors/copied-code/apart.js';

const root = join(import.meta.dirname, '../../../../fixtures/duplication/copied-code-apart');

describe('copied-code and component-family: copies that cannot share code', () => {
  const out = analyzeFixture('duplication', 'copied-code-apart');

  it('reports copies in the main code and inside one starter, not between starters, in a static folder or among frozen versions', () => {
    // left alone: formatPrice in two starters and the app, the Card component of two starters, the vendored pixel
    // script's two copies in apps/web/public, the two frozen versions of the post workflow
    expect(findingsOf(out, 'copied-code', 'component-family').map((f) => `${f.ruleId} ${f.file}:${f.line} ${f.related.join(' ')}`)).toEqual(
      [
        // two copies in the main code are the main code's to extract, wherever the third is
        'copied-code apps/web/src/lib/slug.ts:1 packages/utils/src/slug.ts:1 templates/shop/src/lib/slug.ts:2',
        // a copy inside one starter is the starter's own
        'copied-code templates/blog/src/lib/duration.ts:2 templates/blog/src/lib/elapsed.ts:2',
      ],
    );
    // found all the same: every copied line counts in the ratio
    const metrics = out.result.metrics['copied-code'] as { linesInCopies: number };
    expect(metrics.linesInCopies).toBe(226);
  });

  it("finds the standalone project of a path: a package.json one folder below a folder of starters, or a scaffolder's template", () => {
    expect(standaloneProjectOf(root, 'templates/blog/src/lib/money.ts')).toBe('templates/blog');
    expect(standaloneProjectOf(root, 'apps/web/src/lib/price.ts')).toBe('');
    // a templates/ folder without a package.json below it (an atomic-design folder of page components) is main code
    expect(standaloneProjectOf(root, 'apps/web/src/templates/Dashboard.tsx')).toBe('');
    expect(standaloneProjectOf(root, 'templates/loose/index.ts')).toBe('');
    // a starter that another workspace package depends on is a library of the workspace, not a project copied out
    const packages = [
      { name: 'blog-starter', dir: 'templates/blog' },
      { name: '@apart/web', dir: 'apps/web', dependencies: ['blog-starter'] },
    ];
    expect(standaloneProjectOf(root, 'templates/blog/src/lib/money.ts', packages)).toBe('');
    expect(standaloneProjectOf(root, 'templates/shop/src/lib/money.ts', packages)).toBe('templates/shop');
    expect(copiesApart(root, ['templates/blog/src/lib/money.ts', 'apps/web/src/lib/price.ts'], packages)).toBe(false);
    expect(copiesApart(root, ['templates/blog/src/lib/money.ts', 'apps/web/src/lib/price.ts'])).toBe(true);
  });

  it('calls public/ and static/ beside a package.json static folders, and nowhere else', () => {
    expect(inStaticFolder(root, 'apps/web/public/pixel.js')).toBe(true);
    expect(inStaticFolder(root, 'apps/web/src/public/api.ts')).toBe(false);
    expect(inStaticFolder(root, 'packages/utils/src/static/x.ts')).toBe(false);
    // one copy in a static folder and two in the code: the code's copies are still the team's
    expect(copiesApart(root, ['apps/web/public/pixel.js', 'apps/web/src/a.ts', 'apps/web/src/b.ts'])).toBe(false);
    expect(copiesApart(root, ['apps/web/public/pixel.js', 'apps/web/src/a.ts'])).toBe(true);
  });

  it('calls sibling files whose names differ only by a version frozen versions', () => {
    expect(frozenVersions(['w/post.workflow.v1.0.1.ts', 'w/post.workflow.v1.0.9.ts'])).toBe(true);
    expect(frozenVersions(['api/schema-v2.ts', 'api/schema-v3.ts', 'api/schema-v4.ts'])).toBe(true);
    expect(frozenVersions(['ui/CheckoutV2.tsx', 'ui/CheckoutV3.tsx'])).toBe(true);
    // not siblings, not the same name, an unversioned original, two places in one file: copies as any others
    expect(frozenVersions(['a/schema-v2.ts', 'b/schema-v3.ts'])).toBe(false);
    expect(frozenVersions(['api/schema-v2.ts', 'api/routes-v3.ts'])).toBe(false);
    expect(frozenVersions(['api/schema.ts', 'api/schema-v2.ts'])).toBe(false);
    expect(frozenVersions(['api/schema-v2.ts', 'api/schema-v2.ts'])).toBe(false);
    // a name with a digit that is no version
    expect(frozenVersions(['lib/oauth2.ts', 'lib/oauth3.ts'])).toBe(false);
  });
});
