import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { collectTsStyleValues } from '../src/tokens/collect.js';

const parse = (text: string) => ts.createSourceFile('a.tsx', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
const SOURCE = `export const A = () => <div className="p-[13px]" style={{ color: 'red', margin: 7 }} />;`;

describe('collectTsStyleValues, once per tree', () => {
  it('walks a tree once per options and returns a new array of the same occurrences each time', () => {
    const sf = parse(SOURCE);
    const first = collectTsStyleValues(ts, sf);
    expect(first.map((o) => o.atom.text)).toEqual(['13px', '7']);
    first.push(first[0]!); // a caller adds to its array (the check adds palette literals)
    const second = collectTsStyleValues(ts, sf);
    expect(second).not.toBe(first);
    expect(second).toHaveLength(2);
    expect(second[0]).toBe(first[0]); // the same occurrence objects: not walked again
    expect(second[1]).toBe(first[1]);
  });

  it('tells the options apart, and a tree parsed again from its own walk', () => {
    const sf = parse(SOURCE);
    const plain = collectTsStyleValues(ts, sf);
    const named = collectTsStyleValues(ts, sf, { namedColors: true });
    expect(named.map((o) => o.atom.text)).toEqual(['13px', 'red', '7']);
    expect(collectTsStyleValues(ts, sf, { namedColors: false })[0]).toBe(plain[0]);
    expect(collectTsStyleValues(ts, sf, { namedColors: true })[1]).toBe(named[1]);
    const again = collectTsStyleValues(ts, parse(SOURCE));
    expect(again[0]).not.toBe(plain[0]);
    expect(again).toEqual(plain.map((o) => expect.objectContaining({ atom: o.atom, property: o.property })));
  });
});
