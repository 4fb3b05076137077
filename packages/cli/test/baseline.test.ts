import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConfigError } from '@plumbline/core';
import type { Finding } from '@plumbline/core';
import { baselineFromFindings, baselineOccurrences, readBaseline, serializeBaseline } from '../src/baseline.js';
import { main } from '../src/cli.js';
import { matchFindings } from '../src/gate.js';
import { io, Repo, REPO_TS, STRICT_CONFIG, wrapper } from './git-repo.js';

function f(fingerprint: string, file: string, ruleId = 'pass-through-function', effortMinutes = 10): Finding {
  return {
    ruleId,
    category: ruleId === 'copied-code' ? 'duplication' : 'abstraction',
    severity: 'warning',
    message: 'm',
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    effortMinutes,
    fingerprint,
    related: [],
  };
}

function tmpFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-baseline-'));
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

describe('the baseline file', () => {
  const findings = [
    f('c0ffee', 'src/b.ts'),
    f('c0ffee', 'src/a.ts'),
    f('c0ffee', 'src/a.ts'),
    f('0abc', 'src/z.ts', 'copied-code', 15),
    f('beef', 'src/y.ts'),
  ];

  it('has one entry per fingerprint with a count, the debt and the files, sorted, one entry a line', () => {
    const text = serializeBaseline(baselineFromFindings(findings));
    expect(text).toBe(
      '{\n  "version": 1,\n  "tool": "plumbline",\n  "entries": [\n' +
        '    {"fingerprint":"0abc","ruleId":"copied-code","category":"duplication","count":1,"debtMinutes":15,"files":{"src/z.ts":1}},\n' +
        '    {"fingerprint":"beef","ruleId":"pass-through-function","category":"abstraction","count":1,"debtMinutes":10,"files":{"src/y.ts":1}},\n' +
        '    {"fingerprint":"c0ffee","ruleId":"pass-through-function","category":"abstraction","count":3,"debtMinutes":30,"files":{"src/a.ts":2,"src/b.ts":1}}\n' +
        '  ]\n}\n',
    );
  });

  it('is deterministic: any order of the same findings gives the same bytes, and reads back to the same baseline', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(findings, { minLength: findings.length, maxLength: findings.length }), (shuffled) => {
        expect(serializeBaseline(baselineFromFindings(shuffled))).toBe(serializeBaseline(baselineFromFindings(findings)));
      }),
    );
    const b = baselineFromFindings(findings);
    expect(readBaseline(tmpFile('b.json', serializeBaseline(b)))).toEqual(b);
    expect(serializeBaseline(baselineFromFindings([]))).toBe('{\n  "version": 1,\n  "tool": "plumbline",\n  "entries": [\n  ]\n}\n');
  });

  it('merges cleanly in git when two branches change different entries', () => {
    const fp = (n: number) => `${n}`.padStart(4, '0');
    const base = [1, 3, 5, 7, 9].map((n) => f(fp(n), `src/f${n}.ts`));
    const ours = [...base, f(fp(2), 'src/f2.ts')]; // adds an entry
    const theirs = [...base.filter((x) => x.fingerprint !== fp(7)), f(fp(8), 'src/f8.ts'), f(fp(5), 'src/f5b.ts')]; // removes one, adds one, counts one more
    const dir = mkdtempSync(join(tmpdir(), 'plumbline-merge-'));
    const write = (name: string, fs: Finding[]) => writeFileSync(join(dir, name), serializeBaseline(baselineFromFindings(fs)));
    write('ours.json', ours);
    write('base.json', base);
    write('theirs.json', theirs);
    execFileSync('git', ['merge-file', 'ours.json', 'base.json', 'theirs.json'], { cwd: dir }); // throws on a conflict
    const merged = readFileSync(join(dir, 'ours.json'), 'utf8');
    const expected = [...base.filter((x) => x.fingerprint !== fp(7)), f(fp(2), 'src/f2.ts'), f(fp(8), 'src/f8.ts'), f(fp(5), 'src/f5b.ts')];
    expect(merged).toBe(serializeBaseline(baselineFromFindings(expected)));
  });

  it('rejects a damaged file with the entry and key that are wrong', () => {
    const bad = (text: string) => {
      try {
        readBaseline(tmpFile('plumbline.baseline.json', text));
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message.replace(/^.*plumbline\.baseline\.json: /, '');
      }
      throw new Error('accepted');
    };
    expect(bad('{ "version": 1, "entries": [')).toMatch(/^the file: not valid JSON/);
    expect(bad('{ "version": 2, "entries": [] }')).toBe('key "version": expected 1, got 2');
    const entry = { fingerprint: 'abc', ruleId: 'x-y', category: 'drift', count: 2, debtMinutes: 3, files: { 'a.ts': 1 } };
    expect(bad(JSON.stringify({ version: 1, entries: [entry] }))).toBe(
      'key "entries.0.files": the counts per file add up to 1, not to count 2',
    );
    expect(bad(JSON.stringify({ version: 1, entries: [{ ...entry, count: 1, category: 'style' }] }))).toMatch(
      /^key "entries.0.category": expected one of duplication/,
    );
    expect(bad(JSON.stringify({ version: 1, entries: [{ ...entry, count: 1, fingerprint: 'XYZ' }] }))).toBe(
      'key "entries.0.fingerprint": expected a hex string',
    );
  });

  it('as base occurrences: one per counted finding, in its file; matching them is the gate', () => {
    const occ = baselineOccurrences(baselineFromFindings(findings));
    expect(occ.map((o) => `${o.fingerprint}@${o.file}:${o.effortMinutes}`).sort()).toEqual([
      '0abc@src/z.ts:15',
      'beef@src/y.ts:10',
      'c0ffee@src/a.ts:10',
      'c0ffee@src/a.ts:10',
      'c0ffee@src/b.ts:10',
    ]);
    const r = matchFindings(occ, [...findings, f('c0ffee', 'src/new.ts')]);
    expect(r.new.map((x) => x.file)).toEqual(['src/new.ts']);
  });
});

