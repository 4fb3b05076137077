import { configuredComponent, findComponents, signatureSize } from '@plumbline/core';
import type { ComponentInterface, ComponentKind, SignatureNode, TypeScript } from '@plumbline/core';
import type * as TS from 'typescript';
import { defineExtractor } from '../facts.js';

/** One React component and the structural signature of what it renders. */
export interface ComponentSignatureFact {
  name: string;
  kind: ComponentKind;
  exported: boolean;
  /** the component's name (1-based lines and columns) */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** lines of the whole declaration */
  startLine: number;
  lastLine: number;
  /** the raw HTML element its main render starts with, if any */
  rootElement: string | null;
  /** that root by content and look (`button[icon]`, `button[text]`, `input[group]`; see rawElementKeyOf) */
  rootKey?: string | null;
  /** the element its ref or props type names (forwardRef<HTMLButtonElement>) */
  elementHint: string | null;
  /** nodes of the signature tree: elements, props, text and expression slots */
  size: number;
  /** hash of the whole signature: equal for structurally identical components */
  shape: string;
  /** the pq-gram profile (p=2, q=3) of the signature, as sorted 32-bit hashes (a bag) */
  grams: number[];
  /** element and component types it renders */
  tags: string[];
  /** the signature, rendered compactly (for messages and debugging), capped */
  outline: string;
  /** the tag its main render starts with, element or component (`button`, `Link`, `DialogPrimitive.Close`) */
  rootTag?: string | null;
  /** prop names it declares, class names on its root, whether it passes `children` on, hook calls (see ComponentInterface) */
  face?: ComponentInterface;
  /** the one component its render only configures (see configuredComponent), if so */
  configures?: string | null;
}

export interface ComponentFacts {
  components: ComponentSignatureFact[];
}

/** FNV-1a, 32 bits. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const P = 2;
const Q = 3;
const STAR = '*';

/**
 * The pq-gram profile of a tree (Augsten, Böhlen, Gamper): for every node, its p-1 ancestors, itself, and
 * each window of q consecutive children (padded with `*`). The bag distance between two profiles
 * approximates tree edit distance and is cheap to compute; the grams also serve as LSH shingles.
 */
export function pqGrams(tree: SignatureNode): number[] {
  const out: number[] = [];
  const visit = (node: SignatureNode, ancestors: string[]): void => {
    const stem = [...ancestors, node.label];
    const kids = node.children.map((c) => c.label);
    if (kids.length === 0) out.push(hash32([...stem, STAR, STAR, STAR].join('\u0001')));
    else {
      const padded = [...Array<string>(Q - 1).fill(STAR), ...kids, ...Array<string>(Q - 1).fill(STAR)];
      for (let i = 0; i + Q <= padded.length; i++) out.push(hash32([...stem, ...padded.slice(i, i + Q)].join('\u0001')));
    }
    const next = [...ancestors.slice(1), node.label];
    for (const c of node.children) visit(c, next);
  };
  visit(tree, Array<string>(P - 1).fill(STAR));
  return out.sort((a, b) => a - b);
}

export function outlineOf(node: SignatureNode, max = 400): string {
  let s = '';
  const visit = (n: SignatureNode): void => {
    if (s.length > max) return;
    s += n.label;
    const kids = n.children.filter((c) => c.label !== '@');
    if (kids.length) {
      s += '(';
      kids.forEach((c, i) => {
        if (i) s += ' ';
        visit(c);
      });
      s += ')';
    }
  };
  visit(node);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function canonical(node: SignatureNode): string {
  return node.children.length ? `${node.label}(${node.children.map(canonical).join(',')})` : node.label;
}

function position(ts: TypeScript, sf: TS.SourceFile, pos: number): { line: number; column: number } {
  const { line, character } = ts.getLineAndCharacterOfPosition(sf, pos);
  return { line: line + 1, column: character + 1 };
}

/** Structural signatures of the React components of a file (function, arrow, forwardRef, memo, class, styled). */
export const extractor = defineExtractor<ComponentFacts>({
  name: 'components',
  languages: ['ts'],
  extract({ ts, sourceFile: sf }) {
    if (!sf) return { components: [] };
    const components: ComponentSignatureFact[] = [];
    for (const c of findComponents(ts, sf)) {
      const s = position(ts, sf, c.nameNode.getStart(sf));
      const e = position(ts, sf, c.nameNode.getEnd());
      components.push({
        name: c.name,
        kind: c.kind,
        exported: c.exported,
        line: s.line,
        column: s.column,
        endLine: e.line,
        endColumn: e.column,
        startLine: position(ts, sf, c.node.getStart(sf)).line,
        lastLine: position(ts, sf, c.node.getEnd()).line,
        rootElement: c.rootElement,
        rootKey: c.rootKey,
        elementHint: c.elementHint,
        size: signatureSize(c.tree),
        shape: hash32(canonical(c.tree)).toString(16),
        grams: pqGrams(c.tree),
        tags: c.tags,
        outline: outlineOf(c.tree),
        rootTag: c.rootTag,
        face: c.face,
        configures: configuredComponent(c.tree),
      });
    }
    return { components };
  },
});
