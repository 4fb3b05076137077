#!/usr/bin/env node
// The rating's reference population: scans pinned checkouts with every rated rule (the `all` preset:
// every rule whose preset is not `off`), measures each one's rated debt density (effort x the rule's
// measured precision on the precision ledger, per 1,000 lines of code; overall and per category), and
// writes ledger/population.json and the calibration the ratings are taken with,
// packages/core/src/rating-calibration.ts (weights, cut points at the 20/40/60/80th percentiles).
// docs/rating.md explains the method. Build first (npm run build): the scans use the built CLI.
//
//   node scripts/population.mjs --repos /work/repos [--pin] [--only a,b] [--lock /tmp/plumbline-heavy.lock]
//                               [--scans <dir>] [--keep-scans <dir>] [--calibration <version>]
//   node scripts/population.mjs --check
//   node scripts/population.mjs --table
//
// --repos     the directory holding one checkout per repository (named as in the population file)
// --pin       take each checkout's current HEAD as its pinned commit (and add checkouts the file lacks);
//             without it a checkout whose HEAD is not the pinned commit is an error
// --only      refresh only these repositories; the others keep their measured figures
// --lock      take this lock file (flock) around each scan, so that heavy work runs one at a time
// --scans     read <dir>/<name>.json (the JSON of a scan with every rule, `"preset": "all"`) instead of scanning (for trying the method)
// --keep-scans  write each scan's JSON into <dir> (they are deleted otherwise)
// --calibration  the version to write (default: the next YYYY-MM.n when anything changed)
// --check     verify that the committed calibration is the one population.json gives (exit 1 otherwise)
// --table     print the README's population table (Markdown) from population.json
//
// Only aggregate figures are printed and kept: never a finding.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readVerdicts } from './eval.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const POPULATION = join(root, 'ledger/population.json');
const CALIBRATION_TS = join(root, 'packages/core/src/rating-calibration.ts');
const CLI = join(root, 'packages/cli/bin/plumbline.js');
const MIN_JUDGED = 5;
const DEFAULT_WEIGHT = 0.5;

function fail(message, code = 2) {
  process.stderr.write(`population: ${message}\n`);
  process.exit(code);
}

export function parseArgs(argv) {
  const opts = {
    repos: null,
    pin: false,
    only: null,
    lock: null,
    scans: null,
    keepScans: null,
    calibration: null,
    check: false,
    table: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : fail(`${a} needs a value`));
    if (a === '--repos') opts.repos = resolve(value());
    else if (a === '--pin') opts.pin = true;
    else if (a === '--only') opts.only = value().split(',').filter(Boolean);
    else if (a === '--lock') opts.lock = value();
    else if (a === '--scans') opts.scans = resolve(value());
    else if (a === '--keep-scans') opts.keepScans = resolve(value());
    else if (a === '--calibration') opts.calibration = value();
    else if (a === '--check') opts.check = true;
    else if (a === '--table') opts.table = true;
    else fail(`unknown argument ${a}`);
  }
  if (!opts.check && !opts.table && !opts.repos && !opts.scans)
    fail('usage: population.mjs --repos <dir> [--pin] [--only a,b] [--lock file] | --check');
  return opts;
}

const git = (dir, ...args) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

/** github:owner/name from the ledger, else from the checkout's remote (a GitHub URL or a mirror named owner+name). */
function sourceOf(dir, ledger) {
  if (ledger?.source) return ledger.source;
  let url = '';
  try {
    url = git(dir, 'remote', 'get-url', 'origin');
  } catch {
    return null;
  }
  const gh = /github\.com[/:]([^/]+)\/([^/]+?)(\.git)?$/.exec(url);
  if (gh) return `github:${gh[1]}/${gh[2]}`;
  const mirror = /([^/]+)\+([^/]+)\/repo\/?$/.exec(url);
  return mirror ? `github:${mirror[1]}/${mirror[2]}` : url;
}

