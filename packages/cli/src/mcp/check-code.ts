import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, analyzerRules, DETECTORS, factsOfContent, parseSource } from '@plumbline/analyzer';
import type { FileFacts } from '@plumbline/analyzer';
import { blobHash, ruleOptions, ruleSeverity } from '@plumbline/core';
import type { Finding } from '@plumbline/core';
import type { Analysis } from '../conventions/analysis.js';
import { dataOf } from '../conventions/analysis.js';
import { copyPlaces, writtenAgain } from '../written-again.js';
import type { CopyPlace } from '../written-again.js';
import { checkSize, ToolError } from './errors.js';

export interface Duplicate {
  /** lines of the proposed code that are copied */
  line: number;
  endLine: number;
  /**
   * the existing copies; for a whole unit, its name, and the similarity between it and the proposed code
   * when the finding says it (1 for an exact copy)
   */
  places: Array<{ file: string; line: number; endLine?: number; name?: string; similarity?: number }>;
  message: string;
}

export interface CheckCodeResult {
  path: string;
  /** whether the file exists (the content replaces it) or would be new */
  exists: boolean;
  findings: Array<{
    ruleId: string;
    severity: string;
    message: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    /** not reported on the file as it is in the repository now */
    new: boolean;
    related: Array<{ file: string; line: number; message: string }>;
  }>;
  duplicates: Duplicate[];
  /** functions, hooks and components of the content that duplicate existing code, each with the existing one to reuse */
  writtenAgain: Array<{
    name: string | null;
    line: number;
    existing: { name: string | null; file: string; line: number };
    message: string;
  }>;
  /** why the content could not be analysed (a syntax error, a skipped file) */
  error?: string;
  summary: string;
}

const byPlace = (a: { file: string; line: number }, b: { file: string; line: number }) =>
  a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;

/** The copied-code findings that involve `path`, as the places it duplicates. */
function duplicatesOf(
  findings: readonly Pick<Finding, 'ruleId' | 'file' | 'line' | 'endLine' | 'message' | 'related'>[],
  path: string,
): Duplicate[] {
  const out: Duplicate[] = [];
  for (const f of findings) {
    if (f.ruleId !== 'copied-code') continue;
    const places = copyPlaces(f);
    const mine = places.find((p) => p.file === path);
    if (!mine) continue;
    // similarities are to the finding's first place
    const simTo = (p: CopyPlace) =>
      (p === places[0] ? mine.similarity : mine === places[0] ? p.similarity : null) ?? (f.message.includes('similarity') ? null : 1);
    out.push({
      line: mine.line,
      endLine: mine.endLine,
      places: places
        .filter((p) => p !== mine)
        .map((p) => {
          const sim = simTo(p);
          return {
            file: p.file,
            line: p.line,
            endLine: p.endLine,
            ...(p.name ? { name: p.name } : {}),
            ...(sim !== null ? { similarity: sim } : {}),
          };
        })
        .sort(byPlace),
      message: f.message,
    });
  }
  return out.sort((a, b) => a.line - b.line);
}

/** `check_code`: what plumbline would report on a file with this content, the rest of the repository as it is. */
export function checkCode(analysis: Analysis, path: string, content: string): CheckCodeResult {
  if (typeof content !== 'string') throw new ToolError('bad-input', 'content must be the text of the file');
  checkSize('content', content);
  const bytes = Buffer.from(content, 'utf8');
  const hash = blobHash(bytes);
  const exists = analysis.hashes.has(path);
  const paths = exists ? analysis.paths : [...analysis.paths, path].sort();
  const out = analyze({
    root: analysis.root,
    config: analysis.config,
    settings: analysis.settings,
    cache: analysis.cache,
    concurrency: 1,
    source: {
      paths,
      read: (p) => (p === path ? bytes : readFileSync(join(analysis.root, p))),
      knownHash: (p) => (p === path ? hash : analysis.hashes.get(p)),
    },
  });
  const problem = [...out.result.errors, ...out.result.skipped.map((s) => ({ file: s.file, message: s.reason }))].find(
    (e) => e.file === path,
  );
  const metas = new Map(analyzerRules().map((m) => [m.id, m]));
  // reported as the user's config reports them (its preset); copies always, as duplicates
  const reported = (f: Finding) => {
    const meta = metas.get(f.ruleId);
    return !!meta && ruleSeverity(analysis.userConfig, meta) !== null;
  };
  const before = new Set(analysis.result.findings.filter((f) => f.file === path).map((f) => f.fingerprint));
  const findings = out.result.findings
    .filter((f) => f.file === path && f.ruleId !== 'copied-code' && reported(f))
    .map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      new: !before.has(f.fingerprint),
      related: f.related,
    }));
  const duplicates = duplicatesOf(out.result.findings, path);
  const fresh = findings.filter((f) => f.new).length;
  // a copy the content adds whose other copy is existing code: the existing function, hook or component to reuse
  const known = new Set(analysis.result.findings.filter((f) => f.ruleId === 'copied-code').map((f) => f.fingerprint));
  const again = writtenAgain(
    out.result.findings.filter((f) => f.ruleId === 'copied-code' && !known.has(f.fingerprint)),
    (p) => p.file === path,
  ).map((w) => ({
    name: w.added.name,
    line: w.added.line,
    existing: { name: w.existing.name, file: w.existing.file, line: w.existing.line },
    message: w.message,
  }));
  return {
    path,
    exists,
    findings,
    duplicates,
    writtenAgain: again,
    ...(problem ? { error: problem.message } : {}),
    summary: problem
      ? `${path} could not be analysed: ${problem.message}`
      : `${findings.length} finding(s) (${fresh} new), ${duplicates.length} duplicated block(s) of existing code` +
        (again.length ? `; ${again.map((w) => w.message).join(' ')}` : ''),
  };
}

