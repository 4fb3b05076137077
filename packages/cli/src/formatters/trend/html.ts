import { CATEGORIES, docsUrl, hoursPer10k, RATINGS } from '@plumbline/core';
import type { Category } from '@plumbline/core';
import type { AttributionRow, TrendPoint, TrendReport } from '../../trend/index.js';
import { ratingText } from '../../trend/rating.js';
import { formatMinutes } from '../minutes.js';
import { htmlText as esc } from '../text-safety.js';
import { headline, pct, periodWord, rate, signedMinutes } from './headline.js';

/**
 * `plumbline report --format html`: one self-contained file. No scripts, no fonts, no images from
 * anywhere: the charts are inline SVG drawn here, the page's Content-Security-Policy forbids every
 * fetch, and every piece of text that comes from the repository (paths, messages, names, subjects)
 * goes through `esc` (text-safety's htmlText).
 */

const CATEGORY_COLORS: Record<Category, string> = {
  duplication: '#7c5cbf',
  'magic-value': '#e0913a',
  abstraction: '#3a86c8',
  drift: '#d05a6e',
  'design-system': '#3aa57a',
};
const BAND_COLORS = ['#e3f4e8', '#eef6da', '#fbf1d3', '#fbe3d0', '#f7d6d6'];

const W = 760;
const H = 240;
const M = { l: 64, r: 56, t: 14, b: 40 };
const PW = W - M.l - M.r;
const PH = H - M.t - M.b;

const f1 = (n: number) => (Math.round(n * 10) / 10).toString();

/** A round upper bound for an axis. */
function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function xAt(i: number, n: number): number {
  return n <= 1 ? M.l + PW / 2 : M.l + (i * PW) / (n - 1);
}

function yAt(v: number, max: number): number {
  return M.t + PH - (Math.max(0, v) / max) * PH;
}

/** x-axis labels: at most 8, always the last. */
function xLabels(points: readonly TrendPoint[]): string {
  const n = points.length;
  const step = Math.max(1, Math.ceil(n / 8));
  const out: string[] = [];
  points.forEach((p, i) => {
    if (i % step !== 0 && i !== n - 1) return;
    if (i !== n - 1 && n - 1 - i < step / 2) return;
    out.push(`<text class="xl" x="${f1(xAt(i, n))}" y="${H - M.b + 16}" text-anchor="middle">${esc(p.label.slice(0, 10))}</text>`);
  });
  return out.join('');
}

function yAxis(max: number, format: (v: number) => string, side: 'left' | 'right' = 'left'): string {
  const out: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    const y = yAt(v, max);
    if (side === 'left') {
      out.push(`<line class="grid" x1="${M.l}" x2="${W - M.r}" y1="${f1(y)}" y2="${f1(y)}"/>`);
      out.push(`<text class="yl" x="${M.l - 6}" y="${f1(y + 4)}" text-anchor="end">${esc(format(v))}</text>`);
    } else {
      out.push(`<text class="yl" x="${W - M.r + 6}" y="${f1(y + 4)}" text-anchor="start">${esc(format(v))}</text>`);
    }
  }
  return out.join('');
}

function svg(chart: string, points: number, label: string, body: string): string {
  return `<svg class="chart" data-chart="${chart}" data-points="${points}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}" xmlns="http://www.w3.org/2000/svg">${body}</svg>`;
}

function legend(items: ReadonlyArray<{ color: string; label: string; dashed?: boolean }>): string {
  return `<div class="legend">${items
    .map((i) => `<span><i style="background:${i.color}${i.dashed ? ';opacity:.6' : ''}"></i>${esc(i.label)}</span>`)
    .join('')}</div>`;
}

