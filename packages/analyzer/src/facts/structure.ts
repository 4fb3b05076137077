import type * as TS from 'typescript';
import type { TypeScript } from '@plumbline/core';
import { defineExtractor } from '../facts.js';
import { containsJsx, hasModifier } from '@plumbline/core';

export interface ImportFact {
  specifier: string;
  kind: 'import' | 'export-from' | 'require' | 'dynamic';
  /** imported name -> local name; `default` and `*` for default and namespace imports */
  names: Array<{ imported: string; local: string }>;
  typeOnly: boolean;
  line: number;
}

export interface ExportFact {
  /** exported name (`default` for default exports) */
  name: string;
  /** local declaration name, when it differs or is known */
  local?: string;
  kind: 'declaration' | 'named' | 'default' | 're-export' | 're-export-all';
  from?: string;
  line: number;
}

export interface DeclarationFact {
  name: string;
  kind: 'function' | 'class' | 'interface' | 'type' | 'enum' | 'variable';
  exported: boolean;
  line: number;
  endLine: number;
}

export interface ComponentFact {
  name: string;
  kind: 'function' | 'arrow' | 'forwardRef' | 'memo' | 'class' | 'styled';
  exported: boolean;
  line: number;
  endLine: number;
}

export interface JsxUsageFact {
  /** `button`, `Button`, `Icons.Close` */
  name: string;
  count: number;
  /** up to five 1-based lines */
  lines: number[];
}

export interface StructureFacts {
  imports: ImportFact[];
  exports: ExportFact[];
  declarations: DeclarationFact[];
  components: ComponentFact[];
  jsx: JsxUsageFact[];
}

const isPascal = (name: string) => /^[A-Z][A-Za-z0-9]*$/.test(name);

export function jsxTagName(ts: TypeScript, tag: TS.JsxTagNameExpression): string {
  if (ts.isIdentifier(tag)) return tag.text;
  if (ts.isPropertyAccessExpression(tag)) return `${jsxTagName(ts, tag.expression as TS.JsxTagNameExpression)}.${tag.name.text}`;
  if (ts.isJsxNamespacedName(tag)) return `${tag.namespace.text}:${tag.name.text}`;
  return tag.kind === ts.SyntaxKind.ThisKeyword ? 'this' : (tag as TS.Node).getText();
}

