/**
 * Where hard-coded style values are found. In TypeScript/JSX: `style`, `sx` and `css` props and other
 * `*Style` props; style objects (`StyleSheet.create`, objects passed to `css()`, `styled()`, `keyframes()`,
 * `makeStyles()`); styled-components / emotion tagged templates (`styled.x`, `styled(X)`, `css`,
 * `keyframes`, `createGlobalStyle`); Tailwind arbitrary values in `className` and in
 * `cn`/`clsx`/`classnames`/`cva`/`twMerge` arguments. In CSS/SCSS files: declarations, media-query
 * breakpoints and `@apply` classes. Everything is parsed (TypeScript's parser, postcss), never grepped.
 */
import type * as TS from 'typescript';
import type { AtRule, Declaration, Root } from 'postcss';
import postcssScss from 'postcss-scss';
import type { TypeScript } from '../check.js';
import { cssPropertyName, findBreakpointAtoms, findValueAtoms, propertyFamily } from '../css-value.js';
import type { AtomOptions, ValueAtom } from '../css-value.js';
import { parseStylesheet } from './css.js';
import type { StyleContext } from './match.js';
import { findArbitraryClasses } from './tailwind-class.js';
import { parseColor } from '../color.js';

/** One hard-coded value found in a file; offsets are absolute in the file's text. */
export interface StyleOccurrence {
  atom: ValueAtom;
  /** the CSS property (kebab-case), `@media` for breakpoints */
  property: string;
  context: StyleContext;
  /** object contexts: the literal that holds the value (a fix replaces it whole when `whole`) */
  literal?: { start: number; end: number; quote: string; whole: boolean };
  /** Tailwind classes: the utility that holds it */
  tailwind?: { start: number; end: number; utility: string; namespace?: string; whole: boolean };
  /** the TypeScript node it was found in (absent in CSS files) */
  node?: TS.Node;
  /** stylesheets: the enclosing selectors and at-rules (`@media (min-width: 768px) .card`), for fingerprints */
  scope?: string;
  /** a literal outside style sites (a palette array of tokens, the fallback after reading the variable): reported on an exact token only, never fixed */
  loose?: 'palette' | 'fallback';
  /** a fallback: the CSS variable read before it (`getPropertyValue('--accent') || '#5b5bd6'`) */
  reads?: string;
}

/** The selectors and at-rules around a stylesheet node, outermost first. */
function scopeOf(node: { parent?: unknown }): string {
  const parts: string[] = [];
  for (
    let p = node.parent as { type?: string; parent?: unknown; selector?: string; name?: string; params?: string } | undefined;
    p && p.type !== 'root';
    p = p.parent as typeof p
  ) {
    if (p.type === 'rule') parts.push((p.selector ?? '').replace(/\s+/g, ' '));
    else if (p.type === 'atrule') parts.push(`@${p.name} ${(p.params ?? '').replace(/\s+/g, ' ')}`.trim());
  }
  return parts.reverse().join(' ');
}

export type CollectOptions = AtomOptions;

const CLASS_FUNCTIONS = new Set(['cn', 'clsx', 'classnames', 'classNames', 'cx', 'twMerge', 'twJoin', 'cva', 'tv', 'ctl', 'tw']);
const STYLE_OBJECT_FUNCTIONS = new Set(['css', 'keyframes', 'makeStyles', 'createStyles', 'globalStyle', 'injectGlobal']);
const TEMPLATE_TAGS = new Set(['css', 'keyframes', 'createGlobalStyle', 'injectGlobal', 'global']);

function isClassAttribute(name: string): boolean {
  return name === 'className' || name === 'class' || name === 'classNames' || name === 'tw' || /ClassName$/.test(name);
}

function isStyleAttribute(name: string): boolean {
  return name === 'style' || name === 'sx' || name === 'css' || /[a-z]Style$/.test(name);
}

/** The identifier at the root of `styled.div.attrs(...)`, `styled(Button)`, `styled('a')<P>`. */
function tagRoot(ts: TypeScript, expr: TS.Expression): { root: string; styled: boolean } | undefined {
  let e: TS.Expression = expr;
  for (let i = 0; i < 8; i++) {
    if (ts.isIdentifier(e)) return { root: e.text, styled: e.text === 'styled' };
    if (ts.isPropertyAccessExpression(e)) e = e.expression;
    else if (ts.isCallExpression(e)) e = e.expression;
    else if (ts.isExpressionWithTypeArguments(e)) e = e.expression;
    else if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    else return undefined;
  }
  return undefined;
}