/** Debt over time, stacked by category, with a marker per snapshot on the total. */
function debtChart(points: readonly TrendPoint[]): string {
  const n = points.length;
  const max = niceMax(Math.max(...points.map((p) => p.debtMinutes), 1));
  const cats = CATEGORIES.filter((c) => points.some((p) => p.byCategory[c].debtMinutes > 0));
  const base = points.map(() => 0);
  const layers: string[] = [];
  for (const c of cats) {
    const top = points.map((p, i) => base[i]! + p.byCategory[c].debtMinutes);
    const upper = top.map((v, i) => `${f1(xAt(i, n))},${f1(yAt(v, max))}`);
    const lower = base.map((v, i) => `${f1(xAt(i, n))},${f1(yAt(v, max))}`).reverse();
    layers.push(
      `<polygon class="area" data-category="${c}" fill="${CATEGORY_COLORS[c]}" points="${[...upper, ...lower].join(' ')}"><title>${esc(c)}</title></polygon>`,
    );
    top.forEach((v, i) => (base[i] = v));
  }
  const line = points.map((p, i) => `${f1(xAt(i, n))},${f1(yAt(p.debtMinutes, max))}`).join(' ');
  const dots = points
    .map(
      (p, i) =>
        `<circle class="pt" cx="${f1(xAt(i, n))}" cy="${f1(yAt(p.debtMinutes, max))}" r="3.5"><title>${esc(`${p.label}: ${formatMinutes(p.debtMinutes)}, ${p.findings} findings (${p.commit.slice(0, 7)})`)}</title></circle>`,
    )
    .join('');
  const body = `${yAxis(max, (v) => formatMinutes(v))}${layers.join('')}<polyline class="total" points="${line}"/>${dots}${xLabels(points)}`;
  return svg('debt', n, 'Debt over time, stacked by category', body) + legend(cats.map((c) => ({ color: CATEGORY_COLORS[c], label: c })));
}

/** Hours of rated debt per 10k lines over the population's bands A to E (points without a rated density are left out). */
function ratingChart(points: readonly TrendPoint[], calibration: TrendReport['calibration']): string {
  const n = points.length;
  const cuts = calibration.cuts.map(hoursPer10k);
  const rated = points
    .map((p, i) => ({ p, i, h: p.ratedDensity === null ? null : hoursPer10k(p.ratedDensity) }))
    .filter((x) => x.h !== null);
  const max = niceMax(Math.max(...rated.map((x) => x.h!), cuts[3]!) * 1.2);
  const bands: string[] = [];
  const limits = [...cuts, Infinity];
  limits.forEach((upperCut, k) => {
    const lower = k === 0 ? 0 : cuts[k - 1]!;
    if (lower >= max) return;
    const y1 = yAt(Math.min(upperCut, max), max);
    const y2 = yAt(lower, max);
    const r = RATINGS[k]!;
    bands.push(
      `<rect class="band" data-rating="${r}" x="${M.l}" y="${f1(y1)}" width="${PW}" height="${f1(y2 - y1)}" fill="${BAND_COLORS[k]}"/>`,
    );
    bands.push(`<text class="band-label" x="${W - M.r + 8}" y="${f1((y1 + y2) / 2 + 4)}">${r}</text>`);
  });
  const line = rated.map(({ i, h }) => `${f1(xAt(i, n))},${f1(yAt(h!, max))}`).join(' ');
  const dots = rated
    .map(
      ({ p, i, h }) =>
        `<circle class="pt" data-rating="${p.rating}" cx="${f1(xAt(i, n))}" cy="${f1(yAt(h!, max))}" r="3.5"><title>${esc(`${p.label}: ${h!.toFixed(1)} h per 10k lines, rating ${p.rating}`)}</title></circle>`,
    )
    .join('');
  const body = `${bands.join('')}${yAxis(max, (v) => `${v.toFixed(v < 10 ? 1 : 0)} h`)}<polyline class="ratio" points="${line}"/>${dots}${xLabels(points)}`;
  return (
    svg('rating', rated.length, 'Rated debt per 10k lines and rating bands', body) +
    `<p class="muted">Bands: where the rated debt falls among the ${calibration.population} reference repositories of calibration ${esc(calibration.version)} (A = best fifth ... E = worst fifth).${rated.length < n ? ` ${n - rated.length} snapshot${n - rated.length === 1 ? ' was' : 's were'} stored without a rated debt and ${n - rated.length === 1 ? 'is' : 'are'} not drawn.` : ''}</p>`
  );
}

