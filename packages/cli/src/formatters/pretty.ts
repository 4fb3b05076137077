import { CATEGORIES, docsUrl } from '@plumbline/core';
import type { Finding, ScanResult } from '@plumbline/core';

export interface PrettyOptions {
  color: boolean;
}

const paint = (on: boolean, code: number) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes)} min`;
  const h = minutes / 60;
  return h < 8 * 5 ? `${h.toFixed(1)} h` : `${(h / 8).toFixed(1)} d`;
}

/**
 * Strips control and bidi characters from text shown in a terminal; line breaks and tabs become spaces, so
 * that repository text never starts a line of its own (a CI runner reads `::command::` lines from the log).
 */
function safe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, (c) => (c === '\n' || c === '\r' || c === '\t' ? ' ' : '\uFFFD'));
}

/** Findings grouped by file, then a summary; what a person reads in a terminal. */
export function formatPretty(result: ScanResult, options: PrettyOptions = { color: false }): string {
  const dim = paint(options.color, 2);
  const bold = paint(options.color, 1);
  const yellow = paint(options.color, 33);
  const red = paint(options.color, 31);
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, findings] of byFile) {
    lines.push(bold(safe(file)));
    for (const f of findings) {
      const sev = f.severity === 'error' ? red('error') : f.severity === 'warning' ? yellow('warn ') : dim('info ');
      lines.push(`  ${dim(`${f.line}:${f.column}`.padEnd(8))} ${sev}  ${safe(f.message)}  ${dim(f.ruleId)}`);
      for (const r of f.related.slice(0, 8)) lines.push(`  ${' '.repeat(8)}        ${dim(`↳ ${safe(r.file)}:${r.line} ${safe(r.message)}`)}`);
      if (f.related.length > 8) lines.push(`  ${' '.repeat(8)}        ${dim(`↳ … ${f.related.length - 8} more`)}`);
    }
    lines.push('');
  }
  if (result.errors.length) {
    lines.push(bold('Files that could not be analysed'));
    for (const e of result.errors) lines.push(`  ${safe(e.file)}: ${safe(e.message)}`);
    lines.push('');
  }
  const s = result.summary;
  lines.push(bold('Summary'));
  lines.push(`  files ${s.files}, lines of code ${s.linesOfCode}${result.skipped.length ? `, skipped ${result.skipped.length}` : ''}${result.errors.length ? `, errors ${result.errors.length}` : ''}`);
  lines.push(`  findings ${result.findings.length}, debt ${formatMinutes(s.debtMinutes)}, debt ratio ${(s.debtRatio * 100).toFixed(2)}%, rating ${bold(s.rating)}`);
  for (const c of CATEGORIES) {
    const t = s.byCategory[c];
    if (t.findings) lines.push(`  ${c.padEnd(14)} ${String(t.findings).padStart(5)} findings  ${formatMinutes(t.debtMinutes)}`);
  }
  if (s.designSystemAdoption !== null) lines.push(`  design-system adoption ${(s.designSystemAdoption * 100).toFixed(1)}%`);
  lines.push(`  drift index ${s.driftIndex.toFixed(3)}`);
  const ruleIds = [...new Set(result.findings.map((f) => f.ruleId))].sort();
  if (ruleIds.length) lines.push(dim(`  rules: ${ruleIds.map((id) => `${id} ${docsUrl(id)}`).join('\n         ')}`));
  return `${lines.join('\n')}\n`;
}
