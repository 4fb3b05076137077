// report --org: built from any store's repositories (here SQLite files, one per repository, so no
// server is needed), rendered as Markdown, JSON and HTML; the HTML opened in real Chromium (skipped
// without it unless PLUMBLINE_REQUIRE_BROWSER=1): no script, no request, every repository name escaped.
// Also the repository identity and the masking of credentials.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bandOf, CALIBRATION, defaultConfig } from '@plumbline/core';
import { formatOrgHtml } from '../src/formatters/org/html.js';
import { formatOrgJson } from '../src/formatters/org/json.js';
import { formatOrgMarkdown } from '../src/formatters/org/markdown.js';
import { maskUrl } from '../src/history/pg-connection.js';
import { normaliseRemote, storeSpec } from '../src/history/open.js';
import { storedFinding } from '../src/history/records.js';
import { SqliteBackend } from '../src/history/sqlite-backend.js';
import { buildOrgReport } from '../src/org/build.js';
import type { OrgReport } from '../src/org/build.js';
import { compileAssistantPatterns } from '../src/trend/assistants.js';
import { main } from '../src/cli.js';
import { launchChromium, skipBrowserTests, watchPage } from './chromium.js';
import { io } from './git-repo.js';
// @ts-expect-error plain JavaScript shared with the load test's writer processes
import { intervalInput, snapshotInput } from './store-load-data.mjs';

const OUTPUT = fileURLToPath(new URL('../../../tmp/test-output/', import.meta.url));
const EVIL = '<img src="https://tracker.invalid/x.png" onerror="console.error(1)"><script>console.error(2)</script>';
const NAMES = ['github.com/acme/web', `github.com/acme/${EVIL}`, 'gitlab.com/acme/api|pipe*'];

let dir: string;
let stores: SqliteBackend[];
let report: OrgReport;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plumbline-org-'));
  stores = [];
  for (const [i, name] of NAMES.entries()) {
    const s = SqliteBackend.open(join(dir, `${i}.db`), name);
    stores.push(s);
    for (let j = 0; j < 6; j++) await s.addSnapshot(snapshotInput(i, j));
    for (let j = 1; j < 6; j++) await s.addInterval(intervalInput(i, j, (f: never) => storedFinding(f)));
  }
  report = await buildOrgReport('postgres://ci:***@db/plumbline', stores, {
    assistantPatterns: compileAssistantPatterns(defaultConfig()),
    generatedAt: new Date('2024-01-01T00:00:00Z'),
  });
});
afterAll(async () => {
  for (const s of stores ?? []) await s.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the organisation report', () => {
  it('has a row per repository, totals per week and who added the most debt', () => {
    expect(report.repositories.map((r) => r.repository).sort()).toEqual([...NAMES].sort());
    const web = report.repositories.find((r) => r.repository === NAMES[0])!;
    // repository 0 of the synthetic data: 10 findings, one more each week; each new one credited 60/40
    expect(web).toMatchObject({ snapshots: 6, findings: 15, debtMinutesPerWeek: expect.any(Number) as number });
    expect(web.newDebtMinutes).toBeGreaterThan(0);
    expect(web.assistantDebtShare).toBeGreaterThan(0);
    expect(web.assistantDebtShare).toBeLessThan(1);
    expect(report.weeks).toHaveLength(6);
    expect(report.weeks.every((w) => w.repositories === 3)).toBe(true);
    expect(report.weeks[5]!.debtMinutes).toBeCloseTo(
      report.repositories.reduce((n, r) => n + r.debtMinutes, 0),
      5,
    );
    expect(report.weeks[5]!.debtMinutes).toBeGreaterThan(report.weeks[0]!.debtMinutes);
    expect(report.topRepositories[0]!.newDebtMinutes).toBeGreaterThanOrEqual(report.topRepositories[1]!.newDebtMinutes);
    expect(report.topAuthors.length).toBeGreaterThan(0);
    expect(report.totals.newDebtMinutes).toBeCloseTo(
      report.repositories.reduce((n, r) => n + r.newDebtMinutes, 0),
      1,
    );
  });

  it('rates each repository and the organisation against the population: lines-weighted rated density', () => {
    for (const r of report.repositories) {
      expect(r.ratedDensity).toBeGreaterThan(0);
      expect(r.rating).toBe(bandOf(r.ratedDensity!, CALIBRATION.cuts));
      expect(r.ratingStale).toBe(false);
    }
    const loc = report.repositories.reduce((n, r) => n + r.linesOfCode, 0);
    const pooled = report.repositories.reduce((n, r) => n + r.ratedDensity! * r.linesOfCode, 0) / loc;
    expect(report.totals.ratedDensity).toBeCloseTo(pooled, 3);
    expect(report.totals.rating).toBe(bandOf(report.totals.ratedDensity!, CALIBRATION.cuts));
    expect(report.totals.ratingLine).toMatch(
      /^Rating [A-E]: [\d.]+ h of rated debt per 10k lines, in the \w+ fifth of \d+ reference repositories/,
    );
    expect(report.weeks.every((w) => w.rating !== null)).toBe(true);
    expect(formatOrgMarkdown(report)).toContain(`- ${report.totals.ratingLine!}`);
    expect(report.notes).toEqual([]);
  });

  it('Markdown escapes every name; JSON is the data', () => {
    const md = formatOrgMarkdown(report);
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;script&gt;');
    expect(md).toContain('api\\|pipe\\*');
    expect(JSON.parse(formatOrgJson(report))).toEqual(report);
  });

  it('HTML holds no markup from a name, no script and no address it could fetch', () => {
    const html = formatOrgHtml(report);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<[a-z][^>]*\s(src|href|action|srcset)=/i); // no element that could fetch
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain("default-src 'none'");
  });
});

