import type * as TS from 'typescript';
import {
  GLOBAL_ROOTS,
  METHOD_NAMES,
  ROLES,
  chainChoicesOf,
  instanceFactoryOf,
  isUtilityClassList,
  matchGlobal,
  matchImport,
  matchMethod,
  normalizeGlobalPath,
  symbolPathOf,
} from '@plumbline/core';
import type { ChoiceRef, TypeScript } from '@plumbline/core';
import { defineExtractor } from '../facts.js';
import { hasModifier, containsJsx } from '@plumbline/core';

/** A place in the file (1-based), its enclosing symbol path, and the code that identifies it. */
export interface SiteFact {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  symbolPath: string;
  code: string;
}

/** One choice of a library role used in this file: its first site and how many sites there are. */
export interface RoleUsageFact extends SiteFact {
  role: string;
  choice: string;
  via: 'import' | 'global' | 'method' | 'chain' | 'class-name';
  count: number;
}

/** An import with the range of its specifier (for layers, deep imports and wrapper consumers). */
export interface ImportSiteFact {
  specifier: string;
  kind: 'import' | 'export-from' | 'require' | 'dynamic';
  /** imported names (`default`, `*`, named); empty for side-effect imports */
  names: string[];
  typeOnly: boolean;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** An export of this file whose code uses a choice of a role: a wrapper candidate. */
export interface CarriedFact {
  export: string;
  role: string;
  choice: string;
  /** a generic client (`axios.create`, or takes the URL/classes from its caller and is named like one) */
  generic: boolean;
  line: number;
}

/** Sites of one idiom variant in this file: the first one and how many. */
export interface IdiomSiteFact extends SiteFact {
  idiom: string;
  variant: string;
  count: number;
}

/** A `useEffect` that loads data into state, and what it calls to do so. */
export interface EffectFetchFact extends SiteFact {
  /** calls an HTTP library or the fetch global directly */
  direct: boolean;
  /** functions imported from elsewhere that it calls: the detector checks whether they fetch */
  calls: Array<{ specifier: string; name: string }>;
}

export interface DriftFacts {
  usages: RoleUsageFact[];
  imports: ImportSiteFact[];
  carried: CarriedFact[];
  idioms: IdiomSiteFact[];
  effects: EffectFetchFact[];
}

const WRAPPER_ROLES = new Map(ROLES.filter((r) => r.wrappers).map((r) => [r.id, r.wrappers!]));
const EFFECT_HOOKS = new Set(['useEffect', 'useLayoutEffect', 'React.useEffect', 'React.useLayoutEffect']);
const SERVER_DATA_HOOK = /^use(Suspense|Infinite|SuspenseInfinite)?Query$|^useQueries$|^useSWR(Infinite|Immutable)?$|^useLazyQuery$/;
const TRPC_HOOK = /^use(Suspense|Infinite|SuspenseInfinite)?Query$/;
const FC_TYPE = /^(React\.)?(FC|FunctionComponent|VFC|VoidFunctionComponent|NextPage)\b/;
const MUTATING_METHOD = /^(post|put|patch|delete)$/i;
const isPascal = (name: string) => /^[A-Z][A-Za-z0-9]*$/.test(name);

type FunctionLike =
  | TS.FunctionDeclaration
  | TS.FunctionExpression
  | TS.ArrowFunction
  | TS.MethodDeclaration
  | TS.ConstructorDeclaration
  | TS.GetAccessorDeclaration
  | TS.SetAccessorDeclaration;

function isFunctionLike(ts: TypeScript, n: TS.Node): n is FunctionLike {
  return (
    ts.isFunctionDeclaration(n) ||
    ts.isFunctionExpression(n) ||
    ts.isArrowFunction(n) ||
    ts.isMethodDeclaration(n) ||
    ts.isConstructorDeclaration(n) ||
    ts.isGetAccessorDeclaration(n) ||
    ts.isSetAccessorDeclaration(n)
  );
}

function bindingNames(ts: TypeScript, name: TS.BindingName, out: string[]): string[] {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(ts, el.name, out);
  return out;
}

function statementDeclares(ts: TypeScript, st: TS.Statement, name: string): boolean {
  if (ts.isVariableStatement(st)) return st.declarationList.declarations.some((d) => bindingNames(ts, d.name, []).includes(name));
  if (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) return st.name?.text === name;
  if (ts.isImportDeclaration(st)) {
    const c = st.importClause;
    if (!c) return false;
    if (c.name?.text === name) return true;
    const nb = c.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) return nb.name.text === name;
    return !!nb && ts.isNamedImports(nb) && nb.elements.some((e) => e.name.text === name);
  }
  return false;
}

