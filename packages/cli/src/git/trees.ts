import { catFileBatch } from './objects.js';
import type { BatchObject, TreeEntry } from './objects.js';

interface RawEntry {
  mode: string;
  name: string;
  oid: string;
}

/** Parses a tree object: `<mode> <name>\0<20-byte id>` records. */
function parseTree(data: Buffer): RawEntry[] {
  const entries: RawEntry[] = [];
  let pos = 0;
  while (pos < data.length) {
    const sp = data.indexOf(32, pos);
    const nul = data.indexOf(0, sp);
    if (sp < 0 || nul < 0 || nul + 21 > data.length) break;
    entries.push({
      mode: data.toString('latin1', pos, sp),
      name: data.toString('utf8', sp + 1, nul),
      oid: data.toString('hex', nul + 1, nul + 21),
    });
    pos = nul + 21;
  }
  return entries;
}

/**
 * The files (paths relative to `prefix`, blob ids) of many commits at once, like `git ls-tree -r` of
 * each but through a handful of `git cat-file --batch` reads: the trees are walked level by level
 * for all commits together, and a subtree that several commits share (most of them, week to week) is
 * read once. Symlinks and submodules are left out; a commit whose tree cannot be read maps to null.
 */
export async function listTrees(root: string, commits: readonly string[], prefix = ''): Promise<Map<string, TreeEntry[] | null>> {
  const dir = prefix.replace(/\/$/, '');
  const tops = await catFileBatch(
    root,
    commits.map((c) => (dir ? `${c}:${dir}` : `${c}^{tree}`)),
  );
  const trees = new Map<string, RawEntry[]>();
  const topOid = new Map<string, string>();
  const wanted: Array<{ commit: string; obj: BatchObject | null }> = commits.map((c, i) => ({ commit: c, obj: tops[i] ?? null }));
  let frontier: string[] = [];
  for (const { commit, obj } of wanted) {
    if (!obj || obj.type !== 'tree') continue;
    const entries = parseTree(obj.data);
    // the top tree's own id is not in the answer: key it by commit
    const key = `top:${commit}`;
    trees.set(key, entries);
    topOid.set(commit, key);
    for (const e of entries) if (e.mode === '40000' && !trees.has(e.oid)) frontier.push(e.oid);
  }
  while (frontier.length) {
    const ids = [...new Set(frontier)].filter((id) => !trees.has(id));
    frontier = [];
    const objs = await catFileBatch(root, ids);
    ids.forEach((id, i) => {
      const obj = objs[i];
      const entries = obj && obj.type === 'tree' ? parseTree(obj.data) : [];
      trees.set(id, entries);
      for (const e of entries) if (e.mode === '40000' && !trees.has(e.oid)) frontier.push(e.oid);
    });
  }
  const flat = new Map<string, Array<{ path: string; blob: string }>>();
  const flatten = (key: string): Array<{ path: string; blob: string }> => {
    const hit = flat.get(key);
    if (hit) return hit;
    const out: Array<{ path: string; blob: string }> = [];
    for (const e of trees.get(key) ?? []) {
      if (e.mode === '40000') for (const f of flatten(e.oid)) out.push({ path: `${e.name}/${f.path}`, blob: f.blob });
      else if (e.mode === '100644' || e.mode === '100755') out.push({ path: e.name, blob: e.oid });
    }
    flat.set(key, out);
    return out;
  };
  const result = new Map<string, TreeEntry[] | null>();
  for (const c of commits) {
    const key = topOid.get(c);
    result.set(c, key ? flatten(key).map((f) => ({ path: f.path, blob: f.blob, size: -1 })) : null);
  }
  return result;
}
