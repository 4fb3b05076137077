import type { RuleMeta } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DraftFinding } from '../detector.js';
import { AbstractionIndex } from '../abstraction-index.js';
import type { InterfaceFact } from '../facts/abstraction.js';

interface Implementation {
  file: string;
  line: number;
  name: string;
  kind: 'class' | 'object';
  test: boolean;
}

/**
 * Edition and platform folders: a build picks one of the siblings (`ce/` or `ee/`, `web/` or `native/`) through
 * a path alias, so the contract is the seam between them even when one project holds one implementation.
 */
const EDITIONS = [
  ['ce', 'ee'],
  ['web', 'native', 'ios', 'android', 'desktop', 'mobile', 'electron'],
];

/**
 * Whether a file sits in an edition folder (`ce/`, `ee/`), or in a platform folder (or has a `.web.ts`-style
 * suffix) with a sibling for another platform.
 */
function hasEditionSibling(path: string, stems: ReadonlySet<string>): boolean {
  const stem = path.replace(/\.[cm]?[jt]sx?$/, '');
  const segs = stem.split('/');
  // `ce/` and `ee/` name nothing but an edition: a path alias (`@/plane-web/*` -> `./ce/*`) picks the folder
  if (segs.some((s) => s === 'ce' || s === 'ee')) return true;
  for (let i = 0; i < segs.length; i++) {
    const last = i === segs.length - 1;
    const parts = last ? segs[i]!.split('.') : [segs[i]!];
    const at = last ? parts.length - 1 : 0;
    if (last && parts.length < 2) continue;
    const group = EDITIONS.find((g) => g.includes(parts[at]!));
    if (!group) continue;
    // a `.web` suffix also pairs with the file without one (`x.web.ts` beside `x.ts`)
    const alts = last
      ? [...group.filter((o) => o !== parts[at]).map((o) => [...parts.slice(0, at), o].join('.')), parts.slice(0, at).join('.')]
      : group.filter((o) => o !== parts[at]);
    for (const alt of alts) if (stems.has([...segs.slice(0, i), alt, ...segs.slice(i + 1)].join('/'))) return true;
  }
  return false;
}

/** From this many interfaces declared beside their only class and imported elsewhere, that is the project's convention. */
const CONVENTION_MIN = 5;

export const meta: RuleMeta = {
  id: 'single-implementation',
  category: 'abstraction',
  description:
    "Reports interfaces and abstract classes that have exactly one implementation in the project and are not part of a package's public API.",
  defaultEffortMinutes: 20,
  defaultSeverity: 'warning',
  preset: 'all',
  scope: 'project',
};

/**
 * An interface that is a narrower public API of its class: the class has public members the interface hides
 * (a MobX store's root store and services), and other files are typed by the interface, not the class.
 */
function narrowerApi(index: AbstractionIndex, file: string, iface: InterfaceFact, only: Implementation): boolean {
  const cls = index.classAt(only.file, only.name);
  if (!cls) return false;
  const shown = new Set(iface.members);
  if (!cls.publicMembers.some((m) => !shown.has(m))) return false;
  return index.importersOf(file, iface.name).some((from) => from !== only.file);
}

