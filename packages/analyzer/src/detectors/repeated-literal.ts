import type { RelatedLocation, RuleMeta } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DraftFinding } from '../detector.js';
import { factsOf } from '../facts.js';
import { extractor as logicLiterals } from '../facts/logic-literals.js';
import type { LogicLiteralFact } from '../facts/logic-literals.js';
import { ModuleResolver } from '../resolve.js';
import { resolvedImports } from './shared/boundaries.js';
import type { DetectorContext } from '../detector.js';

export interface Options {
  /** how many files must hold the same literal before it is reported */
  minFiles: number;
}

function roleText(l: LogicLiteralFact): string {
  if (l.kind === 'url') return 'URL';
  if (l.kind === 'storage-key') return 'storage key';
  if (l.role === 'comparison') return 'number compared against';
  if (l.role === 'calculation') return 'number in calculations';
  const m = /^([\w$]+)\((?:\)#\d+|([\w$]+)\)|\) ([\w$]+):)$/.exec(l.role);
  if (m?.[2]) return `\`${m[1]}\` delay of \`${m[2]}\``;
  if (m?.[3]) return `\`${m[3]}\` value of \`${m[1]}\``;
  if (m) return `\`${m[1]}\` argument`;
  return `\`${l.role.replace(/:$/, '')}\` value`;
}

/**
 * The same non-trivial literal of logic code in several files: a number used the same way (a
 * `setTimeout` delay, a `timeout:` option, a threshold), a URL, a storage key. One finding per literal,
 * every place in `related`: name it once, as a shared constant or config.
 */
export const meta: RuleMeta = {
  id: 'repeated-literal',
  category: 'magic-value',
  description:
    'Reports the same non-trivial literal (a number used the same way, a URL, a storage key) written in several files, to be named once as a shared constant or config.',
  defaultEffortMinutes: 10,
  defaultSeverity: 'warning',
  preset: 'all',
  scope: 'project',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      minFiles: { type: 'integer', minimum: 2, description: 'How many files must hold the same literal before it is reported. Default 3.' },
    },
  },
};

/** The role as fingerprints have spelled it since before roles named the call (`setTimeout()`, `duration:`), so verdicts still match. */
const fingerprintRole = (role: string) => role.replace(/^([\w$]+)\((?:\)#\d+|[\w$]+\))$/, '$1()').replace(/^[\w$]+\(\) ([\w$]+:)$/, '$1');

/** Roles of tuning values picked per call (`toast({ duration })`): `<callee>() <key>:`. */
const TUNING_ROLE = /^[\w$]+\(\) \w+:$/;
const roleKey = (key: string) => {
  const parts = key.split('\0');
  return `${parts[0]}\0${parts[3]}`;
};

/**
 * For each tuning role, the group of its default value: the value written at least twice as often as any
 * other. `toast({ duration: 5000 })` in 107 places is the project's default toast duration, worth naming;
 * 6000 in 4 places among 2000, 4000 and 10000 is a value picked per message.
 */
function tuningDefaults(groups: Map<string, Array<{ l: LogicLiteralFact }>>): Map<string, string> {
  const byRole = new Map<string, Array<[string, number]>>();
  for (const [key, list] of groups) {
    if (!TUNING_ROLE.test(list[0]!.l.role)) continue;
    const r = roleKey(key);
    byRole.set(r, [...(byRole.get(r) ?? []), [key, list.length]]);
  }
  const out = new Map<string, string>();
  for (const [r, counts] of byRole) {
    counts.sort((a, b) => b[1] - a[1]);
    if (counts.length === 1 || counts[0]![1] >= 2 * counts[1]![1]) out.set(r, counts[0]![0]);
  }
  return out;
}

/**
 * The unit a literal is counted in: a workspace package that imports no other workspace package and that no
 * other package imports (a separately built docs site, a standalone script package) counts on its own; every
 * other file counts with the rest of the repository, where a shared constant can be imported.
 */
function buildUnits(ctx: DetectorContext): (path: string) => string {
  const resolver = ModuleResolver.for(ctx.files, ctx.settings);
  const linked = new Set<string>();
  for (const { f, t } of resolvedImports(ctx)) {
    const from = resolver.packageOf(f.path);
    const to = resolver.packageOf(t.path);
    if (from && to && from.name !== to.name) {
      linked.add(from.name);
      linked.add(to.name);
    }
  }
  if (linked.size === 0) return () => '';
  return (path) => {
    const p = resolver.packageOf(path);
    return p && p.dir !== '' && !linked.has(p.name) ? p.name : '';
  };
}

export const detector = defineDetector({
  id: meta.id,
  rules: [meta],
  detect(ctx) {
    if (!ctx.enabled(meta.id)) return { findings: [] };
    const { minFiles } = ctx.options<Options>(meta.id, { minFiles: 3 });
    const groups = new Map<string, Array<{ file: string; l: LogicLiteralFact }>>();
    const unitOf = buildUnits(ctx);
    for (const f of ctx.files) {
      if (f.isTestFile) continue;
      for (const l of factsOf(f, logicLiterals)?.literals ?? []) {
        const key = `${unitOf(f.path)}\0${l.kind}\0${l.value}\0${l.role}`;
        const list = groups.get(key) ?? [];
        list.push({ file: f.path, l });
        groups.set(key, list);
      }
    }
    const findings: DraftFinding[] = [];
    const defaults = tuningDefaults(groups);
    for (const [key, list] of groups) {
      const files = [...new Set(list.map((x) => x.file))];
      if (files.length < minFiles) continue;
      if (TUNING_ROLE.test(list[0]!.l.role) && defaults.get(roleKey(key)) !== key) continue;
      list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.l.line - b.l.line || a.l.column - b.l.column));
      const first = list[0]!;
      const what = roleText(first.l);
      const seen = new Set([`${first.file}:${first.l.line}`]);
      const related: RelatedLocation[] = [];
      for (const x of list.slice(1)) {
        if (seen.has(`${x.file}:${x.l.line}`)) continue;
        seen.add(`${x.file}:${x.l.line}`);
        related.push({ file: x.file, line: x.l.line, message: `the same ${what} \`${x.l.value}\`` });
      }
      findings.push({
        ruleId: meta.id,
        file: first.file,
        line: first.l.line,
        column: first.l.column,
        endLine: first.l.endLine,
        endColumn: first.l.endColumn,
        message: `The ${what} \`${first.l.value}\` is written in ${files.length} files (${list.length} places): name it once (a shared constant or config) and import it where it is used.`,
        fingerprintCode: `${first.l.kind}:${fingerprintRole(first.l.role)}:${first.l.value}:${list.length}`,
        symbolPath: '',
        related,
      });
    }
    return { findings, metrics: { repeatedLiterals: findings.length } };
  },
});
