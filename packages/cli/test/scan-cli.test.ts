import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import AjvModule from 'ajv';
import { main } from '../src/cli.js';
import type { CommandIO } from '../src/command.js';

const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as unknown as new (o: object) => {
  compile(s: object): ((d: unknown) => boolean) & { errors?: unknown };
};

function io(cwd: string) {
  const out = { stdout: '', stderr: '' };
  const handle: CommandIO = { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t), isTTY: false, cwd };
  return { out, handle };
}

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'plumbline-cli-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const WRAPPER = `import { find } from './repo';\nexport function loadInvoice(id: string) {\n  return find(id);\n}\n`;
/** pass-through-function is in the `all` preset. */
const STRICT = '{ "preset": "all" }';
const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../core/schema/scan-output.schema.json'), 'utf8')) as object;

describe('plumbline scan', () => {
  it('prints JSON valid against the shipped schema', async () => {
    const root = project({ 'src/a.ts': WRAPPER, 'src/bad.ts': 'let = ;', 'plumbline.config.json': STRICT });
    const { out, handle } = io(root);
    expect(await main(['scan', '.', '--format', 'json'], handle)).toBe(0);
    const data = JSON.parse(out.stdout) as { findings: unknown[]; errors: unknown[]; root: string };
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    expect(data.findings).toHaveLength(1);
    expect(data.errors).toHaveLength(1);
    expect(data.root).toBe(root);
  });

  it('prints findings grouped by file and a summary', async () => {
    const root = project({ 'src/a.ts': WRAPPER, 'plumbline.config.json': STRICT });
    const { out, handle } = io(root);
    expect(await main(['scan'], handle)).toBe(0);
    expect(out.stdout).toContain('src/a.ts\n  2:17');
    expect(out.stdout).toContain('pass-through-function');
    expect(out.stdout).toMatch(
      /findings 1, debt 10 min, debt ratio 8\.33%\n {2}Rating [A-E]: [\d.]+ h of rated debt per 10k lines, in the \w+ fifth of \d+ reference repositories \(calibration [\w.-]+\)/,
    );
  });

  it('says when the rating counts rules the config does not report', async () => {
    const root = project({ 'src/a.ts': WRAPPER });
    const { out, handle } = io(root);
    expect(await main(['scan'], handle)).toBe(0);
    expect(out.stdout).toMatch(/findings 0, debt 0 min/);
    expect(out.stdout).toMatch(/Rating [A-E]: [\d.]+ h of rated debt per 10k lines/);
    expect(out.stdout).toContain('(rated on every rule of the all preset, reported or not: "preset": "all" lists what it counts)');
  });

  it('exits 1 when a finding has error severity', async () => {
    const root = project({ 'src/a.ts': WRAPPER, 'plumbline.config.json': '{ "rules": { "pass-through-function": "error" } }' });
    expect(await main(['scan'], io(root).handle)).toBe(1);
  });

  it('exits 2 with the file and key for an invalid config', async () => {
    const root = project({ 'src/a.ts': WRAPPER, 'plumbline.config.json': '{ "exclude": "legacy" }' });
    const { out, handle } = io(root);
    expect(await main(['scan'], handle)).toBe(2);
    expect(out.stderr).toContain(join(root, 'plumbline.config.json'));
    expect(out.stderr).toContain('key "exclude": expected array, got string "legacy"');
  });

  it('exits 2 for unknown flags and formats, with usage', async () => {
    const root = project({});
    const a = io(root);
    expect(await main(['scan', '--fromat', 'json'], a.handle)).toBe(2);
    expect(a.out.stderr).toContain('Usage: plumbline scan');
    const b = io(root);
    expect(await main(['scan', '--format', 'xml'], b.handle)).toBe(2);
    expect(b.out.stderr).toContain('--format must be');
  });

  it('writes --output to a file', async () => {
    const root = project({ 'src/a.ts': WRAPPER });
    const { out, handle } = io(root);
    expect(await main(['scan', '--format', 'json', '--output', 'report.json'], handle)).toBe(0);
    expect(out.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')).schemaVersion).toBe(1);
  });

  it('answers --help and --version', async () => {
    const a = io('.');
    expect(await main(['--help'], a.handle)).toBe(0);
    expect(a.out.stdout).toContain('scan');
    const b = io('.');
    expect(await main(['--version'], b.handle)).toBe(0);
    expect(b.out.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const c = io('.');
    expect(await main(['scan', '--help'], c.handle)).toBe(0);
    expect(c.out.stdout).toContain('--no-cache');
    expect(await main(['frobnicate'], io('.').handle)).toBe(2);
  });
});
