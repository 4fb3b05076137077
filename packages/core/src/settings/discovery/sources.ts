import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, posix } from 'node:path';
import type * as TS from 'typescript';
import type { TypeScript } from '../../check.js';
import { parseJsonc } from '../modules.js';

/** Reading a repository's sources for the settings providers: listing, parsing once, resolving relative imports. */

export const MAX_SOURCE_FILES = 4000;

export const SOURCE_EXT = /\.(tsx|ts|jsx|js|mts|mjs)$/;
export const SKIP_DIRS = new Set([
  'node_modules',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.turbo',
  'storybook-static',
  '__tests__',
  '__mocks__',
  '__snapshots__',
]);

export function loadTypeScript(): TypeScript | null {
  try {
    return createRequire(import.meta.url)('typescript') as TypeScript;
  } catch {
    return null;
  }
}

export function readJson(file: string): Record<string, unknown> | null {
  try {
    return parseJsonc(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export function listSources(root: string, dir: string, isTest: (p: string) => boolean, max = MAX_SOURCE_FILES): string[] {
  const out: string[] = [];
  // a single component file (a design-system path may name one: `app/components/Button.tsx`)
  if (SOURCE_EXT.test(dir) && existsSync(join(root, dir)) && statSync(join(root, dir)).isFile()) return isTest(dir) ? [] : [dir];
  const walk = (rel: string): void => {
    if (out.length >= max) return;
    let entries;
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(p);
      } else if (e.isFile() && SOURCE_EXT.test(e.name) && !/\.d\.[mc]?ts$/.test(e.name) && !isTest(p)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export interface ParsedModule {
  sf: TS.SourceFile;
  /** names exported by the module itself -> the local declaration name (`default` -> `Button`) */
  names: Map<string, string>;
  /** re-exports: specifier -> names ('*' for export *) */
  reexports: Array<{ from: string; names: Array<{ imported: string; exported: string }> | '*' }>;
}

export function parseModule(ts: TypeScript, root: string, path: string, cache: Map<string, ParsedModule | null>): ParsedModule | null {
  if (cache.has(path)) return cache.get(path)!;
  let parsed: ParsedModule | null = null;
  try {
    const text = readFileSync(join(root, path), 'utf8');
    const sf = ts.createSourceFile(
      path,
      text,
      ts.ScriptTarget.Latest,
      true,
      /\.(tsx|jsx)$/.test(path) ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const names = new Map<string, string>();
    const reexports: ParsedModule['reexports'] = [];
    for (const st of sf.statements) {
      const exported = ts.canHaveModifiers(st) && !!ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (ts.isExportDeclaration(st)) {
        const from = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
        if (!st.exportClause) {
          if (from) reexports.push({ from, names: '*' });
        } else if (ts.isNamedExports(st.exportClause)) {
          const list = st.exportClause.elements.map((el) => ({ imported: (el.propertyName ?? el.name).text, exported: el.name.text }));
          if (from) reexports.push({ from, names: list });
          else for (const el of list) names.set(el.exported, el.imported);
        } else if (ts.isNamespaceExport(st.exportClause)) names.set(st.exportClause.name.text, '*');
      } else if (ts.isExportAssignment(st)) {
        if (ts.isIdentifier(st.expression)) names.set('default', st.expression.text);
      } else if (exported) {
        const isDefault = !!ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
        if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && (st.name || isDefault)) {
          names.set(isDefault ? 'default' : st.name!.text, st.name?.text ?? 'default');
        } else if (ts.isVariableStatement(st))
          for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.set(d.name.text, d.name.text);
      }
    }
    parsed = { sf, names, reexports };
  } catch {
    parsed = null;
  }
  cache.set(path, parsed);
  return parsed;
}

export function resolveRelative(root: string, from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = posix.normalize(posix.join(posix.dirname(from), spec)).replace(/\.(m|c)?js$/, '');
  for (const cand of [
    base,
    ...['.ts', '.tsx', '.js', '.jsx', '.mts', '.mjs'].map((e) => base + e),
    ...['.ts', '.tsx', '.js', '.jsx'].map((e) => `${base}/index${e}`),
  ]) {
    const abs = join(root, cand);
    if (existsSync(abs) && statSync(abs).isFile()) return cand;
  }
  return null;
}
