import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCheckSettings, defaultConfig, designSystemOf, isDesignSystemConsumer } from '@plumbline/core';

/** A temporary project directory and a writer of its files. */
function tempProject() {
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-consumers-'));
  const put = (rel: string, text: string) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  return { dir, put };
}

describe('design system: who uses it, when it is a workspace package and a directory', () => {
  // polar's shape: a workspace design-system package the web app depends on, and a shadcn folder another app
  // imports; the package's dependents use the system as much as the folder's importers do
  const { dir, put } = tempProject();
  put('package.json', JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*', 'packages/*'] }));
  put('packages/ui/package.json', JSON.stringify({ name: '@acme/ui', main: 'src/index.tsx' }));
  put(
    'packages/ui/src/index.tsx',
    'export const Button = (p: { children?: unknown }) => <button className="rounded px-3">{p.children as never}</button>;\n' +
      'export const Input = () => <input className="rounded border" />;\n' +
      'export const Select = () => <select className="rounded border" />;\n' +
      'export const Textarea = () => <textarea className="rounded border" />;\n' +
      'export const Link = () => <a className="underline" />;\n',
  );
  put('apps/web/package.json', JSON.stringify({ name: 'web', private: true, dependencies: { '@acme/ui': 'workspace:*' } }));
  for (let i = 0; i < 12; i++)
    put(
      `apps/web/src/page${i}.tsx`,
      `import { Button, Input } from '@acme/ui';\nexport const Page${i} = () => <div><Button>go</Button><Input /></div>;\n`,
    );
  put('apps/admin/package.json', JSON.stringify({ name: 'admin', private: true }));
  put('apps/admin/tsconfig.json', JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }));
  put(
    'apps/admin/components.json',
    JSON.stringify({
      style: 'default',
      tailwind: { css: 'src/index.css' },
      aliases: { components: '@/components', ui: '@/components/ui' },
    }),
  );
  put('apps/admin/src/components/ui/button.tsx', 'export const Button = () => <button className="rounded px-2" />;\n');
  for (let i = 0; i < 6; i++)
    put(`apps/admin/src/screen${i}.tsx`, `import { Button } from '@/components/ui/button';\nexport const Screen${i} = () => <Button />;\n`);
  const { settings } = buildCheckSettings(dir, defaultConfig());
  const ds = designSystemOf(settings);

  it('counts the dependents of the package and the importers of the folder', () => {
    expect(ds?.packages.map((p) => p.name)).toContain('@acme/ui');
    expect(ds?.paths).toContain('apps/admin/src/components/ui');
    expect(isDesignSystemConsumer(ds!, 'apps/web/src/page0.tsx')).toBe(true);
    expect(isDesignSystemConsumer(ds!, 'apps/admin/src/screen0.tsx')).toBe(true);
  });
});

describe('design system: who uses it, in a repository of separate projects', () => {
  // openreplay's shape: no root package.json and no workspaces; frontend/ depends on an npm design system, and an
  // extension and a tool beside it, with package.json files of their own, do not
  const { dir, put } = tempProject();
  put('frontend/package.json', JSON.stringify({ name: 'frontend', private: true, dependencies: { antd: '6.0.0' } }));
  for (let i = 0; i < 12; i++)
    put(
      `frontend/app/page${i}.tsx`,
      `import { Button, Input, Select } from 'antd';\nexport const Page${i} = () => <div><Button>go</Button><Input /><Select /></div>;\n`,
    );
  // and a primitive of its own that many files import: a directory of the design system beside the npm package
  put('frontend/app/shared/Select.tsx', 'export default function Select() {\n  return <select className="rounded border px-2" />;\n}\n');
  for (let i = 0; i < 12; i++)
    put(`frontend/app/form${i}.tsx`, `import Select from './shared/Select';\nexport const Form${i} = () => <form><Select /></form>;\n`);
  put('spot/package.json', JSON.stringify({ name: 'spot', private: true, dependencies: { 'solid-js': '1.9.0' } }));
  put('spot/src/popup.tsx', 'export const Popup = () => <button class="btn btn-primary">Log in</button>;\n');
  const { settings } = buildCheckSettings(dir, defaultConfig());
  const ds = designSystemOf(settings);

  it('lets only the projects whose package.json depends on it use it', () => {
    expect(ds?.packages.map((p) => p.name)).toContain('antd');
    expect(isDesignSystemConsumer(ds!, 'frontend/app/page0.tsx')).toBe(true);
    expect(isDesignSystemConsumer(ds!, 'spot/src/popup.tsx')).toBe(false);
  });
});
