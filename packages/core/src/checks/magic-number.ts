import type * as TS from 'typescript';
import { defineCheck } from '../check.js';
import type { CheckReport, TypeScript } from '../check.js';

export interface Options {
  /** numbers that are never magic, on top of the built-in ones */
  allow: number[];
}
export type MessageIds = 'magicNumber';

const GENERATED = /@generated|\bauto-?generated\b|\bDO NOT EDIT\b/i;
/** Mock data, seeds and fixtures: their numbers are data, not logic. */
export const DATA_PATHS =
  /(^|\/)(mocks?|__mocks__|fixtures?|__fixtures__|__testfixtures__|seeds?|seed-data|demo-data|sample-data|example-data|fake-data|dummy-data|data-?generators?)(\/|\.)|\.mocks?\.[cm]?[jt]sx?$/i;
/** Tool configuration (`lint-staged.config.mjs`, `vite.config.ts`): its numbers are settings, read where they are written. */
const CONFIG_FILE = /(^|\/)[\w.-]+\.config\.[cm]?[jt]s$/;

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

/** Limits every reader knows: the largest port, signed and unsigned integer bounds, ASCII and the midpoint of an 8-bit channel. */
export const WELL_KNOWN = new Set([
  65535, 65536, 127, 128, 1023, 32767, 32768, 2147483647, 2147483648, 4294967295, 4294967296, 9007199254740991,
]);
/**
 * Textbook constants: the sRGB transfer function (12.92, 0.03928, 0.04045, 0.0031308, 0.055, 1.055, 2.4),
 * luminance weights (Rec. 709 and Rec. 601), inch/centimetre, Kelvin, the Earth's radius.
 */
const TEXTBOOK = new Set([
  12.92, 0.03928, 0.04045, 0.0031308, 0.055, 1.055, 2.4, 0.2126, 0.7152, 0.0722, 0.299, 0.587, 0.114, 2.54, 25.4, 273.15, 6371, 6378137,
]);
/** A factor written beside a named unit: `30 * Minute.ms`, `n * MS_PER_DAY`, `days * DAY_IN_MS`. */
const NAMED_UNIT =
  /(^|[._])(ms|millis(econds)?|seconds?|minutes?|hours?|days?|weeks?|months?|years?)$|(^|[._])(second|minute|hour|day|week|month|year)s?(_?(in_?)?(ms|millis|seconds?))?$|_?per_?(second|minute|hour|day|week)s?$|^(second|minute|hour|day|week|month|year)s?\.\w+$/i;
/** Words of a message that state a limit (`cannot be more than 5000`): the number is a policy written twice. */
const LIMIT_WORDS =
  /\b(more|less|fewer|greater|longer|shorter|larger|smaller)\s+than\b|\b(at\s+(most|least)|max(imum)?|min(imum)?|exceed\w*|up\s+to|too\s+(many|long|short|large|big|small)|limit\w*)\b/i;
const UNIT_FACTORS: Record<string, number[]> = {
  second: [1, 1000],
  minute: [1, 60, 60000],
  hour: [1, 60, 3600, 3600000],
  day: [1, 24, 1440, 86400, 86400000],
  week: [1, 7, 168],
  month: [1, 30, 31],
  year: [1, 12, 365, 366],
};

/** Whether `text` (an identifier or a string) spells `value`: `LAST_30_DAYS` -> 30, `"2_weeks"` -> 14, `'99+'` -> 99. */
function spells(text: string, value: number): boolean {
  const digits = String(Math.abs(value));
  if (new RegExp(`(^|[^\\d.])${digits.replace('.', '\\.')}([^\\d]|$)`).test(text)) return true;
  for (const m of text.matchAll(/(\d+)[\s_-]?(second|minute|hour|day|week|month|year)s?/gi)) {
    const n = Number(m[1]);
    if ((UNIT_FACTORS[m[2]!.toLowerCase()] ?? []).some((f) => n * f === Math.abs(value))) return true;
  }
  return false;
}

/** The nearest statement (at most 15 lines) or object entry around a node: where a neighbouring name or message explains a number. */
function neighbourhood(ts: TypeScript, node: TS.Node, sf: TS.SourceFile): TS.Node {
  let best: TS.Node = node;
  for (let n: TS.Node | undefined = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isBlock(n) || ts.isClassLike(n)) break;
    const lines = sf.getLineAndCharacterOfPosition(n.getEnd()).line - sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
    if (lines > 15) break;
    best = n;
    if (ts.isObjectLiteralExpression(n) || ts.isCaseClause(n)) break;
    if (ts.isStatement(n) && !ts.isExpressionStatement(n) && !ts.isReturnStatement(n) && !ts.isVariableStatement(n)) break;
  }
  return best;
}

