#!/usr/bin/env node
// `npm run bench`: measures plumbline against the tools it sits beside, in one run and on the same tree.
//
// For each tree (a generated React/TS monorepo of about 50k and 500k lines, and any local repository
// given with --repo) it measures: plumbline scan cold (no cache), warm (nothing changed) and after one
// file changed; plumbline trend over 26 weekly commits (from an empty cache); ESLint with
// typescript-eslint's parser and @typescript-eslint/no-magic-numbers (the baseline every ratio refers
// to); ESLint with only the parser; ESLint with plumbline's `recommended` preset; jscpd alone. Each with
// wall time and peak RSS of its process tree. Prints a table and writes JSON to bench-results/.
//
//   npm run bench                                  both generated sizes
//   npm run bench -- --sizes 50k                   one size
//   npm run bench -- --sizes none --repo ../app    a local repository only
//   npm run bench -- --steps cold,warm,eslint      a subset of the steps
//   npm run bench -- --scan-args "--concurrency 1" extra flags for every plumbline scan
//   npm run bench -- --page-cache as-is            do not read the tree before each step (see warmPageCache)
import { execFileSync } from 'node:child_process';
import { cpus, freemem, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateRepo, WEEKS } from './bench/generate-repo.mjs';
import { measure } from './bench/measure.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(repoRoot, 'packages/cli/bin/plumbline.js');
const ESLINT = join(repoRoot, 'node_modules/eslint/bin/eslint.js');
const ALL_STEPS = ['cold', 'warm', 'changed', 'eslint', 'parse', 'preset', 'jscpd', 'trend'];

/** Goals of issue 9, on the 500k-line tree with 2 cores; ratios are within one run. */
export const GOALS = {
  coldVsEslint: 0.6,
  coldRssMb: 1200,
  warmVsEslint: 0.05,
  changedVsEslint: 0.1,
  trendVsCold: 2,
  presetOverParse: 0.2,
};

export function parseCli(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '50k,500k' },
      repo: { type: 'string', multiple: true, default: [] },
      steps: { type: 'string', default: ALL_STEPS.join(',') },
      'work-dir': { type: 'string', default: join(tmpdir(), 'plumbline-bench') },
      out: { type: 'string' },
      'scan-args': { type: 'string', default: '' },
      'page-cache': { type: 'string', default: 'warm' },
      weeks: { type: 'string', default: String(WEEKS) },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const steps = values.steps
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = steps.filter((s) => !ALL_STEPS.includes(s));
  if (unknown.length) throw new Error(`unknown step(s) ${unknown.join(', ')}; the steps are ${ALL_STEPS.join(', ')}`);
  if (!['warm', 'as-is'].includes(values['page-cache']))
    throw new Error(`--page-cache is warm (read the tree before each step) or as-is, got "${values['page-cache']}"`);
  const weeks = Number(values.weeks);
  if (!Number.isInteger(weeks) || weeks < 1) throw new Error(`--weeks must be a positive whole number, got "${values.weeks}"`);
  return {
    help: !!values.help,
    sizes:
      values.sizes === 'none'
        ? []
        : values.sizes
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    repos: values.repo.map((r) => resolve(r)),
    steps: new Set(steps),
    workDir: resolve(values['work-dir']),
    out: values.out ? resolve(values.out) : null,
    scanArgs: values['scan-args'].split(/\s+/).filter(Boolean),
    warmPageCache: values['page-cache'] === 'warm',
    weeks,
  };
}

function machine() {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1e9),
    freeMemoryGb: Math.round(freemem() / 1e9),
    os: `${platform()} ${release()}`,
    node: process.version,
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

function ensureBuilt() {
  const needed = ['core', 'analyzer', 'eslint-plugin', 'cli'].map((p) => join(repoRoot, 'packages', p, 'dist', 'index.js'));
  if (needed.every(existsSync)) return;
  process.stderr.write('bench: building the packages first (npm run build)\n');
  execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
}