/** Whether `name` is declared in a scope around `node` (so a call of it is not the global). */
function isDeclaredAround(ts: TypeScript, node: TS.Node, name: string): boolean {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (isFunctionLike(ts, n)) {
      if (n.parameters.some((p) => bindingNames(ts, p.name, []).includes(name))) return true;
      if ((ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n)) && n.name?.text === name) return true;
    }
    if (ts.isBlock(n) || ts.isSourceFile(n) || ts.isModuleBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) {
      if (n.statements.some((st) => statementDeclares(ts, st, name))) return true;
    }
    if (
      (ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n)) &&
      n.initializer &&
      ts.isVariableDeclarationList(n.initializer)
    ) {
      if (n.initializer.declarations.some((d) => bindingNames(ts, d.name, []).includes(name))) return true;
    }
    if (ts.isCatchClause(n) && n.variableDeclaration && bindingNames(ts, n.variableDeclaration.name, []).includes(name)) return true;
    if (ts.isClassExpression(n) && n.name?.text === name) return true;
  }
  return false;
}

/** `a.b.c` for a chain of identifiers (with `this` refused), else undefined. */
function dottedName(ts: TypeScript, e: TS.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name)) {
    const left = dottedName(ts, e.expression);
    return left === undefined ? undefined : `${left}.${e.name.text}`;
  }
  return undefined;
}

/** The identifier a chain like `dayjs(d).add(1, 'd')` or `api.get` starts from. */
function chainRoot(ts: TypeScript, e: TS.Expression): TS.Identifier | undefined {
  let cur: TS.Expression = e;
  for (;;) {
    if (ts.isCallExpression(cur) || ts.isPropertyAccessExpression(cur) || ts.isElementAccessExpression(cur) || ts.isNonNullExpression(cur))
      cur = cur.expression;
    else if (ts.isParenthesizedExpression(cur) || ts.isAsExpression(cur)) cur = cur.expression;
    else break;
  }
  return ts.isIdentifier(cur) ? cur : undefined;
}

