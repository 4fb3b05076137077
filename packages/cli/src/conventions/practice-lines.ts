import { areCompanions, globMatcher, roleById } from '@plumbline/core';
import type { ConventionChoice, RoleConventions } from '@plumbline/core';
import { dataOf } from './analysis.js';
import type { Analysis } from './analysis.js';
import { code, listOf, orList, plural } from './lines.js';
import type { ConventionLine } from './lines.js';

/** A role as the pattern-drift metrics report it. */
export type RoleMetrics = RoleConventions & { files?: number };

interface IdiomMetrics {
  idiom: string;
  title: string;
  convention: { variant: string; label: string; sites: number; share: number } | null;
  variants: Array<{ variant: string; label: string; sites: number; files: number }>;
  sites: number;
}

export function roleMetrics(analysis: Analysis): Record<string, RoleMetrics> {
  return (analysis.result.metrics['pattern-drift'] as { roles?: Record<string, RoleMetrics> } | undefined)?.roles ?? {};
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The package to import for a library choice, when it differs from its label (`TanStack Query` -> `@tanstack/react-query`). */
function packageOf(role: string, choice: string): string | undefined {
  return roleById(role)?.choices.find((c) => c.id === choice)?.packages?.[0];
}

function choicePhrase(role: string, c: Pick<ConventionChoice, 'choice' | 'label' | 'kind' | 'definedIn'>): string {
  if (c.kind === 'wrapper') return c.definedIn ? `${code(c.definedIn.name)} from ${code(c.definedIn.file)}` : code(c.choice);
  const pkg = packageOf(role, c.choice);
  if (!pkg || pkg.includes('*')) return c.label;
  return pkg !== c.label ? `${c.label} (${code(pkg)})` : code(c.label);
}

/** role + choice -> the files whose code uses that library choice (drift facts). */
export function choiceFiles(analysis: Analysis): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of analysis.facts) {
    for (const u of dataOf<{ usages?: Array<{ role: string; choice: string }> }>(f, 'drift')?.usages ?? []) {
      if (f.isTestFile && roleById(u.role)?.scope !== 'tests') continue;
      const key = `${u.role}\0${u.choice}`;
      (out.get(key) ?? out.set(key, new Set()).get(key)!).add(f.path);
    }
  }
  return out;
}

/** Without a convention, the most used choice is named only with this many times the files of the next. */
const CLEAR_LEAD = 2;

/**
 * What a role's convention says, or null when the role has no convention and no clear favourite. `filesOf`
 * (role, choice) lists the files using a library choice: a choice used only where the scan never reports
 * it (a wrapper's own file, a file the convention cannot serve) is the wrapper's material, not one to avoid.
 */
export function roleAdvice(
  r: RoleMetrics,
  filesOf: (role: string, choice: string) => ReadonlySet<string> | undefined = () => undefined,
): { status: 'decision' | 'convention' | 'most-used'; choice: ConventionChoice; avoid: ConventionChoice[] } | null {
  const def = roleById(r.role);
  const sorted = [...r.choices].sort((a, b) => b.files - a.files || (a.choice < b.choice ? -1 : 1));
  let choice = r.convention;
  let status: 'decision' | 'convention' | 'most-used' = r.decision ? 'decision' : 'convention';
  if (!choice) {
    const [top, second] = sorted;
    // no dominant choice by the rule's thresholds: the most used one is named only when it clearly leads
    if (!top || def?.advisory || top.files < 2 || (second && second.files * CLEAR_LEAD > top.files)) return null;
    choice = top;
    status = 'most-used';
  }
  const base = choice.kind === 'library' ? choice.choice : undefined;
  const quiet = new Set([...r.wrapperFiles, ...(r.quietFiles ?? [])]);
  const onlyQuiet = (c: ConventionChoice) => {
    const files = c.kind === 'library' ? filesOf(r.role, c.choice) : undefined;
    return !!files && files.size > 0 && [...files].every((f) => quiet.has(f));
  };
  const avoid = sorted.filter(
    (c) =>
      c.choice !== choice.choice &&
      c.files > 0 &&
      !(def && base && areCompanions(def, c.choice, base)) &&
      // a project's own function is never one to avoid: the lines name libraries not to add
      c.kind === 'library' &&
      !onlyQuiet(c),
  );
  return { status, choice, avoid };
}

