import type { OrgReport } from '../../org/build.js';

/** `plumbline report --org --format json`: the report data as it is. */
export function formatOrgJson(report: OrgReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
