import { describe, expect, it } from 'vitest';
import { scanFixture, where } from '../abstraction-helpers.js';

describe('one-use-factory', () => {
  it('reports factories and builders used once that always build one project class', () => {
    const { findings } = scanFixture('one-use-factory');
    expect(findings.map(where)).toEqual(['one-use-factory src/services.ts:14:17', 'one-use-factory src/services.ts:41:14']);
    expect(findings.map((f) => f.related.map((r) => `${r.file}:${r.line}`))).toEqual([
      ['src/main.ts:7', 'src/services.ts:3'],
      ['src/main.ts:11', 'src/services.ts:37'],
    ]);
  });
});

describe('one-use-factory through re-exports', () => {
  it('counts the uses that reach a factory through barrels, aliases, export *, namespace imports and named imports of export * as', () => {
    const { findings } = scanFixture('one-use-factory-barrels');
    // two uses each: createMailer (by name, and as makeMailer of a barrel), createCache (through export *, and as
    // all.createCache), createQueue (by name, and as factories.createQueue of `export * as factories`)
    const found = findings.filter((f) => f.ruleId === 'one-use-factory');
    expect(found.map(where)).toEqual(['one-use-factory src/factory.ts:17:17', 'one-use-factory src/factory.ts:40:17']);
    expect(found[0]!.related.map((r) => `${r.file}:${r.line}`)).toEqual(['src/c.ts:5', 'src/factory.ts:4']);
    // createTimer: its one use is a member of the named import `factories`
    expect(found[1]!.related.map((r) => `${r.file}:${r.line}`)).toEqual(['src/d.ts:6', 'src/factory.ts:35']);
  });
});
