/**
 * Which of Tailwind's default theme keys a project's own theme replaces, and where. A key the config or a v4
 * `@theme` sets (even to a value that cannot be read statically) is not Tailwind's default there: langfuse's
 * `--text-xs: 0.7rem` makes `text-xs` 11.2px, so 12px is not `text-xs` in its files. In a monorepo the
 * override holds where the overriding theme applies (its own package, the packages that depend on it), not in
 * another app whose Tailwind keeps the default.
 */
import { packageOf } from './packages.js';
import { satelliteScope } from './places.js';
import type { DesignToken, TokenPackage } from './types.js';

const keyOf = (t: DesignToken) => `${t.tailwind?.namespace}:${t.tailwind?.key}`;

/**
 * Tailwind's default tokens without the keys a project theme overrides. Without workspace packages (one
 * project) an overridden key is dropped; with them, the default is kept with the places that override it
 * (`overriddenIn`), and `appliesIn` leaves it out of the files those places' tokens apply to.
 */
export function scopeOverriddenDefaults(
  defaults: readonly DesignToken[],
  overriders: readonly DesignToken[],
  packages: readonly TokenPackage[] | undefined,
): DesignToken[] {
  const where = new Map<string, Map<string, NonNullable<DesignToken['overriddenIn']>[number]>>();
  for (const t of overriders) {
    if (!t.tailwind || t.file.includes(':')) continue;
    const places = where.get(keyOf(t)) ?? new Map();
    if (!places.has(t.file)) {
      const pkg = packages ? packageOf(packages, t.file)?.dir : undefined;
      const scope = satelliteScope(t.file);
      places.set(t.file, { file: t.file, ...(pkg ? { pkg } : {}), ...(scope ? { scope } : {}) });
    }
    where.set(keyOf(t), places);
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
