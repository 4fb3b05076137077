import type { RuleMeta } from '../rule-meta.js';

/**
 * The rule both surfaces report: the analyzer (`plumbline scan`, from every file's facts) and the ESLint
 * rule of the same id (as you type, from the conventions the analyzer cached and the declared decisions).
 */
export const LIBRARY_DRIFT_RULE: RuleMeta = {
  id: 'library-drift',
  category: 'drift',
  description:
    'Reports a library choice (HTTP client, date library, state manager, ...) that departs from the convention of the codebase or from a declared decision.',
  defaultEffortMinutes: 30,
  defaultSeverity: 'warning',
  preset: 'recommended',
  scope: 'project',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      majority: {
        type: 'number', minimum: 0.5, maximum: 1,
        description: 'Share of the files using a role that its dominant choice needs before the others are reported (default 0.7).',
      },
      minFiles: {
        type: 'integer', minimum: 1,
        description: 'Files the dominant choice needs before it is a convention (default 3).',
      },
      minWrapperFiles: {
        type: 'integer', minimum: 1,
        description: 'Files that must import a project-local wrapper before it counts as a choice of its own (default 3).',
      },
    },
  },
};

export interface LibraryDriftOptions {
  majority: number;
  minFiles: number;
  minWrapperFiles: number;
}

export const LIBRARY_DRIFT_DEFAULTS: LibraryDriftOptions = { majority: 0.7, minFiles: 3, minWrapperFiles: 3 };