function hasCommand(name) {
  try {
    execFileSync(process.execPath, [CLI, name, '--help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const isGitTree = (dir) => {
  try {
    return (
      execFileSync('git', ['-C', dir, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() ===
      dir
    );
  } catch {
    return false;
  }
};

/** The files ESLint and jscpd leave out, the same as plumbline's built-in excludes. */
async function builtinExcludes() {
  const analyzer = await import(pathToFileURL(join(repoRoot, 'packages/analyzer/dist/index.js')).href);
  return analyzer.BUILTIN_EXCLUDES;
}

const resolveFrom = (specifier) => import.meta.resolve(specifier);

/** Writes the three ESLint configs of the comparison into `dir`; returns their paths. */
async function eslintConfigs(dir) {
  mkdirSync(dir, { recursive: true });
  const ignores = JSON.stringify(await builtinExcludes());
  const files = JSON.stringify(['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}']);
  const parser = resolveFrom('@typescript-eslint/parser');
  const tsPlugin = resolveFrom('@typescript-eslint/eslint-plugin');
  const plumbline = pathToFileURL(join(repoRoot, 'packages/eslint-plugin/dist/index.js')).href;
  const header = '// Written by scripts/bench.mjs for one benchmark run.\n';
  const lang = 'languageOptions: { parser, parserOptions: { ecmaFeatures: { jsx: true } } }';
  const configs = {
    eslint: `${header}import parser from '${parser}';\nimport tsPlugin from '${tsPlugin}';\nexport default [\n  { ignores: ${ignores} },\n  { files: ${files}, ${lang}, plugins: { '@typescript-eslint': tsPlugin }, rules: { '@typescript-eslint/no-magic-numbers': 'warn' } },\n];\n`,
    parse: `${header}import parser from '${parser}';\nexport default [\n  { ignores: ${ignores} },\n  { files: ${files}, ${lang} },\n];\n`,
    preset: `${header}import plumbline from '${plumbline}';\nexport default [\n  { ignores: ${ignores} },\n  plumbline.configs.recommended,\n];\n`,
  };
  const paths = {};
  for (const [name, text] of Object.entries(configs)) {
    paths[name] = join(dir, `eslint.${name}.config.mjs`);
    writeFileSync(paths[name], text);
  }
  return paths;
}

/** A mid-sized TSX (or TS) file of the tree, chosen the same way on every run. */
function pickChangeTarget(tree, known) {
  if (known && existsSync(join(tree, known))) return known;
  const list = execFileSync('git', ['-C', tree, 'ls-files', '*.tsx', '*.ts'], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n')
    .filter((p) => p && !p.endsWith('.d.ts') && !/(^|\/)(node_modules|dist|build)\//.test(p))
    .sort();
  const sized = list.filter((p) => {
    try {
      const n = readFileSync(join(tree, p), 'utf8').split('\n').length;
      return n >= 60 && n <= 400;
    } catch {
      return false;
    }
  });
  return sized[Math.floor(sized.length / 2)] ?? list[0] ?? null;
}

function summariseScan(file) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    const byRule = {};
    for (const f of r.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
    return {
      files: r.summary.files,
      linesOfCode: r.summary.linesOfCode,
      findings: r.findings.length,
      errors: r.errors.length,
      skipped: r.skipped?.length ?? 0,
      rating: r.summary.rating,
      byRule,
    };
  } catch {
    return null;
  }
}

function countEslintMessages(file) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    return {
      files: r.length,
      messages: r.reduce((n, f) => n + f.messages.length, 0),
      fatal: r.reduce((n, f) => n + f.messages.filter((m) => m.fatal).length, 0),
    };
  } catch {
    return null;
  }
}

/**
 * Reads every file of the tree (git's listing: tracked and untracked, not ignored) once, so that each step
 * starts with the tree in the operating system's page cache. Otherwise the first step to read the tree
 * pays for the disk reads that the steps after it are spared: on the benchmark's VM, files unread for a
 * while are paged out (DAMON), and a cold scan of the 500k tree that read 15 MB from disk spent 3 s of
 * its 60 s profile waiting in readFileSync, while ESLint, run next, found the files in memory.
 * Returns the bytes read (0 outside git).
 */
export function warmPageCache(dir) {
  let files;
  try {
    files = execFileSync('git', ['-C', dir, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString('utf8')
      .split('\0')
      .filter(Boolean);
  } catch {
    return 0;
  }
  let bytes = 0;
  for (const f of files) {
    try {
      bytes += readFileSync(join(dir, f)).length;
    } catch {
      // listed but absent or a directory (a submodule): nothing to cache
    }
  }
  return bytes;
}

/** Runs every selected step on one tree. */
async function benchTree(tree, options, log) {
  const steps = {};
  const scratch = join(options.workDir, 'scratch', tree.name);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const dir = tree.dir;
  const cacheDir = join(dir, '.plumbline');
  const scanOut = (name) => join(scratch, `scan-${name}.json`);
  const scan = async (name) => {
    const r = await measure(process.execPath, [CLI, 'scan', dir, '--format', 'json', '--output', scanOut(name), ...options.scanArgs], {
      okCodes: [0, 1],
      label: `plumbline scan (${name})`,
    });
    return { ms: r.ms, cpuMs: r.cpuMs, peakRssMb: r.peakRssMb, diskReadMb: r.diskReadMb, scan: summariseScan(scanOut(name)) };
  };
  const run = async (name, label, fn) => {
    if (!options.steps.has(name)) return;
    log(`  ${label} …`);
    if (options.warmPageCache) warmPageCache(dir);
    try {
      steps[name] = await fn();
      log(
        ` ${(steps[name].ms / 1000).toFixed(2)} s (CPU ${((steps[name].cpuMs ?? 0) / 1000).toFixed(2)} s), ${steps[name].peakRssMb} MB` +
          `${typeof steps[name].diskReadMb === 'number' ? `, ${steps[name].diskReadMb} MB read from disk` : ''}\n`,
      );
    } catch (e) {
      steps[name] = { error: e.message.split('\n').slice(0, 6).join('\n') };
      log(` failed: ${steps[name].error}\n`);
    }
  };

  await run('cold', 'plumbline scan, cold', async () => {
    rmSync(cacheDir, { recursive: true, force: true });
    return scan('cold');
  });
  await run('warm', 'plumbline scan, warm', () => scan('warm'));
  await run('changed', 'plumbline scan, one file changed', async () => {
    const target = pickChangeTarget(dir, tree.changeTarget);
    if (!target) throw new Error('no TS file to change');
    const path = join(dir, target);
    const original = readFileSync(path);
    writeFileSync(path, Buffer.concat([original, Buffer.from('\nexport const benchEditedValue = 42;\n')]));
    try {
      return { ...(await scan('changed')), file: target };
    } finally {
      writeFileSync(path, original);
    }
  });
  const configs = await eslintConfigs(scratch);
  const eslint = async (name) => {
    const out = join(scratch, `eslint-${name}.json`);
    const r = await measure(
      process.execPath,
      [ESLINT, '--config', configs[name], '--no-warn-ignored', '--format', 'json', '--output-file', out, '.'],
      { cwd: dir, okCodes: [0, 1], label: `eslint (${name})` },
    );
    return { ms: r.ms, cpuMs: r.cpuMs, peakRssMb: r.peakRssMb, diskReadMb: r.diskReadMb, eslint: countEslintMessages(out) };
  };
  await run('eslint', 'ESLint + typescript-eslint parser + no-magic-numbers', () => eslint('eslint'));
  await run('parse', 'ESLint + typescript-eslint parser only', () => eslint('parse'));
  await run('preset', 'ESLint + plumbline recommended preset', () => eslint('preset'));
  await run('jscpd', 'jscpd 5.3.2', async () => {
    const bin = jscpdBinary();
    const excludes = (await builtinExcludes()).join(',');
    const r = await measure(
      bin.command,
      [...bin.args, '--format', 'typescript,tsx,javascript,jsx', '--reporters', 'silent', '--ignore', excludes, dir],
      { okCodes: [0, 1], label: 'jscpd' },
    );
    return { ms: r.ms, cpuMs: r.cpuMs, peakRssMb: r.peakRssMb };
  });
  await run('trend', `plumbline trend, ${options.weeks} weeks`, async () => {
    if (!isGitTree(dir)) throw new Error('not the top of a git work tree: trend needs history');
    rmSync(cacheDir, { recursive: true, force: true });
    if (hasCommand('trend')) {
      const r = await measure(process.execPath, [CLI, 'trend', dir, '--since', `${options.weeks}w`, '--rebuild'], {
        okCodes: [0, 1],
        label: 'plumbline trend',
      });
      return { ms: r.ms, cpuMs: r.cpuMs, peakRssMb: r.peakRssMb, via: 'plumbline trend' };
    }
    const r = await measure(
      process.execPath,
      [join(repoRoot, 'scripts/bench/trend-commits.mjs'), dir, String(options.weeks), join(scratch, 'trend-cache')],
      { label: 'trend (scanCommit)' },
    );
    return { ms: r.ms, cpuMs: r.cpuMs, peakRssMb: r.peakRssMb, via: 'scanCommit() over weekly commits', ...JSON.parse(r.stdout) };
  });
  return steps;
}

function jscpdBinary() {
  const platformPackage = `jscpd-${process.platform}-${process.arch}-gnu`;
  for (const base of [join(repoRoot, 'node_modules'), join(repoRoot, 'packages/analyzer/node_modules')]) {
    const native = join(base, platformPackage, 'bin', 'jscpd');
    if (existsSync(native)) return { command: native, args: [] };
  }
  const wrapper = join(repoRoot, 'node_modules/jscpd/run-jscpd.js');
  return { command: process.execPath, args: [wrapper] };
}

/** Ratios (of wall time and of CPU time) and goal checks of one tree; goals are judged on wall time. */
export function evaluate(steps) {
  const ok = (k) => steps[k] && !steps[k].error;
  const ratiosBy = (field) => {
    const base = ok('eslint') ? steps.eslint[field] : null;
    return Object.fromEntries(
      Object.keys(steps).map((k) => [k, ok(k) && base && steps[k][field] !== null ? steps[k][field] / base : null]),
    );
  };
  const ratios = ratiosBy('ms');
  const cpuRatios = ratiosBy('cpuMs');
  const goals = {};
  const check = (name, value, cpuValue, limit) => {
    if (value !== null && value !== undefined) goals[name] = { value, cpuValue, limit, met: value <= limit };
  };
  const rel = (a, b, field) => (ok(a) && ok(b) && steps[a][field] !== null && steps[b][field] ? steps[a][field] / steps[b][field] : null);
  check('cold <= 0.6x ESLint', ratios.cold, cpuRatios.cold, GOALS.coldVsEslint);
  if (ok('cold')) check('cold peak RSS <= 1.2 GB (MB)', steps.cold.peakRssMb, null, GOALS.coldRssMb);
  check('warm <= 0.05x ESLint', ratios.warm, cpuRatios.warm, GOALS.warmVsEslint);
  check('one file changed <= 0.1x ESLint', ratios.changed, cpuRatios.changed, GOALS.changedVsEslint);
  check('trend <= 2x cold', rel('trend', 'cold', 'ms'), rel('trend', 'cold', 'cpuMs'), GOALS.trendVsCold);
  const preset = rel('preset', 'parse', 'ms');
  const presetCpu = rel('preset', 'parse', 'cpuMs');
  check(
    'preset adds <= 20% over parsing',
    preset === null ? null : preset - 1,
    presetCpu === null ? null : presetCpu - 1,
    GOALS.presetOverParse,
  );
  return { ratios, cpuRatios, goals };
}

const LABELS = {
  cold: 'plumbline scan, cold',
  warm: 'plumbline scan, warm',
  changed: 'plumbline scan, 1 file changed',
  trend: 'plumbline trend, 26 weekly commits',
  eslint: 'ESLint + no-magic-numbers (baseline)',
  parse: 'ESLint, typescript-eslint parser only',
  preset: 'ESLint + plumbline recommended',
  jscpd: 'jscpd 5.3.2',
};

export function formatTable(result) {
  const lines = [];
  const m = result.machine;
  lines.push(`plumbline bench: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.os}, Node ${m.node}`);
  const dirty = result.worktreeStatus?.length ? ` + ${result.worktreeStatus.length} uncommitted change(s)` : '';
  lines.push(
    `code ${result.commit ? result.commit.slice(0, 12) : 'outside git'}${dirty}; load average at start ${m.loadAverageAtStart?.join(' ') ?? '?'}${result.date ? `; ${result.date}` : ''}`,
  );
  for (const t of result.trees) {
    lines.push(
      '',
      `${t.name}: ${t.files ?? '?'} files, ${t.lines ?? '?'} lines${t.scanned ? ` (${t.scanned.files} analysed, ${t.scanned.linesOfCode} lines of code, ${t.scanned.findings} findings)` : ''}`,
    );
    lines.push(
      `${'step'.padEnd(40)} ${'wall'.padStart(9)} ${'CPU'.padStart(9)} ${'wall/ESL'.padStart(9)} ${'CPU/ESL'.padStart(9)} ${'peak RSS'.padStart(9)}`,
    );
    for (const [k, label] of Object.entries(LABELS)) {
      const s = t.steps[k];
      if (!s) continue;
      if (s.error) {
        lines.push(`${label.padEnd(40)} failed: ${s.error.split('\n')[0]}`);
        continue;
      }
      const sec = (ms) => (ms === null || ms === undefined ? '' : `${(ms / 1000).toFixed(2)} s`);
      const x = (r) => (r === null || r === undefined ? '' : r.toFixed(3));
      lines.push(
        `${label.padEnd(40)} ${sec(s.ms).padStart(9)} ${sec(s.cpuMs).padStart(9)} ${x(t.ratios[k]).padStart(9)} ${x(t.cpuRatios[k]).padStart(9)} ${`${s.peakRssMb} MB`.padStart(9)}`,
      );
    }
    for (const [name, g] of Object.entries(t.goals)) {
      const v = (n) => (Number.isInteger(n) ? String(n) : n.toFixed(3));
      lines.push(
        `  goal ${name}: ${v(g.value)}${g.cpuValue !== null && g.cpuValue !== undefined ? ` (CPU ${v(g.cpuValue)})` : ''} ${g.met ? 'met' : 'MISSED'}`,
      );
    }
  }
  if (result.growth)
    lines.push(
      '',
      `growth ${result.growth.from} -> ${result.growth.to}: lines ×${result.growth.linesFactor.toFixed(2)}, cold scan time ×${result.growth.coldFactor.toFixed(2)}${result.growth.coldCpuFactor ? ` (CPU ×${result.growth.coldCpuFactor.toFixed(2)})` : ''} (${result.growth.met ? 'at most linear: met' : 'faster than linear: MISSED'})`,
    );
  return `${lines.join('\n')}\n`;
}

export async function main(argv) {
  const options = parseCli(argv);
  if (options.help) {
    process.stdout.write(
      readFileSync(fileURLToPath(import.meta.url), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('//'))
        .map((l) => l.slice(3))
        .join('\n') + '\n',
    );
    return 0;
  }
  ensureBuilt();
  const log = (t) => process.stderr.write(t);
  const result = {
    schemaVersion: 1,
    date: new Date().toISOString(),
    machine: machine(),
    commit: gitHead(),
    worktreeStatus: gitStatus(),
    options: {
      steps: [...options.steps],
      scanArgs: options.scanArgs,
      weeks: options.weeks,
      pageCache: options.warmPageCache ? 'warm' : 'as-is',
    },
    goals: GOALS,
    trees: [],
  };
  const trees = [];
  for (const size of options.sizes) {
    log(`generating the ${size} tree in ${options.workDir} …`);
    const info = generateRepo({ size, dir: join(options.workDir, `gen-${size}`) });
    log(` ${info.files} files, ${info.lines} lines\n`);
    trees.push({
      name: `generated ${size}`,
      kind: 'generated',
      size,
      dir: info.dir,
      files: info.files,
      lines: info.lines,
      commits: info.commits,
      changeTarget: info.changeTarget,
    });
  }
  for (const repo of options.repos) {
    if (!existsSync(repo)) throw new Error(`--repo ${repo} does not exist`);
    const counted = countRepo(repo);
    trees.push({ name: repo.split('/').pop(), kind: 'repository', dir: repo, ...counted });
  }
  for (const tree of trees) {
    log(`${tree.name} (${tree.dir})\n`);
    const steps = await benchTree(tree, options, log);
    const { ratios, cpuRatios, goals } = evaluate(steps);
    const { dir: _dir, ...rest } = tree;
    result.trees.push({
      ...rest,
      dir: tree.kind === 'repository' ? tree.dir : undefined,
      scanned: steps.cold?.scan ?? null,
      steps,
      ratios,
      cpuRatios,
      goals,
    });
  }
  const gen = result.trees.filter((t) => t.kind === 'generated' && t.steps.cold && !t.steps.cold.error).sort((a, b) => a.lines - b.lines);
  if (gen.length >= 2) {
    const [small, big] = [gen[0], gen[gen.length - 1]];
    const linesFactor = big.lines / small.lines;
    const coldFactor = big.steps.cold.ms / small.steps.cold.ms;
    const coldCpuFactor = big.steps.cold.cpuMs && small.steps.cold.cpuMs ? big.steps.cold.cpuMs / small.steps.cold.cpuMs : null;
    result.growth = { from: small.name, to: big.name, linesFactor, coldFactor, coldCpuFactor, met: coldFactor <= linesFactor };
  }
  const table = formatTable(result);
  process.stdout.write(table);
  const out = options.out ?? join(repoRoot, 'bench-results', `bench-${result.date.replace(/[:.]/g, '-')}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ ...result, table }, null, 2)}\n`);
  if (!options.out) writeFileSync(join(repoRoot, 'bench-results', 'latest.json'), `${JSON.stringify({ ...result, table }, null, 2)}\n`);
  log(`results: ${out}\n`);
  return 0;
}

function gitHead() {
  try {
    return execFileSync('git', ['-C', repoRoot, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** `git status --short` of the code measured (uncommitted changes are part of what ran), or null outside git. */
function gitStatus() {
  try {
    return execFileSync('git', ['-C', repoRoot, 'status', '--short'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .filter(Boolean);
  } catch {
    return null;
  }
}

function countRepo(dir) {
  try {
    const files = execFileSync('git', ['-C', dir, 'ls-files', '*.ts', '*.tsx', '*.js', '*.jsx', '*.mjs', '*.cjs', '*.mts', '*.cts'], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')
      .filter(Boolean);
    let lines = 0;
    for (const f of files) {
      try {
        lines += readFileSync(join(dir, f), 'utf8').split('\n').length;
      } catch {
        // listed but absent (sparse checkout): not counted
      }
    }
    return { files: files.length, lines };
  } catch {
    return { files: null, lines: null };
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`bench: ${e.message}\n`);
      process.exit(2);
    },
  );
}
