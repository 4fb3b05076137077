import picomatch from 'picomatch';

/** A matcher for POSIX relative paths; dotfiles match, as users expect of "**". */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const m = picomatch(globs as string[], { dot: true });
  return (path) => m(path);
}
