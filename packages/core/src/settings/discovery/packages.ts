import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { ELEMENT_COMPONENT_NAMES } from '../../design-system.js';
import type { DesignSystemAlias } from '../../design-system.js';
import type { ModuleSettings, WorkspacePackage } from '../modules.js';

/** What the tsconfig paths and package names say about the repository's own libraries and icon sets. */

/** tsconfig `paths` aliases of the form `prefix/*` -> `target/*`. */
export function aliasesOf(modules: ModuleSettings): DesignSystemAlias[] {
  const aliases: DesignSystemAlias[] = [];
  for (const m of modules.mappings) {
    for (const [pattern, targets] of Object.entries(m.paths)) {
      const t = targets[0];
      if (!pattern.endsWith('/*') || !t?.endsWith('/*')) continue;
      aliases.push({
        scope: m.dir,
        prefix: pattern.slice(0, -1),
        target: posix.normalize(posix.join(m.pathsBase, t.slice(0, -2))).replace(/^\.$/, ''),
      });
    }
  }

  return aliases;
}

/**
 * Libraries an exact tsconfig path names (`"@acme/ui": ["libs/ui/src/index.ts"]`, no `/*`), as an Nx workspace
 * declares its libraries instead of npm workspaces: a package name standing for a source entry inside a folder
 * of its own below the tsconfig (one holding a package.json or project.json). They are the repository's code,
 * like workspace packages; an alias to a folder of the app itself (`"api": ["./src/api"]`) is none.
 */
export function aliasPackages(root: string, modules: ModuleSettings): WorkspacePackage[] {
  const out: WorkspacePackage[] = [];
  const known = (name: string, dir: string) => [...modules.packages, ...out].some((p) => p.name === name || p.dir === dir);
  for (const m of modules.mappings) {
    for (const [name, targets] of Object.entries(m.paths)) {
      const t = targets[0];
      if (name.includes('*') || !t || t.includes('*') || !/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(name)) continue;
      const target = posix.normalize(posix.join(m.pathsBase, t));
      if (target.startsWith('..') || target.split('/').includes('node_modules')) continue;
      const entry = [target, ...['.ts', '.tsx', '/index.ts', '/index.tsx'].map((e) => `${target.replace(/\.[jt]sx?$/, '')}${e}`)].find(
        (f) => /\.[jt]sx?$/.test(f) && existsSync(join(root, f)),
      );
      if (!entry) continue;
      // the library's folder: the nearest one below the tsconfig's directory with a package.json or project.json
      let dir = posix.dirname(entry);
      while (dir !== '.' && dir !== m.dir && !['package.json', 'project.json'].some((f) => existsSync(join(root, dir, f))))
        dir = posix.dirname(dir);
      if (dir === '.' || dir === m.dir || known(name, dir)) continue;
      out.push({ name, dir, entries: [entry], private: true, exports: null });
    }
  }
  return out;
}

/** A folder or package whose name says icons (`icons`, `@acme/icons`, `icons-react`, `ui-icons`). */
const ICON_NAME = /(^|[/-])icons?($|[/-])/i;

/** The names a component standing for a raw element goes by (Button, Input, Link, Image, ...). */
const ELEMENT_NAMED = new Set(Object.values(ELEMENT_COMPONENT_NAMES).flat());

/**
 * An icon set, not a design system: a package or folder named for icons, or one whose element-named components
 * (`Link`, `Image`: what would make it a design system) mostly draw an `<svg>`. Those are glyphs, whatever their
 * names say (teable's @teable/icons). A design system that also exports hundreds of icons (@dub/ui) is still one:
 * its `Button` renders a <button>.
 */
export function isIconSet(name: string, dir: string | null, components: Array<{ name: string; element: string | null }>): boolean {
  if (ICON_NAME.test(name.replace(/^@[^/]+\//, '')) || (dir !== null && ICON_NAME.test(posix.basename(dir)))) return true;
  const named = components.filter((c) => ELEMENT_NAMED.has(c.name));
  return named.length > 0 && named.filter((c) => c.element === 'svg').length * 2 > named.length;
}

/** The workspace packages with the libraries exact tsconfig paths name (aliasPackages) added. */
export function withAliasPackages(root: string, modules: ModuleSettings): ModuleSettings {
  const aliased = aliasPackages(root, modules);
  return aliased.length ? { ...modules, packages: [...modules.packages, ...aliased] } : modules;
}

/** Renderers of a medium other than the web page: their components draw e-mail HTML, a PDF or a terminal screen. */
const MEDIUM_RENDERERS: ReadonlyArray<[RegExp, string]> = [
  [/^(@react-email\/|react-email$|jsx-email$|@jsx-email\/|mjml($|-)|@faire\/mjml|@responsive-email\/)/, 'e-mail'],
  [/^(@react-pdf\/|react-pdf$|@pdfme\/)/, 'PDF'],
  [/^(ink$|ink-)/, 'terminal'],
];

/** A workspace package named for e-mail (`@acme/email`, `@acme/emails`, `transactional-emails`). */
const EMAIL_PACKAGE_NAME = /(^|[/@-])e-?mails?($|-)/i;

/**
 * The medium a workspace package's components are made for when it is not the web page: the package is a renderer of
 * one (named `react-email`), depends on one in its dependencies or peerDependencies (`@react-email/render`,
 * `@react-pdf/renderer`, `ink`), or is named for e-mail. Its `Link` and `Button` draw e-mail HTML, not the web app's
 * controls, so it is a design system for that medium only (react-email's component package taken for its website's:
 * judged wrong twice). Null: a package for the web.
 */
export function otherMedium(name: string, pkg: Record<string, unknown> | null): string | null {
  const deps = ['dependencies', 'peerDependencies'].flatMap((f) => {
    const d = pkg?.[f];
    return d && typeof d === 'object' ? Object.keys(d) : [];
  });
  for (const [re, medium] of MEDIUM_RENDERERS) if (re.test(name) || deps.some((d) => re.test(d))) return medium;
  return EMAIL_PACKAGE_NAME.test(name) ? 'e-mail' : null;
}
