import { IDIOM_DRIFT_DEFAULTS, IDIOMS, LIBRARY_DRIFT_DEFAULTS, ROLES, idiomDriftMeta, libraryDriftMeta } from '@plumbline/core';
import type { DecisionConfig, IdiomDriftOptions, LibraryDriftOptions, RelatedLocation, RuleMeta } from '@plumbline/core';
import { defineDetector } from '../../detector.js';
import type { Detector, DetectorContext, DraftFinding } from '../../detector.js';
import type { SiteFact } from '../../facts/drift.js';
import { idiomMetricsOf, idiomSites, judgeIdiom } from './drift-idioms.js';
import type { IdiomJudgement } from './drift-idioms.js';
import { judgeRole, roleMetricsOf } from './drift-roles.js';
import type { RoleJudgement } from './drift-roles.js';
import { DriftRun, normalizedEntropy } from './drift-run.js';
import type { Groups } from './drift-run.js';

export { normalizedEntropy } from './drift-run.js';
export type { ChoiceCount, RoleJudgement } from './drift-roles.js';
export type { IdiomJudgement, IdiomSite } from './drift-idioms.js';

// The conventions of library roles and idioms, judged once per analysis and shared by the two rules that
// report against them (library-drift.ts, idiom-drift.ts); their figures are `metrics["pattern-drift"]`
// and the summary's drift index. Roles are judged in drift-roles.ts, idioms in drift-idioms.ts, over one
// DriftRun (drift-run.ts).

export const pct = (x: number): string => `${Math.round(x * 100)} %`;
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
export const cite = (d: DecisionConfig): string => `${d.id}${d.link ? ` (${d.link})` : ''}`;

export interface DriftAnalysis {
  roles: RoleJudgement[];
  idioms: IdiomJudgement[];
  metrics: Record<string, unknown>;
  driftIndex: number;
}

/** A finding of a drift rule at a site of the drift facts. */
export function findingAt(
  ruleId: string,
  file: string,
  s: SiteFact,
  message: string,
  fingerprintCode: string,
  related: RelatedLocation[],
): DraftFinding {
  return {
    ruleId,
    file,
    line: s.line,
    column: s.column,
    endLine: s.endLine,
    endColumn: s.endColumn,
    message,
    fingerprintCode,
    symbolPath: s.symbolPath,
    related,
  };
}

/**
 * A drift rule's detector: its findings from the analysis of the run; both rules report the analysis's
 * figures under `metrics["pattern-drift"]` (whichever runs) and the drift index.
 */
export function driftDetector(meta: RuleMeta, findingsOf: (a: DriftAnalysis) => DraftFinding[]): Detector {
  return defineDetector({
    id: meta.id,
    metricsKey: 'pattern-drift',
    rules: [meta],
    detect(ctx) {
      const a = driftAnalysis(ctx);
      return { findings: findingsOf(a), metrics: a.metrics, driftIndex: a.driftIndex };
    },
  });
}

const memo = new WeakMap<DetectorContext, DriftAnalysis>();

/** The drift analysis of a run, computed by whichever of the two rules runs first. */
export function driftAnalysis(ctx: DetectorContext): DriftAnalysis {
  let a = memo.get(ctx);
  if (!a) memo.set(ctx, (a = analyse(ctx)));
  return a;
}

function analyse(ctx: DetectorContext): DriftAnalysis {
  const run = new DriftRun(ctx);
  const lib = ctx.options<LibraryDriftOptions>(libraryDriftMeta.id, LIBRARY_DRIFT_DEFAULTS);
  const idiomOptions = ctx.options<IdiomDriftOptions>(idiomDriftMeta.id, IDIOM_DRIFT_DEFAULTS);
  const roles: RoleJudgement[] = [];
  const roleMetrics: Record<string, unknown> = {};
  for (const role of ROLES) {
    const j = judgeRole(run, role, lib);
    if (!j) continue;
    roles.push(j);
    roleMetrics[role.id] = roleMetricsOf(run, j);
  }
  const idioms: IdiomJudgement[] = [];
  const idiomMetrics: Record<string, unknown> = {};
  const sites = idiomSites(run);
  for (const idiom of IDIOMS) {
    const j = judgeIdiom(run, idiom, sites.get(idiom.id) ?? [], idiomOptions);
    if (!j) continue;
    idioms.push(j);
    idiomMetrics[idiom.id] = idiomMetricsOf(run, j, idiomOptions);
  }

  // the drift index: usage-weighted mean of the normalised entropies
  const weighted = (ws: Array<{ weight: number; index: number }>) => {
    const w = ws.reduce((a, b) => a + b.weight, 0);
    return w === 0 ? 0 : Math.round((ws.reduce((a, b) => a + b.weight * b.index, 0) / w) * 1000) / 1000;
  };
  const groupIndex = (groups: Groups) => {
    const out: Record<string, number> = {};
    for (const [g, fams] of [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const ws: Array<{ weight: number; index: number }> = [];
      for (const ch of fams.values()) {
        const all = new Set<string>();
        for (const s of ch.values()) for (const p of s) all.add(p);
        ws.push({ weight: all.size, index: normalizedEntropy([...ch.values()].map((s) => s.size)) });
      }
      out[g] = weighted(ws);
    }
    return out;
  };
  const driftIndex = weighted(run.weights);
  return {
    roles,
    idioms,
    driftIndex,
    metrics: {
      driftIndex,
      measure:
        'usage-weighted mean over roles and idioms of the normalised Shannon entropy of their choices (0: one choice everywhere, 1: choices split evenly)',
      roles: roleMetrics,
      idioms: idiomMetrics,
      byDirectory: groupIndex(run.dirGroups),
      ...(run.hasOwners ? { byOwner: groupIndex(run.ownerGroups) } : {}),
    },
  };
}
