import type * as TS from 'typescript';
import type { TypeScript } from '@plumbline/core';
import type { UseFact } from '../abstraction.js';

/** One walk over the file: uses of module-level names, and `also` for every other node of interest. */
export function collectUses(
  ts: TypeScript,
  sf: TS.SourceFile,
  names: ReadonlySet<string>,
  namespaces: ReadonlySet<string>,
  maybeNamespaces: ReadonlySet<string>,
  also: (n: TS.Node) => void,
): Record<string, UseFact> {
  const uses: Record<string, UseFact> = {};
  const line = (n: TS.Node) => ts.getLineAndCharacterOfPosition(sf, n.getStart(sf)).line + 1;
  const bump = (key: string, kind: 'calls' | 'news' | 'refs', at: TS.Node) => {
    const u = (uses[key] ??= { calls: 0, news: 0, refs: 0, lines: [] });
    u[kind]++;
    if (kind !== 'refs' && u.lines.length < 3) u.lines.push(line(at));
  };
  const visit = (n: TS.Node): void => {
    if (ts.isTypeNode(n) || ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) return;
    also(n);
    if (ts.isIdentifier(n) && names.has(n.text)) {
      const p = n.parent;
      const isDeclName =
        (ts.isFunctionDeclaration(p) ||
          ts.isClassDeclaration(p) ||
          ts.isVariableDeclaration(p) ||
          ts.isParameter(p) ||
          ts.isBindingElement(p) ||
          ts.isMethodDeclaration(p) ||
          ts.isPropertyDeclaration(p) ||
          ts.isPropertyAssignment(p) ||
          ts.isPropertySignature(p) ||
          ts.isMethodSignature(p) ||
          ts.isEnumDeclaration(p) ||
          ts.isInterfaceDeclaration(p) ||
          ts.isTypeAliasDeclaration(p) ||
          ts.isGetAccessorDeclaration(p) ||
          ts.isSetAccessorDeclaration(p) ||
          ts.isJsxAttribute(p) ||
          ts.isEnumMember(p)) &&
        (p as { name?: TS.Node }).name === n;
      const isMemberName = (ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isQualifiedName(p) && p.right === n);
      if (!isDeclName && !isMemberName && !ts.isExportAssignment(p) && !ts.isExportSpecifier(p)) {
        const member = ts.isPropertyAccessExpression(p) && p.expression === n;
        const bumpMember = () => {
          const pp = p.parent;
          const use =
            ts.isCallExpression(pp) && pp.expression === p ? 'calls' : ts.isNewExpression(pp) && pp.expression === p ? 'news' : 'refs';
          bump(`${n.text}.${(p as TS.PropertyAccessExpression).name.text}`, use, pp);
        };
        if (namespaces.has(n.text) && member) bumpMember();
        else {
          const kind =
            ts.isCallExpression(p) && p.expression === n ? 'calls' : ts.isNewExpression(p) && p.expression === n ? 'news' : 'refs';
          bump(n.text, kind, p);
          if (
            kind === 'refs' &&
            ((ts.isPropertyAssignment(p) && p.initializer === n) ||
              ts.isShorthandPropertyAssignment(p) ||
              ts.isArrayLiteralExpression(p) ||
              ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(n)))
          )
            uses[n.text]!.passed = (uses[n.text]!.passed ?? 0) + 1;
          // a named import is a namespace when its module exports it with `export * as ns`: its members count too
          if (maybeNamespaces.has(n.text) && member) bumpMember();
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  sf.statements.forEach(visit);
  return uses;
}
