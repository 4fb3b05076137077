import { execFileSync } from 'node:child_process';

/** Runs git with an argument array (never a shell string); returns stdout, or null when git fails. */
export function git(cwd: string, args: readonly string[], input?: string): string | null {
  try {
    return execFileSync('git', ['-C', cwd, ...args], {
      encoding: 'utf8',
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'ignore'],
      maxBuffer: 1 << 30,
      ...(input !== undefined ? { input } : {}),
    });
  } catch {
    return null;
  }
}

/** HEAD's commit id, or null outside git or before the first commit. */
export function headCommit(cwd: string): string | null {
  return git(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD'])?.trim() || null;
}
