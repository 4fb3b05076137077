import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildCheckSettings, loadConfig } from '@plumbline/core';
import { analyze, workingTreeSource } from '../../src/analyze.js';
import { discoverFiles } from '../../src/discover.js';
import type { AnalyzeOutput } from '../../src/analyze.js';
import { factsOf } from '../../src/facts.js';
import { extractor as driftExtractor } from '../../src/facts/drift.js';

// Helpers of the drift tests: analyse a fixture of fixtures/drift/, and read its findings and metrics.
const DRIFT_RULES = ['library-drift', 'idiom-drift', 'layer-violation', 'deep-import'];

export function analyzeDrift(name: string): AnalyzeOutput {
  const root = join(import.meta.dirname, '../../../../fixtures/drift', name);
  const config = loadConfig(root);
  const { files } = discoverFiles(root, config);
  const { settings } = buildCheckSettings(root, config);
  return analyze({ root, config, settings, cache: null, source: workingTreeSource(root, files) });
}

export function findings(out: AnalyzeOutput, ...ruleIds: string[]) {
  return out.result.findings
    .filter((f) => (ruleIds.length ? ruleIds : DRIFT_RULES).includes(f.ruleId))
    .map((f) => ({
      ruleId: f.ruleId,
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      message: f.message,
      related: f.related.map((r) => `${r.file}:${r.line}`),
    }));
}

export const driftFacts = (out: AnalyzeOutput, path: string) =>
  factsOf(
    out.facts.find((f) => f.path === path)!,
    driftExtractor,
  )!;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const metrics = (out: AnalyzeOutput) => out.result.metrics['pattern-drift'] as any;

/** Analyses a small project written to a temporary directory (path -> text; `plumbline.config.json` included). */
export function analyzeFiles(files: Record<string, string>): AnalyzeOutput {
  const root = mkdtempSync(join(tmpdir(), 'plumbline-drift-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  try {
    const config = loadConfig(root);
    const { files: found } = discoverFiles(root, config);
    const { settings } = buildCheckSettings(root, config);
    return analyze({ root, config, settings, cache: null, source: workingTreeSource(root, found) });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
