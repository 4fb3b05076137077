// Review focus: the few places of a change a reviewer should read first, ranked from what plumbline knows.
// Pure: the new findings, the functions the change wrote, and which lines it touched.
import type { Finding } from '@plumbline/core';
import type { NewFunction } from './functions.js';

export type FocusKind =
  | 'written-again'
  | 'layer-crossing'
  | 'new-dependency'
  | 'finding'
  | 'complex-function'
  | 'new-component'
  | 'exported-function'
  | 'edited-function'
  | 'edited-copy'
  | 'changed-file';

export interface FocusItem {
  kind: FocusKind;
  file: string;
  line: number;
  /** one line: what to look at and why */
  text: string;
  /** the finding's rule, for items that are findings */
  ruleId?: string;
  /** for ranking: higher first */
  score: number;
}

/** A complex function: this many decision points and more, with no comment saying why, is worth a reviewer's question. */
export const COMPLEX_FUNCTION = 10;
/** An edited function is worth a look when the change touched this many of its lines. */
export const EDITED_FUNCTION_LINES = 8;
/** At most this many items of one file among the first, so that the list covers the change. */
const PER_FILE = 2;

export interface FocusInput {
  /** the change's new findings (the manifest's new-dependency findings included) */
  newFindings: readonly Finding[];
  /** findings the change edited (the same debt as before under a new fingerprint: a clone whose copies it changed) */
  editedFindings?: readonly Finding[];
  /** the functions the change wrote (`isNew` not false) or edited */
  functions: readonly NewFunction[];
  /** whether a line at the head is one the change added or edited */
  touched: (file: string, line: number) => boolean;
  /** ids of findings at a package manifest's dependency (new dependencies that drift) */
  dependencyFindings?: ReadonlySet<Finding>;
  /** the counted files of the change: the last resort, for files no other item names */
  files?: ReadonlyArray<{ file: string; line: number; added: number; deleted: number; isNew: boolean; test: boolean }>;
}

/** A file no other item names is listed when the change touched this many of its lines. */
const CHANGED_FILE_LINES = 3;

const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
/** The first sentence of a message; line breaks are kept (each format shows them as one line, GitHub's as data). */
const firstSentence = (s: string) => s.replace(/[ \t]+/g, ' ').replace(/^(.*?\.) [A-Z].*$/s, '$1');

/** The places of a copied-code finding: the reported copy and the related ones, with their line spans. */
function copiesOf(f: Finding): Array<{ file: string; line: number; endLine: number }> {
  const span = Math.max(0, f.endLine - f.line);
  return [
    { file: f.file, line: f.line, endLine: Math.max(f.line, f.endLine) },
    ...f.related.map((r) => {
      const m = /lines (\d+)-(\d+)/.exec(r.message);
      return { file: r.file, line: r.line, endLine: m ? Number(m[2]) : r.line + span };
    }),
  ];
}

/** The share of a span's lines the change added or edited. */
function touchedShare(p: { file: string; line: number; endLine: number }, touched: FocusInput['touched']): number {
  let n = 0;
  for (let l = p.line; l <= p.endLine; l++) if (touched(p.file, l)) n++;
  return n / (p.endLine - p.line + 1);
}

/**
 * A new copied-code finding with a copy the change wrote (most of its lines added) and another in code
 * the change did not touch: the change wrote again what already existed. The item points at the new copy
 * and names the old one. A clone whose copies were all there before (one of them edited) is not.
 */
function writtenAgain(f: Finding, touched: FocusInput['touched']): FocusItem | null {
  if (f.ruleId !== 'copied-code') return null;
  const copies = copiesOf(f).map((c) => ({ ...c, share: touchedShare(c, touched) }));
  const fresh = copies.filter((c) => c.share >= 0.8);
  const old = copies.filter((c) => c.share <= 0.2);
  if (fresh.length === 0) return editedCopy(f, copies);
  if (old.length === 0) return null;
  const at = fresh[0]!;
  const lines = at.endLine - at.line + 1;
  return {
    kind: 'written-again',
    file: at.file,
    line: at.line,
    ruleId: f.ruleId,
    text: `written again: ${lines} line${lines === 1 ? '' : 's'} that already exist at \`${old[0]!.file}:${old[0]!.line}\`${old.length > 1 ? ` (and ${old.length - 1} more)` : ''}; reuse it`,
    score: 10_000 + f.effortMinutes,
  };
}

/**
 * A clone whose copies were all there before, one or more edited by the change (its fingerprint is new):
 * worth a look when the edit is large, since the other copies may need the same change; ranked by the
 * lines the change touched in it, below the change's own new code.
 */
function editedCopy(f: Finding, copies: ReadonlyArray<{ file: string; line: number; endLine: number; share: number }>): FocusItem | null {
  const edited = copies.filter((c) => c.share > 0);
  if (edited.length === 0) return null;
  const at = edited[0]!;
  const lines = Math.round(at.share * (at.endLine - at.line + 1));
  const others = copies.filter((c) => c !== at);
  return {
    kind: 'edited-copy',
    file: at.file,
    line: at.line,
    ruleId: f.ruleId,
    text: `edited code that is copied in ${copies.length} places (also \`${others[0]!.file}:${others[0]!.line}\`${others.length > 1 ? ` and ${others.length - 1} more` : ''}): ${edited.length === copies.length ? 'every copy changed alike?' : 'do the other copies need the same change?'}`,
    score: Math.min(600, 150 + 10 * lines),
  };
}

