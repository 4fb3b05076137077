import { afterAll, describe, expect, it } from 'vitest';
import { readTailwindConfig } from '../../../core/src/tokens/tailwind.js';
import { projectScanner } from './fixture.js';

// Tailwind configs whose theme comes from something the static reader cannot evaluate, and the gates of the
// held-out judging of typebot.io, react-email and medusa.
const { scan, cleanup } = projectScanner({
  'package.json': JSON.stringify({ name: 'docs', private: true, workspaces: ['apps/*', 'packages/*'] }),
  'plumbline.config.json': JSON.stringify({ preset: 'strict' }),
  'packages/tailwind/package.json': JSON.stringify({ name: 'tailwind', private: true, main: 'tailwind.config.js' }),
  // the shared config replaces the spacing scale, behind a module the app's config only spreads
  'packages/tailwind/modified.tailwind.config.js':
    "import base from './base';\nmodule.exports = { content: [], theme: { spacing: { ...base.spacing, 1.5: '24px' } } };\n",
  'packages/tailwind/base.js': 'module.exports = { spacing: {} };\n',
  'apps/docs/package.json': JSON.stringify({
    name: 'docs-app',
    private: true,
    dependencies: { react: '^18.0.0', tailwindcss: '^3.4.0', tailwind: '*' },
  }),
  'apps/docs/tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'react-jsx' } }),
  'apps/admin/package.json': JSON.stringify({ name: 'admin', private: true, dependencies: { react: '^18.0.0', tailwindcss: '^3.4.0' } }),
  'apps/admin/tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'react-jsx' } }),
  'apps/admin/tailwind.config.js': "module.exports = { content: ['./src/**/*.tsx'], theme: { extend: {} } };\n",
  'apps/docs/src/gap.tsx': 'export const Gap = () => <div className="gap-[6px]">.</div>;\n',
  'apps/admin/src/gap.tsx': 'export const Gap = () => <div className="gap-[6px]">.</div>;\n',
});
afterAll(cleanup);

const spread = (theme: string) =>
  `import coreConfig from "tailwind/modified.tailwind.config";\nmodule.exports = { ...coreConfig, content: ["./src/**/*.tsx"]${theme} };\n`;

