import type * as TS from 'typescript';
import type { TypeScript } from './check.js';
import { hasModifier } from './ast.js';
import { rawElementKeyOf } from './design-system.js';

/**
 * React components found in one file and the structure of what they render. Used by the analyzer's
 * `components` facts (families, shadowing) and by the `designSystem` settings provider (which raw element
 * each design-system component wraps), so both read components the same way.
 */

export type ComponentKind = 'function' | 'arrow' | 'forwardRef' | 'memo' | 'class' | 'styled';

/** One node of a component's structural signature: element and component types, prop names, nesting. */
export interface SignatureNode {
  label: string;
  children: SignatureNode[];
}

export interface FoundComponent {
  name: string;
  kind: ComponentKind;
  exported: boolean;
  /** the declaration (for positions) and the name node */
  node: TS.Node;
  nameNode: TS.Node;
  /** the raw HTML element the component's main render starts with (`button` for `<button ...>`), if any */
  rootElement: string | null;
  /** that root's key by content and look (see rawElementKeyOf: `button[icon]`, `button[text]`, `input[group]`) */
  rootKey: string | null;
  /** the element its props or ref type name (`forwardRef<HTMLButtonElement>`, `ComponentProps<'button'>`) */
  elementHint: string | null;
  /** its rendered JSX tree, identifiers and literals abstracted; `$` when it renders several roots */
  tree: SignatureNode;
  /** element and component types it renders (`button`, `Button`, `Dialog.Content`) */
  tags: string[];
  /** the tag its main render starts with, element or component (`button`, `Link`, `DialogPrimitive.Close`) */
  rootTag: string | null;
  /** the interface it declares (see interfaceOf) */
  face: ComponentInterface;
}

/** What a component takes and how it passes it on: what tells a generic primitive from a feature component. */
export interface ComponentInterface {
  /** prop names it declares: destructured, read from `props`, or members of its props type declared in the file */
  props: string[];
  /** class names on its main root: the words of string literals in `className`, and `styles.x` of a stylesheet */
  classes: string[];
  /** it renders `children` (or spreads its props onto its root): a container for what the caller gives */
  passesChildren: boolean;
  /** calls of hooks (`useX(...)`) in its body */
  hooks: number;
}

const isPascal = (name: string) => /^[A-Z][A-Za-z0-9_]*$/.test(name);
/** Lower-case JSX tags are HTML/SVG elements. */
export const isIntrinsicTag = (tag: string) => /^[a-z][a-z0-9-]*$/.test(tag);

/** `HTMLButtonElement` -> `button`. */
const HTML_INTERFACES: Record<string, string> = {
  HTMLButtonElement: 'button',
  HTMLAnchorElement: 'a',
  HTMLInputElement: 'input',
  HTMLSelectElement: 'select',
  HTMLTextAreaElement: 'textarea',
  HTMLHeadingElement: 'h2',
  HTMLDialogElement: 'dialog',
  HTMLImageElement: 'img',
  HTMLLabelElement: 'label',
  HTMLFormElement: 'form',
  HTMLTableElement: 'table',
  HTMLUListElement: 'ul',
  HTMLOListElement: 'ol',
  HTMLLIElement: 'li',
  HTMLParagraphElement: 'p',
  HTMLSpanElement: 'span',
  HTMLDivElement: 'div',
};

export function jsxTagText(ts: TypeScript, tag: TS.JsxTagNameExpression): string {
  if (ts.isIdentifier(tag)) return tag.text;
  if (ts.isPropertyAccessExpression(tag)) return `${jsxTagText(ts, tag.expression as TS.JsxTagNameExpression)}.${tag.name.text}`;
  if (ts.isJsxNamespacedName(tag)) return `${tag.namespace.text}:${tag.name.text}`;
  return tag.kind === ts.SyntaxKind.ThisKeyword ? 'this' : 'unknown';
}

const isFunctionLike = (ts: TypeScript, n: TS.Node): n is TS.FunctionLikeDeclaration =>
  ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n);

const isJsxRoot = (ts: TypeScript, n: TS.Node): n is TS.JsxElement | TS.JsxSelfClosingElement | TS.JsxFragment =>
  ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n) || ts.isJsxFragment(n);

/** The outermost JSX expressions under `node` (not descending into them). */
function jsxRootsIn(ts: TypeScript, node: TS.Node, out: Array<TS.JsxElement | TS.JsxSelfClosingElement | TS.JsxFragment>): void {
  if (isJsxRoot(ts, node)) {
    out.push(node);
    return;
  }
  ts.forEachChild(node, (c) => jsxRootsIn(ts, c, out));
}

