// The browser tests open the HTML report in Debian's Chromium through playwright-core (no browser is ever
// downloaded). Chromium is optional on a developer's machine: without it those tests are skipped with one
// line saying how to install it. CI (.ci/run) installs it and sets PLUMBLINE_REQUIRE_BROWSER=1, which turns
// a missing browser into a failure.
import { existsSync } from 'node:fs';

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
