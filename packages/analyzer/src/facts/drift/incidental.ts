import type * as TS from 'typescript';
import { matchImport } from '@plumbline/core';
import { chainRoot } from './ast.js';
import type { DriftContext } from './context.js';

// Imports of a role's library that choose nothing: the file uses the library only in a way the
// convention could not serve. Their usages are dropped after the walk.

/** Whether `node` is inside an argument of a call of another package's import. */
function insideForeignArgument(cx: DriftContext, node: TS.Node, spec: string): boolean {
  const { ts } = cx;
  for (let n: TS.Node = node; n.parent && !ts.isSourceFile(n.parent); n = n.parent) {
    const p = n.parent;
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && (p.arguments ?? []).some((a) => a === n)) {
      const root = chainRoot(ts, p.expression);
      const b = root ? cx.bindings.get(root.text) : undefined;
      if (b && b.specifier !== spec && !b.specifier.startsWith('.')) return true;
    }
  }
  return false;
}

/**
 * Drops the usages of an imported library whose every use is incidental: an id generator called only
 * with a length or alphabet (`nanoid(40)`, `customAlphabet(...)`: not what the id convention is for), or an
 * HTTP client created only inside an argument handed to another package's API (the other package dictates it).
 */
export function dropIncidentalUsages(cx: DriftContext): void {
  const { ts, sf } = cx;
  const bySpec = new Map<string, string[]>();
  for (const [local, b] of cx.bindings) bySpec.set(b.specifier, [...(bySpec.get(b.specifier) ?? []), local]);
  for (const [spec, locals] of bySpec) {
    const refs = matchImport(spec, null).filter((r) => r.role === 'ids' || r.role === 'http');
    if (!refs.length) continue;
    const names = new Set(locals);
    let uses = 0;
    let incidental = 0;
    const visit = (n: TS.Node): void => {
      if (ts.isImportDeclaration(n)) return;
      if (ts.isIdentifier(n) && names.has(n.text) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
        uses++;
        const p = n.parent;
        const call = ts.isCallExpression(p) && p.expression === n ? p : undefined;
        const ids = refs.some((r) => r.role === 'ids');
        if (ids && ((call && call.arguments.length > 0) || cx.bindings.get(n.text)?.imported === 'customAlphabet')) incidental++;
        else if (!ids && insideForeignArgument(cx, n, spec)) incidental++;
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    if (uses === 0 || incidental < uses) continue;
    const drop = new Set(refs.map((r) => `${r.role}\0${r.choice}`));
    cx.out.usages = cx.out.usages.filter((u) => !drop.has(`${u.role}\0${u.choice}`));
  }
}
