import { cpSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { BEGIN_MARKER, conventions, END_MARKER, MarkerError } from '../src/conventions/index.js';
import { code, withinBudget } from '../src/conventions/lines.js';
import type { ConventionLine } from '../src/conventions/lines.js';
import { roleAdvice } from '../src/conventions/practice-lines.js';
import type { RoleMetrics } from '../src/conventions/practice-lines.js';
import { mergeSection, sectionRange } from '../src/conventions/render.js';

const NORTHWIND = fileURLToPath(new URL('../../../fixtures/northwind', import.meta.url));
const dirs: string[] = [];

/** A copy of northwind (its files only, no cache) that a test may change. */
function northwind(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-conventions-'));
  dirs.push(dir);
  cpSync(NORTHWIND, dir, { recursive: true, filter: (src) => !src.includes('.plumbline') });
  return dir;
}

function run(args: string[]): { code: Promise<number>; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const code = Promise.resolve(
    main(args, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), isTTY: false, cwd: process.cwd() }),
  );
  return { code, out: () => out, err: () => err };
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('plumbline conventions on northwind', () => {
  let root: string;
  let agents: string;
  beforeAll(() => {
    root = northwind();
    conventions({ root, targets: ['agents'] });
    agents = readFileSync(join(root, 'AGENTS.md'), 'utf8');
  });

  it('states the design-system component per raw element, with the local re-implementations not to copy', () => {
    const button = agents.split('\n').find((l) => l.includes('`Button`'));
    expect(button).toContain('from `@northwind/design` instead of raw `<button>`');
    for (const local of ['PrimaryBtn', 'BlueButton', 'SubmitButton', 'ActionButton', 'CtaButton']) expect(button).toContain(`\`${local}\``);
    expect(agents).toContain('Use `Heading` from `@northwind/design` instead of raw `<h1>`-`<h6>`.');
    expect(agents).toContain('Import `@northwind/design` from its entry points only');
  });

  it('states the tokens by family and how this codebase writes them', () => {
    expect(agents).toMatch(
      /- Colors: use the design tokens \(.*`packages\/design\/tokens.json`.*\), written as `var\(--nw-color-action-primary\)`/,
    );
    expect(agents).toMatch(/- Spacing: use the design tokens .* `var\(--nw-space-\w+\)`/);
  });

  it('states the choice per role with its decision, the layers, the idioms and where constants live', () => {
    expect(agents).toContain(
      '- HTTP client: use `apiClient` from `apps/web/src/api/client.ts` (ADR-001, `docs/adr/001-http-client.md`), not `axios` or `ky`.',
    );
    expect(agents).toContain('- Date library: prefer `dayjs`; `moment` is also used, add no more.');
    expect(agents).toContain('- `shared` (`apps/web/src/shared/**` and `apps/web/src/api/**`) may import only from itself.');
    expect(agents).toContain('- Declare components as function declarations, not const arrow functions.');
    expect(agents).toMatch(/`apps\/web\/src\/shared\/config.ts` exports shared constants \(.*`API_BASE_URL`.*\)/);
  });

  it('is deterministic: a second run, and a run without the cache, write the same bytes', () => {
    expect(conventions({ root, targets: ['agents'] }).outcomes[0]!.status).toBe('unchanged');
    const fresh = conventions({ root, targets: [], cache: false });
    expect(`${fresh.section}\n`).toBe(agents);
  });

  it('--check passes on the current section, fails after a change adds a date library, and passes after regenerating', async () => {
    expect(await run(['conventions', root, '--check']).code).toBe(0);
    mkdirSync(join(root, 'apps/web/src/features/orders'), { recursive: true });
    writeFileSync(
      join(root, 'apps/web/src/features/orders/deliveryDate.ts'),
      "import { addDays, format } from 'date-fns';\n\nexport function deliveryDate(from: Date, days: number): string {\n  return format(addDays(from, days), 'PP');\n}\n",
    );
    const stale = run(['conventions', root, '--check']);
    expect(await stale.code).toBe(1);
    expect(stale.err()).toContain('AGENTS.md: conventions are stale');
    expect(readFileSync(join(root, 'AGENTS.md'), 'utf8')).toBe(agents); // --check writes nothing
    expect(await run(['conventions', root]).code).toBe(0);
    expect(readFileSync(join(root, 'AGENTS.md'), 'utf8')).toContain('`date-fns`');
    expect(await run(['conventions', root, '--check']).code).toBe(0);
  });

  it('--explain prints each line with the fact behind it, and writes nothing', async () => {
    const r = run(['conventions', root, '--explain', '--target', 'claude']);
    expect(await r.code).toBe(0);
    expect(r.out()).toMatch(
      /\[design-system:Button\] Use `Button`[^\n]*\n {3}fact: Button is a component of the design system \(@northwind\/design, declared at packages\/design\/src\/Button.tsx:32\)/,
    );
    expect(r.out()).toMatch(
      /\[role:http\][^\n]*\n {3}fact: decision ADR-001 in the config; apps\/web\/src\/api\/client \(apiClient\): 3 files, axios: 2 files, ky: 1 file/,
    );
    expect(() => readFileSync(join(root, 'CLAUDE.md'))).toThrow();
  });
});

