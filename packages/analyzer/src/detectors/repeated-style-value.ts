import { appliesIn, judgeAtom, olderStylesheetCopies, packageOf, tokenIndex, tokenSettingsOf } from '@plumbline/core';
import type { PropertyFamily, RelatedLocation, RuleMeta, TokenSettings, ValueAtom } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DraftFinding } from '../detector.js';
import { factsOf } from '../facts.js';
import { extractor as styleValues } from '../facts/style-values.js';
import type { StyleValueFact } from '../facts/style-values.js';

export interface Options {
  /** how many files must hold the same value before it is reported */
  minFiles: number;
}

/** Layout sizes and offsets repeat by coincidence; tiny nudges are not design decisions. */
const SKIPPED_FAMILIES = new Set<PropertyFamily>(['sizing', 'inset']);

const EMPTY_TOKENS: TokenSettings = { files: [], tokens: [], templates: {}, tailwind: null };

function isTrivial(v: StyleValueFact): boolean {
  const a = v.atom;
  if (SKIPPED_FAMILIES.has(a.family)) return true;
  if (a.kind === 'length' && a.unit === 'px' && Math.abs(a.number ?? 0) <= 2) return true;
  // zero (`line-height: 0` resets inline whitespace) and negative offsets that cancel a neighbour's padding
  if ((a.kind === 'length' || a.kind === 'number') && (a.number ?? 0) <= 0) return true;
  return false;
}

/**
 * Without design tokens for a kind of value, the same hard-coded color, spacing, font size, radius,
 * shadow, z-index or duration in several files is the token that should exist: one finding per value,
 * with every place in `related`.
 */
export const meta: RuleMeta = {
  id: 'repeated-style-value',
  category: 'magic-value',
  description:
    'Reports the same hard-coded style value (color, spacing, font size, radius, shadow, z-index, duration) in several files when no design token covers it: the token that should exist.',
  defaultEffortMinutes: 15,
  defaultSeverity: 'warning',
  preset: 'all',
  scope: 'project',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      minFiles: { type: 'integer', minimum: 2, description: 'How many files must hold the same value before it is reported. Default 3.' },
    },
  },
};

export const detector = defineDetector({
  id: meta.id,
  rules: [meta],
  detect(ctx) {
    if (!ctx.enabled(meta.id)) return { findings: [] };
    const { minFiles } = ctx.options<Options>(meta.id, { minFiles: 3 });
    const tokens = tokenSettingsOf(ctx.settings) ?? EMPTY_TOKENS;
    const index = tokenIndex(tokens);
    const tokenFiles = new Set(tokens.files);
    const groups = new Map<string, Array<{ file: string; v: StyleValueFact }>>();
    const older = olderStylesheetCopies(ctx.files.filter((f) => f.language === 'css').map((f) => f.path));
    for (const f of ctx.files) {
      if (f.isTestFile || tokenFiles.has(f.path) || older.has(f.path)) continue;
      // separately built apps and packages share no stylesheet: repetition is counted within one package
      const pkg = tokens.packages ? (packageOf(tokens.packages, f.path)?.dir ?? '') : '';
      for (const v of factsOf(f, styleValues)?.values ?? []) {
        if (isTrivial(v)) continue;
        const atom: ValueAtom = { ...v.atom, start: 0, end: 0 };
        // covered by tokens: hard-coded-style-value judges it instead
        if (
          judgeAtom(
            index,
            atom,
            v.context,
            { colorDistance: 'ciede2000', nearColorDistance: 5, offScale: false, nearScale: true },
            {
              ...(v.namespace ? { namespace: v.namespace } : {}),
              ...(v.utility !== undefined ? { utility: v.utility } : {}),
              filePath: f.path,
            },
          ) !== null
        )
          continue;
        if (hasFamilyTokens(tokens, v, f.path)) continue;
        const key = `${pkg}\0${v.atom.family}\0${v.atom.key}`;
        const list = groups.get(key) ?? [];
        list.push({ file: f.path, v });
        groups.set(key, list);
      }
    }
    const findings: DraftFinding[] = [];
    for (const list of groups.values()) {
      const files = [...new Set(list.map((x) => x.file))].sort();
      if (files.length < minFiles) continue;
      list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.v.line - b.v.line || a.v.column - b.v.column));
      const first = list[0]!;
      const family = first.v.atom.family;
      const seen = new Set([`${first.file}:${first.v.line}`]);
      const related: RelatedLocation[] = [];
      for (const x of list.slice(1)) {
        if (seen.has(`${x.file}:${x.v.line}`)) continue;
        seen.add(`${x.file}:${x.v.line}`);
        related.push({ file: x.file, line: x.v.line, message: `\`${x.v.atom.text}\` (${x.v.property}) here too` });
      }
      findings.push({
        ruleId: meta.id,
        file: first.file,
        line: first.v.line,
        column: first.v.column,
        endLine: first.v.endLine,
        endColumn: first.v.endColumn,
        message: `\`${first.v.atom.key}\` is a hard-coded ${family} value in ${files.length} files (${list.length} places): define a ${family} token for it once and use the token everywhere.`,
        fingerprintCode: `${family}:${first.v.atom.key}:${list.length}`,
        symbolPath: '',
        related,
      });
    }
    return { findings, metrics: { repeatedValues: findings.length } };
  },
});

/** Whether the project has tokens of this value's family at all (then off-scale values are judged, not counted). */
function hasFamilyTokens(tokens: TokenSettings, v: StyleValueFact, file: string): boolean {
  const fam = v.atom.family;
  const applies = appliesIn(tokens, file);
  return tokens.tokens.some(
    (t) =>
      t.family === fam &&
      (v.context === 'className' || t.file !== 'tailwind:defaults') &&
      (!t.scope || file.startsWith(`${t.scope}/`)) &&
      applies(t),
  );
}
