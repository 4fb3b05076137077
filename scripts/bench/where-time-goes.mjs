#!/usr/bin/env node
// Where a cold scan's time goes, without a profiler: runs `plumbline scan` in this process (no cache, one
// thread, as a cold scan on a machine with two CPUs) with every fact extractor, per-file check and
// project detector timed, and prints each one's time, the rules it serves and whether the config reports
// them or they run for the rating only. A CPU profile (node --cpu-prof) spreads the same time over
// thousands of frames and, on a shared machine, counts time spent descheduled; this counts only the
// calls themselves (wall time of each call, which is CPU time when nothing else competes for the core).
//
//   node scripts/bench/where-time-goes.mjs <dir> [--config file] [--json]
//
// Build first (npm run build): it runs the built packages.
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const load = (pkg) => import(pathToFileURL(join(repoRoot, 'packages', pkg, 'dist/index.js')).href);

/** Replaces `object[method]` by a wrapper adding each call's wall time to `row.ms`. */
export function timeMethod(object, method, row) {
  const original = object[method];
  object[method] = function timed(...args) {
    const t0 = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      row.ms += performance.now() - t0;
      row.calls++;
    }
  };
  return () => {
    object[method] = original;
  };
}

/**
 * Runs `run()` with the extractors, checks and detectors timed; returns its value and the rows: one per
 * extractor, check and detector, with `ruleIds` and `reported` (does the config report any of its rules).
 */
export async function timeParts(run, { analyzer, core, config }) {
  const rows = [];
  const restore = [];
  const reported = (meta) => core.ruleSeverity(config, meta) !== null;
  const add = (kind, id, object, method, metas) => {
    const row = {
      kind,
      id,
      ms: 0,
      calls: 0,
      ruleIds: metas.map((m) => m.id),
      reported: metas.length === 0 || metas.some(reported),
      rated: metas.some((m) => core.isRatedRule(m.id)),
    };
    rows.push(row);
    restore.push(timeMethod(object, method, row));
  };
  for (const e of analyzer.EXTRACTORS) add('extractor', e.name, e, 'extract', []);
  for (const c of core.FILE_CHECKS) add('check', c.meta.id, c, 'run', [c.meta]);
  for (const d of analyzer.DETECTORS) add('detector', d.id, d, 'detect', d.rules);
  try {
    return { value: await run(), rows };
  } finally {
    for (const r of restore) r();
  }
}

function table(rows, totals) {
  const ms = (x) => `${(x / 1000).toFixed(2)} s`.padStart(9);
  const lines = [];
  lines.push(
    `scan ${ms(totals.wallMs)} wall, ${ms(totals.cpuMs)} CPU; facts ${ms(totals.factsMs)} (extractors ${ms(totals.extractorsMs).trim()}, checks ${ms(totals.checksMs).trim()}, the rest: reading, parsing, counting ${ms(totals.factsMs - totals.extractorsMs - totals.checksMs).trim()}), detectors ${ms(totals.detectorsMs)}`,
  );
  lines.push(`${'kind'.padEnd(10)} ${'id'.padEnd(32)} ${'time'.padStart(9)} ${'share'.padStart(6)}  runs for`);
  for (const r of [...rows].sort((a, b) => b.ms - a.ms)) {
    if (r.calls === 0) continue;
    const why = r.kind === 'extractor' ? 'every scan' : r.reported ? 'the report' : r.rated ? 'the rating only' : '?';
    lines.push(
      `${r.kind.padEnd(10)} ${r.id.padEnd(32)} ${ms(r.ms)} ${`${((100 * r.ms) / totals.wallMs).toFixed(1)}%`.padStart(6)}  ${why}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { config: { type: 'string', short: 'c' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help || positionals.length !== 1) {
    process.stdout.write('usage: node scripts/bench/where-time-goes.mjs <dir> [--config file] [--json]\n');
    return values.help ? 0 : 2;
  }
  const root = resolve(positionals[0]);
  const [analyzer, core, cli] = [await load('analyzer'), await load('core'), await load('cli')];
  const config = cli.loadProjectConfig(root, values.config);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { value: out, rows } = await timeParts(() => cli.scan({ root, configFile: values.config, cache: false, concurrency: 1 }), {
    analyzer,
    core,
    config,
  });
  const cpu = process.cpuUsage(cpu0);
  const sum = (kind) => rows.filter((r) => r.kind === kind).reduce((n, r) => n + r.ms, 0);
  const totals = {
    wallMs: performance.now() - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    factsMs: out.stats.factsMs,
    detectorsMs: out.stats.detectorsMs,
    extractorsMs: sum('extractor'),
    checksMs: sum('check'),
    files: out.result.summary.files,
    linesOfCode: out.result.summary.linesOfCode,
  };
  if (values.json) process.stdout.write(`${JSON.stringify({ root, totals, rows }, null, 2)}\n`);
  else process.stdout.write(table(rows, totals));
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`where-time-goes: ${e.message}\n`);
      process.exit(2);
    },
  );
}
