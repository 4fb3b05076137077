export { scan, scanCommit, loadProjectConfig, writeProjectFindings } from './scan.js';
export type { ScanOptions, ScanOutput, ScanCommitOptions } from './scan.js';
export { main } from './cli.js';
export { allRules, allRuleIds } from './rules-catalog.js';
export { formatJson } from './formatters/json.js';
export { formatPretty, formatMinutes } from './formatters/pretty.js';
export { git, headCommit } from './git.js';
export { listTree, BlobReader, commitSource, resolveCommit } from './git-source.js';
export type { TreeEntry } from './git-source.js';