/** The expressions of the `return` statements of a function, not of functions nested in it. */
function returnedExpressions(ts: TypeScript, body: TS.Node): TS.Expression[] {
  const out: TS.Expression[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isReturnStatement(n)) {
      if (n.expression) out.push(n.expression);
      return;
    }
    if (isFunctionLike(ts, n) || ts.isClassLike(n)) return;
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}

function elementTag(ts: TypeScript, el: TS.JsxElement | TS.JsxSelfClosingElement): string {
  return jsxTagText(ts, ts.isJsxElement(el) ? el.openingElement.tagName : el.tagName);
}

/** The structural signature of one JSX expression. */
export function jsxSignature(
  ts: TypeScript,
  node: TS.JsxElement | TS.JsxSelfClosingElement | TS.JsxFragment,
  tags: Set<string>,
): SignatureNode {
  if (ts.isJsxFragment(node)) return { label: '<>', children: jsxChildrenSignature(ts, node.children, tags) };
  const tag = elementTag(ts, node);
  tags.add(tag);
  const attributes = (ts.isJsxElement(node) ? node.openingElement : node).attributes.properties;
  const props: SignatureNode[] = [];
  const nested: SignatureNode[] = [];
  for (const a of attributes) {
    if (ts.isJsxSpreadAttribute(a)) props.push({ label: '@...', children: [] });
    else {
      const name = ts.isIdentifier(a.name) ? a.name.text : `${a.name.namespace.text}:${a.name.name.text}`;
      props.push({ label: `@${name}`, children: [] });
      // JSX passed as a prop (icon={<Icon />}, render props) is part of what renders
      if (a.initializer && ts.isJsxExpression(a.initializer) && a.initializer.expression) {
        const roots: Array<TS.JsxElement | TS.JsxSelfClosingElement | TS.JsxFragment> = [];
        jsxRootsIn(ts, a.initializer.expression, roots);
        if (roots.length) nested.push({ label: `@${name}=`, children: roots.map((r) => jsxSignature(ts, r, tags)) });
      } else if (a.initializer && isJsxRoot(ts, a.initializer)) {
        nested.push({ label: `@${name}=`, children: [jsxSignature(ts, a.initializer, tags)] });
      }
    }
  }
  props.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const children = ts.isJsxElement(node) ? jsxChildrenSignature(ts, node.children, tags) : [];
  // props hang under one `@` node, so a prop more or less changes the grams of that group, not of the children
  return { label: tag, children: [...(props.length ? [{ label: '@', children: props }] : []), ...nested, ...children] };
}

function jsxChildrenSignature(ts: TypeScript, children: TS.NodeArray<TS.JsxChild>, tags: Set<string>): SignatureNode[] {
  const out: SignatureNode[] = [];
  for (const c of children) {
    if (ts.isJsxText(c)) {
      // text and expressions are both content: literals and identifiers are abstracted alike
      if (!c.containsOnlyTriviaWhiteSpaces && c.text.trim()) out.push({ label: '{}', children: [] });
    } else if (ts.isJsxExpression(c)) {
      if (!c.expression) continue; // {/* comment */}
      const roots: Array<TS.JsxElement | TS.JsxSelfClosingElement | TS.JsxFragment> = [];
      jsxRootsIn(ts, c.expression, roots);
      out.push({ label: '{}', children: roots.map((r) => jsxSignature(ts, r, tags)) });
    } else out.push(jsxSignature(ts, c, tags));
  }
  return out;
}

/**
 * The component a render only configures: its tree is one component (`<FilterCheckbox options={..} render={..} />`,
 * `<SecondaryNav>` filled with its own parts), perhaps inside a wrapper of plain elements, and holds nothing else of
 * its own but those parts, a `Link` and at most four plain elements. null when the render builds more than that.
 */
