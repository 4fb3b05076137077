import type { CheckSettings, FileError, ResolvedConfig } from '@plumbline/core';

export interface SettingsOutcome {
  settings: CheckSettings;
  /** problems with inputs such as token files: reported in `errors`, the run goes on */
  errors: FileError[];
}

/**
 * Project-wide knowledge the per-file checks need (design tokens, design-system components, ...), built
 * once per run from the root and config, and shared with the ESLint surface through `settings.plumbline`.
 * It is part of the facts cache key.
 */
export function buildCheckSettings(_root: string, _config: ResolvedConfig, _files: readonly string[]): SettingsOutcome {
  return { settings: {}, errors: [] };
}
