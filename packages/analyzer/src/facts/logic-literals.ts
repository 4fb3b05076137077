import { symbolPathOf } from '@plumbline/core';
import { DATA_PATHS, WELL_KNOWN } from '@plumbline/core/checks/magic-number';
import type { TypeScript } from '@plumbline/core';
import type * as TS from 'typescript';
import { defineExtractor } from '../facts.js';

/** A literal of logic code that would be config or a named constant if it recurs across files. */
export interface LogicLiteralFact {
  kind: 'number' | 'url' | 'storage-key';
  /** normalised value: the number, the URL without a trailing slash, the key */
  value: string;
  /** numbers: what the number is used as (`setTimeout`, `timeout:`, `comparison`); other kinds: '' */
  role: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  symbolPath: string;
}

export interface LogicLiteralFacts {
  literals: LogicLiteralFact[];
}

const GENERATED = /@generated|\bauto-?generated\b|\bDO NOT EDIT\b/i;
const URL_RE = /^(https?|wss?):\/\/[^\s/$.?#][^\s]*$/i;
/** URLs that are names, not endpoints: XML namespaces, schema ids. */
const NAMESPACE_URL = /^https?:\/\/(www\.)?(w3\.org|schema\.org|json-schema\.org|ns\.adobe\.com|purl\.org|xmlns\.com)\b/i;
const STORAGE_CALL =
  /^(window\.)?(localStorage|sessionStorage)\.(getItem|setItem|removeItem)$|^(Cookies|cookies\(\)|cookieStore|cookies)\.(get|set|remove|delete|has)$|^use(Local|Session)Storage$/;
const COMMON_NUMBERS = new Set([
  1000, 10000, 100000, 1000000, 3600, 86400, 60000, 3600000, 86400000, 604800, 180, 255, 360, 365, 720, 1080,
]);
const HTTP_STATUS = /^[1-5]\d\d$/;
const HTTP_STATUS_CODES = new Set([
  200, 201, 202, 204, 301, 302, 303, 304, 307, 308, 400, 401, 402, 403, 404, 405, 409, 410, 413, 415, 422, 429, 500, 501, 502, 503, 504,
]);
/** Calls that delay or pace something: their numbers are tuning values picked per call. */
const TIMER = /^(setTimeout|setInterval|debounce|throttle|delay|sleep|wait|useDebounce\w*|useThrottle\w*|withDelay|requestIdleCallback)$/i;
/** Keys of tuning values (animation and toast timings): joined only within the same call. */
const TUNING_KEY = /^(duration|delay|wait|interval|debounce|throttle)(Ms)?$/i;
/** The project's style and typography helpers: their numbers are steps of a scale, not literals to name. */
const STYLE_HELPER =
  /^(typography|font\w*|spacing|space|rem|em|px|size|shade|tint|alpha|opacity|changeOpacity|blend\w*|darken|lighten|elevation|shadow|withTiming|withSpring|timing|spring|animate\w*)$/i;

const GENERIC_CALLBACK = /^(resolve|res|r|done|next|cb|callback|fn|func|handler|noop|tick)$/i;

/** The last name of a callee: `window.setTimeout` -> `setTimeout`. */
function calleeName(ts: TypeScript, callee: TS.Expression, sf: TS.SourceFile): string | null {
  const text = callee.getText(sf);
  const name = text.split('.').pop() ?? text;
  return /^[\w$]+$/.test(name) ? name : null;
}

/** What a delayed callback does, by name: `retry`, `this.save`, `() => refetch()`; null for an anonymous block. */
function purposeOf(ts: TypeScript, fn: TS.Expression, sf: TS.SourceFile): string | null {
  if (ts.isIdentifier(fn) || ts.isPropertyAccessExpression(fn)) {
    const name = calleeName(ts, fn, sf);
    return name && !GENERIC_CALLBACK.test(name) ? name : null; // `setTimeout(resolve, 250)`: a sleep, not a purpose
  }
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return null;
  let body: TS.Node = fn.body;
  if (ts.isBlock(body)) {
    if (body.statements.length !== 1) return null;
    body = body.statements[0]!;
    if (ts.isExpressionStatement(body)) body = body.expression;
  }
  while (ts.isAwaitExpression(body as TS.Node) || ts.isVoidExpression(body as TS.Node)) body = (body as TS.AwaitExpression).expression;
  return ts.isCallExpression(body) ? calleeName(ts, body.expression, sf) : null;
}

function numberRole(ts: TypeScript, node: TS.Node, sf: TS.SourceFile): string | null {
  let n: TS.Node = node;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (!p) return null;
  if (ts.isPropertyAssignment(p) && p.initializer === n) {
    if (!(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return null;
    if (/^(status|statusCode)$/.test(p.name.text) && HTTP_STATUS_CODES.has(Math.abs(Number(n.getText(sf))))) return null;
    if (!TUNING_KEY.test(p.name.text)) return `${p.name.text}:`;
    // `duration: 5000` joins others of the same call (`toast({ duration })`), not every animation's duration
    const call = p.parent.parent;
    const name = call && (ts.isCallExpression(call) || ts.isNewExpression(call)) ? calleeName(ts, call.expression, sf) : null;
    return name && !STYLE_HELPER.test(name) ? `${name}() ${p.name.text}:` : null;
  }
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(n as TS.Expression)) {
    const name = calleeName(ts, p.expression, sf);
    if (!name || STYLE_HELPER.test(name)) return null; // `typography('Heading', 400)`: a step of the project's scale
    const args = p.arguments;
    const index = args.indexOf(n as TS.Expression);
    if (TIMER.test(name)) {
      // a delay joins others only when it delays the same thing: `setTimeout(retry, 5000)` in three files
      const what = args[0] && args[0] !== n ? purposeOf(ts, args[0], sf) : null;
      return what ? `${name}(${what})` : null;
    }
    // `c.text('Forbidden', 403)`, `new UnauthorizedResult(401)`, Fastify's `reply.code(404)`, Node's
    // `res.writeHead(404)`: a status code says what it is
    if (
      HTTP_STATUS_CODES.has(Math.abs(Number(n.getText(sf)))) &&
      (args.length > 1 || /status|respon|result|error|exception|http|redirect|abort|writeHead|(^|\.)code$/i.test(name))
    )
      return null;
    // a step of a scale beside the name of a style: `font('body', 400)`, `shade('gray', 700)`
    if (/^[1-9]00$/.test(n.getText(sf)) && args.some((a) => ts.isStringLiteralLike(a))) return null;
    return `${name}()#${index}`;
  }
  if (ts.isBinaryExpression(p)) {
    const op = p.operatorToken.kind;
    if (op >= ts.SyntaxKind.FirstBinaryOperator && op <= ts.SyntaxKind.LastBinaryOperator) {
      return [
        ts.SyntaxKind.LessThanToken,
        ts.SyntaxKind.GreaterThanToken,
        ts.SyntaxKind.LessThanEqualsToken,
        ts.SyntaxKind.GreaterThanEqualsToken,
        ts.SyntaxKind.EqualsEqualsEqualsToken,
        ts.SyntaxKind.ExclamationEqualsEqualsToken,
      ].includes(op)
        ? 'comparison'
        : [
              ts.SyntaxKind.AsteriskToken,
              ts.SyntaxKind.SlashToken,
              ts.SyntaxKind.PlusToken,
              ts.SyntaxKind.MinusToken,
              ts.SyntaxKind.PercentToken,
            ].includes(op)
          ? 'calculation'
          : null;
    }
  }
  return null;
}

/** Places where a number is data, design or naming rather than logic. */
function numberIsQuiet(ts: TypeScript, node: TS.Node): boolean {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isJsxAttribute(n) || ts.isTaggedTemplateExpression(n) || ts.isEnumMember(n) || ts.isTypeNode(n)) return true;
    if (
      ts.isElementAccessExpression(n) &&
      n.argumentExpression &&
      node.pos >= n.argumentExpression.pos &&
      node.end <= n.argumentExpression.end
    )
      return true;
    if (ts.isArrayLiteralExpression(n) && n.elements.filter((e) => ts.isNumericLiteral(e)).length >= 4) return true; // data
    // a default of a destructured parameter (`payout = { amount: 530000 }`): sample props of a preview, named by the binding
    if ((ts.isBindingElement(n) || ts.isParameter(n)) && n.initializer && node.pos >= n.initializer.pos) return true;
    if (ts.isVariableDeclaration(n)) {
      const list = n.parent;
      const isConst = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
      // `const TIMEOUT = 5000` names it; `const table = { a: 1200 }` is a lookup table
      if (isConst) return true;
      return false;
    }
    if (
      ts.isPropertyAssignment(n) &&
      ts.isIdentifier(n.name) &&
      /^(width|height|top|left|right|bottom|margin|padding|font|line|letter|opacity|z|flex|gap|border|x|y|dx|dy|cx|cy|r|radius|size|scale|rotat|angle|stroke|min|max)/i.test(
        n.name.text,
      )
    )
      return true;
    if (ts.isFunctionLike(n) || ts.isSourceFile(n) || ts.isBlock(n)) return false;
  }
  return false;
}

