// Safe output (issue 10). fixtures/hostile/safe-output holds code whose string literals carry
// `</script><img src=x onerror=alert(1)>`, `<!--`, a `<script>` and Unicode bidi controls, plus a key with
// a line break and a GitHub workflow command; plumbline quotes them in its findings (repeated-literal).
// The repository around it adds the same payload to a directory name, a commit subject, an author name and
// a CODEOWNERS owner. Every report format shows the payload inert: data formats keep it verbatim; text
// formats show it without bidi controls and without letting it start a line; Markdown keeps it in code
// spans or escaped; HTML escapes it, and a headless Chromium opening the HTML report runs no script and
// makes no request (skipped without Chromium unless PLUMBLINE_REQUIRE_BROWSER=1: ./chromium.ts).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { launchChromium, skipBrowserTests } from './chromium.js';
import { io } from './git-repo.js';

const FIXTURE = join(import.meta.dirname, '../../../fixtures/hostile/safe-output/src');
/** The storage key written in the fixture's three files. */
const PAYLOAD = '</script><img src=x onerror=alert(1)><!--\u202Eevil\u2066 <script>alert(2)</script>';
/** The same as the text formats show it: bidi controls replaced by U+FFFD. */
const SHOWN = PAYLOAD.replace(/[\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
const INJECT = 'draft\n::error file=pwned.ts::injected %0A';
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
const DIR = 'src/<img src=x onerror=alert(1)> <!--\u202Edir';

let root: string;
const out: Record<string, string> = {};

function git(env: NodeJS.ProcessEnv, ...args: string[]) {
  execFileSync('git', ['-C', root, '-c', 'commit.gpgsign=false', ...args], { env, stdio: 'pipe' });
}
const who = (name: string, date: string): NodeJS.ProcessEnv => ({
  ...process.env,
  GIT_AUTHOR_NAME: name,
  GIT_AUTHOR_EMAIL: 'm@example.invalid',
  GIT_COMMITTER_NAME: name,
  GIT_COMMITTER_EMAIL: 'm@example.invalid',
  GIT_AUTHOR_DATE: date,
  GIT_COMMITTER_DATE: date,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
});

async function run(...argv: string[]): Promise<string> {
  const { out: o, handle } = io(root);
  const code = await main(argv, handle);
  expect(code, `${argv.join(' ')}: ${o.stderr}`).toBeLessThanOrEqual(1);
  return o.stdout;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'plumbline-safe-output-'));
  git(who('Alice', '2024-01-02T10:00:00Z'), 'init', '-q', '-b', 'main');
  writeFileSync(join(root, 'base.ts'), 'export const base = 1;\n');
  // repeated-literal, which quotes the payload, is in the `all` preset
  writeFileSync(join(root, 'plumbline.config.json'), '{ "preset": "all" }\n');
  git(who('Alice', '2024-01-02T10:00:00Z'), 'add', '-A');
  git(who('Alice', '2024-01-02T10:00:00Z'), 'commit', '-q', '-m', 'base');
  mkdirSync(join(root, DIR), { recursive: true });
  cpSync(FIXTURE, join(root, DIR), { recursive: true });
  writeFileSync(join(root, 'CODEOWNERS'), `* @team<!--\u202E<img/src=x/onerror=alert(3)>\n`);
  const mallory = who(`Mallory ${PAYLOAD}`, '2024-01-10T10:00:00Z');
  git(mallory, 'add', '-A');
  git(mallory, 'commit', '-q', '-m', `add ${PAYLOAD}\n\n${INJECT}`);

  out['scan pretty'] = await run('scan');
  out['scan json'] = await run('scan', '--format', 'json');
  for (const f of ['pretty', 'json', 'sarif', 'markdown', 'github'])
    out[`check ${f}`] = await run('check', '--base', 'HEAD~1', '--format', f);
  for (const f of ['markdown', 'html', 'json']) out[`report ${f}`] = await run('report', '--since', '2024-01-01', '--format', f);
}, 120_000);

describe('data formats keep the text verbatim and stay valid JSON', () => {
  for (const name of ['scan json', 'check json', 'check sarif', 'report json']) {
    it(name, () => {
      const text = out[name]!;
      const data = JSON.parse(text) as unknown;
      const strings: string[] = [];
      JSON.stringify(data, (_k, v: unknown) => (typeof v === 'string' && strings.push(v), v));
      expect(
        strings.some((s) => s.includes(PAYLOAD)),
        'the payload, byte for byte',
      ).toBe(true);
      if (name !== 'report json')
        expect(
          strings.some((s) => s.includes(INJECT)),
          'the line break kept as data',
        ).toBe(true);
    });
  }
});

describe('terminal and CI-log formats show the text without bidi controls, and never let it start a line', () => {
  for (const name of ['scan pretty', 'check pretty']) {
    it(name, () => {
      const text = out[name]!;
      expect(text).toContain(SHOWN);
      expect(text).not.toMatch(BIDI);
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      // a message with a line break must not put `::error ...` at the start of a line of the CI log (regression for scan)
      expect(text.split('\n').filter((l) => /^\s*::/.test(l))).toEqual([]);
      expect(text).toContain('draft ::error file=pwned.ts::injected %0A');
    });
  }

  it('check github: each annotation is one line, the payload is data, no bidi controls', () => {
    const text = out['check github']!;
    expect(text).not.toMatch(BIDI);
    const lines = text.trimEnd().split('\n');
    for (const l of lines) expect(l).toMatch(/^::(warning|error|notice) /);
    expect(lines.filter((l) => l.includes('pwned.ts'))).toHaveLength(
      lines.filter((l) => l.includes('draft%0A::error file=pwned.ts::injected %250A')).length,
    );
    expect(text).toContain(SHOWN);
  });
});

