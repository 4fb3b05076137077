import type { ModuleSettings, RuleMeta } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DraftFinding } from '../detector.js';
import { digest } from './shared/near-copies.js';
import { nearFinding } from './shared/near-classes.js';
import type { Fragment } from './copied-code/matching.js';
import { allGenerated, generatedPackages } from './copied-code/generated.js';
import { cloneClasses, DEFAULTS, linesInCopies } from './copied-code/regions.js';
import { templateOutputs } from './copied-code/templates.js';
import { copiesApart } from './copied-code/apart.js';
import { confidentExact, confidentNear } from './copied-code/tier.js';
import type { Report } from './copied-code/tier.js';
import type { Options as MatchOptions } from './copied-code/regions.js';

interface Options extends MatchOptions {
  /** `confident` (default): the tier reviewers keep (copied-code/tier.ts); `all`: every clone class found */
  report: Report;
}

export { findClonePairs } from './copied-code/matching.js';
export type { ClonePair, Fingerprints, Fragment } from './copied-code/matching.js';
export { groupClasses, mergeAdjacent } from './copied-code/classes.js';
export type { CloneClass } from './copied-code/classes.js';
export { copiedRegions } from './copied-code/regions.js';
export type { CopiedPlace, Options } from './copied-code/regions.js';

export const meta: RuleMeta = {
  id: 'copied-code',
  category: 'duplication',
  description: 'Reports blocks of code copied in two or more places, grouped into one finding per clone class.',
  defaultEffortMinutes: 15,
  defaultSeverity: 'warning',
  preset: 'strict',
  scope: 'project',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      minTokens: { type: 'integer', minimum: 20, description: 'Smallest clone reported, in tokens (default 100; jscpd uses 50).' },
      minLines: { type: 'integer', minimum: 1, description: 'Smallest clone reported, in lines (default 5, as jscpd).' },
      report: {
        enum: ['confident', 'all'],
        description:
          'confident (default): only verbatim or renamed copies whose every place lies in one folder, removing 30+ lines when extracted (or whole functions copied verbatim); all: every clone class found, near-miss copies and copies across folders and packages included.',
      },
    },
  },
};