describe('--check on a codebase with one date library', () => {
  it('fails once a second date library comes in, and passes after regenerating', async () => {
    const root = mkdtempSync(join(tmpdir(), 'plumbline-conventions-dates-'));
    dirs.push(root);
    for (const name of ['orders', 'invoices', 'shipping', 'returns'])
      writeFileSync(
        join(root, `${name}.ts`),
        `import dayjs from 'dayjs';\n\nexport const ${name}Due = (d: Date): string => dayjs(d).add(7, 'day').format('YYYY-MM-DD');\n`,
      );
    expect(await run(['conventions', root]).code).toBe(0);
    expect(readFileSync(join(root, 'AGENTS.md'), 'utf8')).toContain('- Date library: use `dayjs`.');
    expect(await run(['conventions', root, '--check']).code).toBe(0);
    writeFileSync(
      join(root, 'refunds.ts'),
      "import { addDays } from 'date-fns';\n\nexport const refundBy = (d: Date): Date => addDays(d, 14);\n",
    );
    expect(await run(['conventions', root, '--check']).code).toBe(1);
    expect(await run(['conventions', root]).code).toBe(0);
    expect(readFileSync(join(root, 'AGENTS.md'), 'utf8')).toContain('- Date library: use `dayjs`, not `date-fns`.');
    expect(await run(['conventions', root, '--check']).code).toBe(0);
  });
});

