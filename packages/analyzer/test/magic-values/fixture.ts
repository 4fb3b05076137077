import { join } from 'node:path';
import { buildCheckSettings, loadConfig } from '@plumbline/core';
import { analyze, workingTreeSource } from '../../src/analyze.js';
import { discoverFiles } from '../../src/discover.js';
import type { AnalyzeOutput } from '../../src/analyze.js';

// Helpers of the magic-value tests: analyse a fixture of fixtures/magic-values/ and list its findings.
const fixtures = join(import.meta.dirname, '../../../../fixtures/magic-values');

export function analyzeFixture(name: string): AnalyzeOutput {
  const root = join(fixtures, name);
  const config = loadConfig(root);
  const { files } = discoverFiles(root, config);
  const { settings, errors } = buildCheckSettings(root, config);
  const out = analyze({ root, config, settings, cache: null, source: workingTreeSource(root, files) });
  out.result.errors.push(...errors);
  return out;
}

const MAGIC_RULES = ['hard-coded-style-value', 'repeated-style-value', 'repeated-literal', 'magic-number'];
export function findings(out: AnalyzeOutput, ...rules: string[]) {
  return out.result.findings
    .filter((f) => (rules.length ? rules : MAGIC_RULES).includes(f.ruleId))
    .map((f) => ({
      rule: f.ruleId,
      at: `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn}`,
      message: f.message,
      related: f.related.map((r) => `${r.file}:${r.line}`),
    }));
}
