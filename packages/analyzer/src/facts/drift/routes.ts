import type * as TS from 'typescript';
import type { DriftContext } from './context.js';

const ROUTES_FILE = /(^|\/)routes\.[cm]?[jt]sx?$/;
const ROUTE_CONFIG = /^(@react-router\/dev\/routes|@remix-run\/route-config)$/;
const MODULE_PATH = /\.[cm]?[jt]sx?$/;

/**
 * A React Router v7 (or Remix) route config (`app/routes.ts` built with `route()`, `index()`, `layout()`):
 * the module files it names, relative to its directory. The framework requires their default exports.
 */
export function collectRouteModules(cx: DriftContext): void {
  const { ts, sf } = cx;
  if (!ROUTES_FILE.test(cx.path) || !cx.out.imports.some((i) => ROUTE_CONFIG.test(i.specifier))) return;
  const modules = new Set<string>();
  const visit = (n: TS.Node): void => {
    if (ts.isCallExpression(n)) {
      for (const a of n.arguments) if (ts.isStringLiteralLike(a) && MODULE_PATH.test(a.text)) modules.add(a.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  if (modules.size) cx.out.routeModules = [...modules];
}
