/**
 * Token values written outside style sites: a colour literal in a palette array of tokens (`const colors =
 * ["#0ea5e9", "#5b5bd6"]`, every colour a token's value), the fallback after reading a CSS variable (`getPropertyValue("--accent") ||
 * "#5b5bd6"`). They are the token written by hand only when they equal a token's value exactly (the check
 * asks no more of them), and never inside an SVG, an email template or a file that paints a canvas (a canvas
 * reads no CSS variable).
 */
import type * as TS from 'typescript';
import type { TypeScript } from '../check.js';
import { parseColor } from '../color.js';
import { findValueAtoms } from '../css-value.js';
import type { StyleOccurrence } from './collect.js';
import { isEmailTemplate, isInsideSvg } from './collect.js';

/** A whole literal that is one colour value: hex or a colour function (names are words, not values). */
const COLOR_LITERAL = /^(#[0-9a-f]{3,4}|#[0-9a-f]{6}|#[0-9a-f]{8}|(rgba?|hsla?|oklch|oklab)\([^()]*\))$/i;
/** Painting a canvas: its colours cannot be CSS variables, so literal values are what it needs. */
const CANVAS = /\bgetContext\(|\.(fillStyle|strokeStyle)\s*=/;
/** Properties whose value leaves the page's CSS (`<meta name="theme-color">`, a web manifest). */
const OUTSIDE_CSS_KEYS = /^(themeColor|theme_color|background_color|backgroundColor|msTileColor|maskIcon)$/;

function isOpaqueBlackOrWhite(text: string): boolean {
  const c = parseColor(text);
  return !!c && c.alpha === 1 && ((c.r === 0 && c.g === 0 && c.b === 0) || (c.r >= 0.999 && c.g >= 0.999 && c.b >= 0.999));
}

function stringOf(ts: TypeScript, e: TS.Node): (TS.StringLiteral | TS.NoSubstitutionTemplateLiteral) | null {
  return ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) ? e : null;
}

/** The CSS variable an expression reads: `getComputedStyle(el).getPropertyValue("--x")` -> `--x`. */
function variableRead(ts: TypeScript, e: TS.Expression): string | undefined {
  let found: string | undefined;
  const visit = (n: TS.Node): void => {
    if (found !== undefined) return;
    const arg = ts.isCallExpression(n) ? n.arguments[0] : undefined;
    const name = arg ? stringOf(ts, arg)?.text.trim() : undefined;
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      n.expression.name.text === 'getPropertyValue' &&
      name?.startsWith('--')
    )
      found = name;
    else ts.forEachChild(n, visit);
  };
  visit(e);
  return found;
}

/** Why a string literal is a loose colour (with the variable a fallback stands in for), or null. */
function placeOf(
  ts: TypeScript,
  lit: TS.StringLiteral | TS.NoSubstitutionTemplateLiteral,
  canvas: boolean,
): { loose: NonNullable<StyleOccurrence['loose']>; reads?: string } | null {
  let node: TS.Node = lit;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (
    ts.isBinaryExpression(parent) &&
    parent.right === node &&
    (parent.operatorToken.kind === ts.SyntaxKind.BarBarToken || parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
  ) {
    const reads = variableRead(ts, parent.left);
    return reads ? { loose: 'fallback', reads } : null;
  }
  if (canvas) return null;
  if (ts.isArrayLiteralExpression(parent) && parent === lit.parent) {
    const colors = parent.elements.map((e) => stringOf(ts, e)?.text.trim() ?? '').filter((t) => COLOR_LITERAL.test(t));
    return colors.length >= 2 && !colors.some(isOpaqueBlackOrWhite) ? { loose: 'palette' } : null;
  }
  // a constant holding one colour (`const BRAND = "#00c4b8"`) is not read: on formbricks and documenso every one was
  // a value needed as a value (a contrast computation, a PDF renderer, a third-party widget's option)
  return null;
}

/**
 * The palette arrays to report: those whose every colour is a token (see `isToken`). An array with a colour of
 * its own is a palette defined here (preset colours a user picks, chart series), whose entries only happen to
 * equal tokens.
 */
export function tokenPalettesOnly(occurrences: StyleOccurrence[], isToken: (occ: StyleOccurrence) => boolean): StyleOccurrence[] {
  const own = new Set<TS.Node | undefined>();
  for (const o of occurrences) if (o.loose === 'palette' && !isToken(o)) own.add(o.node?.parent);
  return occurrences.filter((o) => o.loose !== 'palette' || !own.has(o.node?.parent));
}

/** The loose colour literals of a TypeScript/JSX file (see the module comment). */
export function collectLooseColors(ts: TypeScript, sf: TS.SourceFile): StyleOccurrence[] {
  const out: StyleOccurrence[] = [];
  const text = sf.text;
  if (!/['"`](#[0-9a-f]{3}|(rgb|hsl|okl))/i.test(text) || isEmailTemplate(ts, sf)) return out;
  const canvas = CANVAS.test(text);
  const visit = (node: TS.Node): void => {
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && OUTSIDE_CSS_KEYS.test(node.name.text)) return;
    if (ts.isJsxAttribute(node) && isInsideSvg(ts, node)) return;
    const lit = stringOf(ts, node);
    if (lit) {
      const value = lit.text.trim();
      const place = COLOR_LITERAL.test(value) && !isOpaqueBlackOrWhite(value) ? placeOf(ts, lit, canvas) : null;
      if (!place || isInsideSvg(ts, lit)) return;
      const start = lit.getStart(sf);
      const atom = findValueAtoms('color', lit.text)[0];
      if (!atom || atom.text !== value) return;
      const offset = start + 1 + lit.text.indexOf(value);
      out.push({
        atom: { ...atom, start: offset, end: offset + value.length },
        property: 'value', // no property: every token of the value fits, whatever its role
        context: 'object',
        node: lit,
        literal: { start, end: lit.getEnd(), quote: text[start]!, whole: lit.text === value },
        loose: place.loose,
        ...(place.reads ? { reads: place.reads } : {}),
      });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