/** Duplicated lines (lines inside copied code ÷ lines of code, GitClear's figure) per period. */
function duplicationChart(points: readonly TrendPoint[]): string {
  const n = points.length;
  const pts = points.map((p, i) => ({ p, i })).filter((x) => x.p.duplicatedLinesRatio !== null);
  const max = Math.min(1, niceMax(Math.max(...pts.map((x) => x.p.duplicatedLinesRatio!), 0.01) * 1.2));
  const line = pts.map(({ p, i }) => `${f1(xAt(i, n))},${f1(yAt(p.duplicatedLinesRatio!, max))}`).join(' ');
  const dots = pts
    .map(
      ({ p, i }) =>
        `<circle class="pt" cx="${f1(xAt(i, n))}" cy="${f1(yAt(p.duplicatedLinesRatio!, max))}" r="3.5"><title>${esc(`${p.label}: ${(p.duplicatedLinesRatio! * 100).toFixed(2)}% of lines duplicated`)}</title></circle>`,
    )
    .join('');
  const body = `${yAxis(max, (v) => `${(v * 100).toFixed(v * 100 < 10 ? 1 : 0)}%`)}<polyline class="ratio" points="${line}"/>${dots}${xLabels(points)}`;
  return svg('duplicated-lines', pts.length, 'Duplicated lines, share of lines of code', body);
}

/** New debt (up) and fixed debt (down) per period. */
function newFixedChart(points: readonly TrendPoint[]): string {
  const n = points.length;
  const changed = points.map((p, i) => ({ p, i })).filter((x) => x.p.change !== null);
  const max = niceMax(Math.max(1, ...changed.flatMap((x) => [x.p.change!.newDebtMinutes, x.p.change!.fixedDebtMinutes])));
  const mid = M.t + PH / 2;
  const half = PH / 2;
  const bw = Math.max(3, Math.min(24, (PW / Math.max(n, 2)) * 0.6));
  const bars = changed.map(({ p, i }) => {
    const c = p.change!;
    const x = xAt(i, n) - bw / 2;
    const hn = (c.newDebtMinutes / max) * half;
    const hf = (c.fixedDebtMinutes / max) * half;
    return (
      `<rect class="new" x="${f1(x)}" y="${f1(mid - hn)}" width="${f1(bw)}" height="${f1(hn)}"><title>${esc(`${p.label}: ${c.newFindings} new, ${formatMinutes(c.newDebtMinutes)}`)}</title></rect>` +
      `<rect class="fixed" x="${f1(x)}" y="${f1(mid)}" width="${f1(bw)}" height="${f1(hf)}"><title>${esc(`${p.label}: ${c.fixedFindings} fixed, ${formatMinutes(c.fixedDebtMinutes)}`)}</title></rect>`
    );
  });
  const axis = [
    `<line class="grid" x1="${M.l}" x2="${W - M.r}" y1="${f1(M.t)}" y2="${f1(M.t)}"/>`,
    `<line class="zero" x1="${M.l}" x2="${W - M.r}" y1="${f1(mid)}" y2="${f1(mid)}"/>`,
    `<line class="grid" x1="${M.l}" x2="${W - M.r}" y1="${f1(M.t + PH)}" y2="${f1(M.t + PH)}"/>`,
    `<text class="yl" x="${M.l - 6}" y="${f1(M.t + 4)}" text-anchor="end">+${esc(formatMinutes(max))}</text>`,
    `<text class="yl" x="${M.l - 6}" y="${f1(mid + 4)}" text-anchor="end">0</text>`,
    `<text class="yl" x="${M.l - 6}" y="${f1(M.t + PH + 4)}" text-anchor="end">−${esc(formatMinutes(max))}</text>`,
  ].join('');
  return (
    svg('new-fixed', changed.length, 'New and fixed debt per period', `${axis}${bars.join('')}${xLabels(points)}`) +
    legend([
      { color: '#d05a5a', label: 'new debt' },
      { color: '#3aa57a', label: 'fixed debt' },
    ])
  );
}

