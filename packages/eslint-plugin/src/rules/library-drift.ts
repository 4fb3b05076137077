import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import {
  LIBRARY_DRIFT_DEFAULTS,
  ROLES,
  brandIconPackages,
  chooseConvention,
  conventionsPath,
  isCompanionOfConvention,
  libraryDriftMeta,
  matchGlobal,
  importChoosesLibrary,
  matchImport,
  normalizeGlobalPath,
  readConventions,
} from '@plumbline/core';
import type {
  ChoiceRef,
  ConventionChoice,
  ConventionPick,
  ConventionsCache,
  LibraryDriftOptions,
  ModuleSettings,
  ResolvedConfig,
  WorkspacePackage,
} from '@plumbline/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../create-rule.js';
import { findProjectRoot, projectEntry } from '../project-settings.js';

export type Options = Partial<LibraryDriftOptions>;
export type MessageIds = 'convention' | 'decision' | 'migration';

interface Loaded {
  mtimeMs: number;
  data: ConventionsCache | null;
}
const loaded = new Map<string, Loaded>();

/** The conventions the last `plumbline scan` cached, parsed once per change of the file. */
function conventionsOf(path: string): ConventionsCache | null {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return null;
  }
  const old = loaded.get(path);
  if (old && old.mtimeMs === mtimeMs) return old.data;
  const data = readConventions(path);
  loaded.set(path, { mtimeMs, data });
  return data;
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** The workspace package a file belongs to (the deepest package directory above it), by name. */
function packageNameIn(packages: readonly WorkspacePackage[]): (file: string) => string | undefined {
  return (file) => {
    let best: WorkspacePackage | undefined;
    for (const p of packages) if ((p.dir === '' || file.startsWith(`${p.dir}/`)) && (!best || p.dir.length > best.dir.length)) best = p;
    return best?.name;
  };
}

/**
 * Flags, as you type, an import (or a call of a global such as `fetch`) of a library choice that is not
 * the codebase's convention for its role: the declared decision of the project config, else the majority
 * the analyzer inferred and cached in `.plumbline/cache/conventions.json`. Without either it says nothing.
 */
/** The names an import declaration binds (`default`, `*`, named), [] for types only, null for a bare import. */
const importNames = (node: TSESTree.ImportDeclaration): string[] | null => {
  if (node.importKind === 'type') return [];
  const names: string[] = [];
  for (const s of node.specifiers) {
    if (s.type === 'ImportDefaultSpecifier') names.push('default');
    else if (s.type === 'ImportNamespaceSpecifier') names.push('*');
    else if (s.importKind !== 'type') names.push(s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value));
  }
  return node.specifiers.length === 0 ? null : names;
};