/** A name or a string near the number says what it is: `LAST_30_DAYS`, `"2_weeks"`, `'99+'`, "a range of 5 or 7". */
function spelledNearby(ts: TypeScript, lit: TS.Node, value: number, sf: TS.SourceFile): boolean {
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || n === lit) return;
    if (ts.isStringLiteralLike(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) {
      if (spells(n.text, value) && !LIMIT_WORDS.test(n.text)) found = true;
    } else if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) {
      if (spells(n.text, value)) found = true;
    } else ts.forEachChild(n, visit);
  };
  visit(neighbourhood(ts, lit, sf));
  return found;
}

/** A comment on the number's line, or on the line above when it names the number: the code already says what it is. */
function explainedByComment(sf: TS.SourceFile, node: TS.Node, value: number): boolean {
  const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  const starts = sf.getLineStarts();
  const text = (l: number) => sf.text.slice(starts[l], l + 1 < starts.length ? starts[l + 1] : sf.text.length);
  const rest = sf.text.slice(node.getEnd(), line + 1 < starts.length ? starts[line + 1] : sf.text.length);
  if (/\/\/|\/\*/.test(rest)) return true;
  // the comment block right above (up to six lines) when it names the number: `// P-256 ≈ 72 bytes, P-384 ≈ 104`
  for (let l = line - 1; l >= 0 && l >= line - 6; l--) {
    const above = text(l).trim();
    if (!/^(\/\/|\/\*|\*)/.test(above)) return false;
    if (spells(above.replace(/^(\/\/|\/\*+|\*)/, ''), value)) return true;
  }
  return false;
}

/** The function a number belongs to, when it is small (at most `maxLines` lines). */
function smallFunction(ts: TypeScript, node: TS.Node, sf: TS.SourceFile, maxLines: number): TS.SignatureDeclaration | undefined {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n)) {
      const lines = sf.getLineAndCharacterOfPosition(n.getEnd()).line - sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
      return lines <= maxLines ? n : undefined;
    }
  }
  return undefined;
}

/** A value that is a literal or a named constant, the rungs of a threshold ladder (`return "green"`). */
function isPlainResult(ts: TypeScript, e: TS.Expression | undefined): boolean {
  if (!e) return false;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
  if (ts.isConditionalExpression(e)) return isPlainResult(ts, e.whenTrue) && isPlainResult(ts, e.whenFalse);
  return (
    ts.isStringLiteralLike(e) ||
    ts.isNumericLiteral(e) ||
    ts.isIdentifier(e) ||
    ts.isPropertyAccessExpression(e) ||
    e.kind === ts.SyntaxKind.TrueKeyword ||
    e.kind === ts.SyntaxKind.FalseKeyword ||
    e.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isPrefixUnaryExpression(e) && ts.isNumericLiteral(e.operand))
  );
}

/**
 * A small mapping function that only returns literals (`getChargeColor`: `if (charge > 50) return "green"`):
 * its thresholds are the table itself, and the function's name says what they are.
 */
function isThresholdLadder(ts: TypeScript, fn: TS.SignatureDeclaration): boolean {
  const body = (fn as TS.FunctionLikeDeclaration).body;
  if (!body) return false;
  // rungs: two or more thresholds; results: categories (`"green"`, `Mode.Compact`), not amounts (`return 695`)
  const thresholds = new Set<string>();
  let category = false;
  const results: TS.Expression[] = [];
  const visit = (n: TS.Node): void => {
    if (n !== body && ts.isFunctionLike(n)) return;
    if (ts.isBinaryExpression(n) && COMPARISONS.has(ts.tokenToString(n.operatorToken.kind) ?? '') && ts.isNumericLiteral(n.right))
      thresholds.add(n.right.text);
    if (ts.isReturnStatement(n) && n.expression) results.push(n.expression);
    ts.forEachChild(n, visit);
  };
  visit(body);
  if (!ts.isBlock(body)) results.push(body);
  const leaves = (e: TS.Expression): TS.Expression[] => {
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
    return ts.isConditionalExpression(e) ? [...leaves(e.whenTrue), ...leaves(e.whenFalse)] : [e];
  };
  const all = results.flatMap(leaves);
  for (const e of all) {
    if (!isPlainResult(ts, e)) return false;
    if (!ts.isNumericLiteral(e) && !ts.isPrefixUnaryExpression(e)) category = true;
  }
  return all.length >= 2 && thresholds.size >= 2 && category;
}

/** The function (or the file) whose numbers are reported once per value. */
function enclosingScope(ts: TypeScript, node: TS.Node): TS.Node {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) if (ts.isFunctionLike(n) || ts.isSourceFile(n)) return n;
  return node.getSourceFile();
}

