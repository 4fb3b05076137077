import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from './fixture.js';

describe('design-system: deep imports into an npm design system (config designSystem.packages)', () => {
  const out = analyzeFixture('design-system', 'deep-import');

  it('reports imports, re-exports and dynamic imports through build or source directories', () => {
    expect(findingsOf(out, 'design-system-deep-import').map((f) => [f.file, f.line, f.column, f.endColumn, f.message])).toEqual([
      [
        'src/page.tsx',
        1,
        24,
        49,
        "`@vendor/kit/dist/button` reaches into the design system's internals, which may change without notice; import from `@vendor/kit`, its public entry point.",
      ],
      [
        'src/page.tsx',
        4,
        22,
        44,
        "`@vendor/kit/esm/link` reaches into the design system's internals, which may change without notice; import from `@vendor/kit`, its public entry point.",
      ],
      [
        'src/page.tsx',
        7,
        34,
        57,
        "`@vendor/kit/src/input` reaches into the design system's internals, which may change without notice; import from `@vendor/kit`, its public entry point.",
      ],
    ]);
  });

  it('stays quiet on public subpaths and in tests', () => {
    const lines = findingsOf(out, 'design-system-deep-import').map((f) => `${f.file}:${f.line}`);
    expect(lines).not.toContain('src/page.tsx:2');
    expect(lines.some((l) => l.startsWith('src/page.test.tsx'))).toBe(false);
  });
});
