// Hostile token files (issue 10): alias cycles, missing references, wrong types, prototype keys, chains
// deep enough to overflow a recursive resolver, documents nested 100,000 deep. Each problem is an error
// naming the file and the token; the good tokens of the same file still load; nothing throws.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadJsonTokens, MAX_ALIAS_DEPTH } from '../src/tokens/json.js';
import { loadTokens } from '../src/tokens/load.js';

const HOSTILE = join(import.meta.dirname, '../../../fixtures/hostile/project');

function tokenTable(root: string, files: string[]) {
  const r = loadTokens(root, { files });
  return { errors: r.errors, tokens: new Map(r.settings.tokens.map((t) => [`${t.file}#${t.path}`, t])) };
}

describe('hostile token files', () => {
  const { errors, tokens } = tokenTable(HOSTILE, [
    'tokens/broken.tokens.json',
    'tokens/not-json.tokens.json',
    'tokens/array-root.tokens.json',
    'tokens/theme.css',
    'tokens/broken.css',
  ]);
  const messages = (file: string) => errors.filter((e) => e.file === file).map((e) => e.message);

  it('alias cycles of one, two and three tokens are errors naming the cycle', () => {
    expect(messages('tokens/broken.tokens.json')).toEqual(
      expect.arrayContaining([
        'token "color.self": alias cycle: color.self -> color.self',
        'token "color.ping": alias cycle: color.ping -> color.pong -> color.ping',
        'token "color.one": alias cycle: color.one -> color.two -> color.three -> color.one',
      ]),
    );
    expect(messages('tokens/theme.css')).toEqual([
      'token "--self": alias cycle: --self -> --self',
      'token "--ping": alias cycle: --ping -> --pong -> --ping',
    ]);
    for (const path of ['color.self', 'color.ping', 'color.pong', 'color.one', 'color.two', 'color.three']) {
      expect(tokens.has(`tokens/broken.tokens.json#${path}`), path).toBe(false);
    }
  });

  it('missing references are errors naming the token and the reference, whole or inside a value', () => {
    expect(messages('tokens/broken.tokens.json')).toEqual(
      expect.arrayContaining([
        'token "color.missing": missing reference {color.nowhere}',
        'token "color.missing-inside": missing reference {color.nowhere-else}',
        'token "spacing.unit-object": missing reference {spacing.nope}',
      ]),
    );
  });

  it('values of no token type (booleans, null, unknown objects, mixed arrays, unknown color spaces) are dropped without a crash', () => {
    for (const path of ['color.bool', 'color.null', 'color.object', 'color.array', 'color.bad-space', 'color.nan-components']) {
      expect(tokens.has(`tokens/broken.tokens.json#${path}`), path).toBe(false);
    }
  });

  it('the good tokens of the same files still load, aliases resolved', () => {
    expect(tokens.get('tokens/broken.tokens.json#color.ok')?.value).toBe('#123456');
    expect(tokens.get('tokens/broken.tokens.json#color.alias-ok')).toMatchObject({ value: '#123456', aliasOf: 'color.ok' });
    expect(tokens.get('tokens/broken.tokens.json#spacing.good')?.value).toBe('4px');
    expect(tokens.get('tokens/theme.css#brand')?.value).toBe('#ff0000');
    expect(tokens.get('tokens/theme.css#fallback')?.value).toBe('#00ff00');
  });

  it('"__proto__" and "constructor" are token names like any other: no prototype is touched', () => {
    expect(tokens.get('tokens/broken.tokens.json#__proto__')?.value).toBe('#000001');
    expect(tokens.get('tokens/broken.tokens.json#constructor')?.value).toBe('#000002');
    expect(({} as Record<string, unknown>).$value).toBeUndefined();
  });

  it('a file that is not JSON, and a CSS file that does not parse, are errors with the reason', () => {
    expect(messages('tokens/not-json.tokens.json')).toEqual([expect.stringMatching(/^not valid JSON \(/)]);
    expect(messages('tokens/broken.css')).toEqual(['CSS syntax error at 1:1: Unclosed block']);
    expect(messages('tokens/array-root.tokens.json')).toEqual([]);
  });
});

describe('alias chains deeper than the resolver follows (regression: they overflowed the stack and lost every token)', () => {
  const chainJson = (n: number) => {
    const chain: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) chain[`t${i}`] = { $type: 'color', $value: i === n - 1 ? '#4a90e2' : `{chain.t${i + 1}}` };
    return JSON.stringify({ chain, ok: { $type: 'color', $value: '#010203' } });
  };
  const chainCss = (n: number) =>
    `:root {\n  --ok: #010203;\n${Array.from({ length: n }, (_, i) => `  --v${i}: ${i === n - 1 ? '#fff' : `var(--v${i + 1})`};`).join('\n')}\n}\n`;

  it('JSON: one error for the file, the rest of its tokens load', () => {
    const r = loadJsonTokens(chainJson(5_000), 'chain.tokens.json');
    expect(r.errors).toEqual([
      {
        file: 'chain.tokens.json',
        message: `token "chain.t0": alias chain deeper than ${MAX_ALIAS_DEPTH} references (chain.t0 -> chain.t1 -> chain.t2 -> …)`,
      },
    ]);
    expect(r.tokens.find((t) => t.path === 'ok')?.value).toBe('#010203');
    // the last link is a plain value: it loads
    expect(r.tokens.find((t) => t.path === 'chain.t4999')?.value).toBe('#4a90e2');
  });

  it('CSS custom properties: the same', () => {
    const root = mkdtempSync(join(tmpdir(), 'plumbline-hostile-tokens-'));
    writeFileSync(join(root, 'tokens.css'), chainCss(5_000));
    const r = loadTokens(root, { files: ['tokens.css'] });
    expect(r.errors).toEqual([
      { file: 'tokens.css', message: `token "--v0": alias chain deeper than ${MAX_ALIAS_DEPTH} references (--v0 -> --v1 -> --v2 -> …)` },
    ]);
    expect(r.settings.tokens.find((t) => t.path === 'ok')?.value).toBe('#010203');
  });

  it('a chain within the limit resolves fully', () => {
    const r = loadJsonTokens(chainJson(MAX_ALIAS_DEPTH), 'chain.tokens.json');
    expect(r.errors).toEqual([]);
    expect(r.tokens.find((t) => t.path === 'chain.t0')).toMatchObject({ value: '#4a90e2', aliasOf: 'chain.t1' });
  });

  it('a document nested 100,000 deep parses and yields no tokens, without throwing', () => {
    const deep = `${'{"a":'.repeat(100_000)}{"$value":"#fff"}${'}'.repeat(100_000)}`;
    expect(loadJsonTokens(deep, 'deep.tokens.json')).toEqual({ tokens: [], errors: [] });
  });
});
