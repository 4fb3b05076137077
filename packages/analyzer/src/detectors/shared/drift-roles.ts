import { chooseConvention, normalizeProjectPath, resolveDecisionValue, wrapperMatchesPath } from '@plumbline/core';
import type { ConventionChoice, DecisionConfig, LibraryDriftOptions, RoleConventions, RoleDefinition } from '@plumbline/core';
import { factsOf } from '../../facts.js';
import type { FileFacts } from '../../facts.js';
import { extractor as driftFacts } from '../../facts/drift.js';
import type { RoleUsageFact, SiteFact } from '../../facts/drift.js';
import { normalizedEntropy } from './drift-run.js';
import type { DriftRun } from './drift-run.js';

// Library roles judged over the project (library-drift): each role's choices, the project wrappers that
// count as choices of their own, and the convention.

export interface ChoiceCount {
  choice: string;
  label: string;
  kind: 'library' | 'wrapper';
  /** the catalog choice a wrapper is built on */
  underlying?: string;
  /** an id wrapper of a custom format (short keys of a custom alphabet), no convention for UUIDs */
  customFormat?: boolean;
  definedIn?: { file: string; line: number; name: string };
  defFiles: Set<string>;
  /** file -> its first site */
  files: Map<string, SiteFact>;
}

/** One library role judged over the project: its choices, most files first, and its convention. */
export interface RoleJudgement {
  role: RoleDefinition;
  sorted: ChoiceCount[];
  /** files using the role */
  total: number;
  convention?: ChoiceCount;
  decision?: DecisionConfig;
  decidedInstead: Array<ReturnType<typeof resolveDecisionValue>>;
  /** whether a wrapper choice is the project path a decision names */
  pathMatches(w: ChoiceCount, path: string): boolean;
  /**
   * whether a file using choice `c` is left alone: the convention cannot serve it (a wrapper it cannot
   * import, a short-key helper where it needs UUIDs) or `c` is its workspace package's own choice
   */
  leftAlone(c: ChoiceCount, file: string): boolean;
}

/** A role's choices (libraries, and project wrappers that enough files import) and its convention. */
export function judgeRole(run: DriftRun, role: RoleDefinition, lib: LibraryDriftOptions): RoleJudgement | undefined {
  const { ctx, resolver } = run;
  const inScope = (f: FileFacts) => (role.scope === 'tests' ? f.isTestFile : !f.isTestFile);
  const choices = new Map<string, ChoiceCount>();
  for (const f of run.files) {
    if (!inScope(f)) continue;
    for (const u of factsOf(f, driftFacts)!.usages) {
      if (u.role !== role.id) continue;
      let c = choices.get(u.choice);
      if (!c)
        choices.set(
          u.choice,
          (c = {
            choice: u.choice,
            label: role.choices.find((x) => x.id === u.choice)!.label,
            kind: 'library',
            files: new Map(),
            defFiles: new Set(),
          }),
        );
      if (!c.files.has(f.path)) c.files.set(f.path, u satisfies RoleUsageFact);
    }
  }
  const decision = ctx.config.decisions.find((d) => d.role === role.id);
  const decided = decision ? resolveDecisionValue(role.id, decision.use) : undefined;
  const decidedInstead = (decision?.instead ?? []).map((v) => resolveDecisionValue(role.id, v));
  const packageNameOf = (file: string) => resolver.packageOf(file)?.name;
  const pathMatches = (w: ChoiceCount, p: string) => wrapperMatchesPath(w, p, packageNameOf);
  if (role.wrappers) {
    for (const w of wrappersOf(run, role).values()) {
      const named =
        (decided?.kind === 'path' && pathMatches(w, decided.path)) ||
        decidedInstead.some((v) => v?.kind === 'path' && pathMatches(w, v.path));
      if (w.files.size < lib.minWrapperFiles && !named) continue;
      choices.set(w.choice, w);
      // the wrapper's own file uses the library by design: it counts for the wrapper
      for (const def of w.defFiles) choices.get(w.underlying!)?.files.delete(def);
    }
  }
  for (const [id, c] of choices) if (c.files.size === 0) choices.delete(id);
  if (choices.size === 0 && !decision) return undefined;

  const allFiles = new Set<string>();
  for (const c of choices.values()) for (const p of c.files.keys()) allFiles.add(p);
  const total = allFiles.size;
  const sorted = [...choices.values()].sort((a, b) => b.files.size - a.files.size || (a.choice < b.choice ? -1 : 1));
  const pick = chooseConvention({
    role,
    choices: [...choices.values()].map((c) => ({
      choice: c.choice,
      label: c.label,
      kind: c.kind,
      files: c.files.size,
      ...(c.definedIn ? { definedIn: c.definedIn } : {}),
      count: c,
    })),
    share: (t) => t.files / total,
    decisions: ctx.config.decisions,
    options: lib,
    packageNameOf,
  });
  let convention = pick?.found?.count;
  if (pick && !convention) {
    const defFiles =
      pick.kind === 'wrapper' ? new Set([...allFiles].filter((p) => normalizeProjectPath(p) === pick.choice)) : new Set<string>();
    convention = { choice: pick.choice, label: pick.label, kind: pick.kind, defFiles, files: new Map() };
  }
  const canUse = (file: string) => !convention || !!decision || wrapperServes(run, convention, file);
  const leftAlone = (c: ChoiceCount, file: string): boolean =>
    !canUse(file) || packageConvention(file, c.choice) || (!decision && !!convention?.customFormat && UUID_CHOICES.has(c.choice));
  const localMemo = new Map<string, boolean>();
  /** whether `choice` is the own convention of workspace package `pkg` */
  const ownChoice = (pkg: string, choice: string): boolean => {
    const key = `${pkg}\0${choice}`;
    let hit = localMemo.get(key);
    if (hit === undefined) {
      const inPkg = new Set<string>();
      let mine = 0;
      for (const c of sorted)
        for (const p of c.files.keys())
          if (packageNameOf(p) === pkg) {
            inPkg.add(p);
            if (c.choice === choice) mine++;
          }
      // enough files agree, or every file of the package that plays the role uses it (a small adapter package)
      hit = (mine >= lib.minFiles && mine / inPkg.size >= lib.majority) || (mine >= 2 && mine === inPkg.size);
      localMemo.set(key, hit);
    }
    return hit;
  };
  /** the choice is the convention of the file's package, or of a workspace package it builds on (a GraphQL provider on its base) */
  const packageConvention = (file: string, choice: string): boolean => {
    const pkg = packageNameOf(file);
    if (decision || !pkg) return false;
    if (ownChoice(pkg, choice)) return true;
    return (resolver.workspacePackage(pkg)?.dependencies ?? []).some((d) => ownChoice(d, choice));
  };
  return {
    role,
    sorted,
    total,
    ...(convention ? { convention } : {}),
    ...(decision ? { decision } : {}),
    decidedInstead,
    pathMatches,
    leftAlone,
  };
}

