import type { TrendReport } from '../../trend/index.js';

/**
 * `plumbline report --format json` and `trend --format json`: the report data as it is (kind
 * `plumbline-trend`, schemaVersion 1), the same data the Markdown and HTML reports render.
 */
export function formatReportJson(report: TrendReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
