/**
 * Output written from a template in the repository: a code generator or scaffolder that keeps its template's
 * source files in a `template/` (or `templates/`) folder and writes them, filled in, to a directory of the same
 * repository (polar's own SDK generator: `sdk/generator/typescript/template/src/base.ts` becomes
 * `sdk/typescript/src/base.ts`, beside one folder of services per API version). Nothing marks such output as
 * generated (no header, no generator's marker file); what gives it away is the file list: the template's files
 * reappear, by their path below the template, below the output directory. Copies among the template and its
 * output are the generator's: found and counted in the duplicated-lines ratio, not reported.
 *
 * Read from the paths of the scanned files only (the snapshot's files, in `trend` too), never from the disk.
 */

/** A folder of template sources: `template/`, `templates/` (also `_template/`). */
const TEMPLATE_DIR = /(^|\/)_?templates?\//g;
/** An output directory must hold at least this many of its template's files, by their path below the template. */
const MIN_SHARED_FILES = 3;
/** ...and at least this share of the template's source files. */
const MIN_SHARED_SHARE = 0.5;

/** The template folders of a file list, each with the paths of its files below it. */
function templates(paths: readonly string[]): Map<string, string[]> {
  const byRoot = new Map<string, string[]>();
  for (const path of paths) {
    for (const m of path.matchAll(TEMPLATE_DIR)) {
      const root = path.slice(0, m.index + m[0].length - 1);
      const below = path.slice(root.length + 1);
      byRoot.set(root, [...(byRoot.get(root) ?? []), below]);
    }
  }
  return byRoot;
}

/**
 * The directories (relative to the root) that hold a template and the output written from it: for every
 * template folder whose files (at least 3, and half of them) reappear below another directory by the same
 * relative paths, the template folder and that directory.
 */
export function templateOutputs(paths: readonly string[]): string[] {
  const found = new Set<string>();
  const byName = new Map<string, string[]>();
  for (const path of paths) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    byName.set(name, [...(byName.get(name) ?? []), path]);
  }
  for (const [root, below] of templates(paths)) {
    if (below.length < MIN_SHARED_FILES) continue;
    // candidate output directories: where a path ends with one of the template's relative paths
    const hits = new Map<string, number>();
    for (const rel of below) {
      const suffix = `/${rel}`;
      for (const path of byName.get(rel.slice(rel.lastIndexOf('/') + 1)) ?? []) {
        if (!path.endsWith(suffix) || path.startsWith(`${root}/`)) continue;
        const dir = path.slice(0, path.length - suffix.length);
        // the template's own folder, or a folder inside it, is not its output
        if (dir === '' || root.startsWith(`${dir}/`)) continue;
        hits.set(dir, (hits.get(dir) ?? 0) + 1);
      }
    }
    for (const [dir, n] of hits) {
      if (n >= MIN_SHARED_FILES && n >= MIN_SHARED_SHARE * below.length) {
        found.add(root);
        found.add(dir);
      }
    }
  }
  return [...found].sort();
}