/** Design-system adoption (left axis, %) and the drift index (right axis). */
function adoptionDriftChart(points: readonly TrendPoint[]): string {
  const n = points.length;
  const hasAdoption = points.some((p) => p.designSystemAdoption !== null);
  const maxDrift = niceMax(Math.max(...points.map((p) => p.driftIndex), 0) || 1);
  const parts: string[] = [
    yAxis(1, (v) => `${Math.round(v * 100)}%`),
    yAxis(maxDrift, (v) => v.toFixed(Math.max(2, 1 - Math.floor(Math.log10(maxDrift)))), 'right'),
  ];
  if (hasAdoption) {
    const pts = points.map((p, i) => ({ p, i })).filter((x) => x.p.designSystemAdoption !== null);
    parts.push(
      `<polyline class="adoption" points="${pts.map(({ p, i }) => `${f1(xAt(i, n))},${f1(yAt(p.designSystemAdoption!, 1))}`).join(' ')}"/>`,
    );
    parts.push(
      ...pts.map(
        ({ p, i }) =>
          `<circle class="pt-adoption" cx="${f1(xAt(i, n))}" cy="${f1(yAt(p.designSystemAdoption!, 1))}" r="3"><title>${esc(`${p.label}: adoption ${(p.designSystemAdoption! * 100).toFixed(1)}%`)}</title></circle>`,
      ),
    );
  }
  parts.push(`<polyline class="drift" points="${points.map((p, i) => `${f1(xAt(i, n))},${f1(yAt(p.driftIndex, maxDrift))}`).join(' ')}"/>`);
  parts.push(
    ...points.map(
      (p, i) =>
        `<circle class="pt-drift" cx="${f1(xAt(i, n))}" cy="${f1(yAt(p.driftIndex, maxDrift))}" r="3"><title>${esc(`${p.label}: drift index ${p.driftIndex.toFixed(3)}`)}</title></circle>`,
    ),
  );
  parts.push(xLabels(points));
  return (
    svg('adoption-drift', n, 'Design-system adoption and drift index', parts.join('')) +
    legend([
      ...(hasAdoption ? [{ color: '#3aa57a', label: 'design-system adoption (left axis)' }] : []),
      { color: '#d05a6e', label: 'drift index (right axis)' },
    ]) +
    (hasAdoption ? '' : '<p class="muted">No design-system adoption measured (no design system configured or detected).</p>')
  );
}

/** Horizontal bars of new debt per row (directories, owners, commits). */
function barChart(chart: string, rows: ReadonlyArray<{ label: string; minutes: number; title: string }>): string {
  if (rows.length === 0) return '<p class="muted">No new debt in this scope.</p>';
  const rowH = 22;
  const height = rows.length * rowH + 8;
  const labelW = 220;
  const max = Math.max(...rows.map((r) => r.minutes), 1);
  const body = rows
    .map((r, k) => {
      const y = 4 + k * rowH;
      const w = Math.max(1, (r.minutes / max) * (W - labelW - 90));
      const label = r.label.length > 34 ? `…${r.label.slice(-33)}` : r.label;
      return (
        `<text class="bar-label" x="${labelW - 8}" y="${y + 15}" text-anchor="end">${esc(label)}</text>` +
        `<rect class="bar" x="${labelW}" y="${y + 3}" width="${f1(w)}" height="${rowH - 8}"><title>${esc(r.title)}</title></rect>` +
        `<text class="bar-value" x="${f1(labelW + w + 6)}" y="${y + 15}">${esc(formatMinutes(r.minutes))}</text>`
      );
    })
    .join('');
  return `<svg class="chart bars" data-chart="${chart}" data-points="${rows.length}" viewBox="0 0 ${W} ${height}" role="img" aria-label="${esc(chart)}" xmlns="http://www.w3.org/2000/svg">${body}</svg>`;
}

