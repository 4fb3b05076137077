// Written again: check names the existing code that a function added by the change duplicates.
import { describe, expect, it } from 'vitest';
import type { Finding } from '@plumbline/core';
import { check } from '../src/check.js';
import { copyPlaces, writtenAgain } from '../src/written-again.js';
import { Repo, STRICT_CONFIG } from './git-repo.js';

const finding = (message: string, related: Finding['related']): Finding => ({
  ruleId: 'copied-code',
  category: 'duplication',
  severity: 'warning',
  message,
  file: 'lib/strings.ts',
  line: 3,
  column: 1,
  endLine: 20,
  endColumn: 2,
  effortMinutes: 15,
  fingerprint: 'f',
  related,
});

describe('written again', () => {
  const near = finding('`capitalizeWords` (18 lines) is copied with names changed in 2 places: here and src/format.ts:1 (`toTitleCase`).', [
    { file: 'src/format.ts', line: 1, message: 'copy 2 of 2: `toTitleCase`, lines 1-18 (similarity 0.91; `words` -> `parts`)' },
  ]);

  it('reads the places of a copied-code finding, with names and similarities', () => {
    expect(copyPlaces(near)).toEqual([
      { file: 'lib/strings.ts', line: 3, endLine: 20, name: 'capitalizeWords', similarity: 1 },
      { file: 'src/format.ts', line: 1, endLine: 18, name: 'toTitleCase', similarity: 0.91 },
    ]);
  });

  it('names the existing code when the change added the other copy, and nothing when the change added none', () => {
    const [w] = writtenAgain([near], (p) => p.file === 'src/format.ts');
    expect(w!.message).toBe(
      '`toTitleCase` in this change duplicates `capitalizeWords` in lib/strings.ts:3 (similarity 0.91): reuse it instead of writing it again.',
    );
    expect(writtenAgain([near], () => false)).toEqual([]);
    // both copies in the change: nothing existing to point at
    expect(writtenAgain([near], () => true)).toEqual([]);
  });

  it('names a verbatim block by its lines', () => {
    const exact = finding('18 lines (140 tokens) are copied in 2 places: here and src/b.ts:4. Extract the code once and reuse it.', [
      { file: 'src/b.ts', line: 4, message: 'copy 2 of 2: lines 4-21 (18 lines, 140 tokens)' },
    ]);
    expect(writtenAgain([exact], (p) => p.file === 'src/b.ts')[0]!.message).toBe(
      'lines 4-21 in this change duplicate lines 3-20 in lib/strings.ts:3: reuse them instead of writing them again.',
    );
  });

  it('check on a branch that adds a renamed copy of an existing helper names the helper', async () => {
    const helper = (name: string, v: string[]) =>
      [
        `export function ${name}(${v[0]}: string, ${v[1]} = ['a', 'an', 'the', 'of', 'in']): string {`,
        `  const ${v[2]} = ${v[0]}.trim().split(/\\s+/);`,
        `  const ${v[3]}: string[] = [];`,
        `  for (let ${v[4]} = 0; ${v[4]} < ${v[2]}.length; ${v[4]}++) {`,
        `    const ${v[5]} = ${v[2]}[${v[4]}]!.toLowerCase();`,
        `    if (${v[4]} > 0 && ${v[1]}.includes(${v[5]})) {`,
        `      ${v[3]}.push(${v[5]});`,
        '      continue;',
        '    }',
        `    if (${v[5]}.includes('-')) {`,
        `      ${v[3]}.push(${v[5]}.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('-'));`,
        '      continue;',
        '    }',
        `    ${v[3]}.push(${v[5]}.charAt(0).toUpperCase() + ${v[5]}.slice(1));`,
        '  }',
        `  const ${v[6]} = ${v[3]}.join(' ');`,
        `  return ${v[6]}.length > 200 ? ${v[6]}.slice(0, 200) : ${v[6]};`,
        '}',
        '',
      ].join('\n');
    const repo = new Repo({
      ...STRICT_CONFIG,
      'lib/strings.ts': `export const SEP = ' ';\n\n${helper('capitalizeWords', ['text', 'minor', 'words', 'out', 'i', 'word', 'joined'])}`,
      'src/app.ts': 'export const app = 1;\n',
    });
    repo.commit('base');
    repo.branch('feature');
    repo.write({ 'src/format.ts': helper('toTitleCase', ['input', 'small', 'parts', 'result', 'k', 'part', 'title']) });
    repo.commit('add a title helper');
    const outcome = await check({ root: repo.root, base: 'main', cache: false });
    const copied = outcome.comparison.new.filter((f) => f.ruleId === 'copied-code');
    expect(copied).toHaveLength(1);
    expect(copied[0]!.message).toMatch(
      /^`toTitleCase` in this change duplicates `capitalizeWords` in lib\/strings\.ts:3 \(similarity 0\.9\d\): reuse it/,
    );
  });
});
