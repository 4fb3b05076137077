import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCheckSettings, loadConfig } from '@plumbline/core';
import { analyze, workingTreeSource } from '../../src/analyze.js';
import { discoverFiles } from '../../src/discover.js';

// A shadcn components.json that names its ui directory by the workspace package's name
// (`@acme/ui/components/ui`, as a monorepo's ui package does) and no tsconfig alias: the stock primitives
// there are still vendored shadcn code, the team's own components there are checked.
const root = mkdtempSync(join(tmpdir(), 'plumbline-shadcn-package-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('hard-coded-style-value: shadcn primitives of a ui package named by package', () => {
  it('leaves the stock primitives alone and checks the rest', () => {
    const ui = join(root, 'packages/ui');
    cpSync(join(import.meta.dirname, '../../../../fixtures/magic-values/mock-ui'), ui, { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'acme', private: true, workspaces: ['packages/*'] }));
    writeFileSync(join(ui, 'package.json'), JSON.stringify({ name: '@acme/ui', private: true, dependencies: { react: '^19.0.0' } }));
    writeFileSync(join(ui, 'tsconfig.json'), JSON.stringify({ compilerOptions: { jsx: 'react-jsx' } }));
    writeFileSync(
      join(ui, 'components.json'),
      JSON.stringify({
        style: 'default',
        tailwind: { css: 'src/globals.css' },
        aliases: { components: '@acme/ui/components', ui: '@acme/ui/components/ui' },
      }),
    );
    const config = loadConfig(root, join(ui, 'plumbline.config.json'));
    const { files } = discoverFiles(root, config);
    const { settings } = buildCheckSettings(root, config);
    const out = analyze({ root, config, settings, cache: null, source: workingTreeSource(root, files) });
    const places = out.result.findings.filter((f) => f.ruleId === 'hard-coded-style-value').map((f) => f.file);
    expect(places).toContain('packages/ui/src/components/ui/stat-card.tsx');
    expect(places).not.toContain('packages/ui/src/components/ui/calendar.tsx');
  });
});
