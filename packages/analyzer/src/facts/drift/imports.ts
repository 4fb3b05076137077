import type * as TS from 'typescript';
import { brandIconPackages, importChoosesLibrary, matchImport } from '@plumbline/core';
import type { DriftContext } from './context.js';
import type { ImportSiteFact } from './types.js';

/** Records the file's imports (and `require`s) with their ranges, their local bindings, and the role usages of the imports. */
export function collectImports(cx: DriftContext): void {
  const { ts, sf } = cx;
  const brandPackages = brandIconPackages(
    sf.statements.filter(ts.isImportDeclaration).flatMap((st) => {
      const nb = st.importClause?.namedBindings;
      if (!ts.isStringLiteral(st.moduleSpecifier) || !nb || !ts.isNamedImports(nb)) return [];
      return [{ spec: st.moduleSpecifier.text, names: nb.elements.map((el) => (el.propertyName ?? el.name).text) }];
    }),
  );
  const addImport = (spec: TS.StringLiteralLike, kind: ImportSiteFact['kind'], names: string[], typeOnly: boolean) => {
    cx.out.imports.push({ specifier: spec.text, kind, names, typeOnly, ...cx.pos(spec.getStart(sf), spec.getEnd()) });
    if (typeOnly || !importChoosesLibrary(spec.text, names, brandPackages)) return;
    const known = kind === 'import' || kind === 'export-from' ? (names.length ? names : null) : null;
    for (const ref of matchImport(spec.text, known)) cx.addUsage(ref, 'import', spec, `import ${spec.text}`);
  };
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const clause = st.importClause;
      const names: string[] = [];
      let allTypes = !!clause?.isTypeOnly;
      if (clause && !clause.isTypeOnly) {
        if (clause.name) {
          names.push('default');
          cx.bindings.set(clause.name.text, { specifier: st.moduleSpecifier.text, imported: 'default' });
        }
        const nb = clause.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) {
          names.push('*');
          cx.bindings.set(nb.name.text, { specifier: st.moduleSpecifier.text, imported: '*' });
        }
        if (nb && ts.isNamedImports(nb)) {
          for (const el of nb.elements) {
            if (el.isTypeOnly) continue;
            const imported = (el.propertyName ?? el.name).text;
            names.push(imported);
            cx.bindings.set(el.name.text, { specifier: st.moduleSpecifier.text, imported });
          }
        }
        allTypes = names.length === 0 && !!(clause.name || clause.namedBindings);
      }
      addImport(st.moduleSpecifier, 'import', names, allTypes);
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      const names = !st.exportClause
        ? ['*']
        : ts.isNamespaceExport(st.exportClause)
          ? ['*']
          : st.exportClause.elements.map((e) => (e.propertyName ?? e.name).getText(sf));
      addImport(st.moduleSpecifier, 'export-from', names, st.isTypeOnly);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) collectRequire(cx, d);
    }
  }
}

/** `const axios = require('axios')`, `const { v4 } = require('uuid')`: bindings like imports. */
function collectRequire(cx: DriftContext, d: TS.VariableDeclaration): void {
  const { ts } = cx;
  const init = d.initializer;
  if (
    !init ||
    !ts.isCallExpression(init) ||
    !ts.isIdentifier(init.expression) ||
    init.expression.text !== 'require' ||
    !init.arguments[0] ||
    !ts.isStringLiteralLike(init.arguments[0])
  )
    return;
  const spec = init.arguments[0].text;
  if (ts.isIdentifier(d.name)) cx.bindings.set(d.name.text, { specifier: spec, imported: 'default' });
  else if (ts.isObjectBindingPattern(d.name)) {
    for (const el of d.name.elements) {
      if (ts.isIdentifier(el.name))
        cx.bindings.set(el.name.text, {
          specifier: spec,
          imported: el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text,
        });
    }
  }
}
