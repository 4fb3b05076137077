import type * as TS from 'typescript';
import { defineExtractor } from '../facts.js';
import { hash32 } from './components.js';

/**
 * A file's code as a sequence of token hashes, the input of copied-code detection. Comments, whitespace
 * and import/re-export declarations are left out (identical import lists are not copied logic); JSX text
 * runs count as one token each. Tests, stories and fixtures get no tokens: clones there are not reported.
 */
export interface CloneTokenFacts {
  /** base64 of a little-endian Uint32Array: one FNV-1a hash per token */
  tokens: string;
  count: number;
  /** [tokenIndex, line, tokenIndex, line, ...]: the 1-based line of the first token of each new line */
  lines: number[];
}

const EMPTY: CloneTokenFacts = { tokens: '', count: 0, lines: [] };

interface Special {
  start: number;
  end: number;
  /** the token to emit for the whole range; null to skip it */
  text: string | null;
}

/** Decodes the token hashes of a file. */
export function decodeTokens(facts: CloneTokenFacts): Uint32Array {
  if (!facts.count) return new Uint32Array(0);
  const buf = Buffer.from(facts.tokens, 'base64');
  const out = new Uint32Array(facts.count);
  for (let i = 0; i < facts.count; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}

/** Line of every token, expanded from the run-length form. */
export function decodeLines(facts: CloneTokenFacts): Uint32Array {
  const out = new Uint32Array(facts.count);
  const l = facts.lines;
  for (let k = 0; k < l.length; k += 2) {
    const from = l[k]!;
    const to = k + 2 < l.length ? l[k + 2]! : facts.count;
    out.fill(l[k + 1]!, from, to);
  }
  return out;
}

export const extractor = defineExtractor<CloneTokenFacts>({
  name: 'clone-tokens',
  languages: ['ts'],
  extract({ ts, sourceFile: sf, text, isTestFile }) {
    if (!sf || isTestFile) return EMPTY;
    const specials: Special[] = [];
    const visit = (n: TS.Node): void => {
      switch (n.kind) {
        case ts.SyntaxKind.ImportDeclaration:
        case ts.SyntaxKind.ImportEqualsDeclaration:
          specials.push({ start: n.getStart(sf), end: n.end, text: null });
          return;
        case ts.SyntaxKind.ExportDeclaration:
          if ((n as TS.ExportDeclaration).moduleSpecifier) {
            specials.push({ start: n.getStart(sf), end: n.end, text: null });
            return;
          }
          break;
        case ts.SyntaxKind.JsxText: {
          const t = (n as TS.JsxText).text.replace(/\s+/g, ' ').trim();
          specials.push({ start: n.pos, end: n.end, text: t ? `#${t}` : null });
          return;
        }
        case ts.SyntaxKind.RegularExpressionLiteral:
        case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        case ts.SyntaxKind.TemplateHead:
        case ts.SyntaxKind.TemplateMiddle:
        case ts.SyntaxKind.TemplateTail:
          specials.push({ start: n.getStart(sf), end: n.end, text: n.getText(sf) });
          return;
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    specials.sort((a, b) => a.start - b.start);

    const isJsx = /\.(tsx|jsx|js|mjs|cjs)$/.test(sf.fileName);
    const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, isJsx ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard, text);
    const lineStarts = sf.getLineStarts();
    const hashes: number[] = [];
    const lines: number[] = [];
    let lineIdx = 0;
    let lastLine = -1;
    const emit = (tokenText: string, start: number) => {
      while (lineIdx + 1 < lineStarts.length && lineStarts[lineIdx + 1]! <= start) lineIdx++;
      if (lineIdx !== lastLine) {
        lines.push(hashes.length, lineIdx + 1);
        lastLine = lineIdx;
      }
      hashes.push(hash32(tokenText));
    };
    let k = 0;
    for (;;) {
      const kind = scanner.scan();
      if (kind === ts.SyntaxKind.EndOfFileToken) break;
      const start = scanner.getTokenStart();
      while (k < specials.length && specials[k]!.end <= start) k++;
      const sp = specials[k];
      if (sp && sp.start <= start) {
        const { text: t, start: at } = sp;
        if (t !== null) {
          // a JSX text range starts with the whitespace after `>`: place the token at its first character
          emit(t, sp.text?.startsWith('#') ? Math.max(at, start) : at);
        }
        scanner.resetTokenState(sp.end);
        k++;
        continue;
      }
      emit(scanner.getTokenText(), start);
    }
    if (hashes.length === 0) return EMPTY;
    const buf = Buffer.alloc(hashes.length * 4);
    for (let i = 0; i < hashes.length; i++) buf.writeUInt32LE(hashes[i]!, i * 4);
    return { tokens: buf.toString('base64'), count: hashes.length, lines };
  },
});
