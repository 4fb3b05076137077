// A small process that runs git for `trend`: started while the main process is still small, it forks
// git cheaply, whereas a process holding a large heap pays for every fork.
// Reads JSON lines {id, args, cwd} on stdin; writes JSON lines {id, out} (out: stdout, or null on failure).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  let job: { id: number; args: string[]; cwd: string };
  try {
    job = JSON.parse(line) as typeof job;
  } catch {
    return;
  }
  const reply = (out: string | null) => process.stdout.write(`${JSON.stringify({ id: job.id, out })}\n`);
  let child;
  try {
    child = spawn('git', job.args, { cwd: job.cwd, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    reply(null);
    return;
  }
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  child.on('error', () => reply(null));
  child.on('close', (code) => reply(code === 0 ? Buffer.concat(chunks).toString('utf8') : null));
});
