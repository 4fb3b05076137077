import type { RuleMeta } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DraftFinding } from '../detector.js';
import type { UseFact } from '../facts/abstraction.js';
import { AbstractionIndex } from '../abstraction-index.js';

interface Uses {
  calls: number;
  news: number;
  refs: number;
  sites: Array<{ file: string; line: number }>;
}

export const meta: RuleMeta = {
  id: 'one-use-factory',
  category: 'abstraction',
  description: 'Reports factories and builders that are used from one place and always build the same project class.',
  defaultEffortMinutes: 15,
  defaultSeverity: 'warning',
  preset: 'all',
  scope: 'project',
};

export const detector = defineDetector({
  id: meta.id,
  rules: [meta],
  detect(ctx) {
    if (!ctx.enabled('one-use-factory')) return { findings: [] };
    const index = AbstractionIndex.of(ctx.files, ctx.settings);
    const symbols = index.symbols;

    // only the uses of factories matter: an import is resolved only when its name can lead to one
    const seeds = new Map<string, Set<string>>();
    for (const f of ctx.files) {
      if (f.isTestFile) continue;
      for (const fac of index.factsOf(f.path)?.factories ?? []) {
        for (const e of symbols.structureOf(f.path)?.exports ?? []) {
          if (e.kind === 're-export' || e.kind === 're-export-all' || (e.local ?? e.name) !== fac.name) continue;
          const names = seeds.get(f.path) ?? new Set<string>();
          seeds.set(f.path, names.add(e.name));
        }
      }
    }
    const reach = symbols.namesReaching(seeds);

    // uses of the factories, wherever they are imported (through barrels and namespaces)
    const uses = new Map<string, Uses>();
    const add = (key: string, u: UseFact, file: string) => {
      const t = uses.get(key) ?? { calls: 0, news: 0, refs: 0, sites: [] };
      t.calls += u.calls;
      t.news += u.news;
      t.refs += u.refs;
      for (const line of u.lines) t.sites.push({ file, line });
      uses.set(key, t);
    };
    for (const f of ctx.files) {
      const a = index.factsOf(f.path);
      const s = symbols.structureOf(f.path);
      if (!a || !s) continue;
      const imported = new Set<string>();
      for (const imp of s.imports) {
        if (imp.kind !== 'import') continue;
        for (const n of imp.names) {
          imported.add(n.local);
          if (n.imported !== '*' && !reach.get(symbols.fileOf(f.path, imp.specifier) ?? '')?.has(n.imported)) continue;
          const b = symbols.resolveLocal(f.path, n.local);
          if (b.kind === 'local') {
            const u = a.uses[n.local];
            if (u) add(`${b.file}\0${b.local}`, u, f.path);
          } else if (b.kind === 'namespace') {
            for (const [k, u] of Object.entries(a.uses)) {
              if (!k.startsWith(`${n.local}.`)) continue;
              const m = symbols.resolveExport(b.file, k.slice(n.local.length + 1));
              if (m.kind === 'local') add(`${m.file}\0${m.local}`, u, f.path);
            }
          }
        }
      }
      for (const [name, u] of Object.entries(a.uses)) if (!name.includes('.') && !imported.has(name)) add(`${f.path}\0${name}`, u, f.path);
    }

    const findings: DraftFinding[] = [];
    let factories = 0;
    for (const f of ctx.files) {
      if (f.isTestFile) continue;
      for (const fac of index.factsOf(f.path)?.factories ?? []) {
        factories++;
        const key = `${f.path}\0${fac.name}`;
        const u = uses.get(key);
        if (!u) continue; // unused: another rule's business
        const sites = fac.kind === 'function' ? u.calls : u.news;
        const escapes = u.refs + (fac.kind === 'function' ? u.news : u.calls);
        if (sites !== 1 || escapes !== 0) continue; // passed around (DI, registries) or used from several places
        const built = index.resolveClass(f.path, fac.builds);
        if (!built) continue; // builds a package's or a built-in class: the factory hides a vendor API
        // last, as it is the costliest to know (computed on first need)
        if (index.publicApi().has(key)) continue; // outside code may call it
        const site = u.sites[0]!;
        const what = fac.kind === 'function' ? 'Factory' : fac.kind === 'builder' ? 'Builder' : 'Factory class';
        findings.push({
          ruleId: 'one-use-factory',
          file: f.path,
          line: fac.line,
          column: fac.column,
          endLine: fac.endLine,
          endColumn: fac.endColumn,
          message:
            `${what} \`${fac.name}\` is used from one place (${site.file}:${site.line}) and always builds \`${built.cls.name}\`: ` +
            `construct \`${built.cls.name}\` there, and add the ${fac.kind === 'builder' ? 'builder' : 'factory'} when a second caller or a second class needs it.`,
          fingerprintCode: `${fac.kind} ${fac.name} -> ${built.cls.name}`,
          symbolPath: fac.symbolPath,
          related: [
            { file: site.file, line: site.line, message: `the only use of \`${fac.name}\`` },
            { file: built.file, line: built.cls.line, message: `the class it builds: \`${built.cls.name}\`` },
          ],
        });
      }
    }
    return { findings, metrics: { factories, oneUse: findings.length } };
  },
});
