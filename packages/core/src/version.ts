import { readFileSync } from 'node:fs';

/** The version of plumbline (all packages are released together). */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
