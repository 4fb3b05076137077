/**
 * The confident tier of copied-code (`report: "confident"`, the default): the clone classes a reviewer of the
 * codebase keeps the warning on more than 85 times in 100. Copies inside one folder are one owner's code, and
 * extracting them is a local helper in that folder; copies across folders or packages need a shared home and an
 * owner's decision, and near-miss copies with statements changed often differ on purpose, so judges call many of
 * them debatable. Fitted on the judged findings of the 34 older repositories of the precision ledger and checked on
 * the four judged held out (see rules/copied-code.md for the figures).
 */

import type { NearClass } from '../shared/near-classes.js';
import type { CloneClass } from './classes.js';
import { isWholeCode } from './confidence.js';
import type { Doc } from './doc.js';
import type { Fragment } from './matching.js';

/** What `report` selects: the confident tier, or every clone class found and not left out on purpose. */
export type Report = 'confident' | 'all';

/** A copy in one folder is confident when extracting it removes at least this many lines (lines × further copies). */
export const MIN_CONFIDENT_SAVING = 30;

const folderOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('/')));

/** Whether every place lies in one folder: one file, or files side by side in one directory. */
export function inOneFolder(paths: readonly string[]): boolean {
  return new Set(paths.map(folderOf)).size === 1;
}

/**
 * An exact class in the confident tier: every copy in one folder, and either its extraction removes 30 lines or
 * more (the largest copy's lines × further copies), or every copy is whole code: declarations of its module (a
 * function or component copied with its signature) or the whole body of a block, not a piece of one.
 */
export function confidentExact(c: CloneClass, docs: readonly Doc[]): boolean {
  if (!inOneFolder(c.members.map((m) => docs[m.doc]!.facts.path))) return false;
  const largest = c.members.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
  const span = (m: Fragment) => docs[m.doc]!.lines[m.end - 1]! - docs[m.doc]!.lines[m.start]! + 1;
  if (span(largest) * (c.members.length - 1) >= MIN_CONFIDENT_SAVING) return true;
  // declarations of the module, each copy (not a piece of a function, nor a callback in a list of columns)
  return c.members.every((m) => isWholeCode(docs[m.doc]!.tokens, m.start, m.end));
}

/**
 * A class of renamed or near-miss units in the confident tier: verbatim or renamed copies (names changed, no
 * statement changed), every copy in one folder, whose extraction removes 30 lines or more.
 */
export function confidentNear(c: NearClass, pathOf: (doc: number) => string): boolean {
  if (c.similarity.some((s) => s < 1)) return false;
  if (!inOneFolder(c.units.map((u) => pathOf(u.doc)))) return false;
  const first = c.units[0]!;
  return (first.endLine - first.line + 1) * (c.units.length - 1) >= MIN_CONFIDENT_SAVING;
}
