import type { OrgReport } from '../../org/build.js';
import { ratingText } from '../../trend/rating.js';
import { formatMinutes } from '../minutes.js';
import { markdownText as md } from '../text-safety.js';

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const signed = (x: number | null) => (x === null ? '–' : `${x > 0 ? '+' : x < 0 ? '−' : ''}${formatMinutes(Math.abs(x))}/week`);

/** `plumbline report --org`: the organisation's debt as Markdown for a chat or a wiki; every name escaped. */
export function formatOrgMarkdown(report: OrgReport): string {
  const t = report.totals;
  const out: string[] = [];
  out.push(`# Debt across ${t.repositories} repositor${t.repositories === 1 ? 'y' : 'ies'}`, '');
  out.push(
    `${md(report.store)} · ${report.window.since.slice(0, 10)} to ${report.window.until.slice(0, 10)}`,
    '',
    `- debt ${formatMinutes(t.debtMinutes)} over ${t.linesOfCode.toLocaleString('en-US')} lines: ratio ${(t.debtRatio * 100).toFixed(2)}%, rating ${t.rating ?? '–'}`,
    ...(t.ratingLine ? [`- ${t.ratingLine}`] : []),
    ...report.notes.map((n) => `- ${md(n)}`),
    `- new debt in the window: ${formatMinutes(t.newDebtMinutes)}; from commits with assistant trailers: ${pct(t.assistantDebtShare)}`,
    '',
  );
  out.push('## Repositories', '');
  out.push('| repository | debt | ratio | rating | trend | adoption | drift | duplicated lines | new debt | from assistants |');
  out.push('| --- | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of report.repositories)
    out.push(
      `| ${md(r.repository)} | ${formatMinutes(r.debtMinutes)} | ${(r.debtRatio * 100).toFixed(2)}% | ${ratingText(r)} | ${signed(r.debtMinutesPerWeek)} | ${pct(r.designSystemAdoption)} | ${r.driftIndex.toFixed(2)} | ${pct(r.duplicatedLinesRatio)} | ${formatMinutes(r.newDebtMinutes)} | ${pct(r.assistantDebtShare)} |`,
    );
  out.push('', '## Per week', '', '| week | repositories | debt | ratio | rating |', '| --- | ---: | ---: | ---: | :---: |');
  for (const w of report.weeks)
    out.push(
      `| ${w.week} | ${w.repositories} | ${formatMinutes(w.debtMinutes)} | ${(w.debtRatio * 100).toFixed(2)}% | ${w.rating ?? '–'} |`,
    );
  if (report.topRepositories.length) {
    out.push('', '## Adding the most debt', '', '| repository | new debt | trend |', '| --- | ---: | ---: |');
    for (const r of report.topRepositories)
      out.push(`| ${md(r.repository)} | ${formatMinutes(r.newDebtMinutes)} | ${signed(r.debtMinutesPerWeek)} |`);
  }
  if (report.topAuthors.length) {
    out.push('', '| commit author | repositories | new debt | with an assistant |', '| --- | ---: | ---: | ---: |');
    for (const a of report.topAuthors)
      out.push(`| ${md(a.author)} | ${a.repositories} | ${formatMinutes(a.newDebtMinutes)} | ${formatMinutes(a.assistantDebtMinutes)} |`);
  }
  out.push('', `_plumbline ${report.tool.version}, ${report.generatedAt}_`, '');
  return out.join('\n');
}
