import { CATEGORIES, summaryRatingLine } from '@plumbline/core';
import type { ScanResult } from '@plumbline/core';
import { formatMinutes } from '../minutes.js';
import { byFile, errorLines, findingLines, palette, ruleLines } from '../terminal.js';

/** `plumbline scan --format pretty` (and `merge`): what a person reads in a terminal. */

export interface PrettyOptions {
  color: boolean;
}

/** Findings grouped by file, then a summary. */
export function formatPretty(result: ScanResult, options: PrettyOptions = { color: false }): string {
  const p = palette(options.color);
  const lines: string[] = [];
  for (const [file, findings] of byFile(result.findings)) lines.push(...findingLines(file, findings, p, 8), '');
  lines.push(...errorLines(result.errors, p));
  const s = result.summary;
  lines.push(p.bold('Summary'));
  lines.push(
    `  files ${s.files}, lines of code ${s.linesOfCode}${result.skipped.length ? `, skipped ${result.skipped.length}` : ''}${result.errors.length ? `, errors ${result.errors.length}` : ''}`,
  );
  lines.push(`  findings ${result.findings.length}, debt ${formatMinutes(s.debtMinutes)}, debt ratio ${(s.debtRatio * 100).toFixed(2)}%`);
  lines.push(`  ${p.bold(summaryRatingLine(s))}`);
  // more rated debt than reported debt: the rating counted rules the config does not report
  if (s.rated && s.rated.minutes > s.debtMinutes)
    lines.push(p.dim('  (rated on every rule of the all preset, reported or not: "preset": "all" lists what it counts)'));
  for (const c of CATEGORIES) {
    const t = s.byCategory[c];
    if (t.findings) lines.push(`  ${c.padEnd(14)} ${String(t.findings).padStart(5)} findings  ${formatMinutes(t.debtMinutes)}`);
  }
  if (s.designSystemAdoption !== null) lines.push(`  design-system adoption ${(s.designSystemAdoption * 100).toFixed(1)}%`);
  const inferred = (result.metrics['design-system-adoption'] as { inferred?: unknown } | undefined)?.inferred;
  if (typeof inferred === 'string') lines.push(`  ${inferred}`);
  lines.push(`  drift index ${s.driftIndex.toFixed(3)}`);
  if (s.duplicatedLinesRatio !== undefined) lines.push(`  duplicated lines ${(s.duplicatedLinesRatio * 100).toFixed(1)}% of lines of code`);
  lines.push(...ruleLines(result.findings, p));
  return `${lines.join('\n')}\n`;
}