export function isInsideSvg(ts: TypeScript, node: TS.Node): boolean {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n)) {
      const tag = ts.isJsxElement(n) ? n.openingElement.tagName : n.tagName;
      if (ts.isIdentifier(tag) && tag.text === 'svg') return true;
    }
    if (ts.isFunctionLike(n) && n.parent && ts.isSourceFile(n.parent)) break;
  }
  return false;
}

/** Email templates (React Email, MJML, jsx-email) must inline literal values: email clients know no CSS variables. */
const EMAIL_PACKAGES =
  /^(@react-email\/|(@[\w.-]+\/)?react-email($|\/)|jsx-email$|@jsx-email\/|mjml|@faire\/mjml-react|@luma-team\/mjml-react)/;

export function isEmailTemplate(ts: TypeScript, sf: TS.SourceFile): boolean {
  return sf.statements.some(
    (st) => ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && EMAIL_PACKAGES.test(st.moduleSpecifier.text),
  );
}

/** What the walk of one TypeScript file shares: the file, the options, and the occurrences found so far. */
interface Collector {
  ts: TypeScript;
  sf: TS.SourceFile;
  text: string;
  options: CollectOptions;
  out: StyleOccurrence[];
  /** the starts of the class strings already read (a string inside `cn()` inside `className` is read once) */
  seenClassStrings: Set<number>;
}

/** Relative luminance bounds of a text color picked for contrast: near white and near black. */
const LIGHT_LUMA = 0.8;
const DARK_LUMA = 0.2;

/**
 * `isColorDark(bg) ? '#fff' : '#000'`: a light and a dark color chosen against a background only known at run
 * time. They must not follow the theme, so no token replaces them.
 */
function isContrastPair(ts: TypeScript, node: TS.ConditionalExpression): boolean {
  const luma = (e: TS.Expression): number | null => {
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (!ts.isStringLiteral(e) && !ts.isNoSubstitutionTemplateLiteral(e)) return null;
    const c = parseColor(e.text.trim(), { named: true });
    return c ? 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b : null;
  };
  const a = luma(node.whenTrue);
  const b = luma(node.whenFalse);
  if (a === null || b === null) return false;
  return (a >= LIGHT_LUMA && b <= DARK_LUMA) || (b >= LIGHT_LUMA && a <= DARK_LUMA);
}

function valueLiteral(c: Collector, node: TS.Expression, property: string, context: StyleContext, sx: boolean): void {
  const { ts, sf, text, options, out } = c;
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression?.(node)) {
    valueLiteral(c, (node as TS.ParenthesizedExpression).expression, property, context, sx);
    return;
  }
  if (ts.isConditionalExpression(node)) {
    if (isContrastPair(ts, node)) return;
    valueLiteral(c, node.whenTrue, property, context, sx);
    valueLiteral(c, node.whenFalse, property, context, sx);
    return;
  }
  if (
    ts.isBinaryExpression(node) &&
    [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(
      node.operatorToken.kind,
    )
  ) {
    if (node.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken) valueLiteral(c, node.left, property, context, sx);
    valueLiteral(c, node.right, property, context, sx);
    return;
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    const start = node.getStart(sf);
    const raw = text.slice(start + 1, node.getEnd() - 1);
    const trimmed = raw.trim();
    for (const atom of findValueAtoms(property, raw, options)) {
      out.push({
        atom: { ...atom, start: start + 1 + atom.start, end: start + 1 + atom.end },
        property,
        context,
        node,
        literal: { start, end: node.getEnd(), quote: text[start]!, whole: atom.text === trimmed && atom.start === raw.indexOf(trimmed) },
      });
    }
    return;
  }
  let numeric: TS.Node = node;
  let sign = 1;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) {
    sign = -1;
    numeric = node.operand;
  }
  if (!ts.isNumericLiteral(numeric)) return;
  const n = sign * Number(numeric.text);
  const family = propertyFamily(property);
  if (!family || n === 0) return;
  const start = node.getStart(sf);
  const end = node.getEnd();
  const nodeText = text.slice(start, end);
  const literal = { start, end, quote: "'", whole: true };
  const pxFamily = ['spacing', 'inset', 'sizing', 'radius', 'font-size', 'letter-spacing'].includes(family);
  if (pxFamily || (family === 'line-height' && context === 'native')) {
    if (sx && family !== 'font-size' && family !== 'letter-spacing') return; // sx numbers are theme multiples
    out.push({
      atom: { kind: 'length', family, text: nodeText, start, end, number: n, unit: 'px', key: `${n}px` },
      property,
      context,
      node,
      literal,
    });
  } else if (family === 'line-height' || family === 'font-weight' || family === 'z-index') {
    if (family === 'z-index' && Math.abs(n) < 10) return; // local stacking inside a component
    if (family === 'line-height' && n === 1) return;
    out.push({ atom: { kind: 'number', family, text: nodeText, start, end, number: n, key: String(n) }, property, context, node, literal });
  }
}

