import type * as TS from 'typescript';
import { defineCheck } from '../check.js';
import type { CheckSettings, TypeScript } from '../check.js';
import { dottedName, looksLikeTest, originOf } from './pass-through-function.js';
import { hasModifier } from '../ast.js';

export interface Options {
  /** fewest public methods a class or object must have to be judged */
  minMethods: number;
  /** share of the public methods that must only delegate to the one collaborator (1 = all) */
  minShare: number;
  /** also report classes that delegate to an object of an npm package (adapters are quiet by default) */
  includePackageCollaborators: boolean;
}
export type MessageIds = 'middleMan';

type Member = TS.MethodDeclaration | TS.GetAccessorDeclaration | TS.PropertyAssignment;

/** The one expression a body returns or evaluates, without `await` and parentheses. */
function onlyExpression(ts: TypeScript, body: TS.ConciseBody | undefined): TS.Expression | undefined {
  if (!body) return undefined;
  let e: TS.Expression | undefined;
  if (!ts.isBlock(body)) e = body;
  else if (body.statements.length === 1) {
    const st = body.statements[0]!;
    if (ts.isReturnStatement(st)) e = st.expression;
    else if (ts.isExpressionStatement(st)) e = st.expression;
  }
  while (e && (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e))) e = e.expression;
  return e;
}

export interface Delegation {
  /** `this.repo`, `invoiceRepo` */
  collaborator: string;
  root: string;
  /** the collaborator's member that is called or read */
  member: string;
}

/**
 * What a member delegates to, when its body only calls (or, for a getter, reads) a member of another
 * object with nothing but its own parameters: `find(id) { return this.repo.find(id) }`.
 */
export function delegationOf(ts: TypeScript, fn: TS.SignatureDeclaration & { body?: TS.ConciseBody }): Delegation | undefined {
  if (ts.canHaveDecorators(fn) && ts.getDecorators(fn)?.length) return undefined; // routes, handlers: the decorator is the job
  const params = new Set<string>();
  for (const p of fn.parameters) {
    if (!ts.isIdentifier(p.name) || p.initializer) return undefined;
    if (ts.canHaveDecorators(p) && ts.getDecorators(p)?.length) return undefined;
    params.add(p.name.text);
  }
  const e = onlyExpression(ts, fn.body);
  if (!e) return undefined;
  let target: TS.Expression;
  if (ts.isGetAccessorDeclaration(fn)) {
    if (!ts.isPropertyAccessExpression(e)) return undefined;
    target = e;
  } else {
    if (!ts.isCallExpression(e) || e.questionDotToken || e.typeArguments?.length) return undefined;
    for (const a of e.arguments) {
      const id = ts.isSpreadElement(a) ? a.expression : a;
      if (!ts.isIdentifier(id) || !params.has(id.text)) return undefined; // computes an argument: it does work
    }
    target = e.expression;
  }
  if (!ts.isPropertyAccessExpression(target)) return undefined;
  const owner = dottedName(ts, target.expression);
  if (!owner || owner.text === 'this' || owner.root === 'super' || params.has(owner.root)) return undefined;
  return { collaborator: owner.text, root: owner.root, member: target.name.getText() };
}

/** Where `this.<field>` comes from: the root name of its declared type or of the class it is `new`ed from. */
function fieldTypeRoot(ts: TypeScript, cls: TS.ClassLikeDeclaration, field: string): string | undefined {
  const rootOf = (t: TS.TypeNode | undefined, init: TS.Expression | undefined): string | undefined => {
    if (t && ts.isTypeReferenceNode(t)) return t.typeName.getText().split('.')[0];
    if (init && ts.isNewExpression(init)) return dottedName(ts, init.expression)?.root;
    return undefined;
  };
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && m.name.getText() === field) return rootOf(m.type, m.initializer);
    if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) if (ts.isIdentifier(p.name) && p.name.text === field) return rootOf(p.type, undefined);
    }
  }
  return undefined;
}

interface Candidate {
  nameNode: TS.Node;
  name: string;
  kind: 'class' | 'object';
  members: Array<{ node: Member; delegation?: Delegation }>;
  cls?: TS.ClassLikeDeclaration;
}

/** A constructor that only stores its parameters (`this.x = x`, parameter properties), or none. */
function plainConstructor(ts: TypeScript, cls: TS.ClassDeclaration): boolean {
  const ctor = cls.members.find(ts.isConstructorDeclaration);
  if (!ctor?.body) return true;
  const params = new Set(ctor.parameters.map((p) => p.name.getText()));
  return ctor.body.statements.every((st) => {
    if (!ts.isExpressionStatement(st) || !ts.isBinaryExpression(st.expression)) return false;
    const { left, right, operatorToken } = st.expression;
    return (
      operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(left) &&
      left.expression.kind === ts.SyntaxKind.ThisKeyword &&
      ts.isIdentifier(right) &&
      params.has(right.text)
    );
  });
}

