// Which lines of a period's files changed, and which commit last touched a line: git diff and git blame.
import { gitOf } from './runner.js';
import type { GitRunner } from './runner.js';

/** Unquotes a path as git writes it in diff headers when it holds unusual characters (C-style, octal bytes). */
function unquotePath(p: string): string {
  if (!p.startsWith('"')) return p;
  const bytes: number[] = [];
  const body = p.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The lines of each file at `to` (null: in the working tree) that differ from `from` (`git diff -U0 -w`:
 * whitespace-only changes do not count), for many files with one git process per few hundred files. A
 * file that did not change has no entry.
 */
export async function changedLines(
  root: string,
  from: string,
  to: string | null,
  files: readonly string[],
  runner?: GitRunner,
): Promise<Map<string, Set<number>>> {
  const result = new Map<string, Set<number>>();
  for (let i = 0; i < files.length; i += 300) {
    const chunk = files.slice(i, i + 300);
    const out = await gitOf(runner)(
      [
        '-c',
        'core.quotePath=false',
        'diff',
        '-U0',
        '-w',
        '--no-renames',
        '--no-color',
        '--no-ext-diff',
        '--relative',
        from,
        ...(to === null ? [] : [to]),
        '--',
        ...chunk.map((f) => `:(literal)${f}`),
      ],
      root,
    );
    if (out === null) continue;
    let current: Set<number> | undefined;
    for (const line of out.split('\n')) {
      if (line.startsWith('+++ ')) {
        const name = line.slice(4).replace(/\t$/, ''); // git ends a name holding spaces with a tab
        current = name === '/dev/null' ? undefined : new Set<number>();
        if (current) result.set(unquotePath(name).replace(/^b\//, ''), current);
        continue;
      }
      const h = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (h && current) {
        const start = Number(h[1]);
        const count = h[2] === undefined ? 1 : Number(h[2]);
        for (let l = start; l < start + count; l++) current.add(l);
      }
    }
  }
  return result;
}

/**
 * Which commit of `from..to` last touched each given line of `file` at `to` (`git blame -w`, so
 * whitespace-only changes do not count; whole-file renames are followed). Lines no commit of the range
 * touched map to null. Unknown when blame fails: an empty map.
 */
export async function blameLines(
  root: string,
  from: string,
  to: string,
  file: string,
  lines: readonly number[],
  runner?: GitRunner,
): Promise<Map<number, string | null>> {
  const sorted = [...new Set(lines)].filter((l) => l > 0).sort((a, b) => a - b);
  const ranges: Array<[number, number]> = [];
  for (const l of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && l <= last[1] + 1) last[1] = l;
    else ranges.push([l, l]);
  }
  const result = new Map<number, string | null>();
  if (ranges.length === 0) return result;
  const args = ['blame', '--porcelain', '-w', ...ranges.flatMap(([a, b]) => ['-L', `${a},${b}`]), `${from}..${to}`, '--', file];
  const out = await gitOf(runner)(args, root);
  if (out === null) return result;
  const boundary = new Set<string>();
  const pending: Array<[number, string]> = [];
  let current: string | undefined;
  for (const line of out.split('\n')) {
    const head = /^([0-9a-f]{40}) \d+ (\d+)/.exec(line);
    if (head) {
      current = head[1]!;
      pending.push([Number(head[2]), current]);
      continue;
    }
    if (line === 'boundary' && current) boundary.add(current);
  }
  for (const [l, sha] of pending) result.set(l, boundary.has(sha) ? null : sha);
  return result;
}
