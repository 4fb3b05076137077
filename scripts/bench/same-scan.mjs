#!/usr/bin/env node
// Whether two scans (`plumbline scan --format json`) report the same thing: findings, summary, metrics,
// errors and skipped files, key by key. For a change meant to be faster and nothing else: scan with the build
// before and the build after, then compare. Run-dependent fields are left out (none in schemaVersion 1 today;
// `--ignore <dotted.path>` leaves out more). Prints the first differences; exit 0 when none, 1 otherwise.
//
//   node scripts/bench/same-scan.mjs <before.json> <after.json> [--ignore summary.x] [--max 20]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** Dotted paths where `a` and `b` differ (at most `max`), the root path `''` for the whole value. */
export function differences(a, b, { ignore = [], max = 20 } = {}) {
  const out = [];
  const skip = new Set(ignore);
  const walk = (x, y, path) => {
    if (out.length >= max || skip.has(path)) return;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) out.push(`${path}: ${x.length} items, then ${y.length}`);
      for (let i = 0; i < Math.min(x.length, y.length); i++) walk(x[i], y[i], `${path}[${i}]`);
      return;
    }
    if (x && y && typeof x === 'object' && typeof y === 'object' && !Array.isArray(x) && !Array.isArray(y)) {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) walk(x[k], y[k], path ? `${path}.${k}` : k);
      return;
    }
    if (x !== y) out.push(`${path}: ${JSON.stringify(x)?.slice(0, 120)} -> ${JSON.stringify(y)?.slice(0, 120)}`);
  };
  walk(a, b, '');
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { ignore: { type: 'string', multiple: true, default: [] }, max: { type: 'string', default: '20' } },
  });
  if (positionals.length !== 2) {
    console.error('usage: same-scan.mjs <before.json> <after.json> [--ignore dotted.path] [--max N]');
    process.exit(2);
  }
  const read = (f) => {
    try {
      return JSON.parse(readFileSync(f, 'utf8'));
    } catch (e) {
      console.error(`${f}: ${e.message}`);
      process.exit(2);
    }
  };
  const [a, b] = positionals.map(read);
  const diffs = differences(a, b, { ignore: values.ignore, max: Number(values.max) || 20 });
  const findings = (s) => s.findings?.length ?? 0;
  if (diffs.length === 0) console.log(`same: ${findings(a)} findings, rating ${a.summary?.rating}, debt ${a.summary?.debtMinutes} min`);
  else console.log(`different (first ${diffs.length}):\n${diffs.map((d) => `  ${d}`).join('\n')}`);
  process.exit(diffs.length ? 1 : 0);
}
