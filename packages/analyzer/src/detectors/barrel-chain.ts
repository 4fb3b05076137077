import type { RelatedLocation, RuleMeta } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DraftFinding } from '../detector.js';
import { factsOf } from '../facts.js';
import { extractor as structureFacts } from '../facts/structure.js';
import { packageNameOf } from '../resolve.js';
import { AbstractionIndex } from '../abstraction-index.js';

export interface Options {
  /** most re-export hops a name may travel through before the chain is reported */
  maxDepth: number;
}

const DEFAULTS: Options = { maxDepth: 3 };
/** enough for any real barrel tree; a bound against pathological graphs */
const MAX_FILES = 50_000;

interface Edge {
  to: string;
  line: number;
  specifier: string;
}

export const meta: RuleMeta = {
  id: 'barrel-chain',
  category: 'abstraction',
  description: 'Reports barrel files that re-export re-exports, deeper than a configurable number of hops, as one finding per chain.',
  defaultEffortMinutes: 15,
  defaultSeverity: 'warning',
  preset: 'all',
  scope: 'project',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      maxDepth: {
        type: 'integer',
        minimum: 1,
        description: 'Most re-export hops (barrel to barrel to module) a chain may have before it is reported (default 3).',
      },
    },
  },
};

export const detector = defineDetector({
  id: meta.id,
  rules: [meta],
  detect(ctx) {
    if (!ctx.enabled('barrel-chain')) return { findings: [] };
    const { maxDepth } = ctx.options<Options>('barrel-chain', DEFAULTS);
    const symbols = AbstractionIndex.of(ctx.files, ctx.settings).symbols;

    const edges = new Map<string, Edge[]>();
    const targets = new Set<string>();
    for (const f of ctx.files) {
      if (f.isTestFile) continue;
      const s = factsOf(f, structureFacts);
      const out: Edge[] = [];
      for (const e of s?.exports ?? []) {
        if ((e.kind !== 're-export' && e.kind !== 're-export-all') || !e.from) continue;
        // a re-export of another package (a workspace package by name) is that package's API, not a hop
        if (symbols.resolver.workspacePackage(packageNameOf(e.from).name)) continue;
        const to = symbols.fileOf(f.path, e.from);
        if (!to || to === f.path || out.some((x) => x.to === to)) continue;
        out.push({ to, line: e.line, specifier: e.from });
        targets.add(to);
      }
      if (out.length) edges.set(f.path, out);
    }

    // from each barrel nobody re-exports, the shortest re-export path to every module that declares
    // names (the way the names travel); paths longer than maxDepth, grouped by their barrels
    const declares = new Set(ctx.files.filter((f) => (factsOf(f, structureFacts)?.declarations.length ?? 0) > 0).map((f) => f.path));
    const groups = new Map<string, { path: Array<{ file: string; edge: Edge }>; leaves: Set<string> }>();
    for (const head of [...edges.keys()].sort()) {
      if (targets.has(head)) continue;
      const via = new Map<string, { from: string; edge: Edge } | null>([[head, null]]);
      const queue = [head];
      for (let i = 0; i < queue.length && via.size < MAX_FILES; i++) {
        const file = queue[i]!;
        for (const e of edges.get(file) ?? []) {
          if (via.has(e.to)) continue;
          via.set(e.to, { from: file, edge: e });
          queue.push(e.to);
        }
      }
      for (const file of queue) {
        if (file === head || (!declares.has(file) && edges.has(file))) continue;
        const path: Array<{ file: string; edge: Edge }> = [];
        for (let step = via.get(file); step; step = via.get(step.from)) path.unshift({ file: step.from, edge: step.edge });
        if (path.length <= maxDepth) continue;
        const key = path.map((p) => p.file).join('\0');
        const g = groups.get(key) ?? { path, leaves: new Set<string>() };
        g.leaves.add(file);
        groups.set(key, g);
      }
    }

    const findings: DraftFinding[] = [];
    for (const { path, leaves } of groups.values()) {
      const first = path[0]!;
      const leafList = [...leaves]; // the first is the module the path was found for
      const files = [...path.map((p) => p.file), leafList[0]!];
      const related: RelatedLocation[] = path.map((p, i) => ({
        file: p.file,
        line: p.edge.line,
        message: `hop ${i + 1} of ${path.length}: re-exports '${p.edge.specifier}'`,
      }));
      related.push({
        file: leafList[0]!,
        line: 1,
        message: `declares the names${leafList.length > 1 ? ` (and ${leafList.length - 1} more module${leafList.length > 2 ? 's' : ''} at this depth)` : ''}`,
      });
      findings.push({
        ruleId: 'barrel-chain',
        file: first.file,
        line: first.edge.line,
        column: 1,
        endLine: first.edge.line,
        endColumn: 1,
        message:
          `${path.length} re-export hops: ${files.join(' -> ')}. Names pass through ${path.length} barrels before their module; ` +
          `re-export from the declaring modules directly, or import them from there.`,
        fingerprintCode: path.map((p) => p.edge.specifier).join(' -> '),
        symbolPath: '',
        related,
      });
    }
    return { findings, metrics: { barrels: edges.size, chains: findings.length } };
  },
});
