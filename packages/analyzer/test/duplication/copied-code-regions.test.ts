import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from '../design-system/fixture.js';

describe('copied-code: one finding per copied region', () => {
  const out = analyzeFixture('duplication', 'copied-code-regions');
  const findings = findingsOf(out, 'copied-code');
  const at = (file: string) => findings.filter((f) => f.file === file || f.related.some((r) => r.startsWith(`${file}:`)));

  it('reports a file copied whole but for a class list above its small components once, as the file', () => {
    // the copy starts inside the edited `cva(…)` call and its components (no control flow, mostly under 15
    // lines) are no units; it is still the whole file, not eight components each copied on its own
    expect(at('src/dashboard/section.tsx').map((f) => `${f.file}:${f.line}-${f.endLine} ${f.related.join(' ')}`)).toEqual([
      'src/dashboard/section.tsx:7-177 src/status/section.tsx:7',
    ]);
  });

  it('leaves a piece of two components to their finding as components copied with names changed', () => {
    const zones = at('src/inbox/upload-zone.tsx');
    // the 26-line drop handler is copied verbatim inside the two upload zones, which are renamed copies
    expect(zones.map((f) => `${f.file}:${f.line}-${f.endLine} ${f.related.join(' ')}`)).toEqual([
      'src/inbox/upload-zone.tsx:9-77 src/vault/upload-zone.tsx:9',
    ]);
    expect(zones[0]!.message).toMatch(/^`InboxUploadZone` \(69 lines\) is copied with names changed in 2 places/);
    // the piece is still a copied region of the duplicated-lines ratio
    const metrics = out.result.metrics['copied-code'] as { linesInCopies: number };
    expect(metrics.linesInCopies).toBeGreaterThan(0);
  });

  it('gives two findings of units of one shape two fingerprints', () => {
    // PanelGroup and PanelFooter differ only in their names and class lists: one shape, two regions
    const panels = out.result.findings.filter((f) => f.ruleId === 'copied-code' && f.file === 'src/cards/alpha.tsx');
    expect(panels.map((f) => f.message.slice(0, f.message.indexOf(' ('))).sort()).toEqual(['`PanelFooter`', '`PanelGroup`']);
    expect(new Set(panels.map((f) => f.fingerprint)).size).toBe(2);
  });
});
