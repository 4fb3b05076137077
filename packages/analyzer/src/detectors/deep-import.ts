import type { RuleMeta, WorkspacePackage } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DetectorContext, DraftFinding } from '../detector.js';
import { factsOf } from '../facts.js';
import { extractor as structureFacts } from '../facts/structure.js';
import { ModuleResolver, packageNameOf } from '../resolve.js';
import { boundaryMetrics, resolvedImports } from './shared/boundaries.js';

export const meta: RuleMeta = {
  id: 'deep-import',
  category: 'drift',
  description: "Reports an import into a workspace package's internals that bypasses the entry point the package offers.",
  defaultEffortMinutes: 5,
  defaultSeverity: 'warning',
  preset: 'recommended',
  scope: 'project',
};

/** Directories of built or source layouts: a subpath through them reaches into the package's files. */
const INTERNAL_DIR = /^(src|dist|lib|build|esm|cjs|es|out|internal|private)(\/|$)|(^|\/)(internal|_[^/]+)(\/|$)/;

/** Whether `subpath` (`icons`, `src/button`) is one the package's `exports` map offers. */
function exportsOffer(pkg: WorkspacePackage, subpath: string): boolean {
  for (const key of pkg.exports ?? []) {
    const k = key.replace(/^\.\/?/, '');
    if (k === subpath) return true;
    const star = k.indexOf('*');
    if (star >= 0 && subpath.startsWith(k.slice(0, star)) && subpath.endsWith(k.slice(star + 1))) return true;
  }
  return false;
}

const memo = new WeakMap<DetectorContext, DraftFinding[]>();

/** Imports into another workspace package's internals, bypassing its entry point, once per run. */
export function deepImports(ctx: DetectorContext): DraftFinding[] {
  const hit = memo.get(ctx);
  if (hit) return hit;
  const findings: DraftFinding[] = [];
  const resolver = ModuleResolver.for(ctx.files, ctx.settings);
  const byPath = new Map(ctx.files.map((f) => [f.path, f]));
  // design-system packages have their own per-file rule (design-system-deep-import): one finding, not two
  const dsPackages = ctx.enabled('design-system-deep-import')
    ? new Set(((ctx.settings.designSystem as { packages?: Array<{ name: string }> } | undefined)?.packages ?? []).map((p) => p.name))
    : new Set<string>();

  /** Whether the package's entry exports `name` (following re-exports within the package). */
  const entryExports = (entry: string, name: string, seen = new Set<string>()): boolean => {
    if (seen.has(entry) || seen.size > 30) return false;
    seen.add(entry);
    const f = byPath.get(entry);
    const s = f && factsOf(f, structureFacts);
    if (!s) return false;
    if (s.exports.some((e) => e.name === name && e.kind !== 're-export-all')) return true;
    return s.exports.some((e) => {
      if (e.kind !== 're-export-all' || !e.from) return false;
      const t = resolver.resolve(entry, e.from);
      return t.kind === 'file' && entryExports(t.path, name, seen);
    });
  };

  for (const { f, imp, t } of resolvedImports(ctx)) {
    const ownPackage = resolver.packageOf(f.path);
    const pkg = t.package ? resolver.workspacePackage(t.package) : undefined;
    if (!pkg || (ownPackage && ownPackage.name === pkg.name) || dsPackages.has(pkg.name)) continue;
    if (pkg.entries.includes(t.path)) continue;
    const relative = imp.specifier.startsWith('.');
    if (!relative) {
      const parsed = packageNameOf(imp.specifier);
      if (parsed.name !== pkg.name) continue; // reached through a tsconfig alias of the package's files, not by its name
      const subpath = parsed.subpath;
      if (!subpath) continue;
      if (pkg.exports ? exportsOffer(pkg, subpath) : !INTERNAL_DIR.test(subpath)) continue;
    }
    const names = imp.names.filter((n) => n !== '*' && n !== 'default');
    const viaEntry = pkg.entries[0] && names.length > 0 && names.every((n) => entryExports(pkg.entries[0]!, n));
    const advice = viaEntry
      ? `import { ${names.join(', ')} } from '${pkg.name}'`
      : `import it from '${pkg.name}'${pkg.exports ? ' or a subpath its exports map offers' : ''}, exporting it there if it is public`;
    findings.push({
      ruleId: meta.id,
      file: f.path,
      line: imp.line,
      column: imp.column,
      endLine: imp.endLine,
      endColumn: imp.endColumn,
      message: `${relative ? `Relative import of ${t.path}` : `${imp.specifier}`} reaches into workspace package ${pkg.name}, bypassing its entry point; ${advice}.`,
      fingerprintCode: `${pkg.name} ${imp.specifier.startsWith('.') ? t.path.slice(pkg.dir.length) : imp.specifier}`,
      symbolPath: '',
      related: pkg.entries[0] ? [{ file: pkg.entries[0], line: 1, message: `the entry point of ${pkg.name}` }] : [],
    });
  }
  memo.set(ctx, findings);
  return findings;
}

export const detector = defineDetector({
  id: meta.id,
  metricsKey: 'layer-boundaries',
  rules: [meta],
  detect: (ctx) => ({ findings: deepImports(ctx), metrics: boundaryMetrics(ctx) }),
});
