// plumbline check against a real git repository: the base is the merge-base, analysed from git objects.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import AjvModule from 'ajv';
import { check } from '../src/check.js';
import { main } from '../src/cli.js';
import { io, Repo, REPO_TS, STRICT_CONFIG, wrapper } from './git-repo.js';

const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as unknown as new (o: object) => {
  compile(s: object): ((d: unknown) => boolean) & { errors?: unknown };
};
const scanSchema = JSON.parse(readFileSync(join(import.meta.dirname, '../../core/schema/scan-output.schema.json'), 'utf8')) as object;

/** A CSV exporter: two of them with different names are copied code. */
const CSV = (name: string) =>
  [
    'export interface Row { id: string; customer: { name: string }; total: number; status: string }',
    '',
    'function escape(value: string): string {',
    '  return /[",\\n]/.test(value) ? `"${value.replace(/"/g, \'""\')}"` : value;',
    '}',
    '',
    `export function ${name}(rows: Row[]): string {`,
    "  const header = ['id', 'customer', 'total', 'status'];",
    "  const lines = rows.map((r) => [r.id, r.customer.name, r.total.toFixed(2), r.status].map(escape).join(','));",
    "  const body = [header.join(','), ...lines].join('\\n');",
    "  const bom = '\\uFEFF';",
    '  return `${bom}${body}\\n`;',
    '}',
    '',
  ].join('\n');

/** main: one wrapper in src/billing/invoices.ts, then a feature branch. */
function repoWithBase(): Repo {
  const repo = new Repo({
    ...STRICT_CONFIG,
    'src/repo.ts': REPO_TS,
    'src/billing/invoices.ts': wrapper('loadInvoice'),
    'src/app.ts': `export const app = 1;\n`,
  });
  repo.commit('base');
  return repo.branch('feature');
}

