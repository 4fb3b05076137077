// The pure check formatters: Markdown (PR comment / step summary) and GitHub workflow commands.
import { describe, expect, it } from 'vitest';
import { CATEGORIES, docsUrl } from '@plumbline/core';
import type { Finding, ScanResult, Summary } from '@plumbline/core';
import type { CheckOutcome } from '../src/check.js';
import { formatGithub } from '../src/formatters/check/github.js';
import { COMMENT_MARKER, formatCheckMarkdown } from '../src/formatters/check/markdown.js';
import { formatCheckPretty } from '../src/formatters/check/pretty.js';
import { githubData, githubProperty, markdownMessage } from '../src/formatters/text-safety.js';
import { evaluateGate, matchFindings, occurrencesOf, parseThresholds } from '../src/gate.js';

function f(over: Partial<Finding>): Finding {
  return {
    ruleId: 'pass-through-function',
    category: 'abstraction',
    severity: 'warning',
    message: 'm',
    file: 'src/a.ts',
    line: 3,
    column: 17,
    endLine: 3,
    endColumn: 28,
    effortMinutes: 10,
    fingerprint: 'aa',
    related: [],
    ...over,
  };
}

function summary(findings: Finding[], linesOfCode: number): Summary {
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { findings: 0, debtMinutes: 0 }])) as Summary['byCategory'];
  let debt = 0;
  for (const x of findings) {
    byCategory[x.category].findings++;
    byCategory[x.category].debtMinutes += x.effortMinutes;
    debt += x.effortMinutes;
  }
  const debtRatio = debt / (linesOfCode * 30);
  return {
    files: 2,
    linesOfCode,
    debtMinutes: debt,
    debtRatio,
    rating: debtRatio <= 0.05 ? 'A' : 'B',
    byCategory,
    designSystemAdoption: null,
    driftIndex: 0,
  };
}

function outcome(base: Finding[], head: Finding[], flags: string[][] = [[], []], errors: ScanResult['errors'] = []): CheckOutcome {
  const thresholds = parseThresholds(flags[0]!, flags[1]!);
  const comparison = matchFindings(occurrencesOf(base), head);
  const verdict = evaluateGate(comparison.new, thresholds);
  const hs = summary(head, 100);
  const bs = summary(base, 100);
  return {
    passed: verdict.passed,
    verdict,
    thresholds,
    headCommit: null,
    comparison,
    head: {
      schemaVersion: 1,
      tool: { name: 'plumbline', version: '0' },
      root: '/r',
      commit: null,
      summary: hs,
      findings: head,
      errors,
      skipped: [],
      metrics: {},
    },
    base: {
      kind: 'commit',
      ref: 'origin/main',
      commit: '0123456789abcdef0123456789abcdef01234567',
      summary: bs,
      totals: { findings: base.length, debtMinutes: bs.debtMinutes, byCategory: bs.byCategory },
    },
    stats: { head: { parsed: 0, fromCache: 0, factsMs: 0, detectorsMs: 0 }, base: null },
  };
}

const old = f({ fingerprint: 'old', file: 'src/old.ts' });
const gone = f({ fingerprint: 'gone', file: 'src/gone.ts', line: 7 });
const color = f({
  ruleId: 'hard-coded-style-value',
  category: 'magic-value',
  fingerprint: 'c1',
  file: 'src/Badge.tsx',
  line: 12,
  endLine: 12,
  effortMinutes: 5,
  message: 'Hard-coded color `#ff0000` in `style.color`: use `var(--color-danger)` (ΔE 0.0).',
});
const copy = f({
  ruleId: 'copied-code',
  category: 'duplication',
  fingerprint: 'cp',
  file: 'src/x|y.tsx',
  line: 4,
  effortMinutes: 15,
  message: 'Block copied <3 times>: *see* [the original] | `a|b`',
  related: [
    { file: 'src/orig.tsx', line: 40, message: 'original' },
    { file: 'src/b.tsx', line: 2, message: '' },
  ],
});

