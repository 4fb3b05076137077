// The functions a change writes: new components, new exported functions, and complex new functions with no
// comment saying why. Read from the head version of the changed script files only (a change touches few).
import type * as TS from 'typescript';
import { loadTypeScript, parseSource } from '@plumbline/analyzer';

export interface NewFunction {
  file: string;
  name: string;
  line: number;
  endLine: number;
  /** a React component: PascalCase, returns JSX */
  component: boolean;
  exported: boolean;
  /** 1 + decision points (if, loops, case, catch, &&, ||, ??, ?:) */
  complexity: number;
  /** a comment before it or at the start of its body */
  commented: boolean;
  /** lines of it the change added or edited (all of them in a new file) */
  touched?: number;
  /** most of its lines are the change's: written by the change, not edited */
  isNew?: boolean;
  /** in a test, story, fixture, example or other dev-only file (config `testFiles`): ranked after every place of product code */
  test?: boolean;
}

/** A function counts as new when this share of its lines are lines the change added. */
const NEW_SHARE = 0.8;

const SCRIPT = /\.(tsx?|mts|cts|jsx?|mjs|cjs)$/;
export const isScript = (path: string): boolean => SCRIPT.test(path) && !/\.d\.[mc]?ts$/.test(path);

function complexityOf(ts: typeof TS, body: TS.Node): number {
  let n = 1;
  const visit = (node: TS.Node): void => {
    switch (node.kind) {
      case ts.SyntaxKind.IfStatement:
      case ts.SyntaxKind.ForStatement:
      case ts.SyntaxKind.ForInStatement:
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.WhileStatement:
      case ts.SyntaxKind.DoStatement:
      case ts.SyntaxKind.CaseClause:
      case ts.SyntaxKind.CatchClause:
      case ts.SyntaxKind.ConditionalExpression:
        n++;
        break;
      case ts.SyntaxKind.BinaryExpression: {
        const op = (node as TS.BinaryExpression).operatorToken.kind;
        if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken)
          n++;
        break;
      }
      default:
        break;
    }
    // a nested function is judged on its own
    if (node !== body && (ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node))) return;
    ts.forEachChild(node, visit);
  };
  visit(body);
  return n;
}

function containsJsx(ts: typeof TS, node: TS.Node): boolean {
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n) || ts.isJsxFragment(n)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** A comment in the leading trivia of `node`, or within the first lines of the function's body. */
function hasComment(ts: typeof TS, sf: TS.SourceFile, outer: TS.Node, fn: TS.SignatureDeclaration): boolean {
  const text = sf.text;
  if (ts.getLeadingCommentRanges(text, outer.getFullStart())?.length) return true;
  const body = (fn as TS.FunctionLikeDeclarationBase).body;
  if (!body || !ts.isBlock(body)) return false;
  if (ts.getLeadingCommentRanges(text, body.getStart(sf) + 1)?.length) return true;
  const first = body.statements[0];
  return !!first && !!ts.getLeadingCommentRanges(text, first.getFullStart())?.length;
}

const isExported = (ts: typeof TS, node: TS.Node): boolean =>
  !!(ts.getCombinedModifierFlags(node as TS.Declaration) & ts.ModifierFlags.Export) ||
  (ts.isVariableDeclaration(node) && !!(ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Export));

/**
 * The top-level functions of a file (function declarations, `const x = () => ...`, `forwardRef`/`memo`
 * wrapped ones) and class methods, with where they are and how complex.
 */
export function functionsOf(path: string, text: string): NewFunction[] {
  const { sourceFile: sf } = parseSource(path, text);
  if (!sf) return [];
  const ts = loadTypeScript();
  const out: NewFunction[] = [];
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const add = (name: string, outer: TS.Node, fn: TS.SignatureDeclaration, exported: boolean) => {
    const body = (fn as TS.FunctionLikeDeclarationBase).body;
    if (!body) return;
    out.push({
      file: path,
      name,
      line: lineOf(outer.getStart(sf)),
      endLine: lineOf(outer.getEnd()),
      component: /^[A-Z]/.test(name) && containsJsx(ts, body),
      exported,
      complexity: complexityOf(ts, body),
      commented: hasComment(ts, sf, outer, fn),
    });
  };
  const unwrap = (e: TS.Expression): TS.SignatureDeclaration | undefined => {
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return e;
    if (ts.isCallExpression(e) && e.arguments[0]) return unwrap(e.arguments[0]);
    return undefined;
  };
  const defaultExports = new Set<string>();
  for (const st of sf.statements) if (ts.isExportAssignment(st) && ts.isIdentifier(st.expression)) defaultExports.add(st.expression.text);
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name) add(st.name.text, st, st, isExported(ts, st) || defaultExports.has(st.name.text));
    else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const fn = d.initializer && ts.isIdentifier(d.name) ? unwrap(d.initializer) : undefined;
        if (fn && ts.isIdentifier(d.name)) add(d.name.text, st, fn, isExported(ts, st) || defaultExports.has(d.name.text));
      }
    } else if (ts.isClassDeclaration(st)) {
      for (const m of st.members)
        if (ts.isMethodDeclaration(m) && m.body && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name)))
          add(`${st.name?.text ?? 'class'}.${m.name.text}`, m, m, false);
    } else if (ts.isExportAssignment(st)) {
      const fn = unwrap(st.expression);
      if (fn) add('default export', st, fn, true);
    }
  }
  return out;
}

/**
 * The functions of a file that the change wrote or edited, with how many of their lines are among
 * `added` (null: the whole file is new); `isNew` when most of them are.
 */
export function changedFunctions(path: string, text: string, added: ReadonlySet<number> | null): NewFunction[] {
  const out: NewFunction[] = [];
  for (const f of functionsOf(path, text)) {
    let n = 0;
    for (let l = f.line; l <= f.endLine; l++) if (added === null || added.has(l)) n++;
    if (n > 0) out.push({ ...f, touched: n, isNew: n / (f.endLine - f.line + 1) >= NEW_SHARE });
  }
  return out;
}

/** The functions of a file that the change wrote: most of their lines are among `added` (null: the whole file is new). */
export function newFunctions(path: string, text: string, added: ReadonlySet<number> | null): NewFunction[] {
  return changedFunctions(path, text, added).filter((f) => f.isNew);
}
