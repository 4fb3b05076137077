import type { CheckSettings } from './check.js';
import type { ResolvedConfig } from './config.js';
import type { FileError } from './finding.js';
import { SETTINGS_PROVIDERS } from './settings/index.js';

/**
 * One piece of project-wide knowledge the per-file checks need (design tokens, the design system's
 * components, ...). Providers live in core so that both surfaces build the same settings: the analyzer
 * once per run, the ESLint plugin once per process. Their output is part of the facts cache key, so it
 * must be plain JSON data.
 */
export interface SettingsProvider<T = unknown> {
  /** key under CheckSettings */
  name: string;
  build(root: string, config: ResolvedConfig): { value: T; errors: FileError[] };
}

export function defineSettingsProvider<T>(provider: SettingsProvider<T>): SettingsProvider<T> {
  return provider;
}

export interface SettingsOutcome {
  settings: CheckSettings;
  /** problems with inputs such as token files: reported in `errors`, the run goes on */
  errors: FileError[];
}

/** Builds every provider's settings; a provider that throws becomes an error entry, never a crash. */
export function buildCheckSettings(root: string, config: ResolvedConfig): SettingsOutcome {
  const settings: CheckSettings = {};
  const errors: FileError[] = [];
  for (const p of SETTINGS_PROVIDERS) {
    try {
      const { value, errors: e } = p.build(root, config);
      settings[p.name] = value;
      errors.push(...e);
    } catch (e) {
      errors.push({ file: config.file ?? '.', message: `${p.name}: ${(e as Error).message}` });
    }
  }
  return { settings, errors };
}
