import type { ProjectSymbols } from './symbols.js';

/** Entry files of a repository that is itself one package (no workspaces): what outside code imports. */
const ROOT_ENTRY = /^(src\/)?(index|main|mod)\.(ts|tsx|mts|js|mjs)$/;

/**
 * The declarations (`file\0name`) that code outside the repository can import: everything exported,
 * through re-exports, from a workspace package's source entry, or from the root `index` / `src/index`
 * of a single-package repository.
 */
export function publicDeclarations(symbols: ProjectSymbols, paths: readonly string[]): Set<string> {
  const entries = new Set<string>();
  for (const p of symbols.resolver.workspacePackages()) for (const e of p.entries) entries.add(e);
  for (const p of paths) if (ROOT_ENTRY.test(p)) entries.add(p);
  const out = new Set<string>();
  for (const e of entries) for (const d of symbols.exportedDeclarations(e)) out.add(d);
  return out;
}
