import { join } from 'node:path';
import { buildCheckSettings, loadConfig } from '@plumbline/core';
import { analyze } from '../../src/analyze.js';
import { discoverFiles } from '../../src/discover.js';
import { workingTreeSource } from '../../src/analyze.js';
import type { AnalyzeOutput } from '../../src/analyze.js';

/** Analyses fixtures/<area>/<name> without the cache, as `plumbline scan --no-cache` would. */
export function analyzeFixture(area: string, name: string): AnalyzeOutput & { settingsErrors: unknown[] } {
  const root = join(import.meta.dirname, '../../../../fixtures', area, name);
  const config = loadConfig(root);
  const { files } = discoverFiles(root, config);
  const { settings, errors } = buildCheckSettings(root, config);
  return { ...analyze({ root, config, settings, cache: null, source: workingTreeSource(root, files) }), settingsErrors: errors };
}

/** Findings of some rules, reduced to what a reader checks: rule, file, line, message and related places. */
export function findingsOf(out: AnalyzeOutput, ...ruleIds: string[]) {
  return out.result.findings
    .filter((f) => ruleIds.includes(f.ruleId))
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