/** Example scripts and demo apps: each is written to be read and run on its own. */
const EXAMPLE_PATHS = /(^|\/)examples?\//;
/** Help-centre, documentation and blog pages: links in copy, like the text around them. */
const CONTENT_URL =
  /^https?:\/\/(docs|help|support|kb|developers?|learn|blog)\.|^https?:\/\/[^/]+\/(\w+\/)?(help|docs?|documentation|guides?|kb|knowledge-?base|support|articles?|blog|changelog|tutorials?)(\/|#|\?|$)/i;
/** Reserved and throwaway hosts (RFC 2606 `example.com`, a `dummy` parse base): placeholders, not endpoints. */
const PLACEHOLDER_URL = /^https?:\/\/([\w-]+\.)*(example\.(com|org|net)|dummy\.\w+|placeholder\.\w+)(\/|:|$)/i;

/**
 * A URL that is content rather than configuration: a help or docs link, a placeholder, the base of
 * `new URL(path, base)`, or an entry of a catalog (an object in an array: integrations, icons, features).
 */
function urlIsContent(ts: TypeScript, node: TS.Node, value: string): boolean {
  if (CONTENT_URL.test(value) || PLACEHOLDER_URL.test(value)) return true;
  const p = node.parent;
  // a link or an image of the markup (`href="https://dub.co/pricing"`, `src={`${…}`}`) is content; a bare origin stays config
  const attr = ts.isJsxAttribute(p) ? p : ts.isJsxExpression(p) ? p.parent : ts.isTemplateExpression(p) ? p.parent?.parent : undefined;
  if (attr && ts.isJsxAttribute(attr) && /^(https?|wss?):\/\/[^/]+\/./.test(value)) return true;
  if (p && ts.isNewExpression(p) && p.expression.getText() === 'URL' && p.arguments?.[1] === node) return true;
  // the default of a destructured prop (`assetBaseUrl = 'http://localhost:3002'`): a preview's sample value
  if (p && ts.isBindingElement(p) && p.initializer === node) return true;
  for (let n: TS.Node | undefined = p; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isObjectLiteralExpression(n) && n.parent && ts.isArrayLiteralExpression(n.parent)) return true;
    if (ts.isFunctionLike(n) || ts.isBlock(n)) return false;
  }
  return false;
}

