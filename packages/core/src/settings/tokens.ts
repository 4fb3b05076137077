import { defineSettingsProvider } from '../settings.js';
import { discoverTokenFiles, expandTokenEntries, loadTokens } from '../tokens/load.js';
import type { TokenSettings } from '../tokens/types.js';
import { loadTypeScript } from './discovery/sources.js';

/**
 * `settings.tokens`: the project's design tokens, from config `tokens` (paths or globs) or discovered by
 * common names and places (TypeScript themes and palettes too: tokens/ts-theme.ts). Problems (a missing file, bad JSON, an alias cycle, a missing reference) are
 * errors naming the file and the token; the scan goes on with the tokens that did load.
 */
export const provider = defineSettingsProvider<TokenSettings>({
  name: 'tokens',
  build(root, config) {
    const templates = { ...(config.tokenTemplates ?? {}) };
    if (config.tokens) {
      const { files, errors } = expandTokenEntries(root, config.tokens);
      const discovered = discoverTokenFiles(root, config.testFiles, 4000);
      const loaded = loadTokens(root, {
        files,
        templates,
        tailwindDependency: discovered.tailwindDependency,
        // a theme augmentation in a declaration file names the theme types of the configured theme modules
        scripts: discovered.scripts.filter((f) => /\.d\.ts$/.test(f)),
        ts: loadTypeScript(),
        ...(discovered.packages ? { packages: discovered.packages } : {}),
      });
      return { value: loaded.settings, errors: [...errors, ...loaded.errors] };
    }
    const found = discoverTokenFiles(root, config.testFiles);
    const loaded = loadTokens(root, {
      files: found.files,
      stylesheets: found.stylesheets,
      templates,
      tailwindDependency: found.tailwindDependency,
      scripts: found.scripts,
      ts: loadTypeScript(),
      ...(found.packages ? { packages: found.packages } : {}),
    });
    return { value: loaded.settings, errors: loaded.errors };
  },
});