/** The rated rules and their weights: each rule whose preset is not `off`, weighted by its precision on the ledger (debatable = half right). */
export function measureWeights(rules, verdicts) {
  const tally = new Map();
  for (const v of verdicts) {
    const t = tally.get(v.ruleId) ?? { judged: 0, right: 0 };
    t.judged++;
    t.right += v.verdict === 'right' ? 1 : v.verdict === 'debatable' ? 0.5 : 0;
    tally.set(v.ruleId, t);
  }
  const weights = {};
  const judged = {};
  for (const r of [...rules].filter((r) => r.preset !== 'off').sort((a, b) => a.id.localeCompare(b.id))) {
    const t = tally.get(r.id) ?? { judged: 0, right: 0 };
    judged[r.id] = t.judged;
    weights[r.id] = t.judged >= MIN_JUDGED ? Math.round((t.right / t.judged) * 1000) / 1000 : DEFAULT_WEIGHT;
  }
  return { weights, judged };
}

/**
 * Cut points at the 20/40/60/80th percentiles: with the densities sorted, cut k lies halfway between the
 * values at ranks round(k n / 5) and the next, so each band holds a fifth (rounded) and no member sits on
 * a cut. Equal values straddling a cut make the cut equal to them, and ties go to the better band.
 */
export function cutPoints(densities) {
  const d = [...densities].sort((a, b) => a - b);
  const n = d.length;
  if (n < 5) throw new Error(`a population of ${n} cannot be cut in fifths`);
  return [1, 2, 3, 4].map((k) => {
    const i = Math.round((k * n) / 5);
    return Math.round(((d[i - 1] + d[i]) / 2) * 10000) / 10000;
  });
}

function allVerdicts() {
  const dir = join(root, 'ledger/verdicts');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readVerdicts(join(dir, f)));
}

async function builtModules() {
  const core = join(root, 'packages/core/dist/index.js');
  const analyzer = join(root, 'packages/analyzer/dist/index.js');
  if (!existsSync(core) || !existsSync(analyzer)) fail('build first (npm run build)');
  return { core: await import(pathToFileURL(core).href), analyzer: await import(pathToFileURL(analyzer).href) };
}