const UUID_CHOICES = new Set(['uuid', 'crypto-random-uuid']);
const SERVER_SEGMENT = /(^|\/)(server|server-only|backend)\//;

/**
 * Whether a project wrapper can serve a file: the file's workspace package is the wrapper's or depends on
 * it, and within one package the file is in a top-level folder where the wrapper has importers and in the
 * same runtime (a browser API client is no convention for `server/` code when none of its importers is there).
 */
function wrapperServes(run: DriftRun, w: ChoiceCount, file: string): boolean {
  if (w.kind !== 'wrapper') return true;
  const def = w.definedIn?.file ?? [...w.defFiles][0];
  if (!def) return true;
  const wp = run.resolver.packageOf(def);
  const fp = run.resolver.packageOf(file);
  const importers = [...w.files.keys(), ...w.defFiles];
  const within = (p: string) => {
    const dir = run.resolver.packageOf(p)?.dir;
    return dir ? p.slice(dir.length + 1) : p;
  };
  if (SERVER_SEGMENT.test(within(file)) && !importers.some((p) => SERVER_SEGMENT.test(within(p)))) return false;
  if (wp?.name !== fp?.name) return !!(wp && fp?.dependencies?.includes(wp.name));
  const top = (p: string) => within(p).split('/')[0];
  return importers.some((p) => top(p) === top(file));
}

/** Wrapper candidates of a role: project exports that use its libraries generically, and who imports them. */
function wrappersOf(run: DriftRun, role: RoleDefinition): Map<string, ChoiceCount> {
  const wrappers = new Map<string, ChoiceCount>();
  const tests = role.scope === 'tests';
  for (const f of run.files) {
    if (f.isTestFile !== tests) continue;
    for (const imp of factsOf(f, driftFacts)!.imports) {
      for (const { file: defFile, c } of run.importedCarried(f.path, imp)) {
        if (c.role !== role.id || !c.generic || defFile === f.path) continue;
        const id = normalizeProjectPath(defFile);
        let w = wrappers.get(id);
        if (!w) {
          w = {
            choice: id,
            label: c.export === 'default' ? id : `${id} (${c.export})`,
            kind: 'wrapper',
            underlying: c.choice,
            ...(c.customFormat ? { customFormat: true } : {}),
            definedIn: { file: defFile, line: c.line, name: c.export },
            defFiles: new Set([defFile]),
            files: new Map(),
          };
          wrappers.set(id, w);
        }
        if (!w.files.has(f.path)) w.files.set(f.path, { ...imp, symbolPath: '', code: `import ${imp.specifier}` });
      }
    }
  }
  return wrappers;
}

export function roleMetricsOf(run: DriftRun, j: RoleJudgement): RoleConventions & Record<string, unknown> {
  const { role, sorted, total, convention, decision } = j;
  const info = (c: ChoiceCount): ConventionChoice => ({
    choice: c.choice,
    label: c.label,
    kind: c.kind,
    files: c.files.size,
    share: total ? Math.round((c.files.size / total) * 1000) / 1000 : 0,
    ...(c.definedIn ? { definedIn: c.definedIn } : {}),
  });
  const index = normalizedEntropy(sorted.map((c) => c.files.size));
  run.weights.push({ key: `role:${role.id}`, weight: total, index });
  const byDirectory: Record<string, Record<string, number>> = {};
  const byOwner: Record<string, Record<string, number>> = {};
  for (const c of sorted) for (const p of c.files.keys()) run.tally(`role:${role.id}`, byDirectory, byOwner, p, c.choice, 1);
  const wrapperFiles = [...new Set(sorted.flatMap((c) => [...c.defFiles]))].sort();
  const quietFiles = [
    ...new Set(sorted.flatMap((c) => (c === convention ? [] : [...c.files.keys()].filter((p) => j.leftAlone(c, p))))),
  ].sort();
  return {
    role: role.id,
    title: role.title,
    convention: convention ? info(convention) : null,
    ...(decision ? { decision: { id: decision.id, ...(decision.link ? { link: decision.link } : {}) } } : {}),
    choices: sorted.map(info),
    wrapperFiles,
    ...(quietFiles.length ? { quietFiles } : {}),
    files: total,
    index,
    byDirectory,
    ...(run.hasOwners ? { byOwner } : {}),
  };
}
