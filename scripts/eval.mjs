#!/usr/bin/env node
// The precision ledger: scans a local checkout of a ledger repository (ledger/repos.json), joins the
// findings with the strict verdicts recorded for that repository (ledger/verdicts/<name>.jsonl) and prints
// precision per rule, then the findings not judged yet (a seeded random sample, to judge next).
//
//   npm run eval -- <checkout> [--name <ledger name>] [--scan <scan.json>] [--sample <N>] [--seed <S>]
//                  [--per-rule <N>] [--json] [--unjudged <N>] [--write-sample <file>]
//
//   npm run eval -- --table <dir of scans> [--seed S]
//
// --table reads <dir>/<name>.json (a scan's JSON) for every ledger repository that has one and prints the
// README's precision table: per rule and repository, right of judged; per repository, the seeded sample's
// precision; and the judged findings of the held-out repositories (tunedOn false) on their own.
//
// --write-sample writes the drawn findings (the seeded sample of --sample findings, plus up to --per-rule
// findings of each rule, so that rare rules are judged too) with their verdicts so far, one JSON a line.
//
// A verdict is one JSON object per line:
//   {"fingerprint":"…","ruleId":"…","file":"…","line":12,"verdict":"right|debatable|wrong","reason":"…"}
// "right" means a senior reviewer of that codebase would keep the warning on; "debatable" and "wrong"
// count against precision (precision = right / judged). Verdicts are joined by rule id, fingerprint and
// file (a fingerprint names the code, not its line), so they survive edits elsewhere in the file and
// plumbline upgrades that keep the finding; a renamed file's findings are judged again.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const ledgerDir = join(root, 'ledger');
const VERDICTS = new Set(['right', 'debatable', 'wrong']);

function usage(message) {
  if (message) process.stderr.write(`eval: ${message}\n`);
  process.stderr.write(
    'usage: npm run eval -- <checkout> [--name N] [--scan scan.json] [--sample N] [--per-rule N] [--seed S] [--unjudged N] [--write-sample file] [--json]\n',
  );
  process.exit(2);
}

export function parseArgs(argv) {
  const opts = {
    checkout: null,
    table: null,
    name: null,
    scan: null,
    sample: 40,
    perRule: 0,
    seed: 1,
    unjudged: 20,
    json: false,
    writeSample: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--name') opts.name = value();
    else if (a === '--table') opts.table = value();
    else if (a === '--scan') opts.scan = value();
    else if (a === '--sample') opts.sample = Number(value());
    else if (a === '--seed') opts.seed = Number(value());
    else if (a === '--per-rule') opts.perRule = Number(value());
    else if (a === '--unjudged') opts.unjudged = Number(value());
    else if (a === '--write-sample') opts.writeSample = value();
    else if (a === '--json') opts.json = true;
    else if (a.startsWith('-')) usage(`unknown flag ${a}`);
    else if (!opts.checkout) opts.checkout = a;
    else usage(`unexpected argument ${a}`);
  }
  for (const k of ['sample', 'perRule', 'seed', 'unjudged'])
    if (!Number.isInteger(opts[k]) || opts[k] < 0) usage(`--${k} takes a whole number`);
  if (!opts.checkout && !opts.table) usage('name a checkout, or --table <dir of scans>');
  return opts;
}

/** Reads a JSON-lines verdict file; a bad line is reported and skipped, never fatal. */
export function readVerdicts(file) {
  if (!existsSync(file)) return [];
  const out = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const v = JSON.parse(line);
        if (!v.fingerprint || !v.ruleId || !VERDICTS.has(v.verdict))
          throw new Error('needs fingerprint, ruleId and verdict right|debatable|wrong');
        out.push(v);
      } catch (e) {
        process.stderr.write(`eval: ${file}:${i + 1}: ${e.message}; line skipped\n`);
      }
    });
  return out;
}

const keyOf = (f) => `${f.ruleId}\0${f.fingerprint}\0${f.file}`;

/**
 * Joins findings with verdicts by rule, fingerprint and file. Not by fingerprint alone: one fingerprint
 * stands in many files (the same import, the same value), and a verdict read in one place says nothing of
 * another. Findings of the same code in the same file share their verdict.
 */
export function join_(findings, verdicts) {
  const exact = new Map(verdicts.map((v) => [keyOf(v), v]));
  return findings.map((f) => ({ finding: f, verdict: exact.get(keyOf(f)) ?? null }));
}

