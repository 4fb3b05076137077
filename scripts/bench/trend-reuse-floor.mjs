#!/usr/bin/env node
// How many bytes a first `plumbline trend` must extract, as a multiple of the head's bytes, today and if
// it could reuse what it extracted from earlier versions of the same file at a finer grain than the
// whole file. Reads the weekly snapshots (the last first-parent commit before each week boundary) of a
// git repository's TypeScript and JavaScript files with git itself; runs no plumbline code.
//
//   node scripts/bench/trend-reuse-floor.mjs <repo> [--weeks 26] [--parse]
//
// --parse also times TypeScript parsing every version afresh against `updateSourceFile` from the
// previous version of the same file (TypeScript's incremental parser), three rounds each.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const root = args.find((a) => !a.startsWith('--'));
const weeksAt = args.indexOf('--weeks');
const weeks = weeksAt >= 0 ? Number(args[weeksAt + 1]) : 26;
if (!root || !Number.isInteger(weeks) || weeks < 1) {
  console.error('usage: node scripts/bench/trend-reuse-floor.mjs <repo> [--weeks N] [--parse]');
  process.exit(2);
}
const git = (...a) => execFileSync('git', ['-C', root, ...a], { maxBuffer: 2 ** 30 }).toString();

const head = git('rev-parse', 'HEAD').trim();
const headTime = Number(git('log', '-1', '--format=%ct', head).trim());
const commits = [];
for (let w = weeks; w >= 0; w--) {
  const c = git('rev-list', '-1', '--first-parent', `--before=${headTime - w * 7 * 86400}`, head).trim();
  if (c && !commits.includes(c)) commits.push(c);
}

/** path -> its distinct blob ids, oldest first */
const versions = new Map();
let headBlobs = new Map();
for (const c of commits) {
  const tree = new Map();
  for (const line of git('ls-tree', '-r', c).split('\n')) {
    const m = /^\d+ blob (\w+)\t(.+)$/.exec(line);
    if (!m || !/\.(tsx?|jsx?|mts|cts|mjs|cjs)$/.test(m[2]) || /(^|\/)node_modules\/|\.d\.ts$/.test(m[2])) continue;
    tree.set(m[2], m[1]);
    const list = versions.get(m[2]) ?? [];
    if (!list.includes(m[1])) list.push(m[1]);
    versions.set(m[2], list);
  }
  headBlobs = tree;
}

const ids = [...new Set([...versions.values()].flat())];
const batch = execFileSync('git', ['-C', root, 'cat-file', '--batch'], { input: `${ids.join('\n')}\n`, maxBuffer: 2 ** 31 });
const text = new Map();
for (let at = 0, i = 0; i < ids.length; i++) {
  const nl = batch.indexOf(10, at);
  const size = Number(batch.subarray(at, nl).toString().split(' ')[2]);
  text.set(ids[i], batch.subarray(nl + 1, nl + 1 + size).toString('latin1'));
  at = nl + 1 + size + 1;
}

// the units a version is cut into; a unit already seen in an earlier version of the file is reused
const GRAINS = {
  'every version whole (today)': (t) => [t],
  'top-level statements': (t) => t.split(/\n(?=\S)/),
  'one level down': (t) => t.split(/\n(?=(?:\S| {1,2}\S|\t\S))/),
  'distinct lines (a lower bound)': (t) => t.split('\n'),
};
let headBytes = 0;
for (const blob of headBlobs.values()) headBytes += text.get(blob).length;
let count = 0;
for (const list of versions.values()) count += list.length;
console.log(`${root}: ${commits.length} snapshots, ${versions.size} files, ${count} versions; head ${(headBytes / 1e6).toFixed(1)} MB`);
for (const [grain, cut] of Object.entries(GRAINS)) {
  let bytes = 0;
  for (const list of versions.values()) {
    const seen = new Set();
    for (const blob of list) {
      for (const unit of cut(text.get(blob))) {
        if (seen.has(unit)) continue;
        seen.add(unit);
        bytes += unit.length;
      }
    }
  }
  console.log(`  ${grain.padEnd(30)} ${(bytes / headBytes).toFixed(2)} x the head's bytes`);
}

if (args.includes('--parse')) {
  const ts = createRequire(import.meta.url)('typescript');
  const kind = (p) => (p.endsWith('.tsx') ? ts.ScriptKind.TSX : /\.[mc]?ts$/.test(p) ? ts.ScriptKind.TS : ts.ScriptKind.JSX);
  const parse = (p, t) => ts.createSourceFile(p, t, ts.ScriptTarget.Latest, true, kind(p));
  /** the one span that differs between two texts: common prefix and suffix left out */
  const change = (a, b) => {
    const n = Math.min(a.length, b.length);
    let s = 0;
    while (s < n && a.charCodeAt(s) === b.charCodeAt(s)) s++;
    let e = 0;
    while (e < n - s && a.charCodeAt(a.length - 1 - e) === b.charCodeAt(b.length - 1 - e)) e++;
    return ts.createTextChangeRange(ts.createTextSpan(s, a.length - e - s), b.length - e - s);
  };
  for (let round = 1; round <= 3; round++) {
    let t = performance.now();
    for (const [p, list] of versions) for (const blob of list) parse(p, text.get(blob));
    const fresh = performance.now() - t;
    t = performance.now();
    for (const [p, list] of versions) {
      let prev;
      for (const blob of list) {
        const next = text.get(blob);
        prev = prev ? ts.updateSourceFile(prev, next, change(prev.text, next)) : parse(p, next);
      }
    }
    const incremental = performance.now() - t;
    console.log(
      `  parse round ${round}: afresh ${fresh.toFixed(0)} ms, incremental ${incremental.toFixed(0)} ms (${(incremental / fresh).toFixed(2)} x)`,
    );
  }
}
