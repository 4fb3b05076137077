import type { RelatedLocation, RuleMeta } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DraftFinding } from '../detector.js';
import { factsOf } from '../facts.js';
import { extractor as abstractionFacts } from '../facts/abstraction.js';
import type { CallableFact } from '../facts/abstraction.js';
import { AbstractionIndex, ChainNode } from '../abstraction-index.js';

export interface Options {
  /** fewest functions on a chain, counting its final target, for it to be reported */
  minDepth: number;
}

const DEFAULTS: Options = { minDepth: 3 };
const PER_LAYER_MINUTES = 10;

export const meta: RuleMeta = {
  id: 'wrapper-chain',
  category: 'abstraction',
  description: 'Reports chains of wrappers across files, each only passing its arguments on to the next, as one finding with every layer.',
  defaultEffortMinutes: 20,
  defaultSeverity: 'warning',
  preset: 'all',
  scope: 'project',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      minDepth: {
        type: 'integer',
        minimum: 3,
        description:
          'Fewest functions on a chain, counting its final target, for it to be reported (default 3: two wrappers and what they call).',
      },
    },
  },
};

export const detector = defineDetector({
  id: meta.id,
  rules: [meta],
  detect(ctx) {
    if (!ctx.enabled('wrapper-chain')) return { findings: [] };
    const { minDepth } = ctx.options<Options>('wrapper-chain', DEFAULTS);
    const { includePackageTargets } = ctx.options('pass-through-function', { includePackageTargets: false });
    const index = AbstractionIndex.of(ctx.files, ctx.settings);

    // every forwarder and what it forwards to
    const next = new Map<string, ChainNode>();
    const forwarders: Array<{ file: string; callable: CallableFact }> = [];
    for (const f of ctx.files) {
      if (f.isTestFile) continue; // test doubles forward on purpose
      const a = factsOf(f, abstractionFacts);
      for (const c of a?.callables ?? []) {
        if (!c.forward) continue;
        forwarders.push({ file: f.path, callable: c });
        const target = index.forwardTarget(f.path, c, includePackageTargets);
        if (target) next.set(ChainNode.key(f.path, c.name), target);
      }
    }
    const targeted = new Set<string>();
    for (const [, n] of next) if (n.callable?.forward) targeted.add(n.key);

    const findings: DraftFinding[] = [];
    const supersedes: Array<{ ruleId: string; file: string; line: number; column: number }> = [];
    let longest = 0;
    for (const { file, callable } of forwarders) {
      const key = ChainNode.key(file, callable.name);
      if (targeted.has(key)) continue; // not the outermost wrapper
      const chain: ChainNode[] = [new ChainNode(file, callable.name, callable.line, callable)];
      const seen = new Set([key]);
      for (let cur = next.get(key); cur && !seen.has(cur.key); cur = cur.callable?.forward ? next.get(cur.key) : undefined) {
        chain.push(cur);
        seen.add(cur.key);
        if (!cur.callable?.forward) break;
      }
      if (chain.length < Math.max(3, minDepth)) continue;
      longest = Math.max(longest, chain.length);
      const names = chain.map((n) => n.display);
      const last = chain[chain.length - 1]!;
      const layers = chain.length - 1;
      const related: RelatedLocation[] = chain.map((n, i) =>
        i < chain.length - 1
          ? {
              file: n.file,
              line: n.line,
              message: `layer ${i + 1} of ${layers}: \`${n.display}\` only passes its arguments on to \`${chain[i + 1]!.display}\``,
            }
          : { file: n.file, line: n.line, message: `target: \`${n.display}\`${n.external ? ` (${n.external})` : ''}` },
      );
      findings.push({
        ruleId: 'wrapper-chain',
        file,
        line: callable.line,
        column: callable.column,
        endLine: callable.endLine,
        endColumn: callable.endColumn,
        message:
          `${chain.length} layers: ${names.join(' -> ')}. The first ${layers} only pass their arguments on: ` +
          `call \`${last.display}\` directly where \`${callable.name}\` is used, or give the layers a job.`,
        fingerprintCode: names.join(' -> '),
        symbolPath: callable.symbolPath,
        related,
        effortMinutes: PER_LAYER_MINUTES * layers,
      });
      for (const n of chain) {
        const rule = n.callable?.forward?.rule;
        if (rule && n.callable) supersedes.push({ ruleId: rule, file: n.file, line: n.callable.line, column: n.callable.column });
      }
    }
    return { findings, supersedes, metrics: { chains: findings.length, longest, forwarders: forwarders.length } };
  },
});
