import type * as TS from 'typescript';
import { containsJsx, hasModifier } from '@plumbline/core';
import type { DriftContext } from './context.js';
import type { WrapperTracker } from './wrappers.js';

const FC_TYPE = /^(React\.)?(FC|FunctionComponent|VFC|VoidFunctionComponent|NextPage)\b/;
const MULTI_EXPORT_COMPANION = /^use[A-Z]|^[A-Z]\w*Context$/;
const isPascal = (name: string) => /^[A-Z][A-Za-z0-9]*$/.test(name);

/** The component idioms of a file: how each top-level component is declared, and how the file exports them. */
export function collectComponentIdioms(cx: DriftContext, wrappers: WrapperTracker): void {
  const { ts, sf } = cx;
  const components = new Map<string, { variant: string; node: TS.Node }>();
  let defaultExported: { name: string; node: TS.Node } | undefined;
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.body) {
      const name = st.name?.text ?? (hasModifier(ts, st, ts.SyntaxKind.DefaultKeyword) ? 'default' : '');
      if ((isPascal(name) || name === 'default') && containsJsx(ts, st.body)) {
        components.set(name, { variant: 'function', node: st.name ?? st });
        if (hasModifier(ts, st, ts.SyntaxKind.DefaultKeyword)) defaultExported = { name, node: st.name ?? st };
      }
    } else if (ts.isClassDeclaration(st) && st.name) {
      const ext = st.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression.getText(sf);
      if (ext && /^(React\.)?(Pure)?Component$/.test(ext)) {
        components.set(st.name.text, { variant: 'class', node: st.name });
        if (hasModifier(ts, st, ts.SyntaxKind.DefaultKeyword)) defaultExported = { name: st.name.text, node: st.name };
      }
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !isPascal(d.name.text) || !d.initializer) continue;
        if (ts.isArrowFunction(d.initializer) && containsJsx(ts, d.initializer)) {
          const typed = d.type && FC_TYPE.test(d.type.getText(sf));
          components.set(d.name.text, { variant: typed ? 'react-fc' : 'arrow', node: d.name });
        }
      }
    } else if (ts.isExportAssignment(st) && !st.isExportEquals) {
      let e: TS.Expression = st.expression;
      while (ts.isCallExpression(e) && e.arguments[0] && /^(React\.)?(memo|forwardRef|observer)$/.test(e.expression.getText(sf)))
        e = e.arguments[0];
      if (ts.isIdentifier(e)) defaultExported = { name: e.text, node: st };
    }
  }
  for (const [name, c] of components) cx.addIdiom('component-declaration', c.variant, c.node, `${c.variant} ${name}`);
  const exportedComponent = [...components.entries()].find(([name]) => wrappers.exportedNames(name).some((e) => e !== 'default'));
  // a component exported both by name and as the default (`export function Card` + `export default Card`)
  // can be imported either way: it follows whichever convention the repository has, so it is no vote
  const both = defaultExported && wrappers.exportedNames(defaultExported.name).some((e) => e !== 'default');
  if (both) return;
  if (defaultExported && components.has(defaultExported.name))
    cx.addIdiom('component-export', 'default', defaultExported.node, 'export default');
  // a module that exports a hook or a context beside its components (a context module: provider plus
  // `useX`) has several exports to name, so named exports are its only form, not a style choice
  else if (exportedComponent && !wrappers.allExportedNames().some((n) => MULTI_EXPORT_COMPANION.test(n)))
    cx.addIdiom('component-export', 'named', exportedComponent[1].node, 'export named');
}
