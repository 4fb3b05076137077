// "Written again": a function, hook or component that a change adds and that duplicates code the
// repository already has. A new copy of old code is already a new copied-code finding; this names the
// existing code as the one to reuse: "`toTitleCase` in this change duplicates `capitalizeWords` in
// lib/strings.ts:3 (similarity 0.91)".
import { analyzerRules } from '@plumbline/analyzer';
import { ruleSeverity } from '@plumbline/core';
import type { Finding, ResolvedConfig, RuleEntry } from '@plumbline/core';
import { git } from './git/command.js';
import { changedLines } from './git/lines.js';

/** One place of a copied-code finding: its lines, and for a whole unit its name and its similarity to the first place. */
export interface CopyPlace {
  file: string;
  line: number;
  endLine: number;
  name: string | null;
  /** similarity to the finding's first place (1 for the first place; null for a verbatim block) */
  similarity: number | null;
}

export interface WrittenAgain {
  finding: Finding;
  added: CopyPlace;
  existing: CopyPlace;
  message: string;
}

/** The places of a copied-code finding, read from its message and its related copies ("copy 2 of 3: `name`, lines 5-26 (similarity 0.87; …)"). */
export function copyPlaces(f: Pick<Finding, 'file' | 'line' | 'endLine' | 'message' | 'related'>): CopyPlace[] {
  const first = /^`([^`]+)` \(\d+ lines\)/.exec(f.message);
  const places: CopyPlace[] = [{ file: f.file, line: f.line, endLine: f.endLine, name: first?.[1] ?? null, similarity: first ? 1 : null }];
  for (const r of f.related) {
    const m = /^copy \d+ of \d+: (?:`([^`]+)`, )?lines (\d+)-(\d+)(?: \(similarity ([\d.]+))?/.exec(r.message);
    places.push({
      file: r.file,
      line: m ? Number(m[2]) : r.line,
      endLine: m ? Number(m[3]) : r.line,
      name: m?.[1] ?? null,
      similarity: m?.[4] !== undefined ? Number(m[4]) : null,
    });
  }
  return places;
}

const what = (p: CopyPlace) => (p.name ? `\`${p.name}\`` : `lines ${p.line}-${p.endLine}`);

/**
 * New copied-code findings with a copy inside the change and one in code the change did not touch:
 * `inChange(place)` says whether a place's lines are the change's. The existing place named is the most
 * similar one (the finding's first place when it is the existing code).
 */
export function writtenAgain(newFindings: readonly Finding[], inChange: (p: CopyPlace) => boolean): WrittenAgain[] {
  const out: WrittenAgain[] = [];
  for (const f of newFindings) {
    if (f.ruleId !== 'copied-code') continue;
    const places = copyPlaces(f);
    const added = places.find(inChange);
    const existing = places.filter((p) => !inChange(p));
    if (!added || existing.length === 0) continue;
    // similarities are to the first place: between the added copy and the first, or between the first and another
    const simTo = (p: CopyPlace) => (p === places[0] ? added.similarity : added === places[0] ? p.similarity : null);
    const best = existing.reduce((b, p) => ((simTo(p) ?? 0) > (simTo(b) ?? 0) ? p : b));
    const sim = simTo(best);
    const message =
      `${what(added)} in this change ${added.name ? 'duplicates' : 'duplicate'} ${what(best)} in ${best.file}:${best.line}` +
      `${sim !== null && sim < 1 ? ` (similarity ${sim.toFixed(2)})` : ''}: reuse ${best.name ? 'it' : 'them'} instead of writing ${added.name ? 'it' : 'them'} again.`;
    out.push({ finding: f, added, existing: best, message });
  }
  return out;
}

/**
 * Names the existing code in the change's new copied-code findings, in place: each such finding's message
 * starts with the written-again sentence (its fingerprint stays). A place is in the change when a line of it
 * differs from `base`, or when its file is not in `base` at all.
 */
export async function nameWrittenAgain(
  root: string,
  base: string,
  head: string | null,
  newFindings: readonly Finding[],
): Promise<WrittenAgain[]> {
  const copied = newFindings.filter((f) => f.ruleId === 'copied-code');
  if (copied.length === 0) return [];
  const files = [...new Set(copied.flatMap((f) => copyPlaces(f).map((p) => p.file)))];
  const changed = await changedLines(root, base, head, files);
  const tracked = new Set((git(root, ['ls-tree', '-r', '--name-only', base, '--', ...files]) ?? '').split('\n').filter(Boolean));
  const inChange = (p: CopyPlace) => {
    if (!tracked.has(p.file)) return true;
    const lines = changed.get(p.file);
    for (let l = p.line; l <= p.endLine; l++) if (lines?.has(l)) return true;
    return false;
  };
  const found = writtenAgain(copied, inChange);
  for (const w of found) w.finding.message = `${w.message} ${w.finding.message}`;
  return found;
}

/**
 * The config a change is judged with against a base commit, and the one `mcp` answers from: copied-code reports
 * every clone class (its `report: "all"`) unless the config sets `report`. Its default confident tier is for a
 * repository's standing copies; a copy the change itself adds (or a file an assistant proposes), in another folder
 * or with statements changed, is one to name ("written again").
 */
export function everyCopy(config: ResolvedConfig): ResolvedConfig {
  const entry = config.rules['copied-code'];
  const [level, options] = Array.isArray(entry) ? [entry[0], (entry[1] ?? {}) as object] : [entry, {}];
  if (level === 'off' || 'report' in options) return config;
  // unset: the preset decides whether it runs, and the options are the defaults
  if (level === undefined) {
    const meta = analyzerRules().find((r) => r.id === 'copied-code');
    return meta && ruleSeverity(config, meta)
      ? withRule(config, [meta.defaultSeverity === 'error' ? 'error' : 'warn', { report: 'all' }])
      : config;
  }
  return withRule(config, [level, { ...options, report: 'all' }]);
}

const withRule = (config: ResolvedConfig, entry: RuleEntry): ResolvedConfig => ({
  ...config,
  rules: { ...config.rules, 'copied-code': entry },
});
