import type * as TS from 'typescript';
import { defineCheck } from '../check.js';
import type { CheckSettings, TypeScript } from '../check.js';
import { hasModifier } from '../ast.js';

export interface Options {
  /** also report wrappers whose target is imported from an npm package (vendor adapters are quiet by default) */
  includePackageTargets: boolean;
}
export type MessageIds = 'passThrough';

/** Function names frameworks require to exist, whatever their body (Next.js, Remix, SvelteKit style). */
const FRAMEWORK_EXPORTS = new Set([
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'getServerSideProps',
  'getStaticProps',
  'getStaticPaths',
  'generateMetadata',
  'generateStaticParams',
  'middleware',
  'loader',
  'action',
  'load',
  'handler',
  'default',
]);

/** Calls that are the point of the wrapper: hook composition and React's own wrappers. */
const FRAMEWORK_TARGETS = new Set([
  'useContext',
  'forwardRef',
  'memo',
  'React.memo',
  'React.forwardRef',
  'React.useContext',
  'React.use',
  'use',
  'lazy',
  'React.lazy',
]);

/** A function-like node that can be a layer: a declaration, a `const` arrow or function, or a method. */
export type FunctionLike = TS.FunctionDeclaration | TS.ArrowFunction | TS.FunctionExpression | TS.MethodDeclaration;

interface ModuleSettingsLike {
  mappings?: Array<{ paths?: Record<string, string[]> }>;
  packages?: Array<{ name: string }>;
}

/**
 * Whether an import specifier points into this project: relative paths, the usual aliases, and, when the
 * `modules` settings are known, tsconfig `paths` patterns and workspace package names.
 */
export function isProjectSpecifier(spec: string, settings?: CheckSettings): boolean {
  if (spec.startsWith('.') || spec.startsWith('@/') || spec.startsWith('~/') || spec.startsWith('#') || spec.startsWith('/')) return true;
  const modules = settings?.modules as ModuleSettingsLike | undefined;
  if (!modules) return false;
  for (const p of modules.packages ?? []) if (spec === p.name || spec.startsWith(`${p.name}/`)) return true;
  for (const m of modules.mappings ?? []) {
    for (const pattern of Object.keys(m.paths ?? {})) {
      const star = pattern.indexOf('*');
      if (star < 0 ? spec === pattern : spec.startsWith(pattern.slice(0, star)) && spec.endsWith(pattern.slice(star + 1))) return true;
    }
  }
  return false;
}

export type Origin = 'local' | 'project-import' | 'package-import' | 'unknown';

type ModuleBinding = { kind: 'import'; specifier: string } | { kind: 'declaration'; init?: TS.Expression | undefined };
const bindingsCache = new WeakMap<TS.SourceFile, Map<string, ModuleBinding>>();

/** The module-level names of a file: imports (with their specifier) and declarations; built once per file. */
function moduleBindings(ts: TypeScript, sf: TS.SourceFile): Map<string, ModuleBinding> {
  let m = bindingsCache.get(sf);
  if (m) return m;
  m = new Map();
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.importClause) {
      const clause = st.importClause;
      const b: ModuleBinding = { kind: 'import', specifier: st.moduleSpecifier.text };
      if (clause.name && !m.has(clause.name.text)) m.set(clause.name.text, b);
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb) && !m.has(nb.name.text)) m.set(nb.name.text, b);
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) if (!m.has(el.name.text)) m.set(el.name.text, b);
    }
  }
  for (const st of sf.statements) {
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name && !m.has(st.name.text)) {
      m.set(st.name.text, { kind: 'declaration' });
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && !m.has(d.name.text)) m.set(d.name.text, { kind: 'declaration', init: d.initializer ?? undefined });
      }
    }
  }
  bindingsCache.set(sf, m);
  return m;
}

/** Where a module-level name comes from, judged from this file alone. */
export function originOf(ts: TypeScript, sf: TS.SourceFile, name: string, settings?: CheckSettings, depth = 0): Origin {
  const b = moduleBindings(ts, sf).get(name);
  if (!b) return 'unknown';
  if (b.kind === 'import') return isProjectSpecifier(b.specifier, settings) ? 'project-import' : 'package-import';
  if (!('init' in b) || b.init === undefined) return 'local';
  return depth > 3 ? 'local' : valueOrigin(ts, sf, b.init, settings, depth + 1);
}

/** Built-in classes whose instances are data: wrapping their methods encapsulates a collection. */
const BUILTIN_CLASSES = new Set([
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Array',
  'Date',
  'URL',
  'URLSearchParams',
  'RegExp',
  'Headers',
  'FormData',
  'Error',
  'Promise',
  'AbortController',
  'EventTarget',
]);

