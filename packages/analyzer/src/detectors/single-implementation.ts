import type { RuleMeta } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DraftFinding } from '../detector.js';
import { AbstractionIndex } from '../abstraction-index.js';

interface Implementation {
  file: string;
  line: number;
  name: string;
  kind: 'class' | 'object';
  test: boolean;
}

export const meta: RuleMeta = {
  id: 'single-implementation',
  category: 'abstraction',
  description:
    "Reports interfaces and abstract classes that have exactly one implementation in the project and are not part of a package's public API.",
  defaultEffortMinutes: 20,
  defaultSeverity: 'warning',
  preset: 'strict',
  scope: 'project',
};

export const detector = defineDetector({
  id: meta.id,
  rules: [meta],
  detect(ctx) {
    if (!ctx.enabled('single-implementation')) return { findings: [] };
    const index = AbstractionIndex.of(ctx.files, ctx.settings);
    const declKey = (file: string, dotted: string): string | undefined => {
      const { binding, rest } = index.resolveDotted(file, dotted);
      return binding.kind === 'local' && rest.length === 0 ? `${binding.file}\0${binding.local}` : undefined;
    };

    const impls = new Map<string, Implementation[]>();
    const extendedByInterface = new Set<string>();
    const subclassed = new Set<string>();
    const add = (key: string | undefined, impl: Implementation) => {
      if (key) impls.set(key, [...(impls.get(key) ?? []), impl]);
    };
    for (const f of ctx.files) {
      const a = index.factsOf(f.path);
      if (!a) continue;
      for (const c of a.classes) {
        for (const i of c.implements)
          add(declKey(f.path, i), { file: f.path, line: c.line, name: c.name, kind: 'class', test: f.isTestFile });
        if (c.extends) {
          const base = declKey(f.path, c.extends);
          add(base, { file: f.path, line: c.line, name: c.name, kind: 'class', test: f.isTestFile });
          if (base) subclassed.add(base);
        }
      }
      for (const i of a.interfaces)
        for (const e of i.extends) {
          const k = declKey(f.path, e);
          if (k) extendedByInterface.add(k);
        }
      for (const t of a.typedImplementations)
        add(declKey(f.path, t.type), { file: f.path, line: t.line, name: t.type, kind: 'object', test: f.isTestFile });
    }

    const findings: DraftFinding[] = [];
    let abstractions = 0;
    for (const f of ctx.files) {
      if (f.isTestFile) continue;
      const a = index.factsOf(f.path);
      if (!a) continue;
      const contracts = [
        ...a.interfaces.filter((i) => i.hasMethods).map((i) => ({ ...i, what: 'interface' as const })),
        // abstract errors are categories for `instanceof`, not contracts
        ...a.classes
          .filter((c) => c.abstract && !/(Error|Exception)$/.test(c.name))
          .map((c) => ({ ...c, what: 'abstract class' as const })),
      ];
      for (const c of contracts) {
        abstractions++;
        const key = `${f.path}\0${c.name}`;
        if (c.what === 'interface' && (extendedByInterface.has(key) || a.classes.some((k) => k.name === c.name))) continue;
        const list = impls.get(key) ?? [];
        if (list.length !== 1) continue; // none: a type, not an abstraction; two or more: it abstracts
        const only = list[0]!;
        if (only.kind !== 'class' || only.test) continue;
        // the implementation is a base class: its subclasses implement the contract too
        const onlyKey = `${only.file}\0${only.name}`;
        if (subclassed.has(onlyKey) || index.classAt(only.file, only.name)?.abstract) continue;
        // last, as it is the costliest to know (computed on first need)
        if (index.publicApi().has(key)) continue; // outside code may implement it
        findings.push({
          ruleId: 'single-implementation',
          file: f.path,
          line: c.line,
          column: c.column,
          endLine: c.endLine,
          endColumn: c.endColumn,
          message:
            `${c.what === 'interface' ? 'Interface' : 'Abstract class'} \`${c.name}\` has one implementation, \`${only.name}\` (${only.file}:${only.line}), ` +
            `and no package exports it: depend on \`${only.name}\` directly and extract the ${c.what} when a second implementation (or a test double) needs it.`,
          fingerprintCode: `${c.what} ${c.name} <- ${only.name}`,
          symbolPath: c.symbolPath,
          related: [{ file: only.file, line: only.line, message: `the only implementation: \`${only.name}\`` }],
        });
      }
    }
    return { findings, metrics: { abstractions, singleImplementation: findings.length } };
  },
});
