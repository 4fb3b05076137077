// A small process that runs git for `trend`: started while the main process is still small, it forks
// git cheaply, whereas a process holding a large heap pays for every fork.
// Reads JSON lines {id, args, cwd} on stdin; writes JSON lines {id, out} (out: stdout, or null on failure).
import { createInterface } from 'node:readline';
import { runGit } from './command.js';

createInterface({ input: process.stdin }).on('line', (line) => {
  let job: { id: number; args: string[]; cwd: string };
  try {
    job = JSON.parse(line) as typeof job;
  } catch {
    return;
  }
  void runGit(job.args, job.cwd).then((out) => process.stdout.write(`${JSON.stringify({ id: job.id, out })}\n`));
});