/**
 * Where a module-level variable's value comes from: a function or object written here is local; an
 * instance or the result of a call belongs to where its class or function comes from (`new Schema()` of
 * a package is the package's); arrays, literals and built-in collections are data, not a layer to skip.
 */
export function valueOrigin(
  ts: TypeScript,
  sf: TS.SourceFile,
  init: TS.Expression | undefined,
  settings: CheckSettings | undefined,
  depth = 0,
): Origin {
  while (
    init &&
    (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isNonNullExpression(init))
  )
    init = init.expression;
  if (!init) return 'local';
  if (ts.isNewExpression(init) || ts.isCallExpression(init)) {
    const callee = dottedName(ts, init.expression);
    if (!callee || callee.root === 'this') return 'unknown';
    if (ts.isNewExpression(init) && BUILTIN_CLASSES.has(callee.text)) return 'unknown';
    if (ts.isCallExpression(init) && /^(Object|Array|JSON|Number|String|Math|Symbol)$/.test(callee.root)) return 'unknown';
    const o = originOf(ts, sf, callee.root, settings, depth);
    return o === 'project-import' ? 'local' : o;
  }
  if (
    ts.isArrayLiteralExpression(init) ||
    ts.isStringLiteralLike(init) ||
    ts.isNumericLiteral(init) ||
    ts.isTemplateExpression(init) ||
    ts.isRegularExpressionLiteral(init)
  )
    return 'unknown';
  return 'local';
}

const TEST_FRAMEWORKS = /^(vitest|@jest\/globals|node:test|bun:test|@playwright\/test|mocha|ava|uvu|tap)$/;

/**
 * A test by its content, whatever its name (`*.clienttest.ts`): it imports a test framework, or calls
 * `describe`/`test`/`it` at the top level (jest and vitest globals).
 */
export function looksLikeTest(ts: TypeScript, sf: TS.SourceFile): boolean {
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && TEST_FRAMEWORKS.test(st.moduleSpecifier.text)) return true;
    if (ts.isExpressionStatement(st) && ts.isCallExpression(st.expression)) {
      const callee = dottedName(ts, st.expression.expression);
      if (callee && /^(describe|test|it|suite)$/.test(callee.root)) return true;
    }
  }
  return false;
}

/** A file-level directive such as `'use client'` or `'use server'`. */
export function hasDirective(ts: TypeScript, sf: TS.SourceFile, directive: string): boolean {
  for (const st of sf.statements) {
    if (!ts.isExpressionStatement(st) || !ts.isStringLiteral(st.expression)) return false;
    if (st.expression.text === directive) return true;
  }
  return false;
}

/** The single call the body consists of (`return f(..)`, `return await f(..)`, `f(..);`, `=> f(..)`). */
function onlyCall(ts: TypeScript, fn: FunctionLike): TS.CallExpression | undefined {
  const unwrap = (e: TS.Expression | undefined): TS.CallExpression | undefined => {
    if (!e) return undefined;
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (ts.isAwaitExpression(e)) e = e.expression;
    return ts.isCallExpression(e) ? e : undefined;
  };
  const body = fn.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return unwrap(body);
  if (body.statements.length !== 1) return undefined;
  const st = body.statements[0]!;
  if (ts.isReturnStatement(st)) return unwrap(st.expression);
  if (ts.isExpressionStatement(st)) return unwrap(st.expression);
  return undefined;
}

/** `a.b.c` of an identifier or a plain property-access chain (no `?.`, no calls, no elements). */
export function dottedName(ts: TypeScript, e: TS.Expression): { text: string; root: string } | undefined {
  if (ts.isIdentifier(e)) return { text: e.text, root: e.text };
  if (e.kind === ts.SyntaxKind.ThisKeyword) return { text: 'this', root: 'this' };
  if (e.kind === ts.SyntaxKind.SuperKeyword) return { text: 'super', root: 'super' };
  if (ts.isPropertyAccessExpression(e) && !e.questionDotToken && ts.isIdentifier(e.name)) {
    const inner = dottedName(ts, e.expression);
    return inner ? { text: `${inner.text}.${e.name.text}`, root: inner.root } : undefined;
  }
  return undefined;
}

export interface ForwardedCall {
  call: TS.CallExpression;
  /** the callee as written: `find`, `invoiceRepo.find`, `this.repo.find` */
  callee: string;
  /** its first identifier (or `this`) */
  root: string;
}

/**
 * The call a function's body consists of, when it passes exactly the function's own parameters,
 * unchanged and in order, and nothing else: no defaults, destructuring, type parameters or explicit
 * type arguments, no optional call, and not a call of one of its parameters.
 */
