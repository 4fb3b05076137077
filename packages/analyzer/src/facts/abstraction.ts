import type * as TS from 'typescript';
import { symbolPathOf } from '@plumbline/core';
import type { TypeScript } from '@plumbline/core';
import {
  dottedName,
  forwardedCall,
  frameworkRequired,
  looksLikeTest,
  moduleLayers,
  readsNamedData,
  valueOrigin,
} from '@plumbline/core/checks/pass-through-function';
import type { Layer } from '@plumbline/core/checks/pass-through-function';
import { passThroughComponents } from '@plumbline/core/checks/pass-through-component';
import { defineExtractor } from '../facts.js';
import { collectUses } from './abstraction/uses.js';
import type { ExtractInput } from '../facts.js';
import { hasModifier } from '@plumbline/core';

/** 1-based position of a name. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A named function of the module: a function, a class method, a member of a module-level object, a component. */
export interface CallableFact extends Span {
  /** `load`, `InvoiceService.load` (class method), `invoiceService.load` (object member), `InvoiceCard` */
  name: string;
  kind: 'function' | 'method' | 'member' | 'component';
  exported: boolean;
  symbolPath: string;
  /**
   * Set when the whole body passes the function's own parameters, unchanged, to one callee (or renders one
   * element with its own props), and no framework requires it: the callee as written, and the per-file
   * rule that reports the same wrapper (null when none does, e.g. `this.repo.find` delegation).
   */
  forward?: { callee: string; rule: 'pass-through-function' | 'pass-through-component' | null };
}

/** A module-level variable that is not a function: where a chain's final target may live. */
export interface ValueFact {
  name: string;
  line: number;
  /** `InvoiceRepo` for `const repo = new InvoiceRepo(..)` */
  newOf?: string;
  /** data (arrays, literals, built-in collections) or made by a package (`new Schema()`, `drizzle()`), judged from this file */
  origin?: 'data' | 'package';
}

export interface ClassFact extends Span {
  name: string;
  exported: boolean;
  abstract: boolean;
  /** type names in `implements` (dotted, without type arguments) */
  implements: string[];
  extends?: string;
  /** field -> the root type name of `this.<field>` (declared type or `new X()`) */
  fields: Record<string, string>;
  /** names of its public instance members (fields, accessors, methods; not private, protected, `#x` or static) */
  publicMembers: string[];
  symbolPath: string;
  isTestDouble: boolean;
}

export interface InterfaceFact extends Span {
  name: string;
  exported: boolean;
  /** declares at least one method (a behaviour to implement), not only data */
  hasMethods: boolean;
  /** names of its own members (not those of the interfaces it extends) */
  members: string[];
  extends: string[];
  symbolPath: string;
}

/** A value that implements a contract without a class: `const r: Repo = {..}`, `{..} satisfies Repo`, `mock<Repo>()`. */
export interface TypedImplementationFact {
  type: string;
  line: number;
}

/** A function or class that builds objects of one class and nothing else. */
export interface FactoryFact extends Span {
  /** `createInvoiceService`, or the builder / factory class name */
  name: string;
  kind: 'function' | 'builder' | 'factory-class';
  exported: boolean;
  /** the class it always builds, as written (`InvoiceService`, `models.Invoice`) */
  builds: string;
  symbolPath: string;
}

/** How a module-level name (an import or a declaration) is used in the file. */
export interface UseFact {
  calls: number;
  news: number;
  /** other references: passed as a value, stored, re-exported in an object (`{ createX }`) */
  refs: number;
  /** of the refs, those passing the value on: a call's argument, an object property's value, an array element (a registry entry) */
  passed?: number;
  /** up to three 1-based lines of calls and `new`s */
  lines: number[];
}

export interface AbstractionFacts {
  callables: CallableFact[];
  values: ValueFact[];
  classes: ClassFact[];
  interfaces: InterfaceFact[];
  typedImplementations: TypedImplementationFact[];
  factories: FactoryFact[];
  /** module-level name (or `ns.member` of a namespace import, or of a named import, which may be one) -> uses */
  uses: Record<string, UseFact>;
}

