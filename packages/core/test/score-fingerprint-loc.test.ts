import { describe, expect, it } from 'vitest';
import { computeScore } from '../src/score.js';
import { fingerprint, normalizeCode } from '../src/fingerprint.js';
import { countLinesOfCode } from '../src/loc.js';
import { blobHash } from '../src/hash.js';

describe('score', () => {
  it('sums effort per category and divides by lines x cost', () => {
    const s = computeScore(
      [
        { category: 'magic-value', effortMinutes: 5 },
        { category: 'magic-value', effortMinutes: 5 },
        { category: 'duplication', effortMinutes: 20 },
      ],
      100,
      3,
    );
    expect(s.debtMinutes).toBe(30);
    expect(s.debtRatio).toBe(0.1);
    expect(s.byCategory['magic-value']).toEqual({ findings: 2, debtMinutes: 10 });
    expect(s.byCategory.drift).toEqual({ findings: 0, debtMinutes: 0 });
  });
  it('has ratio 0 for an empty tree', () => {
    expect(computeScore([], 0).debtRatio).toBe(0);
  });
});

describe('fingerprint', () => {
  it('survives whitespace and line-break changes', () => {
    expect(fingerprint('r', 'color:  "#fff" ;', 'A.b')).toBe(fingerprint('r', 'color:"#fff";', 'A.b'));
    expect(fingerprint('r', 'foo(a,\n   b)', 'A')).toBe(fingerprint('r', 'foo( a, b )', 'A'));
    expect(normalizeCode('  a  =  b + c ')).toBe('a=b+c');
  });
  it('differs by rule, code and enclosing symbol, never by anything else', () => {
    const base = fingerprint('r', 'x', 'A.b');
    expect(fingerprint('s', 'x', 'A.b')).not.toBe(base);
    expect(fingerprint('r', 'y', 'A.b')).not.toBe(base);
    expect(fingerprint('r', 'x', 'A.c')).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{20}$/);
  });
});

describe('lines of code', () => {
  it('counts non-blank, non-comment lines', () => {
    const text = [
      '// a comment',
      'const a = 1; // trailing',
      '',
      '/* block',
      '   still comment */',
      'const s = "// not a comment";',
      'const t = `line one',
      '',
      'line three`;',
      '/* x */ const b = 2;',
      '   ',
    ].join('\n');
    expect(countLinesOfCode(text)).toBe(6);
  });
  it('handles CRLF and a BOM', () => {
    expect(countLinesOfCode('\uFEFFconst a = 1;\r\n\r\n// c\r\nconst b = 2;\r\n')).toBe(2);
  });
});

describe('blobHash', () => {
  it('equals git hash-object', () => {
    // `printf 'hello\n' | git hash-object --stdin`
    expect(blobHash(Buffer.from('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });
});