export const detector = defineDetector({
  id: meta.id,
  rules: [meta],
  detect(ctx) {
    if (!ctx.enabled('single-implementation')) return { findings: [] };
    const index = AbstractionIndex.of(ctx.files, ctx.settings);
    const declKey = (file: string, dotted: string): string | undefined => {
      const { binding, rest } = index.resolveDotted(file, dotted);
      return binding.kind === 'local' && rest.length === 0 ? `${binding.file}\0${binding.local}` : undefined;
    };

    const impls = new Map<string, Implementation[]>();
    const extendedByInterface = new Set<string>();
    const subclassed = new Set<string>();
    const add = (key: string | undefined, impl: Implementation) => {
      if (key) impls.set(key, [...(impls.get(key) ?? []), impl]);
    };
    for (const f of ctx.files) {
      const a = index.factsOf(f.path);
      if (!a) continue;
      for (const c of a.classes) {
        for (const i of c.implements)
          add(declKey(f.path, i), { file: f.path, line: c.line, name: c.name, kind: 'class', test: f.isTestFile });
        if (c.extends) {
          const base = declKey(f.path, c.extends);
          add(base, { file: f.path, line: c.line, name: c.name, kind: 'class', test: f.isTestFile });
          if (base) subclassed.add(base);
        }
      }
      for (const i of a.interfaces)
        for (const e of i.extends) {
          const k = declKey(f.path, e);
          if (k) extendedByInterface.add(k);
        }
      for (const t of a.typedImplementations)
        add(declKey(f.path, t.type), { file: f.path, line: t.line, name: t.type, kind: 'object', test: f.isTestFile });
    }

    const stems = new Set(ctx.files.map((f) => f.path.replace(/\.[cm]?[jt]sx?$/, '')));
    // classes passed on as values (`{ opnsense: OPNsenseIntegration }`, `register(Provider)`): a registry picks them
    const passed = new Set<string>();
    for (const f of ctx.files) {
      const a = index.factsOf(f.path);
      for (const [name, u] of Object.entries(a?.uses ?? {})) if (u.passed) passed.add(name);
      // or an instance of them is: `const provider = new PgSearchProvider(); PluginManager.add({ value: provider })`
      for (const v of a?.values ?? []) if (v.newOf && a?.uses[v.name]?.passed) passed.add(v.newOf);
    }

    const findings: DraftFinding[] = [];
    // interfaces declared beside their one class and imported by other files: counted to see whether that is the project's convention
    const beside: DraftFinding[] = [];
    let abstractions = 0;
    for (const f of ctx.files) {
      if (f.isTestFile) continue;
      const a = index.factsOf(f.path);
      if (!a) continue;
      const contracts = [
        ...a.interfaces.filter((i) => i.hasMethods).map((i) => ({ ...i, what: 'interface' as const })),
        // abstract errors are categories for `instanceof`, not contracts
        ...a.classes
          .filter((c) => c.abstract && !/(Error|Exception)$/.test(c.name))
          .map((c) => ({ ...c, what: 'abstract class' as const })),
      ];
      for (const c of contracts) {
        abstractions++;
        const key = `${f.path}\0${c.name}`;
        if (c.what === 'interface' && (extendedByInterface.has(key) || a.classes.some((k) => k.name === c.name))) continue;
        const list = impls.get(key) ?? [];
        if (list.length !== 1) continue; // none: a type, not an abstraction; two or more: it abstracts
        const only = list[0]!;
        if (only.kind !== 'class' || only.test) continue;
        // the implementation is a base class: its subclasses implement the contract too
        const onlyKey = `${only.file}\0${only.name}`;
        if (subclassed.has(onlyKey) || index.classAt(only.file, only.name)?.abstract) continue;
        // an extension point: the implementation is registered with a registry or plugin manager, not built where used
        if (passed.has(only.name)) continue;
        // chosen per edition or platform through a path alias
        if (hasEditionSibling(only.file, stems) || hasEditionSibling(f.path, stems)) continue;
        if (c.what === 'interface' && narrowerApi(index, f.path, c, only)) continue;
        // last, as they are the costliest to know (computed on first need)
        if (index.subpathExported(f.path) || index.publicApi().has(key)) continue; // outside code may implement it
        const besideItsClass = c.what === 'interface' && only.file === f.path && index.importersOf(f.path, c.name).length > 0;
        (besideItsClass ? beside : findings).push({
          ruleId: 'single-implementation',
          file: f.path,
          line: c.line,
          column: c.column,
          endLine: c.endLine,
          endColumn: c.endColumn,
          message:
            `${c.what === 'interface' ? 'Interface' : 'Abstract class'} \`${c.name}\` has one implementation, \`${only.name}\` (${only.file}:${only.line}), ` +
            `and no package exports it: depend on \`${only.name}\` directly and extract the ${c.what} when a second implementation (or a test double) needs it.`,
          fingerprintCode: `${c.what} ${c.name} <- ${only.name}`,
          symbolPath: c.symbolPath,
          related: [{ file: only.file, line: only.line, message: `the only implementation: \`${only.name}\`` }],
        });
      }
    }
    // a convention of the codebase (a MobX store's `IXStore` beside `XStore`, hooks typed by it): the interface is the class's
    // public type, written for every class of its kind; a few such pairs are still speculative
    if (beside.length < CONVENTION_MIN) findings.push(...beside);
    return { findings, metrics: { abstractions, singleImplementation: findings.length } };
  },
});
