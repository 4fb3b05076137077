// Docs, presets and code cannot drift apart: every rule has a page and every page a rule, the page's
// description is the metadata's, every option has a heading, and the generated files are current. A rule
// is found by its name: its source (a check, a detector or an ESLint rule), its test and its page are
// files named by its id.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETECTORS } from '@plumbline/analyzer';
import { allRules } from '@plumbline/cli';
import { FILE_CHECKS, isKebabCase } from '@plumbline/core';
import plugin from '@plumbline/eslint-plugin';

const root = join(import.meta.dirname, '..');
const pages = readdirSync(join(root, 'rules'))
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .map((f) => f.slice(0, -3))
  .sort();
const rules = allRules();

/** Where a rule's source may be: a per-file check, a whole-project detector, an ESLint rule. */
const SOURCE_DIRS = ['packages/core/src/checks', 'packages/analyzer/src/detectors', 'packages/eslint-plugin/src/rules'];
const sourcesOf = (id: string) => SOURCE_DIRS.map((d) => `${d}/${id}.ts`).filter((f) => existsSync(join(root, f)));
const modulesIn = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.generated.ts'))
    .map((f) => f.slice(0, -3));

/** Every `*.test.ts` under packages/<pkg>/test, by file name. */
function testFileNames(): Set<string> {
  const out = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.test.ts')) out.add(e.name);
    }
  };
  for (const pkg of readdirSync(join(root, 'packages')))
    if (existsSync(join(root, 'packages', pkg, 'test'))) walk(join(root, 'packages', pkg, 'test'));
  return out;
}
const tests = testFileNames();

describe('rule catalog invariants', () => {
  it('has rules', () => {
    expect(rules.length).toBeGreaterThan(0);
  });

  it('every rule has a page and every page a rule', () => {
    expect(pages).toEqual(rules.map((r) => r.id).sort());
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      const page = existsSync(join(root, 'rules', `${rule.id}.md`)) ? readFileSync(join(root, 'rules', `${rule.id}.md`), 'utf8') : '';
      it('has a kebab-case id', () => expect(isKebabCase(rule.id)).toBe(true));
      it('has a source file of its name', () =>
        expect(sourcesOf(rule.id), `no ${rule.id}.ts in ${SOURCE_DIRS.join(', ')}`).not.toEqual([]));
      it('has a test file of its name', () =>
        expect(tests.has(`${rule.id}.test.ts`), `no packages/*/test/**/${rule.id}.test.ts`).toBe(true));
      it('has a page of its name', () => expect(existsSync(join(root, 'rules', `${rule.id}.md`)), `no rules/${rule.id}.md`).toBe(true));
      it('page title is the id', () => expect(page.split('\n')[0]).toBe(`# ${rule.id}`));
      it('page description equals meta.description', () => {
        const quote = /^> (.+)$/m.exec(page)?.[1];
        expect(quote).toBe(rule.description);
      });
      it('page states category, effort and preset as the metadata does', () => {
        expect(page).toContain(`**Category:** ${rule.category}`);
        expect(page).toContain(`**Default effort:** ${rule.defaultEffortMinutes} min`);
        expect(page).toContain(`**Preset:** ${rule.preset}`);
      });
      it('page has Bad and Good examples and a section on what is deliberately not reported', () => {
        expect(page).toMatch(/^## Bad$/m);
        expect(page).toMatch(/^## Good$/m);
        expect(page).toMatch(/^## Not reported/m);
      });
      it('every option has a heading under ## Options', () => {
        const props = Object.keys((rule.optionsSchema?.properties as object | undefined) ?? {});
        if (props.length === 0) return;
        const options = page.split(/^## Options$/m)[1]?.split(/^## /m)[0] ?? '';
        for (const p of props) expect(options).toMatch(new RegExp(`^### ${p}$`, 'm'));
      });
      it('options schema describes every property and forbids unknown ones', () => {
        const schema = rule.optionsSchema as
          { additionalProperties?: boolean; properties?: Record<string, { description?: string }> } | undefined;
        if (!schema) return;
        expect(schema.additionalProperties).toBe(false);
        for (const [name, prop] of Object.entries(schema.properties ?? {})) expect(prop.description, name).toBeTruthy();
      });
    });
  }

  it('every check, detector and ESLint rule file is named by the rule it reports', () => {
    const checks = new Map(FILE_CHECKS.map((c) => [c.meta.id, c]));
    expect(modulesIn('packages/core/src/checks').sort()).toEqual([...checks.keys()].sort());
    expect(modulesIn('packages/eslint-plugin/src/rules').sort()).toEqual(Object.keys(plugin.rules ?? {}).sort());
    // a detector reports the one rule of its file name; one without rules computes a metric (design-system-adoption)
    expect(modulesIn('packages/analyzer/src/detectors').sort()).toEqual(DETECTORS.map((d) => d.id).sort());
    for (const d of DETECTORS)
      expect(
        d.rules.map((r) => r.id),
        d.id,
      ).toEqual(d.rules.length ? [d.id] : []);
  });

  it('ESLint rules link to their page and agree with the catalog', () => {
    const byId = new Map(rules.map((r) => [r.id, r]));
    for (const [id, rule] of Object.entries(plugin.rules ?? {})) {
      const meta = (rule as { meta: { docs: { url: string; description: string } } }).meta;
      expect(meta.docs.url.endsWith(`/rules/${id}.md`)).toBe(true);
      expect(meta.docs.description).toBe(byId.get(id)?.description);
    }
  });

  it('presets turn on exactly the ESLint rules whose metadata says so', () => {
    const eslintIds = new Set(Object.keys(plugin.rules ?? {}));
    const rec = Object.keys(plugin.configs.recommended.rules ?? {}).sort();
    const strict = Object.keys(plugin.configs.strict.rules ?? {}).sort();
    const all = Object.keys(plugin.configs.all.rules ?? {}).sort();
    const ids = (presets: string[]) =>
      rules
        .filter((r) => eslintIds.has(r.id) && presets.includes(r.preset))
        .map((r) => `@plumbline/${r.id}`)
        .sort();
    expect(rec).toEqual(ids(['recommended']));
    expect(strict).toEqual(ids(['recommended', 'strict']));
    expect(all).toEqual(ids(['recommended', 'strict', 'all']));
    expect(all.length).toBeGreaterThan(strict.length);
  });
});

describe('README documents the CLI', () => {
  it('every command and every flag of `plumbline --help` appears in README.md', async () => {
    const { COMMANDS } = await import('../packages/cli/src/commands/index.js');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const c of COMMANDS) {
      expect(readme, c.name).toContain(`plumbline ${c.name}`);
      for (const f of c.flags) expect(readme, `${c.name} --${f.name}`).toContain(`--${f.name}`);
    }
  });
});
