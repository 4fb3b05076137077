import type * as TS from 'typescript';
import { matchImport, normalizeGlobalPath } from '@plumbline/core';
import { chainRoot, dottedName, isDeclaredAround } from './ast.js';
import type { DriftContext } from './context.js';
import type { EffectFetchFact } from './types.js';

const MUTATING_METHOD = /^(post|put|patch|delete)$/i;

/** A `useEffect` that loads data into state: what it calls (the HTTP library or the fetch global, or imported functions). */
export function onEffect(cx: DriftContext, call: TS.CallExpression, callee: TS.Expression): void {
  const { ts, sf } = cx;
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
        const b = root ? cx.bindings.get(root.text) : undefined;
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
  if (setter && (direct || calls.length)) cx.out.effects.push({ direct, calls, ...cx.site(callee, 'useEffect') });
}
