import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Finding } from './finding.js';

/**
 * The analyzer's project-wide findings, per file, for the editor: the ESLint rule `project-findings`
 * shows a finding only while the file's content hash (git blob id) still equals `hash`.
 */
export interface ProjectFindingsCache {
  version: 1;
  tool: string;
  root: string;
  files: Record<string, { hash: string; findings: Finding[] }>;
}

export const PROJECT_FINDINGS_FILE = 'project-findings.json';

export function projectFindingsPath(root: string, cacheDir = '.plumbline/cache'): string {
  return join(resolve(root), cacheDir, PROJECT_FINDINGS_FILE);
}

/** Reads the editor cache; null when it is missing or unreadable (the editor then shows per-file rules only). */
export function readProjectFindings(path: string): ProjectFindingsCache | null {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as ProjectFindingsCache;
    return data && data.version === 1 && typeof data.files === 'object' ? data : null;
  } catch {
    return null;
  }
}
