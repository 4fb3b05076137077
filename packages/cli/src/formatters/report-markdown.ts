import { CATEGORIES, docsUrl } from '@plumbline/core';
import type { AttributionRow, TrendPoint, TrendReport } from '../trend.js';
import { formatMinutes } from './pretty.js';

/** Options of the Markdown report. */
export interface ReportMarkdownOptions {
  /** periods listed in the table, newest last (default 12; the sparkline shows them all) */
  maxRows?: number;
}

/** Escapes repository text for Markdown outside code spans: HTML, emphasis, links, tables, mentions. */
export function mdText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD') // controls and bidi overrides (Trojan Source)
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~#!])/g, '\\$1')
    .replace(/@/g, '@\u2060'); // no @mentions from author names in a chat or PR post
}

/** A code span holding any text (a fence longer than any backtick run inside); safe in table cells. */
export function mdCode(text: string): string {
  const inner = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD').replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...inner.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = inner.startsWith('`') || inner.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${inner}${pad}${fence}`;
}

/** A finding message: its balanced `code spans` kept as code, the rest escaped. */
function mdMessage(message: string): string {
  const parts = message.split('`');
  if (parts.length % 2 === 0) return mdText(message);
  return parts.map((p, i) => (i % 2 === 1 ? mdCode(p) : mdText(p))).join('');
}

export function signedMinutes(n: number): string {
  if (Math.abs(n) < 0.5) return '±0 min';
  return n > 0 ? `+${formatMinutes(n)}` : `−${formatMinutes(-n)}`;
}