function classCandidate(ts: TypeScript, cls: TS.ClassDeclaration): Candidate | undefined {
  if (!cls.name || cls.heritageClauses?.length) return undefined; // overrides and contracts are required
  if (hasModifier(ts, cls, ts.SyntaxKind.AbstractKeyword)) return undefined;
  if (!plainConstructor(ts, cls)) return undefined; // it chooses or builds its collaborator: a job
  const members: Candidate['members'] = [];
  for (const m of cls.members) {
    if (!ts.isMethodDeclaration(m) && !ts.isGetAccessorDeclaration(m)) continue;
    if (!m.body || ts.isPrivateIdentifier(m.name)) continue;
    if (
      hasModifier(ts, m, ts.SyntaxKind.PrivateKeyword) ||
      hasModifier(ts, m, ts.SyntaxKind.ProtectedKeyword) ||
      hasModifier(ts, m, ts.SyntaxKind.StaticKeyword)
    )
      continue;
    const d = delegationOf(ts, m);
    members.push(d ? { node: m, delegation: d } : { node: m });
  }
  return { nameNode: cls.name, name: cls.name.text, kind: 'class', members, cls };
}

function objectCandidate(ts: TypeScript, decl: TS.VariableDeclaration): Candidate | undefined {
  let init = decl.initializer;
  while (init && (ts.isParenthesizedExpression(init) || ts.isSatisfiesExpression(init) || ts.isAsExpression(init))) init = init.expression;
  if (!init || !ts.isObjectLiteralExpression(init) || !ts.isIdentifier(decl.name)) return undefined;
  if (decl.type) return undefined; // an object typed by a contract implements it
  const members: Candidate['members'] = [];
  for (const p of init.properties) {
    if (ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p)) {
      const d = delegationOf(ts, p);
      members.push(d ? { node: p, delegation: d } : { node: p });
    } else if (ts.isPropertyAssignment(p) && (ts.isArrowFunction(p.initializer) || ts.isFunctionExpression(p.initializer))) {
      const d = delegationOf(ts, p.initializer);
      members.push(d ? { node: p, delegation: d } : { node: p });
    } else return undefined; // data, spreads and shorthand members: a record, not a service
  }
  return { nameNode: decl.name, name: decl.name.text, kind: 'object', members };
}

/** Whether the collaborator is an object of an npm package (the class is then an adapter). */
function collaboratorOrigin(
  ts: TypeScript,
  sf: TS.SourceFile,
  c: Candidate,
  d: Delegation,
  settings: CheckSettings,
): ReturnType<typeof originOf> {
  if (d.root === 'this') {
    const field = d.collaborator.split('.')[1]!;
    const root = c.cls ? fieldTypeRoot(ts, c.cls, field) : undefined;
    return root ? originOf(ts, sf, root, settings) : 'unknown';
  }
  return originOf(ts, sf, d.root, settings);
}

export const middleMan = defineCheck<Options, MessageIds>({
  meta: {
    id: 'middle-man',
    category: 'abstraction',
    description: 'Reports classes and service objects whose public methods all, or nearly all, only delegate to one collaborator.',
    defaultEffortMinutes: 30,
    defaultSeverity: 'warning',
    preset: 'all',
    scope: 'file',
    messages: {
      middleMan:
        '`{{name}}` is a middle man: {{delegating}} of its {{total}} public methods only forward to `{{collaborator}}` ({{members}}). Let callers use `{{collaborator}}` directly, or move behaviour into `{{name}}`.',
    },
    defaultOptions: { minMethods: 3, minShare: 0.8, includePackageCollaborators: false },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minMethods: {
          type: 'integer',
          minimum: 1,
          description: 'Fewest public methods a class or object must have to be judged (default 3).',
        },
        minShare: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          description:
            'Share of the public methods that must only delegate to the one collaborator, from 0 to 1 (default 0.8; 1 means all).',
        },
        includePackageCollaborators: {
          type: 'boolean',
          description: 'Also report classes that delegate to an object of an npm package (such adapters are quiet by default).',
        },
      },
    },
  },
  run(ctx) {
    const { ts, sourceFile: sf } = ctx;
    if (ctx.isTestFile || looksLikeTest(ts, sf)) return; // fakes and spies delegate on purpose
    const candidates: Candidate[] = [];
    for (const st of sf.statements) {
      if (ts.isClassDeclaration(st)) {
        const c = classCandidate(ts, st);
        if (c) candidates.push(c);
      } else if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          const c = objectCandidate(ts, d);
          if (c) candidates.push(c);
        }
      }
    }
    const { minMethods, minShare, includePackageCollaborators } = ctx.options;
    for (const c of candidates) {
      const total = c.members.length;
      if (total < Math.max(1, minMethods)) continue;
      const byCollaborator = new Map<string, Array<{ node: Member; delegation: Delegation }>>();
      for (const m of c.members) {
        if (m.delegation)
          byCollaborator.set(m.delegation.collaborator, [
            ...(byCollaborator.get(m.delegation.collaborator) ?? []),
            m as { node: Member; delegation: Delegation },
          ]);
      }
      const [collaborator, delegating] = [...byCollaborator.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
      if (!collaborator || !delegating) continue;
      if (delegating.length < Math.max(1, minMethods) || delegating.length < minShare * total) continue;
      const origin = collaboratorOrigin(ts, sf, c, delegating[0]!.delegation, ctx.settings);
      if (origin === 'package-import' && !includePackageCollaborators) continue;
      const names = delegating.map((m) => m.node.name.getText(sf));
      ctx.report({
        node: c.nameNode,
        messageId: 'middleMan',
        data: {
          name: c.name,
          delegating: delegating.length,
          total,
          collaborator,
          members: names.length > 4 ? `${names.slice(0, 4).join(', ')}, …` : names.join(', '),
        },
        fingerprintCode: `${c.kind} ${c.name}->${collaborator}:${[...names].sort().join(',')}`,
      });
    }
  },
});
