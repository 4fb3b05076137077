import { git } from './command.js';

/** Files git saw renamed between two trees (or a tree and the working tree): head path -> base path. */
export function gitRenames(root: string, base: string, head: string | null): Map<string, string> {
  const out = git(root, ['diff', '--relative', '-M', '--name-status', '-z', base, ...(head ? [head] : []), '--']);
  const renames = new Map<string, string>();
  if (!out) return renames;
  const parts = out.split('\0');
  for (let i = 0; i < parts.length;) {
    const status = parts[i++];
    if (!status) continue;
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = parts[i++]!;
      const to = parts[i++]!;
      if (status.startsWith('R')) renames.set(to, from);
    } else i++;
  }
  return renames;
}
