import {
  IDIOMS, LIBRARY_DRIFT_DEFAULTS, LIBRARY_DRIFT_RULE, ROLES, areCompanions, normalizeProjectPath, ownersFromSettings,
  resolveDecisionValue,
} from '@plumbline/core';
import type {
  CodeownersSettings, ConventionChoice, DecisionConfig, IdiomDefinition, LibraryDriftOptions, RelatedLocation, RoleConventions,
  RuleMeta,
} from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DraftFinding } from '../detector.js';
import type { FileFacts } from '../facts.js';
import type { CarriedFact, DriftFacts, IdiomSiteFact, ImportSiteFact, RoleUsageFact, SiteFact } from '../facts/drift.js';
import type { StructureFacts } from '../facts/structure.js';
import { AbstractionIndex } from '../abstraction-index.js';
import { ModuleResolver } from '../resolve.js';

export const IDIOM_DRIFT_RULE: RuleMeta = {
  id: 'idiom-drift',
  category: 'drift',
  description:
    'Reports code written in the minority idiom of the codebase (component declaration and export style, async style, data fetching, error handling) or against a declared decision.',
  defaultEffortMinutes: 10,
  defaultSeverity: 'info',
  preset: 'strict',
  scope: 'project',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      majority: { type: 'number', minimum: 0.5, maximum: 1, description: 'Share of the sites of an idiom its dominant variant needs before the others are reported (default 0.8).' },
      minSites: { type: 'integer', minimum: 1, description: 'Sites the dominant variant needs before it is a convention (default 10).' },
    },
  },
};

export interface IdiomDriftOptions {
  majority: number;
  minSites: number;
}
const IDIOM_DEFAULTS: IdiomDriftOptions = { majority: 0.8, minSites: 10 };

/** What each idiom counts, for messages. */
const IDIOM_UNITS: Record<string, string> = {
  'component-declaration': 'components',
  'component-export': 'component files',
  'async-style': 'asynchronous functions',
  'data-fetching': 'data loads',
  'error-handling': 'asynchronous error handlers',
};

/** Files whose default export a framework requires (Next.js app and pages routers, Remix routes, stories). */
const FRAMEWORK_DEFAULT_EXPORT =
  /(^|\/)app\/(.*\/)?(page|layout|template|loading|error|not-found|global-error|default|route|opengraph-image|twitter-image|icon|apple-icon)\.[jt]sx?$|(^|\/)pages\/|(^|\/)routes\/|\.stories\.[jt]sx?$|(^|\/)_app\.[jt]sx?$|(^|\/)_document\.[jt]sx?$/;

const pct = (x: number) => `${Math.round(x * 100)} %`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Normalised Shannon entropy of counts: 0 when one choice has everything, 1 when the choices present
 * share it evenly. The drift index averages it over roles and idioms, weighted by the files involved.
 */
export function normalizedEntropy(counts: readonly number[]): number {
  const xs = counts.filter((c) => c > 0);
  if (xs.length < 2) return 0;
  const total = xs.reduce((a, b) => a + b, 0);
  let h = 0;
  for (const c of xs) h -= (c / total) * Math.log(c / total);
  return Math.round((h / Math.log(xs.length)) * 1000) / 1000;
}

const driftOf = (f: FileFacts) => f.data.drift as DriftFacts | undefined;
const structureOf = (f: FileFacts) => f.data.structure as StructureFacts | undefined;

interface ChoiceCount {
  choice: string;
  label: string;
  kind: 'library' | 'wrapper';
  /** the catalog choice a wrapper is built on */
  underlying?: string;
  definedIn?: { file: string; line: number; name: string };
  defFiles: Set<string>;
  /** file -> its first site */
  files: Map<string, SiteFact>;
}

/** Groups files for the per-directory breakdown: the workspace package, then one directory below it. */
function directoryOf(path: string, resolver: ModuleResolver): string {
  const pkg = resolver.packageOf(path)?.dir ?? '';
  const rest = (pkg ? path.slice(pkg.length + 1) : path).split('/').slice(0, -1);
  const keep: string[] = [];
  for (const seg of rest) {
    keep.push(seg);
    if (!['src', 'app', 'features', 'modules', 'domains', 'packages', 'apps', 'lib'].includes(seg) || keep.length >= 3) break;
  }
  return [pkg, ...keep].filter(Boolean).join('/') || '.';
}

