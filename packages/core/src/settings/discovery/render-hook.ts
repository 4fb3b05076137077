import type * as TS from 'typescript';
import type { TypeScript } from '../../check.js';

/** `HTMLButtonElement` -> `button`: the ref types a control component forwards. */
const REF_ELEMENTS: Record<string, string> = {
  HTMLButtonElement: 'button',
  HTMLAnchorElement: 'a',
  HTMLInputElement: 'input',
  HTMLSelectElement: 'select',
  HTMLTextAreaElement: 'textarea',
  HTMLDialogElement: 'dialog',
  HTMLImageElement: 'img',
};

const CONTROLS = new Set(Object.values(REF_ELEMENTS));

/** The string a `defaultTagName: 'button'` (Base UI's `useRender`) or `createElement('button', ...)` names, if any. */
function renderedTag(ts: TypeScript, body: TS.Node): string | null {
  let tag: string | null = null;
  const visit = (n: TS.Node): void => {
    if (tag) return;
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'defaultTagName' && ts.isStringLiteralLike(n.initializer))
      tag = n.initializer.text;
    else if (
      ts.isCallExpression(n) &&
      /(^|\.)createElement$/.test(n.expression.getText()) &&
      n.arguments[0] &&
      ts.isStringLiteralLike(n.arguments[0])
    )
      tag = n.arguments[0].text;
    else ts.forEachChild(n, visit);
  };
  visit(body);
  return tag && /^[a-z][a-z0-9]*$/.test(tag) ? tag : null;
}

/**
 * Exported `forwardRef` components that render through a render hook instead of JSX (`useRender({ defaultTagName:
 * 'button' })` of Base UI, `createElement('button')`): the element is the tag they render by default, else the one
 * their ref type names (`forwardRef<HTMLButtonElement>`). Read as none before: typebot.io's `@typebot.io/ui` Button,
 * imported by 100+ files, was missing from its design system.
 */
export function renderHookComponents(ts: TypeScript, sf: TS.SourceFile): Array<{ name: string; element: string }> {
  const exported = new Set<string>();
  for (const st of sf.statements)
    if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause))
      for (const el of st.exportClause.elements) exported.add((el.propertyName ?? el.name).text);
  const out: Array<{ name: string; element: string }> = [];
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    const isExported = !!ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    for (const d of st.declarationList.declarations) {
      const init = d.initializer;
      if (!ts.isIdentifier(d.name) || !/^[A-Z]/.test(d.name.text) || !init || !ts.isCallExpression(init)) continue;
      if (!/(^|\.)forwardRef$/.test(init.expression.getText()) || !(isExported || exported.has(d.name.text))) continue;
      const refType = init.typeArguments?.[0];
      const fromRef =
        refType && ts.isTypeReferenceNode(refType) ? REF_ELEMENTS[refType.typeName.getText().replace(/^React\./, '')] : undefined;
      const element = renderedTag(ts, init) ?? fromRef;
      // only the controls a raw element is sent to: a `span` or `div` rendered so is a layout piece, not a primitive
      if (element && CONTROLS.has(element)) out.push({ name: d.name.text, element });
    }
  }
  return out;
}
