// Check settings kept between scans: reused only while every file, directory and path they were built
// from looks the same; rebuilt after any edit that could change them, with the same findings as a scan
// that builds them afresh.
import fs, { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCheckSettings } from '@plumbline/core';
import { loadProjectConfig, scan } from '../src/scan.js';
import { memoizedCheckSettings, recordReads } from '../src/settings-memo.js';
import type { SettingsMemoStats } from '../src/settings-memo.js';

const NORTHWIND = new URL('../../../fixtures/northwind', import.meta.url).pathname;

function northwind(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'plumbline-memo-')), 'northwind');
  cpSync(NORTHWIND, root, { recursive: true, filter: (src) => !src.includes('/.plumbline') });
  return root;
}

function settingsOf(root: string): {
  outcome: ReturnType<typeof buildCheckSettings>;
  stats: SettingsMemoStats;
  fresh: ReturnType<typeof buildCheckSettings>;
} {
  const config = loadProjectConfig(root);
  const stats: SettingsMemoStats = { reused: false, probes: 0 };
  const outcome = memoizedCheckSettings(root, config, join(root, config.cacheDir), stats);
  return { outcome, stats, fresh: buildCheckSettings(root, config) };
}

describe('settings kept between scans', () => {
  it('are reused while nothing they were built from changed, and rebuilt after each kind of change', () => {
    const root = northwind();
    const first = settingsOf(root);
    expect(first.stats.reused).toBe(false);
    expect(first.outcome).toEqual(first.fresh);
    expect(Object.keys(first.outcome.settings).length).toBeGreaterThan(2);

    const again = settingsOf(root);
    expect(again.stats.reused).toBe(true);
    expect(again.stats.probes).toBeGreaterThan(10);
    expect(again.outcome).toEqual(first.fresh);

    const edits: Array<[string, () => void]> = [
      [
        'a token value',
        () =>
          writeFileSync(
            join(root, 'packages/design/tokens.json'),
            readFileSync(join(root, 'packages/design/tokens.json'), 'utf8').replace('#2f6fed', '#2f6fee'),
          ),
      ],
      [
        'a new design-system component',
        () =>
          writeFileSync(
            join(root, 'packages/design/src/Badge.tsx'),
            'export function Badge({ children }: { children: string }) {\n  return <span className="badge">{children}</span>;\n}\n',
          ),
      ],
      [
        'an edited component',
        () => writeFileSync(join(root, 'packages/design/src/Card.tsx'), 'export function Card() {\n  return <section />;\n}\n'),
      ],
      ['owners removed', () => rmSync(join(root, '.github/CODEOWNERS'))],
      ['a new token file', () => writeFileSync(join(root, 'apps/web/src/tokens.css'), ':root { --brand-accent: #ff00aa; }\n')],
    ];
    for (const [what, edit] of edits) {
      edit();
      const after = settingsOf(root);
      expect(after.stats.reused, what).toBe(false);
      expect(after.outcome, what).toEqual(after.fresh);
      expect(settingsOf(root).stats.reused, `${what}, then nothing`).toBe(true);
    }
  });

  it('are rebuilt under another config', () => {
    const root = northwind();
    settingsOf(root);
    const path = join(root, 'plumbline.config.json');
    const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...config, exclude: [...((config.exclude as string[] | undefined) ?? []), 'docs/**'] }));
    const after = settingsOf(root);
    expect(after.stats.reused).toBe(false);
    expect(after.outcome).toEqual(after.fresh);
  });

  it('give a scan the findings of one that builds them afresh', () => {
    const root = northwind();
    scan({ root });
    writeFileSync(
      join(root, 'packages/design/tokens.json'),
      readFileSync(join(root, 'packages/design/tokens.json'), 'utf8').replace('#2f6fed', '#123456'),
    );
    const memo = scan({ root });
    const plain = scan({ root, cache: false });
    expect(memo.result.findings).toEqual(plain.result.findings);
    expect(memo.result.errors).toEqual(plain.result.errors);
    expect(scan({ root }).result.findings).toEqual(plain.result.findings);
  });
});

describe('recording reads', () => {
  it('records files, directories and probes, and refuses reads it cannot repeat', () => {
    const root = northwind();
    const seen = recordReads(() => {
      fs.readFileSync(join(root, 'package.json'));
      fs.readdirSync(join(root, 'packages'));
      fs.existsSync(join(root, 'nope'));
      return 1;
    });
    expect(seen.value).toBe(1);
    expect(seen.probes!.map((p) => p[0])).toEqual(['file', 'dir', 'exists']);
    expect(recordReads(() => fs.closeSync(fs.openSync(join(root, 'package.json'), 'r'))).probes).toBeNull();
    expect(recordReads(() => fs.readdirSync(root, { recursive: true })).probes).toBeNull();
    // restored afterwards
    expect(fs.readFileSync.name).toBe('readFileSync');
  });
});
