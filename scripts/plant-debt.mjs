#!/usr/bin/env node
// Plants real, detectable debt into a copy of a checkout until plumbline's rated debt has risen by a given
// number of hours per 10,000 lines (default 2), then shows the rating before and after: the acceptance test
// of the population rating (docs/rating.md). The debt is copies of the checkout's own functions and
// components planted in other folders, exact, renamed and edited, as scripts/plant-clones.mjs plants them
// (the way assistants duplicate code); copied-code reports them, and the rating counts them at copied-code's
// weight whatever the config. Build first (npm run build): the scans use the built CLI.
//
//   node scripts/plant-debt.mjs <checkout> [--hours 2] [--seed 1] [--lock /tmp/plumbline-heavy.lock] [--keep] [--json]
//
// The checkout is never written: the copy is made in a temporary directory (kept with --keep). The first
// round plants a few copies; each next round starts again from the clean copy with as many copies as the
// rise measured so far says are needed, until the rated density has risen by the target.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plant } from './plant-clones.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'packages', 'cli', 'bin', 'plumbline.js');
const MAX_ROUNDS = 8;

function fail(message) {
  process.stderr.write(`plant-debt: ${message}\n`);
  process.exit(2);
}

export function parseArgs(argv) {
  const opts = { checkout: null, hours: 2, seed: 1, lock: null, keep: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : fail(`${a} needs a value`));
    if (a === '--hours') opts.hours = Number(value());
    else if (a === '--seed') opts.seed = Number(value());
    else if (a === '--lock') opts.lock = value();
    else if (a === '--keep') opts.keep = true;
    else if (a === '--json') opts.json = true;
    else if (!a.startsWith('-') && !opts.checkout) opts.checkout = resolve(a);
    else
      fail(
        `unexpected argument ${a}\nusage: node scripts/plant-debt.mjs <checkout> [--hours 2] [--seed 1] [--lock file] [--keep] [--json]`,
      );
  }
  if (!opts.checkout || !statSync(opts.checkout, { throwIfNoEntry: false })?.isDirectory()) fail('name a checkout directory');
  if (!(opts.hours > 0)) fail('--hours takes a positive number');
  return opts;
}

/** Minutes per 1,000 lines from hours per 10,000 lines. */
export const densityOfHours = (hours) => (hours * 60) / 10;

/** How many copies of each type the next round plants: what the rise so far says is needed, with a margin. */
export function nextPlaces(places, rise, needed) {
  if (rise <= 0) return places * 2;
  return Math.max(places + 1, Math.ceil((places * needed * 1.1) / rise));
}

function scan(tree, opts, config) {
  const out = join(tree, '.plant-debt.scan.json');
  const cmd = [process.execPath, cli, 'scan', tree, '-c', config, '--format', 'json', '-o', out];
  const [bin, ...args] = opts.lock ? ['flock', opts.lock, ...cmd] : cmd;
  try {
    execFileSync(bin, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (e) {
    if (e.status !== 1) throw e; // 1: findings at error severity, the output is complete
  }
  const { summary } = JSON.parse(readFileSync(out, 'utf8'));
  if (!summary.rated) fail('the scan has no summary.rated: build plumbline first (npm run build)');
  return { linesOfCode: summary.linesOfCode, rating: summary.rating, density: summary.rated.density, minutes: summary.rated.minutes };
}

const hours = (density) => (density * 10) / 60;
const show = (s) =>
  `rating ${s.rating}, ${hours(s.density).toFixed(2)} h of rated debt per 10k lines (${s.density} min per 1,000 lines, ${s.linesOfCode} lines)`;

function main(argv) {
  const opts = parseArgs(argv);
  const tree = mkdtempSync(join(tmpdir(), 'plant-debt-'));
  const config = join(tree, '.plant-debt.config.json');
  try {
    cpSync(opts.checkout, tree, { recursive: true, filter: (src) => !/(^|\/)(\.git|node_modules)$/.test(src) });
    writeFileSync(config, '{}\n'); // the rating is the same under any config: every rated rule counts
    const before = scan(tree, opts, config);
    const needed = densityOfHours(opts.hours);
    process.stderr.write(`plant-debt: before: ${show(before)}; target +${opts.hours} h per 10k lines\n`);
    let places = 3;
    let after = before;
    let plants = [];
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      for (const p of plants) rmSync(join(tree, p.path), { force: true });
      plants = plant(tree, { places, seed: opts.seed });
      after = scan(tree, opts, config);
      const rise = after.density - before.density;
      process.stderr.write(`plant-debt: round ${round}: ${plants.length} copies planted, +${hours(rise).toFixed(2)} h per 10k lines\n`);
      if (rise >= needed) break;
      places = nextPlaces(places, rise, needed);
    }
    const result = {
      checkout: opts.checkout,
      seed: opts.seed,
      targetHoursPer10k: opts.hours,
      planted: plants.length,
      byType: Object.fromEntries(['type-1', 'type-2', 'type-3'].map((t) => [t, plants.filter((p) => p.type === t).length])),
      before,
      after,
      riseHoursPer10k: Math.round(hours(after.density - before.density) * 100) / 100,
      bandsLower: 'ABCDE'.indexOf(after.rating) - 'ABCDE'.indexOf(before.rating),
    };
    if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else
      process.stdout.write(
        `before: ${show(before)}\nafter:  ${show(after)}\n${plants.length} copies planted (${Object.entries(result.byType)
          .map(([t, n]) => `${n} ${t}`)
          .join(', ')}): +${result.riseHoursPer10k} h of rated debt per 10k lines, rating ${before.rating} -> ${after.rating}\n`,
      );
    if (opts.keep) process.stderr.write(`plant-debt: tree kept at ${tree}\n`);
  } finally {
    if (!opts.keep) rmSync(tree, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
