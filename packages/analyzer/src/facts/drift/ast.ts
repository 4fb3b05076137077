import type * as TS from 'typescript';
import type { TypeScript } from '@plumbline/core';

// Syntax helpers of the drift facts: functions, scopes, dotted names and chains.

export type FunctionLike =
  | TS.FunctionDeclaration
  | TS.FunctionExpression
  | TS.ArrowFunction
  | TS.MethodDeclaration
  | TS.ConstructorDeclaration
  | TS.GetAccessorDeclaration
  | TS.SetAccessorDeclaration;

export function isFunctionLike(ts: TypeScript, n: TS.Node): n is FunctionLike {
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

export function bindingNames(ts: TypeScript, name: TS.BindingName, out: string[]): string[] {
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
export function isDeclaredAround(ts: TypeScript, node: TS.Node, name: string): boolean {
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
export function dottedName(ts: TypeScript, e: TS.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name)) {
    const left = dottedName(ts, e.expression);
    return left === undefined ? undefined : `${left}.${e.name.text}`;
  }
  return undefined;
}

/** The identifier a chain like `dayjs(d).add(1, 'd')` or `api.get` starts from. */
export function chainRoot(ts: TypeScript, e: TS.Expression): TS.Identifier | undefined {
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
export function mentionsParameter(ts: TypeScript, expr: TS.Node, stop: TS.Node): boolean {
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

/** The nearest function around a node. */
export function enclosingFunction(ts: TypeScript, node: TS.Node): FunctionLike | undefined {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) if (isFunctionLike(ts, n)) return n;
  return undefined;
}

/** The top-level statement (child of the source file) a node is in. */
export function topNode(ts: TypeScript, node: TS.Node): TS.Node {
  let last = node;
  for (let n: TS.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent) last = n;
  return last;
}