describe('hard-coded-style-value: a Tailwind theme that cannot be read', () => {
  it('offers no default step of a scale the config spreads from an unread module, in that build only', () => {
    expect(scan({ 'apps/docs/tailwind.config.js': spread('') })).toEqual([
      expect.stringMatching(/^apps\/admin\/src\/gap\.tsx:1: .*`gap-1\.5`/),
    ]);
    const theme = ', theme: { ...coreConfig.theme, extend: { colors: { brand: "#0ea5e9" } } }';
    expect(scan({ 'apps/docs/tailwind.config.js': spread(theme) })).toEqual([expect.stringMatching(/^apps\/admin\//)]);
  });
  it('keeps the defaults of a scale the config takes out of what it spreads, and of a readable config', () => {
    const rest =
      'import coreConfig from "tailwind";\nconst { spacing, ...coreTheme } = coreConfig.theme || {};\nmodule.exports = { content: [], theme: { ...coreTheme } };\n';
    expect(scan({ 'apps/docs/tailwind.config.js': rest }).map((f) => f.split(':')[0])).toEqual([
      'apps/admin/src/gap.tsx',
      'apps/docs/src/gap.tsx',
    ]);
    const plain = "module.exports = { content: ['./src/**/*.tsx'], theme: { extend: {} } };\n";
    expect(scan({ 'apps/docs/tailwind.config.js': plain })).toHaveLength(2);
  });
});

describe('readTailwindConfig: unknown theme keys', () => {
  const keys = (src: string) => readTailwindConfig(src, 'tailwind.config.js').unknown;
  it('names the keys an unread spread may set, not those the config writes', () => {
    expect(keys('module.exports = { ...base, content: [] }')).toContain('spacing');
    expect(keys('module.exports = { theme: { ...shared, spacing: { 1: "4px" } } }')).not.toContain('spacing');
    expect(keys('module.exports = { theme: { ...shared, spacing: { 1: "4px" } } }')).toContain('fontSize');
    expect(keys('module.exports = { theme: { screens: breakpoints, extend: {} } }')).toEqual(['screens']);
    expect(keys('module.exports = { theme: { spacing: { ...base.spacing, 1: "4px" } } }')).toEqual(['spacing']);
    expect(keys('const base = { spacing: {} };\nmodule.exports = { ...base, theme: { extend: {} } }')).toEqual([]);
  });
  it('does not count a scale it could not read as replaced everywhere', () => {
    expect(readTailwindConfig('module.exports = { theme: { spacing: { ...base.spacing } } }', 'x.js').replaced).toEqual([]);
  });
});

describe('hard-coded-style-value: gates of the held-out judging of typebot.io and react-email', () => {
  const tw3 = {
    'apps/docs/tailwind.config.js': "module.exports = { content: ['./src/**/*.tsx'], theme: { extend: {} } };\n",
  };
  it('leaves a class list alone that already holds the class offered', () => {
    const found = scan({
      ...tw3,
      'apps/docs/src/avatar.tsx':
        'export const A = () => (\n  <div>\n    <span className="text-4xl text-[36px]">a</span>\n    <span className="md:text-4xl text-[36px]">b</span>\n  </div>\n);\n',
    });
    expect(found.filter((f) => f.includes('avatar'))).toEqual([expect.stringMatching(/avatar\.tsx:4: .*`text-4xl`/)]);
  });
  it('leaves a px size alone that a length constant of the same file holds', () => {
    const found = scan({
      ...tw3,
      'apps/docs/src/endpoint.tsx':
        'const endpointHeight = 32;\nexport const offset = endpointHeight / 2;\nexport const E = () => (\n  <div>\n    <div className="size-[32px]" />\n    <div className="size-[20px]" />\n  </div>\n);\n',
    });
    expect(found.filter((f) => f.includes('endpoint'))).toEqual([expect.stringMatching(/endpoint\.tsx:6: .*`size-5`/)]);
    // a width constant is no radius: medusa's `TABLUAR_NUM_WIDTH = 8` beside a `rounded-[8px]` popover
    const radius = scan({
      ...tw3,
      'apps/docs/src/combo.tsx':
        'const TAG_WIDTH = 8;\nexport const tagWidth = TAG_WIDTH * 2;\nexport const C = () => <div className="rounded-[8px]">.</div>;\n',
    });
    expect(radius.filter((f) => f.includes('combo'))).toEqual([expect.stringMatching(/combo\.tsx:3: .*`rounded-lg`/)]);
    // a file size is no length: dub's `MAX_FILE_SIZE_MB = 10` beside a `text-[10px]` label
    const upload = scan({
      ...tw3,
      'apps/docs/src/upload.tsx':
        'const MAX_FILE_SIZE_MB = 12;\nexport const U = () => <p className="text-[12px]">{MAX_FILE_SIZE_MB}</p>;\n',
    });
    expect(upload.filter((f) => f.includes('upload'))).toEqual([expect.stringMatching(/upload\.tsx:2: .*`text-xs`/)]);
  });
  it('treats a React Email package of another scope as an email renderer', () => {
    const email = (from: string) =>
      `import { Row } from '${from}';\nexport const S = () => (\n  <Row>\n    <p className="text-[18px]">42</p>\n  </Row>\n);\n`;
    const found = scan({
      ...tw3,
      'apps/docs/src/stats.tsx': email('@responsive-email/react-email'),
      'apps/docs/src/row.tsx': email('./rows'),
    });
    expect(found.filter((f) => /stats|row/.test(f))).toEqual([expect.stringMatching(/^apps\/docs\/src\/row\.tsx:4: .*`text-lg`/)]);
  });
  it('reads an escaped @theme key as its class (`--spacing-3\\.5` is `3.5`)', () => {
    const found = scan({
      'apps/docs/src/theme.css': '@import "tailwindcss";\n@theme {\n  --spacing-3\\.5: 14px;\n}\n',
      'apps/docs/src/swatch.tsx': 'export const S = () => <div className="size-[14px]">.</div>;\n',
    });
    expect(found.filter((f) => f.includes('swatch'))).toEqual([expect.stringMatching(/swatch\.tsx:1: .*: use `size-3\.5`\.$/)]);
  });
});
