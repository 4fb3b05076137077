import type { DetectorContext } from '../../detector.js';
import { factsOf } from '../../facts.js';
import type { FileFacts } from '../../facts.js';
import { extractor as driftFacts } from '../../facts/drift.js';
import type { ImportSiteFact } from '../../facts/drift.js';
import { ModuleResolver } from '../../resolve.js';
import type { Resolution } from '../../resolve.js';
import { deepImports } from '../deep-import.js';
import { layerViolations } from '../layer-violation.js';

// What layer-violation.ts and deep-import.ts share: every import of a project file, resolved once, and
// their figures, `metrics["layer-boundaries"]`, reported by whichever of the two runs.

export interface ResolvedImport {
  f: FileFacts;
  imp: ImportSiteFact;
  /** the project file it names (never the importing file itself) */
  t: Extract<Resolution, { kind: 'file' }>;
}

const memo = new WeakMap<DetectorContext, ResolvedImport[]>();

/** Every import of a project file by another, in file and import order. */
export function resolvedImports(ctx: DetectorContext): readonly ResolvedImport[] {
  let out = memo.get(ctx);
  if (out) return out;
  out = [];
  const resolver = ModuleResolver.for(ctx.files, ctx.settings);
  for (const f of ctx.files) {
    for (const imp of factsOf(f, driftFacts)?.imports ?? []) {
      const t = resolver.resolve(f.path, imp.specifier);
      if (t.kind === 'file' && t.path !== f.path) out.push({ f, imp, t });
    }
  }
  memo.set(ctx, out);
  return out;
}

/** `metrics["layer-boundaries"]`: the declared layers, violations per pair of layers, deep imports. */
export function boundaryMetrics(ctx: DetectorContext): { layers: string[]; violations: Record<string, number>; deepImports: number } {
  const l = layerViolations(ctx);
  return { layers: l.layers, violations: l.violations, deepImports: deepImports(ctx).length };
}
