import { docsUrl } from '@plumbline/core';
import type { Finding, ScanResult } from '@plumbline/core';
import { terminalLine } from './text-safety.js';

/** What the terminal views of scan and check share: colours, and a finding's lines. */

export type Paint = (text: string) => string;

const paint =
  (on: boolean, code: number): Paint =>
  (s) =>
    on ? `\u001b[${code}m${s}\u001b[0m` : s;

export interface Palette {
  dim: Paint;
  bold: Paint;
  red: Paint;
  green: Paint;
  yellow: Paint;
}

/** ANSI colours, or none (a file, a pipe, NO_COLOR). */
export function palette(color: boolean): Palette {
  return { dim: paint(color, 2), bold: paint(color, 1), red: paint(color, 31), green: paint(color, 32), yellow: paint(color, 33) };
}

/** A file's findings: the file in bold, then per finding its position, severity, message and rule, and up to `maxRelated` other places. */
export function findingLines(file: string, findings: readonly Finding[], p: Palette, maxRelated: number): string[] {
  const lines = [p.bold(terminalLine(file))];
  const indent = ' '.repeat(18);
  for (const f of findings) {
    const sev = f.severity === 'error' ? p.red('error') : f.severity === 'warning' ? p.yellow('warn ') : p.dim('info ');
    lines.push(`  ${p.dim(`${f.line}:${f.column}`.padEnd(8))} ${sev}  ${terminalLine(f.message)}  ${p.dim(f.ruleId)}`);
    for (const r of f.related.slice(0, maxRelated))
      lines.push(`${indent}${p.dim(`↳ ${terminalLine(r.file)}:${r.line} ${terminalLine(r.message)}`)}`);
    if (f.related.length > maxRelated) lines.push(`${indent}${p.dim(`↳ … ${f.related.length - maxRelated} more`)}`);
  }
  return lines;
}

/** Findings grouped by file, in the order they come. */
export function byFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) out.set(f.file, [...(out.get(f.file) ?? []), f]);
  return out;
}

/** The files that could not be analysed, then a blank line; nothing when there are none. */
export function errorLines(errors: ScanResult['errors'], p: Palette): string[] {
  if (errors.length === 0) return [];
  return [p.bold('Files that could not be analysed'), ...errors.map((e) => `  ${terminalLine(e.file)}: ${terminalLine(e.message)}`), ''];
}

/** The rules of the findings, each with its page; nothing when there are none. */
export function ruleLines(findings: readonly Finding[], p: Palette): string[] {
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  return ruleIds.length ? [p.dim(`  rules: ${ruleIds.map((id) => `${id} ${docsUrl(id)}`).join('\n         ')}`)] : [];
}
