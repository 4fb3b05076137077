import { globMatcher } from '@plumbline/core';
import type { RelatedLocation, RuleMeta, WorkspacePackage } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DraftFinding } from '../detector.js';
import type { FileFacts } from '../facts.js';
import type { DriftFacts } from '../facts/drift.js';
import type { StructureFacts } from '../facts/structure.js';
import { ModuleResolver, packageNameOf } from '../resolve.js';

export const LAYER_VIOLATION_RULE: RuleMeta = {
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
      ignoreTypeImports: { type: 'boolean', description: 'Leave `import type` out: types cross layers without a runtime dependency (default false).' },
    },
  },
};

export const DEEP_IMPORT_RULE: RuleMeta = {
  id: 'deep-import',
  category: 'drift',
  description: "Reports an import into a workspace package's internals that bypasses the entry point the package offers.",
  defaultEffortMinutes: 5,
  defaultSeverity: 'warning',
  preset: 'recommended',
  scope: 'project',
};

const driftOf = (f: FileFacts) => f.data.drift as DriftFacts | undefined;
const structureOf = (f: FileFacts) => f.data.structure as StructureFacts | undefined;

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

export const detector = defineDetector({
  id: 'layer-boundaries',
  rules: [LAYER_VIOLATION_RULE, DEEP_IMPORT_RULE],
  detect(ctx) {
    const findings: DraftFinding[] = [];
    const resolver = ModuleResolver.for(ctx.files, ctx.settings);
    const { ignoreTypeImports } = ctx.options(LAYER_VIOLATION_RULE.id, { ignoreTypeImports: false });
    const layers = ctx.config.layers.map((l) => ({ ...l, match: globMatcher(l.include) }));
    const layerOf = (path: string) => layers.find((l) => l.match(path));
    const byPath = new Map(ctx.files.map((f) => [f.path, f]));
    const violations: Record<string, number> = {};
    let deepImports = 0;
    // design-system packages have their own per-file rule (design-system-deep-import): one finding, not two
    const dsPackages = ctx.enabled('design-system-deep-import')
      ? new Set(((ctx.settings.designSystem as { packages?: Array<{ name: string }> } | undefined)?.packages ?? []).map((p) => p.name))
      : new Set<string>();

    /** Whether the package's entry exports `name` (following re-exports within the package). */
    const entryExports = (entry: string, name: string, seen = new Set<string>()): boolean => {
      if (seen.has(entry) || seen.size > 30) return false;
      seen.add(entry);
      const s = byPath.get(entry) && structureOf(byPath.get(entry)!);
      if (!s) return false;
      if (s.exports.some((e) => e.name === name && e.kind !== 're-export-all')) return true;
      return s.exports.some((e) => {
        if (e.kind !== 're-export-all' || !e.from) return false;
        const t = resolver.resolve(entry, e.from);
        return t.kind === 'file' && entryExports(t.path, name, seen);
      });
    };

    for (const f of ctx.files) {
      const d = driftOf(f);
      if (!d) continue;
      const from = layerOf(f.path);
      const ownPackage = resolver.packageOf(f.path);
      for (const imp of d.imports) {
        const t = resolver.resolve(f.path, imp.specifier);
        if (t.kind !== 'file' || t.path === f.path) continue;
        // layers
        if (from && !(ignoreTypeImports && imp.typeOnly)) {
          const to = layerOf(t.path);
          if (to && to.name !== from.name && !(from.allow ?? []).includes(to.name)) {
            const allowed = from.allow?.length ? `may import only from ${[from.name, ...from.allow].join(', ')}` : 'may import only from itself';
            violations[`${from.name} -> ${to.name}`] = (violations[`${from.name} -> ${to.name}`] ?? 0) + 1;
            const related: RelatedLocation[] = [{ file: t.path, line: 1, message: `in layer ${to.name}` }];
            if (ctx.config.file) related.push({ file: ctx.config.file.replace(/\\/g, '/').replace(`${ctx.root.replace(/\\/g, '/')}/`, ''), line: 1, message: `layers are declared here` });
            findings.push({
              ruleId: LAYER_VIOLATION_RULE.id, file: f.path, line: imp.line, column: imp.column, endLine: imp.endLine, endColumn: imp.endColumn,
              message: `Layer ${from.name} ${allowed}; this imports ${t.path}, in layer ${to.name}.`,
              fingerprintCode: `${from.name}->${to.name} ${imp.specifier}`, symbolPath: '', related,
            });
          }
        }
        // deep imports into another workspace package
        const pkg = t.package ? resolver.workspacePackage(t.package) : undefined;
        if (!pkg || (ownPackage && ownPackage.name === pkg.name) || dsPackages.has(pkg.name)) continue;
        if (pkg.entries.includes(t.path)) continue;
        const relative = imp.specifier.startsWith('.');
        let subpath: string | undefined;
        if (!relative) {
          const parsed = packageNameOf(imp.specifier);
          if (parsed.name !== pkg.name) continue; // reached through a tsconfig alias of the package's files, not by its name
          subpath = parsed.subpath;
          if (!subpath) continue;
          if (pkg.exports ? exportsOffer(pkg, subpath) : !INTERNAL_DIR.test(subpath)) continue;
        }
        deepImports++;
        const names = imp.names.filter((n) => n !== '*' && n !== 'default');
        const viaEntry = pkg.entries[0] && names.length > 0 && names.every((n) => entryExports(pkg.entries[0]!, n));
        const advice = viaEntry
          ? `import { ${names.join(', ')} } from '${pkg.name}'`
          : `import it from '${pkg.name}'${pkg.exports ? ' or a subpath its exports map offers' : ''}, exporting it there if it is public`;
        findings.push({
          ruleId: DEEP_IMPORT_RULE.id, file: f.path, line: imp.line, column: imp.column, endLine: imp.endLine, endColumn: imp.endColumn,
          message: `${relative ? `Relative import of ${t.path}` : `${imp.specifier}`} reaches into workspace package ${pkg.name}, bypassing its entry point; ${advice}.`,
          fingerprintCode: `${pkg.name} ${imp.specifier.startsWith('.') ? t.path.slice(pkg.dir.length) : imp.specifier}`, symbolPath: '',
          related: pkg.entries[0] ? [{ file: pkg.entries[0], line: 1, message: `the entry point of ${pkg.name}` }] : [],
        });
      }
    }
    return { findings, metrics: { layers: layers.map((l) => l.name), violations, deepImports } };
  },
});
