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
  const entries = new Set<string>();
  for (const m of manifests) if (m.tailwind) version.set(m.dir, m.tailwind);
  for (const [files, v] of [
    [v4Files, 4],
    [v3Configs, 3],
  ] as const) {
    for (const f of files) {
      const p = packageOf(manifests, f);
      if (!p) continue;
      entries.add(p.dir);
      if (!version.has(p.dir)) version.set(p.dir, v);
    }
  }
  const dependedOn = new Set(manifests.flatMap((m) => m.deps));
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
      ...(m.dir !== '' && entries.has(m.dir) && !(m.name && dependedOn.has(m.name)) ? { ownBuild: true as const } : {}),
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
  const ownBuilds = new Set((packages ?? []).filter((p) => p.ownBuild).map((p) => p.dir));
  const test = (token: DesignToken): boolean => {
    if (token.tailwindVersion && own?.tailwind !== token.tailwindVersion) return false;
    // a default key that a theme sets does not hold where that theme's tokens apply
    const overrides = (p: NonNullable<DesignToken['overriddenIn']>[number]) =>
      (!p.scope || filePath.startsWith(`${p.scope}/`)) && test({ path: '', value: '', family: 'other', ...p });
    if (token.overriddenIn?.some(overrides)) return false;
    if (token.tailwindVersion) return true;
    if (token.file.includes(':')) return true;
    if (outsideDir !== null && !token.scope && !token.file.startsWith(outsideDir)) return false;
    if (!packages || token.pkg === undefined || !own || own.dir === token.pkg) return true;
    // two apps, each with its own Tailwind build: one's theme keys and variables are not in the other's CSS
    // (openpanel's apps/public was offered apps/start's `--text-xs: 10px` where its own text-xs is 12px)
    if (own.ownBuild && ownBuilds.has(token.pkg)) return false;
    const from = nameOf.get(token.pkg);
    if (!from) return true;
    return own.deps.length === 0 || own.deps.includes(from);
  };
  last = { packages, file: filePath, test };
  return test;
}