/**
 * Literals of logic code: non-trivial numbers (with what they are used as), URLs and storage keys. The
 * repeated-literal detector reports those that recur across files. Tests, generated files and style
 * values (JSX attributes, style objects, templates) have none.
 */
export const extractor = defineExtractor<LogicLiteralFacts>({
  name: 'logic-literals',
  languages: ['ts'],
  extract({ ts, sourceFile: sf, isTestFile, text, path }) {
    const literals: LogicLiteralFact[] = [];
    if (!sf || isTestFile || DATA_PATHS.test(path) || EXAMPLE_PATHS.test(path) || GENERATED.test(text.slice(0, 1000))) return { literals };
    const add = (node: TS.Node, kind: LogicLiteralFact['kind'], value: string, role: string) => {
      const s = ts.getLineAndCharacterOfPosition(sf, node.getStart(sf));
      const e = ts.getLineAndCharacterOfPosition(sf, node.getEnd());
      literals.push({
        kind,
        value,
        role,
        line: s.line + 1,
        column: s.character + 1,
        endLine: e.line + 1,
        endColumn: e.character + 1,
        symbolPath: symbolPathOf(ts, node),
      });
    };
    const visit = (node: TS.Node): void => {
      if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isImportTypeNode(node)) return;
      if (ts.isNumericLiteral(node)) {
        const negative = ts.isPrefixUnaryExpression(node.parent) && node.parent.operator === ts.SyntaxKind.MinusToken;
        const target: TS.Node = negative ? node.parent : node;
        const value = (negative ? -1 : 1) * Number(node.text.replace(/_/g, ''));
        const abs = Math.abs(value);
        const trivial =
          !Number.isFinite(value) ||
          abs < 100 ||
          COMMON_NUMBERS.has(abs) ||
          WELL_KNOWN.has(abs) ||
          (Number.isInteger(abs) && (abs & (abs - 1)) === 0) ||
          (abs >= 1900 && abs <= 2100 && Number.isInteger(abs)) ||
          /^10*$/.test(String(abs));
        if (!trivial && !numberIsQuiet(ts, target)) {
          const role = numberRole(ts, target, sf);
          const statusLike =
            HTTP_STATUS.test(String(abs)) &&
            (role === null || /status/i.test(role) || role === 'comparison' || role === 'json()' || role === 'Response()');
          if (role && !statusLike) add(target, 'number', String(value), role);
        }
      } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) {
        const raw = node.text.trim();
        const parent = node.parent;
        const inJsxAttr = ts.isJsxAttribute(parent) || (ts.isJsxExpression(parent) && ts.isJsxAttribute(parent.parent));
        const url = raw;
        if (
          URL_RE.test(url) &&
          !NAMESPACE_URL.test(url) &&
          url.length > 12 &&
          !(inJsxAttr && ts.isJsxAttribute(parent) && /^(xmlns|xmlnsXlink)/.test(parent.name.getText(sf)))
        ) {
          const value = url.replace(/\/+$/, '');
          if (/^(https?|wss?):\/\/[^/]+/.test(value) && !urlIsContent(ts, node, value)) add(node, 'url', value, '');
        } else if (!ts.isTemplateHead(node) && ts.isCallExpression(parent) && parent.arguments[0] === node) {
          const callee = parent.expression.getText(sf);
          if (STORAGE_CALL.test(callee) && raw.length >= 3) add(node, 'storage-key', raw, '');
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    return { literals };
  },
});
