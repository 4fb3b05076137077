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

  it('gives two findings of units of one shape two fingerprints', () => {
    // PanelGroup and PanelFooter differ only in their names and class lists: one shape, two regions
    const panels = out.result.findings.filter((f) => f.ruleId === 'copied-code' && f.file === 'src/cards/alpha.tsx');
    expect(panels.map((f) => f.message.slice(0, f.message.indexOf(' ('))).sort()).toEqual(['`PanelFooter`', '`PanelGroup`']);
    expect(new Set(panels.map((f) => f.fingerprint)).size).toBe(2);
  });
});
