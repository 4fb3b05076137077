import { analyzerRules } from '@plumbline/analyzer';
// the metadata alone: the plugin's index loads typescript-eslint's parser and ESLint (a second of startup)
import { ESLINT_ONLY_RULES } from '@plumbline/eslint-plugin/eslint-only-rules';
import type { RuleMeta } from '@plumbline/core';

/** Every rule of plumbline, sorted by id: the analyzer's checks and detectors and the editor-only rules. */
export function allRules(): RuleMeta[] {
  const byId = new Map<string, RuleMeta>();
  for (const r of [...analyzerRules(), ...ESLINT_ONLY_RULES]) byId.set(r.id, r);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

export function allRuleIds(): string[] {
  return allRules().map((r) => r.id);
}