function findingItem(f: Finding, input: FocusInput): FocusItem {
  const copy = writtenAgain(f, input.touched);
  if (copy) return copy;
  if (input.dependencyFindings?.has(f))
    return {
      kind: 'new-dependency',
      file: f.file,
      line: f.line,
      ruleId: f.ruleId,
      text: clip(firstSentence(f.message)),
      score: 4_000 + f.effortMinutes,
    };
  if (f.ruleId === 'layer-violation')
    return {
      kind: 'layer-crossing',
      file: f.file,
      line: f.line,
      ruleId: f.ruleId,
      text: clip(`layer crossing: ${firstSentence(f.message)}`),
      score: 5_000 + f.effortMinutes,
    };
  return {
    kind: 'finding',
    file: f.file,
    line: f.line,
    ruleId: f.ruleId,
    text: clip(`${f.ruleId} (${f.effortMinutes} min): ${firstSentence(f.message)}`),
    score: 1_000 + f.effortMinutes,
  };
}

function functionItem(fn: NewFunction): FocusItem | null {
  const item = productFunctionItem(fn);
  // a test's functions come after every place of product code, in their own order
  return item && fn.test ? { ...item, text: `${item.text} (test or dev code)`, score: item.score / 100 } : item;
}

function productFunctionItem(fn: NewFunction): FocusItem | null {
  const lines = fn.endLine - fn.line + 1;
  if (fn.isNew === false) {
    const touched = fn.touched ?? 0;
    return touched >= EDITED_FUNCTION_LINES
      ? {
          kind: 'edited-function',
          file: fn.file,
          line: fn.line,
          text: `edited ${fn.component ? 'component' : 'function'} \`${fn.name}\`: ${touched} of its ${lines} lines changed`,
          score: 100 + touched,
        }
      : null;
  }
  if (fn.complexity >= COMPLEX_FUNCTION && !fn.commented)
    return {
      kind: 'complex-function',
      file: fn.file,
      line: fn.line,
      text: `complex new ${fn.component ? 'component' : 'function'} \`${fn.name}\` (${fn.complexity} branches, ${lines} lines) with no comment saying why`,
      score: 500 + fn.complexity * 10 + lines,
    };
  if (fn.component)
    return {
      kind: 'new-component',
      file: fn.file,
      line: fn.line,
      text: `new component \`${fn.name}\` (${lines} lines)`,
      score: 300 + lines,
    };
  if (fn.exported)
    return {
      kind: 'exported-function',
      file: fn.file,
      line: fn.line,
      text: `new exported function \`${fn.name}\` (${lines} lines)`,
      score: 200 + lines,
    };
  return null;
}

/**
 * Every focus item of a change, best first: a copy of existing code written again, layer crossings, new
 * dependencies that drift, the other new findings by effort, complex new functions with no comment, new
 * components, new exported functions, then the functions the change edited most. One item per place; at most two of one file before every other
 * file has had its turn. Formatters show the first five.
 */
export function reviewFocus(input: FocusInput): FocusItem[] {
  const items: FocusItem[] = [];
  for (const f of input.newFindings) items.push(findingItem(f, input));
  for (const f of input.editedFindings ?? []) {
    if (f.ruleId !== 'copied-code') continue;
    const item = editedCopy(
      f,
      copiesOf(f).map((c) => ({ ...c, share: touchedShare(c, input.touched) })),
    );
    if (item) items.push(item);
  }
  for (const fn of input.functions) {
    const item = functionItem(fn);
    if (item) items.push(item);
  }
  // files with nothing else to say (declarations, test suites, config): by size, after everything else
  const named = new Set(items.map((i) => i.file));
  for (const f of input.files ?? []) {
    const n = f.added + f.deleted;
    if (named.has(f.file) || n < CHANGED_FILE_LINES) continue;
    const text = `${f.isNew ? 'new file' : 'changed file'}: +${f.added} −${f.deleted} lines${f.test ? ' (test or dev code)' : ''}`;
    items.push({
      kind: 'changed-file',
      file: f.file,
      line: f.line,
      text,
      score: (f.test ? 0.01 : 1) * Math.min(99, f.added + f.deleted / 4),
    });
  }
  items.sort((a, b) => b.score - a.score || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const seen = new Set<string>();
  const unique = items.filter((i) => {
    const key = `${i.file}:${i.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const first: FocusItem[] = [];
  const later: FocusItem[] = [];
  const perFile = new Map<string, number>();
  for (const i of unique) {
    const n = perFile.get(i.file) ?? 0;
    perFile.set(i.file, n + 1);
    (n < PER_FILE ? first : later).push(i);
  }
  return [...first, ...later];
}
