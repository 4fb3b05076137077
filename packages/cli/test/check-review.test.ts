// plumbline check's review against real git histories: size as a reviewer feels it, new dependencies that
// drift, and the review focus.
import { describe, expect, it } from 'vitest';
import { computeScore } from '@plumbline/core';
import { check } from '../src/check.js';
import { main } from '../src/cli.js';
import { io, Repo, STRICT_CONFIG } from './git-repo.js';

const lines = (n: number, name: string) =>
  Array.from({ length: n }, (_, i) => `export const ${name}${i} = '${name} ${i}';`).join('\n') + '\n';

/** A money helper: a copy of it elsewhere is copied code. */
const MONEY = (name: string) =>
  [
    'export interface Amount { cents: number; currency: string }',
    '',
    `export function ${name}(amount: Amount, locale: string): string {`,
    '  const units = amount.cents / 100;',
    "  const sign = units < 0 ? '-' : '';",
    '  const fixed = Math.abs(units).toFixed(2);',
    "  const [whole, fraction] = fixed.split('.');",
    "  const grouped = whole!.replace(/\\B(?=(\\d{3})+(?!\\d))/g, locale === 'de' ? '.' : ',');",
    "  const separator = locale === 'de' ? ',' : '.';",
    '  return `${sign}${amount.currency} ${grouped}${separator}${fraction}`;',
    '}',
    '',
  ].join('\n');

describe('check --base: the size of a change as a reviewer feels it', () => {
  it('250 added lines + a 2,000-line lock file + a renamed folder count 250', async () => {
    const repo = new Repo({
      'package.json': '{ "name": "app", "dependencies": {} }\n',
      ...Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`src/legacy/part${i}.ts`, lines(40, `legacy${i}_`)])),
    });
    repo.commit('base');
    repo.branch('feature');
    for (let i = 0; i < 5; i++) repo.move(`src/legacy/part${i}.ts`, `src/archive/part${i}.ts`);
    repo.write({
      'src/feature.ts': lines(250, 'feature'),
      'package-lock.json': Array.from({ length: 2000 }, (_, i) => `  "line-${i}": ${i},`).join('\n') + '\n',
    });
    repo.commit('feature, lock file, moved folder');

    const outcome = await check({ root: repo.root, base: 'main', thresholds: { overall: {}, byCategory: {} } });
    const size = outcome.review!.size;
    expect(size.counted).toBe(250);
    expect(size.newCode).toBe(250);
    expect(size.edits).toEqual({ added: 0, deleted: 0 });
    expect(size.files).toBe(1);
    expect(size.excluded['lock-file']).toEqual({ files: 1, lines: 2000 });
    expect(size.excluded.moved).toEqual({ files: 5, lines: 0 });
    expect(size.needsDesignReview).toBe(true);
    expect(outcome.passed).toBe(true);

    // the verdict line in every format; a failure only with --max-changed-lines
    const { out, handle } = io(repo.root);
    expect(await main(['check', '--base', 'main', '--max-new-findings', '100', '--format', 'markdown'], handle)).toBe(0);
    const md = out.stdout.split('\n');
    expect(md[1]).toMatch(/^## ✅/);
    expect(md[3]).toContain('needs a design review, or split it: 250 changed lines, over the 200');
    expect(md[5]).toMatch(
      /^\*\*Size:\*\* 250 lines changed in 1 file: 250 new, 0 edited .*not counted: 1 lock file \(2,000 lines\), 5 files moved unchanged/,
    );
    const failing = io(repo.root);
    expect(await main(['check', '--base', 'main', '--max-new-findings', '100', '--max-changed-lines', '249'], failing.handle)).toBe(1);
    expect(failing.out.stdout).toContain('250 changed lines, more than the 249 allowed (--max-changed-lines 249)');
    const passing = io(repo.root);
    expect(
      await main(['check', '--base', 'main', '--max-new-findings', '100', '--max-changed-lines', '250', '-f', 'github'], passing.handle),
    ).toBe(0);
    expect(passing.out.stdout).toContain('::warning title=plumbline%3A needs a design review%2C or split it::');
  });

  it('config review.designReviewOverLines sets the size; a bad value is a config error naming the key', async () => {
    const repo = new Repo({
      'plumbline.config.json': JSON.stringify({ review: { designReviewOverLines: 300 } }),
      'src/a.ts': lines(5, 'a'),
    });
    repo.commit('base');
    repo.branch('feature');
    repo.write({ 'src/feature.ts': lines(250, 'feature') }).commit('feature');
    const outcome = await check({ root: repo.root, base: 'main', thresholds: { overall: {}, byCategory: {} } });
    expect(outcome.review!.size).toMatchObject({ counted: 250, designReviewOverLines: 300, needsDesignReview: false });
    repo.write({ 'plumbline.config.json': JSON.stringify({ review: { designReviewOverLines: -1 } }) });
    const bad = io(repo.root);
    expect(await main(['check', '--base', 'main'], bad.handle)).toBe(2);
    expect(bad.out.stderr).toMatch(/review\.designReviewOverLines/);
  });

  it('edits count their added and removed lines; a file moved and edited counts only its edits', async () => {
    const repo = new Repo({ 'src/a.ts': lines(30, 'a'), 'src/b.ts': lines(30, 'b') });
    repo.commit('base');
    repo.branch('feature');
    repo.move('src/b.ts', 'src/lib/b.ts');
    repo.write({
      'src/a.ts': lines(30, 'a').replace("export const a3 = 'a 3';", "export const a3 = 'a three';"),
      'src/lib/b.ts': `${lines(30, 'b')}export const extra = 1;\n`,
    });
    repo.commit('edits');
    const outcome = await check({ root: repo.root, base: 'main', thresholds: { overall: {}, byCategory: {} } });
    expect(outcome.review!.size).toMatchObject({
      counted: 3,
      newCode: 0,
      edits: { added: 2, deleted: 1 },
      files: 2,
      needsDesignReview: false,
    });
  });
});

