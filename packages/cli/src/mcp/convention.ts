import { IDIOMS, ROLES, roleById } from '@plumbline/core';
import type { Analysis } from '../conventions/analysis.js';
import { choiceFiles, roleAdvice, roleMetrics } from '../conventions/practice-lines.js';
import { ToolError } from './errors.js';

export interface ConventionResult {
  role: string;
  title: string;
  kind: 'role' | 'idiom';
  /** decision: declared in the config; convention: dominant by the library-drift thresholds; most-used: leads without dominating; none */
  status: 'decision' | 'convention' | 'most-used' | 'none';
  use?: {
    choice: string;
    label: string;
    kind: 'library' | 'wrapper' | 'idiom';
    package?: string;
    wrapper?: { name: string; file: string; line: number };
  };
  decision?: { id: string; link?: string };
  /** the other choices found in the code: not to be added to */
  avoid: Array<{ choice: string; label: string; files: number }>;
  choices: Array<{ choice: string; label: string; kind: string; files: number }>;
  advice: string;
}

/** Everyday words for roles: `state` is global-state, `tests` the test runner. */
const ALIASES: Record<string, string> = {
  state: 'global-state',
  store: 'global-state',
  'state management': 'global-state',
  date: 'dates',
  time: 'dates',
  datetime: 'dates',
  'date formatting': 'date-formatting',
  fetch: 'http',
  'http client': 'http',
  api: 'http',
  requests: 'http',
  data: 'server-data',
  'data fetching': 'server-data',
  query: 'server-data',
  'server state': 'server-data',
  form: 'forms',
  tests: 'test-runner',
  test: 'test-runner',
  testing: 'test-runner',
  classnames: 'class-names',
  'class names': 'class-names',
  css: 'styling',
  styles: 'styling',
  style: 'styling',
  icon: 'icons',
  utils: 'utility-belt',
  utilities: 'utility-belt',
  id: 'ids',
  uuid: 'ids',
  schema: 'validation',
};

/** The role or idiom id a query names: an id, an everyday word, or a library of the role (`axios` -> http). */
export function roleOf(query: string): { kind: 'role' | 'idiom'; id: string } | null {
  const q = query
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, ' ');
  const id = ALIASES[q] ?? q.replace(/ /g, '-');
  if (roleById(id)) return { kind: 'role', id };
  if (IDIOMS.some((i) => i.id === id)) return { kind: 'idiom', id };
  const byChoice = ROLES.find((r) => r.id !== 'date-formatting' && r.choices.some((c) => c.id === id || c.packages?.includes(q)));
  return byChoice ? { kind: 'role', id: byChoice.id } : null;
}

interface IdiomMetrics {
  title: string;
  convention: { variant: string; label: string } | null;
  variants: Array<{ variant: string; label: string; sites: number; files: number }>;
}

function idiomAnswer(analysis: Analysis, id: string): ConventionResult {
  const m = (analysis.result.metrics['pattern-drift'] as { idioms?: Record<string, IdiomMetrics> } | undefined)?.idioms?.[id];
  const def = IDIOMS.find((i) => i.id === id)!;
  const conv = m?.convention;
  const choices = (m?.variants ?? []).map((v) => ({ choice: v.variant, label: v.label, kind: 'idiom', files: v.files }));
  return {
    role: id,
    title: def.title,
    kind: 'idiom',
    status: conv ? 'convention' : 'none',
    ...(conv ? { use: { choice: conv.variant, label: conv.label, kind: 'idiom' as const } } : {}),
    avoid: conv ? choices.filter((c) => c.choice !== conv.variant && c.files > 0) : [],
    choices,
    advice: conv ? `Write ${def.title} as ${conv.label}.` : `No ${def.title} dominates in this repository.`,
  };
}

/** `convention`: a role (http, dates, state, forms, ...) -> the choice, its wrapper and the decision. */
export function conventionFor(analysis: Analysis, query: string): ConventionResult {
  if (typeof query !== 'string' || !query.trim() || query.length > 100)
    throw new ToolError('bad-input', 'role must name a role such as http, dates, state or forms');
  const which = roleOf(query);
  if (!which)
    throw new ToolError(
      'unknown-role',
      `unknown role "${query.slice(0, 100)}"; roles: ${ROLES.map((r) => r.id).join(', ')}; idioms: ${IDIOMS.map((i) => i.id).join(', ')}`,
    );
  if (which.kind === 'idiom') return idiomAnswer(analysis, which.id);
  const def = roleById(which.id)!;
  const r = roleMetrics(analysis)[which.id];
  const choices = (r?.choices ?? []).map((c) => ({ choice: c.choice, label: c.label, kind: c.kind, files: c.files }));
  const files = r ? choiceFiles(analysis) : null;
  const advice = r ? roleAdvice(r, (role, choice) => files?.get(`${role}\0${choice}`)) : null;
  if (!r || !advice)
    return {
      role: def.id,
      title: def.title,
      kind: 'role',
      status: 'none',
      avoid: [],
      choices,
      advice: choices.length
        ? `No ${def.title} dominates here (${choices.map((c) => `${c.label}: ${c.files} files`).join(', ')}): follow the code around the file you change.`
        : `The code uses no ${def.title} yet.`,
    };
  const c = advice.choice;
  const pkg = c.kind === 'library' ? def.choices.find((x) => x.id === c.choice)?.packages?.[0] : undefined;
  const what = c.kind === 'wrapper' && c.definedIn ? `${c.definedIn.name} from ${c.definedIn.file}` : (pkg ?? c.label);
  return {
    role: def.id,
    title: def.title,
    kind: 'role',
    status: advice.status,
    use: {
      choice: c.choice,
      label: c.label,
      kind: c.kind,
      ...(pkg && !pkg.includes('*') ? { package: pkg } : {}),
      ...(c.kind === 'wrapper' && c.definedIn ? { wrapper: c.definedIn } : {}),
    },
    ...(r.decision ? { decision: r.decision } : {}),
    avoid: advice.avoid.map((a) => ({ choice: a.choice, label: a.label, files: a.files })),
    choices,
    advice:
      `${advice.status === 'most-used' ? 'Prefer' : 'Use'} ${what} for the ${def.title}` +
      (r.decision ? ` (${r.decision.id}${r.decision.link ? `, ${r.decision.link}` : ''})` : '') +
      (advice.avoid.length ? `; do not add ${advice.avoid.map((a) => a.label).join(', ')}.` : '.'),
  };
}
