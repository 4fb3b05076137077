import type { Category, Severity } from './finding.js';

/** Where the rules/ pages live; every finding and every ESLint rule links to `${DOCS_BASE_URL}<id>.md`. */
export const DOCS_BASE_URL = 'https://github.com/plumbline-dev/plumbline/blob/main/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

/**
 * What every rule and detector declares about itself. The presets, the README rule table and the
 * rules/ index are generated from this; the invariant tests compare it with the rules/ pages.
 */
export interface RuleMeta {
  /** kebab-case id: file names, the ESLint rule name, the finding's ruleId and the page rules/<id>.md */
  id: string;
  category: Category;
  /** one sentence; must equal the description line of rules/<id>.md */
  description: string;
  /** remediation effort of one finding, in minutes, before config `effort` overrides it */
  defaultEffortMinutes: number;
  defaultSeverity: Severity;
  /** which preset turns it on: recommended (high precision), strict (right at least half the time), all, or none */
  preset: 'recommended' | 'strict' | 'all' | 'off';
  /** where it runs: per file (ESLint and scan), or whole-project (scan; the editor reads the cache) */
  scope: 'file' | 'project';
  /** JSON Schema of the options object, when the rule takes options */
  optionsSchema?: Record<string, unknown>;
}

export function isKebabCase(id: string): boolean {
  return /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id);
}
