import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { runGit } from './command.js';

/** the helper process's file, beside this one in dist/ (absent when running from TypeScript sources) */
const CHILD = fileURLToPath(new URL('./runner-child.js', import.meta.url));
const LOST = Symbol('lost');

/**
 * Runs git commands through a small helper process started early, while this process is small: once it
 * holds the facts of hundreds of snapshots, every fork of it costs tens of milliseconds (novu: 160 git
 * commands took 13 s of this thread). Falls back to spawning here when the helper cannot be had (running
 * from TypeScript sources) or dies.
 */
export class GitRunner {
  /** answers awaited from the helper; `lost` when it died first (the command is then run here) */
  private readonly pending = new Map<number, (out: string | null | typeof LOST) => void>();
  private nextId = 0;
  private child: ChildProcess | null = null;

  private constructor() {}

  static start(): GitRunner {
    const r = new GitRunner();
    if (!existsSync(CHILD)) return r;
    try {
      const child = spawn(process.execPath, [CHILD], { stdio: ['pipe', 'pipe', 'ignore'] });
      r.child = child;
      createInterface({ input: child.stdout! }).on('line', (line) => {
        let m: { id: number; out: string | null };
        try {
          m = JSON.parse(line) as typeof m;
        } catch {
          return;
        }
        const resolve = r.pending.get(m.id);
        r.pending.delete(m.id);
        resolve?.(m.out);
      });
      const lost = () => {
        r.child = null;
        // what was in flight is run here
        const open = [...r.pending.values()];
        r.pending.clear();
        for (const resolve of open) resolve(LOST);
      };
      child.on('error', lost);
      child.on('exit', lost);
      child.stdin!.on('error', () => undefined);
    } catch {
      r.child = null;
    }
    return r;
  }

  async run(args: readonly string[], cwd: string): Promise<string | null> {
    const child = this.child;
    if (!child) return runGit(args, cwd);
    const id = this.nextId++;
    const out = await new Promise<string | null | typeof LOST>((resolve) => {
      this.pending.set(id, resolve);
      child.stdin!.write(`${JSON.stringify({ id, args, cwd })}\n`);
    });
    return out === LOST ? runGit(args, cwd) : out;
  }

  /** Ends the helper (a started runner must be closed: its pipes keep this process alive). */
  close(): void {
    const child = this.child;
    this.child = null;
    child?.stdin?.end();
    child?.kill();
  }
}

/** How git is run: through the helper process when there is one, else here. */
export function gitOf(runner: GitRunner | undefined): (args: readonly string[], cwd: string) => Promise<string | null> {
  return runner ? (args, cwd) => runner.run(args, cwd) : runGit;
}
