import type { RuleMeta } from '@plumbline/core';

/**
 * Metadata of the rules that exist only in the editor (they are not core checks and not analyzer
 * detectors), so the rule catalog, the presets and the docs know them too.
 */
export const ESLINT_ONLY_RULES: readonly RuleMeta[] = [
  {
    id: 'project-findings',
    category: 'duplication',
    description:
      "Shows the analyzer's project-wide findings (duplicate families, wrapper chains, drift minorities) for the linted file, read from .plumbline/cache while the file's content still matches.",
    defaultEffortMinutes: 0,
    defaultSeverity: 'warning',
    preset: 'recommended',
    scope: 'project',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        cacheDir: {
          type: 'string',
          description: 'The analyzer cache directory, relative to the project root (config `cacheDir`); default `.plumbline/cache`.',
        },
      },
    },
  },
];