/** A rate such as minutes per 1,000 lines: a few significant digits. */
export function rate(n: number): string {
  return n >= 100 ? String(Math.round(n)) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

export function pct(ratio: number | null, digits = 0): string {
  return ratio === null ? 'n/a' : `${(ratio * 100).toFixed(digits)}%`;
}

const SPARKS = '▁▂▃▄▅▆▇█';
/** A one-line chart of a series. */
export function sparkline(values: readonly number[]): string {
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  return values.map((v) => SPARKS[max === min ? 3 : Math.round(((v - min) / (max - min)) * (SPARKS.length - 1))]).join('');
}

/** The period word of the report: week, day or period (commit counts). */
export function periodWord(report: TrendReport): string {
  return report.window.every === 'week' ? 'week' : report.window.every === 'day' ? 'day' : 'period';
}

/** The headline sentences every format shares: debt now, last change, rate, new code, projection, assistants. */
export function headline(report: TrendReport): string[] {
  const last = report.points[report.points.length - 1];
  if (!last) return ['No snapshot in the window.'];
  const word = periodWord(report);
  const out = [
    `Debt ${formatMinutes(last.debtMinutes)}, rating ${last.rating} (debt ratio ${(last.debtRatio * 100).toFixed(2)}%), ${last.findings} findings in ${last.linesOfCode} lines of code.`,
  ];
  const c = report.rate.lastChange;
  if (c) {
    out.push(
      `${word === 'week' ? 'Week over week' : `Since the previous ${word}`}: ${signedMinutes(c.debtMinutes)}${c.percent === null ? '' : ` (${c.percent > 0 ? '+' : ''}${c.percent}%)`}; ${c.newFindings} new (${signedMinutes(c.newDebtMinutes)}), ${c.fixedFindings} fixed (${signedMinutes(-c.fixedDebtMinutes)}).`,
    );
  }
  if (report.rate.debtMinutesPerWeek !== null) {
    out.push(`Accumulation: ${signedMinutes(report.rate.debtMinutesPerWeek)} per week (least-squares slope over ${report.points.length} snapshots).`);
  }
  const n = report.rate.newCode;
  if (n.minutesPer1000Lines !== null) {
    out.push(`New code (${report.scope.label}): ${formatMinutes(n.newDebtMinutes)} of new debt in ${n.linesAdded} added lines, ${rate(n.minutesPer1000Lines)} min per 1,000 lines (debt ratio ${pct(n.debtRatio, 2)}, ${n.rating}).`);
  }
  if (report.rate.projection) out.push(`Projection: ${report.rate.projection.text}.`);
  const a = report.attribution.assistants;
  if (a.commits > 0 && a.debtShare !== null) {
    out.push(
      `Commits with assistant trailers added ${pct(a.debtShare)} of the new debt credited to commits while being ${pct(a.commitShare)} of commits (${a.assistantCommits} of ${a.commits}).`,
    );
  } else if (a.commits > 0) {
    out.push(`${a.assistantCommits} of ${a.commits} commits carry assistant trailers; no new debt was credited to a commit.`);
  }
  return out;
}

function attributionTable(title: string, rows: readonly AttributionRow[], asCode: boolean): string[] {
  if (rows.length === 0) return [];
  const out = [`#### ${title}`, '', '| | new | new debt | fixed | fixed debt |', '| --- | ---: | ---: | ---: | ---: |'];
  for (const r of rows) {
    const name = asCode && !r.name.startsWith('(') ? mdCode(r.name) : mdText(r.name);
    out.push(`| ${name} | ${+r.newFindings.toFixed(2)} | ${formatMinutes(r.newDebtMinutes)} | ${+r.fixedFindings.toFixed(2)} | ${formatMinutes(r.fixedDebtMinutes)} |`);
  }
  out.push('');
  return out;
}

function pointRow(p: TrendPoint): string {
  const c = p.change;
  return `| ${mdText(p.label)} | ${mdCode(p.commit.slice(0, 7))} | ${formatMinutes(p.debtMinutes)} | ${p.rating} | ${(p.debtRatio * 100).toFixed(2)}% | ${c ? c.newFindings : ''} | ${c ? c.fixedFindings : ''} | ${p.findings} | ${p.linesOfCode} |`;
}

/** The report as Markdown: for a chat post, a pull request or an issue. Pure. */
export function formatReportMarkdown(report: TrendReport, options: ReportMarkdownOptions = {}): string {
  const maxRows = options.maxRows ?? 12;
  const word = periodWord(report);
  const out: string[] = [];
  out.push(`## plumbline debt trend: ${mdCode(report.ref)}, ${report.points.length} snapshots (every ${mdText(report.window.every)})`, '');
  for (const line of headline(report)) out.push(`- ${line.replace(/^([^:]+): /, '**$1**: ')}`);
  out.push('');
  for (const n of report.notes) out.push(`> ⚠️ ${mdText(n)}`, '');
  if (report.points.length === 0) return `${out.join('\n')}\n`;

  out.push(`### Debt per ${word}`, '');
  out.push(`Debt ${sparkline(report.points.map((p) => p.debtMinutes))} (${report.points[0]!.label} → ${report.points[report.points.length - 1]!.label})`, '');
  out.push(`| ${word === 'period' ? 'snapshot' : `${word} of`} | commit | debt | rating | ratio | new | fixed | findings | lines of code |`);
  out.push('| --- | --- | ---: | :---: | ---: | ---: | ---: | ---: | ---: |');
  const shown = report.points.slice(-maxRows);
  if (shown.length < report.points.length) out.push(`| … ${report.points.length - shown.length} earlier | | | | | | | | |`);
  for (const p of shown) out.push(pointRow(p));
  out.push('');

  const last = report.points[report.points.length - 1]!;
  const cats = CATEGORIES.filter((c) => last.byCategory[c].findings > 0);
  if (cats.length) {
    out.push('| category | findings | debt |', '| --- | ---: | ---: |');
    for (const c of cats) out.push(`| ${c} | ${last.byCategory[c].findings} | ${formatMinutes(last.byCategory[c].debtMinutes)} |`);
    out.push('');
  }

  const at = report.attribution;
  out.push(`### Who and what moved it (${mdText(report.scope.label)})`, '');
  out.push(
    `${at.newFindings} new findings (${formatMinutes(at.newDebtMinutes)}), ${at.fixedFindings} fixed (${formatMinutes(at.fixedDebtMinutes)}).${at.unattributedFindings > 0 ? ` ${+at.unattributedFindings.toFixed(2)} new (${formatMinutes(at.unattributedDebtMinutes)}) are on lines no commit of their period touched.` : ''}`,
    '',
  );
  const a = at.assistants;
  if (a.byAssistant.length) {
    out.push('| assistant | commits | new debt |', '| --- | ---: | ---: |');
    for (const x of a.byAssistant) out.push(`| ${mdText(x.name)} | ${x.commits} | ${formatMinutes(x.newDebtMinutes)} |`);
    out.push(`| other commits | ${a.commits - a.assistantCommits} | ${formatMinutes(a.attributedDebtMinutes - a.assistantDebtMinutes)} |`);
    out.push('');
    if (a.assistantMinutesPer1000Lines !== null || a.otherMinutesPer1000Lines !== null) {
      const r = (x: number | null) => (x === null ? 'n/a' : `${rate(x)} min`);
      out.push(`New debt per 1,000 added lines: ${r(a.assistantMinutesPer1000Lines)} in assistant commits, ${r(a.otherMinutesPer1000Lines)} in the others.`, '');
    }
  }
  out.push(...attributionTable('By directory', at.directories, true));
  out.push(...attributionTable('By owner (CODEOWNERS)', at.owners, true));
  if (at.commits.length) {
    out.push('#### By commit', '', '| commit | author | date | subject | assistant | new | new debt |', '| --- | --- | --- | --- | --- | ---: | ---: |');
    for (const c of at.commits) {
      out.push(`| ${mdCode(c.sha.slice(0, 7))} | ${mdText(c.author)} | ${c.date} | ${mdText(c.subject.slice(0, 80))} | ${c.assistant ? mdText(c.assistant) : ''} | ${+c.newFindings.toFixed(2)} | ${formatMinutes(c.newDebtMinutes)} |`);
    }
    out.push('');
  }
  if (report.newFindings.length) {
    out.push('#### Largest new findings', '', '| rule | where | effort | finding |', '| --- | --- | ---: | --- |');
    for (const f of report.newFindings) {
      out.push(`| [${mdText(f.ruleId)}](${docsUrl(f.ruleId)}) | ${mdCode(`${f.file}:${f.line}`)} | ${formatMinutes(f.effortMinutes)} | ${mdMessage(f.message)} |`);
    }
    out.push('');
  }
  out.push(`<sub>plumbline ${mdText(report.tool.version)}, ${mdText(report.window.since.slice(0, 10))} to ${mdText(report.window.until.slice(0, 10))}, generated ${mdText(report.generatedAt.slice(0, 16).replace('T', ' '))} UTC</sub>`);
  return `${out.join('\n')}\n`;
}
