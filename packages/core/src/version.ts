import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The version of plumbline (all packages are released together). */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

/** The directory of core's modules (dist when built, src under the test runner): hashed into the facts cache key. */
export const CORE_MODULE_DIR: string = fileURLToPath(new URL('.', import.meta.url));
