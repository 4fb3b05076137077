import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';

export interface CodeownersRule {
  pattern: string;
  owners: string[];
  match: (path: string) => boolean;
}

/** Where GitHub and GitLab look for CODEOWNERS, in their order. */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'];

/** Turns one CODEOWNERS pattern (gitignore-like) into a matcher of root-relative POSIX paths. */
function matcherFor(pattern: string): (path: string) => boolean {
  let p = pattern;
  const anchored = p.startsWith('/') || p.slice(0, -1).includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.slice(0, -1);
  const base = anchored ? p : `**/${p}`;
  const globs = [base, `${base}/**`];
  const m = picomatch(globs, { dot: true });
  return (path) => m(path);
}

/** Parses CODEOWNERS text; later rules win, as on GitHub. Sections (`[Section]`) and comments are skipped. */
export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line || line.startsWith('[') || line.startsWith('^[')) continue;
    const [pattern, ...owners] = line.split(/\s+/);
    if (!pattern) continue;
    rules.push({ pattern, owners, match: matcherFor(pattern) });
  }
  return rules;
}

/** The owners of a path: those of the last matching rule; [] when none matches. */
export function ownersOf(rules: readonly CodeownersRule[], path: string): string[] {
  for (let i = rules.length - 1; i >= 0; i--) if (rules[i]!.match(path)) return rules[i]!.owners;
  return [];
}

/** Reads the repository's CODEOWNERS file, if any. */
export function loadCodeowners(root: string): CodeownersRule[] {
  for (const loc of CODEOWNERS_LOCATIONS) {
    const file = join(root, loc);
    if (existsSync(file)) {
      try {
        return parseCodeowners(readFileSync(file, 'utf8'));
      } catch {
        return [];
      }
    }
  }
  return [];
}
