import { createRequire } from 'node:module';
import type * as TS from 'typescript';

const require = createRequire(import.meta.url);
let loaded: typeof TS | undefined;
/** the module itself, whose own properties the `typescript` proxy lists */
let moduleNamespace: typeof TS | undefined;

/**
 * The TypeScript the analyzer parses with, loaded on first use: loading it costs about as much as
 * parsing a hundred files, and a scan whose facts all come from the cache never needs it. The
 * `typescript` package when installed (the copy typescript-eslint and the design-system settings load
 * too, so a process holds one copy, not two), else the copy ts-morph bundles. Pass it into every check
 * and extractor.
 */
export function loadTypeScript(): typeof TS {
  if (loaded) return loaded;
  let ns: typeof TS;
  try {
    ns = require('typescript') as typeof TS;
  } catch {
    ns = (require('ts-morph') as { ts: unknown }).ts as typeof TS;
  }
  moduleNamespace = ns;
  loaded = quickNamespace(ns);
  return loaded;
}

/** Properties per link of quickNamespace's chain: under V8's limit of 1,020 for an object with fast properties. */
const LINK = 800;

/**
 * The same namespace, read faster. The `typescript` module exports its two thousand names as getters on one
 * object, too big to keep fast properties: every `ts.isCallExpression(node)` of an extractor's walk was a hash
 * lookup and a getter call, on every node of every file. Here its functions and objects are plain values on a
 * chain of prototypes of at most LINK names each, which V8 keeps fast (a load is a constant once optimised);
 * its other values (strings, numbers) stay getters of the module, as they were.
 */
export function quickNamespace(ns: typeof TS): typeof TS {
  const source = ns as unknown as Record<string, unknown>;
  const names = Object.keys(source);
  let chain: object = Object.prototype;
  for (let i = 0; i < names.length; i += LINK) {
    const link = Object.create(chain) as object;
    for (const name of names.slice(i, i + LINK)) {
      const value = source[name];
      if (typeof value === 'function' || (typeof value === 'object' && value !== null)) {
        Object.defineProperty(link, name, { value, enumerable: true, configurable: true });
      } else Object.defineProperty(link, name, { get: () => source[name], enumerable: true, configurable: true });
    }
    chain = link;
  }
  // the receiver holds nothing itself: every name is found on a prototype
  return Object.create(chain) as typeof TS;
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
  ownKeys: () => (loadTypeScript(), Reflect.ownKeys(moduleNamespace!)),
  getOwnPropertyDescriptor: (_target, key) => {
    loadTypeScript();
    const d = Reflect.getOwnPropertyDescriptor(moduleNamespace!, key);
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