describe('plumbline baseline update / prune, then check against the baseline (real git)', () => {
  async function adopted(): Promise<Repo> {
    const repo = new Repo({
      ...STRICT_CONFIG,
      'src/repo.ts': REPO_TS,
      'src/billing/invoices.ts': wrapper('loadInvoice'),
      'src/users.ts': wrapper('getUser', 'findUser'),
    });
    const r = io(repo.root);
    expect(await main(['baseline', 'update'], r.handle)).toBe(0);
    expect(r.out.stdout).toMatch(/^wrote plumbline\.baseline\.json: 2 findings in 2 entries, 20 min of debt/);
    repo.commit('adopt plumbline');
    return repo;
  }

  it('update writes the same bytes every time: no timestamps', async () => {
    const repo = await adopted();
    const before = repo.read('plumbline.baseline.json');
    const r = io(repo.root);
    expect(await main(['baseline', 'update'], r.handle)).toBe(0);
    expect(r.out.stdout).toMatch(/^unchanged: plumbline\.baseline\.json/);
    expect(repo.read('plumbline.baseline.json')).toBe(before);
    expect(before).not.toMatch(/20\d\d-\d\d-\d\d|"date"|"time"/);
  });

  it('check passes on the adopted tree and when a file moves; fails on new debt and on a copy of old debt', async () => {
    const repo = await adopted();
    expect(await main(['check'], io(repo.root).handle)).toBe(0);

    repo
      .move('src/billing/invoices.ts', 'src/invoices/load.ts')
      .write({ 'src/invoices/load.ts': wrapper('loadInvoice').replace("'./repo'", "'../repo'") });
    expect(await main(['check'], io(repo.root).handle)).toBe(0);
    repo.commit('move');

    repo.write({ 'src/copy.ts': wrapper('loadInvoice') });
    let r = io(repo.root);
    expect(await main(['check'], r.handle)).toBe(1);
    expect(r.out.stdout).toMatch(/New findings \(1, 10 min\)\nsrc\/copy\.ts\n/);
    expect(r.out.stdout).toContain('against the baseline');
    repo.remove('src/copy.ts');

    repo.write({ 'src/orders.ts': wrapper('loadOrder') });
    r = io(repo.root);
    expect(await main(['check', '-f', 'markdown'], r.handle)).toBe(1);
    expect(r.out.stdout).toContain('Compared with the committed baseline `plumbline.baseline.json`');
  });

  it('a fix passes and is reported; prune drops it and never adds; update accepts', async () => {
    const repo = await adopted();
    repo.remove('src/users.ts').write({ 'src/orders.ts': wrapper('loadOrder') });
    let r = io(repo.root);
    expect(await main(['check', '--max-new-findings', '1'], r.handle)).toBe(0);
    expect(r.out.stdout).toContain('Fixed: 1 finding (10 min)');
    expect(r.out.stdout).toContain('run `plumbline baseline prune`');

    r = io(repo.root);
    expect(await main(['baseline', 'prune'], r.handle)).toBe(0);
    expect(r.out.stdout).toMatch(
      /^wrote plumbline\.baseline\.json: 1 finding in 1 entry, 10 min of debt \(-1 since the previous baseline\)/,
    );
    expect(r.out.stdout).toContain('1 current finding is not in the baseline and stay');
    const pruned = readBaseline(join(repo.root, 'plumbline.baseline.json'));
    expect(pruned.entries.map((e) => Object.keys(e.files))).toEqual([['src/billing/invoices.ts']]);
    // the fixed wrapper cannot come back unnoticed, and the unaccepted one is still new
    repo.write({ 'src/users.ts': wrapper('getUser', 'findUser') });
    expect(await main(['check', '--max-new-findings', '1'], io(repo.root).handle)).toBe(1);

    expect(await main(['baseline', 'update'], io(repo.root).handle)).toBe(0);
    expect(await main(['check'], io(repo.root).handle)).toBe(0);
  });

  it('errors: prune without a baseline, an unknown action, a damaged baseline', async () => {
    const repo = new Repo({ 'src/a.ts': 'export const a = 1;\n' });
    let r = io(repo.root);
    expect(await main(['baseline', 'prune'], r.handle)).toBe(2);
    expect(r.out.stderr).toContain('the baseline file does not exist (create it with `plumbline baseline update`)');
    r = io(repo.root);
    expect(await main(['baseline', 'refresh'], r.handle)).toBe(2);
    expect(r.out.stderr).toContain('expected an action: update');
    repo.write({ 'plumbline.baseline.json': '{"version":1,"entries":[{"fingerprint":"zz"}]}' });
    r = io(repo.root);
    expect(await main(['check'], r.handle)).toBe(2);
    expect(r.out.stderr).toContain('key "entries.0.fingerprint": expected a hex string');
  });
});
