import { DARK_SCOPE, judgeAtom, olderStylesheetCopies, tokenIndex, tokenSettingsOf } from '@plumbline/core';
import type { RelatedLocation, ValueAtom } from '@plumbline/core';
import {
  DEFAULT_OPTIONS,
  describeStyleValue,
  hardCodedStyleValue,
  isConfidentFinding,
  matchOptionsOf,
  MESSAGES,
} from '@plumbline/core/checks/hard-coded-style-value';
import type { Options } from '@plumbline/core/checks/hard-coded-style-value';
import { formatMessage } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DraftFinding } from '../detector.js';
import { factsOf } from '../facts.js';
import { extractor as styleValues } from '../facts/style-values.js';

export const { meta } = hardCodedStyleValue;

/**
 * `hard-coded-style-value` for CSS and SCSS files (TS/JSX files are checked per file by the same check,
 * core/src/checks/hard-coded-style-value.ts): the same matching, verdicts and messages, over the cached
 * style-value facts.
 */
export const detector = defineDetector({
  id: meta.id,
  rules: [meta],
  detect(ctx) {
    const id = meta.id;
    if (!ctx.enabled(id)) return { findings: [] };
    const tokens = tokenSettingsOf(ctx.settings);
    if (!tokens || tokens.tokens.length === 0) return { findings: [] };
    const options = ctx.options<Options>(id, DEFAULT_OPTIONS);
    const matchOptions = matchOptionsOf(options);
    const index = tokenIndex(tokens);
    const tokenFiles = new Set(tokens.files);
    const findings: DraftFinding[] = [];
    const older = olderStylesheetCopies(ctx.files.filter((f) => f.language === 'css').map((f) => f.path));
    for (const f of ctx.files) {
      if (f.language !== 'css' || f.isTestFile || tokenFiles.has(f.path) || older.has(f.path)) continue;
      // one finding per value and file (its other places are related), and at most one per line
      const byValue = new Map<string, DraftFinding & { related: RelatedLocation[] }>();
      const byLine = new Map<number, DraftFinding & { related: RelatedLocation[] }>();
      for (const v of factsOf(f, styleValues)?.values ?? []) {
        const atom: ValueAtom = { ...v.atom, start: 0, end: 0 };
        if (atom.kind === 'color' && !options.namedColors && !/^(#|[a-z]+\()/i.test(atom.text)) continue;
        const dark = DARK_SCOPE.test(v.symbolPath);
        const verdict = judgeAtom(index, atom, v.context, matchOptions, {
          ...(v.namespace ? { namespace: v.namespace } : {}),
          ...(v.utility !== undefined ? { utility: v.utility } : {}),
          filePath: f.path,
          property: v.property,
          ...(dark ? { theme: 'dark' as const } : {}),
        });
        if (!verdict) continue;
        const tailwind =
          v.utility !== undefined
            ? { tailwind: { start: 0, end: 0, utility: v.utility, whole: !!v.whole, ...(v.namespace ? { namespace: v.namespace } : {}) } }
            : {};
        const occ = { atom, property: v.property, context: v.context, ...tailwind };
        if (options.report === 'confident' && !isConfidentFinding(occ, verdict)) continue;
        const key = `${v.atom.family}\0${v.atom.key}\0${v.property}\0${dark}`;
        const first = byValue.get(key);
        if (first) {
          if (first.line !== v.line && !first.related.some((r) => r.line === v.line))
            first.related.push({ file: f.path, line: v.line, message: `\`${v.atom.text}\` here too` });
          continue;
        }
        const onLine = byLine.get(v.line);
        if (onLine) {
          byValue.set(key, onLine);
          continue;
        }
        const r = describeStyleValue(occ, verdict, tokens);
        const finding: DraftFinding & { related: RelatedLocation[] } = {
          ruleId: id,
          file: f.path,
          line: v.line,
          column: v.column,
          endLine: v.endLine,
          endColumn: v.endColumn,
          message: formatMessage(MESSAGES[r.messageId], r.data),
          fingerprintCode: r.fingerprintCode,
          symbolPath: v.symbolPath,
          effortMinutes: r.effortMinutes,
          related: [],
        };
        byValue.set(key, finding);
        byLine.set(v.line, finding);
        findings.push(finding);
      }
    }
    for (const x of findings) if (x.related?.length === 0) delete x.related;
    return { findings };
  },
});
