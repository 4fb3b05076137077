import { describe, expect, it } from 'vitest';
import { analyzeDrift, findings } from './fixture.js';

describe('layers', () => {
  it('reports an import across a disallowed layer direction, type imports included', () => {
    const out = analyzeDrift('layer-violation');
    expect(findings(out)).toEqual([
      {
        ruleId: 'layer-violation',
        file: 'src/features/cart.ts',
        line: 2,
        column: 23,
        endLine: 2,
        endColumn: 37,
        message: 'Layer features may import only from features, shared; this imports src/server/db.ts, in layer server.',
        related: ['src/server/db.ts:1', 'plumbline.config.json:1'],
      },
      {
        ruleId: 'layer-violation',
        file: 'src/features/cart.ts',
        line: 3,
        column: 26,
        endLine: 3,
        endColumn: 40,
        message: 'Layer features may import only from features, shared; this imports src/server/db.ts, in layer server.',
        related: ['src/server/db.ts:1', 'plumbline.config.json:1'],
      },
    ]);
  });

  it('stays quiet on imports a layer may make (itself, its allowed layers) and on code outside every layer', () => {
    const at = findings(analyzeDrift('layer-violation'), 'layer-violation').map((f) => `${f.file}:${f.line}`);
    expect(at).not.toContain('src/features/cart.ts:1'); // features -> shared, allowed
    expect(at.some((a) => a.startsWith('src/features/list.ts'))).toBe(false); // features -> shared and features -> features
    expect(at.some((a) => a.startsWith('src/main.ts'))).toBe(false); // outside every layer: unconstrained
  });

  it('says nothing in a project without layers', () => {
    expect(findings(analyzeDrift('quiet'), 'layer-violation')).toEqual([]);
  });
});
