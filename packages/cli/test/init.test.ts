import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/design-system');
const dirs: string[] = [];

/** A copy of a fixture without its config: `init` writes into it. */
function copyOf(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-init-'));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  rmSync(join(dir, 'plumbline.config.json'), { force: true });
  dirs.push(dir);
  return dir;
}

async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), isTTY: false, cwd: process.cwd() });
  return { code, out, err };
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('plumbline init', () => {
  it('prints the design systems with components and importers, and writes nothing without --write', async () => {
    const dir = copyOf('npm-system');
    const r = await run('init', dir, '--no-cache');
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'inferred: design system @mui/material (npm design system (catalog), imported by 8 files); also antd (5 files)',
    );
    expect(r.out).toContain('@mui/material  [npm: npm design system (catalog)]  8 importing files, the system');
    expect(r.out).toContain('TextField 8, Button 7');
    expect(r.out).toContain('antd  [npm: npm design system (catalog)]  5 importing files, also imported (a migration?)');
    expect(r.out).toContain('migration: Button from antd (5 files) and @mui/material (7 files)');
    expect(existsSync(join(dir, 'plumbline.config.json'))).toBe(false);
  });

  it('--write saves the inferred design system as plumbline.config.json; an existing one is kept unless --force', async () => {
    const dir = copyOf('local-primitive');
    const first = await run('init', dir, '--write', '--no-cache', '--format', 'json');
    expect(first.code).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, 'plumbline.config.json'), 'utf8'));
    expect(written.designSystem).toEqual({ paths: ['app/components/Button.tsx'], elements: { button: 'Button' } });
    // the written config is valid and pins the same design system
    const again = await run('init', dir, '--no-cache', '--format', 'json');
    const report = JSON.parse(again.out);
    expect(report.designSystem.source).toBe('config');
    expect(report.designSystem.elements).toEqual({ button: 'Button (app/components/Button)' });

    writeFileSync(join(dir, 'plumbline.config.json'), '{ "preset": "strict" }\n');
    const refused = await run('init', dir, '--write', '--no-cache');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('exists: left as it is (--force replaces it)');
    expect(readFileSync(join(dir, 'plumbline.config.json'), 'utf8')).toBe('{ "preset": "strict" }\n');
    const forced = await run('init', dir, '--write', '--force', '--no-cache');
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'plumbline.config.json'), 'utf8')).designSystem.paths).toEqual(['app/components/Button.tsx']);
  });

  it('says when no design system is found, and rejects --force without --write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plumbline-init-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'index.ts'), 'export const answer = 42;\n');
    const r = await run('init', dir, '--no-cache');
    expect(r.out).toContain('inferred: no design system found; no token files');
    expect((await run('init', dir, '--force')).code).toBe(2);
  });
});
