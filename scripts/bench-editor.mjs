#!/usr/bin/env node
// What plumbline's recommended ESLint preset costs: ESLint with typescript-eslint's parser over a tree,
// with and without the preset, through the ESLint Node API (as editors and `eslint .` run it).
//
//   node scripts/bench-editor.mjs <dir> [--runs 3] [--scan]
//
// --scan runs `plumbline scan` on <dir> first, so the project-findings rule has a cache to read (the
// editor's real situation). Needs `npm run build` (the preset is imported from the built plugin).
// Prints the median wall time of each configuration, the preset's overhead, and the slowest rules.
import { execFileSync } from 'node:child_process';
import { resolve, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import tseslint from 'typescript-eslint';
import plumbline from '@plumbline/eslint-plugin';

const args = process.argv.slice(2);
const dir = resolve(args.find((a) => !a.startsWith('--')) ?? '.');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const FILES = ['**/*.{ts,tsx,mts,cts}'];
const IGNORES = { ignores: ['**/node_modules/**', '**/dist/**', '**/build/**', '**/*.d.ts', '**/.plumbline/**'] };

if (args.includes('--scan')) {
  const bin = fileURLToPath(new URL('../packages/cli/bin/plumbline.js', import.meta.url));
  const t = performance.now();
  execFileSync(process.execPath, [bin, 'scan', dir, '--format', 'json', '--output', join(dir, '.plumbline', 'scan.json')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  console.log(`plumbline scan (writes .plumbline/cache/project-findings.json): ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const parserOnly = { files: FILES, languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } };
const tsRecommended = tseslint.configs.recommended.map((c) => ({ ...c, files: c.files ?? FILES }));
const configs = {
  'parser only': [IGNORES, parserOnly],
  'parser + plumbline recommended': [IGNORES, parserOnly, { ...plumbline.configs.recommended, files: FILES }],
  'typescript-eslint recommended': [IGNORES, ...tsRecommended],
  'typescript-eslint recommended + plumbline recommended': [IGNORES, ...tsRecommended, { ...plumbline.configs.recommended, files: FILES }],
};

async function lint(config, stats = false) {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: config,
    cache: false,
    stats,
    errorOnUnmatchedPattern: false,
  });
  const t = performance.now();
  const cpu = process.cpuUsage();
  const results = await eslint.lintFiles(['.']);
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, results };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// CPU time of this process is the figure to compare: wall time on a shared machine measures the neighbours
const times = Object.fromEntries(Object.keys(configs).map((k) => [k, []]));
const walls = Object.fromEntries(Object.keys(configs).map((k) => [k, []]));
let files = 0;
let messages = {};
await lint(configs['parser only']); // warm-up: module loading and JIT
for (let i = 0; i < runs; i++) {
  for (const [name, config] of Object.entries(configs)) {
    const { ms, cpuMs, results } = await lint(config);
    times[name].push(cpuMs);
    walls[name].push(ms);
    files = results.length;
    messages[name] = results.reduce((n, r) => n + r.messages.filter((m) => m.ruleId?.startsWith('@plumbline/')).length, 0);
  }
}

console.log(`\n${dir}: ${files} files, ${runs} runs each (median CPU time; wall time in brackets)`);
for (const name of Object.keys(configs)) {
  console.log(
    `  ${name.padEnd(56)} ${(median(times[name]) / 1000).toFixed(2)} s  [${(median(walls[name]) / 1000).toFixed(2)} s]   plumbline messages: ${messages[name]}`,
  );
}
const over = (a, b) => ((median(times[b]) / median(times[a]) - 1) * 100).toFixed(1);
console.log(`\n  preset overhead over the parser alone:                  +${over('parser only', 'parser + plumbline recommended')}%`);
console.log(
  `  preset overhead over typescript-eslint recommended:     +${over('typescript-eslint recommended', 'typescript-eslint recommended + plumbline recommended')}%`,
);

// per-rule times (ESLint's stats), for the plumbline rules
const { results } = await lint(configs['parser + plumbline recommended'], true);
const perRule = {};
let parseMs = 0;
for (const r of results) {
  for (const pass of r.stats?.times?.passes ?? []) {
    parseMs += pass.parse?.total ?? 0;
    for (const [rule, t] of Object.entries(pass.rules ?? {})) perRule[rule] = (perRule[rule] ?? 0) + t.total;
  }
}
console.log(`\n  parse time (all files): ${(parseMs / 1000).toFixed(2)} s; plumbline rules:`);
for (const [rule, ms] of Object.entries(perRule).sort((a, b) => b[1] - a[1])) console.log(`    ${rule.padEnd(50)} ${ms.toFixed(0)} ms`);
