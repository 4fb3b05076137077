import { UNSAFE_CHARACTERS } from '../formatters/text-safety.js';

/** One line of the conventions section: an imperative sentence and the measured fact behind it. */
export interface ConventionLine {
  section: Section;
  /** stable id of the line (`design-system:Button`, `role:http`), for --explain and tests */
  key: string;
  /** the line as written (Markdown, one sentence or two) */
  text: string;
  /** how much of the code it concerns (files, instances, sites): the budget keeps the heaviest lines */
  weight: number;
  /** what was measured, and where (printed by --explain) */
  fact: string;
}

export type Section = 'design-system' | 'tokens' | 'libraries' | 'layers' | 'idioms' | 'constants';

/** Sections in the order they are written, with their headings. */
export const SECTIONS: ReadonlyArray<{ id: Section; heading: string }> = [
  { id: 'design-system', heading: 'Design system' },
  { id: 'tokens', heading: 'Design tokens' },
  { id: 'libraries', heading: 'Libraries and wrappers' },
  { id: 'layers', heading: 'Layers' },
  { id: 'idioms', heading: 'Code style' },
  { id: 'constants', heading: 'Constants and config' },
];

/**
 * Inline code of a name or path read from the repository: no backtick, line break, control or bidi
 * character (text-safety's unsafe set) can escape it or reorder what the assistant reads.
 */
export function code(text: string): string {
  const clean = text.replace(UNSAFE_CHARACTERS, '').replace(/`/g, '').slice(0, 200);
  return `\`${clean}\``;
}

/** `a`, `a and b`, `a, b and c` */
export function listOf(items: readonly string[], max = 8): string {
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** `a`, `a or b`, `a, b or c` */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Orders lines within the budget: the heaviest first, ties by key (deterministic). */
export function byWeight(a: ConventionLine, b: ConventionLine): number {
  return b.weight - a.weight || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * The lines kept under a budget: the heaviest `max` lines, written section by section in SECTIONS
 * order, heaviest first within a section.
 */
export function withinBudget(lines: readonly ConventionLine[], max: number): ConventionLine[] {
  const kept = new Set([...lines].sort(byWeight).slice(0, Math.max(0, max)));
  const out: ConventionLine[] = [];
  for (const s of SECTIONS) out.push(...[...kept].filter((l) => l.section === s.id).sort(byWeight));
  return out;
}
