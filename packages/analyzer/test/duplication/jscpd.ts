import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface JscpdClone {
  a: { file: string; start: number; end: number };
  b: { file: string; start: number; end: number };
  tokens: number;
}

/** The jscpd 5.3.2 binary for this platform (the npm package ships one per platform), or null. */
export function jscpdBinary(): string | null {
  const require = createRequire(import.meta.url);
  const key = `${process.platform}-${process.arch}`;
  const pkg = {
    'linux-x64': 'jscpd-linux-x64-gnu',
    'linux-arm64': 'jscpd-linux-arm64-gnu',
    'darwin-arm64': 'jscpd-darwin-arm64',
    'darwin-x64': 'jscpd-darwin-x64',
  }[key];
  if (!pkg) return null;
  try {
    const bin = join(dirname(require.resolve(`${pkg}/package.json`)), 'bin', 'jscpd');
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/** Runs jscpd on `dir` with a JSON reporter; paths in the result are relative to `dir`. */
export function runJscpd(bin: string, dir: string, args: string[]): JscpdClone[] {
  const out = mkdtempSync(join(tmpdir(), 'plumbline-jscpd-'));
  try {
    execFileSync(bin, ['.', '--reporters', 'json', '--output', out, '--silent', ...args], { cwd: dir, stdio: 'ignore' });
    const report = JSON.parse(readFileSync(join(out, 'jscpd-report.json'), 'utf8')) as {
      duplicates: Array<{
        firstFile: { name: string; start: number; end: number };
        secondFile: { name: string; start: number; end: number };
        tokens: number;
      }>;
    };
    const norm = (f: { name: string; start: number; end: number }) => ({ file: f.name.replace(/^\.\//, ''), start: f.start, end: f.end });
    return report.duplicates.map((d) => ({ a: norm(d.firstFile), b: norm(d.secondFile), tokens: d.tokens }));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
