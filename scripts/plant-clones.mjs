#!/usr/bin/env node
// The planted-clone harness: measures copied-code's recall per clone type on real code. It copies a
// checkout's source tree to a temporary directory, picks real named functions and components of 15+ lines
// (seeded), and plants one copy of each in another folder of the tree, as
//   type-1  an exact copy,
//   type-2  a copy with every identifier bound in the unit renamed (its name, parameters, locals; references
//           to imports, globals and properties stay, as they must for the copy to do the same thing),
//   type-3  a copy with one to three statements changed (deleted, inserted, or replaced by another),
// then scans the copy with the built CLI (npm run build first) and counts a planted copy as found when one
// copied-code finding holds both the copy and the unit it was copied from.
//
//   node scripts/plant-clones.mjs <checkout> [--places 20] [--seed 1] [--keep] [--json] [--jscpd] [--report all|confident]
//   node scripts/plant-clones.mjs --rescan <tree kept by --keep> [--jscpd] [--report all|confident]   (scan a planted tree again, e.g. after a change)
//
// The scan runs copied-code with `report: "all"` (every clone class it finds: recall of the matching); with
// --report confident, its default tier, which leaves out copies across folders (every plant lies in another
// folder than its original, so that tier finds few of them by design).
//
// Each type gets its own units (--places of each), so the three are measured independently in one scan.
// With --jscpd, jscpd (the reference for verbatim copies, at its defaults) runs on the same planted tree and
// its recall is counted the same way: one of its clone pairs holds both the copy and the original.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { DEFAULT_TEST_FILES, globMatcher } from '@plumbline/core';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'packages', 'cli', 'bin', 'plumbline.js');
const SKIP_DIRS = /^(node_modules|\.git|dist|build|out|coverage|\.next|\.turbo|vendor|public)$/;
/** Places where copies are not reported (tests and test support, stories, fixtures, migrations and frozen alterations, config and framework entry files, generated code). */
const NOT_PLANTABLE_PATH =
  /(^|\/)(__tests__|__mocks__|tests?|e2e|fixtures?|stories|migrations?|alterations?|generated|__generated__|testing|test-?utils?|test-?helpers?|fakes?)(\/|$)|\.(test|spec|stories|config|d)\.[cm]?[jt]sx?$|(^|\/)entry\.(server|client|worker)\.[cm]?[jt]sx?$|(^|\/)((jest|vitest|test)[.-]setup|setup-?tests?|test-?utils?)\.[cm]?[jt]sx?$|(^|\/)fake[-_.][^/]*$|(^|\/)(\d+\.\d+\.\d+[^/]*?|\d{10,14})[-_][^/]*$/;
/** ...and every file plumbline reads as a test by default (Playwright helpers, seeds, playgrounds): copied-code compares none of them. */
const isTestFile = globMatcher(DEFAULT_TEST_FILES);
const NOT_PLANTABLE = { test: (path) => NOT_PLANTABLE_PATH.test(path) || isTestFile(path) };
export const TYPES = ['type-1', 'type-2', 'type-3'];

/** mulberry32: a small seeded generator, so that a run can be repeated. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Source files of a tree (POSIX paths relative to it), in a stable order. */
export function sourceFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.test(e.name)) walk(join(dir, e.name));
      } else if (/\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(relative(root, join(dir, e.name)).split('\\').join('/'));
    }
  };
  walk(root);
  return out;
}

/** The name of a function-like node: its own, or its variable's (`const Card = () => ...`, `memo(function ...)`). */
function nameOf(n) {
  if (ts.isFunctionDeclaration(n)) return n.name?.text ?? null;
  if (!ts.isArrowFunction(n) && !ts.isFunctionExpression(n)) return null;
  let p = n.parent;
  if (p && ts.isCallExpression(p) && p.arguments[0] === n) p = p.parent;
  return p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) ? p.name.text : null;
}