describe('plumbline check --base (real git)', () => {
  it('a branch that adds debt fails the gate and names the new finding with its location', async () => {
    const repo = repoWithBase();
    repo.write({ 'src/users.ts': wrapper('getUser', 'findUser') }).commit('add a wrapper');
    const { out, handle } = io(repo.root);
    expect(await main(['check', '--base', 'main'], handle)).toBe(1);
    expect(out.stdout).toMatch(
      /New findings \(1, 10 min\)\nsrc\/users\.ts\n {2}3:17 +warn +`getUser` only passes its arguments on to `findUser`/,
    );
    expect(out.stdout).toContain('1 new finding, more than the 0 allowed (--max-new-findings 0)');
    expect(out.stdout).toContain('failed');
    // the old finding is not new
    expect(out.stdout).not.toMatch(/src\/billing\/invoices\.ts\n/);
  });

  it('a branch adding a hard-coded color fails the gate and names it, with the token to use', async () => {
    const repo = new Repo({
      ...STRICT_CONFIG,
      'src/theme.css': ':root {\n  --color-danger: #dc2626;\n  --color-primary: #2563eb;\n  --space-2: 8px;\n}\n',
      'src/Badge.tsx':
        "export function Badge({ label }: { label: string }) {\n  return <span style={{ color: 'var(--color-danger)', padding: 'var(--space-2)' }}>{label}</span>;\n}\n",
    });
    repo.commit('base');
    repo
      .branch('feature')
      .write({
        'src/Alert.tsx': "export function Alert({ text }: { text: string }) {\n  return <p style={{ color: '#dc2626' }}>{text}</p>;\n}\n",
      })
      .commit('alert');
    const { out, handle } = io(repo.root);
    expect(await main(['check', '--base', 'main'], handle)).toBe(1);
    expect(out.stdout).toMatch(
      /New findings \(1, \d+ min\)\nsrc\/Alert\.tsx\n {2}2:30 +warn +`#dc2626` is the value of design token `--color-danger`: use `'var\(--color-danger\)'`\. +hard-coded-style-value/,
    );
    const md = io(repo.root);
    await main(['check', '--base', 'main', '--format', 'markdown'], md.handle);
    expect(md.out.stdout).toMatch(/^#### magic-value \(1, \d+ min\)$/m);
    expect(md.out.stdout).toContain('| `src/Alert.tsx:2` | [hard-coded-style-value]');
  });

  it('a branch that only adds a design token passes: both sides are judged by the same settings, so old literals are not new', async () => {
    const repo = new Repo({
      ...STRICT_CONFIG,
      'src/theme.css': ':root {\n  --color-primary: #2563eb;\n  --space-2: 8px;\n}\n',
      'src/Alert.tsx':
        "export function Alert({ text }: { text: string }) {\n  return <p style={{ color: '#dc2626', padding: '8px' }}>{text}</p>;\n}\n",
    });
    repo.commit('base');
    repo
      .branch('feature')
      .write({ 'src/theme.css': ':root {\n  --color-primary: #2563eb;\n  --color-danger: #dc2626;\n  --space-2: 8px;\n}\n' })
      .commit('token');
    const outcome = await check({ root: repo.root, base: 'main' });
    expect(outcome.head.findings.map((f) => f.message)).toContainEqual(
      expect.stringContaining('`#dc2626` is the value of design token `--color-danger`'),
    );
    expect(outcome.comparison.new).toEqual([]);
    expect(outcome.passed).toBe(true);
  });

  it('a branch that moves and renames a file passes: nothing new, nothing fixed', async () => {
    const repo = repoWithBase();
    repo.move('src/billing/invoices.ts', 'src/features/billing/invoice-loader.ts');
    // the move also shifts the function down and fixes the import path: lines and paths are not identity
    const moved = wrapper('loadInvoice').replace("'./repo'", "'../../repo'").replace('\n\nexport', '\n\n// loads one invoice\n\nexport');
    repo.write({ 'src/features/billing/invoice-loader.ts': moved }).commit('move billing');
    const outcome = await check({ root: repo.root, base: 'main' });
    expect(outcome.passed).toBe(true);
    expect(outcome.comparison.new).toEqual([]);
    expect(outcome.comparison.absent).toEqual([]);
    expect(outcome.comparison.unchanged.map((u) => [u.finding.file, u.finding.line, u.base.file, u.base.finding?.line])).toEqual([
      ['src/features/billing/invoice-loader.ts', 5, 'src/billing/invoices.ts', 3],
    ]);
    const { handle } = io(repo.root);
    expect(await main(['check', '--base', 'main'], handle)).toBe(0);
  });

  it('a branch that copies old code fails: one more occurrence of the same fingerprint is new', async () => {
    const repo = repoWithBase();
    repo.write({ 'src/billing/invoices-copy.ts': repo.read('src/billing/invoices.ts') }).commit('copy');
    const outcome = await check({ root: repo.root, base: 'main' });
    expect(outcome.passed).toBe(false);
    expect(outcome.comparison.new.map((f) => [f.file, f.line, f.ruleId])).toEqual([
      ['src/billing/invoices-copy.ts', 3, 'pass-through-function'],
    ]);
    expect(outcome.comparison.new[0]!.fingerprint).toBe(outcome.comparison.unchanged[0]!.finding.fingerprint);
  });

  it('a rename plus an edited copy: git rename detection decides which one is the copy', async () => {
    const repo = repoWithBase();
    const text = repo.read('src/billing/invoices.ts');
    repo.move('src/billing/invoices.ts', 'src/z-billing/invoices.ts');
    repo.write({ 'src/a-copy.ts': `// copied for the new screen\n${text}export const screen = 'new';\n` }).commit('rename and copy');
    expect(repo.git('diff', '-M', '--name-status', 'main', 'HEAD')).toMatch(
      /^R100\tsrc\/billing\/invoices\.ts\tsrc\/z-billing\/invoices\.ts$/m,
    );
    const outcome = await check({ root: repo.root, base: 'main' });
    expect(outcome.comparison.new.map((f) => [f.file, f.line])).toEqual([['src/a-copy.ts', 4]]);
    expect(outcome.comparison.unchanged.map((u) => u.finding.file)).toEqual(['src/z-billing/invoices.ts']);
  });

  it('a branch copying an old clone fails: the clone class grows by one copy (copied-code)', async () => {
    const repo = new Repo({ ...STRICT_CONFIG, 'src/invoices.ts': CSV('invoicesToCsv'), 'src/orders.ts': CSV('ordersToCsv') });
    repo.commit('two copies');
    const base = await check({ root: repo.root, base: 'HEAD' });
    expect(base.head.findings.filter((f) => f.ruleId === 'copied-code').length).toBeGreaterThan(0);
    repo
      .branch('feature')
      .write({ 'src/payouts.ts': repo.read('src/orders.ts') })
      .commit('a third copy');
    const outcome = await check({ root: repo.root, base: 'main' });
    expect(outcome.passed).toBe(false);
    expect(outcome.comparison.new.map((f) => f.ruleId)).toContain('copied-code');
    const grown = outcome.comparison.new.find((f) => f.ruleId === 'copied-code')!;
    expect(grown.related.map((r) => r.file)).toContain('src/payouts.ts');
  });

  it('moving a file that holds a copy of a clone passes (copied-code)', async () => {
    const repo = new Repo({ ...STRICT_CONFIG, 'src/invoices.ts': CSV('invoicesToCsv'), 'src/orders.ts': CSV('ordersToCsv') });
    repo.commit('two copies');
    repo.branch('feature').move('src/orders.ts', 'src/sales/orders.ts').commit('move');
    const outcome = await check({ root: repo.root, base: 'main' });
    expect(outcome.comparison.new).toEqual([]);
    expect(outcome.comparison.absent).toEqual([]);
    expect(outcome.passed).toBe(true);
  });

  it('renaming the file that holds the reported copy of a clone passes (copied-code)', async () => {
    const repo = new Repo({ ...STRICT_CONFIG, 'src/invoices.ts': CSV('invoicesToCsv'), 'src/orders.ts': CSV('ordersToCsv') });
    repo.commit('two copies');
    // src/invoices.ts sorts first and carries the finding; after the rename src/orders.ts does
    repo.branch('feature').move('src/invoices.ts', 'src/z-invoices.ts').commit('rename');
    const outcome = await check({ root: repo.root, base: 'main' });
    expect(outcome.comparison.new).toEqual([]);
    expect(outcome.comparison.absent).toEqual([]);
    expect(outcome.passed).toBe(true);
  });

  it('compares with the merge-base: what main gained since the branch point is neither new nor fixed', async () => {
    const repo = repoWithBase();
    repo.write({ 'src/users.ts': wrapper('getUser', 'findUser') }).commit('feature adds a wrapper');
    repo
      .checkout('main')
      .write({ 'src/main-only.ts': wrapper('loadOnMain') })
      .commit('main moves on');
    repo.checkout('feature');
    const outcome = await check({ root: repo.root, base: 'main' });
    expect(outcome.base.kind === 'commit' && outcome.base.commit).toBe(repo.git('merge-base', 'main', 'feature').trim());
    expect(outcome.comparison.new.map((f) => f.file)).toEqual(['src/users.ts']);
    expect(outcome.comparison.absent).toEqual([]);
  });

  it('judges uncommitted work in the working tree, and a fix shows up as absent', async () => {
    const repo = repoWithBase();
    repo.remove('src/billing/invoices.ts');
    const outcome = await check({ root: repo.root, base: 'main' });
    expect(outcome.passed).toBe(true);
    expect(outcome.comparison.absent.map((o) => [o.file, o.ruleId, o.finding?.line])).toEqual([
      ['src/billing/invoices.ts', 'pass-through-function', 3],
    ]);
    expect(outcome.head.summary.debtMinutes - outcome.base.totals.debtMinutes).toBe(-10);
  });

  it('--head analyses a commit from git objects, whatever the working tree holds', async () => {
    const repo = repoWithBase();
    const added = repo.write({ 'src/users.ts': wrapper('getUser', 'findUser') }).commit('add');
    repo.checkout('main'); // the working tree no longer has src/users.ts
    const outcome = await check({ root: repo.root, base: 'main', head: added });
    expect(outcome.headCommit).toBe(added);
    expect(outcome.comparison.new.map((f) => f.file)).toEqual(['src/users.ts']);
    expect(existsSync(join(repo.root, 'src/users.ts'))).toBe(false);
  });

  it('thresholds: a finding within --max-new-findings / --max-new-debt passes; per category too', async () => {
    const repo = repoWithBase();
    repo.write({ 'src/users.ts': wrapper('getUser', 'findUser') }).commit('add');
    expect(await main(['check', '--base', 'main', '--max-new-findings', '1'], io(repo.root).handle)).toBe(0);
    expect(await main(['check', '--base', 'main', '--max-new-debt', '10'], io(repo.root).handle)).toBe(0);
    expect(await main(['check', '--base', 'main', '--max-new-debt', '9'], io(repo.root).handle)).toBe(1);
    expect(await main(['check', '--base', 'main', '--max-new-findings', 'abstraction=1'], io(repo.root).handle)).toBe(0);
    expect(
      await main(['check', '--base', 'main', '--max-new-findings', '5', '--max-new-findings', 'abstraction=0'], io(repo.root).handle),
    ).toBe(1);
  });

  it('writes every report of one run: --format for stdout, --report for files; JSON keeps the scan contract', async () => {
    const repo = repoWithBase();
    repo.write({ 'src/users.ts': wrapper('getUser', 'findUser') }).commit('add');
    const { out, handle } = io(repo.root);
    const code = await main(
      [
        'check',
        '--base',
        'main',
        '-f',
        'json',
        '--report',
        'sarif=out/plumbline.sarif',
        '--report',
        'markdown=out/summary.md',
        '--report',
        'github=out/annotations.txt',
      ],
      handle,
    );
    expect(code).toBe(1);
    const json = JSON.parse(out.stdout) as {
      findings: Array<{ file: string; baselineState: string }>;
      check: { passed: boolean; newFindings: number; base: { kind: string; ref: string } };
    };
    const validate = new Ajv({ allErrors: true, strict: false }).compile(scanSchema);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.findings.map((f) => [f.file, f.baselineState])).toEqual([
      ['src/billing/invoices.ts', 'unchanged'],
      ['src/users.ts', 'new'],
    ]);
    expect(json.check).toMatchObject({ passed: false, newFindings: 1, base: { kind: 'commit', ref: 'main' } });
    const sarif = JSON.parse(repo.read('out/plumbline.sarif')) as { runs: Array<{ results: Array<{ baselineState: string }> }> };
    expect(sarif.runs[0]!.results.map((r) => r.baselineState)).toEqual(['unchanged', 'new']);
    expect(repo.read('out/summary.md')).toContain('## ❌ plumbline: this change adds 1 finding (10 min of debt)');
    expect(repo.read('out/annotations.txt')).toMatch(/^::warning file=src\/users\.ts,line=3,/m);
  });

  it('analyses the base from git objects through the facts cache: only blobs the head lacks are parsed', async () => {
    const repo = repoWithBase();
    repo
      .write({
        'src/billing/invoices.ts': `${repo.read('src/billing/invoices.ts')}export const changed = 1;\n`,
        'src/users.ts': wrapper('getUser', 'findUser'),
      })
      .commit('add');
    const first = await check({ root: repo.root, base: 'main' });
    // the head scan cached every blob the two trees share; of the base only the old invoices.ts is parsed
    expect(first.stats.base).toMatchObject({ parsed: 1, fromCache: 2 });
    const second = await check({ root: repo.root, base: 'main' });
    expect(second.stats.head.parsed).toBe(0);
    expect(second.stats.base).toMatchObject({ parsed: 0, fromCache: 3 });
    expect(second.comparison.new.map((f) => f.fingerprint)).toEqual(first.comparison.new.map((f) => f.fingerprint));
    // --no-cache parses everything and writes nothing
    const uncached = await check({ root: repo.root, base: 'main', cache: false });
    expect(uncached.stats.base!.parsed).toBe(3);
  });

  it('usage errors exit 2 with what to do', async () => {
    const repo = repoWithBase();
    let r = io(repo.root);
    expect(await main(['check', '--base', 'no-such-branch'], r.handle)).toBe(2);
    expect(r.out.stderr).toContain('--base: "no-such-branch" is not a commit');
    r = io(repo.root);
    expect(await main(['check'], r.handle)).toBe(2);
    expect(r.out.stderr).toContain('nothing to compare with: pass --base <ref>');
    r = io(repo.root);
    expect(await main(['check', '--base', 'main', '--format', 'xml'], r.handle)).toBe(2);
    expect(r.out.stderr).toContain('--format must be one of pretty, json, sarif, markdown, github');
    r = io(repo.root);
    expect(await main(['check', '--base', 'main', '--report', 'sarif'], r.handle)).toBe(2);
    expect(r.out.stderr).toContain('--report expects <format>=<file>');
    r = io(repo.root);
    expect(await main(['check', '--base', 'main', '--max-new-findings', 'dup=1'], r.handle)).toBe(2);
    expect(r.out.stderr).toContain('unknown category "dup"');
    const orphan = new Repo({ 'src/a.ts': 'export const a = 1;\n' });
    orphan.commit('one');
    orphan.git('checkout', '-q', '--orphan', 'other');
    orphan.commit('unrelated');
    r = io(orphan.root);
    expect(await main(['check', '--base', 'main'], r.handle)).toBe(2);
    expect(r.out.stderr).toContain('no merge-base of main and HEAD');
  });
});
