// The browser tests open the HTML report in Debian's Chromium through playwright-core (no browser is ever
// downloaded). Chromium is optional on a developer's machine: without it those tests are skipped with one
// line saying how to install it. CI (.ci/run) installs it and sets PLUMBLINE_REQUIRE_BROWSER=1, which turns
// a missing browser into a failure.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const required = process.env.PLUMBLINE_REQUIRE_BROWSER === '1';
const present = existsSync(CHROMIUM);

/** True when this file's browser tests are to be skipped; says so on stderr, once per test file. */
export const skipBrowserTests = !present && !required;
if (skipBrowserTests) {
  process.stderr.write(
    `browser tests skipped: no Chromium at ${CHROMIUM}; install it with \`apt-get install chromium\` (CI sets PLUMBLINE_REQUIRE_BROWSER=1 and fails without it)\n`,
  );
}

/** Throws, naming the fix, when Chromium is missing (reached only when PLUMBLINE_REQUIRE_BROWSER=1). */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing and PLUMBLINE_REQUIRE_BROWSER=1 requires the browser tests: install Debian's chromium (apt-get install chromium), as .ci/run does`,
    );
  }
}

/** Debian's Chromium with a fresh profile in `profileDir`, headless, nothing in the background that could make a request of its own. */
export async function launchChromium(profileDir: string, viewport?: { width: number; height: number }): Promise<BrowserContext> {
  requireChromium();
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    ...(viewport ? { viewport } : {}),
  });
}

/** What a page did: console errors and warnings, script errors, dialogs (dismissed), and every request. */
export function watchPage(page: Page): { problems: string[]; requests: string[] } {
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { problems, requests };
}