/** Markdown with its code spans taken out: what GitHub would read as Markdown and inline HTML. */
function outsideCodeSpans(md: string): string {
  return md.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
}

describe('Markdown keeps the text in code spans or escaped, without bidi controls', () => {
  for (const name of ['check markdown', 'report markdown']) {
    it(name, () => {
      const md = out[name]!;
      expect(md).not.toMatch(BIDI);
      const spans = [...md.matchAll(/(`+)((?:(?!\1)[\s\S])*?)\1/g)].map((m) => m[2]!);
      expect(
        spans.some((s) => s.includes(SHOWN)),
        'the payload is shown, as code',
      ).toBe(true);
      const rest = outsideCodeSpans(md).replace('<!-- plumbline-check -->', '');
      for (const tag of ['<img', '<script', '</script', '<!--', 'onerror']) {
        // escaped as &lt; outside code spans; an author or subject may still mention onerror as plain text
        if (tag === 'onerror') continue;
        expect(rest.includes(tag), `${name}: raw ${tag} outside code spans`).toBe(false);
      }
      if (name === 'report markdown') expect(rest).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&lt;\\!--'); // the commit subject, as text
    });
  }
});

describe('the HTML report', () => {
  let html: string;
  let dir: string;
  beforeAll(() => {
    html = out['report html']!;
    dir = mkdtempSync(join(tmpdir(), 'plumbline-safe-html-'));
  });

  it('escapes every piece of repository text: no tag, comment or bidi control comes from it', () => {
    expect(html).not.toMatch(BIDI);
    expect(html).not.toMatch(/<img|<script|<\/script|<iframe|<object|<embed|<link|<base/i);
    const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
    expect(tags.filter((t) => /\son\w+\s*=/i.test(t))).toEqual([]); // no event-handler attribute in any tag
    expect(html.match(/<!--/g)).toBeNull();
    expect(html).toContain(
      `&#60;/script&#62;&#60;img src=x onerror=alert(1)&#62;&#60;!--\uFFFDevil\uFFFD &#60;script&#62;alert(2)&#60;/script&#62;`,
    );
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\';');
  });

  describe.skipIf(skipBrowserTests)('in headless Chromium', () => {
    let context: Awaited<ReturnType<typeof launchChromium>>;
    beforeAll(async () => {
      // Debian's Chromium, a fresh profile, nothing in the background that could make a request of its own
      context = await launchChromium(mkdtempSync(join(tmpdir(), 'plumbline-chromium-profile-')));
    }, 60_000);
    afterAll(async () => {
      await context?.close();
    });

    /** Opens a file in a new page; reports every request, dialog and script error, and what the DOM holds. */
    async function openInChromium(file: string) {
      const page = await context.newPage();
      try {
        const url = pathToFileURL(file).href;
        const requests: string[] = [];
        const dialogs: string[] = [];
        const errors: string[] = [];
        page.on('request', (r) => void (r.url() !== url && requests.push(r.url())));
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(url, { waitUntil: 'load' });
        await page.waitForTimeout(400);
        const dom = await page.evaluate(() => ({
          active: document.querySelectorAll('script, img, iframe, object, embed, link[rel]').length,
          text: document.body.textContent ?? '',
        }));
        return { requests, dialogs, errors, dom };
      } finally {
        await page.close();
      }
    }

    it('opened in headless Chromium: no script runs, no request is made, and the payload reads as text', async () => {
      const file = join(dir, 'report.html');
      writeFileSync(file, html);
      const r = await openInChromium(file);
      expect(r.dialogs).toEqual([]);
      expect(r.requests).toEqual([]);
      expect(r.errors).toEqual([]);
      expect(r.dom.active).toBe(0);
      expect(r.dom.text).toContain(SHOWN);
    }, 60_000);

    it('the escaping alone is enough: without its Content-Security-Policy the page is just as inert', async () => {
      const file = join(dir, 'report-no-csp.html');
      const stripped = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
      expect(stripped).not.toBe(html);
      writeFileSync(file, stripped);
      const r = await openInChromium(file);
      expect(r.dialogs).toEqual([]);
      expect(r.requests).toEqual([]);
      expect(r.dom.active).toBe(0);
    }, 60_000);

    it('the harness sees a script run: the same page with the payload unescaped and no policy fires the alert and the request', async () => {
      const file = join(dir, 'report-broken.html');
      const broken = html
        .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
        .replace('&#60;img src=x onerror=alert(1)&#62;', '<img src=x onerror=alert(1)>');
      writeFileSync(file, broken);
      const r = await openInChromium(file);
      expect(r.dialogs).toContain('1');
      expect(r.requests.some((u) => u.endsWith('/x'))).toBe(true);
    }, 60_000);
  });
});

afterAll(() => {
  expect(readFileSync(join(root, DIR, 'drafts.ts'), 'utf8')).toContain(PAYLOAD);
});
