import type * as TS from 'typescript';
import { hasModifier } from '@plumbline/core';
import type { TypeScript } from '@plumbline/core';
import { dottedName, enclosingFunction, isFunctionLike } from './ast.js';
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

/** `await x.then(f)`, `await x.catch(() => null)`: a chain whose outermost call is awaited */
function isAwaitedChain(ts: TypeScript, call: TS.CallExpression): boolean {
  const n = chainTop(ts, call);
  return !!n.parent && ts.isAwaitExpression(n.parent);
}

/** inside `new Promise((resolve, reject) => ...)`: promisifying, a different job than chaining */
function inPromiseExecutor(ts: TypeScript, node: TS.Node): boolean {
  const fn = enclosingFunction(ts, node);
  const parent = fn?.parent;
  return !!parent && ts.isNewExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'Promise';
}

const isDynamicImport = (ts: TypeScript, e: TS.Expression) => ts.isCallExpression(e) && e.expression.kind === ts.SyntaxKind.ImportKeyword;

function isEffectCallback(ts: TypeScript, fn: TS.Node): boolean {
  const parent = fn.parent;
  return !!parent && ts.isCallExpression(parent) && parent.arguments[0] === fn && EFFECT_HOOKS.has(dottedName(ts, parent.expression) ?? '');
}

/** inside a useEffect callback, through sync functions only (an effect cannot be async; nested async functions can await) */
function inEffectCallbackOwnScope(ts: TypeScript, node: TS.Node): boolean {
  for (let fn = enclosingFunction(ts, node); fn; fn = enclosingFunction(ts, fn)) {
    if (isEffectCallback(ts, fn)) return true;
    if (hasModifier(ts, fn, ts.SyntaxKind.AsyncKeyword)) return false;
  }
  return false;
}

/** a chain handed to someone else (`waitUntil(p.then(f))`, `Promise.all([p.catch(g)])`): no place to await it */
function isHandedOver(ts: TypeScript, call: TS.CallExpression): boolean {
  const n = chainTop(ts, call);
  const p = n.parent;
  return !!p && ((ts.isCallExpression(p) && p.arguments.includes(n as TS.Expression)) || ts.isArrayLiteralExpression(p));
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

/** A `.then()` / `.catch()` call: a promise-chain or promise-catch site when the chain is one the code could await. */
export function onChainCall(cx: DriftContext, call: TS.CallExpression, callee: TS.PropertyAccessExpression, method: string): void {
  const { ts } = cx;
  if (method !== 'then' && method !== 'catch') return;
  const chainable =
    !inEffectCallbackOwnScope(ts, call) &&
    !!enclosingFunction(ts, call) &&
    !isAwaitedChain(ts, call) &&
    !inPromiseExecutor(ts, call) &&
    !isHandedOver(ts, call);
  if (method === 'then' && call.arguments.length >= 1 && !isDynamicImport(ts, callee.expression) && chainable) {
    cx.addIdiom('async-style', 'promise-chain', callee.name, 'then');
  }
  // `.then(...).catch(...)`: the promise-chain way to handle an error (a bare `p.catch(log)` is fire-and-forget)
  const receiver = callee.expression;
  const afterThen =
    ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression) && receiver.expression.name.text === 'then';
  if (method === 'catch' && call.arguments.length === 1 && afterThen && chainable)
    cx.addIdiom('error-handling', 'promise-catch', callee.name, 'catch');
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