export function forwardedCall(ts: TypeScript, fn: FunctionLike): ForwardedCall | undefined {
  if (fn.typeParameters?.length || !fn.body) return undefined;
  if (fn.type && ts.isTypePredicateNode(fn.type)) return undefined; // `x is T` / `asserts x`: narrows types
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) {
    if (fn.asteriskToken) return undefined; // generators yield; they do not forward
  }
  const params = fn.parameters;
  if (params.length === 0) return undefined; // thunks name an action; they are not layers
  for (const p of params) {
    if (!ts.isIdentifier(p.name) || p.initializer || p.name.text === 'this') return undefined;
    if (ts.canHaveDecorators(p) && ts.getDecorators(p)?.length) return undefined;
  }
  const call = onlyCall(ts, fn);
  if (!call || call.typeArguments?.length || call.questionDotToken) return undefined;
  const target = dottedName(ts, call.expression);
  if (!target || target.root === 'super') return undefined;
  if (params.some((p) => (p.name as TS.Identifier).text === target.root)) return undefined; // calls a callback it was given
  if (call.arguments.length !== params.length) return undefined;
  for (let i = 0; i < params.length; i++) {
    const param = params[i]!;
    const arg = call.arguments[i]!;
    const pname = (param.name as TS.Identifier).text;
    if (param.dotDotDotToken) {
      if (!ts.isSpreadElement(arg) || !ts.isIdentifier(arg.expression) || arg.expression.text !== pname) return undefined;
    } else if (!ts.isIdentifier(arg) || arg.text !== pname) return undefined;
  }
  return { call, callee: target.text, root: target.root };
}

export interface Layer {
  fn: FunctionLike;
  /** `load`, or `InvoiceService.load` for a method */
  name: string;
  nameNode: TS.Node;
  exported: boolean;
  /** the class a method belongs to */
  owner?: TS.ClassLikeDeclaration;
}

/**
 * The named, module-level functions of a file that can be layers: function declarations, `const`
 * arrows and function expressions, and the methods of classes that neither extend nor implement
 * anything (an overriding or interface method is required by its contract). Functions nested in other
 * functions are callbacks and helpers of their enclosing function, not layers of the program.
 */
export function moduleLayers(ts: TypeScript, sf: TS.SourceFile): Layer[] {
  const out: Layer[] = [];
  for (const st of sf.statements) {
    const exported = hasModifier(ts, st, ts.SyntaxKind.ExportKeyword);
    if (ts.isFunctionDeclaration(st) && st.body && st.name) {
      out.push({ fn: st, name: st.name.text, nameNode: st.name, exported });
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        let init = d.initializer;
        while (init && (ts.isParenthesizedExpression(init) || ts.isSatisfiesExpression(init))) init = init.expression;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
          out.push({ fn: init, name: d.name.text, nameNode: d.name, exported });
        }
      }
    } else if (ts.isClassDeclaration(st) && st.name && !st.heritageClauses?.length) {
      for (const m of st.members) {
        if (!ts.isMethodDeclaration(m) || !m.body || !ts.isIdentifier(m.name)) continue;
        if (hasModifier(ts, m, ts.SyntaxKind.OverrideKeyword) || hasModifier(ts, m, ts.SyntaxKind.AbstractKeyword)) continue;
        if (ts.getDecorators(m)?.length) continue; // routes, handlers, subscriptions: the decorator is the job
        out.push({ fn: m, name: `${st.name.text}.${m.name.text}`, nameNode: m.name, exported, owner: st });
      }
    }
  }
  return out;
}

const EXPORT_NAMES = new WeakMap<TS.SourceFile, Map<string, string[]>>();

/** The names a module-level local is exported under: `export default x`, `export const GET = x`, `export { x as POST }`. */
function exportNamesOf(ts: TypeScript, sf: TS.SourceFile, local: string): string[] {
  let names = EXPORT_NAMES.get(sf);
  if (!names) {
    names = new Map();
    const add = (from: string, as: string) => (names!.get(from) ?? names!.set(from, []).get(from)!).push(as);
    for (const st of sf.statements) {
      if (ts.isExportAssignment(st) && ts.isIdentifier(st.expression)) add(st.expression.text, 'default');
      else if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause))
        for (const e of st.exportClause.elements) add((e.propertyName ?? e.name).text, e.name.text);
      else if (ts.isVariableStatement(st) && hasModifier(ts, st, ts.SyntaxKind.ExportKeyword))
        for (const d of st.declarationList.declarations)
          if (ts.isIdentifier(d.name) && d.initializer && ts.isIdentifier(d.initializer)) add(d.initializer.text, d.name.text);
    }
    EXPORT_NAMES.set(sf, names);
  }
  return names.get(local) ?? [];
}

