import { CATEGORIES, docsUrl } from '@plumbline/core';
import type { Finding } from '@plumbline/core';
import type { CheckOutcome } from '../check.js';
import { describeViolation } from '../gate.js';
import { formatMinutes } from './pretty.js';

/** `plumbline check --format pretty` and `--format json`. */

const paint = (on: boolean, code: number) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** Strips control and bidi characters (and line breaks) from text shown in a terminal or a CI log. */
function safe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, (c) => (c === '\n' || c === '\r' || c === '\t' ? ' ' : '\uFFFD'));
}

function describeBase(outcome: CheckOutcome): string {
  const b = outcome.base;
  return b.kind === 'commit' ? `the merge-base ${b.commit.slice(0, 12)} of ${b.ref}` : `the baseline ${b.file}`;
}

export function formatCheckPretty(outcome: CheckOutcome, options: { color: boolean } = { color: false }): string {
  const dim = paint(options.color, 2);
  const bold = paint(options.color, 1);
  const red = paint(options.color, 31);
  const green = paint(options.color, 32);
  const yellow = paint(options.color, 33);
  const { comparison, verdict, head, base } = outcome;
  const lines: string[] = [];

  if (comparison.new.length) {
    lines.push(bold(`New findings (${comparison.new.length}, ${formatMinutes(verdict.newDebtMinutes)})`));
    const byFile = new Map<string, Finding[]>();
    for (const f of comparison.new) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    for (const [file, findings] of byFile) {
      lines.push(bold(safe(file)));
      for (const f of findings) {
        const sev = f.severity === 'error' ? red('error') : f.severity === 'warning' ? yellow('warn ') : dim('info ');
        lines.push(`  ${dim(`${f.line}:${f.column}`.padEnd(8))} ${sev}  ${safe(f.message)}  ${dim(f.ruleId)}`);
        for (const r of f.related.slice(0, 5)) lines.push(`  ${' '.repeat(16)}${dim(`↳ ${safe(r.file)}:${r.line} ${safe(r.message)}`)}`);
        if (f.related.length > 5) lines.push(`  ${' '.repeat(16)}${dim(`↳ … ${f.related.length - 5} more`)}`);
      }
    }
    lines.push('');
  }
  if (comparison.absent.length) {
    const debt = comparison.absent.reduce((n, o) => n + o.effortMinutes, 0);
    lines.push(green(`Fixed: ${comparison.absent.length} finding${comparison.absent.length === 1 ? '' : 's'} (${formatMinutes(debt)})`));
    for (const o of comparison.absent.slice(0, 20)) lines.push(`  ${dim(o.ruleId)} ${safe(o.file)}${o.finding ? `:${o.finding.line}` : ''}`);
    if (comparison.absent.length > 20) lines.push(dim(`  … ${comparison.absent.length - 20} more`));
    if (base.kind === 'baseline') lines.push(dim('  run `plumbline baseline prune` and commit the baseline to lock this in'));
    lines.push('');
  }
  if (head.errors.length) {
    lines.push(bold('Files that could not be analysed'));
    for (const e of head.errors) lines.push(`  ${safe(e.file)}: ${safe(e.message)}`);
    lines.push('');
  }

  const b = base.totals;
  const delta = head.summary.debtMinutes - b.debtMinutes;
  lines.push(bold('Check'));
  lines.push(`  against ${safe(describeBase(outcome))}`);
  lines.push(`  new ${verdict.newFindings} (${formatMinutes(verdict.newDebtMinutes)}), unchanged ${comparison.unchanged.length}, fixed ${comparison.absent.length}`);
  lines.push(
    `  debt ${formatMinutes(b.debtMinutes)} -> ${formatMinutes(head.summary.debtMinutes)} (${delta === 0 ? '±0' : `${delta > 0 ? '+' : '-'}${formatMinutes(Math.abs(delta))}`})` +
      (base.kind === 'commit' ? `, rating ${base.summary.rating} -> ${head.summary.rating}` : `, rating ${head.summary.rating}`),
  );
  for (const v of verdict.violations) lines.push(`  ${red('✗')} ${describeViolation(v)}`);
  lines.push(outcome.passed ? green(bold('  passed')) : red(bold('  failed: the change adds debt beyond the thresholds')));
  const ruleIds = [...new Set(comparison.new.map((f) => f.ruleId))].sort();
  if (ruleIds.length) lines.push(dim(`  rules: ${ruleIds.map((id) => `${id} ${docsUrl(id)}`).join('\n         ')}`));
  return `${lines.join('\n')}\n`;
}

/**
 * The JSON contract of `scan` (schemaVersion 1) for the head, each finding marked with its baselineState,
 * plus a `check` object: the verdict, the base, the thresholds and the base findings the change removed.
 */
export function checkJson(outcome: CheckOutcome): Record<string, unknown> {
  const { head, base, comparison, verdict } = outcome;
  const isNew = new Set(comparison.new);
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { base: base.totals.byCategory[c], head: head.summary.byCategory[c] }]));
  return {
    ...head,
    findings: head.findings.map((f) => ({ ...f, baselineState: isNew.has(f) ? 'new' : 'unchanged' })),
    check: {
      passed: outcome.passed,
      base: base.kind === 'commit' ? { kind: 'commit', ref: base.ref, commit: base.commit } : { kind: 'baseline', file: base.file },
      headCommit: outcome.headCommit,
      newFindings: verdict.newFindings,
      newDebtMinutes: verdict.newDebtMinutes,
      unchangedFindings: comparison.unchanged.length,
      absentFindings: comparison.absent.length,
      absentDebtMinutes: comparison.absent.reduce((n, o) => n + o.effortMinutes, 0),
      thresholds: outcome.thresholds,
      violations: verdict.violations.map((v) => ({ ...v, message: describeViolation(v) })),
      delta: {
        findings: { base: base.totals.findings, head: head.findings.length },
        debtMinutes: { base: base.totals.debtMinutes, head: head.summary.debtMinutes },
        ...(base.kind === 'commit' ? { debtRatio: { base: base.summary.debtRatio, head: head.summary.debtRatio }, rating: { base: base.summary.rating, head: head.summary.rating } } : {}),
        byCategory,
      },
      absent: comparison.absent.map((o) => ({
        ruleId: o.ruleId, category: o.category, file: o.file, fingerprint: o.fingerprint, effortMinutes: o.effortMinutes,
        ...(o.finding ? { line: o.finding.line, column: o.finding.column, message: o.finding.message } : {}),
      })),
    },
  };
}

export function formatCheckJson(outcome: CheckOutcome): string {
  return `${JSON.stringify(checkJson(outcome), null, 2)}\n`;
}
