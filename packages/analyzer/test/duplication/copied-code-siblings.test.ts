import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from '../design-system/fixture.js';
import { amongAgentTooling, templateVariants, weakSiblings } from '../../src/detectors/copied-code/confidence.js';
import type { NearClass } from '../../src/detectors/shared/near-classes.js';

describe('copied-code: agent skills, template variants and weak siblings', () => {
  const out = analyzeFixture('duplication', 'copied-code-siblings');

  it('reports an edited copy that keeps its name and a helper pasted into two templates, not the rest', () => {
    // left alone: one .env loader per agent skill (.claude/skills/*), the two templates' root layouts, and
    // removeLinkedFeature beside addLinkedFeature (another operation of the same shape, 0.89 alike)
    expect(findingsOf(out, 'copied-code').map((f) => `${f.file}:${f.line}-${f.endLine} ${f.related.join(' ')}`)).toEqual([
      'src/billing/summary.ts:5-27 src/reports/summary.ts:5',
      'src/templates/alpha.tsx:4-17 src/templates/beta.tsx:4',
    ]);
    expect(findingsOf(out, 'copied-code')[0]!.message).toContain('`summarizeOrders` (23 lines) is copied with changes');
  });

  it('still counts what it leaves unreported as copied lines', () => {
    const metrics = out.result.metrics['copied-code'] as { linesInCopies: number; classes: number; nearClasses: number };
    expect(metrics).toMatchObject({ classes: 1, nearClasses: 1 });
    // the summaries, the Link helpers, the skills' loaders, the template roots and the experiment operations: the
    // same 204 code lines as without the gates
    expect(metrics.linesInCopies).toBe(204);
  });
});

describe('copied-code gates of the named classes', () => {
  const near = (names: string[], lines: number, similarity: number, renamed = true): NearClass => ({
    units: names.map((name, i) => ({ doc: i, start: 0, end: 90, name, line: 1, endLine: lines })),
    similarity: names.map((_, i) => (i === 0 ? 1 : similarity)),
    renamed: names.map((n, i) => (i === 0 || !renamed ? [] : [[names[0]!, n] as [string, string]])),
  });

  it('calls a pair of units of names of their own, under 40 lines and less than 0.925 alike, weak siblings', () => {
    expect(weakSiblings(near(['addLinkedFeature', 'removeLinkedFeature'], 30, 0.88), [])).toBe(true);
    expect(weakSiblings(near(['drawRowDraggingRegion', 'drawColumnDraggingRegion'], 31, 0.9), [])).toBe(true);
    // an edited copy keeps its name, or adds a word to it
    expect(weakSiblings(near(['summarizeOrders', 'summarizeOrders'], 23, 0.87), [])).toBe(false);
    expect(weakSiblings(near(['enqueue', 'enqueueOnce'], 30, 0.88), [])).toBe(false);
    // a unit written three times (a renamed copy and an edited one of it), 0.925 alike, 40 lines or more, a renamed
    // copy (1), an anonymous unit
    expect(weakSiblings(near(['reportSummary', 'orderTotals', 'summarizeInvoices'], 25, 0.87), [])).toBe(false);
    expect(weakSiblings(near(['addLinkedFeature', 'removeLinkedFeature'], 30, 0.93), [])).toBe(false);
    expect(weakSiblings(near(['addLinkedFeature', 'removeLinkedFeature'], 40, 0.88), [])).toBe(false);
    expect(weakSiblings(near(['addLinkedFeature', 'removeLinkedFeature'], 30, 1), [])).toBe(false);
    expect(weakSiblings(near(['', 'removeLinkedFeature'], 30, 0.88), [])).toBe(false);
    // siblings around one verbatim block of logic (an exact copy left unreported as a fragment) are reported
    const block = { members: [0, 1].map((doc) => ({ doc, start: 20, end: 60 })) };
    expect(weakSiblings(near(['auditPanel', 'eventsPanel'], 22, 0.88), [block])).toBe(false);
    expect(
      weakSiblings(near(['auditPanel', 'eventsPanel'], 22, 0.88), [{ members: [block.members[0]!, { doc: 2, start: 0, end: 40 }] }]),
    ).toBe(true);
  });

  it('calls renamed or edited units among the files of one templates folder template variants, not verbatim ones', () => {
    const paths = ['apps/artboard/src/templates/gengar.tsx', 'apps/artboard/src/templates/glalie.tsx'];
    const pathOf = (d: number) => paths[d]!;
    expect(templateVariants(near(['Gengar', 'Glalie'], 30, 0.87), pathOf)).toBe(true);
    expect(templateVariants(near(['Header', 'Header'], 75, 1), pathOf)).toBe(true);
    expect(templateVariants(near(['Link', 'Link'], 18, 1, false), pathOf)).toBe(false);
    // a template's code elsewhere, or templates of two folders (a scaffolder's per-framework templates)
    paths[1] = 'apps/client/src/components/header.tsx';
    expect(templateVariants(near(['Gengar', 'Glalie'], 30, 0.87), pathOf)).toBe(false);
    paths[0] = 'templates/next/page.tsx';
    paths[1] = 'templates/remix/page.tsx';
    expect(templateVariants(near(['Page', 'Page'], 30, 0.87), pathOf)).toBe(false);
  });

  it("calls copies among agents' skill and command folders agent tooling, not a skill's code in the application", () => {
    expect(amongAgentTooling(['.claude/skills/axiom/load-env.mjs', 'apps/api/.claude/skills/discord/load-env.mjs'])).toBe(true);
    expect(amongAgentTooling(['.cursor/commands/a.ts', '.codex/skills/b.ts'])).toBe(true);
    expect(amongAgentTooling(['.claude/skills/axiom/load-env.mjs', 'src/lib/load-env.ts'])).toBe(false);
    expect(amongAgentTooling(['src/claude/skills/a.ts', 'src/claude/skills/b.ts'])).toBe(false);
  });
});