function rowsTable(rows: readonly AttributionRow[], first: string): string {
  if (rows.length === 0) return '';
  return `<table><thead><tr><th>${esc(first)}</th><th class="num">new</th><th class="num">new debt</th><th class="num">fixed</th><th class="num">fixed debt</th></tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr><td><code>${esc(r.name)}</code></td><td class="num">${+r.newFindings.toFixed(2)}</td><td class="num">${esc(formatMinutes(r.newDebtMinutes))}</td><td class="num">${+r.fixedFindings.toFixed(2)}</td><td class="num">${esc(formatMinutes(r.fixedDebtMinutes))}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

const STYLE = `
:root{color-scheme:light;--fg:#1d2330;--muted:#5b6475;--line:#d9dee7;--bg:#fff;--card:#f6f8fb}
*{box-sizing:border-box}body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:980px;margin:0 auto;padding:24px}h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:32px 0 8px}h3{font-size:15px;margin:20px 0 6px}
.meta,.muted{color:var(--muted)}code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--card);padding:1px 4px;border-radius:3px;word-break:break-all}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:10px;margin:16px 0}.kpi{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.kpi b{display:block;font-size:20px}.kpi span{color:var(--muted);font-size:12.5px}.rating{display:inline-block;width:1.6em;text-align:center;border-radius:4px;color:#fff}
.r-A{background:#2e9e5b}.r-B{background:#8bbf3a}.r-C{background:#e0b43a}.r-D{background:#e0813a}.r-E{background:#d04a4a}
ul.headline{padding-left:18px}.notes{background:#fff6e0;border:1px solid #f0d48a;border-radius:6px;padding:8px 12px 8px 28px}
svg.chart{width:100%;height:auto;display:block;background:#fff;border:1px solid var(--line);border-radius:6px}
.grid{stroke:#e8ebf1;stroke-width:1}.zero{stroke:#9aa3b2;stroke-width:1}.xl,.yl,.band-label,.bar-label,.bar-value{font-size:11px;fill:var(--muted)}
.band-label{font-weight:600}.area{opacity:.85}.total,.ratio{fill:none;stroke:#1d2330;stroke-width:1.6}.pt{fill:#1d2330}
.adoption{fill:none;stroke:#3aa57a;stroke-width:2}.drift{fill:none;stroke:#d05a6e;stroke-width:2;stroke-dasharray:5 3}.pt-adoption{fill:#3aa57a}.pt-drift{fill:#d05a6e}
rect.new{fill:#d05a5a}rect.fixed{fill:#3aa57a}rect.bar{fill:#3a86c8}
.legend{display:flex;flex-wrap:wrap;gap:14px;margin:6px 0 0;font-size:12.5px;color:var(--muted)}.legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-1px}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:13px}th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}th{background:var(--card)}.num{text-align:right;white-space:nowrap}
footer{margin-top:32px;color:var(--muted);font-size:12px}
`;

/** The report as one self-contained HTML page. Pure. */
export function formatReportHtml(report: TrendReport): string {
  const points = report.points;
  const last = points[points.length - 1];
  const word = periodWord(report);
  const at = report.attribution;
  const a = at.assistants;
  const kpi = (value: string, label: string) => `<div class="kpi"><b>${value}</b><span>${esc(label)}</span></div>`;
  const parts: string[] = [];
  parts.push(
    `<header><h1>Debt trend of <code>${esc(report.ref)}</code></h1><p class="meta">${esc(report.root)} · ${points.length} snapshots, every ${esc(report.window.every)}, ${esc(report.window.since.slice(0, 10))} to ${esc(report.window.until.slice(0, 10))}</p></header>`,
  );
  if (last) {
    const c = report.rate.lastChange;
    parts.push('<section class="kpis">');
    parts.push(kpi(esc(formatMinutes(last.debtMinutes)), `debt at ${last.commit.slice(0, 7)} (${last.findings} findings)`));
    parts.push(
      kpi(
        `<span class="rating r-${last.rating}">${ratingText(last)}</span> ${last.ratedDensity === null ? '' : `${hoursPer10k(last.ratedDensity).toFixed(1)} h`}`,
        `rating (rated debt per 10k lines; debt ratio ${(last.debtRatio * 100).toFixed(2)}%)`,
      ),
    );
    if (c)
      parts.push(
        kpi(
          esc(`${signedMinutes(c.debtMinutes)}${c.percent === null ? '' : ` (${c.percent > 0 ? '+' : ''}${c.percent}%)`}`),
          word === 'week' ? 'week over week' : `since the previous ${word}`,
        ),
      );
    if (report.rate.debtMinutesPerWeek !== null)
      parts.push(kpi(esc(signedMinutes(report.rate.debtMinutesPerWeek)), 'accumulation per week (least squares)'));
    if (report.rate.newCode.minutesPer1000Lines !== null)
      parts.push(kpi(esc(`${rate(report.rate.newCode.minutesPer1000Lines)} min`), 'new debt per 1,000 added lines'));
    if (a.debtShare !== null)
      parts.push(kpi(esc(`${pct(a.debtShare)} / ${pct(a.commitShare)}`), 'assistant commits: share of new debt / of commits'));
    parts.push('</section>');
  }
  parts.push(
    `<ul class="headline">${headline(report)
      .map((l) => `<li>${esc(l)}</li>`)
      .join('')}</ul>`,
  );
  if (report.notes.length) parts.push(`<ul class="notes">${report.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`);
  if (points.length) {
    parts.push(`<section><h2>Debt over time, by category</h2>${debtChart(points)}</section>`);
    parts.push(
      `<section><h2>Rating: rated debt per 10k lines against the population</h2>${ratingChart(points, report.calibration)}</section>`,
    );
    if (points.some((p) => p.duplicatedLinesRatio !== null))
      parts.push(`<section><h2>Duplicated lines</h2>${duplicationChart(points)}</section>`);
    parts.push(`<section><h2>New and fixed debt per ${esc(word)}</h2>${newFixedChart(points)}</section>`);
    parts.push(`<section><h2>Design-system adoption and drift index</h2>${adoptionDriftChart(points)}</section>`);
  }

  parts.push(`<section><h2>Who and what added debt <span class="muted">(${esc(report.scope.label)})</span></h2>`);
  parts.push(
    `<p>${at.newFindings} new findings (${esc(formatMinutes(at.newDebtMinutes))}), ${at.fixedFindings} fixed (${esc(formatMinutes(at.fixedDebtMinutes))}).${at.unattributedFindings > 0 ? ` ${+at.unattributedFindings.toFixed(2)} new (${esc(formatMinutes(at.unattributedDebtMinutes))}) sit on lines no commit of their period touched.` : ''}</p>`,
  );
  if (a.byAssistant.length) {
    parts.push(
      `<table><thead><tr><th>assistant</th><th class="num">commits</th><th class="num">new debt</th></tr></thead><tbody>${a.byAssistant
        .map(
          (x) =>
            `<tr><td>${esc(x.name)}</td><td class="num">${x.commits}</td><td class="num">${esc(formatMinutes(x.newDebtMinutes))}</td></tr>`,
        )
        .join(
          '',
        )}<tr><td>other commits</td><td class="num">${a.commits - a.assistantCommits}</td><td class="num">${esc(formatMinutes(a.attributedDebtMinutes - a.assistantDebtMinutes))}</td></tr></tbody></table>`,
    );
  }
  parts.push(
    `<h3>Directories</h3>${barChart(
      'directories',
      at.directories
        .filter((r) => r.newDebtMinutes > 0)
        .map((r) => ({ label: r.name, minutes: r.newDebtMinutes, title: `${r.name}: ${r.newFindings} new` })),
    )}${rowsTable(at.directories, 'directory')}`,
  );
  parts.push(
    `<h3>Owners (CODEOWNERS)</h3>${barChart(
      'owners',
      at.owners
        .filter((r) => r.newDebtMinutes > 0)
        .map((r) => ({ label: r.name, minutes: r.newDebtMinutes, title: `${r.name}: ${r.newFindings} new` })),
    )}${rowsTable(at.owners, 'owner')}`,
  );
  parts.push(
    `<h3>Commits</h3>${barChart(
      'commits',
      at.commits.map((c) => ({
        label: `${c.sha.slice(0, 7)} ${c.author}`,
        minutes: c.newDebtMinutes,
        title: `${c.sha.slice(0, 7)} ${c.author}: ${c.subject}`,
      })),
    )}`,
  );
  if (at.commits.length) {
    parts.push(
      `<table><thead><tr><th>commit</th><th>author</th><th>date</th><th>subject</th><th>assistant</th><th class="num">new</th><th class="num">new debt</th></tr></thead><tbody>${at.commits
        .map(
          (c) =>
            `<tr><td><code>${esc(c.sha.slice(0, 7))}</code></td><td>${esc(c.author)}</td><td>${esc(c.date)}</td><td>${esc(c.subject)}</td><td>${c.assistant ? esc(c.assistant) : ''}</td><td class="num">${+c.newFindings.toFixed(2)}</td><td class="num">${esc(formatMinutes(c.newDebtMinutes))}</td></tr>`,
        )
        .join('')}</tbody></table>`,
    );
  }
  parts.push('</section>');
  if (report.newFindings.length) {
    parts.push(
      `<section><h2>Largest new findings</h2><table><thead><tr><th>rule</th><th>where</th><th>${esc(word)}</th><th class="num">effort</th><th>finding</th></tr></thead><tbody>${report.newFindings
        .map(
          (f) =>
            `<tr><td><a href="${esc(docsUrl(f.ruleId))}">${esc(f.ruleId)}</a></td><td><code>${esc(`${f.file}:${f.line}`)}</code></td><td>${esc(f.period)}</td><td class="num">${esc(formatMinutes(f.effortMinutes))}</td><td>${esc(f.message)}</td></tr>`,
        )
        .join('')}</tbody></table></section>`,
    );
  }
  if (points.length) {
    parts.push(
      `<section><h2>Snapshots</h2><table><thead><tr><th>${word === 'period' ? 'snapshot' : `${esc(word)} of`}</th><th>commit</th><th class="num">debt</th><th>rating</th><th class="num">ratio</th><th class="num">duplicated</th><th class="num">new</th><th class="num">fixed</th><th class="num">findings</th><th class="num">lines of code</th></tr></thead><tbody>${points
        .map(
          (p) =>
            `<tr><td>${esc(p.label)}</td><td><code>${esc(p.commit.slice(0, 7))}</code></td><td class="num">${esc(formatMinutes(p.debtMinutes))}</td><td><span class="rating r-${p.rating}">${ratingText(p)}</span></td><td class="num">${(p.debtRatio * 100).toFixed(2)}%</td><td class="num">${p.duplicatedLinesRatio === null ? '' : `${(p.duplicatedLinesRatio * 100).toFixed(1)}%`}</td><td class="num">${p.change ? p.change.newFindings : ''}</td><td class="num">${p.change ? p.change.fixedFindings : ''}</td><td class="num">${p.findings}</td><td class="num">${p.linesOfCode}</td></tr>`,
        )
        .join('')}</tbody></table></section>`,
    );
  }
  parts.push(`<footer>plumbline ${esc(report.tool.version)} · generated ${esc(report.generatedAt)}</footer>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>plumbline debt trend: ${esc(report.ref)}</title>
<style>${STYLE}</style>
</head>
<body><main>
${parts.join('\n')}
</main></body>
</html>
`;
}