function scanOne(dir, name, opts, work) {
  if (opts.scans) {
    const file = join(opts.scans, `${name}.json`);
    if (!existsSync(file)) fail(`no scan ${file}`);
    return JSON.parse(readFileSync(file, 'utf8'));
  }
  const out = join(opts.keepScans ?? work, `${name}.json`);
  const config = join(work, 'strict.json');
  writeFileSync(config, '{ "preset": "all" }\n');
  const cmd = [process.execPath, CLI, 'scan', dir, '--format', 'json', '-o', out, '-c', config];
  const [bin, ...args] = opts.lock ? ['flock', opts.lock, ...cmd] : cmd;
  const t0 = Date.now();
  try {
    execFileSync(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  } catch (e) {
    // exit 1 = findings at error severity: the output is complete
    if (e.status !== 1) fail(`scan of ${name} failed: ${String(e.stderr ?? e.message).slice(0, 400)}`, 1);
  }
  process.stderr.write(`population: ${name} scanned in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  const scan = JSON.parse(readFileSync(out, 'utf8'));
  if (!opts.keepScans) rmSync(out, { force: true });
  return scan;
}

function nextVersion(previous) {
  const now = new Date();
  const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const m = /^(\d{4}-\d{2})\.(\d+)$/.exec(previous ?? '');
  return m && m[1] === month ? `${month}.${Number(m[2]) + 1}` : `${month}.1`;
}

/** The calibration population.json gives: cut points over its densities, its weights. */
export function calibrationOf(population, CATEGORIES) {
  const repos = population.repositories;
  const byCategory = {};
  for (const c of CATEGORIES) byCategory[c] = cutPoints(repos.map((r) => r.byCategory[c]));
  return {
    version: population.calibration,
    measuredWith: population.measuredWith,
    population: repos.length,
    defaultWeight: population.defaultWeight,
    minJudged: population.minJudged,
    weights: population.weights,
    cuts: cutPoints(repos.map((r) => r.density)),
    byCategory,
  };
}

function calibrationSource(calibration) {
  return `// Generated by scripts/population.mjs from ledger/population.json: do not edit.
// The rating's calibration: the rated rules' weights (precision on the precision ledger) and the cut
// points of rated debt density (minutes per 1,000 lines) at the 20/40/60/80th percentiles of the
// reference population. docs/rating.md explains them.
import type { Calibration } from './rating.js';

export const CALIBRATION: Calibration = ${JSON.stringify(calibration, null, 2)};
`;
}

/** The calibration module's text, formatted by the repository's Prettier config. */
function formattedCalibration(calibration) {
  return execFileSync(join(root, 'node_modules/.bin/prettier'), ['--stdin-filepath', CALIBRATION_TS], {
    input: calibrationSource(calibration),
    encoding: 'utf8',
  });
}

function readPopulation() {
  return existsSync(POPULATION) ? JSON.parse(readFileSync(POPULATION, 'utf8')) : null;
}

async function check() {
  const { core } = await builtModules();
  const population = readPopulation();
  if (!population) fail('no ledger/population.json', 1);
  const expected = calibrationOf(population, core.CATEGORIES);
  if (formattedCalibration(expected) !== readFileSync(CALIBRATION_TS, 'utf8'))
    fail('packages/core/src/rating-calibration.ts is not the calibration of ledger/population.json: run scripts/population.mjs', 1);
  process.stdout.write(
    `population: calibration ${expected.version} matches ledger/population.json (${expected.population} repositories)\n`,
  );
}

/** The README's table: the population by density, with each repository's band and the cut points. */
export function populationTable(population) {
  const h = (d) => ((d * 10) / 60).toFixed(2);
  const repos = [...population.repositories].sort((a, b) => a.density - b.density || a.name.localeCompare(b.name));
  const out = [
    '| repository | commit | lines of code | rated debt, h per 10k lines | min per 1,000 lines | rating |',
    '| --- | --- | ---: | ---: | ---: | :---: |',
  ];
  for (const r of repos)
    out.push(
      `| ${r.name} | \`${r.commit}\` | ${r.linesOfCode.toLocaleString('en-US')} | ${h(r.density)} | ${r.density.toFixed(2)} | ${r.rating} |`,
    );
  const cuts = calibrationOf(population, ['duplication', 'magic-value', 'abstraction', 'drift', 'design-system']).cuts;
  out.push(
    '',
    `Calibration ${population.calibration}, measured with plumbline ${population.measuredWith.version} at ${population.measuredWith.commit}: cut points ${cuts.map(h).join(' / ')} h per 10k lines (${cuts.join(' / ')} min per 1,000 lines).`,
  );
  return out.join('\n') + '\n';
}

function listCheckouts(opts, previous) {
  const names = new Set(previous?.repositories.map((r) => r.name) ?? []);
  if (opts.pin && opts.repos) for (const d of readdirSync(opts.repos)) if (existsSync(join(opts.repos, d, '.git'))) names.add(d);
  if (opts.scans) for (const f of readdirSync(opts.scans)) if (f.endsWith('.json')) names.add(f.slice(0, -5));
  return [...names].sort();
}

async function refresh(opts) {
  const { core, analyzer } = await builtModules();
  const previous = readPopulation();
  const ledgerRepos = JSON.parse(readFileSync(join(root, 'ledger/repos.json'), 'utf8')).repos;
  const { weights, judged } = measureWeights(analyzer.analyzerRules(), allVerdicts());
  const calibrationForDensity = { ...core.CALIBRATION, weights };
  // the scans run the build of the working tree: say so when its analysing code differs from the commit
  const dirty = git(root, 'status', '--porcelain', '--', 'packages/core/src', 'packages/analyzer/src') !== '';
  const measuredWith = { version: core.VERSION, commit: `${git(root, 'rev-parse', '--short=12', 'HEAD')}${dirty ? '+uncommitted' : ''}` };
  const work = mkdtempSync(join(tmpdir(), 'plumbline-population-'));
  if (opts.keepScans) mkdirSync(opts.keepScans, { recursive: true });
  const repositories = [];
  try {
    for (const name of listCheckouts(opts, previous)) {
      const old = previous?.repositories.find((r) => r.name === name);
      if (opts.only && !opts.only.includes(name)) {
        if (!old) fail(`${name} is not measured yet: leave out --only or name it`);
        repositories.push(old);
        continue;
      }
      const dir = opts.repos ? join(opts.repos, name) : null;
      const ledger = ledgerRepos.find((r) => r.name === name);
      let commit = old?.commit ?? ledger?.commit ?? null;
      if (dir) {
        if (!existsSync(dir)) fail(`no checkout ${dir}`);
        const head = git(dir, 'rev-parse', 'HEAD');
        if (opts.pin || !commit) commit = head.slice(0, 12);
        else if (!head.startsWith(commit))
          fail(`${name}: HEAD is ${head.slice(0, 12)}, pinned ${commit} (check out the pinned commit or pass --pin)`, 1);
      }
      const scan = scanOne(dir, name, opts, work);
      const rated = core.ratedDebt(scan.findings, scan.summary.linesOfCode, calibrationForDensity);
      repositories.push({
        name,
        source: (dir && sourceOf(dir, ledger)) ?? old?.source ?? ledger?.source ?? null,
        commit,
        ledger: !!ledger,
        files: scan.summary.files,
        linesOfCode: scan.summary.linesOfCode,
        density: rated.density,
        byCategory: Object.fromEntries(core.CATEGORIES.map((c) => [c, rated.byCategory[c].density])),
        measuredWith,
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const population = {
    $comment:
      'The rating reference population (docs/rating.md): rated debt density = sum of effort x weight(rule) over the rated rules, per 1,000 lines of code. Written by scripts/population.mjs.',
    calibration: '',
    measuredWith,
    minJudged: MIN_JUDGED,
    defaultWeight: DEFAULT_WEIGHT,
    weights,
    judged,
    repositories,
  };
  const draft = calibrationOf({ ...population, calibration: core.CALIBRATION.version }, core.CATEGORIES);
  const same = JSON.stringify({ ...draft, measuredWith: null }) === JSON.stringify({ ...core.CALIBRATION, measuredWith: null });
  population.calibration = opts.calibration ?? (same ? core.CALIBRATION.version : nextVersion(core.CALIBRATION.version));
  const calibration = calibrationOf(population, core.CATEGORIES);
  for (const r of repositories) r.rating = core.bandOf(r.density, calibration.cuts);
  writeFileSync(POPULATION, JSON.stringify(population, null, 2) + '\n');
  writeFileSync(CALIBRATION_TS, formattedCalibration(calibration));
  const counts = Object.fromEntries(['A', 'B', 'C', 'D', 'E'].map((b) => [b, repositories.filter((r) => r.rating === b).length]));
  process.stdout.write(
    `population: ${repositories.length} repositories, calibration ${calibration.version}; cut points ${calibration.cuts.join(' / ')} min per 1,000 lines; bands ${JSON.stringify(counts)}\n`,
  );
  for (const r of [...repositories].sort((a, b) => a.density - b.density))
    process.stdout.write(`  ${r.rating} ${r.density.toFixed(2).padStart(7)} ${String(r.linesOfCode).padStart(8)} ${r.name}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.table) {
    const population = readPopulation();
    if (!population) fail('no ledger/population.json', 1);
    process.stdout.write(populationTable(population));
  } else await (opts.check ? check() : refresh(opts));
}
