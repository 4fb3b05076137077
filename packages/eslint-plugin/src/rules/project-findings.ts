import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { blobHash, docsUrl, PROJECT_FINDINGS_FILE, readProjectFindings } from '@plumbline/core';
import type { Finding, ProjectFindingsCache } from '@plumbline/core';
import { createRule } from '../create-rule.js';
import { ESLINT_ONLY_RULES } from '../eslint-only-rules.js';
import { rules as pluginRules } from './index.js';

export interface Options {
  /** the analyzer cache directory, relative to the project root */
  cacheDir: string;
}
export type MessageIds = 'projectFinding';

const meta = ESLINT_ONLY_RULES.find((r) => r.id === 'project-findings')!;
const DEFAULT_CACHE_DIR = '.plumbline/cache';

interface Loaded {
  mtimeMs: number;
  size: number;
  data: ProjectFindingsCache | null;
}
const loaded = new Map<string, Loaded>();

function statOf(path: string): { mtimeMs: number; size: number } | null {
  try {
    const s = statSync(path, { throwIfNoEntry: false });
    return s?.isFile() ? { mtimeMs: s.mtimeMs, size: s.size } : null;
  } catch {
    return null;
  }
}

/** directory of a linted file -> where its cache was found (checked again by load(), which stats the file) */
const found = new Map<string, { file: string; root: string }>();

/**
 * The nearest `<dir>/<cacheDir>/project-findings.json` above the linted file (the project root is `<dir>`).
 * A miss is looked up again on every lint (a few stat calls), so a cache written while the editor runs is
 * found at once.
 */
function findCacheFile(fileDir: string, cacheDir: string): { file: string; root: string } | null {
  const key = `${fileDir}\0${cacheDir}`;
  const hit = found.get(key);
  if (hit) return hit;
  for (let dir = fileDir; ; dir = dirname(dir)) {
    const candidate = join(dir, cacheDir, PROJECT_FINDINGS_FILE);
    if (statOf(candidate)) {
      const f = { file: candidate, root: dir };
      found.set(key, f);
      return f;
    }
    if (dirname(dir) === dir) return null;
  }
}

/** The cache, parsed once per change of the file (the analyzer replaces it atomically). */
function load(cacheFile: string): ProjectFindingsCache | null {
  const s = statOf(cacheFile);
  if (!s) return null;
  const old = loaded.get(cacheFile);
  if (old && old.mtimeMs === s.mtimeMs && old.size === s.size) return old.data;
  const data = readProjectFindings(cacheFile);
  loaded.set(cacheFile, { ...s, data });
  return data;
}

function describe(f: Finding): string {
  const elsewhere = f.related.filter((r) => !f.message.includes(r.file)).slice(0, 3);
  const also = elsewhere.length
    ? ` Also: ${elsewhere.map((r) => `${r.file}:${r.line}`).join(', ')}${f.related.length > 3 ? ', …' : ''}.`
    : '';
  return `${f.message}${also}`;
}

/**
 * Shows, in the editor, the findings only the whole-project analysis can make (duplicate families,
 * wrapper chains, drift minorities) for the file being linted. It reads the analyzer's cache, never runs
 * the analyzer, and shows a finding only while the text ESLint has (an unsaved buffer too) is byte for
 * byte the content the analyzer saw: its git blob id must equal the cached one, so a location is never stale.
 */
export default createRule<[Partial<Options>], MessageIds>({
  name: meta.id,
  meta: {
    type: 'suggestion',
    docs: { description: meta.description, recommended: 'recommended', requiresProjectIndex: true },
    messages: { projectFinding: '{{message}} ({{ruleId}}: {{url}})' },
    schema: [meta.optionsSchema as never],
  },
  defaultOptions: [{ cacheDir: DEFAULT_CACHE_DIR }],
  create(context, [options]) {
    const filename = context.filename;
    if (!filename || !isAbsolute(filename)) return {}; // stdin without a path: nothing to look up
    const cacheDir = options?.cacheDir ?? DEFAULT_CACHE_DIR;
    const at = findCacheFile(dirname(filename), cacheDir);
    if (!at) return {};
    const cache = load(at.file);
    if (!cache) {
      found.delete(`${dirname(filename)}\0${cacheDir}`); // gone or unreadable: look again next time
      return {};
    }
    const rel = relative(at.root, filename).split('\\').join('/');
    const entry = cache.files[rel];
    if (!entry || entry.findings.length === 0) return {};
    return {
      Program() {
        const sourceCode = context.sourceCode;
        // the bytes the analyzer hashed: ESLint strips a byte-order mark from the text it lints
        const text = `${sourceCode.hasBOM ? '\uFEFF' : ''}${sourceCode.text}`;
        if (blobHash(Buffer.from(text, 'utf8')) !== entry.hash) return; // edited since the scan: say nothing rather than something stale
        const lines = sourceCode.lines;
        for (const f of entry.findings) {
          if (f.line < 1 || f.line > lines.length) continue;
          if (f.ruleId !== 'project-findings' && f.ruleId in pluginRules) continue; // that rule reports it live, as you type

          const endLine = Math.min(Math.max(f.endLine, f.line), lines.length);
          const start = { line: f.line, column: Math.min(Math.max(f.column - 1, 0), lines[f.line - 1]!.length) };
          const end = { line: endLine, column: Math.min(Math.max(f.endColumn - 1, 0), lines[endLine - 1]!.length) };
          if (end.line === start.line && end.column < start.column) end.column = start.column;
          context.report({
            loc: { start, end },
            messageId: 'projectFinding',
            data: { message: describe(f), ruleId: f.ruleId, url: docsUrl(f.ruleId) },
          });
        }
      },
    };
  },
});