export default createRule<[Options], MessageIds>({
  name: libraryDriftMeta.id,
  meta: {
    type: 'suggestion',
    docs: { description: libraryDriftMeta.description, recommended: 'recommended', requiresProjectIndex: true },
    messages: {
      convention: '{{choice}} ({{role}}): this codebase uses {{convention}} in {{files}} files ({{share}}).',
      decision: '{{choice}} ({{role}}) departs from decision {{decision}}: use {{convention}}.',
      migration: '{{choice}} ({{role}}) is being replaced by {{convention}} per {{decision}}.',
    },
    schema: [libraryDriftMeta.optionsSchema as never],
  },
  defaultOptions: [{}],
  create(context, [ruleOptions]) {
    const cwd = context.cwd;
    const filename = context.filename;
    const real = filename && !filename.startsWith('<') ? (isAbsolute(filename) ? filename : resolve(cwd, filename)) : join(cwd, 'file.ts');
    const root = findProjectRoot(dirname(real), cwd);
    const entry = projectEntry(root);
    const config: ResolvedConfig | null = entry.config;
    const filePath = relative(root, real).split('\\').join('/');
    const isTest = config ? entry.isTest(filePath) : false;
    const decisions = config?.decisions ?? [];
    const configured = config?.rules[libraryDriftMeta.id];
    const fromConfig = Array.isArray(configured) && configured[1] ? (configured[1] as Partial<LibraryDriftOptions>) : {};
    const options: LibraryDriftOptions = { ...LIBRARY_DRIFT_DEFAULTS, ...fromConfig, ...ruleOptions };
    const cache = conventionsOf(conventionsPath(root, config?.cacheDir));
    if (!cache && decisions.every((d) => !d.role)) return {};

    const packageNameOf = packageNameIn((entry.settings.modules as ModuleSettings | undefined)?.packages ?? []);
    const targets = new Map<string, ConventionPick<ConventionChoice> | undefined>();
    /** the convention of a role, chosen as the analyzer does, from the counts the scan cached */
    const target = (roleId: string) => {
      if (!targets.has(roleId)) {
        const role = ROLES.find((r) => r.id === roleId)!;
        const choices = cache?.roles[roleId]?.choices ?? [];
        targets.set(roleId, chooseConvention({ role, choices, share: (c) => c.share, decisions, options, packageNameOf }));
      }
      return targets.get(roleId);
    };
    const reported = new Set<string>();

    const check = (refs: readonly ChoiceRef[], node: TSESTree.Node) => {
      for (const ref of refs) {
        const role = ROLES.find((r) => r.id === ref.role)!;
        if (role.scope === 'tests' ? !isTest : isTest) continue;
        const t = target(ref.role);
        if (!t || t.choice === ref.choice) continue;
        const cached = cache?.roles[ref.role];
        // a wrapper's own file uses its library by design
        if (cached?.wrapperFiles.includes(filePath)) continue;
        // a file the last scan left alone for this role (the convention cannot serve it there)
        if (cached?.quietFiles?.includes(filePath)) continue;
        if (isCompanionOfConvention(role, ref.choice, t)) continue;
        const key = `${ref.role}\0${ref.choice}`;
        if (reported.has(key)) continue; // once per file and choice, as the analyzer does
        reported.add(key);
        const choice = role.choices.find((c) => c.id === ref.choice)!.label;
        if (t.decision) {
          const cite = `${t.decision.id}${t.decision.link ? ` (${t.decision.link})` : ''}`;
          context.report({
            node,
            messageId: t.instead.some((v) => v.kind === 'choice' && v.choice === ref.choice) ? 'migration' : 'decision',
            data: { choice, role: role.title, convention: t.label, decision: cite },
          });
        } else {
          context.report({
            node,
            messageId: 'convention',
            data: { choice, role: role.title, convention: t.label, files: t.found?.files ?? 0, share: pct(t.found?.share ?? 0) },
          });
        }
      }
    };

    /** `a.b.c` of a callee made of identifiers, else undefined */
    const dotted = (e: TSESTree.Node): string | undefined => {
      if (e.type === 'Identifier') return e.name;
      if (e.type === 'MemberExpression' && !e.computed && e.property.type === 'Identifier') {
        const left = dotted(e.object);
        return left === undefined ? undefined : `${left}.${e.property.name}`;
      }
      return undefined;
    };

    /** The import specifier binding `name` where `node` is, null for the real global, undefined for a local. */
    const bindingOf = (node: TSESTree.Node, name: string): string | null | undefined => {
      for (let scope: TSESLint.Scope.Scope | null = context.sourceCode.getScope(node); scope; scope = scope.upper) {
        const variable = scope.set.get(name);
        if (!variable) continue;
        if (variable.defs.length === 0) return null; // declared by ESLint's globals
        const def = variable.defs[0]!;
        if (def.type === 'ImportBinding' && def.parent?.type === 'ImportDeclaration') return String(def.parent.source.value);
        return undefined;
      }
      return null;
    };

    const onCall = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const d = dotted(node.callee);
      if (d === undefined) return;
      const path = normalizeGlobalPath(d);
      const rootName = path.split('.')[0]!;
      const bound = path !== d ? null : bindingOf(node, rootName);
      if (bound === undefined) return;
      check(matchGlobal(path, bound), node.callee);
    };

    let brandPackages: ReadonlySet<string> = new Set();
    return {
      Program(program) {
        brandPackages = brandIconPackages(
          program.body.flatMap((st) =>
            st.type === 'ImportDeclaration' ? [{ spec: String(st.source.value), names: importNames(st) ?? [] }] : [],
          ),
        );
      },
      ImportDeclaration(node) {
        const names = importNames(node);
        if (names && names.length === 0) return;
        // only error classes or brand logos, or more icons of the package the file takes its brand logos
        // from: the import chooses nothing (as in the analyzer)
        if (names && !importChoosesLibrary(String(node.source.value), names, brandPackages)) return;
        check(matchImport(String(node.source.value), names), node.source);
      },
      ExportNamedDeclaration(node) {
        if (node.source && node.exportKind !== 'type')
          check(
            matchImport(
              String(node.source.value),
              node.specifiers.map((s) => (s.local.type === 'Identifier' ? s.local.name : String(s.local.value))),
            ),
            node.source,
          );
      },
      ExportAllDeclaration(node) {
        if (node.exportKind !== 'type') check(matchImport(String(node.source.value), ['*']), node.source);
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal' && typeof node.source.value === 'string')
          check(matchImport(node.source.value, null), node.source);
      },
      CallExpression(node) {
        const arg = node.arguments[0];
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments.length === 1 &&
          arg?.type === 'Literal' &&
          typeof arg.value === 'string'
        ) {
          check(matchImport(arg.value, null), arg);
          return;
        }
        onCall(node);
      },
      NewExpression: onCall,
    };
  },
});