export const detector = defineDetector({
  id: 'pattern-drift',
  rules: [LIBRARY_DRIFT_RULE, IDIOM_DRIFT_RULE],
  detect(ctx) {
    const lib = ctx.options<LibraryDriftOptions>(LIBRARY_DRIFT_RULE.id, LIBRARY_DRIFT_DEFAULTS);
    const idiomOptions = ctx.options<IdiomDriftOptions>(IDIOM_DRIFT_RULE.id, IDIOM_DEFAULTS);
    const files = ctx.files.filter((f) => driftOf(f));
    const byPath = new Map(ctx.files.map((f) => [f.path, f]));
    const resolver = ModuleResolver.for(ctx.files, ctx.settings);
    const ownersOf = ownersFromSettings(ctx.settings);
    const hasOwners = !!(ctx.settings.codeowners as CodeownersSettings | undefined)?.file;
    const findings: DraftFinding[] = [];

    // ---- names to the file that declares them, through re-exports (barrels, workspace entries)
    // Which exported names of each file can lead to carried usages at all (a superset): most names of a
    // barrel lead to none, and need not be followed through each of its `export *` targets.
    const carriedSeeds = new Map<string, Set<string>>();
    for (const f of files) {
      const own = driftOf(f)!.carried;
      if (own.length) carriedSeeds.set(f.path, new Set(own.map((c) => c.export)));
    }
    const carries = AbstractionIndex.of(ctx.files, ctx.settings).symbols.namesReaching(carriedSeeds);
    const carriedMemo = new Map<string, { file: string; carried: CarriedFact[] }>();
    const carriedVia = (file: string, name: string, depth = 0): { file: string; carried: CarriedFact[] } => {
      const none = { file, carried: [] as CarriedFact[] };
      if (name !== '*' && !carries.get(file)?.has(name)) return none;
      const key = `${file}\0${name}`;
      const hit = carriedMemo.get(key);
      if (hit) return hit;
      carriedMemo.set(key, none);
      const f = byPath.get(file);
      const d = f && driftOf(f);
      if (!f || !d || depth > 8) return none;
      const own = d.carried.filter((c) => name === '*' || c.export === name);
      if (own.length) { const r = { file, carried: own }; carriedMemo.set(key, r); return r; }
      const s = structureOf(f);
      for (const e of s?.exports ?? []) {
        if (e.kind === 're-export' && e.name === name && e.from && e.local !== '*') {
          const t = resolver.resolve(file, e.from);
          if (t.kind === 'file') { const r = carriedVia(t.path, e.local ?? name, depth + 1); carriedMemo.set(key, r); return r; }
        }
        if (e.kind === 'named' && e.name === name) {
          const imp = s?.imports.find((i) => i.names.some((n) => n.local === (e.local ?? name)));
          const n = imp?.names.find((x) => x.local === (e.local ?? name));
          if (imp && n) {
            const t = resolver.resolve(file, imp.specifier);
            if (t.kind === 'file') { const r = carriedVia(t.path, n.imported, depth + 1); carriedMemo.set(key, r); return r; }
          }
        }
      }
      if (name !== 'default') {
        for (const e of s?.exports ?? []) {
          if (e.kind !== 're-export-all' || !e.from) continue;
          const t = resolver.resolve(file, e.from);
          if (t.kind !== 'file') continue;
          const r = carriedVia(t.path, name, depth + 1);
          if (r.carried.length) { carriedMemo.set(key, r); return r; }
        }
      }
      return none;
    };
    /** what an import of a project module brings: per imported name, the declaring file's carried usages */
    const importMemo = new Map<ImportSiteFact, Array<{ file: string; c: CarriedFact }>>();
    const importedCarried = (from: string, imp: ImportSiteFact): Array<{ file: string; c: CarriedFact }> => {
      // each import is asked about once per role with wrappers: resolved once
      let hit = importMemo.get(imp);
      if (!hit) importMemo.set(imp, (hit = carriedByImport(from, imp)));
      return hit;
    };
    const carriedByImport = (from: string, imp: ImportSiteFact): Array<{ file: string; c: CarriedFact }> => {
      if (imp.typeOnly || imp.kind === 'export-from') return [];
      const t = resolver.resolve(from, imp.specifier);
      if (t.kind !== 'file' || t.path === from) return [];
      const out: Array<{ file: string; c: CarriedFact }> = [];
      for (const name of imp.kind === 'import' ? imp.names : ['default']) {
        const r = carriedVia(t.path, name);
        for (const c of r.carried) out.push({ file: r.file, c });
      }
      return out;
    };

    // ---- library roles
    const roleMetrics: Record<string, unknown> = {};
    const weights: Array<{ key: string; weight: number; index: number }> = [];
    const dirGroups = new Map<string, Map<string, Map<string, Set<string>>>>(); // dir -> family -> choice -> files
    const ownerGroups = new Map<string, Map<string, Map<string, Set<string>>>>();
    const group = (target: Map<string, Map<string, Map<string, Set<string>>>>, g: string, family: string, choice: string, file: string) => {
      const fam = target.get(g) ?? new Map<string, Map<string, Set<string>>>();
      target.set(g, fam);
      const ch = fam.get(family) ?? new Map<string, Set<string>>();
      fam.set(family, ch);
      const set = ch.get(choice) ?? new Set<string>();
      ch.set(choice, set);
      set.add(file);
    };

    // each file's usages, and what its imports carry, grouped by role once (in file order): the loop over
    // roles then visits only each role's own. Imports are asked about in the order the roles would ask.
    const usagesByRole = new Map<string, Array<{ f: FileFacts; u: RoleUsageFact }>>();
    for (const f of files) {
      for (const u of driftOf(f)!.usages) {
        let list = usagesByRole.get(u.role);
        if (!list) usagesByRole.set(u.role, (list = []));
        list.push({ f, u });
      }
    }
    const carriedByRole = new Map<string, Array<{ f: FileFacts; imp: ImportSiteFact; defFile: string; c: CarriedFact }>>();
    const carriedScopes = new Set<boolean>();
    const collectCarried = (tests: boolean): void => {
      if (carriedScopes.has(tests)) return;
      carriedScopes.add(tests);
      for (const f of files) {
        if (f.isTestFile !== tests) continue;
        for (const imp of driftOf(f)!.imports) {
          for (const { file: defFile, c } of importedCarried(f.path, imp)) {
            let list = carriedByRole.get(c.role);
            if (!list) carriedByRole.set(c.role, (list = []));
            list.push({ f, imp, defFile, c });
          }
        }
      }
    };

    for (const role of ROLES) {
      const inScope = (f: FileFacts) => (role.scope === 'tests' ? f.isTestFile : !f.isTestFile);
      const choices = new Map<string, ChoiceCount>();
      const choiceOf = (id: string, init: () => Omit<ChoiceCount, 'files' | 'defFiles'>) => {
        let c = choices.get(id);
        if (!c) choices.set(id, (c = { ...init(), files: new Map(), defFiles: new Set() }));
        return c;
      };
      // library usages
      for (const { f, u } of usagesByRole.get(role.id) ?? []) {
        if (!inScope(f)) continue;
        const def = role.choices.find((c) => c.id === u.choice)!;
        const c = choiceOf(u.choice, () => ({ choice: u.choice, label: def.label, kind: 'library' }));
        if (!c.files.has(f.path)) c.files.set(f.path, u);
      }
      // wrapper candidates: project exports that use this role's libraries generically, and who imports them
      const wrappers = new Map<string, ChoiceCount>();
      if (role.wrappers) {
        collectCarried(role.scope === 'tests');
        for (const { f, imp, defFile, c } of carriedByRole.get(role.id) ?? []) {
          if (!inScope(f) || !c.generic || defFile === f.path) continue;
          const id = normalizeProjectPath(defFile);
          let w = wrappers.get(id);
          if (!w) {
            w = {
              choice: id, label: c.export === 'default' ? id : `${id} (${c.export})`, kind: 'wrapper', underlying: c.choice,
              definedIn: { file: defFile, line: c.line, name: c.export }, defFiles: new Set([defFile]), files: new Map(),
            };
            wrappers.set(id, w);
          }
          if (!w.files.has(f.path)) w.files.set(f.path, { ...imp, symbolPath: '', code: `import ${imp.specifier}` });
        }
      }
      const decision = ctx.config.decisions.find((d) => d.role === role.id);
      const decided = decision ? resolveDecisionValue(role.id, decision.use) : undefined;
      const decidedInstead = (decision?.instead ?? []).map((v) => resolveDecisionValue(role.id, v));
      const pathMatches = (w: ChoiceCount, p: string) => w.choice === p || w.choice.startsWith(`${p}/`) || (resolver.packageOf(w.definedIn!.file)?.name === p);
      for (const w of wrappers.values()) {
        const named = decided?.kind === 'path' && pathMatches(w, decided.path) || decidedInstead.some((v) => v?.kind === 'path' && pathMatches(w, v.path));
        if (w.files.size >= lib.minWrapperFiles || named) {
          choices.set(w.choice, w);
          // the wrapper's own file uses the library by design: it counts for the wrapper
          for (const def of w.defFiles) {
            const libChoice = choices.get(w.underlying!);
            if (libChoice?.files.has(def)) libChoice.files.delete(def);
          }
        }
      }
      for (const [id, c] of choices) if (c.files.size === 0) choices.delete(id);
      if (choices.size === 0 && !decision) continue;

      const allFiles = new Set<string>();
      for (const c of choices.values()) for (const p of c.files.keys()) allFiles.add(p);
      const total = allFiles.size;
      const sorted = [...choices.values()].sort((a, b) => b.files.size - a.files.size || (a.choice < b.choice ? -1 : 1));
      const info = (c: ChoiceCount): ConventionChoice => ({
        choice: c.choice, label: c.label, kind: c.kind, files: c.files.size, share: total ? Math.round((c.files.size / total) * 1000) / 1000 : 0,
        ...(c.definedIn ? { definedIn: c.definedIn } : {}),
      });

      let convention: ChoiceCount | undefined;
      if (decision && decided) {
        if (decided.kind === 'choice') convention = choices.get(decided.choice) ?? { choice: decided.choice, label: role.choices.find((c) => c.id === decided.choice)!.label, kind: 'library', defFiles: new Set(), files: new Map() };
        else convention = [...choices.values()].find((c) => c.kind === 'wrapper' && pathMatches(c, decided.path)) ?? { choice: decided.path, label: decided.path, kind: 'wrapper', defFiles: new Set([...allFiles].filter((p) => normalizeProjectPath(p) === decided.path)), files: new Map() };
      } else if (!role.advisory) {
        const top = sorted[0];
        const second = sorted[1];
        if (top && top.files.size >= lib.minFiles && top.files.size / total >= lib.majority && (!second || second.files.size < top.files.size)) convention = top;
      }

      const exemptFiles = new Set(convention?.defFiles ?? []);
      const conventionBase = convention ? (convention.kind === 'wrapper' ? convention.underlying : convention.choice) : undefined;
      if (convention && ctx.enabled(LIBRARY_DRIFT_RULE.id)) {
        for (const c of sorted) {
          if (c === convention) continue;
          // wrapper consumers use a project module; they are drift only when a decision names that wrapper
          if (c.kind === 'wrapper' && !(decision && decidedInstead.some((v) => v?.kind === 'path' && pathMatches(c, v.path)))) continue;
          if (c.kind === 'library' && conventionBase && conventionBase !== c.choice && areCompanions(role, c.choice, conventionBase)) continue;
          if (c.kind === 'library' && convention.kind === 'library' && areCompanions(role, c.choice, convention.choice)) continue;
          const migrating = decision && decidedInstead.some((v) => (v?.kind === 'choice' && v.choice === c.choice) || (v?.kind === 'path' && c.kind === 'wrapper' && pathMatches(c, v.path)));
          const examples = [...convention.files.entries()].slice(0, 3);
          for (const [file, s] of c.files) {
            if (exemptFiles.has(file)) continue;
            const others = [...c.files.keys()].filter((p) => p !== file);
            const related: RelatedLocation[] = [];
            if (convention.definedIn) related.push({ file: convention.definedIn.file, line: convention.definedIn.line, message: `${convention.label}: the ${role.title} to use` });
            for (const [p, e] of examples) related.push({ file: p, line: e.line, message: `uses ${convention.label}` });
            for (const p of others.slice(0, 3)) related.push({ file: p, line: c.files.get(p)!.line, message: `also uses ${c.label}` });
            const where = '';
            let message: string;
            if (decision) {
              const cite = `${decision.id}${decision.link ? ` (${decision.link})` : ''}`;
              message = migrating
                ? `${c.label} (${role.title}) is being replaced by ${convention.label}${where} per ${cite}; ${plural(c.files.size, 'file')} still use${c.files.size === 1 ? 's' : ''} it, ${convention.files.size} use${convention.files.size === 1 ? 's' : ''} ${convention.label}.`
                : `${c.label} (${role.title}) departs from decision ${cite}: use ${convention.label}${where}. ${c.label} is in ${plural(c.files.size, 'file')}.`;
            } else {
              message = `${c.label} (${role.title}) in ${plural(c.files.size, 'file')}; this codebase uses ${convention.label} in ${convention.files.size} files (${pct(convention.files.size / total)})${where}.`;
            }
            findings.push({
              ruleId: LIBRARY_DRIFT_RULE.id, file, line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn,
              message, fingerprintCode: `${role.id} ${c.choice} ${s.code}`, symbolPath: s.symbolPath, related,
            });
          }
        }
      }

      // metrics, groups, index
      const index = normalizedEntropy(sorted.map((c) => c.files.size));
      weights.push({ key: `role:${role.id}`, weight: total, index });
      const byDirectory: Record<string, Record<string, number>> = {};
      const byOwner: Record<string, Record<string, number>> = {};
      for (const c of sorted) {
        for (const p of c.files.keys()) {
          const dir = directoryOf(p, resolver);
          (byDirectory[dir] ??= {})[c.choice] = (byDirectory[dir][c.choice] ?? 0) + 1;
          group(dirGroups, dir, `role:${role.id}`, c.choice, p);
          if (hasOwners) for (const o of ownersOf(p).length ? ownersOf(p) : ['(unowned)']) {
            (byOwner[o] ??= {})[c.choice] = (byOwner[o][c.choice] ?? 0) + 1;
            group(ownerGroups, o, `role:${role.id}`, c.choice, p);
          }
        }
      }
      const wrapperFiles = [...new Set([...choices.values()].flatMap((c) => [...c.defFiles]))].sort();
      const metrics: RoleConventions & Record<string, unknown> = {
        role: role.id, title: role.title,
        convention: convention ? info(convention) : null,
        ...(decision ? { decision: { id: decision.id, ...(decision.link ? { link: decision.link } : {}) } } : {}),
        choices: sorted.map(info), wrapperFiles,
        files: total, index, byDirectory, ...(hasOwners ? { byOwner } : {}),
      };
      roleMetrics[role.id] = metrics;
    }

    // ---- idioms
    const lazyTargets = new Set<string>();
    for (const f of files) {
      for (const imp of structureOf(f)?.imports ?? []) {
        if (imp.kind !== 'dynamic') continue;
        const t = resolver.resolve(f.path, imp.specifier);
        if (t.kind === 'file') lazyTargets.add(t.path);
      }
    }
    const idiomMetrics: Record<string, unknown> = {};
    for (const idiom of IDIOMS) {
      const sites: Array<{ file: string; s: IdiomSiteFact }> = [];
      for (const f of files) {
        if (f.isTestFile) continue;
        const d = driftOf(f)!;
        for (const s of d.idioms) {
          if (s.idiom !== idiom.id) continue;
          if (idiom.id === 'component-export' && (FRAMEWORK_DEFAULT_EXPORT.test(f.path) || lazyTargets.has(f.path))) continue;
          sites.push({ file: f.path, s });
        }
        if (idiom.id === 'data-fetching') {
          for (const e of d.effects) {
            const fetches = e.direct || e.calls.some((c) => {
              const imp: ImportSiteFact = { specifier: c.specifier, kind: 'import', names: [c.name], typeOnly: false, line: 0, column: 0, endLine: 0, endColumn: 0 };
              return importedCarried(f.path, imp).some((x) => x.c.role === 'http');
            });
            if (fetches) sites.push({ file: f.path, s: { idiom: idiom.id, variant: 'use-effect', count: 1, line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn, symbolPath: e.symbolPath, code: e.code } });
          }
        }
      }
      judgeIdiom(idiom, sites);
    }

    function judgeIdiom(idiom: IdiomDefinition, sites: Array<{ file: string; s: IdiomSiteFact }>): void {
      const counts = new Map<string, number>();
      const filesBy = new Map<string, Set<string>>();
      const scopeCounts = new Map<string, Map<string, number>>();
      const scopeOf = (p: string) => resolver.packageOf(p)?.name ?? '';
      const folderCounts = new Map<string, Map<string, number>>();
      const folderOf = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf('/')));
      for (const { file, s } of sites) {
        const fc = folderCounts.get(folderOf(file)) ?? new Map<string, number>();
        fc.set(s.variant, (fc.get(s.variant) ?? 0) + s.count);
        folderCounts.set(folderOf(file), fc);
        counts.set(s.variant, (counts.get(s.variant) ?? 0) + s.count);
        const set = filesBy.get(s.variant) ?? new Set<string>();
        set.add(file);
        filesBy.set(s.variant, set);
        const sc = scopeCounts.get(scopeOf(file)) ?? new Map<string, number>();
        sc.set(s.variant, (sc.get(s.variant) ?? 0) + s.count);
        scopeCounts.set(scopeOf(file), sc);
      }
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      if (total === 0) return;
      const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const decision: DecisionConfig | undefined = ctx.config.decisions.find((d) => d.idiom === idiom.id);
      const labelOf = (v: string) => idiom.variants.find((x) => x.id === v)?.label ?? v;
      let convention: string | undefined;
      if (decision) convention = decision.use;
      else {
        const [top, n] = sorted[0]!;
        const second = sorted[1];
        if (n >= idiomOptions.minSites && n / total >= idiomOptions.majority && (!second || second[1] < n)) convention = top;
      }
      if (idiom.requiresConvention && convention !== idiom.requiresConvention) convention = undefined;
      const unit = IDIOM_UNITS[idiom.id] ?? 'sites';
      if (convention && ctx.enabled(IDIOM_DRIFT_RULE.id)) {
        const convCount = counts.get(convention) ?? 0;
        for (const { file, s } of sites) {
          if (s.variant === convention) continue;
          if (idiom.reported && !idiom.reported.includes(s.variant)) continue;
          if (!decision) {
            // a workspace package with a clear convention of its own is judged by it (metrics show the split)
            const sc = scopeCounts.get(scopeOf(file))!;
            const scTotal = [...sc.values()].reduce((a, b) => a + b, 0);
            const scTop = [...sc.entries()].sort((a, b) => b[1] - a[1])[0]!;
            if (scTotal >= idiomOptions.minSites && scTop[0] !== convention) continue;
            // so is a folder whose files agree among themselves (three or more sites, by the majority share)
            const fc = folderCounts.get(folderOf(file))!;
            const fcTotal = [...fc.values()].reduce((a, b) => a + b, 0);
            if (fcTotal >= 3 && (fc.get(s.variant) ?? 0) / fcTotal >= idiomOptions.majority) continue;
          }
          const examples = sites.filter((x) => x.s.variant === convention).slice(0, 3);
          const related: RelatedLocation[] = examples.map((x) => ({ file: x.file, line: x.s.line, message: `${labelOf(convention!)}` }));
          const here = s.count > 1 ? ` (${s.count} in this file)` : '';
          let message: string;
          if (decision) {
            const cite = `${decision.id}${decision.link ? ` (${decision.link})` : ''}`;
            message = `${idiom.title}: ${labelOf(s.variant)}${here} departs from decision ${cite}: use ${labelOf(convention)}.`;
          } else {
            message = `${idiom.title}: ${labelOf(s.variant)}${here}; this codebase uses ${labelOf(convention)} for ${pct(convCount / total)} of its ${total} ${unit}.`;
          }
          findings.push({
            ruleId: IDIOM_DRIFT_RULE.id, file, line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn,
            message, fingerprintCode: `${idiom.id} ${s.variant} ${s.code}`, symbolPath: s.symbolPath, related,
          });
        }
      }
      const fileCount = new Set(sites.map((x) => x.file)).size;
      const index = normalizedEntropy(sorted.map(([, n]) => n));
      weights.push({ key: `idiom:${idiom.id}`, weight: fileCount, index });
      const byDirectory: Record<string, Record<string, number>> = {};
      const byOwner: Record<string, Record<string, number>> = {};
      for (const { file, s } of sites) {
        const dir = directoryOf(file, resolver);
        (byDirectory[dir] ??= {})[s.variant] = (byDirectory[dir][s.variant] ?? 0) + s.count;
        group(dirGroups, dir, `idiom:${idiom.id}`, s.variant, file);
        if (hasOwners) for (const o of ownersOf(file).length ? ownersOf(file) : ['(unowned)']) {
          (byOwner[o] ??= {})[s.variant] = (byOwner[o][s.variant] ?? 0) + s.count;
          group(ownerGroups, o, `idiom:${idiom.id}`, s.variant, file);
        }
      }
      // groups whose own dominant variant differs from the project's ("the checkout team declares components one way")
      const divergent = (by: Record<string, Record<string, number>>) =>
        Object.entries(by).flatMap(([g, vs]) => {
          const n = Object.values(vs).reduce((a, b) => a + b, 0);
          const [v, c] = Object.entries(vs).sort((a, b) => b[1] - a[1])[0]!;
          return n >= idiomOptions.minSites && v !== sorted[0]![0] ? [{ group: g, variant: v, share: Math.round((c / n) * 1000) / 1000, sites: n }] : [];
        });
      idiomMetrics[idiom.id] = {
        idiom: idiom.id, title: idiom.title,
        convention: convention ? { variant: convention, label: labelOf(convention), sites: counts.get(convention) ?? 0, share: Math.round(((counts.get(convention) ?? 0) / total) * 1000) / 1000 } : null,
        ...(decision ? { decision: { id: decision.id, ...(decision.link ? { link: decision.link } : {}) } } : {}),
        variants: sorted.map(([v, n]) => ({ variant: v, label: labelOf(v), sites: n, files: filesBy.get(v)!.size, share: Math.round((n / total) * 1000) / 1000 })),
        sites: total, files: fileCount, index, byDirectory, ...(hasOwners ? { byOwner, divergentOwners: divergent(byOwner) } : {}),
        divergentDirectories: divergent(byDirectory),
      };
    }

    // ---- the drift index: usage-weighted mean of the normalised entropies
    const weighted = (ws: Array<{ weight: number; index: number }>) => {
      const w = ws.reduce((a, b) => a + b.weight, 0);
      return w === 0 ? 0 : Math.round((ws.reduce((a, b) => a + b.weight * b.index, 0) / w) * 1000) / 1000;
    };
    const groupIndex = (groups: Map<string, Map<string, Map<string, Set<string>>>>) => {
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
    const driftIndex = weighted(weights);
    return {
      findings,
      driftIndex,
      metrics: {
        driftIndex,
        measure: 'usage-weighted mean over roles and idioms of the normalised Shannon entropy of their choices (0: one choice everywhere, 1: choices split evenly)',
        roles: roleMetrics,
        idioms: idiomMetrics,
        byDirectory: groupIndex(dirGroups),
        ...(hasOwners ? { byOwner: groupIndex(ownerGroups) } : {}),
      },
    };
  },
});

