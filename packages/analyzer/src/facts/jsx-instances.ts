import { jsxTagText, rawElementKeyOf } from '@plumbline/core';
import type * as TS from 'typescript';
import { defineExtractor } from '../facts.js';

/** The JSX instances of one tag in a file, with where the tag's binding comes from. */
export interface JsxInstanceFact {
  /** `button`, `input[type=checkbox]`, `button[container]` (raw elements, see rawElementKeyOf), `Button`, `UI.Button` */
  tag: string;
  count: number;
  /** 1-based line of the first instance */
  line: number;
  /** intrinsic: a raw element; import: bound by an import; local: declared in this file; unknown: a parameter, a global */
  origin: 'intrinsic' | 'import' | 'local' | 'unknown';
  /** the import specifier, for origin import */
  from?: string;
  /** the imported name (`default`, `Button`; for `UI.Button` with `import * as UI`, `Button`) */
  imported?: string;
}

export interface JsxInstanceFacts {
  instances: JsxInstanceFact[];
}

interface Binding {
  from: string;
  imported: string;
}

/** Every JSX element of a file, grouped by tag, with the import its tag is bound to (for design-system adoption). */
export const extractor = defineExtractor<JsxInstanceFacts>({
  name: 'jsx-instances',
  languages: ['ts'],
  extract({ ts, sourceFile: sf }) {
    if (!sf) return { instances: [] };
    const imports = new Map<string, Binding>();
    const namespaces = new Map<string, string>();
    const locals = new Set<string>();
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.importClause && !st.importClause.isTypeOnly) {
        const from = st.moduleSpecifier.text;
        const clause = st.importClause;
        if (clause.name) imports.set(clause.name.text, { from, imported: 'default' });
        const nb = clause.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) namespaces.set(nb.name.text, from);
        if (nb && ts.isNamedImports(nb))
          for (const el of nb.elements) imports.set(el.name.text, { from, imported: (el.propertyName ?? el.name).text });
      } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) locals.add(st.name.text);
      else if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) locals.add(d.name.text);
      }
    }
    const byTag = new Map<string, JsxInstanceFact>();
    const visit = (n: TS.Node): void => {
      if (ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) {
        const text = jsxTagText(ts, n.tagName);
        const intrinsic = /^[a-z]/.test(text) && !text.includes('.');
        const tag = intrinsic ? rawElementKeyOf(ts, n, text) : text;
        let fact = byTag.get(tag);
        if (!fact) {
          const line = ts.getLineAndCharacterOfPosition(sf, n.getStart(sf)).line + 1;
          fact = { tag, count: 0, line, origin: 'unknown' };
          if (intrinsic) fact.origin = 'intrinsic';
          else {
            const [head, ...rest] = text.split('.');
            const imp = imports.get(head!);
            const ns = namespaces.get(head!);
            if (imp && rest.length === 0) Object.assign(fact, { origin: 'import', from: imp.from, imported: imp.imported });
            else if (ns && rest.length === 1) Object.assign(fact, { origin: 'import', from: ns, imported: rest[0] });
            else if (imp) Object.assign(fact, { origin: 'import', from: imp.from, imported: `${imp.imported}.${rest.join('.')}` });
            else if (locals.has(head!)) fact.origin = 'local';
          }
          byTag.set(tag, fact);
        }
        fact.count++;
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    return { instances: [...byTag.values()].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0)) };
  },
});
