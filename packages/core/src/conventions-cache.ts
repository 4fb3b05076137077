import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** One choice of a role as the analyzer counted it. */
export interface ConventionChoice {
  /** a catalog choice id (`axios`), or a wrapper's path without extension (`src/api/client`) */
  choice: string;
  label: string;
  kind: 'library' | 'wrapper';
  /** files that use it */
  files: number;
  /** files / files using the role */
  share: number;
  /** where a wrapper is defined */
  definedIn?: { file: string; line: number; name: string };
}

/** What the analyzer inferred for one library role. */
export interface RoleConventions {
  role: string;
  title: string;
  /** the dominant choice when it meets the thresholds (or the declared one); null when none dominates */
  convention: ConventionChoice | null;
  /** the convention comes from a declared decision rather than from counting */
  decision?: { id: string; link?: string };
  choices: ConventionChoice[];
  /** files that implement a wrapper choice: they use its library by design and are never drift */
  wrapperFiles: string[];
  /** files using another choice that the scan does not report: the convention cannot serve them (a wrapper they cannot import, their package's own choice) */
  quietFiles?: string[];
}

/**
 * `.plumbline/cache/conventions.json`: the conventions `plumbline scan` inferred, for the editor rule
 * `library-drift`, which flags an import of another choice as you type. Conventions change slowly, so
 * the editor uses the last scan's without checking file hashes.
 */
export interface ConventionsCache {
  version: 1;
  tool: string;
  root: string;
  roles: Record<string, RoleConventions>;
}

export const CONVENTIONS_FILE = 'conventions.json';

export function conventionsPath(root: string, cacheDir = '.plumbline/cache'): string {
  return join(resolve(root), cacheDir, CONVENTIONS_FILE);
}

/** Builds the cache from the `pattern-drift` metrics of a scan (null when the detector did not run). */
export function conventionsFromMetrics(metrics: unknown, root: string, tool: string): ConventionsCache | null {
  const roles = (metrics as { roles?: Record<string, RoleConventions> } | undefined)?.roles;
  if (!roles || typeof roles !== 'object') return null;
  const out: ConventionsCache = { version: 1, tool, root: resolve(root), roles: {} };
  for (const [id, r] of Object.entries(roles)) {
    out.roles[id] = {
      role: r.role,
      title: r.title,
      convention: r.convention,
      choices: r.choices,
      wrapperFiles: r.wrapperFiles,
      ...(r.quietFiles?.length ? { quietFiles: r.quietFiles } : {}),
      ...(r.decision ? { decision: r.decision } : {}),
    };
  }
  return out;
}

/** Writes the cache atomically (a reader never sees half a file). */
export function writeConventions(path: string, data: ConventionsCache): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, path);
}

/** Reads the cache; null when it is missing, unreadable or of another version. */
export function readConventions(path: string): ConventionsCache | null {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as ConventionsCache;
    return data && data.version === 1 && typeof data.roles === 'object' ? data : null;
  } catch {
    return null;
  }
}
