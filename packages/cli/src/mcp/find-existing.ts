// `find_existing_code`: before a function, hook or component is written (or right after), the existing
// one it duplicates, with its place and the similarity: the same clone matching as copied-code (exact,
// renamed and edited copies) over the repository's facts, and the unit that holds each existing copy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileFacts } from '@plumbline/analyzer';
import type { Analysis } from '../conventions/analysis.js';
import { dataOf } from '../conventions/analysis.js';
import { similarCode } from './check-code.js';
import type { Duplicate } from './check-code.js';
import { repositoryPath, ToolError } from './errors.js';

export interface ExistingCode {
  /** the function, hook or component that holds the existing copy (null: code outside any named unit) */
  name: string | null;
  kind: 'function' | 'hook' | 'component' | 'class' | 'code';
  file: string;
  line: number;
  endLine: number;
  /** similarity of the code compared to the existing copy: 1 for an exact copy (see copied-code) */
  similarity: number;
}

export interface FindExistingResult {
  /** what was compared: the snippet, or the unit `name` of `path` (its lines) */
  query: { name: string | null; path?: string; line?: number; endLine?: number };
  found: boolean;
  existing: ExistingCode[];
  advice: string;
}

interface Unit {
  name: string;
  kind: ExistingCode['kind'];
  line: number;
  endLine: number;
}

/** The named units (functions, components, classes) of a file's facts, innermost last. */
function unitsOf(facts: FileFacts | undefined): Unit[] {
  if (!facts) return [];
  const s = dataOf<{
    declarations: Array<{ name: string; kind: string; line: number; endLine: number }>;
    components: Array<{ name: string; line: number; endLine: number }>;
  }>(facts, 'structure');
  const components = new Set((s?.components ?? []).map((c) => `${c.name}:${c.line}`));
  const out: Unit[] = [];
  for (const d of s?.declarations ?? []) {
    if (d.kind !== 'function' && d.kind !== 'variable' && d.kind !== 'class') continue;
    const kind: Unit['kind'] = components.has(`${d.name}:${d.line}`)
      ? 'component'
      : /^use[A-Z0-9]/.test(d.name)
        ? 'hook'
        : d.kind === 'class'
          ? 'class'
          : 'function';
    out.push({ name: d.name, kind, line: d.line, endLine: d.endLine });
  }
  return out.sort((a, b) => b.endLine - b.line - (a.endLine - a.line));
}

/** The smallest named unit of `units` that holds most of the lines `line`-`endLine`. */
function unitAt(units: readonly Unit[], line: number, endLine: number): Unit | undefined {
  const span = endLine - line + 1;
  let best: Unit | undefined;
  for (const u of units) {
    const overlap = Math.min(u.endLine, endLine) - Math.max(u.line, line) + 1;
    if (overlap >= span / 2 && (!best || u.endLine - u.line < best.endLine - best.line)) best = u;
  }
  return best;
}

/** The existing code of the duplicates found, one entry per place, most similar first. */
function existingOf(
  analysis: Analysis,
  duplicates: readonly Duplicate[],
  own: (p: { file: string; line: number; endLine: number }) => boolean,
): ExistingCode[] {
  const facts = new Map(analysis.facts.map((f) => [f.path, f]));
  const seen = new Set<string>();
  const out: ExistingCode[] = [];
  for (const d of duplicates) {
    for (const p of d.places) {
      const endLine = p.endLine ?? p.line;
      if (own({ file: p.file, line: p.line, endLine })) continue;
      const unit = unitAt(unitsOf(facts.get(p.file)), p.line, endLine);
      const key = unit ? `${p.file}\0${unit.name}` : `${p.file}\0${p.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        name: p.name ?? unit?.name ?? null,
        kind: unit?.kind ?? 'code',
        file: p.file,
        line: unit?.line ?? p.line,
        endLine: unit?.endLine ?? endLine,
        similarity: p.similarity ?? 1,
      });
    }
  }
  return out.sort((a, b) => b.similarity - a.similarity || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

const label = (e: ExistingCode) => (e.name ? `\`${e.name}\`` : `lines ${e.line}-${e.endLine}`);

/**
 * `find_existing_code`: the existing function, hook or component that a snippet (or the unit `name` of
 * the file `path`, as it is on disk) duplicates. For a unit of a file, the unit itself is not an answer.
 */
export function findExistingCode(analysis: Analysis, input: { snippet?: string; path?: string; name?: string }): FindExistingResult {
  let snippet = input.snippet;
  let query: FindExistingResult['query'] = { name: null };
  let own: (p: { file: string; line: number; endLine: number }) => boolean = () => false;
  if (input.path !== undefined || input.name !== undefined) {
    if (snippet !== undefined) throw new ToolError('bad-input', 'give either a snippet, or a path and the name of a function in it');
    if (!input.path || !input.name)
      throw new ToolError('bad-input', 'give both path and name (the function, hook or component in that file)');
    const path = repositoryPath(analysis.root, input.path, { sourceFile: true });
    let text: string;
    try {
      text = readFileSync(join(analysis.root, path), 'utf8');
    } catch {
      throw new ToolError('bad-path', `${path} does not exist in the repository`);
    }
    const lines = text.split('\n');
    const unit = unitsOf(analysis.facts.find((f) => f.path === path)).find((u) => u.name === input.name);
    if (!unit)
      throw new ToolError(
        'bad-input',
        `${path} declares no function, hook or component named ${input.name} (as the repository was analysed)`,
      );
    snippet = lines.slice(unit.line - 1, unit.endLine).join('\n');
    query = { name: unit.name, path, line: unit.line, endLine: unit.endLine };
    own = (p) => p.file === path && p.line <= unit.endLine && p.endLine >= unit.line;
  }
  if (typeof snippet !== 'string' || !snippet.trim())
    throw new ToolError('bad-input', 'give a snippet of code, or a path and a function name');
  const similar = similarCode(analysis, snippet);
  const existing = existingOf(analysis, similar.duplicates, own);
  const what = query.name ? `\`${query.name}\`` : 'this code';
  const best = existing[0];
  return {
    query,
    found: existing.length > 0,
    existing,
    advice: best
      ? `${what} duplicates ${label(best)} in ${best.file}:${best.line}${best.similarity < 1 ? ` (similarity ${best.similarity.toFixed(2)})` : ''}: ` +
        `reuse it instead of writing it again${existing.length > 2 ? ` (${existing.length - 1} more places hold the same code)` : existing.length > 1 ? ' (1 more place holds the same code)' : ''}.`
      : `no existing function, hook or component duplicates ${what}${similar.tokens < similar.minTokens ? ` (${similar.summary})` : ''}.`,
  };
}