/** A deterministic sample (mulberry32 over a seed): the same findings for the same scan and seed. */
export function sample(items, n, seed) {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const sorted = [...items].sort((a, b) => (keyOf(a.finding) + a.finding.line < keyOf(b.finding) + b.finding.line ? -1 : 1));
  for (let i = sorted.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [sorted[i], sorted[j]] = [sorted[j], sorted[i]];
  }
  return sorted.slice(0, n);
}

export function tally(joined, linesOfCode) {
  const byRule = new Map();
  for (const { finding, verdict } of joined) {
    const t = byRule.get(finding.ruleId) ?? { ruleId: finding.ruleId, findings: 0, judged: 0, right: 0, debatable: 0, wrong: 0 };
    t.findings++;
    if (verdict) {
      t.judged++;
      t[verdict.verdict]++;
    }
    byRule.set(finding.ruleId, t);
  }
  const rows = [...byRule.values()].sort((a, b) => b.findings - a.findings || a.ruleId.localeCompare(b.ruleId));
  for (const r of rows) {
    r.per10kLines = linesOfCode ? Math.round((r.findings / linesOfCode) * 1e5) / 10 : null;
    r.precision = r.judged ? r.right / r.judged : null;
  }
  return rows;
}

const pct = (x) => (x === null ? '-' : `${Math.round(x * 100)} %`);

