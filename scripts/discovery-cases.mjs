#!/usr/bin/env node
// Counts the known cases of ledger/discovery-cases.json (issue 18) that strict scans find.
// A case counts when a finding of its expected rule has the case's file and line (within 2 lines) as its
// location or among its `related` places; a migration counts when the design-system adoption metrics name
// the module being left (the file itself, or a package it imports) as a migration's `from`.
//
//   node scripts/discovery-cases.mjs --scans <dir> --repos <dir>
//
// <dir> of --scans holds `<repository>.json`, the JSON of `plumbline scan -c strict.json` of each checkout
// in --repos/<repository>.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function migrationFound(scan, checkout, c) {
  const metrics = scan.metrics?.['design-system-adoption'] ?? {};
  const froms = (metrics.migrations ?? []).map((m) => m.from);
  const path = join(checkout, c.file);
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const specifiers = [...text.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
  const self = c.file.replace(/\.[jt]sx?$/, '').replace(/\/index$/, '');
  return froms.some((f) => self === f || self.startsWith(`${f}/`) || specifiers.includes(f));
}

function findingFound(scan, c) {
  const near = (file, line) => file === c.file && Math.abs(line - c.line) <= 2;
  return scan.findings.some(
    (f) => f.ruleId === c.expectedRule && (near(f.file, f.line) || (f.related ?? []).some((r) => near(r.file, r.line))),
  );
}

export function countCases(cases, scansDir, reposDir) {
  const byKind = {};
  const missed = [];
  let found = 0;
  for (const c of cases) {
    const file = join(scansDir, `${c.repository}.json`);
    byKind[c.kind] ??= { found: 0, cases: 0 };
    byKind[c.kind].cases++;
    if (!existsSync(file)) {
      missed.push(`${c.repository} ${c.file}:${c.line} ${c.kind} (no scan)`);
      continue;
    }
    const scan = JSON.parse(readFileSync(file, 'utf8'));
    const ok = c.kind === 'migration' ? migrationFound(scan, join(reposDir, c.repository), c) : findingFound(scan, c);
    if (ok) {
      found++;
      byKind[c.kind].found++;
    } else missed.push(`${c.repository} ${c.file}:${c.line} ${c.kind} (${c.expectedRule ?? 'migration'})`);
  }
  return { found, total: cases.length, byKind, missed };
}

function main() {
  const { values } = parseArgs({ options: { scans: { type: 'string' }, repos: { type: 'string' } } });
  if (!values.scans || !values.repos) {
    process.stderr.write('usage: node scripts/discovery-cases.mjs --scans <dir> --repos <dir>\n');
    process.exit(2);
  }
  const { cases } = JSON.parse(readFileSync(join(root, 'ledger/discovery-cases.json'), 'utf8'));
  const r = countCases(cases, resolve(values.scans), resolve(values.repos));
  const kinds = Object.entries(r.byKind).map(([k, v]) => `${k} ${v.found}/${v.cases}`);
  process.stdout.write(`found ${r.found} of ${r.total} (${Math.round((r.found / r.total) * 100)} %): ${kinds.join(', ')}\n`);
  for (const m of r.missed) process.stdout.write(`  missed: ${m}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
