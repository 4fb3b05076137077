import { lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';

/** Bad input to a tool: answered as a structured error (`{ error: { code, message } }`), never a crash. */
export class ToolError extends Error {
  override name = 'ToolError';
  constructor(
    readonly code: 'outside-repository' | 'bad-path' | 'too-large' | 'unknown-role' | 'no-design-system' | 'no-tokens' | 'bad-input',
    message: string,
  ) {
    super(message);
  }
}

/** Largest content `check_code` and `similar_code` accept (characters): a source file, not a bundle. */
export const MAX_CONTENT_CHARS = 256 * 1024;

export function checkSize(what: string, text: string): void {
  if (text.length > MAX_CONTENT_CHARS)
    throw new ToolError('too-large', `${what} has ${text.length} characters; at most ${MAX_CONTENT_CHARS} are analysed (one source file)`);
}

const SOURCE_FILE = /\.(tsx?|jsx?|mts|cts|mjs|cjs|css|scss)$/;

/**
 * A path given to a tool, as a POSIX path relative to the repository root: relative paths are taken from
 * the root; a path outside it (`..`, another absolute path, a symbolic link leading out) is refused, so
 * that no tool ever reads outside the repository.
 */
export function repositoryPath(root: string, input: string, options: { sourceFile?: boolean } = {}): string {
  if (typeof input !== 'string' || input.trim() === '' || input.includes('\0'))
    throw new ToolError('bad-path', 'path must be a non-empty file path');
  const abs = isAbsolute(input) ? resolve(input) : resolve(root, input);
  const rel = relative(root, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel))
    throw new ToolError('outside-repository', `${input} is outside the repository (${root}); give a path inside it`);
  // the deepest existing ancestor must not lead out of the repository through a symbolic link
  let probe = abs;
  while (!lstatSync(probe, { throwIfNoEntry: false })) probe = resolve(probe, '..');
  const realRoot = realpathSync(root);
  const real = realpathSync(probe);
  if (real !== realRoot && !real.startsWith(realRoot + sep))
    throw new ToolError('outside-repository', `${input} leads outside the repository through a symbolic link`);
  const posixRel = rel.split(sep).join(posix.sep);
  if (options.sourceFile && !SOURCE_FILE.test(posixRel))
    throw new ToolError('bad-path', `${input}: not a source file plumbline analyses (.ts, .tsx, .js, .jsx, .css, .scss, ...)`);
  return posixRel;
}