/** Three files that format dates with date-fns: the convention of the date-library role. */
const DATE_FILES = Object.fromEntries(
  ['orders', 'invoices', 'reports'].map((n) => [
    `src/${n}.ts`,
    `import { format } from 'date-fns';\n\nexport function ${n}Date(d: Date): string {\n  return format(d, 'yyyy-MM-dd');\n}\n`,
  ]),
);
const MANIFEST = (deps: Record<string, string>) =>
  `${JSON.stringify({ name: 'app', version: '1.0.0', dependencies: deps, devDependencies: { typescript: '^5.0.0' } }, null, 2)}\n`;

describe('check --base: new dependencies that drift', () => {
  it('dayjs added to package.json where date-fns is the convention is a finding at that line, before any import', async () => {
    const repo = new Repo({ 'package.json': MANIFEST({ 'date-fns': '^3.0.0', react: '^18.0.0' }), ...DATE_FILES });
    repo.commit('base');
    repo.branch('feature');
    repo
      .write({ 'package.json': MANIFEST({ 'date-fns': '^3.0.0', dayjs: '^1.11.0', react: '^18.0.0', zod: '^3.0.0' }) })
      .commit('add dayjs');

    const outcome = await check({ root: repo.root, base: 'main' });
    const deps = outcome.review!.dependencies;
    expect(deps.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([['library-drift', 'package.json', 6, 5]]);
    expect(repo.read('package.json').split('\n')[5]).toContain('"dayjs"');
    expect(deps[0]!.message).toMatch(
      /^dayjs is added for the date library role, where the repository has decided on date-fns \(used by 3 of the 3 files in this role\)/,
    );
    // a new finding of the change: it fails the default gate, is annotated, and is in SARIF as new
    expect(outcome.comparison.new).toContain(deps[0]);
    expect(outcome.passed).toBe(false);
    expect(outcome.review!.focus[0]).toMatchObject({ kind: 'new-dependency', file: 'package.json', line: 6 });
    // the head's score counts it: debt, ratio and rating as a scan of those findings would give them
    const head = outcome.head.summary;
    const debt = outcome.head.findings.reduce((n, f) => n + f.effortMinutes, 0);
    expect(deps[0]!.effortMinutes).toBeGreaterThan(0);
    expect(head.debtMinutes).toBe(debt);
    expect(head.debtRatio).toBe(computeScore(outcome.head.findings, head.linesOfCode).debtRatio);
    expect(head.debtRatio).toBeGreaterThan(0);
    const gh = io(repo.root);
    await main(['check', '--base', 'main', '-f', 'github'], gh.handle);
    expect(gh.out.stdout).toMatch(/^::warning file=package\.json,line=6,endLine=6,col=5,endColumn=12,title=plumbline library-drift/m);
    const sarif = io(repo.root);
    await main(['check', '--base', 'main', '-f', 'sarif'], sarif.handle);
    const results = (
      JSON.parse(sarif.out.stdout) as { runs: Array<{ results: Array<{ ruleId: string; baselineState: string; locations: unknown[] }> }> }
    ).runs[0]!.results;
    expect(results.filter((r) => r.ruleId === 'library-drift').map((r) => r.baselineState)).toEqual(['new']);
  });

  it('stays quiet for the convention itself, a role with no convention, a moved entry, and config "off"', async () => {
    const repo = new Repo({ 'package.json': MANIFEST({ 'date-fns': '^3.0.0' }), ...DATE_FILES });
    repo.commit('base');
    repo.branch('feature');
    // date-fns-tz is the same choice; zod's role has no convention here; typescript moves from dev to prod
    repo
      .write({ 'package.json': MANIFEST({ 'date-fns': '^3.0.0', 'date-fns-tz': '^3.0.0', zod: '^3.0.0', typescript: '^5.0.0' }) })
      .commit('more dependencies');
    expect((await check({ root: repo.root, base: 'main' })).review!.dependencies).toEqual([]);

    repo.write({ 'package.json': MANIFEST({ 'date-fns': '^3.0.0', moment: '^2.0.0' }) }).commit('moment');
    expect((await check({ root: repo.root, base: 'main' })).review!.dependencies.map((f) => f.message)).toEqual([
      expect.stringMatching(/^moment is added for the date library role/),
    ]);
    repo.write({ 'plumbline.config.json': JSON.stringify({ rules: { 'library-drift': 'off' } }) }).commit('off');
    expect((await check({ root: repo.root, base: 'main' })).review!.dependencies).toEqual([]);
  });

  it('a package.json that is not JSON is an error entry, and the check goes on', async () => {
    const repo = new Repo({ 'package.json': MANIFEST({ 'date-fns': '^3.0.0' }), ...DATE_FILES });
    repo.commit('base');
    repo.branch('feature');
    repo.write({ 'package.json': '{ "dependencies": { "dayjs": "1" ' }).commit('broken');
    const outcome = await check({ root: repo.root, base: 'main' });
    expect(outcome.review!.dependencies).toEqual([]);
    expect(outcome.head.errors).toContainEqual({ file: 'package.json', message: expect.stringMatching(/^not valid JSON/) });
  });
});

describe('check --base: review focus', () => {
  it('a new copy of an existing helper is first, pointing at the copy and naming the original', async () => {
    const repo = new Repo({
      ...STRICT_CONFIG,
      'src/lib/money.ts': MONEY('formatMoney'),
      'src/app.ts': `export const app = 1;\n`,
    });
    repo.commit('base');
    repo.branch('feature');
    const screen = [
      "import { useState } from 'react';",
      '',
      'export function InvoiceScreen({ total }: { total: number }) {',
      '  const [open, setOpen] = useState(false);',
      '  return (',
      '    <section>',
      '      <button onClick={() => setOpen(!open)}>toggle</button>',
      '      {open ? <p>{total}</p> : null}',
      '    </section>',
      '  );',
      '}',
      '',
      'export function invoiceTitle(id: string): string {',
      '  return `Invoice ${id}`;',
      '}',
      '',
    ].join('\n');
    repo.write({ 'src/invoices/screen.tsx': screen, 'src/invoices/money.ts': MONEY('printAmount') }).commit('invoices');

    const outcome = await check({ root: repo.root, base: 'main', thresholds: { overall: {}, byCategory: {} } });
    const focus = outcome.review!.focus;
    expect(focus[0]).toMatchObject({ kind: 'written-again', file: 'src/invoices/money.ts', line: 4 });
    expect(focus[0]!.text).toMatch(/^written again: \d+ lines that already exist at `src\/lib\/money\.ts:4`; reuse it$/);
    expect(focus.map((f) => [f.kind, f.file, f.line])).toEqual(
      expect.arrayContaining([
        ['new-component', 'src/invoices/screen.tsx', 3],
        ['exported-function', 'src/invoices/screen.tsx', 13],
      ]),
    );
    const { out, handle } = io(repo.root);
    await main(['check', '--base', 'main', '--max-new-findings', '100', '-f', 'markdown'], handle);
    expect(out.stdout).toMatch(/\*\*Read these first:\*\*\n\n1\. `src\/invoices\/money\.ts:4` written again:/);
    // leads with verdict, size, focus; the tables come after
    expect(out.stdout.indexOf('**Size:**')).toBeLessThan(out.stdout.indexOf('**Read these first:**'));
    expect(out.stdout.indexOf('**Read these first:**')).toBeLessThan(out.stdout.indexOf('| | base | this change | delta |'));
  });

  it('a clone whose copies the change edited alike is the same debt, edited: the gate passes, the focus asks about the copies', async () => {
    const repo = new Repo({ ...STRICT_CONFIG, 'src/a/money.ts': MONEY('formatMoney'), 'src/b/money.ts': MONEY('formatMoney') });
    repo.commit('base');
    repo.branch('feature');
    const edited = MONEY('formatMoney').replace("const sign = units < 0 ? '-' : '';", "const sign = units < 0 ? '−' : '+';");
    repo.write({ 'src/a/money.ts': edited, 'src/b/money.ts': edited }).commit('both copies, alike');

    const outcome = await check({ root: repo.root, base: 'main' });
    expect(outcome.comparison.new).toEqual([]);
    expect(outcome.passed).toBe(true);
    const copied = outcome.comparison.unchanged.filter((u) => u.finding.ruleId === 'copied-code');
    expect(copied).toHaveLength(1);
    expect(copied[0]!.finding.fingerprint).not.toBe(copied[0]!.base.fingerprint);
    expect(outcome.review!.focus[0]).toMatchObject({ kind: 'edited-copy', file: 'src/a/money.ts' });
    expect(outcome.review!.focus[0]!.text).toMatch(
      /^edited code that is copied in 2 places \(also `src\/b\/money\.ts:\d+`\): every copy changed alike\?$/,
    );
  });

  it('two copies written in the same change are an ordinary copied-code finding, not "written again"', async () => {
    const repo = new Repo({ ...STRICT_CONFIG, 'src/app.ts': `export const app = 1;\n` });
    repo.commit('base');
    repo.branch('feature');
    repo.write({ 'src/a/money.ts': MONEY('formatMoney'), 'src/b/money.ts': MONEY('printAmount') }).commit('two copies at once');
    const outcome = await check({ root: repo.root, base: 'main', thresholds: { overall: {}, byCategory: {} } });
    const copied = outcome.review!.focus.filter((f) => f.ruleId === 'copied-code');
    expect(copied.length).toBe(1);
    expect(copied[0]!.kind).toBe('finding');
  });
});
