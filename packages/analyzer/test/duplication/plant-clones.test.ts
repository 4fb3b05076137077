import { describe, expect, it } from 'vitest';
import ts from 'typescript';
// @ts-expect-error: a plain ES module script without types
import { changeStatements, renameAll, rng } from '../../../../scripts/plant-clones.mjs';

const unit = { name: 'summarise', arrow: false };

/** Syntax errors of a planted unit's code, parsed as a file would hold it. */
function syntaxErrors(code: string): number {
  const sf = ts.createSourceFile('u.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
}

describe('plant-clones: the planted copies do what their original does', () => {
  it('type-2 keeps the field a destructuring reads: `{ total }` becomes `{ total: totalCopy }`', () => {
    const code = 'function summarise(order) {\n  const { total, lines } = order;\n  return { total, count: lines.length };\n}';
    expect(renameAll(unit, code)).toBe(
      'function summariseCopy(orderCopy) {\n  const { total: totalCopy, lines: linesCopy } = orderCopy;\n  return { total: totalCopy, count: linesCopy.length };\n}',
    );
  });

  it('type-3 never changes a statement and one nested in it (the edits would overlap and garble the copy)', () => {
    const code = [
      'function summarise(items) {',
      '  let sum = 0;',
      '  for (const item of items) {',
      '    if (item.skip) {',
      '      continue;',
      '    }',
      '    sum += item.total;',
      '  }',
      '  return sum;',
      '}',
    ].join('\n');
    for (let seed = 1; seed <= 200; seed++) {
      const changed = changeStatements(unit, code, rng(seed));
      expect(syntaxErrors(changed), `seed ${seed}:\n${changed}`).toBe(0);
    }
  });
});
