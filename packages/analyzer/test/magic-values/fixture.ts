import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

/**
 * Writes a project into a fresh temporary folder (`files`: path -> text), scans it as `plumbline scan` does and
 * returns its `hard-coded-style-value` findings as `file:line: message`, sorted; `cleanup` removes the folders.
 */
export function projectScanner(base: Record<string, string>): {
  scan: (files: Record<string, string>) => string[];
  cleanup: () => void;
} {
  const roots: string[] = [];
  const scan = (files: Record<string, string>) => {
    const root = mkdtempSync(join(tmpdir(), 'plumbline-magic-'));
    roots.push(root);
    for (const [f, text] of Object.entries({ ...base, ...files })) {
      mkdirSync(dirname(join(root, f)), { recursive: true });
      writeFileSync(join(root, f), text);
    }
    const config = loadConfig(root);
    const { files: found } = discoverFiles(root, config);
    const { settings } = buildCheckSettings(root, config);
    const out = analyze({ root, config, settings, cache: null, source: workingTreeSource(root, found) });
    return out.result.findings
      .filter((f) => f.ruleId === 'hard-coded-style-value')
      .map((f) => `${f.file}:${f.line}: ${f.message}`)
      .sort();
  };
  return { scan, cleanup: () => roots.forEach((r) => rmSync(r, { recursive: true, force: true })) };
}
