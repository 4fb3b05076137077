// Opens the HTML report in a headless Chromium (Debian's /usr/bin/chromium through playwright-core; no
// browser is ever downloaded): the charts render with a point per snapshot, no console errors, no requests.
// Skipped without Chromium unless PLUMBLINE_REQUIRE_BROWSER=1 (./chromium.ts).
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReportHtml } from '../src/formatters/trend/html.js';
import { trend } from '../src/trend/index.js';
import type { TrendReport } from '../src/trend/index.js';
import { launchChromium, requireChromium, skipBrowserTests, watchPage } from './chromium.js';
import { buildSixWeeks } from './trend-repo.js';
import type { SixWeeks } from './trend-repo.js';

/** Screenshots go to <repo>/tmp/test-output/, which .gitignore leaves out. */
const OUTPUT = fileURLToPath(new URL('../../../tmp/test-output/', import.meta.url));

describe.skipIf(skipBrowserTests)('the HTML report in a browser', () => {
  let fx: SixWeeks;
  let report: TrendReport;
  let dir: string;

  beforeAll(async () => {
    requireChromium();
    fx = buildSixWeeks();
    report = (await trend({ root: fx.repo.dir, since: '2024-01-01', generatedAt: new Date('2024-02-07T00:00:00Z') })).report;
    // text from the repository that would fetch or run something if it were not escaped
    const evil = '<img src="https://tracker.invalid/x.png" onerror="console.error(1)"><script>console.error(2)</script>';
    report.attribution.commits[0]!.subject = evil;
    report.notes.push(evil);
    dir = mkdtempSync(join(tmpdir(), 'plumbline-browser-'));
  });
  afterAll(() => {
    fx?.repo.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders every chart with a point per snapshot, logs no error and requests nothing', async () => {
    const file = join(dir, 'report.html');
    writeFileSync(file, formatReportHtml(report));
    const url = pathToFileURL(file).href;
    const context = await launchChromium(join(dir, 'profile'), { width: 1100, height: 900 });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const { problems, requests } = watchPage(page);
      await page.goto(url, { waitUntil: 'load' });

      const count = (selector: string) => page.locator(selector).count();
      const n = report.points.length;
      expect(n).toBe(6);
      expect(await count('svg[data-chart="debt"] circle.pt')).toBe(n);
      expect(await count('svg[data-chart="debt"] polygon.area')).toBe(1); // only abstraction debt in this repository
      expect(await count('svg[data-chart="rating"] circle.pt')).toBe(n);
      expect(await count('svg[data-chart="rating"] rect.band')).toBeGreaterThanOrEqual(1);
      expect(await count('svg[data-chart="new-fixed"] rect.new')).toBe(n - 1);
      expect(await count('svg[data-chart="new-fixed"] rect.fixed')).toBe(n - 1);
      expect(await count('svg[data-chart="adoption-drift"] circle.pt-drift')).toBe(n);
      expect(await count('svg[data-chart="directories"] rect.bar')).toBe(3);
      expect(await count('svg[data-chart="owners"] rect.bar')).toBe(3);
      expect(await count('svg[data-chart="commits"] rect.bar')).toBe(3);

      // drawn, not just present: every chart has a size on the page, and the points spread across it
      for (const chart of ['debt', 'rating', 'new-fixed', 'adoption-drift', 'directories', 'owners', 'commits']) {
        const box = await page.locator(`svg[data-chart="${chart}"]`).boundingBox();
        expect(box, chart).not.toBeNull();
        expect(box!.width).toBeGreaterThan(300);
        expect(box!.height).toBeGreaterThan(40);
      }
      const xs = await page.locator('svg[data-chart="debt"] circle.pt').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().x));
      expect(xs).toEqual([...xs].sort((a, b) => a - b));
      expect(xs[xs.length - 1]! - xs[0]!).toBeGreaterThan(300);
      const ys = await page.locator('svg[data-chart="debt"] circle.pt').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().y));
      expect(ys[5]!).toBeLessThan(ys[0]!); // 40 min at the end is higher on the page than 10 min at the start

      // the repository's text is shown as text
      expect(await page.getByText('<script>console.error(2)</script>', { exact: false }).count()).toBeGreaterThan(0);
      expect(await count('img')).toBe(0);
      expect(await count('script')).toBe(0);

      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);

      mkdirSync(OUTPUT, { recursive: true });
      const shot = join(OUTPUT, 'trend-report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
    } finally {
      await context.close();
    }
  });
});
