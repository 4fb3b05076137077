import type { RuleMeta } from '../rule-meta.js';

/**
 * The rules over the role and idiom catalogs. `library-drift` is reported by both surfaces: the analyzer
 * (`plumbline scan`, from every file's facts) and the ESLint rule of the same id (as you type, from the
 * conventions the analyzer cached and the declared decisions); both choose the convention with
 * `chooseConvention` (convention.ts).
 */
export const libraryDriftMeta: RuleMeta = {
  id: 'library-drift',
  category: 'drift',
  description:
    'Reports a library choice (HTTP client, date library, state manager, ...) that departs from the convention of the codebase or from a declared decision.',
  defaultEffortMinutes: 30,
  defaultSeverity: 'warning',
  preset: 'all',
  scope: 'project',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      majority: {
        type: 'number',
        minimum: 0.5,
        maximum: 1,
        description: 'Share of the files using a role that its dominant choice needs before the others are reported (default 0.7).',
      },
      minFiles: {
        type: 'integer',
        minimum: 1,
        description: 'Files the dominant choice needs before it is a convention (default 3).',
      },
      minWrapperFiles: {
        type: 'integer',
        minimum: 1,
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

/** Reported by the analyzer only: idioms are counted in sites across the whole project. */
export const idiomDriftMeta: RuleMeta = {
  id: 'idiom-drift',
  category: 'drift',
  description:
    'Reports code written in the minority idiom of the codebase (component declaration and export style, async style, data fetching, error handling) or against a declared decision.',
  defaultEffortMinutes: 10,
  defaultSeverity: 'info',
  preset: 'all',
  scope: 'project',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      majority: {
        type: 'number',
        minimum: 0.5,
        maximum: 1,
        description: 'Share of the sites of an idiom its dominant variant needs before the others are reported (default 0.8).',
      },
      minSites: { type: 'integer', minimum: 1, description: 'Sites the dominant variant needs before it is a convention (default 10).' },
    },
  },
};

export interface IdiomDriftOptions {
  majority: number;
  minSites: number;
}

export const IDIOM_DRIFT_DEFAULTS: IdiomDriftOptions = { majority: 0.8, minSites: 10 };
