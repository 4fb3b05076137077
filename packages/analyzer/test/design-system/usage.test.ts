import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCheckSettings, loadConfig } from '@plumbline/core';
import type { DesignSystemSettings } from '@plumbline/core';
import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from './fixture.js';

const settingsOf = (name: string) => {
  const root = join(import.meta.dirname, '../../../../fixtures/design-system', name);
  return buildCheckSettings(root, loadConfig(root)).settings.designSystem as DesignSystemSettings;
};
const brief = (out: ReturnType<typeof analyzeFixture>) =>
  findingsOf(out, 'prefer-design-system-component', 'design-system-shadow').map((f) => [f.ruleId, f.file, f.line]);

describe('design systems inferred from usage, not from names', () => {
  it('an app-local component many files import (relative to the repository size) is the design system', () => {
    const ds = settingsOf('local-primitive');
    expect(ds.source).toBe('inferred');
    expect(ds.systems).toEqual([
      {
        kind: 'local',
        name: 'app/components/Button.tsx',
        via: 'app-local primitive',
        importers: 10,
        components: [{ name: 'Button', importers: 10 }],
      },
    ]);
    // with the classes its source writes: what a raw element re-creating its look shares with it
    expect(ds.elements.button).toEqual({
      component: 'Button',
      importFrom: 'app/components/Button',
      isPath: true,
      classes: ['btn', 'btn-neutral'],
    });
    // Tag is imported as often but is named after no element; Select by 2 files only; the email Button styles email
    expect(ds.components.map((c) => c.name)).toEqual(['Button']);
    // expected where it is imported: the app's folder, not the server beside it
    expect(ds.consumers).toEqual(['app']);
  });

  it('reports a local component named like the primitive and a styled raw element (not in server code that never imports it)', () => {
    const out = analyzeFixture('design-system', 'local-primitive');
    expect(brief(out)).toEqual([
      ['design-system-shadow', 'app/scenes/Document/Toolbar.tsx', 4],
      ['prefer-design-system-component', 'app/scenes/Document/Toolbar.tsx', 14],
    ]);
    expect(findingsOf(out, 'prefer-design-system-component')[0]!.message).toContain('`~/components/Button`');
    expect(out.result.summary.designSystemAdoption).not.toBeNull();
  });

  it('an npm design system by import counts; a second one is a migration with its counts; email components are not a system', () => {
    const ds = settingsOf('npm-system');
    expect(ds.systems?.map((s) => [s.kind, s.name, s.importers, s.via])).toEqual([
      ['npm', '@mui/material', 8, 'npm design system (catalog)'],
      ['npm', 'antd', 5, 'npm design system (catalog)'],
    ]);
    expect(ds.systems?.[0]?.components).toEqual([
      { name: 'TextField', importers: 8 },
      { name: 'Button', importers: 7 },
    ]);
    expect(ds.migrations).toEqual([{ component: 'Button', from: 'antd', to: '@mui/material', fromImporters: 5, toImporters: 7 }]);
    expect(ds.elements.button).toEqual({ component: 'Button', importFrom: '@mui/material', isPath: false });
    const out = analyzeFixture('design-system', 'npm-system');
    expect(brief(out)).toEqual([['prefer-design-system-component', 'src/pages/Checkout.tsx', 7]]);
    expect(out.result.summary.designSystemAdoption).toBeGreaterThan(0.9);
    // the scan summary says in one line what was inferred and from where
    expect((out.result.metrics['design-system-adoption'] as { inferred: string }).inferred).toBe(
      'inferred: design system @mui/material (npm design system (catalog), imported by 8 files); also antd (5 files); no token files',
    );
  });

  it('shadcn components.json aliases.ui names the directory, wherever it is; an alias that names nothing is ignored', () => {
    const ds = settingsOf('shadcn-alias');
    expect(ds.paths).toEqual(['modules/ui/components']);
    expect(ds.systems?.map((s) => [s.kind, s.name, s.via, s.importers])).toEqual([
      ['shadcn', 'modules/ui/components', 'components.json aliases.ui', 1],
    ]);
    const out = analyzeFixture('design-system', 'shadcn-alias');
    expect(out.settingsErrors).toEqual([]);
    // the icon-only remove button stays quiet: no IconButton in this design system
    expect(brief(out)).toEqual([['prefer-design-system-component', 'modules/survey/editor/title-form.tsx', 7]]);
  });

  it('a local wrapper of the npm design system is a layer over it, not a migration away from it', () => {
    const root = mkdtempSync(join(tmpdir(), 'plumbline-wrapper-'));
    try {
      const put = (file: string, text: string) => {
        mkdirSync(join(root, file, '..'), { recursive: true });
        writeFileSync(join(root, file), text);
      };
      put('package.json', '{ "name": "admin", "dependencies": { "@mui/material": "^5.0.0" } }');
      put(
        'src/components/Button.tsx',
        "import { Button as MuiButton } from '@mui/material';\nexport const Button = (p: { label: string }) => <MuiButton>{p.label}</MuiButton>;\n",
      );
      for (let i = 0; i < 10; i++)
        put(`src/direct/Page${i}.tsx`, `import { Button } from '@mui/material';\nexport const P${i} = () => <Button>Go</Button>;\n`);
      for (let i = 0; i < 8; i++)
        put(
          `src/wrapped/Form${i}.tsx`,
          `import { Button } from '../components/Button';\nexport const F${i} = () => <Button label="Save" />;\n`,
        );
      const ds = buildCheckSettings(root, loadConfig(root)).settings.designSystem as DesignSystemSettings;
      expect(ds.systems?.map((x) => [x.kind, x.name, x.importers])).toEqual([
        ['npm', '@mui/material', 11],
        ['local', 'src/components/Button.tsx', 8],
      ]);
      expect(ds.elements.button?.importFrom).toBe('@mui/material');
      expect(ds.migrations).toBeUndefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a path alias the resolver does not know (`~/components/ui`, `@/ui`) is no npm design system', () => {
    const root = mkdtempSync(join(tmpdir(), 'plumbline-alias-'));
    try {
      const put = (file: string, text: string) => {
        mkdirSync(join(root, file, '..'), { recursive: true });
        writeFileSync(join(root, file), text);
      };
      put('package.json', '{ "name": "dashboard" }');
      for (let i = 0; i < 6; i++) {
        put(
          `src/a/Page${i}.tsx`,
          `import { Button, Input } from '~/components/ui';\nexport const P${i} = () => <Button><Input /></Button>;\n`,
        );
        put(`src/b/Form${i}.tsx`, `import { Button, Dialog } from '@/ui';\nexport const F${i} = () => <Dialog><Button /></Dialog>;\n`);
      }
      const ds = buildCheckSettings(root, loadConfig(root)).settings.designSystem as DesignSystemSettings;
      expect((ds.systems ?? []).map((x) => x.name)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a system far less imported than the main one (a legacy one being left) is never the one raw elements are sent to', () => {
    const root = mkdtempSync(join(tmpdir(), 'plumbline-legacy-'));
    try {
      const put = (file: string, text: string) => {
        mkdirSync(join(root, file, '..'), { recursive: true });
        writeFileSync(join(root, file), text);
      };
      put('package.json', '{ "name": "dashboard" }');
      for (let i = 0; i < 24; i++)
        put(`src/new/Page${i}.tsx`, `import { Button } from '@mui/material';\nexport const P${i} = () => <Button>Go</Button>;\n`);
      for (let i = 0; i < 5; i++)
        put(
          `src/old/Row${i}.tsx`,
          `import { IconButton } from '@chakra-ui/react';\nexport const R${i} = () => <IconButton aria-label="x" />;\n`,
        );
      const ds = buildCheckSettings(root, loadConfig(root)).settings.designSystem as DesignSystemSettings;
      expect(ds.systems?.map((x) => [x.name, x.importers])).toEqual([
        ['@mui/material', 24],
        ['@chakra-ui/react', 5],
      ]);
      expect(ds.elements.button?.importFrom).toBe('@mui/material');
      expect(ds.elements['button[icon]']).toBeUndefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a second module of a design-system name that a few files still import is a migration with its counts', () => {
    const root = mkdtempSync(join(tmpdir(), 'plumbline-second-'));
    try {
      const put = (file: string, text: string) => {
        mkdirSync(join(root, file, '..'), { recursive: true });
        writeFileSync(join(root, file), text);
      };
      put('package.json', '{ "name": "mail-app" }');
      put('tsconfig.json', '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./*"] } } }');
      put('components.json', '{ "aliases": { "ui": "@/components/ui" } }');
      const button = (cls: string) =>
        `import * as React from 'react';\nexport const Button = (p: React.ComponentProps<'button'>) => <button className="${cls}" {...p} />;\n`;
      put('components/ui/button.tsx', button('inline-flex rounded-md'));
      put('components/Button.tsx', button('btn legacy'));
      for (let i = 0; i < 30; i++)
        put(`app/new/Page${i}.tsx`, `import { Button } from '@/components/ui/button';\nexport const P${i} = () => <Button>Go</Button>;\n`);
      for (let i = 0; i < 5; i++)
        put(`app/old/Page${i}.tsx`, `import { Button } from '@/components/Button';\nexport const O${i} = () => <Button>Go</Button>;\n`);
      // below the threshold: a name the design system does not have
      for (let i = 0; i < 5; i++)
        put(`app/misc/Tag${i}.tsx`, `import { Link } from '@/components/Link';\nexport const T${i} = () => <Link />;\n`);
      put('components/Link.tsx', `export const Link = () => <a href="/">home</a>;\n`);
      const ds = buildCheckSettings(root, loadConfig(root)).settings.designSystem as DesignSystemSettings;
      expect(ds.migrations).toEqual([
        { component: 'Button', from: 'components/Button', to: 'components/ui/button', fromImporters: 5, toImporters: 30 },
      ]);
      expect(ds.elements.button?.importFrom).toBe('components/ui/button');
      expect(ds.elements.a).toBeUndefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
