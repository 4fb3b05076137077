import type * as TS from 'typescript';
import type { TypeScript } from './check.js';

// Small questions about the TypeScript syntax tree that the per-file checks (core/src/checks) and the
// analyzer's fact extractors both ask. `ts` is passed in (see check.ts): ts-morph bundles its own copy.

/** Whether a node carries a modifier (`export`, `default`, `abstract`, `async`, ...). */
export function hasModifier(ts: TypeScript, node: TS.Node, kind: TS.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === kind);
}

/** Whether a JSX element or fragment occurs anywhere under `node` (nested functions included). */
export function containsJsx(ts: TypeScript, node: TS.Node): boolean {
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n) || ts.isJsxFragment(n)) {
      found = true;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}
