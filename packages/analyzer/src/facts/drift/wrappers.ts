import type * as TS from 'typescript';
import { ROLES, hasModifier } from '@plumbline/core';
import type { ChoiceRef } from '@plumbline/core';
import { mentionsParameter, topNode } from './ast.js';
import type { DriftContext } from './context.js';
import type { CarriedFact } from './types.js';

const CUSTOM_ID_FORMAT = /^custom(Alphabet|Random)$/;
const WRAPPER_ROLES = new Map(ROLES.filter((r) => r.wrappers).map((r) => [r.id, r.wrappers!]));

interface OwnUsage {
  role: string;
  choice: string;
  paramFlow: boolean;
  instance: boolean;
  line: number;
}

/**
 * Which exports of a file carry which role usages (wrapper candidates): the top-level declarations and
 * exports, the usages inside each declaration, and the references between declarations (a wrapper defined
 * through same-file helpers).
 */
export class WrapperTracker {
  private readonly topName = new Map<TS.Node, string>();
  /** local name -> exported names */
  private readonly exportsOf = new Map<string, string[]>();
  /** usages inside top-level declarations: decl name -> usages with their genericity */
  private readonly own = new Map<string, OwnUsage[]>();
  /** references between top-level declarations */
  private readonly refs = new Map<string, Set<string>>();
  private readonly topNames: Set<string>;

  constructor(private readonly cx: DriftContext) {
    const { ts, sf } = cx;
    for (const st of sf.statements) {
      const exported = hasModifier(ts, st, ts.SyntaxKind.ExportKeyword);
      const isDefault = hasModifier(ts, st, ts.SyntaxKind.DefaultKeyword);
      if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && (st.name || isDefault)) {
        const name = st.name?.text ?? 'default';
        this.topName.set(st, name);
        if (exported) this.addExport(name, isDefault ? 'default' : name);
      } else if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          if (!ts.isIdentifier(d.name)) continue;
          this.topName.set(d, d.name.text);
          if (exported) this.addExport(d.name.text, d.name.text);
        }
      } else if (ts.isExportAssignment(st)) {
        if (ts.isIdentifier(st.expression)) this.addExport(st.expression.text, 'default');
        else {
          this.topName.set(st, 'default');
          this.addExport('default', 'default');
        }
      } else if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) this.addExport((el.propertyName ?? el.name).getText(sf), el.name.getText(sf));
      }
    }
    this.topNames = new Set(this.topName.values());
  }

  private addExport(local: string, exported: string): void {
    this.exportsOf.set(local, [...(this.exportsOf.get(local) ?? []), exported]);
  }

  /** The exported names of a local top-level name. */
  exportedNames(local: string): string[] {
    return this.exportsOf.get(local) ?? [];
  }

  /** Every name the file exports itself (not re-exports). */
  allExportedNames(): string[] {
    return [...this.exportsOf.values()].flat();
  }

  private topOf(node: TS.Node): string | undefined {
    for (let n: TS.Node | undefined = node; n; n = n.parent) {
      const name = this.topName.get(n);
      if (name !== undefined) return name;
    }
    return undefined;
  }

  /** Notes an identifier naming another top-level declaration (walked by the extractor). */
  noteIdentifier(n: TS.Identifier): void {
    if (!this.topNames.has(n.text)) return;
    const top = this.topOf(n);
    if (top !== undefined && top !== n.text) {
      const set = this.refs.get(top) ?? new Set<string>();
      set.add(n.text);
      this.refs.set(top, set);
    }
  }

  /** Records a usage inside a top-level declaration (roles with wrappers only). */
  addOwn(node: TS.Node, ref: ChoiceRef, paramFlow: boolean, instance: boolean): void {
    if (!WRAPPER_ROLES.has(ref.role)) return;
    const top = this.topOf(node);
    if (top === undefined) return;
    const list = this.own.get(top) ?? [];
    list.push({
      role: ref.role,
      choice: ref.choice,
      paramFlow,
      instance,
      line: this.cx.pos(node.getStart(this.cx.sf), node.getEnd()).line,
    });
    this.own.set(top, list);
  }

  /** Whether a call passes its caller's parameters on (the URL only, for HTTP). */
  paramFlowOf(call: TS.CallExpression | TS.NewExpression, role: string): boolean {
    const { ts } = this.cx;
    const args = call.arguments ? [...call.arguments] : [];
    const judged = role === 'http' ? args.slice(0, 1) : args;
    return judged.some((a) => mentionsParameter(ts, a, topNode(ts, call)));
  }

  /** The top-level declarations an export reaches through same-file references, with how many hops away. */
  private reach(name: string): Map<string, number> {
    const depth = new Map<string, number>([[name, 0]]);
    const queue = [name];
    for (const at of queue) {
      for (const r of this.refs.get(at) ?? []) {
        if (depth.has(r)) continue;
        depth.set(r, depth.get(at)! + 1);
        queue.push(r);
      }
    }
    return depth;
  }

  /** Which exports carry which role usages, through same-file helpers. */
  carried(): CarriedFact[] {
    const base = this.cx.path.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
    const carried = new Map<string, CarriedFact>();
    const customFormat = [...this.cx.bindings.values()].some((b) => CUSTOM_ID_FORMAT.test(b.imported));
    for (const [local, exportedNames] of this.exportsOf) {
      for (const [decl, hops] of this.reach(local)) {
        for (const u of this.own.get(decl) ?? []) {
          for (const exported of exportedNames) {
            const wrappers = WRAPPER_ROLES.get(u.role);
            const pattern = wrappers?.namePattern;
            // a helper's name speaks for the export that calls it directly (`http` -> `request`), not for one
            // that reaches it through other code (`withAdmin` -> `withMiddleware` -> `getRequestId`): that
            // export does something else and only uses the library on the way
            const helper = hops <= 1 ? [decl] : [];
            // the file's own name speaks for its default export only (`fetcher.ts`)
            const names = exported === 'default' ? [local, ...helper, base] : [exported, local, ...helper];
            const named = !pattern || names.some((n) => new RegExp(pattern).test(n));
            const generic = u.instance || ((u.paramFlow || !!wrappers?.anyArguments) && named);
            const key = `${exported}\0${u.role}\0${u.choice}`;
            const prev = carried.get(key);
            const custom = u.role === 'ids' && customFormat ? { customFormat: true } : {};
            if (!prev) carried.set(key, { export: exported, role: u.role, choice: u.choice, generic, ...custom, line: u.line });
            else if (generic && !prev.generic) carried.set(key, { ...prev, generic, line: u.line });
          }
        }
      }
    }
    return [...carried.values()];
  }
}
