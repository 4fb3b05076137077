import type * as TS from 'typescript';
import { defineCheck } from '../check.js';
import type { TypeScript } from '../check.js';

export interface Options {
  /** numbers that are never magic, on top of the built-in ones */
  allow: number[];
}
export type MessageIds = 'magicNumber';

const GENERATED = /@generated|\bauto-?generated\b|\bDO NOT EDIT\b/i;
/** Mock data, seeds and fixtures: their numbers are data, not logic. */
export const DATA_PATHS = /(^|\/)(mocks?|__mocks__|fixtures?|__fixtures__|seeds?|seed-data|demo-data|sample-data)(\/|\.)/i;

/**
 * Numbers whose meaning is the number itself: identities, halves, decimal scaling, unit conversions
 * (time, angles, 8-bit channels).
 */
const ALWAYS_ALLOWED = new Set([
  0, 1, -1, 2, 0.5, 10, 100, 1000, 10000, 100000, 1000000, 0.1, 0.01, 0.001, 60, 24, 7, 365, 3600, 86400, 60000, 3600000, 86400000, 604800,
  1e9, 12, 255, 256, 360, 180, 90,
]);
const HTTP_STATUS = new Set([
  200, 201, 202, 204, 301, 302, 303, 304, 307, 308, 400, 401, 402, 403, 404, 405, 409, 410, 413, 415, 422, 429, 500, 501, 502, 503, 504,
  300, 600,
]); // 300 and 600 also bound the 2xx and 5xx classes
const COMPARISONS = new Set(['<', '>', '<=', '>=', '===', '!==', '==', '!=']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '**', '+=', '-=', '*=', '/=', '%=']);
const SIZE_OPERATORS = new Set(['*', '/', '%', '*=', '/=', '%=']);

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n >= 4 && (n & (n - 1)) === 0;

/**
 * A number whose meaning is plain in arithmetic: small integers (thirds, offsets, polynomial factors)
 * and simple fractions. Calculations report only numbers that carry a decision (`* 1.2`, `- 37`, `+ 2500`).
 */
const isPlainInArithmetic = (n: number) => {
  const a = Math.abs(n);
  return (Number.isInteger(a) && a < 20) || [0.25, 0.75, 1.5, 2.5, 0.2, 0.3, 0.4, 0.6, 0.8, 0.9, 0.05].includes(a);
};

/** The outermost arithmetic expression a number belongs to, and how many number literals it holds. */
function formulaLiterals(ts: TypeScript, node: TS.Node): number {
  let top: TS.Node = node;
  while (
    top.parent &&
    (ts.isBinaryExpression(top.parent) || ts.isParenthesizedExpression(top.parent) || ts.isPrefixUnaryExpression(top.parent))
  ) {
    if (ts.isBinaryExpression(top.parent) && !ARITHMETIC.has(ts.tokenToString(top.parent.operatorToken.kind) ?? '')) break;
    top = top.parent;
  }
  let count = 0;
  const visit = (n: TS.Node): void => {
    if (ts.isNumericLiteral(n)) count++;
    ts.forEachChild(n, visit);
  };
  visit(top);
  return count;
}

/** What a number is used for, when it is in a comparison or a calculation at all. */
function usage(ts: TypeScript, lit: TS.Node): { operator: string; expr: TS.BinaryExpression } | undefined {
  let n: TS.Node = lit;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (!p || !ts.isBinaryExpression(p)) return undefined;
  const operator = ts.tokenToString(p.operatorToken.kind) ?? '';
  if (!COMPARISONS.has(operator) && !ARITHMETIC.has(operator)) return undefined;
  return { operator, expr: p };
}

/** A number that is itself being named: in a const declaration, enum member, readonly/static property or default parameter. */
function isNamed(ts: TypeScript, node: TS.Node): boolean {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isParenthesizedExpression(n) || ts.isBinaryExpression(n) || ts.isPrefixUnaryExpression(n)) continue;
    if (ts.isEnumMember(n)) return true;
    if (ts.isVariableDeclaration(n)) {
      if (!(n.parent && ts.isVariableDeclarationList(n.parent) && n.parent.flags & ts.NodeFlags.Const)) return false;
      // `const TIMEOUT = BASE * 3` names the number; `const expired = age > 15000` names the answer, not the 15000
      if (ts.isIdentifier(n.name) && /^[A-Z][A-Z0-9_]*$/.test(n.name.text)) return true;
      let pure = true;
      const visit = (x: TS.Node): void => {
        if (ts.isIdentifier(x)) pure = false;
        else ts.forEachChild(x, visit);
      };
      if (n.initializer) visit(n.initializer);
      return pure;
    }
    if (ts.isPropertyDeclaration(n)) return true;
    if (ts.isParameter(n)) return true;
    return false;
  }
  return false;
}

