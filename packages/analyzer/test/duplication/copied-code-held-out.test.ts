import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from '../design-system/fixture.js';
import { amongPlugins, amongTests, pluginFamilies, siblingOperations } from '../../src/detectors/copied-code/confidence.js';
import { templateOutputs } from '../../src/detectors/copied-code/templates.js';
import type { NearClass } from '../../src/detectors/shared/near-classes.js';

describe('copied-code: copies the held-out judges did not keep', () => {
  const out = analyzeFixture('duplication', 'copied-code-held-out');

  it('reports an app copy of a library function, not a template and its output, frozen alterations, test support or plugins', () => {
    // left alone: the SDK generator's template and the SDK written from it (one folder per API version), two
    // frozen schema alterations, two packages' jest set-up and fakes under src/testing/, two connectors' token exchange
    expect(findingsOf(out, 'copied-code').map((f) => `${f.file}:${f.line}-${f.endLine} ${f.related.join(' ')}`)).toEqual([
      'apps/web/src/lib/slug.ts:1-18 packages/utils/src/slug.ts:1',
    ]);
    // found all the same: the template's output and the connectors are copied lines of the ratio (test support and
    // frozen alterations, like test set-up and migrations, are not compared at all)
    const metrics = out.result.metrics['copied-code'] as { linesInCopies: number };
    expect(metrics.linesInCopies).toBe(2 * 18 + 4 * 20 + 2 * 16);
  });
});

describe('copied-code gates of the held-out classes', () => {
  it('finds a template folder and the directory written from it by the paths of their files', () => {
    const template = ['src/base.ts', 'src/index.ts', 'src/errors.ts', 'tsconfig.ts'].map((p) => `sdk/generator/ts/template/${p}`);
    const output = ['src/base.ts', 'src/index.ts', 'src/errors.ts', 'src/v1/orders.ts'].map((p) => `sdk/ts/${p}`);
    expect(templateOutputs([...template, ...output, 'apps/web/src/index.ts'])).toEqual(['sdk/generator/ts/template', 'sdk/ts']);
    // two files in common are no output, nor is half the template missing; an atomic-design `templates/` folder of
    // page components shares no file paths with another folder
    expect(templateOutputs([...template, ...output.slice(0, 2)])).toEqual([]);
    expect(
      templateOutputs(['src/components/templates/Dashboard.tsx', 'src/components/templates/Settings.tsx', 'src/pages/Dashboard.tsx']),
    ).toEqual([]);
  });

  it('calls packages named as variants side by side below the top level a family of plugins, and copies among two of them plugin copies', () => {
    const connectors = ['connector-a', 'connector-b', 'connector-c'].map((d) => `packages/connectors/${d}`);
    const dirs = [...connectors, 'packages/ui', 'packages/lib', 'packages/db', 'packages/connectors/kit'];
    const families = pluginFamilies(dirs.map((dir) => ({ dir })));
    expect([...families.keys()]).toEqual(connectors);
    expect(amongPlugins(['packages/connectors/connector-a/src/index.ts', 'packages/connectors/connector-b/src/index.ts'], families)).toBe(
      true,
    );
    // one plugin's own copy, a plugin's code in the application, the kit beside them
    expect(amongPlugins(['packages/connectors/connector-a/src/x.ts', 'packages/connectors/connector-a/src/y.ts'], families)).toBe(false);
    expect(amongPlugins(['packages/connectors/connector-a/src/index.ts', 'packages/ui/src/index.ts'], families)).toBe(false);
    expect(amongPlugins(['packages/connectors/connector-a/src/index.ts', 'packages/connectors/kit/src/index.ts'], families)).toBe(false);
    // top-level packages of a workspace, two variants, and a folder of unrelated packages are no family
    expect(pluginFamilies(['packages/ui-kit', 'packages/ui-icons', 'packages/ui-theme'].map((dir) => ({ dir }))).size).toBe(0);
    expect(pluginFamilies(['packages/connectors/connector-a', 'packages/connectors/connector-b'].map((dir) => ({ dir }))).size).toBe(0);
    expect(
      pluginFamilies(['packages/domain/projects', 'packages/domain/billing', 'packages/domain/users'].map((dir) => ({ dir }))).size,
    ).toBe(0);
  });

  it('calls test set-up, helpers and fakes outside testFiles tests', () => {
    expect(amongTests(['packages/a/src/jest.setup.ts', 'packages/b/jest.setup.ts'])).toBe(true);
    expect(amongTests(['src/setupTests.ts', 'src/vitest.setup.ts', 'src/test-utils.tsx'])).toBe(true);
    expect(amongTests(['packages/q/src/testing/fake-repo.ts', 'packages/s/src/testing/helpers.ts'])).toBe(true);
    // a fake beside production code is still test support; production code named like it is not
    expect(amongTests(['src/repositories/fake-trace-repository.ts', 'src/repositories/trace-repository.ts'])).toBe(false);
    expect(amongTests(['src/features/testing-library-docs.ts', 'src/features/fakeout.ts'])).toBe(false);
  });

  it('calls small near-miss units of one file sibling operations, not verbatim copies, other files or larger ones', () => {
    const near = (docs: number[], lines: number, similarity = 0.9): NearClass => ({
      units: docs.map((doc, i) => ({ doc, start: i * 100, end: i * 100 + 90, name: `op${i}`, line: 1 + i * 30, endLine: i * 30 + lines })),
      similarity: docs.map((_, i) => (i === 0 ? 1 : similarity)),
      renamed: docs.map((_, i) => (i === 0 ? [] : [['selectMany', 'deselectMany'] as [string, string]])),
    });
    expect(siblingOperations(near([0, 0], 22))).toBe(true);
    expect(siblingOperations(near([0, 0, 0], 24))).toBe(true);
    expect(siblingOperations(near([0, 0], 25))).toBe(false);
    expect(siblingOperations(near([0, 1], 22))).toBe(false);
    const verbatim = near([0, 0], 22, 1);
    verbatim.renamed = [[], []];
    expect(siblingOperations(verbatim)).toBe(false);
  });
});
