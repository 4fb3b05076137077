import type * as TS from 'typescript';
import { defineCheck } from '../check.js';
import type { TypeScript } from '../check.js';

export interface Options {
  /** also report wrappers whose target is imported from an npm package (vendor adapters are quiet by default) */
  includePackageTargets: boolean;
}
export type MessageIds = 'passThrough';

/** Function names frameworks require to exist, whatever their body (Next.js, Remix, SvelteKit style). */
const FRAMEWORK_EXPORTS = new Set([
  'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS',
  'getServerSideProps', 'getStaticProps', 'getStaticPaths', 'generateMetadata', 'generateStaticParams',
  'middleware', 'loader', 'action', 'load', 'handler', 'default',
]);

/** Calls that are the point of the wrapper: hook composition and React's own wrappers. */
const FRAMEWORK_TARGETS = new Set(['useContext', 'forwardRef', 'memo', 'React.memo', 'React.forwardRef', 'React.useContext', 'lazy', 'React.lazy']);

function isProjectSpecifier(spec: string): boolean {
  return spec.startsWith('.') || spec.startsWith('@/') || spec.startsWith('~/') || spec.startsWith('#') || spec.startsWith('/');
}

/** Where an identifier comes from, judged from this file alone. */
function originOf(ts: TypeScript, sf: TS.SourceFile, name: string): 'local' | 'project-import' | 'package-import' | 'unknown' {
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.importClause) {
      const clause = st.importClause;
      const names: string[] = [];
      if (clause.name) names.push(clause.name.text);
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) names.push(nb.name.text);
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) names.push(el.name.text);
      if (names.includes(name)) return isProjectSpecifier(st.moduleSpecifier.text) ? 'project-import' : 'package-import';
    }
  }
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (
      (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isVariableDeclaration(node)) &&
      node.name && ts.isIdentifier(node.name) && node.name.text === name
    ) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found ? 'local' : 'unknown';
}

type FunctionLike = TS.FunctionDeclaration | TS.ArrowFunction | TS.FunctionExpression;

/** The single call the body consists of, if the body is nothing else. */
function onlyCall(ts: TypeScript, fn: FunctionLike): TS.CallExpression | undefined {
  const unwrap = (e: TS.Expression | undefined): TS.CallExpression | undefined => {
    if (!e) return undefined;
    if (ts.isAwaitExpression(e)) e = e.expression;
    return ts.isCallExpression(e) ? e : undefined;
  };
  const body = fn.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return ts.isParenthesizedExpression(body) ? unwrap(body.expression) : unwrap(body);
  if (body.statements.length !== 1) return undefined;
  const st = body.statements[0]!;
  if (ts.isReturnStatement(st)) return unwrap(st.expression);
  if (ts.isExpressionStatement(st)) return unwrap(st.expression);
  return undefined;
}

function calleeName(ts: TypeScript, callee: TS.Expression): { text: string; root: string } | undefined {
  if (ts.isIdentifier(callee)) return { text: callee.text, root: callee.text };
  if (ts.isPropertyAccessExpression(callee) && !callee.questionDotToken) {
    const inner = calleeName(ts, callee.expression);
    return inner ? { text: `${inner.text}.${callee.name.text}`, root: inner.root } : undefined;
  }
  return undefined;
}

function wrapperName(ts: TypeScript, fn: FunctionLike): { name: string; nameNode: TS.Node } | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name ? { name: fn.name.text, nameNode: fn.name } : undefined;
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) && parent.initializer === fn) {
    return { name: parent.name.text, nameNode: parent.name };
  }
  return undefined;
}

function isExported(ts: TypeScript, fn: FunctionLike): boolean {
  const holder = ts.isFunctionDeclaration(fn) ? fn : fn.parent.parent.parent; // VariableDeclaration -> List -> Statement
  return !!holder && ts.canHaveModifiers(holder) && !!ts.getModifiers(holder)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

export const passThroughFunction = defineCheck<Options, MessageIds>({
  meta: {
    id: 'pass-through-function',
    category: 'abstraction',
    description: 'Reports named functions whose whole body passes their parameters, unchanged and in order, to another project function.',
    defaultEffortMinutes: 10,
    defaultSeverity: 'warning',
    preset: 'recommended',
    scope: 'file',
    messages: {
      passThrough: '`{{name}}` only passes its arguments on to `{{target}}`: call `{{target}}` directly, or give the wrapper a job.',
    },
    defaultOptions: { includePackageTargets: false },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        includePackageTargets: {
          type: 'boolean',
          description: 'Also report wrappers around functions imported from npm packages (vendor adapters are quiet by default).',
        },
      },
    },
  },
  run(ctx) {
    const { ts, sourceFile } = ctx;
    const visit = (node: TS.Node): void => {
      if (ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) check(node);
      ts.forEachChild(node, visit);
    };
    const check = (fn: FunctionLike): void => {
      const named = wrapperName(ts, fn);
      if (!named) return;
      if (fn.typeParameters?.length) return;
      if (ts.isFunctionDeclaration(fn) && !fn.body) return; // overload signature
      const params = fn.parameters;
      if (params.length === 0) return; // thunks name an action; they are not layers
      for (const p of params) {
        if (!ts.isIdentifier(p.name) || p.initializer || p.name.text === 'this') return; // destructures, renames or defaults
      }
      const call = onlyCall(ts, fn);
      if (!call || call.typeArguments?.length || call.questionDotToken) return;
      const target = calleeName(ts, call.expression);
      if (!target || target.root === 'this' || target.root === 'super') return;
      if (FRAMEWORK_TARGETS.has(target.text) || target.text === named.name) return;
      if (params.some((p) => (p.name as TS.Identifier).text === target.root)) return; // calls a callback it was given
      if (isExported(ts, fn) && FRAMEWORK_EXPORTS.has(named.name)) return;
      if (call.arguments.length !== params.length) return;
      for (let i = 0; i < params.length; i++) {
        const param = params[i]!;
        const arg = call.arguments[i]!;
        const pname = (param.name as TS.Identifier).text;
        if (param.dotDotDotToken) {
          if (!ts.isSpreadElement(arg) || !ts.isIdentifier(arg.expression) || arg.expression.text !== pname) return;
        } else if (!ts.isIdentifier(arg) || arg.text !== pname) return;
      }
      const origin = originOf(ts, sourceFile, target.root);
      if (origin === 'unknown') return; // globals and outer-scope names: cannot judge from here
      if (origin === 'package-import' && !ctx.options.includePackageTargets) return;
      ctx.report({
        node: named.nameNode,
        messageId: 'passThrough',
        data: { name: named.name, target: target.text },
        fingerprintCode: `${named.name}(${params.length})->${target.text}`,
      });
    };
    visit(sourceFile);
  },
});
