import type * as TS from 'typescript';
import {
  GLOBAL_ROOTS,
  METHOD_NAMES,
  chainChoicesOf,
  instanceFactoryOf,
  isUtilityClassList,
  matchGlobal,
  matchImport,
  matchMethod,
  normalizeGlobalPath,
} from '@plumbline/core';
import { chainRoot, dottedName, isDeclaredAround, mentionsParameter, topNode } from './ast.js';
import { EFFECT_HOOKS, onChainCall } from './async-idioms.js';
import type { DriftContext } from './context.js';
import { onEffect } from './effects.js';
import type { WrapperTracker } from './wrappers.js';

const SERVER_DATA_HOOK = /^use(Suspense|Infinite|SuspenseInfinite)?Query$|^useQueries$|^useSWR(Infinite|Immutable)?$|^useLazyQuery$/;
const TRPC_HOOK = /^use(Suspense|Infinite|SuspenseInfinite)?Query$/;

/** Globals: `fetch()`, `crypto.randomUUID()`, `new Intl.DateTimeFormat()`, `jest.fn()` (unless shadowed). */
function onGlobalCall(cx: DriftContext, w: WrapperTracker, call: TS.CallExpression | TS.NewExpression, dotted: string): void {
  const { ts } = cx;
  const path = normalizeGlobalPath(dotted);
  const root = path.split('.')[0]!;
  if (!GLOBAL_ROOTS.has(root)) return;
  const prefixed = path !== dotted;
  const binding = cx.bindings.get(root);
  const shadowed = !prefixed && isDeclaredAround(ts, call, root);
  let boundTo: string | null | undefined = null;
  if (shadowed) boundTo = binding ? binding.specifier : undefined;
  if (boundTo === undefined) return;
  for (const ref of matchGlobal(path, boundTo)) {
    cx.addUsage(ref, 'global', call.expression, dotted);
    w.addOwn(call, ref, ts.isCallExpression(call) && w.paramFlowOf(call, ref.role), false);
  }
}

/** A method call `x.m()`: role methods, chains of imported libraries (`dayjs(d).add()`), factories, promise chains, tRPC hooks. */
function onMethodCall(
  cx: DriftContext,
  w: WrapperTracker,
  call: TS.CallExpression,
  callee: TS.PropertyAccessExpression,
  dotted?: string,
): void {
  const { ts } = cx;
  const method = callee.name.text;
  if (METHOD_NAMES.has(method)) {
    for (const ref of matchMethod(method)) {
      cx.addUsage(ref, 'method', callee.name, method);
      w.addOwn(call, ref, mentionsParameter(ts, callee.expression, topNode(ts, call)) || w.paramFlowOf(call, ref.role), false);
    }
  }
  const root = chainRoot(ts, callee.expression);
  const binding = root ? cx.bindings.get(root.text) : undefined;
  if (binding) {
    for (const c of chainChoicesOf(binding.specifier)) {
      if (c.methods.includes(method)) {
        cx.addUsage(c, 'chain', callee.name, `${root!.text}().${method}`);
        w.addOwn(call, c, mentionsParameter(ts, callee.expression, topNode(ts, call)), false);
      }
    }
    if (dotted !== undefined && ts.isIdentifier(callee.expression)) {
      const factory = instanceFactoryOf(dotted, binding.specifier);
      if (factory) w.addOwn(call, factory, false, true);
    }
  }
  onChainCall(cx, call, callee, method);
  if (TRPC_HOOK.test(method) && ts.isPropertyAccessExpression(callee.expression))
    cx.addIdiom('data-fetching', 'server-data-library', callee.name, method);
}

/** A call or `new`: globals, methods, calls of imported library bindings, effects. */
export function onCall(cx: DriftContext, w: WrapperTracker, call: TS.CallExpression | TS.NewExpression): void {
  const { ts } = cx;
  const callee = call.expression;
  const dotted = dottedName(ts, callee);
  if (dotted !== undefined) onGlobalCall(cx, w, call, dotted);
  if (!ts.isCallExpression(call)) return;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) onMethodCall(cx, w, call, callee, dotted);
  // calls of imported library bindings inside declarations: wrappers (`return clsx(inputs)`, `axios.get(url)`)
  const root = chainRoot(ts, callee);
  const binding = root ? cx.bindings.get(root.text) : undefined;
  if (binding && root) {
    for (const ref of matchImport(binding.specifier, [binding.imported])) w.addOwn(call, ref, w.paramFlowOf(call, ref.role), false);
    if (
      ts.isIdentifier(callee) &&
      SERVER_DATA_HOOK.test(callee.text) &&
      matchImport(binding.specifier, null).some((r) => r.role === 'server-data')
    ) {
      cx.addIdiom('data-fetching', 'server-data-library', callee, callee.text);
    }
  }
  if (dotted !== undefined && EFFECT_HOOKS.has(dotted)) onEffect(cx, call, callee);
}

/** A `className` with utility classes: a Tailwind usage. */
export function onJsxAttribute(cx: DriftContext, attr: TS.JsxAttribute): void {
  const { ts, sf } = cx;
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
  if (hit) cx.addUsage({ role: 'styling', choice: 'tailwind' }, 'class-name', attr.name, 'className');
}
