// Invalid configuration and baseline files (issue 10): every command stops with exit code 2 and a
// message that names the file and the key, nothing of the file reaches the terminal raw, and no stack
// trace is shown for a mistake the user can fix.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import type { CommandIO } from '../src/command.js';

const CONFIGS = join(import.meta.dirname, '../../../fixtures/hostile/config');

function io(cwd: string) {
  const out = { stdout: '', stderr: '' };
  const handle: CommandIO = { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t), isTTY: false, cwd };
  return { out, handle };
}

/** A copy of a config case with one source file beside it. */
function project(configCase: string): string {
  const root = mkdtempSync(join(tmpdir(), `plumbline-hostile-config-${configCase}-`));
  cpSync(join(CONFIGS, configCase), root, { recursive: true });
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src/a.ts'), 'export const a = 1;\n');
  return root;
}

/** case -> the key and the explanation the message must carry. */
const CASES: Record<string, { key: string | null; expected: string | RegExp }> = {
  'wrong-type': { key: 'include', expected: 'expected array, got string "src/**"' },
  'unknown-key': { key: 'incldue', expected: /^unknown key; did you mean "include"\? \(known keys: / },
  'nested-wrong-type': { key: 'designSystem.packages.1', expected: 'expected string, got number 42' },
  'bad-severity': { key: 'rules.pass-through-function', expected: 'expected one of "off", "warn", "error", "info", got string "loud"' },
  'unknown-rule': { key: 'rules.pass-thru-function', expected: 'unknown rule id; did you mean "pass-through-function"?' },
  'proto-key': { key: '__proto__', expected: /^unknown key \(known keys: / },
  'proto-rule': { key: 'effort.constructor', expected: 'unknown rule id' },
  'zero-cost': { key: 'devCostMinutesPerLine', expected: 'must be > 0, got number 0' },
  'unknown-layer': { key: 'layers.0.allow', expected: 'no layer named "shraed"; did you mean "shared"?' },
  'not-json': { key: null, expected: /^is not valid JSON \(Expected double-quoted property name in JSON at position 25\)$/ },
  'array-root': { key: null, expected: 'expected a JSON object, got an array' },
  binary: { key: null, expected: /^is not valid JSON \(/ },
};

describe('an invalid plumbline.config.json: exit 2 with the file and the key', () => {
  for (const [name, { key, expected }] of Object.entries(CASES)) {
    it(name, async () => {
      const root = project(name);
      const { out, handle } = io(root);
      expect(await main(['scan'], handle)).toBe(2);
      expect(out.stdout).toBe('');
      const prefix = `plumbline: configuration error: ${join(root, 'plumbline.config.json')}: ${key === null ? 'the file' : `key "${key}"`}: `;
      expect(out.stderr.startsWith(prefix), out.stderr).toBe(true);
      const rest = out.stderr.slice(prefix.length).replace(/\n$/, '');
      if (typeof expected === 'string') expect(rest).toBe(expected);
      else expect(rest).toMatch(expected);
      expect(out.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(out.stderr).not.toContain('    at ');
    });
  }

  it('a config with a BOM (as Windows editors save it) is read', async () => {
    const root = project('bom-valid');
    const { out, handle } = io(root);
    expect(await main(['scan', '--format', 'json'], handle)).toBe(0);
    expect(JSON.parse(out.stdout).summary.files).toBe(1);
  });

  it('every command that reads the config stops the same way: check, baseline, trend, report', async () => {
    const root = project('wrong-type');
    writeFileSync(join(root, 'plumbline.baseline.json'), '{\n  "version": 1,\n  "tool": "plumbline",\n  "entries": [\n  ]\n}\n');
    for (const argv of [
      ['check', '--baseline', 'plumbline.baseline.json'],
      ['baseline', 'update'],
      ['trend'],
      ['report', '--format', 'html'],
    ]) {
      const { out, handle } = io(root);
      expect(await main(argv, handle), argv.join(' ')).toBe(2);
      expect(out.stderr, argv.join(' ')).toContain(
        `${join(root, 'plumbline.config.json')}: key "include": expected array, got string "src/**"`,
      );
    }
  });

  it('--config naming a missing file or a directory is exit 2 with the path', async () => {
    const root = project('bom-valid');
    const missing = io(root);
    expect(await main(['scan', '--config', 'nope.json'], missing.handle)).toBe(2);
    expect(missing.out.stderr).toBe(`plumbline: configuration error: ${join(root, 'nope.json')}: the file: file not found\n`);
    const dir = io(root);
    expect(await main(['scan', '--config', 'src'], dir.handle)).toBe(2);
    expect(dir.out.stderr).toMatch(new RegExp(`^plumbline: configuration error: ${join(root, 'src')}: the file: cannot be read \\(EISDIR`));
  });

  it('terminal escapes in a broken config never reach the terminal (regression: the JSON parser quoted them raw)', async () => {
    const root = project('bom-valid');
    writeFileSync(join(root, 'plumbline.config.json'), '\u001b]0;owned\u0007\u001b[2J\u202e{}');
    const { out, handle } = io(root);
    expect(await main(['scan'], handle)).toBe(2);
    expect(out.stderr).toContain('is not valid JSON');
    expect(out.stderr).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(out.stderr).toContain('\uFFFD]0;owned\uFFFD');
  });

  it('a directory that does not exist is exit 2 with its path, not a stack trace (regression)', async () => {
    const root = project('bom-valid');
    const { out, handle } = io(root);
    expect(await main(['scan', 'no/such/dir'], handle)).toBe(2);
    expect(out.stderr).toMatch(new RegExp(`^plumbline scan: ${join(root, 'no/such/dir')} is not a directory\\n`));
    expect(out.stderr).not.toContain('    at ');
  });
});

describe('an invalid baseline file: exit 2 with the file and the entry', () => {
  const entry = (over: object) =>
    `{ "version": 1, "entries": [ ${JSON.stringify({ fingerprint: 'abc123', ruleId: 'pass-through-function', category: 'abstraction', count: 1, debtMinutes: 10, files: { 'src/a.ts': 1 }, ...over })} ] }`;
  const cases: Record<string, [string, string]> = {
    'not JSON': ['{ "version": 1, ', 'the file: not valid JSON'],
    'a newer version': ['{ "version": 2, "entries": [] }', 'key "version": expected 1, got 2'],
    'entries not an array': ['{ "version": 1, "entries": {} }', 'key "entries": expected an array'],
    'a fingerprint that is not hex': [entry({ fingerprint: '$(touch pwned)' }), 'key "entries.0.fingerprint": expected a hex string'],
    'counts per file that do not add up': [entry({ count: 2 }), 'key "entries.0.files": the counts per file add up to 1, not to count 2'],
    'a negative count in a file': [entry({ files: { 'src/a.ts': -1 } }), 'key "entries.0.files.src/a.ts": expected a whole number >= 1'],
    'an unknown category': [
      entry({ category: 'vibes' }),
      'key "entries.0.category": expected one of duplication, magic-value, abstraction, drift, design-system',
    ],
  };
  for (const [name, [text, message]] of Object.entries(cases)) {
    it(name, async () => {
      const root = project('bom-valid');
      writeFileSync(join(root, 'plumbline.baseline.json'), text);
      const { out, handle } = io(root);
      expect(await main(['check'], handle)).toBe(2);
      expect(out.stderr).toContain(`plumbline: configuration error: ${join(root, 'plumbline.baseline.json')}: ${message}`);
    });
  }
});