/** One line per library role with a convention, a declared decision or a clear favourite. */
export function roleLines(analysis: Analysis): ConventionLine[] {
  const lines: ConventionLine[] = [];
  const files = choiceFiles(analysis);
  for (const r of Object.values(roleMetrics(analysis)).sort((a, b) => (a.role < b.role ? -1 : 1))) {
    const advice = roleAdvice(r, (role, choice) => files.get(`${role}\0${choice}`));
    if (!advice) continue;
    const { status, choice, avoid } = advice;
    const decision = r.decision ? ` (${r.decision.id}${r.decision.link ? `, ${code(r.decision.link)}` : ''})` : '';
    const verb = status === 'most-used' ? 'prefer' : 'use';
    // choices used with it by design (tRPC on TanStack Query) are named with it, not avoided
    const def = roleById(r.role);
    const base = choice.kind === 'library' ? choice.choice : undefined;
    const companions = r.choices.filter(
      (c) => c.files > 0 && c.choice !== choice.choice && def && base && areCompanions(def, c.choice, base),
    );
    const withCompanions = companions.length ? ` with ${listOf(companions.map((c) => choicePhrase(r.role, c)))}` : '';
    const not = avoid.length
      ? status === 'most-used'
        ? `; ${orList(avoid.map((c) => choicePhrase(r.role, c)))} ${avoid.length === 1 ? 'is' : 'are'} also used, add no more`
        : `, not ${orList(avoid.map((c) => choicePhrase(r.role, c)))}`
      : '';
    lines.push({
      section: 'libraries',
      key: `role:${r.role}`,
      text: `${capital(r.title)}: ${verb} ${choicePhrase(r.role, choice)}${withCompanions}${decision}${not}.`,
      weight: r.files ?? r.choices.reduce((n, c) => n + c.files, 0),
      fact:
        `${status === 'decision' ? `decision ${r.decision!.id} in the config; ` : ''}` +
        r.choices.map((c) => `${c.label}: ${plural(c.files, 'file')}`).join(', ') +
        (status === 'convention'
          ? ` (the convention by the library-drift thresholds)`
          : status === 'most-used'
            ? ' (the most used; no choice dominates)'
            : ''),
    });
  }
  return lines;
}

/** Imperative wording per idiom; the catalog's title for the others. */
const IDIOM_VERBS: Record<string, string> = {
  'component-declaration': 'Declare components as',
  'component-export': 'Export components as',
  'async-style': 'Write asynchronous code with',
  'data-fetching': 'Fetch data in components with',
  'error-handling': 'Handle errors of awaited calls with',
};

/** One line per idiom with a convention: the variant to write, and the others not to. */
export function idiomLines(analysis: Analysis): ConventionLine[] {
  const idioms = (analysis.result.metrics['pattern-drift'] as { idioms?: Record<string, IdiomMetrics> } | undefined)?.idioms ?? {};
  const lines: ConventionLine[] = [];
  for (const i of Object.values(idioms).sort((a, b) => (a.idiom < b.idiom ? -1 : 1))) {
    if (!i.convention) continue;
    const conv = i.convention;
    const others = i.variants.filter((v) => v.variant !== conv.variant && v.sites > 0).map((v) => v.label);
    const verb = IDIOM_VERBS[i.idiom] ?? `${capital(i.title)}:`;
    lines.push({
      section: 'idioms',
      key: `idiom:${i.idiom}`,
      text: `${verb} ${conv.label}${others.length ? `, not ${orList(others)}` : ''}.`,
      weight: i.sites,
      fact: i.variants.map((v) => `${v.label}: ${plural(v.sites, 'site')} in ${plural(v.files, 'file')}`).join(', '),
    });
  }
  return lines;
}

/** One line per configured layer: what it may import. */
export function layerLines(analysis: Analysis): ConventionLine[] {
  const layers = analysis.config.layers;
  const metrics = analysis.result.metrics['layer-boundaries'] as { violations?: Record<string, number> } | undefined;
  return layers.map((l) => {
    const inLayer = globMatcher(l.include);
    const files = analysis.paths.filter((p) => inLayer(p)).length;
    const allow = (l.allow ?? []).filter((a) => a !== l.name);
    const out = Object.entries(metrics?.violations ?? {}).filter(([k]) => k.startsWith(`${l.name} -> `));
    return {
      section: 'layers' as const,
      key: `layer:${l.name}`,
      text: `${code(l.name)} (${listOf(l.include.map(code), 3)}) may import only from ${listOf(['itself', ...allow.map(code)])}.`,
      weight: files,
      fact:
        `config layers: ${l.name} includes ${l.include.join(', ')}${allow.length ? `, allows ${allow.join(', ')}` : ''}; ${plural(files, 'file')}` +
        (out.length ? `; imports across the boundary today: ${out.map(([k, n]) => `${k} ${n}`).join(', ')}` : ''),
    };
  });
}