function span(ts: TypeScript, sf: TS.SourceFile, node: TS.Node): Span {
  const s = ts.getLineAndCharacterOfPosition(sf, node.getStart(sf));
  const e = ts.getLineAndCharacterOfPosition(sf, node.getEnd());
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

/** `Repo` of `Repo<T>`, `ns.Repo` of `ns.Repo<T>`. */
function heritageName(ts: TypeScript, t: TS.ExpressionWithTypeArguments): string | undefined {
  return dottedName(ts, t.expression)?.text;
}

function typeRefName(ts: TypeScript, t: TS.TypeNode | undefined): string | undefined {
  return t && ts.isTypeReferenceNode(t) ? t.typeName.getText() : undefined;
}

/**
 * Whether `new X(..)` only passes values on: parameters, names, literals, and object literals of those.
 * A factory that computes its arguments maps one thing to another; that is a job.
 */
function passesValues(ts: TypeScript, e: TS.NewExpression): boolean {
  const plain = (a: TS.Expression): boolean => {
    if (ts.isIdentifier(a) || ts.isStringLiteralLike(a) || ts.isNumericLiteral(a)) return true;
    if (a.kind === ts.SyntaxKind.TrueKeyword || a.kind === ts.SyntaxKind.FalseKeyword || a.kind === ts.SyntaxKind.NullKeyword) return true;
    if (ts.isObjectLiteralExpression(a)) {
      return a.properties.every((p) => ts.isShorthandPropertyAssignment(p) || (ts.isPropertyAssignment(p) && plain(p.initializer)));
    }
    return false;
  };
  return (e.arguments ?? []).every(plain);
}

/** The class every `return` of a function body builds, when they all build the same one. */
function alwaysBuilds(ts: TypeScript, fn: TS.FunctionLikeDeclaration): string | undefined {
  const body = fn.body;
  if (!body) return undefined;
  const built = (e: TS.Expression | undefined): string | undefined => {
    while (e && (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e))) e = e.expression;
    return e && ts.isNewExpression(e) ? dottedName(ts, e.expression)?.text : undefined;
  };
  if (!ts.isBlock(body)) return built(body as TS.Expression);
  const classes = new Set<string>();
  let bare = false;
  const visit = (n: TS.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return; // nested functions return for themselves
    if (ts.isReturnStatement(n)) {
      const c = built(n.expression);
      if (c) classes.add(c);
      else bare = true;
    }
    ts.forEachChild(n, visit);
  };
  body.statements.forEach(visit);
  return !bare && classes.size === 1 ? [...classes][0] : undefined;
}

const isHookName = (name: string) => /^use[A-Z0-9]/.test(name);

/** A factory function whose body is only `return new X(..)` passing values on; the class it builds. */
function thinFactory(ts: TypeScript, fn: TS.FunctionLikeDeclaration): string | undefined {
  const body = fn.body;
  if (!body) return undefined;
  let e: TS.Expression | undefined;
  if (!ts.isBlock(body)) e = body as TS.Expression;
  else if (body.statements.length === 1 && ts.isReturnStatement(body.statements[0]!))
    e = (body.statements[0] as TS.ReturnStatement).expression;
  while (e && (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e))) e = e.expression;
  if (!e || !ts.isNewExpression(e) || !passesValues(ts, e)) return undefined;
  return alwaysBuilds(ts, fn);
}

/** What the steps of one file's extraction share. */
interface FileCx {
  ts: TypeScript;
  sf: TS.SourceFile;
  path: string;
  isTestFile: boolean;
  settings: ExtractInput['settings'];
  out: AbstractionFacts;
  callables: Map<string, CallableFact>;
  testLike: boolean;
  /** module-level names: imports and declarations */
  names: Set<string>;
  namespaces: Set<string>;
  maybeNamespaces: Set<string>;
}

