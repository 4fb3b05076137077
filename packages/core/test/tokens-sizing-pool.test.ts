import { describe, expect, it } from 'vitest';
import { judgeAtom, tokenIndex } from '../src/tokens/match.js';
import type { TokenSettings } from '../src/tokens/types.js';

const length = (px: number) => ({
  kind: 'length' as const,
  family: 'sizing' as const,
  text: `${px}px`,
  key: `${px}px`,
  number: px,
  unit: 'px',
  start: 0,
  end: String(px).length + 2,
});

describe('sizes against size and spacing tokens', () => {
  // a Tailwind 4 project: the default spacing scale and container widths (sizing tokens) side by side
  const settings: TokenSettings = {
    files: [],
    templates: {},
    tailwind: { version: 4 },
    tokens: [
      { path: 'spacing.10', value: '2.5rem', family: 'spacing', file: 'tailwind:defaults', tailwind: { namespace: 'spacing', key: '10' } },
      { path: 'spacing.5', value: '1.25rem', family: 'spacing', file: 'tailwind:defaults', tailwind: { namespace: 'spacing', key: '5' } },
      { path: 'spacing.12', value: '3rem', family: 'spacing', file: 'tailwind:defaults', tailwind: { namespace: 'spacing', key: '12' } },
      {
        path: 'container-md',
        cssVar: '--container-md',
        value: '28rem',
        family: 'sizing',
        file: 'src/app.css',
        tailwind: { namespace: 'container', key: 'md' },
      },
    ],
  };
  const index = tokenIndex(settings);

  it('finds w-10 for w-[40px] although the project has container widths', () => {
    const verdict = judgeAtom(index, length(40), 'className', undefined, { namespace: 'spacing', filePath: 'src/a.tsx' });
    expect(verdict?.kind).toBe('exact');
    expect(verdict?.kind === 'exact' && verdict.tokens.map((t) => t.path)).toEqual(['spacing.10']);
  });

  it('still finds a container width, and nothing for a size off both scales', () => {
    const wide = judgeAtom(index, length(448), 'className', undefined, { filePath: 'src/a.tsx' });
    expect(wide?.kind === 'exact' && wide.tokens.map((t) => t.path)).toEqual(['container-md']);
    expect(judgeAtom(index, length(41), 'className', undefined, { namespace: 'spacing', filePath: 'src/a.tsx' })).toBeNull();
  });
});
