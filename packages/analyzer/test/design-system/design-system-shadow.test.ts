import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from './fixture.js';

describe('design-system: a local copy of a design-system component under another name', () => {
  const out = analyzeFixture('design-system', 'structural-shadow');

  it('is recognised by its rendered tree and names the component to use', () => {
    expect(findingsOf(out, 'design-system-shadow')).toEqual([
      {
        ruleId: 'design-system-shadow',
        file: 'apps/web/src/invoices/no-invoices.tsx',
        line: 3,
        column: 17,
        endLine: 3,
        endColumn: 27,
        message:
          "`NoInvoices` re-implements the design system's `EmptyState`: it renders the same tree (similarity 1.00). Use `EmptyState` from `@acme/ui` instead.",
        related: ['packages/ui/src/empty-state.tsx:3'],
      },
    ]);
  });

  it('does not send a copy with other words to a design-system component of one fixed content (no props, no children)', () => {
    expect(out.result.findings.filter((f) => f.file === 'apps/web/src/messages/no-drafts.tsx')).toEqual([]);
  });

  it('stays quiet on a tree built of design-system components, alike in shape to one of its composites', () => {
    expect(out.result.findings.filter((f) => f.file === 'apps/web/src/invoices/void-invoice.tsx')).toEqual([]);
  });

  it('leaves alone an app that depends on the design system but renders none of it (it keeps primitives of its own)', () => {
    expect(out.result.findings.filter((f) => f.file.startsWith('apps/portal/'))).toEqual([]);
  });

  it('stays quiet on a component that composes the design-system component', () => {
    expect(out.result.findings.filter((f) => f.file === 'apps/web/src/customers/no-customers.tsx')).toEqual([]);
  });
});
