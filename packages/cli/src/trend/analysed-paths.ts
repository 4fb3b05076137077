import { filterPaths } from '@plumbline/analyzer';
import type { ResolvedConfig } from '@plumbline/core';

/** Which of the paths the config analyses (built-in excludes, include, exclude), memoised. */
export function analysedPaths(config: ResolvedConfig): (paths: readonly string[]) => Set<string> {
  const memo = new Map<string, boolean>();
  return (paths) => {
    const unknown = [...new Set(paths.filter((p) => !memo.has(p)))];
    if (unknown.length) {
      const ok = new Set(filterPaths(unknown, config));
      for (const p of unknown) memo.set(p, ok.has(p));
    }
    return new Set(paths.filter((p) => memo.get(p)));
  };
}
