import { ModuleResolver } from '@plumbline/analyzer';
import type { Analysis } from './analysis.js';
import { dataOf } from './analysis.js';
import { code, listOf, plural } from './lines.js';
import type { ConventionLine } from './lines.js';

interface StructureFacts {
  imports: Array<{ specifier: string; names: Array<{ imported: string }>; typeOnly: boolean }>;
  declarations: Array<{ name: string; kind: string; exported: boolean }>;
}

/** `API_BASE_URL`, `MAX_ITEMS`: a named constant (not `A`, not `ID`). */
const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/;
/** A module is where constants live when it exports this many and this many other files import them. */
const MIN_CONSTANTS = 2;
const MIN_IMPORTERS = 2;
const MAX_MODULES = 3;

/**
 * Where named constants and config live: modules exporting UPPER_CASE constants that other files import,
 * the most imported first.
 */
export function constantLines(analysis: Analysis): ConventionLine[] {
  const facts = analysis.facts.filter((f) => !f.isTestFile && f.language === 'ts');
  const constants = new Map<string, string[]>();
  for (const f of facts) {
    const names = (dataOf<StructureFacts>(f, 'structure')?.declarations ?? [])
      .filter((d) => d.exported && d.kind === 'variable' && CONSTANT_NAME.test(d.name))
      .map((d) => d.name);
    if (names.length >= MIN_CONSTANTS) constants.set(f.path, names);
  }
  if (constants.size === 0) return [];
  const resolver = new ModuleResolver(
    analysis.facts.map((f) => f.path),
    analysis.settings,
  );
  const importers = new Map<string, Set<string>>();
  const used = new Map<string, Set<string>>();
  for (const f of facts) {
    for (const i of dataOf<StructureFacts>(f, 'structure')?.imports ?? []) {
      if (i.typeOnly) continue;
      const r = resolver.resolve(f.path, i.specifier);
      if (r.kind !== 'file' || r.path === f.path || !constants.has(r.path)) continue;
      const names = i.names.map((n) => n.imported).filter((n) => constants.get(r.path)!.includes(n));
      if (!names.length) continue;
      (importers.get(r.path) ?? importers.set(r.path, new Set()).get(r.path)!).add(f.path);
      for (const n of names) (used.get(r.path) ?? used.set(r.path, new Set()).get(r.path)!).add(n);
    }
  }
  return [...importers]
    .filter(([, files]) => files.size >= MIN_IMPORTERS)
    .sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_MODULES)
    .map(([path, files]) => {
      const names = [...used.get(path)!].sort();
      return {
        section: 'constants' as const,
        key: `constants:${path}`,
        text: `${code(path)} exports shared constants (${listOf(names.map(code), 4)}): import them instead of repeating their values.`,
        weight: files.size,
        fact: `${path} exports ${plural(constants.get(path)!.length, 'UPPER_CASE constant')}; ${plural(files.size, 'other file')} import ${names.join(', ')}`,
      };
    });
}