/** The README's precision table over the scans in `dir`, one `<name>.json` per ledger repository. */
export function precisionTable(dir, seed) {
  const repos = JSON.parse(readFileSync(join(ledgerDir, 'repos.json'), 'utf8')).repos.filter((r) =>
    existsSync(join(dir, `${r.name}.json`)),
  );
  const perRepo = repos.map((r) => {
    const scan = JSON.parse(readFileSync(join(dir, `${r.name}.json`), 'utf8'));
    const joined = join_(scan.findings, readVerdicts(join(ledgerDir, 'verdicts', `${r.name}.jsonl`)));
    const drawn = sample(joined, 40, seed).filter((j) => j.verdict);
    return {
      repo: r,
      rules: tally(joined, scan.summary.linesOfCode),
      sampleRight: drawn.filter((j) => j.verdict.verdict === 'right').length,
      sampleJudged: drawn.length,
    };
  });
  const ruleIds = [...new Set(perRepo.flatMap((p) => p.rules.map((r) => r.ruleId)))].sort();
  const cell = (right, judged) => (judged ? `${right}/${judged}` : '');
  const out = [`| rule | ${repos.map((r) => (r.tunedOn ? r.name : `${r.name}*`)).join(' | ')} | all | held out* |`];
  out.push(`| --- | ${repos.map(() => '---:').join(' | ')} | ---: | ---: |`);
  for (const id of ruleIds) {
    const rows = perRepo.map((p) => p.rules.find((r) => r.ruleId === id));
    const sum = (list) =>
      list.reduce((a, r) => ({ right: a.right + (r?.right ?? 0), judged: a.judged + (r?.judged ?? 0) }), { right: 0, judged: 0 });
    const all = sum(rows);
    const held = sum(rows.filter((_, i) => !perRepo[i].repo.tunedOn));
    out.push(
      `| ${id} | ${rows.map((r) => cell(r?.right ?? 0, r?.judged ?? 0)).join(' | ')} | ${cell(all.right, all.judged)} ${all.judged ? `(${pct(all.right / all.judged)})` : ''} | ${cell(held.right, held.judged)} |`,
    );
  }
  out.push(
    `| sample of 40 (seed ${seed}) | ${perRepo.map((p) => (p.sampleJudged ? pct(p.sampleRight / p.sampleJudged) : '')).join(' | ')} | | |`,
  );
  return out.join('\n') + '\n';
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.table) {
    process.stdout.write(precisionTable(resolve(opts.table), opts.seed));
    return;
  }
  const checkout = resolve(opts.checkout);
  if (!existsSync(checkout)) usage(`${checkout} does not exist`);
  const repos = JSON.parse(readFileSync(join(ledgerDir, 'repos.json'), 'utf8')).repos;
  const name = opts.name ?? basename(checkout);
  const repo = repos.find((r) => r.name === name);
  if (!repo) usage(`${name} is not in ledger/repos.json (use --name)`);
  let head = null;
  try {
    head = execFileSync('git', ['-C', checkout, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    /* not a git checkout: measured as it is */
  }
  if (head && !head.startsWith(repo.commit))
    process.stderr.write(`eval: warning: ${name} is at ${head.slice(0, 10)}, the ledger pins ${repo.commit}; verdicts may not match\n`);

  const scan = opts.scan
    ? JSON.parse(readFileSync(opts.scan, 'utf8'))
    : JSON.parse(
        execFileSync(process.execPath, [join(root, 'packages/cli/bin/plumbline.js'), 'scan', checkout, '--format', 'json'], {
          encoding: 'utf8',
          maxBuffer: 1 << 30,
        }),
      );
  const verdicts = readVerdicts(join(ledgerDir, 'verdicts', `${name}.jsonl`));
  const joined = join_(scan.findings, verdicts);
  const rows = tally(joined, scan.summary.linesOfCode);
  const drawn = sample(joined, opts.sample, opts.seed);
  const drawnJudged = drawn.filter((j) => j.verdict);
  const sampleRight = drawnJudged.filter((j) => j.verdict.verdict === 'right').length;
  const unjudged = sample(
    joined.filter((j) => !j.verdict),
    opts.unjudged,
    opts.seed,
  );
  if (opts.writeSample) {
    const toJudge = [...drawn];
    if (opts.perRule) {
      const taken = new Set(drawn.map((j) => j.finding));
      for (const ruleId of new Set(joined.map((j) => j.finding.ruleId))) {
        const ofRule = joined.filter((j) => j.finding.ruleId === ruleId);
        const have = ofRule.filter((j) => taken.has(j.finding)).length;
        for (const j of sample(
          ofRule.filter((x) => !taken.has(x.finding)),
          Math.max(0, opts.perRule - have),
          opts.seed,
        ))
          toJudge.push(j);
      }
    }
    writeFileSync(
      opts.writeSample,
      toJudge
        .map(({ finding: f, verdict }) =>
          JSON.stringify({
            ruleId: f.ruleId,
            fingerprint: f.fingerprint,
            file: f.file,
            line: f.line,
            message: f.message,
            related: f.related,
            verdict: verdict?.verdict ?? null,
            reason: verdict?.reason ?? null,
          }),
        )
        .join('\n') + '\n',
    );
  }
  const result = {
    name,
    commit: head,
    pinned: repo.commit,
    tool: scan.tool,
    linesOfCode: scan.summary.linesOfCode,
    findings: scan.findings.length,
    verdicts: verdicts.length,
    rules: rows,
    sample: {
      seed: opts.seed,
      size: drawn.length,
      judged: drawnJudged.length,
      right: sampleRight,
      precision: drawnJudged.length ? sampleRight / drawnJudged.length : null,
    },
    unjudged: unjudged.map(({ finding: f }) => ({
      ruleId: f.ruleId,
      fingerprint: f.fingerprint,
      file: f.file,
      line: f.line,
      message: f.message,
    })),
  };
  if (opts.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  const out = [];
  out.push(
    `${name} at ${(head ?? '?').slice(0, 10)}: ${scan.summary.linesOfCode} lines, ${scan.findings.length} findings, ${verdicts.length} verdicts`,
  );
  out.push('');
  out.push('| rule | findings | per 10k lines | judged | right | debatable | wrong | precision |');
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows)
    out.push(
      `| ${r.ruleId} | ${r.findings} | ${r.per10kLines ?? '-'} | ${r.judged} | ${r.right} | ${r.debatable} | ${r.wrong} | ${pct(r.precision)} |`,
    );
  const all = rows.reduce((a, r) => ({ judged: a.judged + r.judged, right: a.right + r.right }), { judged: 0, right: 0 });
  out.push(`| all | ${scan.findings.length} | | ${all.judged} | ${all.right} | | | ${pct(all.judged ? all.right / all.judged : null)} |`);
  out.push('');
  out.push(
    `sample of ${drawn.length} (seed ${opts.seed}): ${drawnJudged.length} judged, ${sampleRight} right, precision ${pct(result.sample.precision)}`,
  );
  if (unjudged.length) {
    out.push('');
    out.push(`not judged yet (${joined.filter((j) => !j.verdict).length}; ${unjudged.length} drawn):`);
    for (const u of result.unjudged) out.push(`  ${u.ruleId} ${u.file}:${u.line} ${u.fingerprint}  ${u.message.slice(0, 160)}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
