/**
 * Which tokens apply to a file in a monorepo: the tokens of its own package and of the workspace packages
 * it depends on (a survey widget's theme variables are not an admin app's tokens), and Tailwind's defaults
 * of the Tailwind version its package is built with (a v3 package has no `rounded-xs`).
 */
import type { DesignToken, TokenPackage, TokenSettings } from './types.js';

/** A package.json as discovery reads it. */
export interface PackageManifest {
  dir: string;
  name?: string;
  deps: string[];
  tailwind?: 3 | 4;
  /** discovery only: the version comes from a pnpm catalog */
  tailwindCatalog?: boolean;
}

const inDir = (file: string, dir: string) => dir === '' || file.startsWith(`${dir}/`);

/** The package a file belongs to: the nearest folder above it with a package.json. */
export function packageOf<P extends { dir: string }>(packages: readonly P[], file: string): P | undefined {
  let best: P | undefined;
  for (const p of packages) if (inDir(file, p.dir) && (!best || p.dir.length > best.dir.length)) best = p;
  return best;
}

/**
 * The packages with their Tailwind version (declared, or from a v4 CSS entry or a v3 config inside them,
 * or else the version every package that depends on them is built with) and their dependencies on
 * packages that define tokens.
 */
export function resolvePackages(
  manifests: readonly PackageManifest[],
  tokens: readonly DesignToken[],
  v4Files: readonly string[],
  v3Configs: readonly string[],
): TokenPackage[] {
  const version = new Map<string, 3 | 4>();
  for (const m of manifests) if (m.tailwind) version.set(m.dir, m.tailwind);
  for (const f of v4Files) {
    const p = packageOf(manifests, f);
    if (p && !version.has(p.dir)) version.set(p.dir, 4);
  }
  for (const f of v3Configs) {
    const p = packageOf(manifests, f);
    if (p && !version.has(p.dir)) version.set(p.dir, 3);
  }
  // a UI package without its own Tailwind is built by the apps that use it
  for (const m of manifests) {
    if (version.has(m.dir) || !m.name) continue;
    const users = new Set(manifests.filter((u) => u.deps.includes(m.name!) && version.has(u.dir)).map((u) => version.get(u.dir)!));
    if (users.size === 1) version.set(m.dir, [...users][0]!);
  }
  const tokenPackages = new Set<string>();
  for (const t of tokens) {
    if (t.file.includes(':')) continue;
    const p = packageOf(manifests, t.file);
    if (p?.name && p.dir !== '') tokenPackages.add(p.name);
  }
  return manifests
    .map((m) => ({
      dir: m.dir,
      ...(m.name ? { name: m.name } : {}),
      deps: m.deps.filter((d) => tokenPackages.has(d)).sort(),
      ...(version.has(m.dir) ? { tailwind: version.get(m.dir)! } : {}),
    }))
    .sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/** Docs sites, examples and playgrounds consume a library from outside: its internal tokens are not their API. */
const OUTSIDE_CONSUMERS = /(^|\/)(docs|doc|dev-docs|website|examples?|demos?|playgrounds?|sandbox(es)?)\//;

/**
 * Whether a token applies to a file: Tailwind defaults of the file's Tailwind version; tokens of the file's
 * package or of a package it depends on (a package that declares no token package takes them all: it
 * reaches them through path aliases).
 */
export function tokenAppliesTo(settings: TokenSettings, token: DesignToken, filePath: string | undefined): boolean {
  return filePath === undefined || appliesIn(settings, filePath)(token);
}

let last: { packages: TokenSettings['packages']; file: string; test: (t: DesignToken) => boolean } | null = null;

/** The test of `tokenAppliesTo` for one file (the last file's is kept: files are judged one after another). */
export function appliesIn(settings: TokenSettings, filePath: string): (token: DesignToken) => boolean {
  if (last && last.packages === settings.packages && last.file === filePath) return last.test;
  const packages = settings.packages;
  const own = packages ? packageOf(packages, filePath) : undefined;
  const outside = OUTSIDE_CONSUMERS.exec(filePath);
  const outsideDir = outside ? filePath.slice(0, outside.index + outside[0].length) : null;
  const nameOf = new Map((packages ?? []).map((p) => [p.dir, p.name]));
  const test = (token: DesignToken): boolean => {
    if (token.tailwindVersion) return own?.tailwind === token.tailwindVersion;
    if (token.file.includes(':')) return true;
    if (outsideDir !== null && !token.scope && !token.file.startsWith(outsideDir)) return false;
    if (!packages || token.pkg === undefined || !own || own.dir === token.pkg) return true;
    const from = nameOf.get(token.pkg);
    if (!from) return true;
    return own.deps.length === 0 || own.deps.includes(from);
  };
  last = { packages, file: filePath, test };
  return test;
}