const lineOf = (cx: FileCx, n: TS.Node) => cx.ts.getLineAndCharacterOfPosition(cx.sf, n.getStart(cx.sf)).line + 1;

function addCallable(cx: FileCx, c: CallableFact): void {
  if (cx.testLike) delete c.forward; // a test's helpers are not layers of the program
  const old = cx.callables.get(c.name);
  if (!old || (!old.forward && c.forward)) cx.callables.set(c.name, c);
}

/** Functions, const arrows and methods of plain classes, with the per-file rules' judgement; pass-through components. */
function layerCallables(cx: FileCx): void {
  const { ts, sf } = cx;
  const layers: Layer[] = moduleLayers(ts, sf);
  for (const layer of layers) {
    const fwd = forwardedCall(ts, layer.fn);
    const own = layer.owner ? layer.name.slice(layer.name.indexOf('.') + 1) : layer.name;
    const forwards =
      fwd &&
      fwd.callee !== own &&
      fwd.callee !== layer.name &&
      !frameworkRequired(ts, sf, layer, fwd.callee) &&
      !readsNamedData(fwd.callee);
    addCallable(cx, {
      name: layer.name,
      kind: layer.owner ? 'method' : 'function',
      exported: layer.exported,
      ...span(ts, sf, layer.nameNode),
      symbolPath: symbolPathOf(ts, layer.nameNode),
      ...(forwards ? { forward: { callee: fwd.callee, rule: fwd.root === 'this' ? null : 'pass-through-function' } } : {}),
    });
  }
  for (const c of passThroughComponents(ts, sf, cx.path, cx.settings)) {
    addCallable(cx, {
      name: c.name,
      kind: 'component',
      exported: c.exported,
      ...span(ts, sf, c.nameNode),
      symbolPath: symbolPathOf(ts, c.nameNode),
      forward: { callee: c.target, rule: 'pass-through-component' },
    });
  }
}

/** The function-valued members of a module-level object literal (`const api = { load() {..} }`). */
function objectMembers(cx: FileCx, owner: string, obj: TS.ObjectLiteralExpression, exported: boolean): void {
  const { ts, sf } = cx;
  for (const p of obj.properties) {
    let fn: TS.ArrowFunction | TS.FunctionExpression | TS.MethodDeclaration | undefined;
    if (ts.isMethodDeclaration(p)) fn = p;
    else if (ts.isPropertyAssignment(p) && (ts.isArrowFunction(p.initializer) || ts.isFunctionExpression(p.initializer)))
      fn = p.initializer;
    if (!fn || !p.name || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) continue;
    const member = p.name.text;
    const fwd = forwardedCall(ts, fn);
    const forwards =
      fwd &&
      fwd.callee !== member &&
      fwd.root !== 'this' &&
      !readsNamedData(fwd.callee) &&
      !frameworkRequired(ts, sf, { fn, name: member, nameNode: p.name, exported: false }, fwd.callee);
    addCallable(cx, {
      name: `${owner}.${member}`,
      kind: 'member',
      exported,
      ...span(ts, sf, p.name),
      symbolPath: symbolPathOf(ts, p.name),
      ...(forwards ? { forward: { callee: fwd.callee, rule: null } } : {}),
    });
  }
}