/** Whether a framework requires this function to exist as it is (route handlers, server actions, hooks). */
export function frameworkRequired(ts: TypeScript, sf: TS.SourceFile, layer: Layer, callee: string): boolean {
  if (FRAMEWORK_TARGETS.has(callee)) return true;
  if (layer.exported && !layer.owner && FRAMEWORK_EXPORTS.has(layer.name)) return true;
  // exported under a framework's name: `const handler = ..; export const GET = handler`, `export default Page`
  if (!layer.owner && exportNamesOf(ts, sf, layer.name).some((n) => FRAMEWORK_EXPORTS.has(n))) return true;
  // every export of a 'use server' file is a server action the client calls by reference
  if (layer.exported && !layer.owner && hasDirective(ts, sf, 'use server')) return true;
  return false;
}

/** Methods of strings, arrays, sets, maps and regular expressions. */
const DATA_METHODS = new Set([
  'test',
  'exec',
  'match',
  'has',
  'get',
  'includes',
  'indexOf',
  'find',
  'some',
  'every',
  'filter',
  'startsWith',
  'endsWith',
  'at',
  'parse',
]);

/** Methods of validation-schema libraries (zod, yup, valibot, io-ts). */
const SCHEMA_METHODS = new Set([
  'parse',
  'safeParse',
  'parseAsync',
  'safeParseAsync',
  'validate',
  'validateSync',
  'cast',
  'decode',
  'is',
  'assert',
]);

/** Questions only a collection or a string answers. */
const PREDICATES = new Set(['test', 'has', 'includes', 'indexOf', 'startsWith', 'endsWith', 'some', 'every']);

/**
 * `PREVIEWABLE_TYPES.has(x)`, `validDomainRegex.test(x)`: a named predicate over a constant or a
 * collection encapsulates data (the constant can change shape); it is not a layer over a function.
 */
export function readsNamedData(callee: string): boolean {
  const parts = callee.split('.');
  // `Registry.animations.has(key)`: a predicate on a property is a question about data
  if (parts.length > 2) return PREDICATES.has(parts[parts.length - 1]!);
  if (parts.length !== 2) return false;
  const root = parts[0]!;
  // `ScoreSchema.parse(x)`: a schema is data too, and its library's API is what the wrapper names
  if (/Schema$/.test(root) && SCHEMA_METHODS.has(parts[1]!)) return true;
  if (!DATA_METHODS.has(parts[1]!)) return false;
  return /^[A-Z][A-Z0-9_]*$/.test(root) || /(Regex|RegExp|Re|Pattern|Set|Map|List|Array|Ids|Names|Types|Keys|Values)$/.test(root);
}

/** A pass-through candidate judged from the file alone, before asking where its target lives. */
export interface PassThrough extends Layer {
  callee: string;
  root: string;
}

/** Every layer of the file whose body only forwards its parameters and that no framework requires. */
export function passThroughCandidates(ts: TypeScript, sf: TS.SourceFile): PassThrough[] {
  const out: PassThrough[] = [];
  for (const layer of moduleLayers(ts, sf)) {
    const fwd = forwardedCall(ts, layer.fn);
    if (!fwd) continue;
    const own = layer.owner ? layer.name.slice(layer.name.indexOf('.') + 1) : layer.name;
    if (fwd.callee === own || fwd.callee === layer.name) continue; // recursion
    if (frameworkRequired(ts, sf, layer, fwd.callee) || readsNamedData(fwd.callee)) continue;
    out.push({ ...layer, callee: fwd.callee, root: fwd.root });
  }
  return out;
}

export const passThroughFunction = defineCheck<Options, MessageIds>({
  meta: {
    id: 'pass-through-function',
    category: 'abstraction',
    description: 'Reports named functions whose whole body passes their parameters, unchanged and in order, to another project function.',
    defaultEffortMinutes: 10,
    defaultSeverity: 'warning',
    preset: 'all',
    scope: 'file',
    messages: {
      passThrough: '`{{name}}` only passes its arguments on to `{{target}}`: call `{{target}}` directly, or give the wrapper a job.',
    },
    defaultOptions: { includePackageTargets: false },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        includePackageTargets: {
          type: 'boolean',
          description: 'Also report wrappers around functions imported from npm packages (vendor adapters are quiet by default).',
        },
      },
    },
  },
  run(ctx) {
    const { ts, sourceFile } = ctx;
    if (ctx.isTestFile || looksLikeTest(ts, sourceFile)) return; // test doubles and helpers forward on purpose
    for (const c of passThroughCandidates(ts, sourceFile)) {
      // `this.x(..)` delegation is a class's own business (see middle-man)
      if (c.root === 'this') continue;
      const origin = originOf(ts, sourceFile, c.root, ctx.settings);
      if (origin === 'unknown') continue; // globals and outer-scope names: cannot judge from here
      if (origin === 'package-import' && !ctx.options.includePackageTargets) continue;
      const params = c.fn.parameters.length;
      ctx.report({
        node: c.nameNode,
        messageId: 'passThrough',
        data: { name: c.name, target: c.callee },
        fingerprintCode: `${c.name}(${params})->${c.callee}`,
      });
    }
  },
});
