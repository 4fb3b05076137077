import { globMatcher } from '@plumbline/core';
import type { RelatedLocation, RuleMeta } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DetectorContext, DraftFinding } from '../detector.js';
import { boundaryMetrics, resolvedImports } from './shared/boundaries.js';

export const meta: RuleMeta = {
  id: 'layer-violation',
  category: 'drift',
  description: 'Reports an import from a layer that the importing layer is not allowed to use (config `layers`).',
  defaultEffortMinutes: 30,
  defaultSeverity: 'warning',
  preset: 'recommended',
  scope: 'project',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ignoreTypeImports: {
        type: 'boolean',
        description: 'Leave `import type` out: types cross layers without a runtime dependency (default false).',
      },
    },
  },
};

interface LayerViolations {
  findings: DraftFinding[];
  layers: string[];
  /** `from -> to`: imports */
  violations: Record<string, number>;
}

const memo = new WeakMap<DetectorContext, LayerViolations>();

/** Imports from a layer the importing file's layer may not use (config `layers`), once per run. */
export function layerViolations(ctx: DetectorContext): LayerViolations {
  const hit = memo.get(ctx);
  if (hit) return hit;
  const { ignoreTypeImports } = ctx.options(meta.id, { ignoreTypeImports: false });
  const layers = ctx.config.layers.map((l) => ({ ...l, match: globMatcher(l.include) }));
  const layerOf = (path: string) => layers.find((l) => l.match(path));
  const findings: DraftFinding[] = [];
  const violations: Record<string, number> = {};
  for (const { f, imp, t } of resolvedImports(ctx)) {
    const from = layerOf(f.path);
    if (!from || (ignoreTypeImports && imp.typeOnly)) continue;
    const to = layerOf(t.path);
    if (!to || to.name === from.name || (from.allow ?? []).includes(to.name)) continue;
    const allowed = from.allow?.length ? `may import only from ${[from.name, ...from.allow].join(', ')}` : 'may import only from itself';
    violations[`${from.name} -> ${to.name}`] = (violations[`${from.name} -> ${to.name}`] ?? 0) + 1;
    const related: RelatedLocation[] = [{ file: t.path, line: 1, message: `in layer ${to.name}` }];
    if (ctx.config.file)
      related.push({
        file: ctx.config.file.replace(/\\/g, '/').replace(`${ctx.root.replace(/\\/g, '/')}/`, ''),
        line: 1,
        message: `layers are declared here`,
      });
    findings.push({
      ruleId: meta.id,
      file: f.path,
      line: imp.line,
      column: imp.column,
      endLine: imp.endLine,
      endColumn: imp.endColumn,
      message: `Layer ${from.name} ${allowed}; this imports ${t.path}, in layer ${to.name}.`,
      fingerprintCode: `${from.name}->${to.name} ${imp.specifier}`,
      symbolPath: '',
      related,
    });
  }
  const out = { findings, layers: layers.map((l) => l.name), violations };
  memo.set(ctx, out);
  return out;
}

export const detector = defineDetector({
  id: meta.id,
  metricsKey: 'layer-boundaries',
  rules: [meta],
  detect: (ctx) => ({ findings: layerViolations(ctx).findings, metrics: boundaryMetrics(ctx) }),
});