function styleObject(c: Collector, node: TS.Node, context: StyleContext, sx: boolean, parentProperty?: string, depth = 0): void {
  const { ts, sf, out } = c;
  if (depth > 12) return;
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression?.(node)) {
    styleObject(c, (node as TS.ParenthesizedExpression).expression, context, sx, parentProperty, depth + 1);
  } else if (ts.isArrayLiteralExpression(node)) {
    for (const el of node.elements) styleObject(c, el, context, sx, parentProperty, depth + 1);
  } else if (ts.isConditionalExpression(node)) {
    styleObject(c, node.whenTrue, context, sx, parentProperty, depth + 1);
    styleObject(c, node.whenFalse, context, sx, parentProperty, depth + 1);
  } else if (ts.isBinaryExpression(node)) {
    styleObject(c, node.right, context, sx, parentProperty, depth + 1);
  } else if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
    if (!ts.isBlock(node.body)) styleObject(c, node.body, context, sx, parentProperty, depth + 1);
    else {
      const visitReturns = (n: TS.Node): void => {
        if (ts.isReturnStatement(n) && n.expression) styleObject(c, n.expression, context, sx, parentProperty, depth + 1);
        else if (!ts.isFunctionLike(n)) ts.forEachChild(n, visitReturns);
      };
      visitReturns(node.body);
    }
  } else if (ts.isObjectLiteralExpression(node)) {
    for (const p of node.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const name = p.name;
      const key = ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) ? name.text : undefined;
      if (key === undefined) continue;
      if (key.startsWith('@media') && (ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name))) {
        const start = name.getStart(sf) + 1;
        for (const atom of findBreakpointAtoms(key)) {
          out.push({ atom: { ...atom, start: start + atom.start, end: start + atom.end }, property: '@media', context, node: name });
        }
      }
      const property = /^[A-Za-z-]+$/.test(key) && !/^[A-Z]/.test(key) ? cssPropertyName(key) : undefined;
      const init = p.initializer;
      const isValueObject = ts.isObjectLiteralExpression(init) || ts.isArrowFunction(init) || ts.isArrayLiteralExpression(init);
      if (isValueObject) {
        // MUI-style responsive values ({ xs: 1, md: 2 }) keep the property; anything else is a nested rule
        const responsive = context !== 'native' && property && propertyFamily(property) && ts.isObjectLiteralExpression(init);
        styleObject(c, init, context, sx, responsive ? property : undefined, depth + 1);
      } else if (property && propertyFamily(property)) valueLiteral(c, init, property, context, sx);
      else if (parentProperty && /^[a-z0-9]+$/i.test(key)) valueLiteral(c, init, parentProperty, context, sx);
    }
  }
}