/** A class: its field types (and its methods as callables), `implements`/`extends`; builders and factory classes. */
function classFact(cx: FileCx, cls: TS.ClassDeclaration, name: string, exported: boolean): void {
  const { ts, sf } = cx;
  const fields: Record<string, string> = {};
  const fieldType = (t: TS.TypeNode | undefined, init: TS.Expression | undefined) =>
    typeRefName(ts, t) ?? (init && ts.isNewExpression(init) ? dottedName(ts, init.expression)?.text : undefined);
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name))) {
      const t = fieldType(m.type, m.initializer);
      if (t) fields[m.name.text] = t;
    } else if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) {
        const t = typeRefName(ts, p.type);
        if (ts.isIdentifier(p.name) && t && ts.getModifiers(p)?.length) fields[p.name.text] = t;
      }
    }
    // every method is a callable (a possible chain target); plain classes' methods came from moduleLayers
    if (ts.isMethodDeclaration(m) && m.body && ts.isIdentifier(m.name) && !cx.callables.has(`${name}.${m.name.text}`)) {
      addCallable(cx, {
        name: `${name}.${m.name.text}`,
        kind: 'method',
        exported,
        ...span(ts, sf, m.name),
        symbolPath: symbolPathOf(ts, m.name),
      });
    }
  }
  const impl: string[] = [];
  let ext: string | undefined;
  for (const h of cls.heritageClauses ?? []) {
    for (const t of h.types) {
      const n = heritageName(ts, t);
      if (!n) continue;
      if (h.token === ts.SyntaxKind.ImplementsKeyword) impl.push(n);
      else ext = n;
    }
  }
  cx.out.classes.push({
    name,
    exported,
    abstract: hasModifier(ts, cls, ts.SyntaxKind.AbstractKeyword),
    implements: impl,
    ...(ext ? { extends: ext } : {}),
    fields,
    publicMembers: publicMembers(ts, cls),
    ...span(ts, sf, cls.name ?? cls),
    symbolPath: symbolPathOf(ts, cls.name ?? cls),
    isTestDouble: cx.isTestFile,
  });
  factoryClass(cx, cls, name, exported);
}

/** A `*Builder` / `*Factory` class whose building methods all build one other class. */
function factoryClass(cx: FileCx, cls: TS.ClassDeclaration, name: string, exported: boolean): void {
  const { ts, sf } = cx;
  const builds = new Set<string>();
  let buildMethods = 0;
  for (const m of cls.members) {
    if (!ts.isMethodDeclaration(m) || !m.body || hasModifier(ts, m, ts.SyntaxKind.StaticKeyword)) continue;
    const b = alwaysBuilds(ts, m);
    if (b) {
      builds.add(b);
      buildMethods++;
    }
  }
  const kind = /Builder$/.test(name) ? 'builder' : /Factory$/.test(name) ? 'factory-class' : undefined;
  if (kind && buildMethods > 0 && builds.size === 1 && [...builds][0] !== name) {
    cx.out.factories.push({
      name,
      kind,
      exported,
      builds: [...builds][0]!,
      ...span(ts, sf, cls.name ?? cls),
      symbolPath: symbolPathOf(ts, cls.name ?? cls),
    });
  }
}

function publicMembers(ts: TypeScript, cls: TS.ClassDeclaration): string[] {
  const out: string[] = [];
  const hidden = (m: TS.Node) =>
    hasModifier(ts, m, ts.SyntaxKind.PrivateKeyword) ||
    hasModifier(ts, m, ts.SyntaxKind.ProtectedKeyword) ||
    hasModifier(ts, m, ts.SyntaxKind.StaticKeyword);
  for (const m of cls.members) {
    if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) if (ts.isIdentifier(p.name) && ts.getModifiers(p)?.length && !hidden(p)) out.push(p.name.text); // `constructor(public readonly x)`
      continue;
    }
    if (!m.name || !ts.isIdentifier(m.name) || hidden(m)) continue;
    if (ts.isPropertyDeclaration(m) || ts.isMethodDeclaration(m) || ts.isGetAccessorDeclaration(m) || ts.isSetAccessorDeclaration(m))
      if (!out.includes(m.name.text)) out.push(m.name.text);
  }
  return out;
}

