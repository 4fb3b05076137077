import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCheckSettings, loadConfig } from '@plumbline/core';
import { analyze, workingTreeSource } from '../packages/analyzer/src/analyze.js';
import { discoverFiles } from '../packages/analyzer/src/discover.js';
import { componentsOf, judge, plantFamilies, variantOf } from '../scripts/plant-families.mjs';

const fixture = join(import.meta.dirname, '../fixtures/duplication/variant-families');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('plant-families: the planted variant-family harness', () => {
  const text = readFileSync(join(fixture, 'src/components/buttons/primary-button.tsx'), 'utf8');
  const [c] = componentsOf('src/components/buttons/primary-button.tsx', text);
  const code = text.slice(c.start, c.end);

  it('finds exported components with destructured props and one JSX root', () => {
    expect(c).toMatchObject({ name: 'PrimaryButton', line: 10, endLine: 17, tag: 'button', role: true, kind: 'component' });
  });

  it('tells the kinds component-family leaves out by design: context providers and thin wrappers under 15 nodes', () => {
    const kinds = componentsOf(
      'src/a.tsx',
      [
        'export function AppProviders({ children }: P) {\n  const client = useClient();\n  return (\n    <QueryProvider client={client}>\n      {children}\n    </QueryProvider>\n  );\n}',
        'export function CampaignsPage({ controls, children }: P) {\n  return (\n    <PageContent\n      title="Campaigns"\n      controls={controls}>\n      {children}\n    </PageContent>\n  );\n}\n',
        'export function Panel({ title, text, meta }: P) {\n  return (\n    <div className="panel">\n      <h3 className="t">{title}</h3>\n      <p className="x">{text}</p>\n      <span className="meta">{meta}</span>\n      <div className="actions">\n        <Button onClick={go}>Go</Button>\n      </div>\n    </div>\n  );\n}',
      ].join('\n'),
    ).map((x: { name: string; kind: string }) => `${x.name}:${x.kind}`);
    expect(kinds).toEqual(['AppProviders:small', 'CampaignsPage:small', 'Panel:component']);
  });

  it('plants no thin wrapper under 15 nodes, and each variant in the workspace package of its original', () => {
    const tree = mkdtempSync(join(tmpdir(), 'plant-families-ws-'));
    dirs.push(tree);
    const panel =
      'export function Panel({ title, text }: P) {\n  return (\n    <div className="panel">\n      <h3 className="t">{title}</h3>\n      <p className="x">{text}</p>\n      <span className="meta">{text}</span>\n      <div className="actions">\n        <a href="/go">Go</a>\n      </div>\n    </div>\n  );\n}\n';
    const thin =
      'export function Shell({ children }: P) {\n  return (\n    <PageContent\n      title="Campaigns"\n      wide>\n      {children}\n    </PageContent>\n  );\n}\n';
    const files: Record<string, string> = {
      'apps/web/src/panel.tsx': panel,
      'apps/web/src/shell.tsx': thin,
      'apps/web/src/pages/a.tsx': 'export const a = 1;\n',
      'apps/web/src/lib/b.tsx': 'export const b = 1;\n',
      'packages/email/src/c.tsx': 'export const c = 1;\n',
      'packages/email/src/d/e.tsx': 'export const e = 1;\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(tree, path, '..'), { recursive: true });
      writeFileSync(join(tree, path), text);
    }
    for (const seed of [1, 2, 3]) {
      const plants = plantFamilies(tree, { families: 2, seed });
      expect(plants.map((p: { from: { name: string } }) => p.from.name)).toEqual(['Panel']);
      for (const v of plants[0].variants) expect(v.path).toMatch(/^apps\/web\//);
      for (const v of plants[0].variants) rmSync(join(tree, v.path));
    }
  });

  it('takes an import through a tsconfig path alias (`@dashboard/*`) for the repository’s own component, not a package role', () => {
    const tree = mkdtempSync(join(tmpdir(), 'plant-families-alias-'));
    dirs.push(tree);
    const hint =
      'import { SavebarHint } from "@dashboard/components/SavebarHint";\n\nexport function SaveHint({ items }: P) {\n  return (\n    <SavebarHint\n      items={items}\n      title="Save">\n      <b>{items}</b>\n    </SavebarHint>\n  );\n}\n';
    const files: Record<string, string> = {
      // a tsconfig of comments and trailing commas, as they are written
      'tsconfig.json': '{\n  // aliases\n  "compilerOptions": { "paths": { "@dashboard/*": ["src/*"], }, },\n}\n',
      'src/save-hint.tsx': hint,
      'src/components/a.tsx': 'export const a = 1;\n',
      'src/pages/b.tsx': 'export const b = 1;\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(tree, path, '..'), { recursive: true });
      writeFileSync(join(tree, path), text);
    }
    // a thin configuration of the repository's component under 15 nodes plays no role: nothing to plant
    expect(plantFamilies(tree, { families: 1, seed: 1 })).toEqual([]);
  });

  it('a variant is renamed for the same thing, its props and classes renamed, and edited', () => {
    const added: string = variantOf(code, 'PrimaryButton', 'CompactPrimaryButton', 'add-prop');
    expect(added).toMatch(/^export function CompactPrimaryButton\(\{ tone, children, onClickAlt, disabledAlt, loadingAlt \}: any\)/);
    expect(added).toContain('<button data-tone={tone} type="button" className={styles.rootAlt} onClick={onClickAlt}');
    expect(added).toContain('{children}');
    const removed: string = variantOf(code, 'PrimaryButton', 'LegacyPrimaryButton', 'remove-prop');
    expect(removed).toMatch(/\(\{ children, disabledAlt, loadingAlt \}: any\)/);
    expect(removed).toContain('onClick={undefined}');
    // removing the only prop leaves a pattern that parses (no `{ , }`)
    const only = 'export function Rewind({\n  partnerRewind,\n}: P) {\n  return <Intro data={partnerRewind} />;\n}';
    expect(variantOf(only, 'Rewind', 'LegacyRewind', 'remove-prop')).toBe(
      'export function LegacyRewind({\n  \n}: any) {\n  return <Intro data={undefined} />;\n}',
    );
    const edited: string = variantOf(code, 'PrimaryButton', 'SimplePrimaryButton', 'edit-tree');
    expect(edited).toContain('<span className="sr-only" aria-hidden="true" />');
  });

  it('plants a family into a copy of a tree; the scan finds it as one family that keeps the original', () => {
    const tree = mkdtempSync(join(tmpdir(), 'plant-families-test-'));
    dirs.push(tree);
    cpSync(fixture, tree, { recursive: true });
    const plants = plantFamilies(tree, { families: 1, seed: 7 });
    expect(plants).toHaveLength(1);
    expect(plants[0].from).toMatchObject({ name: 'PrimaryButton', path: 'src/components/buttons/primary-button.tsx' });
    expect(plants[0].variants.length).toBeGreaterThanOrEqual(3);
    const config = loadConfig(tree);
    const { settings } = buildCheckSettings(tree, config);
    const out = analyze({ root: tree, config, settings, cache: null, source: workingTreeSource(tree, discoverFiles(tree, config).files) });
    const [r] = judge(out.result.findings, plants);
    expect(r).toMatchObject({ found: true, findings: 1, keep: 'PrimaryButton', keptOriginal: true });
  });

  it('a family split over two findings, or missing a variant, is not found', () => {
    const plants = [
      {
        from: { path: 'a.tsx', name: 'A', line: 1 },
        variants: [
          { path: 'b.tsx', name: 'AltA' },
          { path: 'c.tsx', name: 'NewA' },
        ],
      },
    ];
    const finding = (file: string, line: number, name: string, related: Array<{ file: string; line: number }>) => ({
      ruleId: 'component-family',
      file,
      line,
      message: `2 components play one role: ${name} (${file}:${line}). Keep \`${name}\` (${file}:${line}, imported by 1 file).`,
      related,
    });
    expect(judge([finding('a.tsx', 1, 'A', [{ file: 'b.tsx', line: 1 }])], plants)[0]).toMatchObject({ found: false });
    expect(
      judge([finding('a.tsx', 1, 'A', [{ file: 'b.tsx', line: 1 }]), finding('c.tsx', 1, 'NewA', [{ file: 'd.tsx', line: 1 }])], plants)[0],
    ).toMatchObject({ found: false, findings: 2 });
    expect(
      judge(
        [
          finding('a.tsx', 1, 'A', [
            { file: 'b.tsx', line: 1 },
            { file: 'c.tsx', line: 1 },
          ]),
        ],
        plants,
      )[0],
    ).toMatchObject({
      found: true,
      keptOriginal: true,
      keptReal: true,
    });
  });

  it('a family of other components of the original file does not split the planted one; keeping a real member is kept right', () => {
    const plants = [{ from: { path: 'a.tsx', name: 'A', line: 10 }, variants: [{ path: 'b.tsx', name: 'AltA' }] }];
    const finding = (members: Array<[string, number, string]>, keep: string) => ({
      ruleId: 'component-family',
      file: members[0]![0],
      line: members[0]![1],
      message: `${members.length} components: ${members.map(([f, l, n]) => `${n} (${f}:${l})`).join(', ')}. Keep \`${keep}\` (x.tsx:1, imported by 2 files).`,
      related: members.slice(1).map(([file, line]) => ({ file, line })),
    });
    const skeletons = finding(
      [
        ['a.tsx', 40, 'ASkeleton'],
        ['c.tsx', 3, 'CSkeleton'],
      ],
      'ASkeleton',
    );
    const family = finding(
      [
        ['a.tsx', 10, 'A'],
        ['b.tsx', 1, 'AltA'],
        ['d.tsx', 5, 'SiblingA'],
      ],
      'SiblingA',
    );
    expect(judge([skeletons, family], plants)[0]).toMatchObject({ found: true, findings: 1, keptOriginal: false, keptReal: true });
    expect(
      judge(
        [
          finding(
            [
              ['a.tsx', 10, 'A'],
              ['b.tsx', 1, 'AltA'],
            ],
            'AltA',
          ),
        ],
        plants,
      )[0],
    ).toMatchObject({ found: true, keptReal: false });
  });
});
