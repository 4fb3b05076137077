export { scan, loadProjectConfig, writeProjectFindings } from './scan.js';
export type { ScanOptions, ScanOutput } from './scan.js';
export { main } from './cli.js';
export { allRules, allRuleIds } from './rules-catalog.js';
export { formatJson } from './formatters/json.js';
export { formatPretty, formatMinutes } from './formatters/pretty.js';
export { git, headCommit } from './git.js';
