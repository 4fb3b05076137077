import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from '../design-system/fixture.js';
import { jscpdBinary, runJscpd } from './jscpd.js';

const root = new URL('../../../../fixtures/duplication/copied-code/', import.meta.url).pathname;

describe('copied-code', () => {
  const out = analyzeFixture('duplication', 'copied-code');
  const findings = findingsOf(out, 'copied-code');

  it('reports a block copied into three files as ONE finding with every copy in related', () => {
    expect(findings[0]).toEqual({
      ruleId: 'copied-code',
      file: 'src/customers/report.ts',
      line: 4,
      column: 1,
      endLine: 14,
      endColumn: 2,
      message:
        '11 lines (172 tokens) are copied in 3 places: here and src/invoices/export.ts:4, src/orders/export.ts:6. Extract the code once and reuse it.',
      related: ['src/invoices/export.ts:4', 'src/orders/export.ts:6'],
    });
    const f = out.result.findings.find((x) => x.ruleId === 'copied-code' && x.file === 'src/customers/report.ts')!;
    expect(f.related.map((r) => r.message)).toEqual([
      'copy 2 of 3: lines 4-14 (11 lines, 172 tokens)',
      'copy 3 of 3: lines 6-16 (11 lines, 172 tokens)',
    ]);
    // 15 min × 2 further copies × √(11/10)
    expect(f.effortMinutes).toBe(31);
  });

  it('reports a copy inside one file, cut to whole lines', () => {
    expect(findings[1]).toMatchObject({
      file: 'src/reports/handlers.ts',
      line: 4,
      endLine: 12,
      message: '9 lines (115 tokens) are copied in 2 places: here and src/reports/handlers.ts:15. Extract the code once and reuse it.',
      related: ['src/reports/handlers.ts:15'],
    });
  });

  it('stays quiet on short clones, tests and generated files', () => {
    expect(findings).toHaveLength(2);
    const places = out.result.findings.filter((f) => f.ruleId === 'copied-code').flatMap((f) => [f.file, ...f.related.map((r) => r.file)]);
    expect(places).not.toContain('src/util/math-a.ts');
    expect(places).not.toContain('src/invoices/export.test.ts');
    expect(places).not.toContain('src/api/client.ts');
    expect(out.result.skipped).toEqual([{ file: 'src/api/client.ts', reason: 'generated (marker in the header)' }]);
  });

  it('has fingerprints that do not depend on paths or lines', () => {
    const fps = out.result.findings.filter((f) => f.ruleId === 'copied-code').map((f) => f.fingerprint);
    expect(new Set(fps).size).toBe(2);
  });

  const bin = jscpdBinary();
  it.skipIf(!bin)('agrees with jscpd 5.3.2 (the reference) at the same thresholds', () => {
    const clones = runJscpd(bin!, root, [
      '--min-tokens',
      '100',
      '--min-lines',
      '5',
      '--format',
      'typescript',
      '--ignore',
      '**/*.test.ts,**/api/client.ts',
    ]);
    expect(clones.length).toBeGreaterThan(0);
    const classes = out.result.findings
      .filter((f) => f.ruleId === 'copied-code')
      .map((f) => [
        { file: f.file, start: f.line, end: f.endLine },
        ...f.related.map((r) => {
          const m = /lines (\d+)-(\d+)/.exec(r.message)!;
          return { file: r.file, start: Number(m[1]), end: Number(m[2]) };
        }),
      ]);
    const overlap = (x: { start: number; end: number }, y: { start: number; end: number }) =>
      Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start) + 1);
    // every jscpd pair lies in one of our classes: both its fragments overlap members of the same class
    for (const c of clones) {
      const hit = classes.some((members) =>
        [c.a, c.b].every((frag) => members.some((m) => m.file === frag.file && overlap(m, frag) >= 0.5 * (frag.end - frag.start + 1))),
      );
      expect(hit, `${c.a.file}:${c.a.start}-${c.a.end} ~ ${c.b.file}:${c.b.start}-${c.b.end}`).toBe(true);
    }
    // and every member of ours is a place jscpd reports too
    for (const members of classes) {
      for (const m of members) {
        expect(
          clones.some((c) => [c.a, c.b].some((frag) => m.file === frag.file && overlap(m, frag) > 0)),
          `${m.file}:${m.start}`,
        ).toBe(true);
      }
    }
  });
});

describe('copied-code: one finding per region, and copies that must stay', () => {
  const out = analyzeFixture('duplication', 'copied-code-kept');
  const findings = findingsOf(out, 'copied-code');
  const places = findings.flatMap((f) => [f.file, ...f.related.map((r) => r.replace(/:\d+$/, ''))]);

  it('reports a block copied into seven files as one finding listing all seven places', () => {
    const seven = findings.filter((f) => f.file.startsWith('src/widgets/'));
    expect(seven).toHaveLength(1);
    expect(seven[0]!.related).toHaveLength(6);
    expect(new Set([seven[0]!.file, ...seven[0]!.related.map((r) => r.replace(/:\d+$/, ''))]).size).toBe(7);
  });

  it('merges the pieces of one file pair cut apart by a one-line edit into one region', () => {
    const pages = findings.filter((f) => f.file.startsWith('src/pages/'));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ line: 4, endLine: 18 });
    expect(pages[0]!.related).toEqual([pages[0]!.file === 'src/pages/teams.ts' ? 'src/pages/users.ts:4' : 'src/pages/teams.ts:4']);
  });

  it('starts a copy at a statement, not at the `});` closing the code before it', () => {
    const grid = findings.filter((f) => f.file.startsWith('src/grid/'));
    expect(grid).toHaveLength(1);
    expect(grid[0]).toMatchObject({ line: 7, column: 3, endLine: 26 });
    expect(grid[0]!.related).toEqual(['src/grid/right.ts:7']);
  });

  it('stays quiet on per-dialect schemas, entry files, vendored files, deliberate copies, migrations, config files and SVG artwork', () => {
    expect(findings).toHaveLength(3);
    for (const quiet of [
      'src/db/schema/mysql.ts',
      'apps/web/app/entry.server.tsx',
      'src/net/vendor/filtering-agent.ts',
      'src/net/address.ts',
      'src/signing/tsp.ts',
      'src/database/migration/server/v12.ts',
      'src/database/schema/channel.ts',
      'apps/web/vite.config.ts',
      'src/icons/icons.tsx',
    ])
      expect(places).not.toContain(quiet);
  });
});