/** Whether an expression mentions one of the parameters of the functions between it and `stop`. */
function mentionsParameter(ts: TypeScript, expr: TS.Node, stop: TS.Node): boolean {
  const params = new Set<string>();
  for (let n: TS.Node | undefined = expr.parent; n && n !== stop.parent; n = n.parent) {
    if (isFunctionLike(ts, n)) for (const p of n.parameters) for (const name of bindingNames(ts, p.name, [])) params.add(name);
  }
  if (params.size === 0) return false;
  let hit = false;
  const visit = (n: TS.Node): void => {
    if (hit) return;
    if (ts.isIdentifier(n) && params.has(n.text)) {
      const parent = n.parent;
      // `x.name` mentions x; `{ name: x }` mentions x; but not the `name` of a property access
      if (!(parent && ts.isPropertyAccessExpression(parent) && parent.name === n)) {
        hit = true;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(expr);
  return hit;
}

export const extractor = defineExtractor<DriftFacts>({
  name: 'drift',
  languages: ['ts'],
  extract({ ts, sourceFile: sf, path }) {
    const out: DriftFacts = { usages: [], imports: [], carried: [], idioms: [], effects: [] };
    if (!sf) return out;
    const pos = (start: number, end: number) => {
      const s = ts.getLineAndCharacterOfPosition(sf, start);
      const e = ts.getLineAndCharacterOfPosition(sf, end);
      return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
    };
    const site = (node: TS.Node, code: string): SiteFact => ({
      ...pos(node.getStart(sf), node.getEnd()),
      symbolPath: symbolPathOf(ts, node),
      code,
    });

    const usageIndex = new Map<string, RoleUsageFact>();
    const addUsage = (ref: ChoiceRef, via: RoleUsageFact['via'], node: TS.Node, code: string) => {
      const key = `${ref.role}\0${ref.choice}`;
      const u = usageIndex.get(key);
      if (u) {
        u.count++;
        return;
      }
      const fresh: RoleUsageFact = { role: ref.role, choice: ref.choice, via, count: 1, ...site(node, code) };
      usageIndex.set(key, fresh);
      out.usages.push(fresh);
    };
    const idiomIndex = new Map<string, IdiomSiteFact>();
    const addIdiom = (idiom: string, variant: string, node: TS.Node, code: string) => {
      const key = `${idiom}\0${variant}`;
      const s = idiomIndex.get(key);
      if (s) {
        s.count++;
        return;
      }
      const fresh: IdiomSiteFact = { idiom, variant, count: 1, ...site(node, code) };
      idiomIndex.set(key, fresh);
      out.idioms.push(fresh);
    };

    // ---- imports: local binding -> specifier, and role usages of the import itself
    const bindings = new Map<string, { specifier: string; imported: string }>();
    const addImport = (spec: TS.StringLiteralLike, kind: ImportSiteFact['kind'], names: string[], typeOnly: boolean) => {
      out.imports.push({ specifier: spec.text, kind, names, typeOnly, ...pos(spec.getStart(sf), spec.getEnd()) });
      if (typeOnly) return;
      const known = kind === 'import' || kind === 'export-from' ? (names.length ? names : null) : null;
      for (const ref of matchImport(spec.text, known)) addUsage(ref, 'import', spec, `import ${spec.text}`);
    };
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
        const clause = st.importClause;
        const names: string[] = [];
        let allTypes = !!clause?.isTypeOnly;
        if (clause && !clause.isTypeOnly) {
          if (clause.name) {
            names.push('default');
            bindings.set(clause.name.text, { specifier: st.moduleSpecifier.text, imported: 'default' });
          }
          const nb = clause.namedBindings;
          if (nb && ts.isNamespaceImport(nb)) {
            names.push('*');
            bindings.set(nb.name.text, { specifier: st.moduleSpecifier.text, imported: '*' });
          }
          if (nb && ts.isNamedImports(nb)) {
            for (const el of nb.elements) {
              if (el.isTypeOnly) continue;
              const imported = (el.propertyName ?? el.name).text;
              names.push(imported);
              bindings.set(el.name.text, { specifier: st.moduleSpecifier.text, imported });
            }
          }
          allTypes = names.length === 0 && !!(clause.name || clause.namedBindings);
        }
        addImport(st.moduleSpecifier, 'import', names, allTypes);
      } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
        const names = !st.exportClause
          ? ['*']
          : ts.isNamespaceExport(st.exportClause)
            ? ['*']
            : st.exportClause.elements.map((e) => (e.propertyName ?? e.name).getText(sf));
        addImport(st.moduleSpecifier, 'export-from', names, st.isTypeOnly);
      } else if (ts.isVariableStatement(st)) {
        // const axios = require('axios'); const { v4 } = require('uuid')
        for (const d of st.declarationList.declarations) {
          const init = d.initializer;
          if (
            init &&
            ts.isCallExpression(init) &&
            ts.isIdentifier(init.expression) &&
            init.expression.text === 'require' &&
            init.arguments[0] &&
            ts.isStringLiteralLike(init.arguments[0])
          ) {
            const spec = init.arguments[0].text;
            if (ts.isIdentifier(d.name)) bindings.set(d.name.text, { specifier: spec, imported: 'default' });
            else if (ts.isObjectBindingPattern(d.name)) {
              for (const el of d.name.elements) {
                if (ts.isIdentifier(el.name))
                  bindings.set(el.name.text, {
                    specifier: spec,
                    imported: el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text,
                  });
              }
            }
          }
        }
      }
    }

    // ---- top-level declarations, for wrappers (which export carries which usage)
    const topName = new Map<TS.Node, string>();
    const exportsOf = new Map<string, string[]>(); // local name -> exported names
    const addExport = (local: string, exported: string) => exportsOf.set(local, [...(exportsOf.get(local) ?? []), exported]);
    for (const st of sf.statements) {
      const exported = hasModifier(ts, st, ts.SyntaxKind.ExportKeyword);
      const isDefault = hasModifier(ts, st, ts.SyntaxKind.DefaultKeyword);
      if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && (st.name || isDefault)) {
        const name = st.name?.text ?? 'default';
        topName.set(st, name);
        if (exported) addExport(name, isDefault ? 'default' : name);
      } else if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          if (!ts.isIdentifier(d.name)) continue;
          topName.set(d, d.name.text);
          if (exported) addExport(d.name.text, d.name.text);
        }
      } else if (ts.isExportAssignment(st)) {
        if (ts.isIdentifier(st.expression)) addExport(st.expression.text, 'default');
        else {
          topName.set(st, 'default');
          addExport('default', 'default');
        }
      } else if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) addExport((el.propertyName ?? el.name).getText(sf), el.name.getText(sf));
      }
    }
    const topOf = (node: TS.Node): string | undefined => {
      for (let n: TS.Node | undefined = node; n; n = n.parent) {
        const name = topName.get(n);
        if (name !== undefined) return name;
      }
      return undefined;
    };
    /** usages inside top-level declarations: decl name -> usages with their genericity */
    const own = new Map<string, Array<{ role: string; choice: string; paramFlow: boolean; instance: boolean; line: number }>>();
    const addOwn = (node: TS.Node, ref: ChoiceRef, paramFlow: boolean, instance: boolean) => {
      if (!WRAPPER_ROLES.has(ref.role)) return;
      const top = topOf(node);
      if (top === undefined) return;
      const list = own.get(top) ?? [];
      list.push({ role: ref.role, choice: ref.choice, paramFlow, instance, line: pos(node.getStart(sf), node.getEnd()).line });
      own.set(top, list);
    };
    const topNode = (node: TS.Node): TS.Node => {
      let last = node;
      for (let n: TS.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent) last = n;
      return last;
    };
    const paramFlowOf = (call: TS.CallExpression | TS.NewExpression, role: string): boolean => {
      const args = call.arguments ? [...call.arguments] : [];
      const judged = role === 'http' ? args.slice(0, 1) : args;
      return judged.some((a) => mentionsParameter(ts, a, topNode(call)));
    };

    // ---- references between top-level declarations (for wrappers defined through helpers)
    const refs = new Map<string, Set<string>>();
    const topNames = new Set(topName.values());

    // ---- the walk
    const visit = (n: TS.Node): void => {
      if (ts.isIdentifier(n) && topNames.has(n.text)) {
        const top = topOf(n);
        if (top !== undefined && top !== n.text) {
          const set = refs.get(top) ?? new Set<string>();
          set.add(n.text);
          refs.set(top, set);
        }
      }
      if (ts.isCallExpression(n) || ts.isNewExpression(n)) onCall(n);
      if (ts.isJsxAttribute(n)) onJsxAttribute(n);
      if (isFunctionLike(ts, n)) onFunction(n);
      if (ts.isTryStatement(n) && n.catchClause && ownScopeHasAwait(n.tryBlock))
        addIdiom('error-handling', 'try-catch', n.getFirstToken(sf) ?? n, 'try-catch');
      ts.forEachChild(n, visit);
    };

    const onCall = (call: TS.CallExpression | TS.NewExpression): void => {
      const callee = call.expression;
      // globals: fetch(), crypto.randomUUID(), new Intl.DateTimeFormat(), jest.fn()
      const dotted = dottedName(ts, callee);
      if (dotted !== undefined) {
        const path = normalizeGlobalPath(dotted);
        const root = path.split('.')[0]!;
        if (GLOBAL_ROOTS.has(root)) {
          const prefixed = path !== dotted;
          const binding = bindings.get(root);
          const shadowed = !prefixed && isDeclaredAround(ts, call, root);
          let boundTo: string | null | undefined = null;
          if (shadowed) boundTo = binding ? binding.specifier : undefined;
          if (boundTo !== undefined) {
            for (const ref of matchGlobal(path, boundTo)) {
              addUsage(ref, 'global', callee, dotted);
              addOwn(call, ref, ts.isCallExpression(call) && paramFlowOf(call, ref.role), false);
            }
          }
        }
      }
      if (!ts.isCallExpression(call)) return;
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
        const method = callee.name.text;
        if (METHOD_NAMES.has(method)) {
          for (const ref of matchMethod(method)) {
            addUsage(ref, 'method', callee.name, method);
            addOwn(call, ref, mentionsParameter(ts, callee.expression, topNode(call)) || paramFlowOf(call, ref.role), false);
          }
        }
        const root = chainRoot(ts, callee.expression);
        const binding = root ? bindings.get(root.text) : undefined;
        if (binding) {
          for (const c of chainChoicesOf(binding.specifier)) {
            if (c.methods.includes(method)) {
              addUsage(c, 'chain', callee.name, `${root!.text}().${method}`);
              addOwn(call, c, mentionsParameter(ts, callee.expression, topNode(call)), false);
            }
          }
          if (dotted !== undefined && ts.isIdentifier(callee.expression)) {
            const factory = instanceFactoryOf(dotted, binding.specifier);
            if (factory) addOwn(call, factory, false, true);
          }
        }
        const chainable =
          !inEffectCallbackOwnScope(call) &&
          !!enclosingFunction(call) &&
          !isAwaitedChain(call) &&
          !inPromiseExecutor(call) &&
          !isHandedOver(call);
        if (method === 'then' && call.arguments.length >= 1 && !isDynamicImport(callee.expression) && chainable) {
          addIdiom('async-style', 'promise-chain', callee.name, 'then');
        }
        // `.then(...).catch(...)`: the promise-chain way to handle an error (a bare `p.catch(log)` is fire-and-forget)
        const receiver = callee.expression;
        const afterThen =
          ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression) && receiver.expression.name.text === 'then';
        if (method === 'catch' && call.arguments.length === 1 && afterThen && chainable)
          addIdiom('error-handling', 'promise-catch', callee.name, 'catch');
        if (TRPC_HOOK.test(method) && ts.isPropertyAccessExpression(callee.expression))
          addIdiom('data-fetching', 'server-data-library', callee.name, method);
      }
      // calls of imported library bindings inside declarations: wrappers (`return clsx(inputs)`, `axios.get(url)`)
      const root = chainRoot(ts, callee);
      const binding = root ? bindings.get(root.text) : undefined;
      if (binding && root) {
        for (const ref of matchImport(binding.specifier, [binding.imported])) addOwn(call, ref, paramFlowOf(call, ref.role), false);
        if (
          ts.isIdentifier(callee) &&
          SERVER_DATA_HOOK.test(callee.text) &&
          matchImport(binding.specifier, null).some((r) => r.role === 'server-data')
        ) {
          addIdiom('data-fetching', 'server-data-library', callee, callee.text);
        }
      }
      if (dotted !== undefined && EFFECT_HOOKS.has(dotted)) onEffect(call, callee);
    };

    /** `await x.then(f)`, `await x.catch(() => null)`: a chain whose outermost call is awaited */
    const isAwaitedChain = (call: TS.CallExpression): boolean => {
      let n: TS.Node = call;
      while (
        n.parent &&
        (ts.isPropertyAccessExpression(n.parent) ||
          (ts.isCallExpression(n.parent) && n.parent.expression === n) ||
          ts.isParenthesizedExpression(n.parent))
      )
        n = n.parent;
      return !!n.parent && ts.isAwaitExpression(n.parent);
    };
    /** inside `new Promise((resolve, reject) => ...)`: promisifying, a different job than chaining */
    const inPromiseExecutor = (node: TS.Node): boolean => {
      const fn = enclosingFunction(node);
      const parent = fn?.parent;
      return !!parent && ts.isNewExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'Promise';
    };
    const isDynamicImport = (e: TS.Expression) => ts.isCallExpression(e) && e.expression.kind === ts.SyntaxKind.ImportKeyword;
    const enclosingFunction = (node: TS.Node): FunctionLike | undefined => {
      for (let n: TS.Node | undefined = node.parent; n; n = n.parent) if (isFunctionLike(ts, n)) return n;
      return undefined;
    };
    const isEffectCallback = (fn: TS.Node): boolean => {
      const parent = fn.parent;
      return (
        !!parent && ts.isCallExpression(parent) && parent.arguments[0] === fn && EFFECT_HOOKS.has(dottedName(ts, parent.expression) ?? '')
      );
    };
    /** inside a useEffect callback, through sync functions only (an effect cannot be async; nested async functions can await) */
    const inEffectCallbackOwnScope = (node: TS.Node): boolean => {
      for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
        if (isEffectCallback(fn)) return true;
        if (hasModifier(ts, fn, ts.SyntaxKind.AsyncKeyword)) return false;
      }
      return false;
    };
    /** a chain handed to someone else (`waitUntil(p.then(f))`, `Promise.all([p.catch(g)])`): no place to await it */
    const isHandedOver = (call: TS.CallExpression): boolean => {
      let n: TS.Node = call;
      while (
        n.parent &&
        (ts.isPropertyAccessExpression(n.parent) ||
          (ts.isCallExpression(n.parent) && n.parent.expression === n) ||
          ts.isParenthesizedExpression(n.parent))
      )
        n = n.parent;
      const p = n.parent;
      return !!p && ((ts.isCallExpression(p) && p.arguments.includes(n as TS.Expression)) || ts.isArrayLiteralExpression(p));
    };
    const ownScopeHasAwait = (body: TS.Node): boolean => {
      let hit = false;
      const v = (n: TS.Node): void => {
        if (hit || isFunctionLike(ts, n)) return;
        if (ts.isAwaitExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier)) {
          hit = true;
          return;
        }
        ts.forEachChild(n, v);
      };
      ts.forEachChild(body, v);
      return hit;
    };

    const onFunction = (fn: FunctionLike): void => {
      if (!hasModifier(ts, fn, ts.SyntaxKind.AsyncKeyword) || !fn.body) return;
      let first: TS.AwaitExpression | undefined;
      const v = (n: TS.Node): void => {
        if (first || isFunctionLike(ts, n)) return;
        if (ts.isAwaitExpression(n)) {
          first = n;
          return;
        }
        ts.forEachChild(n, v);
      };
      v(fn.body);
      if (first) addIdiom('async-style', 'async-await', first.getFirstToken(sf) ?? first, 'await');
    };

    const onJsxAttribute = (attr: TS.JsxAttribute): void => {
      const name = attr.name.getText(sf);
      if ((name !== 'className' && name !== 'class') || !attr.initializer) return;
      let hit = false;
      const v = (n: TS.Node): void => {
        if (hit) return;
        if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && isUtilityClassList(n.text)) hit = true;
        else if (ts.isTemplateExpression(n) && isUtilityClassList([n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(' ')))
          hit = true;
        else ts.forEachChild(n, v);
      };
      v(attr.initializer);
      if (hit) addUsage({ role: 'styling', choice: 'tailwind' }, 'class-name', attr.name, 'className');
    };

    const onEffect = (call: TS.CallExpression, callee: TS.Expression): void => {
      const cb = call.arguments[0];
      if (!cb || !(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) return;
      let direct = false;
      let setter = false;
      const calls: EffectFetchFact['calls'] = [];
      const v = (n: TS.Node): void => {
        if (ts.isIdentifier(n) && /^set[A-Z]\w*$/.test(n.text)) setter = true;
        if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'dispatch') setter = true;
        if (ts.isCallExpression(n)) {
          const d = dottedName(ts, n.expression);
          const member = ts.isPropertyAccessExpression(n.expression) ? n.expression.name.text : '';
          if (d !== undefined && normalizeGlobalPath(d) === 'fetch' && !isDeclaredAround(ts, n, 'fetch')) {
            const init = n.arguments[1];
            const mutates =
              !!init &&
              ts.isObjectLiteralExpression(init) &&
              init.properties.some(
                (p) =>
                  ts.isPropertyAssignment(p) &&
                  p.name.getText(sf) === 'method' &&
                  ts.isStringLiteralLike(p.initializer) &&
                  MUTATING_METHOD.test(p.initializer.text),
              );
            if (!mutates) direct = true;
          } else if (!MUTATING_METHOD.test(member)) {
            const root = chainRoot(ts, n.expression);
            const b = root ? bindings.get(root.text) : undefined;
            if (b) {
              if (matchImport(b.specifier, [b.imported]).some((r) => r.role === 'http')) direct = true;
              else if (!/^use[A-Z]/.test(root!.text) && !calls.some((c) => c.specifier === b.specifier && c.name === b.imported))
                calls.push({ specifier: b.specifier, name: b.imported });
            }
          }
        }
        ts.forEachChild(n, v);
      };
      v(cb);
      if (setter && (direct || calls.length)) {
        out.effects.push({ direct, calls, ...site(callee, 'useEffect') });
      }
    };

    visit(sf);

    // ---- components: declaration style and export style
    const components = new Map<string, { variant: string; node: TS.Node }>();
    let defaultExported: { name: string; node: TS.Node } | undefined;
    for (const st of sf.statements) {
      if (ts.isFunctionDeclaration(st) && st.body) {
        const name = st.name?.text ?? (hasModifier(ts, st, ts.SyntaxKind.DefaultKeyword) ? 'default' : '');
        if ((isPascal(name) || name === 'default') && containsJsx(ts, st.body)) {
          components.set(name, { variant: 'function', node: st.name ?? st });
          if (hasModifier(ts, st, ts.SyntaxKind.DefaultKeyword)) defaultExported = { name, node: st.name ?? st };
        }
      } else if (ts.isClassDeclaration(st) && st.name) {
        const ext = st.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression.getText(sf);
        if (ext && /^(React\.)?(Pure)?Component$/.test(ext)) {
          components.set(st.name.text, { variant: 'class', node: st.name });
          if (hasModifier(ts, st, ts.SyntaxKind.DefaultKeyword)) defaultExported = { name: st.name.text, node: st.name };
        }
      } else if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          if (!ts.isIdentifier(d.name) || !isPascal(d.name.text) || !d.initializer) continue;
          if (ts.isArrowFunction(d.initializer) && containsJsx(ts, d.initializer)) {
            const typed = d.type && FC_TYPE.test(d.type.getText(sf));
            components.set(d.name.text, { variant: typed ? 'react-fc' : 'arrow', node: d.name });
          }
        }
      } else if (ts.isExportAssignment(st) && !st.isExportEquals) {
        let e: TS.Expression = st.expression;
        while (ts.isCallExpression(e) && e.arguments[0] && /^(React\.)?(memo|forwardRef|observer)$/.test(e.expression.getText(sf)))
          e = e.arguments[0];
        if (ts.isIdentifier(e)) defaultExported = { name: e.text, node: st };
      }
    }
    for (const [name, c] of components) addIdiom('component-declaration', c.variant, c.node, `${c.variant} ${name}`);
    const exportedComponent = [...components.entries()].find(([name]) => (exportsOf.get(name) ?? []).some((e) => e !== 'default'));
    if (defaultExported && components.has(defaultExported.name))
      addIdiom('component-export', 'default', defaultExported.node, 'export default');
    else if (exportedComponent) addIdiom('component-export', 'named', exportedComponent[1].node, 'export named');

    // ---- wrappers: which exports carry which role usage, through same-file helpers
    const reach = (name: string, seen = new Set<string>()): string[] => {
      if (seen.has(name)) return [];
      seen.add(name);
      const result = [name];
      for (const r of refs.get(name) ?? []) result.push(...reach(r, seen));
      return result;
    };
    const base = path.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
    const carried = new Map<string, CarriedFact>();
    for (const [local, exportedNames] of exportsOf) {
      for (const decl of reach(local)) {
        for (const u of own.get(decl) ?? []) {
          for (const exported of exportedNames) {
            const wrappers = WRAPPER_ROLES.get(u.role);
            const pattern = wrappers?.namePattern;
            // the file's own name speaks for its default export only (`fetcher.ts`)
            const names = exported === 'default' ? [local, decl, base] : [exported, local, decl];
            const named = !pattern || names.some((n) => new RegExp(pattern).test(n));
            const generic = u.instance || ((u.paramFlow || !!wrappers?.anyArguments) && named);
            const key = `${exported}\0${u.role}\0${u.choice}`;
            const prev = carried.get(key);
            if (!prev) carried.set(key, { export: exported, role: u.role, choice: u.choice, generic, line: u.line });
            else if (generic && !prev.generic) carried.set(key, { ...prev, generic, line: u.line });
          }
        }
      }
    }
    out.carried = [...carried.values()];
    return out;
  },
});
