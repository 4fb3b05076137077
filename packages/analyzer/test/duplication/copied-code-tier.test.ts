import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCheckSettings, loadConfig } from '@plumbline/core';
import { analyze, workingTreeSource } from '../../src/analyze.js';
import { discoverFiles } from '../../src/discover.js';
import { findingsOf } from '../design-system/fixture.js';

const root = join(import.meta.dirname, '../../../../fixtures/duplication/copied-code-tier');

/** The fixture analysed with copied-code's options (none: the defaults), as `plumbline scan --no-cache` would. */
function copiedCode(options?: Record<string, unknown>) {
  const loaded = loadConfig(root);
  const config = options
    ? { ...loaded, rules: { ...loaded.rules, 'copied-code': ['warn', options] as ['warn', Record<string, unknown>] } }
    : loaded;
  const { files } = discoverFiles(root, config);
  const { settings } = buildCheckSettings(root, config);
  const out = analyze({ root, config, settings, cache: null, source: workingTreeSource(root, files) });
  return {
    out,
    places: findingsOf(out, 'copied-code').map((f) => [f.file, ...f.related.map((r) => r.replace(/:\d+$/, ''))].sort().join(' ')),
  };
}

describe('copied-code: report "confident" (the default) and "all"', () => {
  it('reports by default a whole function copied verbatim in one folder, and 17 lines copied into three files of one folder (34 lines saved)', () => {
    expect(copiedCode().places.sort()).toEqual([
      'src/billing/cart-totals.ts src/billing/refund-totals.ts',
      'src/reports/daily.ts src/reports/monthly.ts src/reports/weekly.ts',
    ]);
  });

  it('leaves a near-miss copy across packages, a small copy across folders and a 20-line function in three folders to report "all"', () => {
    const all = copiedCode({ report: 'all' }).places.sort();
    expect(all).toEqual([
      'packages/invoices/src/pricing.ts packages/orders/src/pricing.ts',
      'src/billing/cart-totals.ts src/billing/refund-totals.ts',
      'src/customers/address.ts src/invoices/address.ts src/shipping/label-address.ts',
      'src/lib/slug.ts src/utils/file-names.ts',
      'src/reports/daily.ts src/reports/monthly.ts src/reports/weekly.ts',
    ]);
    expect(copiedCode({ report: 'confident' }).places).toHaveLength(2);
  });

  it('counts every copy in the duplicated-lines ratio and the rating, whatever it reports', () => {
    const confident = copiedCode().out;
    const all = copiedCode({ report: 'all' }).out;
    expect(confident.result.summary.duplicatedLinesRatio).toBe(all.result.summary.duplicatedLinesRatio);
    expect(confident.result.summary.rated).toEqual(all.result.summary.rated);
    const metrics = (o: typeof all) => o.result.metrics['copied-code'] as { linesInCopies: number };
    expect(metrics(confident).linesInCopies).toBe(metrics(all).linesInCopies);
  });
});