describe('targets and markers', () => {
  it("writes between the markers and keeps the team's text byte for byte; appends when there are none; Cursor gets front matter", async () => {
    const root = northwind();
    const team = '# Team notes\r\n\r\nUse pnpm.  \n';
    const after = '\n## More team notes\nKeep PRs small.\n';
    writeFileSync(join(root, 'CLAUDE.md'), `${team}${BEGIN_MARKER}\nold text\n${END_MARKER}${after}`);
    mkdirSync(join(root, '.github'), { recursive: true });
    writeFileSync(join(root, '.github/copilot-instructions.md'), 'Be brief.');
    const r = run(['conventions', root, '--target', 'claude', '--target', 'copilot,cursor', '--max-lines', '6']);
    expect(await r.code).toBe(0);
    const claude = readFileSync(join(root, 'CLAUDE.md'), 'utf8');
    expect(claude.startsWith(`${team}${BEGIN_MARKER}\n`)).toBe(true);
    expect(claude.endsWith(`${END_MARKER}${after}`)).toBe(true);
    expect(claude).not.toContain('old text');
    expect(claude.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(6);
    const copilot = readFileSync(join(root, '.github/copilot-instructions.md'), 'utf8');
    expect(copilot.startsWith(`Be brief.\n\n${BEGIN_MARKER}\n`)).toBe(true);
    const cursor = readFileSync(join(root, '.cursor/rules/plumbline.mdc'), 'utf8');
    expect(cursor.startsWith('---\ndescription: ')).toBe(true);
    expect(cursor).toContain('alwaysApply: true\n---\n\n<!-- plumbline:conventions:begin -->');
  });

  it('writes through a link to another file of the repository (CLAUDE.md -> AGENTS.md), keeping the link', async () => {
    const root = northwind();
    writeFileSync(join(root, 'AGENTS.md'), '# Agents\n');
    symlinkSync('AGENTS.md', join(root, 'CLAUDE.md'));
    expect(await run(['conventions', root, '--target', 'agents,claude', '--max-lines', '3']).code).toBe(0);
    expect(lstatSync(join(root, 'CLAUDE.md')).isSymbolicLink()).toBe(true);
    const text = readFileSync(join(root, 'AGENTS.md'), 'utf8');
    expect(text.startsWith(`# Agents\n\n${BEGIN_MARKER}\n`)).toBe(true);
    expect(text.split(BEGIN_MARKER)).toHaveLength(2);
  });

  it('refuses broken markers and a target that leads outside the repository, writing nothing', async () => {
    expect(() => sectionRange(`${END_MARKER}\n${BEGIN_MARKER}\n`, 'AGENTS.md')).toThrow(MarkerError);
    expect(() => mergeSection(`${BEGIN_MARKER}\n${BEGIN_MARKER}\n${END_MARKER}`, 'x', 'AGENTS.md')).toThrow(/found 2 and 1/);
    const root = northwind();
    const broken = `intro\n${BEGIN_MARKER}\nno end marker\n`;
    writeFileSync(join(root, 'AGENTS.md'), broken);
    const r = run(['conventions', root]);
    expect(await r.code).toBe(2);
    expect(r.err()).toContain('AGENTS.md: expected one');
    expect(readFileSync(join(root, 'AGENTS.md'), 'utf8')).toBe(broken);
    const outside = mkdtempSync(join(tmpdir(), 'plumbline-conventions-outside-'));
    dirs.push(outside);
    symlinkSync(outside, join(root, '.cursor'));
    const s = run(['conventions', root, '--target', 'cursor']);
    expect(await s.code).toBe(2);
    expect(s.err()).toContain('leads outside');
    const bad = run(['conventions', root, '--target', 'vim']);
    expect(await bad.code).toBe(2);
    expect(bad.err()).toContain('--target must be one of agents, claude, copilot, cursor');
  });
});

describe('the line budget', () => {
  const line = (key: string, section: ConventionLine['section'], weight: number): ConventionLine => ({
    key,
    section,
    weight,
    text: key,
    fact: '',
  });
  it('keeps the most used lines and writes them section by section', () => {
    const lines = [
      line('a', 'idioms', 50),
      line('b', 'design-system', 3),
      line('c', 'tokens', 40),
      line('d', 'design-system', 9),
      line('e', 'libraries', 40),
    ];
    expect(withinBudget(lines, 3).map((l) => l.key)).toEqual(['c', 'e', 'a']);
    expect(withinBudget(lines, 10).map((l) => l.key)).toEqual(['d', 'b', 'c', 'e', 'a']);
  });
});

describe('the choice a role line names', () => {
  const choice = (c: string, files: number, kind: 'library' | 'wrapper' = 'library') => ({ choice: c, label: c, kind, files, share: 0 });
  const role = (choices: ReturnType<typeof choice>[], extra: Partial<RoleMetrics> = {}): RoleMetrics => ({
    role: 'dates',
    title: 'date library',
    convention: null,
    choices,
    wrapperFiles: [],
    ...extra,
  });
  it('names the most used choice without a convention only when it has twice the files of the next', () => {
    expect(roleAdvice(role([choice('dayjs', 2), choice('moment', 1)]))).toMatchObject({ status: 'most-used', choice: { choice: 'dayjs' } });
    expect(roleAdvice(role([choice('dayjs', 222), choice('moment', 215)]))).toBeNull();
    expect(roleAdvice(role([choice('dayjs', 1)]))).toBeNull();
  });
  it('does not tell to avoid a library used only in the wrapper built on it or in files the scan leaves alone', () => {
    const r = role([choice('src/lib/cn', 40, 'wrapper'), choice('clsx', 1), choice('moment', 2)], {
      role: 'class-names',
      convention: choice('src/lib/cn', 40, 'wrapper'),
      wrapperFiles: ['src/lib/cn.ts'],
      quietFiles: ['legacy/a.ts'],
    });
    const files = new Map([
      ['clsx', new Set(['src/lib/cn.ts'])],
      ['moment', new Set(['legacy/a.ts', 'src/b.ts'])],
    ]);
    expect(roleAdvice(r, (_role, c) => files.get(c))!.avoid.map((a) => a.choice)).toEqual(['moment']);
  });
});

describe('conventions text: names read from the repository', () => {
  it('cannot escape their code span nor carry control or bidi characters into the assistant file', () => {
    expect(code('ui/\u202eButton`\n.tsx\u0085\u2066')).toBe('`ui/Button.tsx`');
  });
});
