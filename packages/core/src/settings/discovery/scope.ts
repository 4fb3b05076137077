import { join } from 'node:path';
import { canImport } from '../../design-system-projects.js';
import type { DesignSystemProject } from '../../design-system-projects.js';
import type { DesignSystemComponent, DesignSystemSettings } from '../../design-system.js';
import type { ModuleSettings } from '../modules.js';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/**
 * The workspace packages of a monorepo with the workspace and design-system packages each one's package.json
 * depends on ('' = the root package.json); undefined for a repository of one package, where every file can
 * import every component.
 */
export function projectsOf(
  root: string,
  modules: ModuleSettings,
  designSystemPackages: ReadonlyArray<{ name: string }>,
  readJson: (file: string) => Record<string, unknown> | null,
): DesignSystemProject[] | undefined {
  const pkgs = modules.packages.filter((p) => p.dir !== '');
  if (pkgs.length === 0) return undefined;
  const known = new Set([...modules.packages.map((p) => p.name), ...designSystemPackages.map((p) => p.name)]);
  const usesOf = (dir: string, self?: string): string[] => {
    const json = readJson(join(root, dir, 'package.json'));
    const uses = new Set<string>();
    for (const field of DEPENDENCY_FIELDS) {
      const deps = json?.[field];
      if (deps && typeof deps === 'object') for (const n of Object.keys(deps)) if (known.has(n) && n !== self) uses.add(n);
    }
    return [...uses].sort();
  };
  return [{ dir: '', uses: usesOf('') }, ...pkgs.map((p) => ({ dir: p.dir, name: p.name, uses: usesOf(p.dir, p.name) }))];
}

/**
 * Gives each workspace package whose files cannot import the repository-wide choice of some element (another app's
 * `components/ui` Input, a package it does not depend on) its own `elements`: the same choice made among the
 * components it can import (`choose`, as for the whole repository), so a raw `<input>` in `apps/public` is sent to
 * `apps/public`'s own Input, or to none, never to `apps/start`'s.
 */
export function scopeElements(
  ds: DesignSystemSettings,
  components: DesignSystemComponent[],
  choose: (components: DesignSystemComponent[]) => DesignSystemSettings['elements'],
): void {
  for (const project of ds.projects ?? []) {
    const probe = `${project.dir ? `${project.dir}/` : ''}\0probe`;
    const reachable = (t: { importFrom: string; isPath: boolean }) => canImport(ds, probe, t);
    if (Object.values(ds.elements).every(reachable) && components.every(reachable)) continue;
    const own = choose(components.filter(reachable));
    const same =
      Object.keys(own).length === Object.keys(ds.elements).length &&
      Object.entries(own).every(([k, v]) => ds.elements[k]?.component === v.component && ds.elements[k]?.importFrom === v.importFrom);
    if (!same) project.elements = own;
  }
}
