import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSource, typescript as ts } from '@plumbline/analyzer';
import type * as TS from 'typescript';

export interface PropInfo {
  name: string;
  type: string;
  optional: boolean;
  /** the first line of its doc comment */
  doc?: string;
}

export interface ComponentProps {
  props: PropInfo[];
  /** types the props extend (`ButtonHTMLAttributes<HTMLButtonElement>`): their props are accepted too */
  extends: string[];
}

const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function membersOf(sf: TS.SourceFile, node: TS.TypeElement[] | TS.NodeArray<TS.TypeElement>): PropInfo[] {
  const out: PropInfo[] = [];
  for (const m of node) {
    if (!ts.isPropertySignature(m) && !ts.isMethodSignature(m)) continue;
    const name = m.name.getText(sf);
    const doc = ts
      .getJSDocCommentsAndTags(m)
      .map((d) => (typeof d.comment === 'string' ? d.comment : ''))
      .find((c) => c.trim());
    out.push({
      name,
      type: clip(m.type ? m.type.getText(sf).replace(/\s+/g, ' ') : ts.isMethodSignature(m) ? 'function' : 'unknown'),
      optional: !!m.questionToken,
      ...(doc ? { doc: clip(doc.split('\n')[0]!.trim()) } : {}),
    });
  }
  return out;
}

/** The props declared by a type: an interface or type alias of this file (followed one level), or a type literal. */
function propsOfType(sf: TS.SourceFile, type: TS.TypeNode | undefined, depth = 0): ComponentProps | null {
  if (!type || depth > 3) return null;
  if (ts.isTypeLiteralNode(type)) return { props: membersOf(sf, type.members), extends: [] };
  if (ts.isIntersectionTypeNode(type)) {
    const out: ComponentProps = { props: [], extends: [] };
    for (const t of type.types) {
      const p = propsOfType(sf, t, depth + 1);
      if (p) {
        out.props.push(...p.props);
        out.extends.push(...p.extends);
      } else out.extends.push(clip(t.getText(sf)));
    }
    return out;
  }
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const name = type.typeName.text;
    for (const st of sf.statements) {
      if (ts.isInterfaceDeclaration(st) && st.name.text === name) {
        const ext = (st.heritageClauses ?? []).flatMap((h) => h.types.map((t) => clip(t.getText(sf))));
        return { props: membersOf(sf, st.members), extends: ext };
      }
      if (ts.isTypeAliasDeclaration(st) && st.name.text === name) return propsOfType(sf, st.type, depth + 1);
    }
  }
  return null;
}

/** The props type of a component declaration: its first parameter's, or forwardRef's second type argument. */
function declaredPropsType(sf: TS.SourceFile, name: string): TS.TypeNode | undefined {
  const fnParam = (fn: TS.SignatureDeclarationBase | undefined) => fn?.parameters[0]?.type;
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name?.text === name) return fnParam(st);
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || d.name.text !== name || !d.initializer) continue;
      let init: TS.Expression = d.initializer;
      while (ts.isCallExpression(init)) {
        const callee = init.expression.getText(sf).replace(/^React\./, '');
        if (callee === 'forwardRef' && init.typeArguments?.[1]) return init.typeArguments[1];
        const arg = init.arguments[0];
        if (!arg) break;
        init = arg;
      }
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return fnParam(init);
    }
  }
  return undefined;
}

/** The props of a component declared in `file` (root-relative), read from its source; null when they cannot be read statically. */
export function componentProps(root: string, file: string, name: string): ComponentProps | null {
  let text: string;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch {
    return null;
  }
  const parsed = parseSource(file, text);
  const sf = parsed.sourceFile;
  if (!sf) return null;
  const fromDeclaration = propsOfType(sf, declaredPropsType(sf, name));
  if (fromDeclaration) return fromDeclaration;
  // no typed parameter: the `<Name>Props` type of the file, by convention
  const named = sf.statements.find(
    (st) => (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && st.name.text === `${name}Props`,
  );
  return named ? propsOfType(sf, ts.factory.createTypeReferenceNode(`${name}Props`)) : null;
}
