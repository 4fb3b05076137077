import type { RelatedLocation, RuleMeta } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DraftFinding } from '../detector.js';
import { factsOf } from '../facts.js';
import { extractor as logicLiterals } from '../facts/logic-literals.js';
import type { LogicLiteralFact } from '../facts/logic-literals.js';

export interface Options {
  /** how many files must hold the same literal before it is reported */
  minFiles: number;
}

function roleText(l: LogicLiteralFact): string {
  if (l.kind === 'url') return 'URL';
  if (l.kind === 'storage-key') return 'storage key';
  if (l.role === 'comparison') return 'number compared against';
  if (l.role === 'calculation') return 'number in calculations';
  return l.role.endsWith(':') ? `\`${l.role.slice(0, -1)}\` value` : `\`${l.role.slice(0, -2)}\` argument`;
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
  preset: 'recommended',
  scope: 'project',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      minFiles: { type: 'integer', minimum: 2, description: 'How many files must hold the same literal before it is reported. Default 3.' },
    },
  },
};

export const detector = defineDetector({
  id: meta.id,
  rules: [meta],
  detect(ctx) {
    if (!ctx.enabled(meta.id)) return { findings: [] };
    const { minFiles } = ctx.options<Options>(meta.id, { minFiles: 3 });
    const groups = new Map<string, Array<{ file: string; l: LogicLiteralFact }>>();
    for (const f of ctx.files) {
      if (f.isTestFile) continue;
      for (const l of factsOf(f, logicLiterals)?.literals ?? []) {
        const key = `${l.kind}\0${l.value}\0${l.role}`;
        const list = groups.get(key) ?? [];
        list.push({ file: f.path, l });
        groups.set(key, list);
      }
    }
    const findings: DraftFinding[] = [];
    for (const list of groups.values()) {
      const files = [...new Set(list.map((x) => x.file))];
      if (files.length < minFiles) continue;
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
        fingerprintCode: `${first.l.kind}:${first.l.role}:${first.l.value}:${list.length}`,
        symbolPath: '',
        related,
      });
    }
    return { findings, metrics: { repeatedLiterals: findings.length } };
  },
});
