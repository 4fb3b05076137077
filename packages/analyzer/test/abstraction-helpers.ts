import { join } from 'node:path';
import { buildCheckSettings, defaultConfig } from '@plumbline/core';
import type { Finding, ResolvedConfig } from '@plumbline/core';
import { analyze, workingTreeSource } from '../src/analyze.js';
import { discoverFiles } from '../src/discover.js';

export const ABSTRACTION_RULES = [
  'pass-through-function',
  'pass-through-component',
  'middle-man',
  'wrapper-chain',
  'barrel-chain',
  'single-implementation',
  'one-use-factory',
];

/** Runs the analyzer (no cache) over fixtures/abstraction/<name>, and returns the abstraction findings. */
export function scanFixture(name: string, rules: ResolvedConfig['rules'] = {}): { findings: Finding[]; metrics: Record<string, unknown> } {
  const root = join(import.meta.dirname, '../../../fixtures/abstraction', name);
  const config: ResolvedConfig = {
    ...defaultConfig(),
    rules: { ...Object.fromEntries(ABSTRACTION_RULES.map((r) => [r, 'warn'])), ...rules },
  };
  const { files } = discoverFiles(root, config);
  const { settings } = buildCheckSettings(root, config);
  const out = analyze({ root, config, settings, cache: null, source: workingTreeSource(root, files) });
  return { findings: out.result.findings.filter((f) => f.category === 'abstraction'), metrics: out.result.metrics };
}

/** What a finding says, without its wording: rule, place, and related places. */
export function where(f: Finding): string {
  return `${f.ruleId} ${f.file}:${f.line}:${f.column}`;
}
