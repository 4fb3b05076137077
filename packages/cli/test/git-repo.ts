// A throwaway git repository for tests of check and baseline.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CommandIO } from '../src/command.js';

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export class Repo {
  readonly root: string;
  constructor(files: Record<string, string> = {}) {
    this.root = mkdtempSync(join(tmpdir(), 'plumbline-check-'));
    this.git('init', '-q', '-b', 'main');
    this.write(files);
  }
  git(...args: string[]): string {
    return execFileSync('git', ['-C', this.root, '-c', 'commit.gpgsign=false', ...args], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
  write(files: Record<string, string>): this {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(this.root, path)), { recursive: true });
      writeFileSync(join(this.root, path), content);
    }
    return this;
  }
  read(path: string): string {
    return readFileSync(join(this.root, path), 'utf8');
  }
  move(from: string, to: string): this {
    mkdirSync(dirname(join(this.root, to)), { recursive: true });
    renameSync(join(this.root, from), join(this.root, to));
    return this;
  }
  remove(path: string): this {
    rmSync(join(this.root, path));
    return this;
  }
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }
  branch(name: string): this {
    this.git('checkout', '-q', '-b', name);
    return this;
  }
  checkout(name: string): this {
    this.git('checkout', '-q', name);
    return this;
  }
}

export function io(cwd: string) {
  const out = { stdout: '', stderr: '' };
  const handle: CommandIO = { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t), isTTY: false, cwd };
  return { out, handle };
}

/** A function that only passes its arguments on: one pass-through-function finding (10 min). */
export const wrapper = (name: string, target = 'findInvoice') =>
  `import { ${target} } from './repo';\n\nexport function ${name}(id: string) {\n  return ${target}(id);\n}\n`;
export const REPO_TS = `export function findInvoice(id: string) {\n  return { id };\n}\nexport function findUser(id: string) {\n  return { id };\n}\n`;

/**
 * A plumbline.config.json with the all preset: pass-through-function, copied-code and
 * hard-coded-style-value, the rules these tests exercise, run only in it. Spread it into the files of a Repo.
 */
export const STRICT_CONFIG = { 'plumbline.config.json': `${JSON.stringify({ preset: 'all' })}\n` };
