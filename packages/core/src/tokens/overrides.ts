/**
 * Which of Tailwind's default theme keys a project's own theme replaces, and where. A key the config or a v4
 * `@theme` sets (even to a value that cannot be read statically) is not Tailwind's default there: langfuse's
 * `--text-xs: 0.7rem` makes `text-xs` 11.2px, so 12px is not `text-xs` in its files. In a monorepo the
 * override holds where the overriding theme applies (its own package, the packages that depend on it), not in
 * another app whose Tailwind keeps the default.
 */
import { posix } from 'node:path';
import { packageOf } from './packages.js';
import { satelliteScope } from './places.js';
import type { DesignToken, TokenPackage } from './types.js';

const keyOf = (t: DesignToken) => `${t.tailwind?.namespace}:${t.tailwind?.key}`;

/**
 * Tailwind's default tokens without the keys a project theme overrides, or whose scale a config takes from
 * something that cannot be read (`unknown`: the config file and its theme keys). Without workspace packages (one
 * project) an overridden key is dropped; with them, the default is kept with the places that override it
 * (`overriddenIn`), and `appliesIn` leaves it out of the files those places' tokens apply to.
 */
export function scopeOverriddenDefaults(
  defaults: readonly DesignToken[],
  overriders: readonly DesignToken[],
  packages: readonly TokenPackage[] | undefined,
  unknown: ReadonlyArray<{ file: string; keys: readonly string[] }> = [],
): DesignToken[] {
  const where = new Map<string, Map<string, NonNullable<DesignToken['overriddenIn']>[number]>>();
  const place = (file: string, build?: string) => {
    const pkg = packages ? packageOf(packages, file)?.dir : undefined;
    const scope = build || satelliteScope(file);
    return { file, ...(pkg ? { pkg } : {}), ...(scope ? { scope } : {}) };
  };
  const add = (key: string, file: string, build?: string) => {
    const places = where.get(key) ?? new Map();
    if (!places.has(file)) places.set(file, place(file, build));
    where.set(key, places);
  };
  for (const t of overriders) if (t.tailwind && !t.file.includes(':')) add(keyOf(t), t.file);
  // a scale a config takes from something unread (`{ ...coreConfig }`) is unknown in its Tailwind build (the
  // config's folder): every default step of it is overridden there, and only there
  for (const u of unknown) {
    const build = posix.dirname(u.file);
    for (const t of defaults) if (u.keys.includes(t.path.split('.')[0]!)) add(keyOf(t), u.file, build === '.' ? '' : build);
  }
  const out: DesignToken[] = [];
  for (const t of defaults) {
    const places = where.get(keyOf(t));
    if (!places) out.push(t);
    // a place of the root package, or no packages at all: the override holds everywhere
    else if ([...places.values()].every((p) => p.scope || (packages?.length && p.pkg)))
      out.push({ ...t, overriddenIn: [...places.values()].sort((a, b) => (a.file < b.file ? -1 : 1)) });
  }
  return out;
}