function templateStyles(c: Collector, node: TS.TaggedTemplateExpression): void {
  const { ts, sf, text, options, out } = c;
  const tpl = node.template;
  const start = tpl.getStart(sf) + 1;
  const end = tpl.getEnd() - 1;
  let body = text.slice(start, end);
  if (ts.isTemplateExpression(tpl)) {
    // blank out ${...} substitutions, keeping offsets and line breaks
    const regions: Array<[number, number]> = [];
    let prevEnd = tpl.head.getEnd();
    for (const span of tpl.templateSpans) {
      const litStart = span.literal.getStart(sf);
      regions.push([prevEnd - 2 - start, litStart + 1 - start]);
      prevEnd = span.literal.getEnd();
    }
    const chars = [...body];
    for (const [a, b] of regions) {
      const before = body.slice(0, a).trimEnd();
      const after = body.slice(b).trimStart();
      const statement = (before === '' || /[;{}]$/.test(before)) && !/^[:{]/.test(after) && !/^[\w-]/.test(after);
      for (let i = a; i < b; i++) if (chars[i] !== '\n') chars[i] = statement ? ' ' : '_';
      if (statement && b - a >= '/**/'.length) {
        chars[a] = '/';
        chars[a + 1] = '*';
        chars[b - 2] = '*';
        chars[b - 1] = '/';
      } else if (statement) for (let i = a; i < b; i++) if (chars[i] !== '\n') chars[i] = ' ';
    }
    body = chars.join('');
  }
  let root: Root;
  try {
    root = postcssScss.parse(body) as Root;
  } catch {
    return; // not CSS we can read (a template of another language, or a broken one)
  }
  for (const occ of collectFromStylesheet(root, body, 'template', options)) {
    out.push({ ...occ, atom: { ...occ.atom, start: start + occ.atom.start, end: start + occ.atom.end }, node });
  }
}

function classStrings(c: Collector, node: TS.Node): void {
  const { ts, sf, text, seenClassStrings } = c;
  const visit = (n: TS.Node): void => {
    if (
      ts.isStringLiteral(n) ||
      ts.isNoSubstitutionTemplateLiteral(n) ||
      ts.isTemplateHead(n) ||
      ts.isTemplateMiddle(n) ||
      ts.isTemplateTail(n)
    ) {
      const s = n.getStart(sf);
      if (seenClassStrings.has(s)) return;
      seenClassStrings.add(s);
      const open = 1;
      const close = ts.isTemplateHead(n) || ts.isTemplateMiddle(n) ? 2 : 1;
      const raw = text.slice(s + open, n.getEnd() - close);
      classOccurrences(c, raw, s + open, n);
      return;
    }
    if (ts.isFunctionLike(n) || ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n)) return;
    ts.forEachChild(n, visit);
  };
  visit(node);
}

function classOccurrences(c: Collector, raw: string, offset: number, node: TS.Node): void {
  const { options, out } = c;
  for (const cls of findArbitraryClasses(raw, offset)) {
    const valueOffset = cls.valueStart;
    for (const atom of findValueAtoms(cls.property, cls.value, options)) {
      const whole = atom.text === cls.value.trim();
      out.push({
        atom: { ...atom, start: valueOffset + atom.start, end: valueOffset + atom.end },
        property: cls.property,
        context: 'className',
        node,
        tailwind: {
          start: cls.start,
          end: cls.end,
          utility: cls.utility,
          ...(cls.namespace ? { namespace: cls.namespace } : {}),
          whole: whole && cls.utility !== '',
        },
      });
    }
  }
}

/**
 * The occurrences of each source file already walked, by options (`namedColors` off and on): the style-values
 * facts and the hard-coded-style-value check both read them from the same tree. Kept per tree object, so a file
 * parsed again (another version, ESLint's next run) is walked again, and the tree and its entry go together.
 */
const WALKED = new WeakMap<TS.SourceFile, [StyleOccurrence[]?, StyleOccurrence[]?]>();

/**
 * Collects hard-coded style values from a TypeScript/JSX source file (none from email templates). Each tree is
 * walked once per options: a second call returns a new array of the same occurrences (the caller may add to it).
 */
export function collectTsStyleValues(ts: TypeScript, sf: TS.SourceFile, options: CollectOptions = {}): StyleOccurrence[] {
  const key = options.namedColors ? 1 : 0;
  let walked = WALKED.get(sf);
  if (!walked) WALKED.set(sf, (walked = []));
  const found = (walked[key] ??= walkTsStyleValues(ts, sf, options));
  return found.slice();
}