function importNames(cx: FileCx, st: TS.ImportDeclaration): void {
  const { ts } = cx;
  const c = st.importClause;
  if (!c) return;
  if (c.name) cx.names.add(c.name.text);
  const nb = c.namedBindings;
  if (nb && ts.isNamespaceImport(nb)) {
    cx.names.add(nb.name.text);
    cx.namespaces.add(nb.name.text);
  }
  if (nb && ts.isNamedImports(nb)) {
    for (const el of nb.elements) {
      cx.names.add(el.name.text);
      if (!c.isTypeOnly && !el.isTypeOnly) cx.maybeNamespaces.add(el.name.text);
    }
  }
}

/** A function (declared or a const arrow): a thin factory, and the contract its object literal implements. */
function functionFacts(cx: FileCx, fn: TS.FunctionLikeDeclaration, name: TS.Identifier, exported: boolean, at: TS.Node): void {
  const { ts, sf } = cx;
  const b = thinFactory(ts, fn);
  if (b && b !== name.text && !isHookName(name.text)) {
    cx.out.factories.push({
      name: name.text,
      kind: 'function',
      exported,
      builds: b,
      ...span(ts, sf, name),
      symbolPath: symbolPathOf(ts, name),
    });
  }
  const rt = typeRefName(ts, fn.type);
  if (rt && returnsObjectLiteral(ts, fn)) cx.out.typedImplementations.push({ type: rt, line: lineOf(cx, at) });
}

function interfaceFact(cx: FileCx, st: TS.InterfaceDeclaration, exported: boolean): void {
  const { ts, sf } = cx;
  cx.out.interfaces.push({
    name: st.name.text,
    exported,
    hasMethods: st.members.some((m) => ts.isMethodSignature(m) || (ts.isPropertySignature(m) && !!m.type && ts.isFunctionTypeNode(m.type))),
    members: st.members.flatMap((m) => (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? [m.name.text] : [])),
    extends: (st.heritageClauses ?? []).flatMap((h) => h.types.map((t) => heritageName(ts, t)).filter((n): n is string => !!n)),
    ...span(ts, sf, st.name),
    symbolPath: symbolPathOf(ts, st.name),
  });
}

function variableFacts(cx: FileCx, st: TS.VariableStatement, exported: boolean): void {
  const { ts, sf, out } = cx;
  for (const d of st.declarationList.declarations) {
    if (!ts.isIdentifier(d.name)) continue;
    const name = d.name.text;
    cx.names.add(name);
    let init = d.initializer;
    while (init && (ts.isParenthesizedExpression(init) || ts.isSatisfiesExpression(init) || ts.isAsExpression(init)))
      init = init.expression;
    const declared = typeRefName(ts, d.type);
    if (declared && init && (ts.isObjectLiteralExpression(init) || ts.isClassExpression(init)))
      out.typedImplementations.push({ type: declared, line: lineOf(cx, d) });
    if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
      functionFacts(cx, init, d.name, exported, d);
      continue;
    }
    if (init && ts.isObjectLiteralExpression(init)) objectMembers(cx, name, init, exported);
    const origin = valueOrigin(ts, sf, d.initializer, cx.settings);
    out.values.push({
      name,
      line: lineOf(cx, d),
      ...(init && ts.isNewExpression(init) && dottedName(ts, init.expression) ? { newOf: dottedName(ts, init.expression)!.text } : {}),
      ...(origin === 'unknown' ? { origin: 'data' as const } : origin === 'package-import' ? { origin: 'package' as const } : {}),
    });
  }
}

function exportAssignmentFacts(cx: FileCx, st: TS.ExportAssignment): void {
  const { ts } = cx;
  let e = st.expression;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  if (ts.isObjectLiteralExpression(e)) objectMembers(cx, 'default', e, true);
  if (ts.isNewExpression(e) && dottedName(ts, e.expression))
    cx.out.values.push({ name: 'default', line: lineOf(cx, st), newOf: dottedName(ts, e.expression)!.text });
}

