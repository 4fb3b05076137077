import { designSystemPackageOf } from './design-system.js';
import type { DesignSystemSettings, DesignSystemSource } from './design-system.js';

/**
 * What each workspace package of a monorepo can import from the design system: the design system as one app sees
 * it. Built by settings/discovery/scope.ts; used by design-system-shadow and prefer-design-system-component so that a
 * shadow or a raw element is answered only with a component its own package can import.
 */

/** A workspace package ('' = the root package) as the design system sees it: what its files can import. */
export interface DesignSystemProject {
  dir: string;
  /** its package name, if it has one */
  name?: string;
  /** the workspace and design-system packages its package.json depends on */
  uses: string[];
  /** raw element -> the component its files can import, when that differs from the repository-wide `elements` */
  elements?: DesignSystemSettings['elements'];
}

const under = (path: string, dir: string) => dir === '' || path === dir || path.startsWith(`${dir}/`);

/** The workspace package (the innermost) a root-relative path belongs to; null without `projects`. */
export function projectOf(ds: DesignSystemSettings, path: string): DesignSystemProject | null {
  let best: DesignSystemProject | null = null;
  for (const p of ds.projects ?? []) if (under(path, p.dir) && (!best || p.dir.length > best.dir.length)) best = p;
  return best;
}

/**
 * Whether `fromFile` can import a design-system component: a package its own package.json (or the root's) depends
 * on (a package no package.json names is taken as reachable: the repository does not declare its dependencies), or a
 * module path inside its own workspace package, behind one of its tsconfig aliases, or in a workspace package it
 * depends on (an alias onto the whole repository says nothing). Another app's `components/ui` is none of these.
 */
export function canImport(ds: DesignSystemSettings, fromFile: string, target: { importFrom: string; isPath: boolean }): boolean {
  const projects = ds.projects;
  if (!projects?.length) return true;
  const from = projectOf(ds, fromFile);
  const root = projects.find((p) => p.dir === '');
  const uses = (name: string) => !!from?.uses.includes(name) || !!root?.uses.includes(name);
  if (!target.isPath) {
    const name = designSystemPackageOf(ds, target.importFrom)?.pkg.name ?? target.importFrom;
    return uses(name) || !projects.some((p) => p.uses.includes(name));
  }
  const owner = projectOf(ds, target.importFrom);
  if (!owner || owner === from) return true;
  if (ds.aliases.some((a) => a.target !== '' && under(fromFile, a.scope) && under(target.importFrom, a.target))) return true;
  return !!owner.name && uses(owner.name);
}

/** Raw element -> design-system component for a file: its workspace package's own choice where it has one. */
export function elementsFor(ds: DesignSystemSettings, fromFile: string): DesignSystemSettings['elements'] {
  return projectOf(ds, fromFile)?.elements ?? ds.elements;
}

const stripExt = (p: string) => p.replace(/\.(tsx|ts|jsx|js|mts|mjs)$/, '').replace(/\/index$/, '');

/**
 * Components of a system far less imported than the main one (under a quarter of its importing files): a legacy
 * system being left (saleor's old macaw-ui beside macaw-ui-next, insomnia's themed-button beside react-aria's Button)
 * is never the one raw elements or re-implementations are sent to.
 */
export function minorSystem(systems: readonly DesignSystemSource[]): (c: { importFrom: string }) => boolean {
  const main = systems[0]?.importers ?? 0;
  const minor = systems.filter((s) => s.kind !== 'config' && s.importers * 4 < main);
  if (minor.length === 0) return () => false;
  return (c) =>
    minor.some((s) =>
      s.kind === 'npm' || s.kind === 'workspace'
        ? c.importFrom === s.name || c.importFrom.startsWith(`${s.name}/`)
        : c.importFrom === stripExt(s.name) || c.importFrom.startsWith(`${s.name}/`),
    );
}
