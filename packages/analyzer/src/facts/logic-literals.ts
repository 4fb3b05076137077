import { symbolPathOf } from '@plumbline/core';
import { DATA_PATHS } from '@plumbline/core/checks/magic-number';
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

function numberRole(ts: TypeScript, node: TS.Node, sf: TS.SourceFile): string | null {
  let n: TS.Node = node;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (!p) return null;
  if (ts.isPropertyAssignment(p) && p.initializer === n) {
    return ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? `${p.name.text}:` : null;
  }
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(n as TS.Expression)) {
    const callee = p.expression.getText(sf);
    const name = callee.split('.').pop() ?? callee;
    return /^[\w$]+$/.test(name) ? `${name}()` : null;
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
    if (!sf || isTestFile || DATA_PATHS.test(path) || GENERATED.test(text.slice(0, 1000))) return { literals };
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
          if (/^(https?|wss?):\/\/[^/]+/.test(value)) add(node, 'url', value, '');
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
