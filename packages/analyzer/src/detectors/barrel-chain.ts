import type { RelatedLocation } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DraftFinding } from '../detector.js';
import type { StructureFacts } from '../facts/structure.js';
import { ProjectSymbols } from '../symbols.js';

export interface Options {
  /** most re-export hops a name may travel through before the chain is reported */
  maxDepth: number;
}

const DEFAULTS: Options = { maxDepth: 3 };
/** enough for any real barrel tree; a bound against pathological graphs */
const MAX_PATHS = 20_000;

interface Edge {
  to: string;
  line: number;
  specifier: string;
}

export const detector = defineDetector({
  id: 'barrel-chain',
  rules: [
    {
      id: 'barrel-chain',
      category: 'abstraction',
      description: 'Reports barrel files that re-export re-exports, deeper than a configurable number of hops, as one finding per chain.',
      defaultEffortMinutes: 15,
      defaultSeverity: 'warning',
      preset: 'strict',
      scope: 'project',
      optionsSchema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxDepth: {
            type: 'integer', minimum: 1,
            description: 'Most re-export hops (barrel to barrel to module) a chain may have before it is reported (default 3).',
          },
        },
      },
    },
  ],
  detect(ctx) {
    if (!ctx.enabled('barrel-chain')) return { findings: [] };
    const { maxDepth } = ctx.options<Options>('barrel-chain', DEFAULTS);
    const symbols = new ProjectSymbols(ctx.files, ctx.settings);

    const edges = new Map<string, Edge[]>();
    const targets = new Set<string>();
    for (const f of ctx.files) {
      if (f.isTestFile) continue;
      const s = f.data.structure as StructureFacts | undefined;
      const out: Edge[] = [];
      for (const e of s?.exports ?? []) {
        if ((e.kind !== 're-export' && e.kind !== 're-export-all') || !e.from) continue;
        const to = symbols.fileOf(f.path, e.from);
        if (!to || to === f.path || out.some((x) => x.to === to)) continue;
        out.push({ to, line: e.line, specifier: e.from });
        targets.add(to);
      }
      if (out.length) edges.set(f.path, out);
    }

    // maximal paths from barrels nobody re-exports, grouped by their barrels (the leaf modules vary)
    const groups = new Map<string, { path: Array<{ file: string; edge: Edge }>; leaves: Set<string> }>();
    let paths = 0;
    const walk = (file: string, path: Array<{ file: string; edge: Edge }>, onPath: Set<string>) => {
      if (paths > MAX_PATHS) return;
      const out = (edges.get(file) ?? []).filter((e) => !onPath.has(e.to));
      if (out.length === 0) {
        paths++;
        if (path.length <= maxDepth) return;
        const key = path.map((p) => p.file).join('\0');
        const g = groups.get(key) ?? { path, leaves: new Set<string>() };
        g.leaves.add(file);
        groups.set(key, g);
        return;
      }
      for (const e of out) {
        onPath.add(e.to);
        walk(e.to, [...path, { file, edge: e }], onPath);
        onPath.delete(e.to);
      }
    };
    for (const head of [...edges.keys()].sort()) if (!targets.has(head)) walk(head, [], new Set([head]));

    const findings: DraftFinding[] = [];
    for (const { path, leaves } of groups.values()) {
      const first = path[0]!;
      const leafList = [...leaves].sort();
      const files = [...path.map((p) => p.file), leafList[0]!];
      const related: RelatedLocation[] = path.map((p, i) => ({
        file: p.file, line: p.edge.line, message: `hop ${i + 1} of ${path.length}: re-exports '${p.edge.specifier}'`,
      }));
      related.push({
        file: leafList[0]!, line: 1,
        message: `declares the names${leafList.length > 1 ? ` (and ${leafList.length - 1} more module${leafList.length > 2 ? 's' : ''} at this depth)` : ''}`,
      });
      findings.push({
        ruleId: 'barrel-chain', file: first.file, line: first.edge.line, column: 1, endLine: first.edge.line, endColumn: 1,
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
