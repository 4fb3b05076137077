/** Reads the script files under some folders of a project, with a budget: for facts about tokens set at run time. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ScriptWalk {
  /** files read at most, over all folders */
  maxFiles: number;
  maxDepth: number;
  /** folder names never entered */
  skip: ReadonlySet<string>;
  /** files larger than this are not looked into */
  maxBytes: number;
  /** stop at a nested workspace package (a folder with its own package.json) */
  stopAtPackages: boolean;
  /** script file names not read (beyond `.d.ts`) */
  exclude?: RegExp;
}

/** Calls `visit` with each script file (`.js`, `.ts`, `.tsx`...) under `dirs` (relative to `root`) and its text. */
export function forEachScript(root: string, dirs: readonly string[], o: ScriptWalk, visit: (file: string, text: string) => void): void {
  let budget = o.maxFiles;
  const walked = new Set<string>();
  const walk = (dir: string, depth: number): void => {
    if (depth > o.maxDepth || budget <= 0 || walked.has(dir)) return;
    walked.add(dir);
    let entries;
    try {
      entries = readdirSync(resolve(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (budget <= 0) return;
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (o.skip.has(e.name) || e.name.startsWith('.')) continue;
        if (!(o.stopAtPackages && depth > 0 && existsSync(resolve(root, rel, 'package.json')))) walk(rel, depth + 1);
      } else if (e.isFile() && /\.(c|m)?[jt]sx?$/.test(e.name) && !/\.d\.ts$/.test(e.name) && !o.exclude?.test(e.name)) {
        budget--;
        let text: string;
        try {
          text = readFileSync(resolve(root, rel), 'utf8');
        } catch {
          continue;
        }
        if (text.length <= o.maxBytes) visit(rel, text);
      }
    }
  };
  for (const d of [...dirs].sort()) walk(d, 0);
}
