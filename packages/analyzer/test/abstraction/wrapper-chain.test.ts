import { describe, expect, it } from 'vitest';
import { scanFixture, where } from '../abstraction-helpers.js';

describe('wrapper-chain', () => {
  it('reports a chain across 4 files as one finding with depth 4 and all 4 locations, instead of one per link', () => {
    const { findings } = scanFixture('chain-4-files');
    expect(findings.map(where)).toEqual(['wrapper-chain src/hooks/use-invoices.ts:3:17']);
    const [chain] = findings;
    expect(chain!.message).toMatch(/^4 layers: useInvoices -> invoiceService\.load -> invoiceRepo\.find -> db\.query\./);
    expect(chain!.related.map((r) => `${r.file}:${r.line}`)).toEqual([
      'src/hooks/use-invoices.ts:3',
      'src/services/invoice-service.ts:4',
      'src/data/invoice-repo.ts:4',
      'src/db.ts:4',
    ]);
    expect(chain!.effortMinutes).toBe(30);
    expect([chain!.endLine, chain!.endColumn]).toEqual([3, 28]);
  });

  it('follows namespace imports, workspace packages, barrels, instances and `this.<field>` calls, and component chains', () => {
    const { findings } = scanFixture('chain-variants');
    expect(findings.map(where)).toEqual([
      'wrapper-chain apps/web/src/api.ts:5:14',
      'pass-through-function apps/web/src/api.ts:8:17',
      'pass-through-function apps/web/src/api.ts:14:14',
      'wrapper-chain apps/web/src/components/paid-invoice-card.tsx:4:14',
    ]);
    const [orders, , , cards] = findings;
    expect(orders!.message).toMatch(/^4 layers: getOrder -> loadOrder -> repo\.find -> Db\.read\./);
    expect(orders!.related.map((r) => `${r.file}:${r.line}`)).toEqual([
      'apps/web/src/api.ts:5',
      'apps/web/src/orders.ts:5',
      'packages/data/src/orders.ts:11',
      'packages/data/src/orders.ts:2',
    ]);
    expect(cards!.message).toMatch(/^3 layers: PaidInvoiceCard -> InvoiceCard -> Card\./);
    expect(cards!.related.map((r) => `${r.file}:${r.line}`)).toEqual([
      'apps/web/src/components/paid-invoice-card.tsx:4',
      'apps/web/src/components/invoice-card.tsx:4',
      'apps/web/src/components/card.tsx:2',
    ]);
  });

  it('gives the links back to the per-file rules when the chain is shorter than minDepth', () => {
    const { findings } = scanFixture('chain-variants', { 'wrapper-chain': ['warn', { minDepth: 5 }] });
    expect(findings.map(where)).toEqual([
      'pass-through-function apps/web/src/api.ts:5:14',
      'pass-through-function apps/web/src/api.ts:8:17',
      'pass-through-function apps/web/src/api.ts:14:14',
      'pass-through-component apps/web/src/components/invoice-card.tsx:4:17',
      'pass-through-component apps/web/src/components/paid-invoice-card.tsx:4:14',
      'pass-through-function apps/web/src/orders.ts:5:17',
    ]);
  });

  it('keeps the links as per-file findings when the chain rule is off', () => {
    const { findings } = scanFixture('chain-4-files', { 'wrapper-chain': 'off' });
    expect(findings.map(where)).toEqual([
      'pass-through-function src/data/invoice-repo.ts:4:9',
      'pass-through-function src/hooks/use-invoices.ts:3:17',
    ]);
  });
});

describe('point 1: wrappers with a job, and framework-required ones', () => {
  it('stays quiet on every case', () => {
    expect(scanFixture('pass-through-quiet').findings.map(where)).toEqual([]);
  });
});
