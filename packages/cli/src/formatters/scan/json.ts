import type { ScanResult } from '@plumbline/core';

/** `plumbline scan --format json` (and `merge`): the JSON contract, schemaVersion 1 (packages/core/schema/scan-output.schema.json). */
export function formatJson(result: ScanResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