/** Inside a style context (JSX attributes, style objects, tagged templates) or an element access (indexes). */
function inQuietPlace(ts: TypeScript, node: TS.Node): boolean {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isJsxAttribute(n) || ts.isTaggedTemplateExpression(n) || ts.isEnumDeclaration(n)) return true;
  }
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (
      ts.isElementAccessExpression(n) &&
      n.argumentExpression &&
      node.pos >= n.argumentExpression.pos &&
      node.end <= n.argumentExpression.end
    )
      return true;
    if (
      ts.isPropertyAssignment(n) &&
      ts.isIdentifier(n.name) &&
      /^(width|height|top|left|right|bottom|margin|padding|fontSize|lineHeight|opacity|zIndex|flex|gap|borderRadius|x|y|dx|dy|cx|cy|r|radius|size|min|max|scale|rotate|rotation|angle|strokeWidth|duration|delay)/.test(
        n.name.text,
      )
    )
      return true;
    if (ts.isCallExpression(n)) {
      const callee = n.expression.getText();
      // slicing and rounding helpers take positions and precision, not magic values
      if (
        /\.(slice|substring|substr|toFixed|toPrecision|padStart|padEnd|splice|at|charAt|charCodeAt|codePointAt|fill|repeat|toString)$/.test(
          callee,
        )
      )
        return true;
      if (/^(Math\.(round|floor|ceil|pow|min|max)|translate|rotate|scale|rgba?|hsla?)$/.test(callee)) return true;
    }
    if (ts.isFunctionLike(n) || ts.isBlock(n) || ts.isSourceFile(n)) return false;
  }
  return false;
}

function looksLikeStatus(text: string): boolean {
  return /status/i.test(text);
}

export const magicNumber = defineCheck<Options, MessageIds>({
  meta: {
    id: 'magic-number',
    category: 'magic-value',
    description:
      'Reports unexplained numbers in comparisons and calculations of logic code, leaving out indexes, status codes, unit conversions, powers of two and named constants.',
    defaultEffortMinutes: 5,
    defaultSeverity: 'info',
    preset: 'strict',
    scope: 'file',
    messages: {
      magicNumber:
        '`{{value}}` is a magic number in {{where}} `{{code}}`: give it a name (a `const` that says what it is) or read it from config.',
    },
    defaultOptions: { allow: [] },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allow: {
          type: 'array',
          items: { type: 'number' },
          description: 'Numbers never reported, on top of 0, 1, -1, 2, 10, 100, 1000 and the unit conversions.',
        },
      },
    },
  },
  run(ctx) {
    const { ts, sourceFile: sf } = ctx;
    if (ctx.isTestFile || DATA_PATHS.test(ctx.filePath) || GENERATED.test(sf.text.slice(0, 1000))) return;
    if (/\bHEAPU?(8|16|32)\b/.test(sf.text)) return; // Emscripten glue: machine-written, like a generated file
    const allowed = new Set([...ALWAYS_ALLOWED, ...ctx.options.allow]);
    const visit = (node: TS.Node): void => {
      if (ts.isNumericLiteral(node)) check(node);
      ts.forEachChild(node, visit);
    };
    const check = (lit: TS.NumericLiteral): void => {
      const negative = ts.isPrefixUnaryExpression(lit.parent) && lit.parent.operator === ts.SyntaxKind.MinusToken;
      const node: TS.Node = negative ? lit.parent : lit;
      const value = (negative ? -1 : 1) * Number(lit.text.replace(/_/g, ''));
      if (!Number.isFinite(value) || allowed.has(value) || allowed.has(Math.abs(value))) return;
      if (value !== 0 && Math.abs(value) <= 1e-4) return; // float tolerances (1e-9): an idiom, not a policy
      const use = usage(ts, node);
      if (!use) return;
      const { operator, expr } = use;
      const other =
        expr.left === node || (ts.isParenthesizedExpression(expr.left) && expr.left.expression === node) ? expr.right : expr.left;
      if (ts.isNumericLiteral(other) || (ts.isPrefixUnaryExpression(other) && ts.isNumericLiteral(other.operand))) return; // 60 * 5: a constant expression
      if (
        isPowerOfTwo(Math.abs(value)) &&
        (SIZE_OPERATORS.has(operator) || Math.abs(value) >= 256 || /(size|bytes|length|width|height)/i.test(other.getText(sf)))
      )
        return;
      if (HTTP_STATUS.has(value) || (value >= 100 && value <= 599 && looksLikeStatus(other.getText(sf)))) return;
      if (/^0[xXbBoO]/.test(lit.getText(sf))) return; // hex, binary and octal literals are bit patterns that say what they are
      if (!COMPARISONS.has(operator)) {
        if (isPlainInArithmetic(value)) return;
        if (formulaLiterals(ts, node) >= 3) return; // coefficients of a formula belong together
        if (/hash|seed|random|prng/i.test(expr.getText(sf))) return;
      } else {
        if (Number.isInteger(value) && Math.abs(value) < 3) return;
        // `points.length >= 3`: a count of things (a triangle, a pair), not a policy
        if (Number.isInteger(value) && Math.abs(value) <= 3 && /\.(length|size)$|count$/i.test(other.getText(sf))) return;
        // `for (let i = 0; i < 3; i++)`: a small loop bound over a fixed shape (RGB, a triangle)
        if (Math.abs(value) < 10 && expr.parent && ts.isForStatement(expr.parent) && expr.parent.condition === expr) return;
      }
      if (isNamed(ts, node) || inQuietPlace(ts, node)) return;
      const code = expr.getText(sf).replace(/\s+/g, ' ');
      ctx.report({
        node,
        messageId: 'magicNumber',
        data: {
          value: String(value),
          where: COMPARISONS.has(operator) ? 'the comparison' : 'the calculation',
          code: code.length > 60 ? `${code.slice(0, 57)}...` : code,
        },
        fingerprintCode: `${value} ${operator} ${other.getText(sf)}`,
      });
    };
    visit(sf);
  },
});
