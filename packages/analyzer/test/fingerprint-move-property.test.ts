// Property-based test of fingerprints through the whole analyzer (issue 10): the same code moved to any
// path, pushed down by any header of comments and blank lines, and reformatted with any whitespace keeps
// every fingerprint; the finding's line moves with it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '@plumbline/core';
import { analyze } from '../src/analyze.js';
import type { FileSource } from '../src/analyze.js';

function analyseFiles(files: Record<string, string>) {
  const source: FileSource = { paths: Object.keys(files).sort(), read: (p) => Buffer.from(files[p]!) };
  // pass-through-function, the finding followed here, is of the all preset
  return analyze({ root: '/virtual', config: { ...defaultConfig(), preset: 'all' }, cache: null, source }).result;
}

const ident = fc
  .stringMatching(/^[a-z][a-zA-Z0-9]{2,10}$/)
  .filter((s) => !['return', 'function', 'export', 'import', 'const', 'from', 'new', 'typeof'].includes(s));
const ws = fc.constantFrom(' ', '  ', '\n', '\n    ', '\t', '\r\n  ');
const header = fc.array(fc.constantFrom('', '// a note', '/* a block\n   comment */', '/** docs */', '   '), { maxLength: 12 });
const dirs = fc.array(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { minLength: 1, maxLength: 4 });

/** A wrapper (one pass-through-function finding) and its target, written with the given whitespace. */
function wrapperCode(name: string, target: string, params: string[], gap: (i: number) => string): string {
  return `import { ${target} } from './repo';\n\nexport function ${name}(${params.join(`,${gap(1)}`)}) {${gap(2)}return ${target}(${params.join(`,${gap(3)}`)});${gap(4)}}\n`;
}

describe('fingerprints through the analyzer (property-based)', () => {
  it('survive a move to any path, any header above, and any reformatting', () => {
    fc.assert(
      fc.property(
        ident,
        ident,
        fc.uniqueArray(ident, { minLength: 1, maxLength: 4 }),
        header,
        dirs,
        fc.array(ws, { minLength: 5, maxLength: 5 }),
        fc.constantFrom('.ts', '.tsx'),
        (name, target, params, head, dir, gaps, ext) => {
          fc.pre(name !== target && !params.includes(name) && !params.includes(target));
          const repo = `export function ${target}(...args: unknown[]) {\n  return args;\n}\n`;
          const original = analyseFiles({ 'src/repo.ts': repo, 'src/a.ts': wrapperCode(name, target, params, () => ' ') });
          const prefix = head.length ? `${head.join('\n')}\n` : '';
          const movedPath = `${dir.join('/')}/moved${ext}`;
          const moved = analyseFiles({
            [`${dir.join('/')}/repo.ts`]: repo,
            [movedPath]: `${prefix}${wrapperCode(name, target, params, (i) => gaps[i]!)}`,
          });
          const a = original.findings.filter((f) => f.file === 'src/a.ts');
          const b = moved.findings.filter((f) => f.file === movedPath);
          expect(a.map((f) => f.ruleId)).toContain('pass-through-function');
          expect(b.map((f) => [f.ruleId, f.fingerprint]).sort()).toEqual(a.map((f) => [f.ruleId, f.fingerprint]).sort());
          const shift = prefix.split('\n').length - 1;
          const pa = a.find((f) => f.ruleId === 'pass-through-function')!;
          const pb = b.find((f) => f.ruleId === 'pass-through-function')!;
          expect(pb.line).toBe(pa.line + shift);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('differ when the wrapped call differs', () => {
    fc.assert(
      fc.property(ident, ident, ident, fc.uniqueArray(ident, { minLength: 1, maxLength: 3 }), (name, t1, t2, params) => {
        fc.pre(new Set([name, t1, t2]).size === 3 && ![name, t1, t2].some((x) => params.includes(x)));
        const repo = `export function ${t1}(...a: unknown[]) {\n  return a;\n}\nexport function ${t2}(...a: unknown[]) {\n  return a;\n}\n`;
        const fp = (t: string) =>
          analyseFiles({ 'src/repo.ts': repo, 'src/a.ts': wrapperCode(name, t, params, () => ' ') }).findings.find(
            (f) => f.ruleId === 'pass-through-function',
          )!.fingerprint;
        expect(fp(t1)).not.toBe(fp(t2));
      }),
      { numRuns: 30 },
    );
  });
});