function walkTsStyleValues(ts: TypeScript, sf: TS.SourceFile, options: CollectOptions): StyleOccurrence[] {
  const c: Collector = { ts, sf, text: sf.text, options, out: [], seenClassStrings: new Set() };
  if (isEmailTemplate(ts, sf)) return c.out;
  const visit = (node: TS.Node): void => {
    if (ts.isJsxAttribute(node) && node.initializer) {
      const name = ts.isIdentifier(node.name) ? node.name.text : node.name.getText(sf);
      if (isInsideSvg(ts, node)) return;
      if (isClassAttribute(name)) {
        classStrings(c, node.initializer);
        return;
      }
      if (isStyleAttribute(name) && ts.isJsxExpression(node.initializer) && node.initializer.expression) {
        styleObject(c, node.initializer.expression, 'object', name === 'sx');
        return;
      }
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee) && CLASS_FUNCTIONS.has(callee.text)) {
        for (const a of node.arguments) classStrings(c, a);
      } else if (
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === 'StyleSheet' &&
        callee.name.text === 'create'
      ) {
        if (node.arguments[0]) styleObject(c, node.arguments[0], 'native', false);
      } else {
        const root = tagRoot(ts, callee);
        const isStyledCall = root?.styled && (ts.isCallExpression(callee) || ts.isPropertyAccessExpression(callee));
        if ((ts.isIdentifier(callee) && STYLE_OBJECT_FUNCTIONS.has(callee.text)) || isStyledCall) {
          for (const a of node.arguments) {
            if (ts.isObjectLiteralExpression(a) || ts.isArrowFunction(a) || ts.isFunctionExpression(a)) styleObject(c, a, 'object', false);
          }
        }
      }
    } else if (ts.isTaggedTemplateExpression(node)) {
      const root = tagRoot(ts, node.tag);
      if (root && (root.styled || (ts.isIdentifier(node.tag) && TEMPLATE_TAGS.has(node.tag.text)))) templateStyles(c, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return c.out;
}

/** The value offset of a declaration inside the parsed text. */
function declValueStart(decl: Declaration): number | null {
  const s = decl.source?.start?.offset;
  if (s === undefined) return null;
  return s + decl.prop.length + (decl.raws.between ?? ':').length;
}

/**
 * Hard-coded values of a parsed stylesheet (a CSS/SCSS file or a tagged template's body): declarations,
 * except custom-property and Sass-variable definitions (they name values) and `@font-face`; media-query
 * breakpoints; `@apply` classes with arbitrary values.
 */
export function collectFromStylesheet(root: Root, text: string, context: StyleContext, options: CollectOptions = {}): StyleOccurrence[] {
  const out: StyleOccurrence[] = [];
  root.walkDecls((decl) => {
    const prop = decl.prop;
    if (prop.startsWith('--') || prop.startsWith('$') || prop.startsWith('@')) return;
    for (let p = decl.parent; p && p.type !== 'root'; p = p.parent as typeof p) {
      if (p.type === 'atrule' && ['font-face', 'theme', 'property'].includes((p as AtRule).name)) return;
    }
    const start = declValueStart(decl);
    if (start === null) return;
    const rawValue = (decl.raws.value as { raw?: string } | undefined)?.raw ?? decl.value;
    if (text.slice(start, start + rawValue.length) !== rawValue) return; // offsets we cannot trust
    for (const atom of findValueAtoms(prop.toLowerCase(), rawValue, options)) {
      out.push({
        atom: { ...atom, start: start + atom.start, end: start + atom.end },
        property: prop.toLowerCase(),
        context,
        scope: scopeOf(decl),
      });
    }
  });
  root.walkAtRules((at) => {
    const s = at.source?.start?.offset;
    if (s === undefined) return;
    const paramsStart = s + 1 + at.name.length + (at.raws.afterName ?? '').length;
    if (text.slice(paramsStart, paramsStart + at.params.length) !== at.params) return;
    if (at.name === 'media' || at.name === 'container') {
      for (const atom of findBreakpointAtoms(at.params)) {
        out.push({
          atom: { ...atom, start: paramsStart + atom.start, end: paramsStart + atom.end },
          property: '@media',
          context,
          scope: scopeOf(at),
        });
      }
    } else if (at.name === 'apply') {
      for (const cls of findArbitraryClasses(at.params, paramsStart)) {
        for (const atom of findValueAtoms(cls.property, cls.value, options)) {
          out.push({
            atom: { ...atom, start: cls.valueStart + atom.start, end: cls.valueStart + atom.end },
            property: cls.property,
            context: 'className',
            scope: scopeOf(at),
            tailwind: {
              start: cls.start,
              end: cls.end,
              utility: cls.utility,
              ...(cls.namespace ? { namespace: cls.namespace } : {}),
              whole: atom.text === cls.value.trim() && cls.utility !== '',
            },
          });
        }
      }
    }
  });
  return out.sort((a, b) => a.atom.start - b.atom.start);
}

/** Hard-coded values of a CSS/SCSS file, or the parse error. */
export function collectCssFileValues(
  text: string,
  file: string,
  options: CollectOptions = {},
): { occurrences: StyleOccurrence[]; error?: string } {
  const { root, error } = parseStylesheet(text, file);
  if (!root) return { occurrences: [], ...(error ? { error } : {}) };
  return { occurrences: collectFromStylesheet(root, text, 'css', options) };
}
