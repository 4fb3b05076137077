import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODEOWNERS_LOCATIONS, ownersOf, parseCodeowners } from '../codeowners.js';
import type { CheckSettings } from '../check.js';
import { defineSettingsProvider } from '../settings.js';

export interface CodeownersSettings {
  /** the CODEOWNERS file found, relative to the root, or null */
  file: string | null;
  text: string;
}

/** The repository's CODEOWNERS, as text (settings must be plain data); detectors use `ownersFromSettings`. */
export const provider = defineSettingsProvider<CodeownersSettings>({
  name: 'codeowners',
  build(root) {
    for (const loc of CODEOWNERS_LOCATIONS) {
      const file = join(root, loc);
      if (existsSync(file)) return { value: { file: loc, text: readFileSync(file, 'utf8') }, errors: [] };
    }
    return { value: { file: null, text: '' }, errors: [] };
  },
});

/** A function from a root-relative path to its owners, from the check settings (pure). */
export function ownersFromSettings(settings: CheckSettings): (path: string) => string[] {
  const text = (settings.codeowners as CodeownersSettings | undefined)?.text ?? '';
  const rules = parseCodeowners(text);
  const memo = new Map<string, string[]>();
  return (path) => {
    let hit = memo.get(path);
    if (!hit) memo.set(path, (hit = ownersOf(rules, path)));
    return hit;
  };
}
