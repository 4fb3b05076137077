import { execFileSync, spawn } from 'node:child_process';

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

/** Runs git in `cwd` with an argument array (never a shell string) in this process; stdout, or null when git fails. */
export function runGit(args: readonly string[], cwd: string): Promise<string | null> {
  return new Promise((resolvePromise) => {
    let child;
    try {
      child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      resolvePromise(null);
      return;
    }
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', () => resolvePromise(null));
    child.on('close', (code) => resolvePromise(code === 0 ? Buffer.concat(chunks).toString('utf8') : null));
  });
}