/** The function a component is wrapped in: forwardRef(fn), memo(fn), React.memo(forwardRef(fn)). */
function unwrapComponentCall(ts: TypeScript, expr: TS.Expression): { kind: ComponentFact['kind']; fn?: TS.Node } | undefined {
  if (ts.isArrowFunction(expr) || ts.isFunctionExpression(expr)) return { kind: ts.isArrowFunction(expr) ? 'arrow' : 'function', fn: expr };
  if (ts.isCallExpression(expr)) {
    const callee = expr.expression.getText();
    const base = callee.replace(/^React\./, '');
    if ((base === 'forwardRef' || base === 'memo') && expr.arguments[0]) {
      const inner = unwrapComponentCall(ts, expr.arguments[0]);
      if (inner) return { kind: base === 'memo' && inner.kind !== 'forwardRef' ? 'memo' : base, fn: inner.fn };
      return { kind: base };
    }
    if (/^styled(\.|\()/.test(callee) || /^styled$/.test(callee)) return { kind: 'styled' };
  }
  if (ts.isTaggedTemplateExpression(expr)) {
    const tag = expr.tag.getText();
    if (/^styled[.(]/.test(tag) || /^styled\(/.test(tag)) return { kind: 'styled' };
  }
  return undefined;
}

function line(ts: TypeScript, sf: TS.SourceFile, pos: number): number {
  return ts.getLineAndCharacterOfPosition(sf, pos).line + 1;
}

export const extractor = defineExtractor<StructureFacts>({
  name: 'structure',
  languages: ['ts'],
  extract({ ts, sourceFile: sf }) {
    const out: StructureFacts = { imports: [], exports: [], declarations: [], components: [], jsx: [] };
    if (!sf) return out;
    const L = (n: TS.Node) => line(ts, sf, n.getStart(sf));
    const E = (n: TS.Node) => line(ts, sf, n.getEnd());
    const jsx = new Map<string, JsxUsageFact>();

    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
        const names: ImportFact['names'] = [];
        const clause = st.importClause;
        if (clause?.name) names.push({ imported: 'default', local: clause.name.text });
        const nb = clause?.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) names.push({ imported: '*', local: nb.name.text });
        if (nb && ts.isNamedImports(nb))
          for (const el of nb.elements) names.push({ imported: (el.propertyName ?? el.name).text, local: el.name.text });
        out.imports.push({ specifier: st.moduleSpecifier.text, kind: 'import', names, typeOnly: !!clause?.isTypeOnly, line: L(st) });
      } else if (ts.isExportDeclaration(st)) {
        const from = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
        if (from) out.imports.push({ specifier: from, kind: 'export-from', names: [], typeOnly: st.isTypeOnly, line: L(st) });
        if (!st.exportClause) out.exports.push({ name: '*', kind: 're-export-all', ...(from ? { from } : {}), line: L(st) });
        else if (ts.isNamespaceExport(st.exportClause))
          out.exports.push({ name: st.exportClause.name.text, kind: 're-export', ...(from ? { from } : {}), local: '*', line: L(st) });
        else
          for (const el of st.exportClause.elements) {
            const local = (el.propertyName ?? el.name).getText(sf);
            out.exports.push({
              name: el.name.getText(sf),
              local,
              kind: from ? 're-export' : 'named',
              ...(from ? { from } : {}),
              line: L(st),
            });
            if (from) out.imports[out.imports.length - 1]!.names.push({ imported: local, local: el.name.getText(sf) });
          }
      } else if (ts.isExportAssignment(st)) {
        out.exports.push({
          name: 'default',
          kind: 'default',
          ...(ts.isIdentifier(st.expression) ? { local: st.expression.text } : {}),
          line: L(st),
        });
      } else {
        const exported = hasModifier(ts, st, ts.SyntaxKind.ExportKeyword);
        const isDefault = hasModifier(ts, st, ts.SyntaxKind.DefaultKeyword);
        const decl = (name: string, kind: DeclarationFact['kind'], node: TS.Node) => {
          out.declarations.push({ name, kind, exported, line: L(node), endLine: E(node) });
          if (exported)
            out.exports.push({
              name: isDefault ? 'default' : name,
              local: name,
              kind: isDefault ? 'default' : 'declaration',
              line: L(node),
            });
        };
        if (ts.isFunctionDeclaration(st) && st.body) {
          const name = st.name?.text ?? 'default';
          decl(name, 'function', st);
          if ((isPascal(name) || (isDefault && !st.name)) && containsJsx(ts, st.body)) {
            out.components.push({ name, kind: 'function', exported, line: L(st), endLine: E(st) });
          }
        } else if (ts.isClassDeclaration(st)) {
          const name = st.name?.text ?? 'default';
          decl(name, 'class', st);
          const ext = st.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression.getText(sf);
          if (ext && /^(React\.)?(Pure)?Component$/.test(ext))
            out.components.push({ name, kind: 'class', exported, line: L(st), endLine: E(st) });
        } else if (ts.isInterfaceDeclaration(st)) decl(st.name.text, 'interface', st);
        else if (ts.isTypeAliasDeclaration(st)) decl(st.name.text, 'type', st);
        else if (ts.isEnumDeclaration(st)) decl(st.name.text, 'enum', st);
        else if (ts.isVariableStatement(st)) {
          for (const d of st.declarationList.declarations) {
            if (!ts.isIdentifier(d.name)) continue;
            decl(d.name.text, 'variable', d);
            if (d.initializer && isPascal(d.name.text)) {
              const c = unwrapComponentCall(ts, d.initializer);
              if (c && (c.kind === 'styled' || !c.fn || containsJsx(ts, c.fn))) {
                out.components.push({ name: d.name.text, kind: c.kind, exported, line: L(d), endLine: E(d) });
              }
            }
          }
        }
      }
    }
    const visit = (n: TS.Node): void => {
      if (ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) {
        const name = jsxTagName(ts, n.tagName);
        const u = jsx.get(name) ?? { name, count: 0, lines: [] };
        u.count++;
        if (u.lines.length < 5) u.lines.push(L(n));
        jsx.set(name, u);
      } else if (ts.isCallExpression(n)) {
        const callee = n.expression;
        const arg = n.arguments[0];
        if (arg && ts.isStringLiteralLike(arg)) {
          if (ts.isIdentifier(callee) && callee.text === 'require' && n.arguments.length === 1) {
            out.imports.push({ specifier: arg.text, kind: 'require', names: [], typeOnly: false, line: L(n) });
          } else if (callee.kind === ts.SyntaxKind.ImportKeyword) {
            out.imports.push({ specifier: arg.text, kind: 'dynamic', names: [], typeOnly: false, line: L(n) });
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    out.jsx = [...jsx.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return out;
  },
});