describe('markdown summary', () => {
  it('shows the verdict, the failed threshold, the score delta and new findings grouped by category', () => {
    const md = formatCheckMarkdown(outcome([old, gone], [old, color, copy]));
    expect(md.startsWith(`${COMMENT_MARKER}\n## ❌ plumbline: this change adds 2 findings (20 min of debt)\n`)).toBe(true);
    expect(md).toContain('Compared with `0123456789ab`, the merge-base with `origin/main`');
    expect(md).toContain('- ❌ 2 new findings, more than the 0 allowed (--max-new-findings 0)');
    expect(md).toContain('| findings | 2 | 3 | +1 |');
    expect(md).toContain('| debt | 20 min | 30 min | +10 min |');
    expect(md).toContain('| abstraction | 2 (20 min) | 1 (10 min) | −1 (−10 min) |');
    expect(md).toContain('| duplication | 0 (0 min) | 1 (15 min) | +1 (+15 min) |');
    // categories in their fixed order, each with its own table
    expect(md.indexOf('#### duplication (1, 15 min)')).toBeLessThan(md.indexOf('#### magic-value (1, 5 min)'));
    expect(md).toContain(
      `| \`src/Badge.tsx:12\` | [hard-coded-style-value](${docsUrl('hard-coded-style-value')}) | Hard-coded color \`#ff0000\` in \`style.color\`: use \`var(--color-danger)\` (ΔE 0.0). |`,
    );
    expect(md).toContain('<details><summary>Fixed: 1 finding (10 min)</summary>');
    expect(md).toContain(`- [pass-through-function](${docsUrl('pass-through-function')}) in \`src/gone.ts:7\``);
    expect(md).not.toContain('src/old.ts'); // unchanged findings are not listed
  });

  it('guards @-mentions in repository text: a finding message with @someone does not ping anyone', () => {
    const md = formatCheckMarkdown(
      outcome(
        [],
        [f({ fingerprint: 'at', message: 'ask @someone or @org/team, see `@scope/pkg`' })],
        [[], []],
        [{ file: 'src/@x.ts', message: 'thanks @maintainer' }],
      ),
    );
    const outsideCode = md.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
    expect(outsideCode).not.toMatch(/@[\w-]/); // GitHub links a mention only when a name follows the @ at once
    expect(md).toContain('ask @\u2060someone or @\u2060org/team, see `@scope/pkg`');
    expect(md).toContain('`src/@x.ts`: thanks @\u2060maintainer');
  });

  it('escapes messages and paths: no HTML, no emphasis, no broken table, code spans kept', () => {
    const md = formatCheckMarkdown(outcome([], [copy]));
    const row = md.split('\n').find((l) => l.includes('copied-code'))!;
    expect(row).toBe(
      `| \`src/x\\|y.tsx:4\` | [copied-code](${docsUrl('copied-code')}) | Block copied &lt;3 times&gt;: \\*see\\* \\[the original\\] \\| \`a\\|b\`` +
        '<br>also: `src/orig.tsx:40`, `src/b.tsx:2` |',
    );
    expect(markdownMessage('unbalanced ` tick <b>')).toBe('unbalanced \\` tick &lt;b&gt;');
    expect(markdownMessage('`` `x` ``')).toBe('`` `x` ``'.replace('`` `x` ``', markdownMessage('`` `x` ``')));
    expect(markdownMessage('line\nbreak')).toBe('line break');
  });

  it('passes with no new debt, links locations when asked, and caps long lists', () => {
    expect(formatCheckMarkdown(outcome([old], [old]))).toContain('## ✅ plumbline: no new debt');
    const many = Array.from({ length: 7 }, (_, i) => f({ fingerprint: `n${i}`, file: `src/n${i}.ts` }));
    const md = formatCheckMarkdown(outcome([], many, [['10'], []]), {
      maxFindings: 5,
      fileUrl: (file, line) => `https://example.test/blob/abc/${file}#L${line}`,
    });
    expect(md).toContain('## ✅ plumbline: 7 new findings (1.2 h), within the thresholds');
    expect(md).toContain('| [`src/n0.ts:3`](https://example.test/blob/abc/src/n0.ts#L3) |');
    expect(md.match(/^\| \[`src\/n/gm)).toHaveLength(5);
    expect(md).toContain('…and 2 more new findings');
  });
});

describe('github annotations', () => {
  it('escapes data and properties as the runner expects', () => {
    expect(githubData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(githubProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('annotates each new finding (never old ones) at its range, then the verdict', () => {
    const weird = f({ fingerprint: 'w', file: 'src/a,b:c.ts', line: 2, endLine: 4, message: 'line one\n::error::injected 100%' });
    const out = formatGithub(outcome([old], [old, color, weird], [[], []], [{ file: 'src/bad.ts', message: 'syntax error' }]), {
      pathPrefix: 'web/',
    });
    const lines = out.trimEnd().split('\n');
    expect(lines).toEqual([
      `::warning file=web/src/Badge.tsx,line=12,endLine=12,col=17,endColumn=28,title=plumbline hard-coded-style-value (new%2C 5 min)::${githubData(color.message)}%0A${docsUrl('hard-coded-style-value')}`,
      `::warning file=web/src/a%2Cb%3Ac.ts,line=2,endLine=4,title=plumbline pass-through-function (new%2C 10 min)::line one%0A::error::injected 100%25%0A${docsUrl('pass-through-function')}`,
      '::warning file=web/src/bad.ts,title=plumbline could not analyse this file::syntax error',
      '::error title=plumbline check failed::2 new findings (15 min), 0 fixed%0A2 new findings, more than the 0 allowed (--max-new-findings 0)',
    ]);
    expect(out).not.toContain('src/old.ts');
    // a range that ends before it starts (a detector's slip) is narrowed to its first line
    expect(formatGithub(outcome([], [f({ line: 9, endLine: 2 })]))).toMatch(
      /^::warning file=src\/a\.ts,line=9,endLine=9,col=17,endColumn=28,/,
    );
    // every line is one command: no raw line break can start another
    for (const l of lines) expect(l.startsWith('::')).toBe(true);
  });

  it('a passing check ends with a notice; info findings are notices', () => {
    const out = formatGithub(outcome([], [f({ severity: 'info' })], [['1'], []]));
    expect(out).toMatch(/^::notice file=src\/a\.ts,line=3,/);
    expect(out.trimEnd().split('\n').pop()).toBe('::notice title=plumbline check passed::1 new finding (10 min), 0 fixed');
  });
});

describe('pretty', () => {
  it('prints new findings with locations, the fix, the debt delta and the verdict, without control characters', () => {
    const text = formatCheckPretty(
      outcome([old, gone], [old, f({ fingerprint: 'n', file: 'src/new.ts', message: 'evil\u001b[31m\nnext' })]),
    );
    expect(text).toContain('New findings (1, 10 min)\nsrc/new.ts\n  3:17     warn   evil\uFFFD[31m next  pass-through-function');
    expect(text).toContain('Fixed: 1 finding (10 min)\n  pass-through-function src/gone.ts:7');
    expect(text).toContain('  against the merge-base 0123456789ab of origin/main');
    expect(text).toContain('  debt 20 min -> 20 min (±0), rating A -> A');
    expect(text).toContain('  ✗ 1 new finding, more than the 0 allowed (--max-new-findings 0)');
  });

  it('replaces C1 controls and bidi controls in repository text as well as C0 ones', () => {
    const text = formatCheckPretty(
      outcome([], [f({ fingerprint: 'c1', file: 'src/\u009b31m.ts', message: 'a\u0085b\u202ec\u2066d\u007fe' })]),
    );
    expect(text).toContain('src/\uFFFD31m.ts\n  3:17     warn   a\uFFFDb\uFFFDc\uFFFDd\uFFFDe  pass-through-function');
  });
});