export const detector = defineDetector({
  id: meta.id,
  rules: [meta],
  detect(ctx) {
    const options = ctx.options<Options>('copied-code', { ...DEFAULTS, report: 'confident' });
    const confidentOnly = options.report !== 'all';
    const { docs, classes, unreported, near } = cloneClasses(ctx.files, options, ctx.settings);
    // copies among the files of a generated package (an SDK its generator signs) are the generator's: found, not reported
    // and so are copies among a template of the repository and the output written from it (templates.ts)
    const generated = [...generatedPackages(ctx.root, ctx.settings), ...templateOutputs(ctx.files.map((f) => f.path))];
    // and so are copies that cannot share code: between standalone projects, in static folders, among frozen versions (apart.ts)
    const workspacePackages = (ctx.settings.modules as ModuleSettings | undefined)?.packages ?? [];
    const ours = (places: ReadonlyArray<{ doc: number }>) => {
      const paths = places.map((p) => docs[p.doc]!.facts.path);
      return !allGenerated(paths, generated) && !copiesApart(ctx.root, paths, workspacePackages);
    };
    const lineSpan = (f: Fragment) => docs[f.doc]!.lines[f.end - 1]! - docs[f.doc]!.lines[f.start]! + 1;
    const findings: DraftFinding[] = [];
    let duplicatedLines = 0;
    let duplicatedTokens = 0;
    let classesCount = 0;
    for (const cls of classes.filter((c) => ours(c.members))) {
      const byPath = (x: Fragment, y: Fragment) => {
        const px = docs[x.doc]!.facts.path,
          py = docs[y.doc]!.facts.path;
        return px < py ? -1 : px > py ? 1 : x.start - y.start;
      };
      // reported at the largest copy (content decides, not paths); the others follow in path order
      const sorted = [...cls.members].sort(byPath);
      const first = sorted.reduce((best, m) => (m.end - m.start > best.end - best.start ? m : best), sorted[0]!);
      const members = [first, ...sorted.filter((m) => m !== first)];
      const doc = docs[first.doc]!;
      const lines = lineSpan(first);
      const tokens = first.end - first.start;
      const startLine = doc.lines[first.start]!;
      const endLine = doc.lines[first.end - 1]!;
      classesCount++;
      for (const m of members.slice(1)) {
        duplicatedLines += lineSpan(m);
        duplicatedTokens += m.end - m.start;
      }
      const n = members.length;
      const others = members.slice(1).map((m) => `${docs[m.doc]!.facts.path}:${docs[m.doc]!.lines[m.start]!}`);
      const spans = members.map(lineSpan);
      const lo = Math.min(...spans),
        hi = Math.max(...spans);
      const where = `here and ${others.slice(0, 4).join(', ')}${others.length > 4 ? ` and ${others.length - 4} more` : ''}`;
      findings.push({
        // below the confident tier: rated as before, not shown
        ...(confidentOnly && !confidentExact(cls, docs) ? { scope: 'rating' as const } : {}),
        ruleId: 'copied-code',
        file: doc.facts.path,
        line: startLine,
        column: doc.columns.get(startLine)?.[0] ?? 1,
        endLine,
        endColumn: doc.columns.get(endLine)?.[1] ?? 1,
        message:
          hi - lo <= Math.max(2, lo * 0.2)
            ? `${lines} lines (${tokens} tokens) are copied in ${n} places: ${where}. Extract the code once and reuse it.`
            : `${lines} lines (${tokens} tokens) are copied, whole or in part (${lo}-${hi} lines), in ${n} places: ${where}. Extract the code once and reuse it.`,
        fingerprintCode: `clone:${digest(doc.tokens, first.start, first.end)}:${n}`,
        // a class's identity is its code and its size, not which copy is reported: moving or renaming a file
        // that holds a copy changes nothing; one more copy is a new fingerprint
        symbolPath: '',
        related: members.slice(1).map((m, i) => {
          const d = docs[m.doc]!;
          const s = d.lines[m.start]!;
          const e = d.lines[m.end - 1]!;
          return {
            file: d.facts.path,
            line: s,
            message: `copy ${i + 2} of ${n}: lines ${s}-${e} (${e - s + 1} lines, ${m.end - m.start} tokens)`,
          };
        }),
        // extracting a block and pointing every copy at it: more with size and with each further copy
        effortMinutes: Math.round(meta.defaultEffortMinutes * (n - 1) * Math.max(1, Math.sqrt(lines / 10))),
      });
    }
    const nearReported = near.filter((n) => ours(n.units));
    for (const c of nearReported) {
      const finding = nearFinding(
        c,
        docs,
        { path: (d) => docs[d]!.facts.path, columns: (d, line) => docs[d]!.columns.get(line) },
        meta.defaultEffortMinutes,
      );
      // the reported unit's own code, names and literals included: units of one shape (four small components
      // of one file, each `<div className={cn('…', className)} {...props} />`) are four findings, four fingerprints
      const first = c.units[0]!;
      finding.fingerprintCode = `near:${digest(docs[first.doc]!.tokens, first.start, first.end)}:${c.units.length}`;
      if (confidentOnly && !confidentNear(c, (d) => docs[d]!.facts.path)) finding.scope = 'rating';
      findings.push(finding);
      for (const u of c.units.slice(1)) duplicatedLines += u.endLine - u.line + 1;
    }
    // the ratio is of every copied line (GitClear's figure), reported or not
    const inCopies = linesInCopies(docs, [...classes, ...unreported.classes], [...near, ...unreported.near]);
    const linesOfCode = ctx.files.reduce((n, f) => n + f.linesOfCode, 0);
    const duplicatedLinesRatio = linesOfCode ? Math.min(1, inCopies / linesOfCode) : 0;
    return {
      findings,
      metrics: {
        classes: classesCount,
        nearClasses: nearReported.length,
        duplicatedLines,
        duplicatedTokens,
        linesInCopies: inCopies,
        duplicatedLinesRatio,
        filesCompared: docs.length,
      },
      duplicatedLinesRatio,
    };
  },
});
