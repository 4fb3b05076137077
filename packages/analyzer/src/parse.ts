import { ts } from 'ts-morph';
import type * as TS from 'typescript';

/** The TypeScript copy the analyzer parses with (ts-morph's); passed into every check and extractor. */
export const typescript = ts as unknown as typeof TS;

export function scriptKindOf(path: string): TS.ScriptKind {
  const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
  if (ext === '.tsx') return typescript.ScriptKind.TSX;
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return typescript.ScriptKind.TS;
  return typescript.ScriptKind.JSX; // .js/.jsx/.mjs/.cjs may hold JSX
}

export interface ParseOutcome {
  sourceFile?: TS.SourceFile;
  error?: string;
}

/** Parses one file; syntax errors are an outcome, not an exception. */
export function parseSource(path: string, text: string): ParseOutcome {
  let sf: TS.SourceFile;
  try {
    sf = typescript.createSourceFile(path, text, typescript.ScriptTarget.Latest, true, scriptKindOf(path));
  } catch (e) {
    return { error: e instanceof RangeError ? 'too deeply nested to parse (stack overflow)' : `parser failed: ${(e as Error).message}` };
  }
  const diagnostics = (sf as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (first) {
    const { line, character } = typescript.getLineAndCharacterOfPosition(sf, first.start);
    const message = typescript.flattenDiagnosticMessageText(first.messageText, ' ');
    return { error: `syntax error at ${line + 1}:${character + 1}: ${message}${diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : ''}` };
  }
  return { sourceFile: sf };
}
