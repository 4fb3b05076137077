import { createRequire } from 'node:module';
import type * as TS from 'typescript';

const require = createRequire(import.meta.url);
let loaded: typeof TS | undefined;

/**
 * The TypeScript the analyzer parses with, loaded on first use: loading it costs about as much as
 * parsing a hundred files, and a scan whose facts all come from the cache never needs it. The
 * `typescript` package when installed (the copy typescript-eslint and the design-system settings load
 * too, so a process holds one copy, not two), else the copy ts-morph bundles. Pass it into every check
 * and extractor.
 */
export function loadTypeScript(): typeof TS {
  if (loaded) return loaded;
  try {
    loaded = require('typescript') as typeof TS;
  } catch {
    loaded = (require('ts-morph') as { ts: unknown }).ts as typeof TS;
  }
  return loaded;
}

/** The version of the TypeScript loadTypeScript() loads, read without loading it (for cache keys). */
export function typeScriptVersion(): string {
  for (const spec of ['typescript/package.json', '@ts-morph/common/package.json']) {
    try {
      return `${spec.split('/')[0]}@${(require(spec) as { version: string }).version}`;
    } catch {
      // not installed: the next candidate
    }
  }
  return 'unknown';
}

/**
 * The same TypeScript namespace, for code that wants it as a value; it loads on the first property
 * read. Hot paths should hold `loadTypeScript()`'s result instead of going through this proxy.
 */
export const typescript: typeof TS = new Proxy({} as typeof TS, {
  get: (_target, key) => (loadTypeScript() as unknown as Record<PropertyKey, unknown>)[key],
  has: (_target, key) => key in loadTypeScript(),
  ownKeys: () => Reflect.ownKeys(loadTypeScript()),
  getOwnPropertyDescriptor: (_target, key) => {
    const d = Reflect.getOwnPropertyDescriptor(loadTypeScript(), key);
    return d ? { ...d, configurable: true } : undefined;
  },
});

export function scriptKindOf(path: string): TS.ScriptKind {
  const ts = loadTypeScript();
  const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
  if (ext === '.tsx') return ts.ScriptKind.TSX;
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return ts.ScriptKind.TS;
  return ts.ScriptKind.JSX; // .js/.jsx/.mjs/.cjs may hold JSX
}

export interface ParseOutcome {
  sourceFile?: TS.SourceFile;
  error?: string;
}

/** Parses one file; syntax errors are an outcome, not an exception. */
export function parseSource(path: string, text: string): ParseOutcome {
  const ts = loadTypeScript();
  let sf: TS.SourceFile;
  try {
    sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKindOf(path));
  } catch (e) {
    return { error: e instanceof RangeError ? 'too deeply nested to parse (stack overflow)' : `parser failed: ${(e as Error).message}` };
  }
  const diagnostics = (sf as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (first) {
    const { line, character } = ts.getLineAndCharacterOfPosition(sf, first.start);
    const message = ts.flattenDiagnosticMessageText(first.messageText, ' ');
    return {
      error: `syntax error at ${line + 1}:${character + 1}: ${message}${diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : ''}`,
    };
  }
  return { sourceFile: sf };
}
