import { CATEGORIES, docsUrl } from '@plumbline/core';
import type { AttributionRow, TrendPoint, TrendReport } from '../../trend/index.js';
import { formatMinutes } from '../minutes.js';
import { markdownCode, markdownMessage, markdownText } from '../text-safety.js';
import { ratingText } from '../../trend/rating.js';
import { headline, periodWord, rate } from './headline.js';

/**
 * `plumbline report --format markdown`: the trend report for a chat post, a pull request or an issue.
 * (The check summary's Markdown is formatters/check/markdown.ts.)
 */

/** Options of the Markdown report. */
export interface ReportMarkdownOptions {
  /** periods listed in the table, newest last (default 12; the sparkline shows them all) */
  maxRows?: number;
}

const SPARKS = '▁▂▃▄▅▆▇█';
/** A one-line chart of a series. */
export function sparkline(values: readonly number[]): string {
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  return values.map((v) => SPARKS[max === min ? 3 : Math.round(((v - min) / (max - min)) * (SPARKS.length - 1))]).join('');
}

function attributionTable(title: string, rows: readonly AttributionRow[], asCode: boolean): string[] {
  if (rows.length === 0) return [];
  const out = [`#### ${title}`, '', '| | new | new debt | fixed | fixed debt |', '| --- | ---: | ---: | ---: | ---: |'];
  for (const r of rows) {
    const name = asCode && !r.name.startsWith('(') ? markdownCode(r.name) : markdownText(r.name);
    out.push(
      `| ${name} | ${+r.newFindings.toFixed(2)} | ${formatMinutes(r.newDebtMinutes)} | ${+r.fixedFindings.toFixed(2)} | ${formatMinutes(r.fixedDebtMinutes)} |`,
    );
  }
  out.push('');
  return out;
}

function pointRow(p: TrendPoint): string {
  const c = p.change;
  return `| ${markdownText(p.label)} | ${markdownCode(p.commit.slice(0, 7))} | ${formatMinutes(p.debtMinutes)} | ${ratingText(p)} | ${(p.debtRatio * 100).toFixed(2)}% | ${p.duplicatedLinesRatio === null ? '' : `${(p.duplicatedLinesRatio * 100).toFixed(1)}%`} | ${c ? c.newFindings : ''} | ${c ? c.fixedFindings : ''} | ${p.findings} | ${p.linesOfCode} |`;
}

/** The report as Markdown: for a chat post, a pull request or an issue. Pure. */
export function formatReportMarkdown(report: TrendReport, options: ReportMarkdownOptions = {}): string {
  const maxRows = options.maxRows ?? 12;
  const word = periodWord(report);
  const out: string[] = [];
  out.push(
    `## plumbline debt trend: ${markdownCode(report.ref)}, ${report.points.length} snapshots (every ${markdownText(report.window.every)})`,
    '',
  );
  for (const line of headline(report)) out.push(`- ${line.replace(/^([^:]+): /, '**$1**: ')}`);
  out.push('');
  for (const n of report.notes) out.push(`> ⚠️ ${markdownText(n)}`, '');
  if (report.points.length === 0) return `${out.join('\n')}\n`;

  out.push(`### Debt per ${word}`, '');
  out.push(
    `Debt ${sparkline(report.points.map((p) => p.debtMinutes))} (${report.points[0]!.label} → ${report.points[report.points.length - 1]!.label})`,
    '',
  );
  out.push(
    `| ${word === 'period' ? 'snapshot' : `${word} of`} | commit | debt | rating | ratio | duplicated lines | new | fixed | findings | lines of code |`,
  );
  out.push('| --- | --- | ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const shown = report.points.slice(-maxRows);
  if (shown.length < report.points.length) out.push(`| … ${report.points.length - shown.length} earlier | | | | | | | | | |`);
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
  out.push(`### Who and what moved it (${markdownText(report.scope.label)})`, '');
  out.push(
    `${at.newFindings} new findings (${formatMinutes(at.newDebtMinutes)}), ${at.fixedFindings} fixed (${formatMinutes(at.fixedDebtMinutes)}).${at.unattributedFindings > 0 ? ` ${+at.unattributedFindings.toFixed(2)} new (${formatMinutes(at.unattributedDebtMinutes)}) are on lines no commit of their period touched.` : ''}`,
    '',
  );
  const a = at.assistants;
  if (a.byAssistant.length) {
    out.push('| assistant | commits | new debt |', '| --- | ---: | ---: |');
    for (const x of a.byAssistant) out.push(`| ${markdownText(x.name)} | ${x.commits} | ${formatMinutes(x.newDebtMinutes)} |`);
    out.push(`| other commits | ${a.commits - a.assistantCommits} | ${formatMinutes(a.attributedDebtMinutes - a.assistantDebtMinutes)} |`);
    out.push('');
    if (a.assistantMinutesPer1000Lines !== null || a.otherMinutesPer1000Lines !== null) {
      const r = (x: number | null) => (x === null ? 'n/a' : `${rate(x)} min`);
      out.push(
        `New debt per 1,000 added lines: ${r(a.assistantMinutesPer1000Lines)} in assistant commits, ${r(a.otherMinutesPer1000Lines)} in the others.`,
        '',
      );
    }
  }
  out.push(...attributionTable('By directory', at.directories, true));
  out.push(...attributionTable('By owner (CODEOWNERS)', at.owners, true));
  if (at.commits.length) {
    out.push(
      '#### By commit',
      '',
      '| commit | author | date | subject | assistant | new | new debt |',
      '| --- | --- | --- | --- | --- | ---: | ---: |',
    );
    for (const c of at.commits) {
      out.push(
        `| ${markdownCode(c.sha.slice(0, 7))} | ${markdownText(c.author)} | ${c.date} | ${markdownText(c.subject.slice(0, 80))} | ${c.assistant ? markdownText(c.assistant) : ''} | ${+c.newFindings.toFixed(2)} | ${formatMinutes(c.newDebtMinutes)} |`,
      );
    }
    out.push('');
  }
  if (report.newFindings.length) {
    out.push('#### Largest new findings', '', '| rule | where | effort | finding |', '| --- | --- | ---: | --- |');
    for (const f of report.newFindings) {
      out.push(
        `| [${markdownText(f.ruleId)}](${docsUrl(f.ruleId)}) | ${markdownCode(`${f.file}:${f.line}`)} | ${formatMinutes(f.effortMinutes)} | ${markdownMessage(f.message)} |`,
      );
    }
    out.push('');
  }
  out.push(
    `<sub>plumbline ${markdownText(report.tool.version)}, ${markdownText(report.window.since.slice(0, 10))} to ${markdownText(report.window.until.slice(0, 10))}, generated ${markdownText(report.generatedAt.slice(0, 16).replace('T', ' '))} UTC</sub>`,
  );
  return `${out.join('\n')}\n`;
}
