import { describe, expect, it } from 'vitest';
import { analyzeDrift, findings } from './fixture.js';

describe('deep imports', () => {
  it('reports deep imports into a workspace package, and says what the entry offers', () => {
    const out = analyzeDrift('deep-import');
    expect(findings(out)).toEqual([
      {
        ruleId: 'deep-import',
        file: 'apps/web/src/page.tsx',
        line: 1,
        column: 24,
        endLine: 1,
        endColumn: 45,
        message:
          "@acme/ui/src/button reaches into workspace package @acme/ui, bypassing its entry point; import { Button } from '@acme/ui'.",
        related: ['packages/ui/src/index.ts:1'],
      },
      {
        ruleId: 'deep-import',
        file: 'apps/web/src/page.tsx',
        line: 2,
        column: 24,
        endLine: 2,
        endColumn: 66,
        message:
          "Relative import of packages/ui/src/internal/ripple.ts reaches into workspace package @acme/ui, bypassing its entry point; import it from '@acme/ui' or a subpath its exports map offers, exporting it there if it is public.",
        related: ['packages/ui/src/index.ts:1'],
      },
    ]);
  });

  it("stays quiet on the package's entry point and on a subpath its exports map offers", () => {
    const lines = findings(analyzeDrift('deep-import'), 'deep-import').map((f) => `${f.file}:${f.line}`);
    expect(lines).not.toContain('apps/web/src/page.tsx:3'); // @acme/ui/icons: offered by the exports map
    expect(lines).not.toContain('apps/web/src/page.tsx:4'); // @acme/ui: the entry point
  });
});