export interface SimilarCodeResult {
  /** tokens of the snippet, and the smallest copy compared */
  tokens: number;
  /** the lines of the snippet compared (1-based), when it did not parse whole */
  compared?: { firstLine: number; lastLine: number };
  minTokens: number;
  duplicates: Duplicate[];
  error?: string;
  summary: string;
}

/**
 * The snippet with the brackets it leaves open closed at its end (`{`, `(`, `[`, skipping strings,
 * template literals and comments roughly): a block copied out of a function parses then.
 */
export function closeBrackets(text: string): string {
  const stack: string[] = [];
  const closer: Record<string, string> = { '{': '}', '(': ')', '[': ']' };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (c === '/' && text[i + 1] === '*') i = text.indexOf('*/', i + 2) < 0 ? text.length : text.indexOf('*/', i + 2) + 1;
    else if (c === '"' || c === "'" || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if (closer[c]) stack.push(closer[c]);
    else if ((c === '}' || c === ')' || c === ']') && stack[stack.length - 1] === c) stack.pop();
  }
  return stack.length ? `${text}\n${stack.reverse().join('')}\n` : text;
}

/** Snippets up to this many lines are searched for a part that parses; longer ones are taken whole. */
const MAX_WINDOW_LINES = 400;
/** The smallest part of a snippet worth comparing, in lines. */
const MIN_WINDOW_LINES = 5;

/**
 * The largest part of a snippet that parses: the whole, else with its open brackets closed, else with
 * lines dropped from its end, then from its start (a JSX tree cut in the middle), each with brackets
 * closed. `first` is the 0-based index of its first line, `lastLine` the 1-based number of its last.
 */
export function parseableWindow(path: string, snippet: string): { text: string; first: number; lastLine: number } | null {
  const lines = snippet.split('\n');
  const attempt = (from: number, to: number): { text: string; first: number; lastLine: number } | null => {
    const text = lines.slice(from, to).join('\n');
    for (const t of [text, closeBrackets(text)]) if (!parseSource(path, t).error) return { text: t, first: from, lastLine: to };
    return null;
  };
  const whole = attempt(0, lines.length);
  if (whole || lines.length > MAX_WINDOW_LINES) return whole;
  for (let to = lines.length - 1; to >= MIN_WINDOW_LINES; to--) {
    const w = attempt(0, to);
    if (w) return w;
  }
  for (let from = 1; lines.length - from >= MIN_WINDOW_LINES; from++) {
    const w = attempt(from, lines.length);
    if (w) return w;
  }
  return null;
}

/** Where a snippet is put to be compared: a file name no repository uses. */
const SNIPPET_PATH = '__plumbline_snippet__.tsx';

/** `similar_code`: existing code a snippet duplicates, with places (the copied-code detector over the repository and the snippet). */
export function similarCode(
  analysis: Analysis,
  snippet: string,
  options: { minTokens?: number; language?: 'ts' | 'tsx' | 'css' | 'scss' } = {},
): SimilarCodeResult {
  if (typeof snippet !== 'string' || !snippet.trim()) throw new ToolError('bad-input', 'snippet must hold code');
  checkSize('snippet', snippet);
  const path = SNIPPET_PATH.replace(/tsx$/, options.language ?? 'tsx');
  const factsOf = (text: string) => factsOfContent(path, blobHash(Buffer.from(text, 'utf8')), text, analysis.config, analysis.settings);
  // a snippet cut out of a function or a JSX tree does not parse as it is: its largest part that does is compared
  const window = /\.tsx?$/.test(path) ? parseableWindow(path, snippet) : null;
  const facts = factsOf(window?.text ?? snippet);
  const first = window?.first ?? 0;
  const tokens = dataOf<{ count: number }>(facts, 'clone-tokens')?.count ?? 0;
  const configured = ruleOptions(analysis.config, 'copied-code', { minTokens: 100, minLines: 5 });
  const minTokens = Math.max(20, options.minTokens ?? configured.minTokens);
  if (facts.outcome)
    return {
      tokens,
      minTokens,
      duplicates: [],
      error: facts.outcome.kind === 'skip' ? facts.outcome.reason : facts.outcome.message,
      summary: 'the snippet could not be analysed',
    };
  const detector = DETECTORS.find((d) => d.id === 'copied-code');
  if (!detector) throw new Error('the copied-code detector is missing');
  const files: FileFacts[] = [...analysis.facts.filter((f) => f.path !== path), facts].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  const result = detector.detect({
    root: analysis.root,
    files,
    config: analysis.config,
    settings: analysis.settings,
    enabled: () => true,
    defersTo: () => true,
    options: <O extends object>(id: string, defaults: O) => ({
      ...ruleOptions(analysis.config, id, defaults),
      ...(id === 'copied-code' ? { minTokens } : {}),
    }),
  });
  const duplicates = duplicatesOf(
    result.findings.map((d) => ({ ...d, related: d.related ?? [] })),
    path,
  ).map((d) => ({ ...d, line: d.line + first, endLine: d.endLine + first }));
  return {
    tokens,
    minTokens,
    duplicates,
    ...(window && window.text !== snippet ? { compared: { firstLine: first + 1, lastLine: window.lastLine } } : {}),
    summary: duplicates.length
      ? `the snippet duplicates ${duplicates.flatMap((d) => d.places.map((p) => `${p.file}:${p.line}`)).join(', ')}`
      : tokens < minTokens
        ? `no duplicate found; the snippet has ${tokens} tokens and copies shorter than ${minTokens} tokens are not compared`
        : 'no duplicate found',
  };
}
