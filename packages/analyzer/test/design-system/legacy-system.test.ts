import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCheckSettings, loadConfig } from '@plumbline/core';
import { analyze, workingTreeSource } from '../../src/analyze.js';
import { discoverFiles } from '../../src/discover.js';

/**
 * A repository whose design system is an npm one (Mantine, imported by 36 files) beside a legacy local `Button`
 * (8 importers, under a quarter of the main system's): a local button is not sent to the legacy one (insomnia's
 * PromptButton was told to use the themed-button its team is leaving, judged wrong).
 */
describe('design-system-shadow: a system far less used than the main one is not offered', () => {
  const root = mkdtempSync(join(tmpdir(), 'plumbline-legacy-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('package.json', JSON.stringify({ name: 'app', private: true, dependencies: { '@mantine/core': '7.0.0' } }));
  write('plumbline.config.json', JSON.stringify({ preset: 'all' }));
  write(
    'src/legacy/Button.tsx',
    `export function Button({ label, onClick }: { label: string; onClick: () => void }) {\n  return <button className="btn btn-primary" onClick={onClick}>{label}</button>;\n}\n`,
  );
  for (let i = 0; i < 36; i++)
    write(
      `src/pages/page-${i}.tsx`,
      `import { TextInput } from '@mantine/core';\nexport const Page${i} = () => <TextInput label="Name ${i}" />;\n`,
    );
  for (let i = 0; i < 8; i++)
    write(
      `src/legacy/uses-${i}.tsx`,
      `import { Button } from './Button';\nexport const Use${i} = () => <Button label="Go ${i}" onClick={() => {}} />;\n`,
    );
  write(
    'src/confirm/PromptButton.tsx',
    `export function PromptButton({ onConfirm }: { onConfirm: () => void }) {\n  return <button className="btn btn-danger" onClick={onConfirm}>Delete</button>;\n}\n`,
  );
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('leaves a local button alone when the only Button that wraps a <button> is the legacy one', () => {
    const config = loadConfig(root);
    const { files } = discoverFiles(root, config);
    const { settings } = buildCheckSettings(root, config);
    const out = analyze({ root, config, settings, cache: null, source: workingTreeSource(root, files) });
    const ds = settings.designSystem as { systems?: Array<{ name: string; importers: number }> };
    expect(ds.systems?.map((s) => [s.name, s.importers])).toEqual([
      ['@mantine/core', 36],
      ['src/legacy/Button.tsx', 8],
    ]);
    expect(out.result.findings.filter((f) => f.ruleId === 'design-system-shadow')).toEqual([]);
  });
});

describe('design-system-shadow: an inferred npm design system, whose source is not in the repository', () => {
  const root = mkdtempSync(join(tmpdir(), 'plumbline-npm-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('package.json', JSON.stringify({ name: 'app', private: true, dependencies: { '@mantine/core': '7.0.0' } }));
  write('plumbline.config.json', JSON.stringify({ preset: 'all' }));
  for (let i = 0; i < 12; i++)
    write(`src/pages/page-${i}.tsx`, `import { Button } from '@mantine/core';\nexport const Page${i} = () => <Button>Go ${i}</Button>;\n`);
  write(
    'src/confirm/SaveButton.tsx',
    `export function SaveButton({ onSave }: { onSave: () => void }) {\n  return <button className="rounded bg-blue-600 px-4 py-2 text-white" onClick={onSave}>Save</button>;\n}\n`,
  );
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('does not take a name alone for a re-implementation of a component it cannot read', () => {
    const config = loadConfig(root);
    const { files } = discoverFiles(root, config);
    const { settings } = buildCheckSettings(root, config);
    const out = analyze({ root, config, settings, cache: null, source: workingTreeSource(root, files) });
    expect((settings.designSystem as { source: string }).source).toBe('inferred');
    expect(out.result.findings.filter((f) => f.ruleId === 'design-system-shadow')).toEqual([]);
  });
});