/** One module-level statement's facts. */
function statementFacts(cx: FileCx, st: TS.Statement): void {
  const { ts } = cx;
  const exported = hasModifier(ts, st, ts.SyntaxKind.ExportKeyword);
  if (ts.isImportDeclaration(st)) importNames(cx, st);
  else if (ts.isFunctionDeclaration(st) && st.name) {
    cx.names.add(st.name.text);
    functionFacts(cx, st, st.name, exported, st);
  } else if (ts.isClassDeclaration(st)) {
    const name = st.name?.text ?? 'default';
    cx.names.add(name);
    classFact(cx, st, name, exported);
  } else if (ts.isInterfaceDeclaration(st)) interfaceFact(cx, st, exported);
  else if (ts.isVariableStatement(st)) variableFacts(cx, st, exported);
  else if (ts.isExportAssignment(st) && !st.isExportEquals) exportAssignmentFacts(cx, st);
}

/** Values typed by a contract anywhere in the file: `satisfies Repo`, `as Repo`, `mock<Repo>()`, a typed local. */
function typedContract(cx: FileCx, n: TS.Node): void {
  const { ts, out } = cx;
  if ((ts.isSatisfiesExpression(n) || ts.isAsExpression(n)) && ts.isObjectLiteralExpression(skipParens(ts, n.expression))) {
    const t = typeRefName(ts, n.type);
    if (t) out.typedImplementations.push({ type: t, line: lineOf(cx, n) });
  } else if (ts.isCallExpression(n) && n.typeArguments?.length === 1) {
    const callee = dottedName(ts, n.expression)?.text ?? '';
    const t = typeRefName(ts, n.typeArguments[0]);
    if (t && /mock|fake|stub|spy/i.test(callee)) out.typedImplementations.push({ type: t, line: lineOf(cx, n) });
  } else if (
    ts.isVariableDeclaration(n) &&
    n.type &&
    n.initializer &&
    !(n.parent.parent && ts.isVariableStatement(n.parent.parent) && ts.isSourceFile(n.parent.parent.parent))
  ) {
    const t = typeRefName(ts, n.type);
    const init = skipParens(ts, n.initializer);
    if (t && ts.isObjectLiteralExpression(init)) out.typedImplementations.push({ type: t, line: lineOf(cx, n) });
  }
}

/**
 * Facts for the abstraction detectors: each named function's shape (does it only forward, and to
 * what), classes with their `implements`/`extends` and field types, interfaces, objects typed by a
 * contract, factories that always build one class, and how module-level names are used.
 */
export const extractor = defineExtractor<AbstractionFacts>({
  name: 'abstraction',
  languages: ['ts'],
  extract({ ts, sourceFile: sf, path, isTestFile, settings }) {
    const out: AbstractionFacts = {
      callables: [],
      values: [],
      classes: [],
      interfaces: [],
      typedImplementations: [],
      factories: [],
      uses: {},
    };
    if (!sf) return out;
    const cx: FileCx = {
      ts,
      sf,
      path,
      isTestFile,
      settings,
      out,
      callables: new Map(),
      testLike: isTestFile || looksLikeTest(ts, sf),
      names: new Set(),
      namespaces: new Set(),
      maybeNamespaces: new Set(),
    };
    layerCallables(cx);
    for (const st of sf.statements) statementFacts(cx, st);
    out.callables = [...cx.callables.values()].sort((a, b) => a.line - b.line || a.column - b.column);
    out.uses = collectUses(ts, sf, cx.names, cx.namespaces, cx.maybeNamespaces, (n) => typedContract(cx, n));
    return out;
  },
});

function skipParens(ts: TypeScript, e: TS.Expression): TS.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

function returnsObjectLiteral(ts: TypeScript, fn: TS.FunctionLikeDeclaration): boolean {
  const body = fn.body;
  if (!body) return false;
  if (!ts.isBlock(body)) return ts.isObjectLiteralExpression(skipParens(ts, body as TS.Expression));
  return body.statements.some(
    (s) => ts.isReturnStatement(s) && !!s.expression && ts.isObjectLiteralExpression(skipParens(ts, s.expression)),
  );
}
