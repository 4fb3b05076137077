import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadTypeScript, parseSource, quickNamespace, typescript } from '../src/parse.js';

const require = createRequire(import.meta.url);

describe('the TypeScript namespace the analyzer passes around', () => {
  it('is the module read through plain values: the same functions, objects and values', () => {
    const mod = require('typescript') as Record<string, unknown>;
    const quick = quickNamespace(mod as never) as unknown as Record<string, unknown>;
    const names = Object.keys(mod);
    expect(names.length).toBeGreaterThan(1000);
    for (const name of names) if (quick[name] !== mod[name]) expect.fail(`${name} differs`);
    expect(Object.getOwnPropertyNames(quick)).toEqual([]); // every name is on the chain of prototypes
    expect(quick.SyntaxKind).toBe(mod.SyntaxKind);
  });

  it('is what loadTypeScript() gives, and it parses; the lazy proxy still lists the module', () => {
    const ts = loadTypeScript();
    expect(ts).not.toBe(require('typescript'));
    const { sourceFile } = parseSource('a.tsx', 'export const A = () => <div className="p-2" />;');
    const first = sourceFile!.statements[0]!;
    expect(ts.isVariableStatement(first)).toBe(true);
    expect(first.kind).toBe(ts.SyntaxKind.VariableStatement);
    expect(Object.keys(typescript)).toEqual(Object.keys(require('typescript') as object));
    expect(typescript.isIdentifier).toBe(ts.isIdentifier);
  });
});
