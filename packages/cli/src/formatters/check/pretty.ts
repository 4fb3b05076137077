import { summaryRatingLine } from '@plumbline/core';
import type { CheckOutcome } from '../../check.js';
import { describeViolation } from '../../gate.js';
import { formatMinutes } from '../minutes.js';
import { byFile, errorLines, findingLines, palette, ruleLines } from '../terminal.js';
import { terminalLine } from '../text-safety.js';
import { reviewLines } from './review.js';

/** `plumbline check --format pretty`: the new findings, what the change fixed, and the verdict, for a terminal or a CI log. */

function describeBase(outcome: CheckOutcome): string {
  const b = outcome.base;
  return b.kind === 'commit' ? `the merge-base ${b.commit.slice(0, 12)} of ${b.ref}` : `the baseline ${b.file}`;
}

export function formatCheckPretty(outcome: CheckOutcome, options: { color: boolean } = { color: false }): string {
  const p = palette(options.color);
  const { dim, bold, red, green } = p;
  const { comparison, verdict, head, base } = outcome;
  const lines: string[] = [];

  if (comparison.new.length) {
    lines.push(bold(`New findings (${comparison.new.length}, ${formatMinutes(verdict.newDebtMinutes)})`));
    for (const [file, findings] of byFile(comparison.new)) lines.push(...findingLines(file, findings, p, 5));
    lines.push('');
  }
  if (comparison.absent.length) {
    const debt = comparison.absent.reduce((n, o) => n + o.effortMinutes, 0);
    lines.push(green(`Fixed: ${comparison.absent.length} finding${comparison.absent.length === 1 ? '' : 's'} (${formatMinutes(debt)})`));
    for (const o of comparison.absent.slice(0, 20))
      lines.push(`  ${dim(o.ruleId)} ${terminalLine(o.file)}${o.finding ? `:${o.finding.line}` : ''}`);
    if (comparison.absent.length > 20) lines.push(dim(`  … ${comparison.absent.length - 20} more`));
    if (base.kind === 'baseline') lines.push(dim('  run `plumbline baseline prune` and commit the baseline to lock this in'));
    lines.push('');
  }
  lines.push(...errorLines(head.errors, p));

  if (outcome.review) {
    const r = reviewLines(outcome.review);
    lines.push(bold('Review'));
    lines.push(`  size: ${r.size}`);
    if (r.designReview) lines.push(`  ${p.yellow('⚠')} ${r.designReview}`);
    if (r.focus.length) {
      lines.push('  read first:');
      r.focus.forEach((f, i) => lines.push(`    ${i + 1}. ${terminalLine(`${f.file}:${f.line}`)} ${terminalLine(f.text)}`));
      if (r.moreFocus) lines.push(dim(`    … ${r.moreFocus} more places in the JSON output`));
    }
    if (r.rate) lines.push(`  rate: ${r.rate}`);
    lines.push('');
  }

  const b = base.totals;
  const delta = head.summary.debtMinutes - b.debtMinutes;
  lines.push(bold('Check'));
  lines.push(`  against ${terminalLine(describeBase(outcome))}`);
  lines.push(
    `  new ${verdict.newFindings} (${formatMinutes(verdict.newDebtMinutes)}), unchanged ${comparison.unchanged.length}, fixed ${comparison.absent.length}`,
  );
  lines.push(
    `  debt ${formatMinutes(b.debtMinutes)} -> ${formatMinutes(head.summary.debtMinutes)} (${delta === 0 ? '±0' : `${delta > 0 ? '+' : '-'}${formatMinutes(Math.abs(delta))}`})` +
      (base.kind === 'commit' ? `, rating ${base.summary.rating} -> ${head.summary.rating}` : `, rating ${head.summary.rating}`),
  );
  lines.push(`  ${summaryRatingLine(head.summary)}`);
  for (const v of verdict.violations) lines.push(`  ${red('✗')} ${describeViolation(v)}`);
  lines.push(outcome.passed ? green(bold('  passed')) : red(bold('  failed: the change adds debt beyond the thresholds')));
  lines.push(...ruleLines(comparison.new, p));
  return `${lines.join('\n')}\n`;
}
