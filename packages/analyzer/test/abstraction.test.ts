import { describe, expect, it } from 'vitest';
import { scanFixture, where } from './abstraction-helpers.js';

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

describe('single-implementation', () => {
  it('reports interfaces and abstract classes with one implementation, not public, doubled, extended, data-only or error ones', () => {
    const { findings } = scanFixture('single-implementation');
    expect(findings.map(where)).toEqual([
      'single-implementation apps/app/src/contracts.ts:20:18',
      'single-implementation apps/app/src/jobs.ts:1:23',
      'single-implementation apps/app/src/payments.ts:1:18',
    ]);
    expect(findings.map((f) => f.related.map((r) => `${r.file}:${r.line}`))).toEqual([
      ['apps/app/src/impls.ts:11'],
      ['apps/app/src/jobs.ts:9'],
      ['apps/app/src/payments.ts:5'],
    ]);
  });
});

describe('one-use-factory', () => {
  it('reports factories and builders used once that always build one project class', () => {
    const { findings } = scanFixture('one-use-factory');
    expect(findings.map(where)).toEqual(['one-use-factory src/services.ts:14:17', 'one-use-factory src/services.ts:41:14']);
    expect(findings.map((f) => f.related.map((r) => `${r.file}:${r.line}`))).toEqual([
      ['src/main.ts:7', 'src/services.ts:3'],
      ['src/main.ts:11', 'src/services.ts:37'],
    ]);
  });
});

describe('one-use-factory through re-exports', () => {
  it('counts the uses that reach a factory through barrels, aliases, export *, namespace imports and named imports of export * as', () => {
    const { findings } = scanFixture('one-use-factory-barrels');
    // two uses each: createMailer (by name, and as makeMailer of a barrel), createCache (through export *, and as
    // all.createCache), createQueue (by name, and as factories.createQueue of `export * as factories`)
    const found = findings.filter((f) => f.ruleId === 'one-use-factory');
    expect(found.map(where)).toEqual(['one-use-factory src/factory.ts:17:17', 'one-use-factory src/factory.ts:40:17']);
    expect(found[0]!.related.map((r) => `${r.file}:${r.line}`)).toEqual(['src/c.ts:5', 'src/factory.ts:4']);
    // createTimer: its one use is a member of the named import `factories`
    expect(found[1]!.related.map((r) => `${r.file}:${r.line}`)).toEqual(['src/d.ts:6', 'src/factory.ts:35']);
  });
});

describe('barrel-chain', () => {
  it('reports one finding per chain of barrels deeper than maxDepth, with every hop', () => {
    const { findings } = scanFixture('barrel-chain');
    expect(findings.map(where)).toEqual(['barrel-chain src/index.ts:1:1']);
    expect(findings[0]!.related.map((r) => `${r.file}:${r.line}`)).toEqual([
      'src/index.ts:1',
      'src/ui/index.ts:1',
      'src/ui/forms/index.ts:1',
      'src/ui/forms/inputs/index.ts:1',
      'src/ui/forms/inputs/text-input.ts:1',
    ]);
    expect(findings[0]!.message).toMatch(/^4 re-export hops: /);
  });

  it('takes its depth from the options', () => {
    expect(scanFixture('barrel-chain', { 'barrel-chain': ['warn', { maxDepth: 4 }] }).findings).toEqual([]);
    expect(scanFixture('barrel-chain', { 'barrel-chain': ['warn', { maxDepth: 1 }] }).findings.map(where)).toEqual([
      'barrel-chain src/index.ts:1:1',
      'barrel-chain src/index.ts:1:1',
    ]);
  });
});
