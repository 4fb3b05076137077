#!/usr/bin/env node
// Counts the known cases of ledger/discovery-cases.json (issue 18) that strict scans find.
// A case counts when a finding of its expected rule has the case's file and line (within 2 lines) as its
// location or among its `related` places; a migration counts when the design-system adoption metrics name
// the module being left (the file itself, or a package it imports) as a migration's `from`.
//
//   node scripts/discovery-cases.mjs --scans <dir> --repos <dir> [--at-bar <rule,rule,...>]
//
// <dir> of --scans holds `<repository>.json`, the JSON of `plumbline scan -c strict.json` of each checkout
// in --repos/<repository>. --at-bar names the rules whose precision meets the bar (issue 17: 85 % on 40
// judged findings): a case found by another rule is counted apart, as found below the bar (migrations are
// metrics, not findings, and count as found at the bar).
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

export function countCases(cases, scansDir, reposDir, atBar = null) {
  const byKind = {};
  const missed = [];
  const belowBar = [];
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
    const label = `${c.repository} ${c.file}:${c.line} ${c.kind} (${c.expectedRule ?? 'migration'})`;
    if (ok && atBar && c.kind !== 'migration' && !atBar.includes(c.expectedRule)) belowBar.push(label);
    else if (ok) {
      found++;
      byKind[c.kind].found++;
    } else missed.push(label);
  }
  return { found, total: cases.length, byKind, missed, belowBar };
}

function main() {
  const { values } = parseArgs({ options: { scans: { type: 'string' }, repos: { type: 'string' }, 'at-bar': { type: 'string' } } });
  if (!values.scans || !values.repos) {
    process.stderr.write('usage: node scripts/discovery-cases.mjs --scans <dir> --repos <dir> [--at-bar <rule,rule,...>]\n');
    process.exit(2);
  }
  const { cases } = JSON.parse(readFileSync(join(root, 'ledger/discovery-cases.json'), 'utf8'));
  const atBar = values['at-bar'] ? values['at-bar'].split(',').map((r) => r.trim()) : null;
  const r = countCases(cases, resolve(values.scans), resolve(values.repos), atBar);
  const kinds = Object.entries(r.byKind).map(([k, v]) => `${k} ${v.found}/${v.cases}`);
  const how = atBar ? ` by rules at the bar (${atBar.join(', ')}) or metrics` : '';
  process.stdout.write(`found ${r.found} of ${r.total} (${Math.round((r.found / r.total) * 100)} %)${how}: ${kinds.join(', ')}\n`);
  if (atBar) process.stdout.write(`found only by rules below the bar: ${r.belowBar.length}\n`);
  for (const m of r.belowBar) process.stdout.write(`  below the bar: ${m}\n`);
  for (const m of r.missed) process.stdout.write(`  missed: ${m}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