/** A branch that only sets a literal: `niceFraction = 2;`, `return "green";`, `{ idx = [0, 2, 4]; }`. */
function setsLiteral(ts: TypeScript, s: TS.Statement): boolean {
  if (ts.isBlock(s)) return s.statements.length === 1 && setsLiteral(ts, s.statements[0]!);
  if (ts.isReturnStatement(s)) return isPlainResult(ts, s.expression);
  if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression)) return false;
  const e = s.expression;
  return e.operatorToken.kind === ts.SyntaxKind.EqualsToken && (isPlainResult(ts, e.right) || ts.isArrayLiteralExpression(e.right));
}

/**
 * An `if (range === 10) … else if (range === 7) … else if (range === 6)` chain (the numbers are the keys of a
 * lookup on the value itself, like `case 6:`), or a ladder whose branches only set a literal (`if (fraction < 1.5)
 * nice = 1; else if (fraction < 3) nice = 2; …`): the table is the explanation.
 */
function isLookupChain(ts: TypeScript, node: TS.Node, subject: string, sf: TS.SourceFile): boolean {
  const cond: TS.Node = node.parent;
  if (!ts.isBinaryExpression(cond) || !cond.parent || !ts.isIfStatement(cond.parent) || cond.parent.expression !== cond) return false;
  const equality = /^(===|==)$/.test(ts.tokenToString(cond.operatorToken.kind) ?? '');
  let stmt: TS.IfStatement = cond.parent;
  while (stmt.parent && ts.isIfStatement(stmt.parent) && stmt.parent.elseStatement === stmt) stmt = stmt.parent as TS.IfStatement;
  let branches = 0;
  for (let s: TS.Statement | undefined = stmt; s && ts.isIfStatement(s); s = s.elseStatement) {
    const c = s.expression;
    if (!ts.isBinaryExpression(c) || !(ts.isNumericLiteral(c.right) || ts.isStringLiteralLike(c.right))) break;
    if (c.left.getText(sf) !== subject) break;
    if (!equality && !setsLiteral(ts, s.thenStatement)) return false;
    branches++;
  }
  return branches >= 3;
}

/** Why a number explains itself where it is written, if it does. */
function selfExplaining(ts: TypeScript, node: TS.Node, value: number, operator: string, other: TS.Expression, sf: TS.SourceFile): boolean {
  const abs = Math.abs(value);
  const otherText = other.getText(sf);
  if (WELL_KNOWN.has(abs) || TEXTBOOK.has(abs)) return true;
  if ((abs === 4.5 || abs === 3) && /contrast|wcag/i.test(otherText)) return true;
  if (SIZE_OPERATORS.has(operator) && NAMED_UNIT.test(otherText.replace(/\(\)$/, ''))) return true;
  if (/(major|minor|version|apiLevel|api_level|sdkInt)$/i.test(otherText.replace(/\(\)$/, ''))) return true;
  if (Number.isInteger(value) && abs <= 6 && /\.(getDay|getUTCDay|day|weekday|isoWeekday)\(\)$|dayOfWeek$|weekday$/i.test(otherText))
    return true;
  const fn = smallFunction(ts, node, sf, 40);
  if (fn && /\b(fromCharCode|charCodeAt|codePointAt|fromCodePoint)\b/.test(fn.getText(sf)) && Number.isInteger(value)) return true;
  if (COMPARISONS.has(operator) && fn && isThresholdLadder(ts, fn)) return true;
  if (isLookupChain(ts, node, otherText, sf)) return true;
  return spelledNearby(ts, node, value, sf) || explainedByComment(sf, node, value);
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
    preset: 'all',
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
    if (ctx.isTestFile || DATA_PATHS.test(ctx.filePath) || CONFIG_FILE.test(ctx.filePath) || GENERATED.test(sf.text.slice(0, 1000))) return;
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
      if (selfExplaining(ts, node, value, operator, other, sf)) return;
      // the same value once per function: one finding, the other places as related
      const scope = enclosingScope(ts, node);
      const key = `${scope.pos}:${value}`;
      const first = seen.get(key);
      if (first) {
        first.related!.push({
          file: ctx.filePath,
          line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
          message: `\`${value}\` again`,
        });
        return;
      }
      const code = expr.getText(sf).replace(/\s+/g, ' ');
      const report: CheckReport = {
        node,
        messageId: 'magicNumber',
        data: {
          value: String(value),
          where: COMPARISONS.has(operator) ? 'the comparison' : 'the calculation',
          code: code.length > 60 ? `${code.slice(0, 57)}...` : code,
        },
        fingerprintCode: `${value} ${operator} ${other.getText(sf)}`,
        related: [],
      };
      seen.set(key, report);
    };
    const seen = new Map<string, CheckReport>();
    visit(sf);
    for (const r of seen.values()) ctx.report(r);
  },
});
