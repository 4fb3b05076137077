import { CATEGORIES, docsUrl, hoursPer10k, summaryRatingLine } from '@plumbline/core';
import type { Finding } from '@plumbline/core';
import type { CheckOutcome } from '../../check.js';
import { describeViolation } from '../../gate.js';
import { formatMinutes } from '../minutes.js';
import { markdownCode, markdownMessage, markdownText } from '../text-safety.js';
import { reviewLines } from './review.js';

/**
 * `plumbline check --format markdown`: the pull-request comment / GitHub step summary of a check: the
 * verdict, the size line, the review focus, then the score delta and the new findings by category. (The trend report's Markdown is formatters/trend/markdown.ts.)
 */

export interface CheckMarkdownOptions {
  /** new findings listed at most (a PR comment holds 65,536 characters); the rest are counted */
  maxFindings?: number;
  /** a link for a location, e.g. to the file at the head commit on the forge */
  fileUrl?: (file: string, line: number) => string | undefined;
}

/** A marker that lets a CI step find and update its own comment. */
export const COMMENT_MARKER = '<!-- plumbline-check -->';

function signed(n: number, unit: (n: number) => string = String): string {
  if (n === 0) return '±0';
  return n > 0 ? `+${unit(n)}` : `−${unit(-n)}`;
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(2)}%`;
}

function where(f: Pick<Finding, 'file' | 'line'>, options: CheckMarkdownOptions): string {
  const label = markdownCode(`${f.file}:${f.line}`);
  const url = options.fileUrl?.(f.file, f.line);
  return url ? `[${label}](${url})` : label;
}

export function formatCheckMarkdown(outcome: CheckOutcome, options: CheckMarkdownOptions = {}): string {
  const max = options.maxFindings ?? 50;
  const { head, base, comparison, verdict } = outcome;
  const lines: string[] = [COMMENT_MARKER];
  const newDebt = formatMinutes(verdict.newDebtMinutes);
  if (outcome.passed) {
    lines.push(
      verdict.newFindings === 0
        ? '## ✅ plumbline: no new debt'
        : `## ✅ plumbline: ${verdict.newFindings} new finding${verdict.newFindings === 1 ? '' : 's'} (${newDebt}), within the thresholds`,
    );
  } else {
    lines.push(
      `## ❌ plumbline: this change adds ${verdict.newFindings} finding${verdict.newFindings === 1 ? '' : 's'} (${newDebt} of debt)`,
    );
  }
  lines.push('');
  if (outcome.review) {
    const r = reviewLines(outcome.review);
    if (r.designReview) lines.push(`**⚠️ ${markdownText(r.designReview)}**`, '');
    lines.push(`**Size:** ${markdownText(r.size)}`, '');
    if (r.focus.length) {
      lines.push('**Read these first:**', '');
      r.focus.forEach((f, i) => lines.push(`${i + 1}. ${where(f, options)} ${markdownMessage(f.text)}`));
      lines.push('');
    }
    if (r.rate) lines.push(`**Rate:** ${markdownText(r.rate)}`, '');
  }
  lines.push(
    base.kind === 'commit'
      ? `Compared with ${markdownCode(base.commit.slice(0, 12))}, the merge-base with ${markdownCode(base.ref)}, by fingerprint: moved and renamed code is not new; a new copy of old code is.`
      : `Compared with the committed baseline ${markdownCode(base.file.split('/').pop() ?? base.file)}, by fingerprint: moved and renamed code is not new; a new copy of old code is.`,
  );
  lines.push('');
  if (verdict.violations.length) {
    for (const v of verdict.violations) lines.push(`- ❌ ${markdownText(describeViolation(v))}`);
    lines.push('');
  }

  // score delta, and what the rating is measured against
  lines.push(`${markdownText(summaryRatingLine(head.summary))}.`, '');
  const b = base.totals;
  const h = { findings: head.findings.length, debtMinutes: head.summary.debtMinutes, byCategory: head.summary.byCategory };
  lines.push('| | base | this change | delta |', '| --- | ---: | ---: | ---: |');
  lines.push(`| findings | ${b.findings} | ${h.findings} | ${signed(h.findings - b.findings)} |`);
  lines.push(
    `| debt | ${formatMinutes(b.debtMinutes)} | ${formatMinutes(h.debtMinutes)} | ${signed(h.debtMinutes - b.debtMinutes, formatMinutes)} |`,
  );
  if (base.kind === 'commit') {
    const dr = (head.summary.debtRatio - base.summary.debtRatio) * 100;
    lines.push(
      `| debt ratio | ${percent(base.summary.debtRatio)} | ${percent(head.summary.debtRatio)} | ${dr === 0 ? '±0' : `${dr > 0 ? '+' : '−'}${Math.abs(dr).toFixed(2)} pp`} |`,
    );
    lines.push(
      `| rating | ${base.summary.rating} | ${head.summary.rating} | ${base.summary.rating === head.summary.rating ? '' : `${base.summary.rating} → ${head.summary.rating}`} |`,
    );
  }
  if (base.kind === 'commit' && base.summary.rated && head.summary.rated) {
    const d = hoursPer10k(head.summary.rated.density) - hoursPer10k(base.summary.rated.density);
    lines.push(
      `| rated debt per 10k lines | ${hoursPer10k(base.summary.rated.density).toFixed(1)} h | ${hoursPer10k(head.summary.rated.density).toFixed(1)} h | ${Math.abs(d) < 0.05 ? '±0' : `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(1)} h`} |`,
    );
  }
  for (const c of CATEGORIES) {
    const bc = b.byCategory[c];
    const hc = h.byCategory[c];
    if (bc.findings === 0 && hc.findings === 0) continue;
    lines.push(
      `| ${c} | ${bc.findings} (${formatMinutes(bc.debtMinutes)}) | ${hc.findings} (${formatMinutes(hc.debtMinutes)}) | ${signed(hc.findings - bc.findings)} (${signed(hc.debtMinutes - bc.debtMinutes, formatMinutes)}) |`,
    );
  }
  lines.push('');

  // new findings, by category
  if (comparison.new.length) {
    lines.push(`### New findings (${comparison.new.length}, ${newDebt})`, '');
    let shown = 0;
    for (const c of CATEGORIES) {
      const inCategory = comparison.new.filter((f) => f.category === c);
      if (inCategory.length === 0) continue;
      if (shown >= max) break;
      lines.push(`#### ${c} (${inCategory.length}, ${formatMinutes(inCategory.reduce((n, f) => n + f.effortMinutes, 0))})`, '');
      lines.push('| where | rule | finding |', '| --- | --- | --- |');
      for (const f of inCategory) {
        if (shown >= max) break;
        shown++;
        const related = f.related.length
          ? `<br>also: ${f.related
              .slice(0, 3)
              .map((r) => where(r, options))
              .join(', ')}${f.related.length > 3 ? `, … ${f.related.length - 3} more` : ''}`
          : '';
        lines.push(`| ${where(f, options)} | [${f.ruleId}](${docsUrl(f.ruleId)}) | ${markdownMessage(f.message)}${related} |`);
      }
      lines.push('');
    }
    if (comparison.new.length > shown)
      lines.push(`…and ${comparison.new.length - shown} more new findings: see the job log or the code-scanning results.`, '');
  }

  // what the change fixed
  if (comparison.absent.length) {
    const fixedDebt = comparison.absent.reduce((n, o) => n + o.effortMinutes, 0);
    lines.push(
      `<details><summary>Fixed: ${comparison.absent.length} finding${comparison.absent.length === 1 ? '' : 's'} (${formatMinutes(fixedDebt)})</summary>`,
      '',
    );
    for (const o of comparison.absent.slice(0, max)) {
      lines.push(`- [${o.ruleId}](${docsUrl(o.ruleId)}) in ${markdownCode(o.finding ? `${o.file}:${o.finding.line}` : o.file)}`);
    }
    if (comparison.absent.length > max) lines.push(`- …and ${comparison.absent.length - max} more`);
    lines.push('', '</details>', '');
    if (base.kind === 'baseline') lines.push('Run `plumbline baseline prune` and commit the baseline to lock these in.', '');
  }

  if (head.errors.length) {
    lines.push(`<details><summary>${head.errors.length} file${head.errors.length === 1 ? '' : 's'} could not be analysed</summary>`, '');
    for (const e of head.errors.slice(0, max)) lines.push(`- ${markdownCode(e.file)}: ${markdownText(e.message)}`);
    lines.push('', '</details>', '');
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
