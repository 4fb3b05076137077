import type { OrgReport, OrgWeek } from '../../org/build.js';
import { formatMinutes } from '../minutes.js';
import { htmlText as esc } from '../text-safety.js';

/**
 * `plumbline report --org --format html`: one self-contained page, under the repository report's rules:
 * no script, no font, no image, a Content-Security-Policy that forbids every fetch, the chart inline SVG
 * drawn here, every name from the store through `esc`.
 */
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const signed = (x: number | null) => (x === null ? '–' : `${x > 0 ? '+' : x < 0 ? '−' : ''}${formatMinutes(Math.abs(x))}/week`);

function weeklyChart(weeks: readonly OrgWeek[]): string {
  const W = 760;
  const H = 220;
  const m = { l: 64, r: 16, t: 12, b: 32 };
  const max = Math.max(1, ...weeks.map((w) => w.debtMinutes));
  const x = (i: number) => m.l + (weeks.length < 2 ? (W - m.l - m.r) / 2 : (i * (W - m.l - m.r)) / (weeks.length - 1));
  const y = (v: number) => m.t + (H - m.t - m.b) * (1 - v / max);
  const line = weeks.map((w, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(w.debtMinutes).toFixed(1)}`).join('');
  const dots = weeks
    .map(
      (w, i) =>
        `<circle class="pt" cx="${x(i).toFixed(1)}" cy="${y(w.debtMinutes).toFixed(1)}" r="3"><title>${esc(`${w.week}: ${formatMinutes(w.debtMinutes)}`)}</title></circle>`,
    )
    .join('');
  const labels = weeks
    .map((w, i) =>
      i % Math.max(1, Math.ceil(weeks.length / 8)) === 0
        ? `<text class="xl" x="${x(i).toFixed(1)}" y="${H - 10}" text-anchor="middle">${esc(w.week.slice(5))}</text>`
        : '',
    )
    .join('');
  const axis = `<text class="xl" x="${m.l - 6}" y="${m.t + 10}" text-anchor="end">${esc(formatMinutes(max))}</text><text class="xl" x="${m.l - 6}" y="${H - m.b}" text-anchor="end">0</text>`;
  return `<svg class="chart" data-chart="org-debt" data-points="${weeks.length}" viewBox="0 0 ${W} ${H}" role="img" aria-label="organisation debt per week"><line class="zero" x1="${m.l}" x2="${W - m.r}" y1="${H - m.b}" y2="${H - m.b}"/>${axis}<path class="total" d="${line}"/>${dots}${labels}</svg>`;
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d2330;background:#fff}
main{max-width:1100px;margin:0 auto;padding:24px}h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}.meta{color:#5b6475}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:10px;margin:16px 0}.kpi{background:#f6f8fb;border:1px solid #d9dee7;border-radius:8px;padding:10px 12px}
.kpi b{display:block;font-size:20px}.kpi span{color:#5b6475;font-size:12.5px}.rating{display:inline-block;width:1.6em;text-align:center;border-radius:4px;color:#fff}
.r-A{background:#2e9e5b}.r-B{background:#8bbf3a}.r-C{background:#e0b43a}.r-D{background:#e0813a}.r-E{background:#d04a4a}
svg.chart{width:100%;height:auto;display:block;border:1px solid #d9dee7;border-radius:6px}.zero{stroke:#9aa3b2}.total{fill:none;stroke:#1d2330;stroke-width:1.6}.pt{fill:#1d2330}.xl{font-size:11px;fill:#5b6475}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:13px}th,td{border-bottom:1px solid #d9dee7;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f6f8fb}.num{text-align:right;white-space:nowrap}
footer{margin-top:32px;color:#5b6475;font-size:12px}
`;

function table(head: ReadonlyArray<string | [string]>, rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const th = head.map((h) => (Array.isArray(h) ? `<th class="num">${esc(h[0])}</th>` : `<th>${esc(h)}</th>`)).join('');
  const tr = rows
    .map((r) => `<tr>${r.map((c, i) => (Array.isArray(head[i]) ? `<td class="num">${c}</td>` : `<td>${c}</td>`)).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

/** The organisation's report as one self-contained HTML page. Pure. */
export function formatOrgHtml(report: OrgReport): string {
  const t = report.totals;
  const kpi = (value: string, label: string) => `<div class="kpi"><b>${value}</b><span>${esc(label)}</span></div>`;
  const rating = (r: string | null, stale = false) =>
    r === null
      ? '–'
      : `<span class="rating r-${esc(r)}"${stale ? ' title="rated before the current calibration"' : ''}>${esc(r)}${stale ? '*' : ''}</span>`;
  const parts: string[] = [];
  parts.push(
    `<header><h1>Debt across ${t.repositories} repositor${t.repositories === 1 ? 'y' : 'ies'}</h1><p class="meta">${esc(report.store)} · ${esc(report.window.since.slice(0, 10))} to ${esc(report.window.until.slice(0, 10))}</p></header>`,
  );
  parts.push(
    `<section class="kpis">${kpi(esc(formatMinutes(t.debtMinutes)), `debt over ${t.linesOfCode.toLocaleString('en-US')} lines`)}${kpi(`${rating(t.rating)} ${(t.debtRatio * 100).toFixed(2)}%`, 'rating (debt ratio)')}${kpi(esc(formatMinutes(t.newDebtMinutes)), 'new debt in the window')}${kpi(esc(pct(t.assistantDebtShare)), 'of it from commits with assistant trailers')}</section>`,
  );
  for (const line of [t.ratingLine, ...report.notes]) if (line) parts.push(`<p class="meta">${esc(line)}</p>`);
  if (report.weeks.length) parts.push(`<section><h2>Debt per week</h2>${weeklyChart(report.weeks)}</section>`);
  parts.push(
    `<section><h2>Repositories</h2>${table(
      [
        'repository',
        ['debt'],
        ['ratio'],
        'rating',
        ['trend'],
        ['adoption'],
        ['drift'],
        ['duplicated lines'],
        ['new debt'],
        ['from assistants'],
      ],
      report.repositories.map((r) => [
        `<code>${esc(r.repository)}</code>`,
        esc(formatMinutes(r.debtMinutes)),
        `${(r.debtRatio * 100).toFixed(2)}%`,
        rating(r.rating, r.ratingStale),
        esc(signed(r.debtMinutesPerWeek)),
        esc(pct(r.designSystemAdoption)),
        r.driftIndex.toFixed(2),
        esc(pct(r.duplicatedLinesRatio)),
        esc(formatMinutes(r.newDebtMinutes)),
        esc(pct(r.assistantDebtShare)),
      ]),
    )}</section>`,
  );
  if (report.topRepositories.length || report.topAuthors.length) {
    parts.push('<section><h2>Adding the most debt</h2>');
    if (report.topRepositories.length)
      parts.push(
        table(
          ['repository', ['new debt'], ['trend']],
          report.topRepositories.map((r) => [
            `<code>${esc(r.repository)}</code>`,
            esc(formatMinutes(r.newDebtMinutes)),
            esc(signed(r.debtMinutesPerWeek)),
          ]),
        ),
      );
    if (report.topAuthors.length)
      parts.push(
        table(
          ['commit author', ['repositories'], ['new debt'], ['with an assistant']],
          report.topAuthors.map((a) => [
            esc(a.author),
            String(a.repositories),
            esc(formatMinutes(a.newDebtMinutes)),
            esc(formatMinutes(a.assistantDebtMinutes)),
          ]),
        ),
      );
    parts.push('</section>');
  }
  parts.push(
    `<section><h2>Per week</h2>${table(
      ['week', ['repositories'], ['debt'], ['ratio'], 'rating'],
      report.weeks.map((w) => [
        esc(w.week),
        String(w.repositories),
        esc(formatMinutes(w.debtMinutes)),
        `${(w.debtRatio * 100).toFixed(2)}%`,
        rating(w.rating),
      ]),
    )}</section>`,
  );
  parts.push(`<footer>plumbline ${esc(report.tool.version)} · ${esc(report.generatedAt)}</footer>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; connect-src 'none'; font-src 'none'; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>plumbline: debt across the organisation</title>
<style>${STYLE}</style></head>
<body><main>${parts.join('\n')}</main></body></html>
`;
}
