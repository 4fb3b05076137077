import type * as TS from 'typescript';
import { hasModifier } from '@plumbline/core';
import type { TypeScript } from '@plumbline/core';
import { enclosingFunction, isFunctionLike } from './ast.js';
import type { FunctionLike } from './ast.js';
import type { DriftContext } from './context.js';

// The async-style and error-handling idioms: a function that awaits, a `.then()` chain, a `try/catch`
// around `await`, a `.then().catch()`.

export const EFFECT_HOOKS = new Set(['useEffect', 'useLayoutEffect', 'React.useEffect', 'React.useLayoutEffect']);

/** The outermost call or member access of a chain that starts at `call` (`p.then(f).catch(g)` from `p.then(f)`). */
function chainTop(ts: TypeScript, call: TS.CallExpression): TS.Node {
  let n: TS.Node = call;
  while (
    n.parent &&
    (ts.isPropertyAccessExpression(n.parent) ||
      (ts.isCallExpression(n.parent) && n.parent.expression === n) ||
      ts.isParenthesizedExpression(n.parent))
  )
    n = n.parent;
  return n;
}

/** inside `new Promise((resolve, reject) => ...)`: promisifying, a different job than chaining */
function inPromiseExecutor(ts: TypeScript, fn: FunctionLike): boolean {
  const parent = fn.parent;
  return !!parent && ts.isNewExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'Promise';
}

const isDynamicImport = (ts: TypeScript, e: TS.Expression) => ts.isCallExpression(e) && e.expression.kind === ts.SyntaxKind.ImportKeyword;

/** a chain handed to someone else (`waitUntil(p.then(f))`, `Promise.all([p.catch(g)])`): no place to await it */
function isHandedOver(ts: TypeScript, top: TS.Node): boolean {
  const p = top.parent;
  return (
    !!p &&
    ((ts.isCallExpression(p) && p.arguments.includes(top as TS.Expression)) ||
      ts.isNewExpression(p) ||
      ts.isArrayLiteralExpression(p) ||
      ts.isPropertyAssignment(p) ||
      ts.isJsxExpression(p))
  );
}

/**
 * Fire-and-forget: `void p.then(f)`, or a chain left as a statement with more statements after it (the
 * function goes on without waiting, as with an optimistic update after a save).
 */
function isFireAndForget(ts: TypeScript, top: TS.Node): boolean {
  const p = top.parent;
  if (!p) return false;
  if (ts.isVoidExpression(p)) return true;
  if (!ts.isExpressionStatement(p)) return false;
  const block = p.parent;
  if (!block || !(ts.isBlock(block) || ts.isSourceFile(block) || ts.isCaseClause(block) || ts.isDefaultClause(block))) return false;
  const i = block.statements.indexOf(p);
  return i >= 0 && i < block.statements.length - 1;
}

/** A promise kept as a value (`const written = p.then(...)`, `this.ready = p.then(...)`, a memoised in-flight request). */
function isKeptAsValue(ts: TypeScript, top: TS.Node): boolean {
  const p = top.parent;
  if (!p) return false;
  if (ts.isVariableDeclaration(p) && p.initializer === top) return true;
  return (
    ts.isBinaryExpression(p) &&
    p.right === top &&
    p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    p.operatorToken.kind <= ts.SyntaxKind.LastAssignment
  );
}

/** `return p.then(ok, (err) => err)`: a returned chain whose `.then` takes a rejection handler turns failure into a value. */
function isRejectionAsValue(ts: TypeScript, call: TS.CallExpression, top: TS.Node): boolean {
  const p = top.parent;
  const returned = !!p && (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === top));
  if (!returned) return false;
  for (let n: TS.Node = call; n !== top.parent; n = n.parent) {
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      n.expression.name.text === 'then' &&
      n.arguments.length >= 2
    )
      return true;
  }
  return false;
}

/** Whether a body awaits in its own scope (not in nested functions). */
export function ownScopeHasAwait(ts: TypeScript, body: TS.Node): boolean {
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
}

/**
 * The async function whose own code chains at this call, when the chain is one it could have awaited:
 * only async functions count (a synchronous function, event handler, effect callback, editor hook or
 * module level cannot await), and not an awaited chain, one handed to another call, a fire-and-forget
 * chain, a promise kept as a value, or a returned chain that turns a rejection into a value.
 */
function chainingAsyncFunction(ts: TypeScript, call: TS.CallExpression): FunctionLike | undefined {
  const fn = enclosingFunction(ts, call);
  if (!fn || !hasModifier(ts, fn, ts.SyntaxKind.AsyncKeyword) || inPromiseExecutor(ts, fn)) return undefined;
  const top = chainTop(ts, call);
  if (top.parent && ts.isAwaitExpression(top.parent)) return undefined;
  if (isHandedOver(ts, top) || isFireAndForget(ts, top) || isKeptAsValue(ts, top) || isRejectionAsValue(ts, call, top)) return undefined;
  return fn;
}

/**
 * A `.then()` / `.catch()` call: a promise-chain site (once per async function) or a promise-catch site
 * (`.then(...).catch(...)`), both keyed by their chain so that a chain is reported once.
 */
export function onChainCall(cx: DriftContext, call: TS.CallExpression, callee: TS.PropertyAccessExpression, method: string): void {
  const { ts, sf } = cx;
  if (method !== 'then' && method !== 'catch') return;
  if (isDynamicImport(ts, callee.expression)) return;
  const fn = chainingAsyncFunction(ts, call);
  if (!fn) return;
  const chain = chainTop(ts, call).getStart(sf);
  if (method === 'then' && call.arguments.length >= 1 && !cx.chainedFunctions.has(fn)) {
    cx.chainedFunctions.add(fn);
    cx.addIdiom('async-style', 'promise-chain', callee.name, 'then', chain);
  }
  // `.then(...).catch(...)`: the promise-chain way to handle an error (a bare `p.catch(log)` is fire-and-forget)
  const receiver = callee.expression;
  const afterThen =
    ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression) && receiver.expression.name.text === 'then';
  if (method === 'catch' && call.arguments.length === 1 && afterThen)
    cx.addIdiom('error-handling', 'promise-catch', callee.name, 'catch', chain);
}

/** An async function that awaits: an async-await site at its first `await`. */
export function onFunction(cx: DriftContext, fn: FunctionLike): void {
  const { ts, sf } = cx;
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
  if (first) cx.addIdiom('async-style', 'async-await', first.getFirstToken(sf) ?? first, 'await');
}

/** A `try/catch` whose try block awaits: a try-catch site. */
export function onTry(cx: DriftContext, n: TS.TryStatement): void {
  if (n.catchClause && ownScopeHasAwait(cx.ts, n.tryBlock))
    cx.addIdiom('error-handling', 'try-catch', n.getFirstToken(cx.sf) ?? n, 'try-catch');
}
