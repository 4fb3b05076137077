import type * as TS from 'typescript';
import { symbolPathOf } from '@plumbline/core';
import type { ChoiceRef, TypeScript } from '@plumbline/core';
import type { DriftFacts, IdiomSiteFact, RoleUsageFact, SiteFact } from './types.js';

/** A local binding of an imported (or required) module: its specifier and the name imported. */
export interface Binding {
  specifier: string;
  imported: string;
}

/** The state of one file's drift extraction: positions, the facts so far, and the imported bindings. */
export class DriftContext {
  readonly out: DriftFacts = { usages: [], imports: [], carried: [], idioms: [], effects: [] };
  /** local binding -> the module it comes from */
  readonly bindings = new Map<string, Binding>();
  private readonly usageIndex = new Map<string, RoleUsageFact>();
  private readonly idiomIndex = new Map<string, IdiomSiteFact>();
  /** async functions already counted as chaining (one promise-chain site per function) */
  readonly chainedFunctions = new Set<TS.Node>();

  constructor(
    readonly ts: TypeScript,
    readonly sf: TS.SourceFile,
    readonly path: string,
  ) {}

  pos(start: number, end: number): { line: number; column: number; endLine: number; endColumn: number } {
    const s = this.ts.getLineAndCharacterOfPosition(this.sf, start);
    const e = this.ts.getLineAndCharacterOfPosition(this.sf, end);
    return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  }

  site(node: TS.Node, code: string): SiteFact {
    return { ...this.pos(node.getStart(this.sf), node.getEnd()), symbolPath: symbolPathOf(this.ts, node), code };
  }

  /** Counts a usage of a role's choice; the first one keeps its site. */
  addUsage(ref: ChoiceRef, via: RoleUsageFact['via'], node: TS.Node, code: string): void {
    const key = `${ref.role}\0${ref.choice}`;
    const u = this.usageIndex.get(key);
    if (u) {
      u.count++;
      return;
    }
    const fresh: RoleUsageFact = { role: ref.role, choice: ref.choice, via, count: 1, ...this.site(node, code) };
    this.usageIndex.set(key, fresh);
    this.out.usages.push(fresh);
  }

  /** Counts a site of an idiom variant; the first one keeps its site. */
  addIdiom(idiom: string, variant: string, node: TS.Node, code: string, chain?: number): void {
    const key = `${idiom}\0${variant}`;
    const s = this.idiomIndex.get(key);
    if (s) {
      s.count++;
      return;
    }
    const fresh: IdiomSiteFact = { idiom, variant, count: 1, ...this.site(node, code), ...(chain !== undefined ? { chain } : {}) };
    this.idiomIndex.set(key, fresh);
    this.out.idioms.push(fresh);
  }
}