export function configuredComponent(tree: SignatureNode): string | null {
  let node = tree;
  for (let depth = 0; depth < 3 && (isIntrinsicTag(node.label) || node.label === '<>'); depth++) {
    const big = node.children.filter((c) => c.label !== '@' && signatureSize(c) > 3);
    if (big.length !== 1 || /^[@{$]/.test(big[0]!.label)) return null;
    node = big[0]!;
  }
  const x = node.label;
  if (!/^[A-Z]/.test(x) || /^(React\.)?Fragment$/.test(x)) return null;
  const base = x.split('.')[0]!;
  let plain = 0;
  let others = 0;
  const visit = (n: SignatureNode): void => {
    const l = n.label;
    if (isIntrinsicTag(l)) plain++;
    else if (/^[A-Z]/.test(l) && !l.startsWith(base) && !/^(Link|(React\.)?Fragment)$/.test(l)) others++;
    n.children.forEach(visit);
  };
  visit(tree);
  return plain <= 4 && others === 0 ? x : null;
}

/** Number of nodes of a signature (the virtual `$` root and `@` prop groups not counted). */
export function signatureSize(node: SignatureNode): number {
  let n = node.label === '$' || node.label === '@' ? 0 : 1;
  for (const c of node.children) n += signatureSize(c);
  return n;
}

/** `styled.button`, `styled(Button)`, `styled.button.attrs(...)`, `styled('a')`: the styled target. */
function styledTarget(ts: TypeScript, expr: TS.Expression): { target: string; intrinsic: boolean } | undefined {
  let e: TS.Expression = expr;
  if (ts.isTaggedTemplateExpression(e)) e = e.tag;
  else if (ts.isCallExpression(e) && !isStyledFactory(ts, e.expression)) e = e.expression; // styled.div({...}) / styled(X)({...})
  for (let i = 0; i < 4; i++) {
    // .attrs(...) / .withConfig(...)
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && /^(attrs|withConfig)$/.test(e.expression.name.text)) {
      e = e.expression.expression;
    } else break;
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'styled') {
    return { target: e.name.text, intrinsic: isIntrinsicTag(e.name.text) };
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'styled' && e.arguments[0]) {
    const a = e.arguments[0];
    if (ts.isStringLiteralLike(a)) return { target: a.text, intrinsic: isIntrinsicTag(a.text) };
    if (ts.isIdentifier(a) || ts.isPropertyAccessExpression(a)) return { target: a.getText(), intrinsic: false };
  }
  return undefined;
}

function isStyledFactory(ts: TypeScript, e: TS.Expression): boolean {
  return (
    (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'styled') ||
    (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'styled')
  );
}

/** CSS property names and nested blocks of a styled template, literals and interpolations abstracted. */
function cssSignature(text: string): SignatureNode[] {
  const src = text.replace(/\$\{[^}]*\}/g, 'X').replace(/\/\*[\s\S]*?\*\//g, '');
  const stack: SignatureNode[] = [{ label: 'css', children: [] }];
  let buf = '';
  for (const ch of src) {
    if (ch === '{') {
      const block: SignatureNode = { label: `sel:${buf.trim().replace(/\s+/g, ' ').replace(/X/g, '*')}`, children: [] };
      stack[stack.length - 1]!.children.push(block);
      stack.push(block);
      buf = '';
    } else if (ch === '}') {
      flushDeclaration(buf, stack[stack.length - 1]!);
      if (stack.length > 1) stack.pop();
      buf = '';
    } else if (ch === ';') {
      flushDeclaration(buf, stack[stack.length - 1]!);
      buf = '';
    } else buf += ch;
  }
  flushDeclaration(buf, stack[stack.length - 1]!);
  return stack[0]!.children;
}

function flushDeclaration(buf: string, into: SignatureNode): void {
  const m = /^\s*([a-zA-Z-]+)\s*:/.exec(buf);
  if (m) into.children.push({ label: `css:${m[1]!.toLowerCase()}`, children: [] });
}

