import type * as TS from 'typescript';
import { defineCheck } from '../check.js';
import type { CheckSettings, TypeScript } from '../check.js';
import { dottedName, hasDirective, looksLikeTest, originOf } from './pass-through-function.js';
import { hasModifier } from '../ast.js';

export interface Options {
  /** also report wrappers whose target component is imported from an npm package */
  includePackageTargets: boolean;
}
export type MessageIds = 'passThroughComponent';

const isPascal = (name: string) => /^[A-Z][A-Za-z0-9_]*$/.test(name);

/** Files whose default export a router requires (Next.js app and pages routers, Remix, Expo Router). */
const ROUTE_FILE = /(^|\/)(app|pages|routes)\/(.*\/)?[^/]+\.[jt]sx?$/;

type ComponentFn = TS.FunctionDeclaration | TS.ArrowFunction | TS.FunctionExpression;

export interface ComponentLayer {
  fn: ComponentFn;
  name: string;
  nameNode: TS.Node;
  exported: boolean;
  isDefault: boolean;
}

/**
 * Module-level components written as plain functions: `function Name(..)`, `const Name = (..) => ..`.
 * `memo(..)` and `forwardRef(..)` wrappers are left out: memoising and forwarding a ref are jobs.
 */
export function moduleComponents(ts: TypeScript, sf: TS.SourceFile): ComponentLayer[] {
  const out: ComponentLayer[] = [];
  for (const st of sf.statements) {
    const exported = hasModifier(ts, st, ts.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(ts, st, ts.SyntaxKind.DefaultKeyword);
    if (ts.isFunctionDeclaration(st) && st.body && st.name && isPascal(st.name.text)) {
      out.push({ fn: st, name: st.name.text, nameNode: st.name, exported, isDefault });
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        let init = d.initializer;
        while (init && (ts.isParenthesizedExpression(init) || ts.isSatisfiesExpression(init))) init = init.expression;
        if (ts.isIdentifier(d.name) && isPascal(d.name.text) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
          out.push({ fn: init, name: d.name.text, nameNode: d.name, exported, isDefault: false });
        }
      }
    }
  }
  // `export default Name` makes a declared component the default export
  for (const st of sf.statements) {
    if (ts.isExportAssignment(st) && !st.isExportEquals && ts.isIdentifier(st.expression)) {
      const c = out.find((x) => x.name === (st.expression as TS.Identifier).text);
      if (c) c.isDefault = true;
    }
  }
  return out;
}

/** The only thing a body renders: `return <X ../>`, `=> <X ../>`, possibly parenthesised. */
function onlyElement(ts: TypeScript, fn: ComponentFn): TS.JsxElement | TS.JsxSelfClosingElement | undefined {
  const unwrap = (e: TS.Expression | undefined) => {
    while (e && ts.isParenthesizedExpression(e)) e = e.expression;
    return e && (ts.isJsxElement(e) || ts.isJsxSelfClosingElement(e)) ? e : undefined;
  };
  const body = fn.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return unwrap(body);
  if (body.statements.length !== 1) return undefined;
  const st = body.statements[0]!;
  return ts.isReturnStatement(st) ? unwrap(st.expression) : undefined;
}

/** JSX children that are only whitespace, or exactly `{children}` / `{props.children}`. */
function childrenText(ts: TypeScript, el: TS.JsxElement | TS.JsxSelfClosingElement): string | null | undefined {
  if (ts.isJsxSelfClosingElement(el)) return null;
  const meaningful = el.children.filter((c) => !(ts.isJsxText(c) && c.containsOnlyTriviaWhiteSpaces));
  if (meaningful.length === 0) return null;
  const only = meaningful[0]!;
  if (meaningful.length === 1 && ts.isJsxExpression(only) && only.expression && !only.dotDotDotToken) {
    const n = dottedName(ts, only.expression);
    if (n) return n.text;
  }
  return undefined; // renders more than what it was given
}

/**
 * Whether a props annotation declares a narrower or different API than the target's own props: a type
 * literal, `Omit`/`Pick`/`Partial`, an intersection, or a local type that declares members. The target's
 * own props (`ComponentProps<typeof X>`, `XProps`, a type imported from X's module) are not narrower.
 */