describe('report --org without a store', () => {
  it('says where it looked and what to give, exit 2, and creates nothing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'plumbline-org-none-'));
    try {
      const r = io(empty);
      const saved = process.env.PLUMBLINE_STORE;
      delete process.env.PLUMBLINE_STORE;
      try {
        expect(await main(['report', '--org'], r.handle)).toBe(2);
      } finally {
        if (saved !== undefined) process.env.PLUMBLINE_STORE = saved;
      }
      expect(r.out.stderr).toContain(`no history store at ${join(empty, '.plumbline/history.db')}: give the shared one with --store`);
      expect(existsSync(join(empty, '.plumbline'))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('the repository identity and the masking of credentials', () => {
  it('normalises remote URLs: host lower-cased, no scheme, user, password, port or .git', () => {
    expect(normaliseRemote('git@github.com:Acme/Web.git')).toBe('github.com/Acme/Web');
    expect(normaliseRemote('https://ci:t0ken@GitHub.com/Acme/Web.git')).toBe('github.com/Acme/Web');
    expect(normaliseRemote('ssh://git@gitlab.example.com:2222/group/sub/web.git/')).toBe('gitlab.example.com/group/sub/web');
    expect(normaliseRemote('/srv/git/web.git')).toBeNull();
  });

  it('masks the password of a URL wherever it is, and picks the store: flag, PLUMBLINE_STORE, config, file', () => {
    expect(maskUrl('postgres://u:p%40ss@db:5432/x')).toBe('postgres://u:***@db:5432/x');
    expect(maskUrl('postgresql://u:p@ss@db/x?sslmode=require')).toBe('postgresql://u:***@db/x?sslmode=require');
    expect(maskUrl('postgres://db/x?user=u&password=pw')).toBe('postgres://db/x?user=u&password=***');
    expect(maskUrl('postgres://u@db/x')).toBe('postgres://u@db/x');
    const config = { ...defaultConfig(), historyStore: 'postgres://cfg@db/x' };
    expect(storeSpec('/r', config, 'postgres://flag:pw@db/x', {}).label).toBe('postgres://flag:***@db/x');
    expect(storeSpec('/r', config, undefined, { PLUMBLINE_STORE: 'postgres://env@db/x' }).target).toBe('postgres://env@db/x');
    expect(storeSpec('/r', config, undefined, {}).target).toBe('postgres://cfg@db/x');
    expect(storeSpec('/r', defaultConfig(), undefined, {})).toEqual({
      kind: 'sqlite',
      target: '/r/.plumbline/history.db',
      label: '/r/.plumbline/history.db',
    });
  });
});

describe.skipIf(skipBrowserTests)('the organisation report in a browser', () => {
  it('renders the weekly chart and the tables, logs no error, requests nothing, shows every name as text', async () => {
    const file = join(dir, 'org.html');
    writeFileSync(file, formatOrgHtml(report));
    const url = pathToFileURL(file).href;
    const context = await launchChromium(join(dir, 'profile'), { width: 1100, height: 900 });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const { problems, requests } = watchPage(page);
      await page.goto(url, { waitUntil: 'load' });
      expect(await page.locator('svg[data-chart="org-debt"] circle.pt').count()).toBe(report.weeks.length);
      const box = await page.locator('svg[data-chart="org-debt"]').boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      for (const name of NAMES) expect(await page.getByText(name, { exact: true }).count()).toBeGreaterThan(0);
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('img').count()).toBe(0);
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);
      mkdirSync(OUTPUT, { recursive: true });
      const shot = join(OUTPUT, 'org-report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
    } finally {
      await context.close();
    }
  });
});
