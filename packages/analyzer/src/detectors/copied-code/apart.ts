/**
 * Places that cannot share code even when their code is the same, so that a copy among them is not the team's to
 * extract (copied-code and component-family find such copies, count them in the rating's ratio, and do not report them):
 *
 * - **standalone projects** scaffolded or copied out for users: a starter, template, example or boilerplate project with
 *   a package.json of its own under a `templates/` (`starters/`, `examples/`, `boilerplates/`) folder, or a scaffolder's
 *   single `template/` project (payload's create-payload-app starters `templates/website`, `templates/with-vercel-website`;
 *   webstudio's `packages/cli/templates/*`; react-email's `packages/create-email/template`). Each is copied out whole, so
 *   it cannot import from a sibling or from the main code: copies between two of them, or between one and the main code,
 *   are how they are meant to be. Copies inside one of them are reported as anywhere else. A workspace package another
 *   one depends on is a library, whatever its folder is called (webstudio's `packages/template`, which the builder imports).
 * - **static folders** of a web app: `public/` or `static/` beside a package.json (Next.js, Vite, CRA serve them verbatim,
 *   unbundled): their scripts are vendored assets (postiz-app's `apps/frontend/public/f.js`, Facebook's pixel script).
 * - **frozen versions**: sibling files whose names differ only by a version (`post.workflow.v1.0.1.ts` ...
 *   `post.workflow.v1.0.9.ts`, `schema-v2.ts` and `schema-v3.ts`), kept side by side on purpose as migrations are.
 *
 * Which directories hold a package.json is read from the disk once per root (as generated.ts reads its markers).
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** A folder of scaffolded projects, each project one folder below it. */
const SCAFFOLDS = /^_?(templates|starters|examples|boilerplates|scaffolds)$/i;
/** A scaffolder's one project (`create-email/template/`). */
const SCAFFOLD = /^_?(template|starter|boilerplate|scaffold)$/i;
/** A web app's folder served as is. */
const STATIC = /^(public|static)$/;
/** A version in a file name: `.v1.0.1`, `-v2`, `_v3` before the extension or another part, or `V3` after a lower-case letter. */
const VERSION = [/[._-][vV]\d+(?:[._]\d+)*(?=[._-]|$)/, /(?<=[a-z])V\d+(?:[._]\d+)*(?=[._-]|$)/];

/** Whether a directory (relative to the root) holds a package.json, cached per root. */
const MANIFESTS = new Map<string, Map<string, boolean>>();
function manifestIn(root: string, dir: string): boolean {
  let seen = MANIFESTS.get(root);
  if (!seen) MANIFESTS.set(root, (seen = new Map()));
  let has = seen.get(dir);
  if (has === undefined) seen.set(dir, (has = existsSync(join(root, dir, 'package.json'))));
  return has;
}

/** A workspace package as module settings describe it: its directory and the workspace packages it depends on. */
export interface PackageLike {
  name: string;
  dir: string;
  dependencies?: string[];
}

/** The directories of the workspace packages another one depends on, per package list. */
const LIBRARIES = new WeakMap<readonly PackageLike[], Set<string>>();
function libraries(packages: readonly PackageLike[]): Set<string> {
  let dirs = LIBRARIES.get(packages);
  if (!dirs) {
    const used = new Set(packages.flatMap((p) => p.dependencies ?? []));
    LIBRARIES.set(packages, (dirs = new Set(packages.filter((p) => used.has(p.name)).map((p) => p.dir))));
  }
  return dirs;
}

/** The standalone project (its directory) a path lies in, or '' for the main code. */
export function standaloneProjectOf(root: string, path: string, packages: readonly PackageLike[] = []): string {
  const parts = path.split('/').slice(0, -1);
  for (let i = parts.length; i >= 1; i--) {
    const name = parts[i - 1]!;
    const parent = parts[i - 2];
    if (!((parent !== undefined && SCAFFOLDS.test(parent)) || SCAFFOLD.test(name))) continue;
    const dir = parts.slice(0, i).join('/');
    if (manifestIn(root, dir)) return libraries(packages).has(dir) ? '' : dir;
  }
  return '';
}

/** Whether a path lies in the static folder of a web app (`public/` or `static/` beside a package.json). */
export function inStaticFolder(root: string, path: string): boolean {
  const parts = path.split('/').slice(0, -1);
  return parts.some((name, i) => STATIC.test(name) && manifestIn(root, parts.slice(0, i).join('/')));
}

/** A file name with its version taken out, or null when the name carries no version. */
function unversioned(path: string): string | null {
  for (const re of VERSION) {
    const slash = path.lastIndexOf('/');
    const name = path.slice(slash + 1);
    const m = re.exec(name);
    if (m) return `${path.slice(0, slash + 1)}${name.slice(0, m.index)}\0${name.slice(m.index + m[0].length)}`;
  }
  return null;
}

/** Whether the places are in frozen versions of one file: siblings whose names differ only by a version, one place per file. */
export function frozenVersions(paths: readonly string[]): boolean {
  if (new Set(paths).size !== paths.length || paths.length < 2) return false;
  const stems = paths.map(unversioned);
  return stems.every((s) => s !== null && s === stems[0]);
}

/**
 * Whether the places of one copy lie where their code cannot be shared: all but one of them (or all) in static folders, all in frozen
 * versions of one file, or spread over two projects or more, one of them standalone, with at most one place in the main
 * code (a copy between two places of the main code is the main code's to extract, wherever its other copies are).
 */
export function copiesApart(root: string, paths: readonly string[], packages: readonly PackageLike[] = []): boolean {
  if (paths.filter((p) => !inStaticFolder(root, p)).length < 2) return true;
  if (frozenVersions(paths)) return true;
  const projects = paths.map((p) => standaloneProjectOf(root, p, packages));
  return projects.some(Boolean) && new Set(projects).size > 1 && projects.filter((p) => !p).length < 2;
}