function narrowsProps(ts: TypeScript, sf: TS.SourceFile, annotation: TS.TypeNode | undefined, target: string): boolean {
  if (!annotation || annotation.kind === ts.SyntaxKind.AnyKeyword || annotation.kind === ts.SyntaxKind.UnknownKeyword) return false;
  const targetRoot = target.split('.')[0]!;
  const mentionsTarget = (t: TS.Node) => {
    const text = t.getText(sf);
    return (
      new RegExp(`\\btypeof\\s+${target.replace(/\./g, '\\.')}\\b`).test(text) ||
      new RegExp(`^(React\\.)?${target.replace(/\./g, '')}Props\\b`).test(text)
    );
  };
  if (ts.isTypeReferenceNode(annotation)) {
    const name = annotation.typeName.getText(sf);
    if (/^(Omit|Pick|Partial|Required|Readonly)$/.test(name)) return true;
    if (mentionsTarget(annotation)) return false;
    if (annotation.typeArguments?.length) return true;
    // a type declared here: same API only when it is the target's props under another name
    for (const st of sf.statements) {
      if (ts.isTypeAliasDeclaration(st) && st.name.text === name)
        return st.typeParameters?.length ? true : narrowsProps(ts, sf, st.type, target);
      if (ts.isInterfaceDeclaration(st) && st.name.text === name) {
        return st.members.length > 0 || !st.heritageClauses?.every((h) => h.types.every((t) => mentionsTarget(t)));
      }
    }
    // an imported type: the same API when it comes from the module the target comes from
    const from = (id: string) => {
      for (const st of sf.statements) {
        if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.importClause) continue;
        const c = st.importClause;
        const names = [
          c.name?.text,
          ...(c.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements.map((e) => e.name.text) : []),
          c.namedBindings && ts.isNamespaceImport(c.namedBindings) ? c.namedBindings.name.text : undefined,
        ];
        if (names.includes(id)) return st.moduleSpecifier.text;
      }
      return undefined;
    };
    const typeModule = from(name.split('.')[0]!);
    return !(typeModule !== undefined && typeModule === from(targetRoot));
  }
  return true; // literals, intersections, unions, mapped types
}

export interface ForwardedElement {
  element: TS.JsxElement | TS.JsxSelfClosingElement;
  /** the rendered component as written: `Button`, `Dialog.Root` */
  target: string;
  root: string;
}

/**
 * The element a component's whole render consists of, when it receives the component's props unchanged
 * and nothing else: `{...props}`, or every destructured prop once under its own name (`a={a}`,
 * `{...rest}`, `{children}`), with no defaults, renames or other attributes.
 */
export function forwardedElement(ts: TypeScript, sf: TS.SourceFile, fn: ComponentFn): ForwardedElement | undefined {
  if (fn.typeParameters?.length || fn.parameters.length !== 1) return undefined;
  const el = onlyElement(ts, fn);
  if (!el) return undefined;
  const tagNode = ts.isJsxElement(el) ? el.openingElement.tagName : el.tagName;
  const tag = dottedName(ts, tagNode as TS.Expression);
  if (!tag || tag.root === 'this' || !/^[A-Z]/.test(tag.text.split('.').pop()!)) return undefined; // DOM elements are not layers
  const opening = ts.isJsxElement(el) ? el.openingElement : el;
  if (opening.typeArguments?.length) return undefined;
  const attrs = opening.attributes.properties;
  const children = childrenText(ts, el);
  if (children === undefined) return undefined;
  const param = fn.parameters[0]!;
  if (param.initializer || param.dotDotDotToken) return undefined;
  if (narrowsProps(ts, sf, param.type, tag.text)) return undefined;
  if (ts.isIdentifier(param.name)) {
    const props = param.name.text;
    if (tag.root === props) return undefined;
    if (attrs.length !== 1) return undefined;
    const a = attrs[0]!;
    if (!ts.isJsxSpreadAttribute(a) || !ts.isIdentifier(a.expression) || a.expression.text !== props) return undefined;
    if (children !== null && children !== `${props}.children`) return undefined;
    return { element: el, target: tag.text, root: tag.root };
  }
  if (!ts.isObjectBindingPattern(param.name)) return undefined;
  const wanted = new Map<string, 'prop' | 'rest'>();
  for (const b of param.name.elements) {
    if (b.initializer || b.propertyName || !ts.isIdentifier(b.name)) return undefined; // defaults and renames adapt
    wanted.set(b.name.text, b.dotDotDotToken ? 'rest' : 'prop');
  }
  if (wanted.has(tag.root)) return undefined;
  const seen = new Set<string>();
  for (const a of attrs) {
    if (ts.isJsxSpreadAttribute(a)) {
      if (!ts.isIdentifier(a.expression) || wanted.get(a.expression.text) !== 'rest') return undefined;
      seen.add(a.expression.text);
      continue;
    }
    const name = a.name.getText(sf);
    const init = a.initializer;
    if (!init || !ts.isJsxExpression(init) || !init.expression || !ts.isIdentifier(init.expression)) return undefined;
    if (init.expression.text !== name || wanted.get(name) !== 'prop' || seen.has(name)) return undefined;
    seen.add(name);
  }
  if (children !== null) {
    if (children !== 'children' || wanted.get('children') !== 'prop' || seen.has('children')) return undefined;
    seen.add('children');
  }
  if (seen.size !== wanted.size) return undefined; // drops a prop: it adapts
  return { element: el, target: tag.text, root: tag.root };
}