/** Named functions and components of at least `minLines` lines (and at most `maxLines`) in one file. */
export function unitsOf(path, text, minLines = 15, maxLines = 150) {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out = [];
  const visit = (n) => {
    const name = nameOf(n);
    if (name && n.body) {
      const start = n.getStart(sf);
      const line = sf.getLineAndCharacterOfPosition(start).line + 1;
      const endLine = sf.getLineAndCharacterOfPosition(n.end).line + 1;
      if (endLine - line + 1 >= minLines && endLine - line + 1 <= maxLines) {
        out.push({ path, name, start, end: n.end, line, endLine, arrow: !ts.isFunctionDeclaration(n) });
        return; // units nested in a picked unit would be copies of part of it
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The identifiers a unit binds: its name, its parameters (destructured too), its local declarations. */
function boundNames(node, unitName) {
  const names = new Set([unitName]);
  const bind = (b) => {
    if (!b) return;
    if (ts.isIdentifier(b)) names.add(b.text);
    else if (ts.isObjectBindingPattern(b) || ts.isArrayBindingPattern(b))
      for (const e of b.elements) if (!ts.isOmittedExpression(e)) bind(e.name);
  };
  const visit = (n) => {
    if (ts.isParameter(n) || ts.isVariableDeclaration(n) || ts.isBindingElement(n)) bind(n.name);
    else if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n)) && n.name) names.add(n.name.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return names;
}

/**
 * Whether an identifier is a name of something else (a property, a key, a JSX attribute, a method, the right
 * side of a qualified name), not a reference to a binding.
 */
export function isPropertyName(id) {
  const p = id.parent;
  return (
    (ts.isPropertyAccessExpression(p) && p.name === id) ||
    (ts.isPropertyAssignment(p) && p.name === id) ||
    (ts.isBindingElement(p) && p.propertyName === id) ||
    ts.isJsxAttribute(p) ||
    (ts.isMethodDeclaration(p) && p.name === id) ||
    (ts.isPropertySignature(p) && p.name === id) ||
    (ts.isQualifiedName(p) && p.right === id)
  );
}

/** Applies text edits [start, end, replacement] (positions relative to `text`) from the last to the first. */
export function applyEdits(text, edits) {
  let out = text;
  for (const [s, e, r] of [...edits].sort((x, y) => y[0] - x[0])) out = out.slice(0, s) + r + out.slice(e);
  return out;
}

/** The unit's code as a top-level declaration (an arrow or function expression keeps its variable). */
function declaration(unit, code) {
  return unit.arrow ? `export const ${unit.name} = ${code};\n` : `export ${code.replace(/^export\s+(default\s+)?/, '')}\n`;
}

/** Parses a unit's code alone, as the planted file will hold it. */
function parseUnit(unit, code) {
  const sf = ts.createSourceFile('u.tsx', `const __u = ${code};`, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const decl = sf.statements[0].declarationList.declarations[0];
  return { sf, node: decl.initializer, offset: 'const __u = '.length };
}

/** type-2: every identifier the unit binds gets another name, consistently. */
export function renameAll(unit, code) {
  const { sf, node, offset } = parseUnit(unit, code.replace(/^export\s+(default\s+)?/, ''));
  const names = boundNames(node, unit.name);
  const edits = [];
  const visit = (n) => {
    if (ts.isIdentifier(n) && names.has(n.text) && !isPropertyName(n)) {
      const p = n.parent;
      const fresh = `${n.text}Copy`;
      // a shorthand `{ total }` keeps its key: `{ total: totalCopy }`; so does a destructured one (`const { total } = x`
      // reads the field `total` into `totalCopy`: `const { total: totalCopy } = x`)
      const shorthand =
        ts.isShorthandPropertyAssignment(p) || (ts.isBindingElement(p) && !p.propertyName && ts.isObjectBindingPattern(p.parent));
      if (shorthand) edits.push([n.getStart(sf) - offset, n.end - offset, `${n.text}: ${fresh}`]);
      else edits.push([n.getStart(sf) - offset, n.end - offset, fresh]);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return applyEdits(code.replace(/^export\s+(default\s+)?/, ''), edits);
}

/** type-3: one to three statements of at most three lines deleted, preceded by a new one, or replaced by a new one. */
export function changeStatements(unit, code, random) {
  const body = code.replace(/^export\s+(default\s+)?/, '');
  const { sf, node, offset } = parseUnit(unit, body);
  const statements = [];
  const visit = (n) => {
    if (n !== node && ts.isStatement(n) && !ts.isBlock(n) && ts.isBlock(n.parent)) {
      const lines = sf.getLineAndCharacterOfPosition(n.end).line - sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
      if (lines <= 3 && !ts.isReturnStatement(n)) statements.push(n);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  if (statements.length === 0) return null;
  const k = Math.min(statements.length, 1 + Math.floor(random() * 3));
  const picked = new Set();
  // statements that do not nest: edits of a statement and of one inside it would overlap and garble the copy
  const apart = (s) => [...picked].every((t) => s.end <= t.pos || t.end <= s.pos);
  for (let tries = 0; picked.size < k && tries < 100; tries++) {
    const s = statements[Math.floor(random() * statements.length)];
    if (apart(s)) picked.add(s);
  }
  const edits = [...picked].map((s, i) => {
    const added = `if (import.meta.env?.DEV) console.warn('planted change ${i + 1}', ${JSON.stringify(unit.name)});`;
    const how = ['delete', 'insert', 'replace'][Math.floor(random() * 3)];
    const start = s.getStart(sf) - offset;
    const end = s.end - offset;
    if (how === 'delete') return [start, end, ''];
    if (how === 'insert') return [start, start, `${added}\n`];
    return [start, end, added];
  });
  return applyEdits(body, edits);
}

/** Directories that hold plantable source files (the planted copies go there); `skip` tests the paths left out. */
export function plantableDirs(files, skip = NOT_PLANTABLE) {
  return [...new Set(files.filter((f) => !skip.test(f)).map((f) => dirname(f)))].sort();
}

/**
 * Plants `places` copies of each type into `tree` (a copy of a checkout): returns the plants, each with the
 * original unit (path, lines) and the planted file's path and lines.
 */
export function plant(tree, { places = 20, seed = 1 } = {}) {
  const random = rng(seed);
  const files = sourceFiles(tree).filter((f) => !NOT_PLANTABLE.test(f));
  const units = [];
  for (const f of files) {
    const text = readFileSync(join(tree, f), 'utf8');
    if (text.length > 300_000 || /@generated|do not edit/i.test(text.slice(0, 500))) continue;
    // inline SVG drawings are data, not code: copied-code reads a drawing as one token by design
    for (const u of unitsOf(f, text))
      if (!/<(svg|path|Svg|Path)\b/.test(text.slice(u.start, u.end))) units.push({ ...u, code: text.slice(u.start, u.end) });
  }
  const dirs = plantableDirs(files);
  const plants = [];
  const used = new Set();
  for (const type of TYPES) {
    let tries = 0;
    while (plants.filter((p) => p.type === type).length < places && tries++ < places * 50 && used.size < units.length) {
      const i = Math.floor(random() * units.length);
      if (used.has(i)) continue;
      used.add(i);
      const u = units[i];
      const code = type === 'type-1' ? u.code : type === 'type-2' ? renameAll(u, u.code) : changeStatements(u, u.code, random);
      if (code === null) continue;
      const dir = dirs.filter((d) => d !== dirname(u.path))[Math.floor(random() * (dirs.length - 1))] ?? dirname(u.path);
      const path = `${dir === '.' ? '' : `${dir}/`}planted-${type}-${plants.length}.${u.path.endsWith('x') ? 'tsx' : 'ts'}`;
      const name = type === 'type-2' ? `${u.name}Copy` : u.name;
      const header = '// planted by scripts/plant-clones.mjs\n';
      const text = header + declaration({ ...u, name }, code);
      writeFileSync(join(tree, path), text);
      plants.push({
        type,
        from: { path: u.path, line: u.line, endLine: u.endLine, name: u.name },
        path,
        line: 2,
        endLine: text.split('\n').length - 1,
      });
    }
  }
  return plants;
}

/** Every place of a copied-code finding: the reported one and each related copy with its lines. */
export function placesOf(finding) {
  return [
    { file: finding.file, line: finding.line, endLine: finding.endLine },
    ...finding.related.map((r) => {
      const m = /lines (\d+)-(\d+)/.exec(r.message);
      return { file: r.file, line: m ? Number(m[1]) : r.line, endLine: m ? Number(m[2]) : r.line };
    }),
  ];
}

const covers = (place, file, line, endLine) =>
  place.file === file && Math.min(place.endLine, endLine) - Math.max(place.line, line) + 1 >= 0.5 * (endLine - line + 1);

/** Recall per type: a plant is found when one copied-code finding holds both it and its original. */
export function recall(findings, plants) {
  return recallOf(findings.filter((f) => f.ruleId === 'copied-code').map(placesOf), plants);
}

/** Recall per type of groups of places (one per finding or clone pair): a plant is found when one group holds it and its original. */
function recallOf(copies, plants) {
  const out = {};
  for (const type of TYPES) {
    const mine = plants.filter((p) => p.type === type);
    const found = mine.filter((p) =>
      copies.some(
        (places) =>
          places.some((x) => covers(x, p.path, p.line, p.endLine)) &&
          places.some((x) => covers(x, p.from.path, p.from.line, p.from.endLine)),
      ),
    );
    out[type] = {
      planted: mine.length,
      found: found.length,
      recall: mine.length ? found.length / mine.length : null,
      missed: mine.filter((p) => !found.includes(p)),
    };
  }
  return out;
}

/** A jscpd clone pair as two places, like a copied-code finding's. */
export function jscpdPlaces(duplicate) {
  const place = (f) => ({ file: f.name.replace(/^\.\//, ''), line: f.start, endLine: f.end });
  return [place(duplicate.firstFile), place(duplicate.secondFile)];
}

/** Recall per type of jscpd's clone pairs (its JSON report's `duplicates`), counted as for copied-code. */
export function jscpdRecall(duplicates, plants) {
  return recallOf(duplicates.map(jscpdPlaces), plants);
}

/** Runs jscpd 5.3.2 (the native binary of the `jscpd` package) on a planted tree at its defaults; its `duplicates`. */
function runJscpd(tree) {
  const require = createRequire(import.meta.url);
  const bin = join(dirname(require.resolve('jscpd/package.json')), 'run-jscpd.js');
  const out = join(tree, 'plant-clones.jscpd');
  execFileSync(
    process.execPath,
    [
      bin,
      '.',
      '--format',
      'typescript,tsx',
      '--reporters',
      'json',
      '--output',
      out,
      '--silent',
      '--ignore',
      '**/node_modules/**,**/.git/**',
    ],
    { cwd: tree, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return JSON.parse(readFileSync(join(out, 'jscpd-report.json'), 'utf8')).duplicates;
}

function main(argv) {
  const opts = { places: 20, seed: 1, keep: false, json: false, jscpd: false, report: 'all', checkout: null, rescan: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--places') opts.places = Number(argv[++i]);
    else if (a === '--seed') opts.seed = Number(argv[++i]);
    else if (a === '--keep') opts.keep = true;
    else if (a === '--json') opts.json = true;
    else if (a === '--jscpd') opts.jscpd = true;
    else if (a === '--rescan') opts.rescan = resolve(argv[++i] ?? '');
    else if (a === '--report' && ['all', 'confident'].includes(argv[i + 1])) opts.report = argv[++i];
    else if (!a.startsWith('-') && !opts.checkout) opts.checkout = resolve(a);
    else {
      process.stderr.write(
        `plant-clones: unexpected argument ${a}${a === '--report' ? ` (${argv[i + 1] ?? 'nothing'}: all or confident)` : ''}\nusage: node scripts/plant-clones.mjs <checkout> [--places N] [--seed S] [--keep] [--json] [--jscpd] [--report all|confident]\n`,
      );
      process.exit(2);
    }
  }
  const dir = opts.rescan ?? opts.checkout;
  if (!dir || !statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    process.stderr.write(`plant-clones: name a ${opts.rescan ? 'planted tree' : 'checkout'} directory\n`);
    process.exit(2);
  }
  const tree = opts.rescan ?? mkdtempSync(join(tmpdir(), 'plant-clones-'));
  try {
    let plants;
    if (opts.rescan) plants = JSON.parse(readFileSync(join(tree, 'plant-clones.plants.json'), 'utf8'));
    else {
      cpSync(dir, tree, { recursive: true, filter: (src) => !/(^|\/)(\.git|node_modules)$/.test(src) });
      plants = plant(tree, opts);
      writeFileSync(join(tree, 'plant-clones.plants.json'), JSON.stringify(plants));
    }
    writeFileSync(
      join(tree, 'plant-clones.config.json'),
      JSON.stringify({ preset: 'strict', rules: { 'copied-code': ['warn', { report: opts.report }] } }),
    );
    const out = join(tree, 'plant-clones.scan.json');
    execFileSync(process.execPath, [cli, 'scan', tree, '-c', join(tree, 'plant-clones.config.json'), '--format', 'json', '-o', out], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const result = recall(JSON.parse(readFileSync(out, 'utf8')).findings, plants);
    const jscpd = opts.jscpd ? jscpdRecall(runJscpd(tree), plants) : undefined;
    if (opts.json)
      process.stdout.write(`${JSON.stringify({ checkout: dir, seed: opts.seed, report: opts.report, result, jscpd }, null, 2)}\n`);
    else {
      const pct = (r) => (r.recall === null ? '-' : `${(100 * r.recall).toFixed(0)} %`);
      for (const type of TYPES) {
        const r = result[type];
        process.stdout.write(
          `${type}: ${r.found}/${r.planted} found (${pct(r)})${jscpd ? `; jscpd ${jscpd[type].found}/${r.planted} (${pct(jscpd[type])})` : ''}\n`,
        );
        for (const m of r.missed)
          process.stdout.write(`  missed ${m.path} (copy of ${m.from.name}, ${m.from.path}:${m.from.line}-${m.from.endLine})\n`);
      }
    }
    if (opts.keep) process.stderr.write(`plant-clones: tree kept at ${tree}\n`);
  } finally {
    if (!opts.keep && !opts.rescan) rmSync(tree, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
