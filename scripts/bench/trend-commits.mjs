#!/usr/bin/env node
// The trend measurement for builds that have no `plumbline trend` command: analyses one commit per week
// over the last N weeks with scanCommit() and one shared facts cache, the way trend reuses the facts of
// every unchanged blob. Prints a JSON summary.
//
//   node scripts/bench/trend-commits.mjs <repository> <weeks> <cache directory>
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const [rootArg, weeksArg, cacheDirArg] = process.argv.slice(2);
if (!rootArg || !weeksArg || !cacheDirArg) {
  process.stderr.write('usage: node scripts/bench/trend-commits.mjs <repository> <weeks> <cache directory>\n');
  process.exit(2);
}
const root = resolve(rootArg);
const weeks = Number(weeksArg);
const cli = await import('../../packages/cli/dist/index.js');
const analyzer = await import('../../packages/analyzer/dist/index.js');
const core = await import('../../packages/core/dist/index.js');

const git = (args) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 }).trim();

/** The last first-parent commit at or before each weekly point, newest last, without repeats. */
export function weeklyCommits(count) {
  const head = git(['rev-parse', 'HEAD']);
  const headTime = Number(git(['log', '-1', '--format=%ct', head]));
  const picked = [];
  for (let w = count - 1; w >= 0; w--) {
    const sha = git(['rev-list', '-1', '--first-parent', `--before=${headTime - w * 7 * 86400}`, head]);
    if (sha && !picked.includes(sha)) picked.push(sha);
  }
  return picked;
}

const commits = weeklyCommits(weeks);
const config = { ...cli.loadProjectConfig(root), cacheDir: resolve(cacheDirArg) };
const { settings } = core.buildCheckSettings(root, config);
const cache = analyzer.openCache(root, config, settings);
const reader = new cli.BlobReader(root);
let parsed = 0;
let fromCache = 0;
let findings = 0;
for (const commit of commits) {
  const out = await cli.scanCommit({ root, commit, config, cache, reader });
  parsed += out.stats.parsed;
  fromCache += out.stats.fromCache;
  findings = out.result.findings.length;
}
cache.save();
process.stdout.write(`${JSON.stringify({ commits: commits.length, parsed, fromCache, lastFindings: findings })}\n`);