/** Whether a router or a module boundary requires this component to exist as it is. */
export function componentFrameworkRequired(ts: TypeScript, sf: TS.SourceFile, path: string, c: ComponentLayer): boolean {
  if (c.isDefault && ROUTE_FILE.test(path)) return true; // pages, layouts, route modules
  // a 'use client' file moves the client boundary: its wrappers are the boundary
  return hasDirective(ts, sf, 'use client');
}

export interface PassThroughComponent extends ComponentLayer {
  target: string;
  root: string;
}

/**
 * Whether a file belongs to a published library: a workspace package that is not private and names an entry
 * in its package.json. Its exported components are API its users import by name, whatever they render.
 */
export function inPublishedLibrary(path: string, settings: CheckSettings | undefined): boolean {
  const packages = (settings?.modules as { packages?: Array<{ dir: string; private: boolean; declaresEntry?: boolean }> } | undefined)
    ?.packages;
  let best: { dir: string; private: boolean; declaresEntry?: boolean } | undefined;
  for (const p of packages ?? []) if ((p.dir === '' || path.startsWith(`${p.dir}/`)) && (!best || p.dir.length > best.dir.length)) best = p;
  return !!best && best.dir !== '' && !best.private && !!best.declaresEntry;
}

/** Every module-level component of the file that only renders another with its own props. */
export function passThroughComponents(ts: TypeScript, sf: TS.SourceFile, path: string, settings?: CheckSettings): PassThroughComponent[] {
  const out: PassThroughComponent[] = [];
  const published = inPublishedLibrary(path, settings);
  for (const c of moduleComponents(ts, sf)) {
    const fwd = forwardedElement(ts, sf, c.fn);
    if (!fwd || fwd.target === c.name) continue;
    // a context's Provider component (`<SaveContext.Provider value={value}>`) names the context for its users
    if (/\.Provider$/.test(fwd.target)) continue;
    if (published && c.exported) continue;
    if (componentFrameworkRequired(ts, sf, path, c)) continue;
    out.push({ ...c, target: fwd.target, root: fwd.root });
  }
  return out;
}

export const passThroughComponent = defineCheck<Options, MessageIds>({
  meta: {
    id: 'pass-through-component',
    category: 'abstraction',
    description: 'Reports components whose whole render is one element of another component receiving their own props unchanged.',
    defaultEffortMinutes: 10,
    defaultSeverity: 'warning',
    preset: 'all',
    scope: 'file',
    messages: {
      passThroughComponent:
        '`{{name}}` only renders `<{{target}}>` with its own props: use `<{{target}}>` directly, or give `{{name}}` a job.',
    },
    defaultOptions: { includePackageTargets: false },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        includePackageTargets: {
          type: 'boolean',
          description: 'Also report wrappers around components imported from npm packages (adapters to a UI library are quiet by default).',
        },
      },
    },
  },
  run(ctx) {
    const { ts, sourceFile } = ctx;
    if (ctx.isTestFile || looksLikeTest(ts, sourceFile)) return; // stories and tests render `<X {...args} />` on purpose
    for (const c of passThroughComponents(ts, sourceFile, ctx.filePath, ctx.settings)) {
      const origin = originOf(ts, sourceFile, c.root, ctx.settings);
      if (origin === 'unknown') continue;
      if (origin === 'package-import' && !ctx.options.includePackageTargets) continue;
      ctx.report({
        node: c.nameNode,
        messageId: 'passThroughComponent',
        data: { name: c.name, target: c.target },
        fingerprintCode: `<${c.name}>-><${c.target}>`,
      });
    }
  },
});
