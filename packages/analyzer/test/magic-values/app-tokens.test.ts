import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCheckSettings, loadConfig } from '@plumbline/core';
import { analyze, workingTreeSource } from '../../src/analyze.js';
import { discoverFiles } from '../../src/discover.js';

// Two apps of one monorepo, each with a Tailwind build of its own: the type scale one app's `@theme` sets
// (`--text-xs: 10px`) is not in the other app's CSS, where `text-xs` is Tailwind's 12px.
const root = mkdtempSync(join(tmpdir(), 'plumbline-app-tokens-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('hard-coded-style-value: tokens of another app of the monorepo', () => {
  it('offers an app only its own theme and the packages it depends on', () => {
    write('package.json', JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] }));
    write('plumbline.config.json', JSON.stringify({ preset: 'strict' }));
    for (const app of ['start', 'public']) {
      write(
        `apps/${app}/package.json`,
        JSON.stringify({ name: `@acme/${app}`, private: true, dependencies: { react: '^19.0.0', tailwindcss: '^4.1.0' } }),
      );
      write(`apps/${app}/tsconfig.json`, JSON.stringify({ compilerOptions: { jsx: 'react-jsx' } }));
    }
    write('apps/start/src/styles.css', '@import "tailwindcss";\n@theme {\n  --text-xs: 10px;\n  --color-brand: #0ea5e9;\n}\n');
    write('apps/public/src/global.css', '@import "tailwindcss";\n@theme {\n  --color-ink: #111827;\n}\n');
    const badge = (name: string) =>
      `export function ${name}() {\n  return (\n    <div className="p-[8px]">\n      <span className="text-[10px]">1</span>\n    </div>\n  );\n}\n`;
    write('apps/start/src/badge.tsx', badge('StartBadge'));
    write('apps/public/src/badge.tsx', badge('PublicBadge'));
    const config = loadConfig(root);
    const { files } = discoverFiles(root, config);
    const { settings } = buildCheckSettings(root, config);
    const out = analyze({ root, config, settings, cache: null, source: workingTreeSource(root, files) });
    const found = out.result.findings
      .filter((f) => f.ruleId === 'hard-coded-style-value')
      .map((f) => `${f.file}: ${f.message}`)
      .sort();
    expect(found.filter((f) => f.includes('text-xs'))).toEqual([expect.stringMatching(/^apps\/start\/src\/badge\.tsx: `10px`.*text-xs/)]);
    // Tailwind's own scale is still both apps' (p-[8px] is p-2 in each)
    expect(found.filter((f) => f.includes('p-2')).map((f) => f.split(':')[0])).toEqual([
      'apps/public/src/badge.tsx',
      'apps/start/src/badge.tsx',
    ]);
  });
});