function objectStyleSignature(ts: TypeScript, obj: TS.ObjectLiteralExpression): SignatureNode[] {
  const out: SignatureNode[] = [];
  for (const p of obj.properties) {
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : '?';
    if (ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.initializer)) {
      out.push({ label: `sel:${name}`, children: objectStyleSignature(ts, p.initializer) });
    } else out.push({ label: `css:${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, children: [] });
  }
  return out;
}

/** The identifier a JSX tag stands for when it is a local alias of an element: `const Comp = asChild ? Slot : 'button'`. */
function aliasedIntrinsic(ts: TypeScript, fn: TS.Node, name: string): string | null {
  let found: string | null = null;
  const literalIn = (e: TS.Node | undefined): string | null => {
    if (!e) return null;
    if (ts.isStringLiteralLike(e) && isIntrinsicTag(e.text)) return e.text;
    let r: string | null = null;
    ts.forEachChild(e, (c) => {
      r ??= literalIn(c);
    });
    return r;
  };
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name) found = literalIn(n.initializer);
    else if (ts.isBindingElement(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer) found = literalIn(n.initializer);
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return found;
}

/** `forwardRef<HTMLButtonElement, P>`, `ButtonHTMLAttributes<HTMLButtonElement>`, `ComponentProps<'button'>`. */
function elementHintOf(ts: TypeScript, node: TS.Node): string | null {
  let hint: string | null = null;
  const visit = (n: TS.Node): void => {
    if (hint) return;
    if (ts.isTypeReferenceNode(n)) {
      const name = n.typeName.getText();
      const mapped = HTML_INTERFACES[name.replace(/^React\./, '')];
      if (mapped && mapped !== 'div' && mapped !== 'span') {
        hint = mapped;
        return;
      }
      if (/(^|\.)(ComponentProps|ComponentPropsWithoutRef|ComponentPropsWithRef|HTMLProps)$/.test(name)) {
        const arg = n.typeArguments?.[0];
        if (arg && ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal) && isIntrinsicTag(arg.literal.text)) {
          hint = arg.literal.text;
          return;
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return hint;
}

interface RenderInfo {
  tree: SignatureNode;
  rootElement: string | null;
  rootKey?: string | null;
  tags: string[];
  rootTag: string | null;
  face: ComponentInterface;
}

const NO_FACE: ComponentInterface = { props: [], classes: [], passesChildren: false, hooks: 0 };

/** Names of the members of a props type: a type literal, or interfaces and type aliases of the file it names. */
function typeMembers(ts: TypeScript, type: TS.TypeNode | undefined, sf: TS.SourceFile, out: Set<string>, depth = 0): void {
  if (!type || depth > 3) return;
  if (ts.isTypeLiteralNode(type)) {
    for (const m of type.members) if (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) out.add(m.name.text);
  } else if (ts.isIntersectionTypeNode(type) || ts.isUnionTypeNode(type)) {
    for (const t of type.types) typeMembers(ts, t, sf, out, depth + 1);
  } else if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const name = type.typeName.text;
    for (const st of sf.statements) {
      if (ts.isInterfaceDeclaration(st) && st.name.text === name) {
        for (const m of st.members) if (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) out.add(m.name.text);
      } else if (ts.isTypeAliasDeclaration(st) && st.name.text === name) typeMembers(ts, st.type, sf, out, depth + 1);
    }
    // Omit<P, 'x'> / Partial<P>: the members of P
    for (const a of type.typeArguments ?? [])
      if (/^(Omit|Partial|Required|Readonly|Pick)$/.test(name)) typeMembers(ts, a, sf, out, depth + 1);
  }
}

/** The class names of a `className` value: words of its string literals, `styles.x` and `styles['x']` of a stylesheet. */
function classNamesIn(ts: TypeScript, node: TS.Node, out: Set<string>): void {
  if (ts.isStringLiteralLike(node)) {
    for (const w of node.text.split(/\s+/)) if (w) out.add(w);
  } else if (
    ts.isPropertyAccessExpression(node) &&
    ts.isIdentifier(node.expression) &&
    /^(styles?|css|classes|s)$/.test(node.expression.text)
  ) {
    out.add(`.${node.name.text}`);
  } else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    out.add(`.${node.argumentExpression.text}`);
  }
  ts.forEachChild(node, (c) => classNamesIn(ts, c, out));
}

/** What a function component takes (its props), how it passes them on, and the classes of its main root. */
function interfaceOf(
  ts: TypeScript,
  fn: TS.FunctionLikeDeclaration,
  main: TS.JsxElement | TS.JsxSelfClosingElement | undefined,
): ComponentInterface {
  const props = new Set<string>();
  const param = fn.parameters[0];
  let propsName: string | null = null;
  let rest: string | null = null;
  if (param && ts.isObjectBindingPattern(param.name)) {
    for (const el of param.name.elements) {
      if (el.dotDotDotToken && ts.isIdentifier(el.name)) rest = el.name.text;
      else if (el.propertyName && (ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName)))
        props.add(el.propertyName.text);
      else if (ts.isIdentifier(el.name)) props.add(el.name.text);
    }
  } else if (param && ts.isIdentifier(param.name)) propsName = param.name.text;
  typeMembers(ts, param?.type, fn.getSourceFile(), props);
  let hooks = 0;
  let children = false;
  const visit = (n: TS.Node): void => {
    if (ts.isCallExpression(n)) {
      const callee = ts.isPropertyAccessExpression(n.expression) ? n.expression.name : n.expression;
      if (ts.isIdentifier(callee) && /^use[A-Z]/.test(callee.text)) hooks++;
    } else if (propsName && ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === propsName)
      props.add(n.name.text);
    else if (
      propsName &&
      ts.isVariableDeclaration(n) &&
      n.initializer &&
      ts.isIdentifier(n.initializer) &&
      n.initializer.text === propsName &&
      ts.isObjectBindingPattern(n.name)
    ) {
      for (const el of n.name.elements) {
        const key = el.propertyName ?? el.name;
        if (el.dotDotDotToken && ts.isIdentifier(el.name)) rest = el.name.text;
        else if (ts.isIdentifier(key)) props.add(key.text);
      }
    } else if (ts.isJsxExpression(n) && n.expression && !ts.isJsxAttribute(n.parent)) {
      const e = n.expression;
      if ((ts.isIdentifier(e) && e.text === 'children') || (ts.isPropertyAccessExpression(e) && e.name.text === 'children'))
        children = true;
    }
    ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  const classes = new Set<string>();
  const opening = main && (ts.isJsxElement(main) ? main.openingElement : main);
  for (const a of opening?.attributes.properties ?? []) {
    if (ts.isJsxSpreadAttribute(a)) {
      const e = a.expression;
      if (ts.isIdentifier(e) && (e.text === rest || e.text === propsName)) children = true;
    } else if (ts.isIdentifier(a.name) && /^(className|class)$/.test(a.name.text) && a.initializer)
      classNamesIn(ts, a.initializer, classes);
  }
  return { props: [...props].sort(), classes: [...classes].sort().slice(0, 40), passesChildren: children, hooks };
}

/** What a function component renders: its returned JSX (the last return is the main render). */
function renderOfFunction(ts: TypeScript, fn: TS.FunctionLikeDeclaration): RenderInfo | null {
  const body = fn.body;
  if (!body) return null;
  const roots: Array<TS.JsxElement | TS.JsxSelfClosingElement | TS.JsxFragment> = [];
  let main: TS.JsxElement | TS.JsxSelfClosingElement | TS.JsxFragment | undefined;
  const exprs = ts.isBlock(body) ? returnedExpressions(ts, body) : [body as TS.Expression];
  for (const e of exprs) {
    const here: typeof roots = [];
    jsxRootsIn(ts, e, here);
    roots.push(...here);
    let inner: TS.Expression = e;
    while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
    if (isJsxRoot(ts, inner)) main = inner;
  }
  if (roots.length === 0) jsxRootsIn(ts, body, roots); // JSX kept in variables and returned by name
  if (roots.length === 0) return null;
  main ??= roots[roots.length - 1];
  const tags = new Set<string>();
  const trees = roots.map((r) => jsxSignature(ts, r, tags));
  let rootElement: string | null = null;
  let rootKey: string | null = null;
  let rootTag: string | null = null;
  const element = main && !ts.isJsxFragment(main) ? main : undefined;
  if (element) {
    const tag = (rootTag = elementTag(ts, element));
    rootElement = isIntrinsicTag(tag) ? tag : /^[A-Za-z_$][\w$]*$/.test(tag) ? aliasedIntrinsic(ts, fn, tag) : null;
    if (isIntrinsicTag(tag)) rootKey = rawElementKeyOf(ts, ts.isJsxElement(element) ? element.openingElement : element, tag);
  }
  const tree = trees.length === 1 ? trees[0]! : { label: '$', children: trees };
  return { tree, rootElement, rootKey, tags: [...tags].sort(), rootTag, face: interfaceOf(ts, fn, element) };
}

function renderOfClass(ts: TypeScript, cls: TS.ClassLikeDeclaration): RenderInfo | null {
  const render = cls.members.find((m) => ts.isMethodDeclaration(m) && m.name.getText() === 'render') as TS.MethodDeclaration | undefined;
  return render ? renderOfFunction(ts, render) : null;
}

function renderOfStyled(ts: TypeScript, expr: TS.Expression, target: { target: string; intrinsic: boolean }): RenderInfo {
  let css: SignatureNode[] = [];
  if (ts.isTaggedTemplateExpression(expr)) css = cssSignature(expr.template.getText().slice(1, -1));
  else if (ts.isCallExpression(expr) && expr.arguments[0] && ts.isObjectLiteralExpression(expr.arguments[0])) {
    css = objectStyleSignature(ts, expr.arguments[0]);
  }
  const label = `styled.${target.target}`;
  const rootElement = target.intrinsic ? target.target : null;
  return { tree: { label, children: css }, rootElement, tags: [target.target], rootTag: target.target, face: NO_FACE };
}

/** The function a component is wrapped in: forwardRef(fn), memo(fn), React.memo(forwardRef(fn)). */
function unwrapComponent(
  ts: TypeScript,
  expr: TS.Expression,
): { kind: ComponentKind; fn?: TS.FunctionLikeDeclaration; styled?: { target: string; intrinsic: boolean } } | undefined {
  while (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) expr = expr.expression;
  if (ts.isArrowFunction(expr) || ts.isFunctionExpression(expr)) return { kind: ts.isArrowFunction(expr) ? 'arrow' : 'function', fn: expr };
  if (ts.isCallExpression(expr) || ts.isTaggedTemplateExpression(expr)) {
    const styled = styledTarget(ts, expr);
    if (styled) return { kind: 'styled', styled };
  }
  if (ts.isCallExpression(expr)) {
    const callee = expr.expression;
    const base = ts.isIdentifier(callee)
      ? callee.text
      : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'React'
        ? callee.name.text
        : '';
    if ((base === 'forwardRef' || base === 'memo') && expr.arguments[0]) {
      const inner = unwrapComponent(ts, expr.arguments[0]);
      if (inner?.fn)
        return { kind: base === 'memo' && inner.kind !== 'forwardRef' ? 'memo' : base === 'memo' ? 'forwardRef' : base, fn: inner.fn };
    }
  }
  return undefined;
}

function isComponentClass(ts: TypeScript, cls: TS.ClassLikeDeclaration): boolean {
  const ext = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  return !!ext && /^(React\.)?(Pure)?Component$/.test(ext.getText());
}

/** Every top-level React component of a file with what it renders. */
export function findComponents(ts: TypeScript, sf: TS.SourceFile): FoundComponent[] {
  const out: FoundComponent[] = [];
  const exportedNames = new Set<string>();
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) exportedNames.add((el.propertyName ?? el.name).text);
    } else if (ts.isExportAssignment(st) && ts.isIdentifier(st.expression)) exportedNames.add(st.expression.text);
  }
  const add = (
    name: string,
    kind: ComponentKind,
    node: TS.Node,
    nameNode: TS.Node,
    exported: boolean,
    render: RenderInfo | null,
    hintFrom: TS.Node,
  ) => {
    if (!render) return;
    out.push({
      name,
      kind,
      exported: exported || exportedNames.has(name),
      node,
      nameNode,
      rootElement: render.rootElement,
      rootKey: render.rootKey ?? null,
      elementHint: kind === 'styled' ? render.rootElement : elementHintOf(ts, hintFrom),
      tree: render.tree,
      tags: render.tags,
      rootTag: render.rootTag,
      face: render.face,
    });
  };
  for (const st of sf.statements) {
    const exported = hasModifier(ts, st, ts.SyntaxKind.ExportKeyword);
    if (ts.isFunctionDeclaration(st) && st.body) {
      const name = st.name?.text ?? (hasModifier(ts, st, ts.SyntaxKind.DefaultKeyword) ? 'default' : '');
      if (name && (isPascal(name) || name === 'default')) add(name, 'function', st, st.name ?? st, exported, renderOfFunction(ts, st), st);
    } else if (ts.isClassDeclaration(st) && isComponentClass(ts, st)) {
      add(st.name?.text ?? 'default', 'class', st, st.name ?? st, exported, renderOfClass(ts, st), st);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer || !isPascal(d.name.text)) continue;
        const c = unwrapComponent(ts, d.initializer);
        if (!c) continue;
        if (c.styled) add(d.name.text, 'styled', d, d.name, exported, renderOfStyled(ts, stripWrappers(ts, d.initializer), c.styled), d);
        else if (c.fn) add(d.name.text, c.kind, d, d.name, exported, renderOfFunction(ts, c.fn), d);
      }
    } else if (ts.isExportAssignment(st) && !ts.isIdentifier(st.expression)) {
      const c = unwrapComponent(ts, st.expression);
      if (c?.fn) add('default', c.kind, st, st, true, renderOfFunction(ts, c.fn), st);
    }
  }
  return out;
}

function stripWrappers(ts: TypeScript, e: TS.Expression): TS.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}
