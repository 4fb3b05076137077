// Runs one command and measures it: wall time, and peak resident memory of its whole process tree
// (polled from /proc, so child processes and worker threads count) and of its largest process (from
// /usr/bin/time when installed, which catches peaks shorter than the polling interval), and CPU time.
// On a shared, loaded machine wall times swing with the load; CPU time much less.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
const POLL_MS = 50;

function rssKb(pid) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function childrenOf(pid) {
  const out = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // the process ended between two reads
  }
  return out;
}

/** Sum of the resident memory of a process and all its descendants, in KB. */
export function treeRssKb(pid) {
  let total = 0;
  const stack = [pid];
  const seen = new Set();
  while (stack.length) {
    const p = stack.pop();
    if (seen.has(p)) continue;
    seen.add(p);
    total += rssKb(p);
    stack.push(...childrenOf(p));
  }
  return total;
}

/**
 * Runs `command args` in `cwd` and resolves to { ms, cpuMs, peakRssMb, diskReadMb, exitCode, stdout, stderr }:
 * wall time, CPU time (user + system of the process and its children; null without /usr/bin/time), MB read
 * from disk (null without /usr/bin/time). Exit codes
 * in `okCodes` (default [0]) count as success; anything else rejects with the command's stderr.
 */
export function measure(command, args, { cwd, env, okCodes = [0], label = command } = {}) {
  const useTime = existsSync(GNU_TIME) && process.platform === 'linux';
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-measure-'));
  const timeFile = join(dir, 'time.txt');
  const [cmd, argv] = useTime ? [GNU_TIME, ['-f', '%U %S %M %I', '-o', timeFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    let peakKb = 0;
    const poll = () => {
      if (process.platform === 'linux' && child.pid) peakKb = Math.max(peakKb, treeRssKb(child.pid));
    };
    const timer = setInterval(poll, POLL_MS);
    child.on('error', (e) => {
      clearInterval(timer);
      rmSync(dir, { recursive: true, force: true });
      reject(new Error(`${label}: ${e.message}`));
    });
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      clearInterval(timer);
      let largestKb = 0;
      let cpuMs = null;
      let diskReadMb = null;
      if (useTime) {
        try {
          const [user, sys, kb, blocks] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
          largestKb = kb || 0;
          cpuMs = Math.round((user + sys) * 1000);
          // file system inputs, in 512-byte blocks: what the process tree read from disk rather than the page cache
          if (Number.isFinite(blocks)) diskReadMb = Math.round((blocks * 512) / 1e5) / 10;
        } catch {
          // time could not write its report: the polled figure stands
        }
      }
      rmSync(dir, { recursive: true, force: true });
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (!okCodes.includes(code)) {
        reject(new Error(`${label} exited with ${code}:\n${stderr.slice(-4000) || stdout.slice(-2000)}`));
        return;
      }
      resolve({ ms, cpuMs, peakRssMb: Math.round(Math.max(peakKb, largestKb) / 1024), diskReadMb, exitCode: code, stdout, stderr });
    });
  });
}
