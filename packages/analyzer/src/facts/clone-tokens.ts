import type * as TS from 'typescript';
import { defineExtractor } from '../facts.js';
import { collectUnits, encodeBits, encodeHashes, shapeOf, shapeOfSpecial, unitTokenRanges } from './clone-tokens/shape.js';
import { hash32 } from './components.js';

/**
 * A file's code as a sequence of token hashes, the input of copied-code detection. Comments, whitespace
 * and import/re-export declarations are left out (identical import lists are not copied logic); JSX text
 * runs and inline `<svg>` drawings count as one token each. Tests, stories and fixtures get no tokens: clones there are not
 * reported; nor do vendored files (a "Vendored from" / source-URL header).
 */
export interface CloneTokenFacts {
  /** base64 of a little-endian Uint32Array: one FNV-1a hash per token */
  tokens: string;
  count: number;
  /**
   * One entry of four numbers per line holding tokens: the index of its first token, the 1-based line,
   * the 1-based column of its first token, and the column just after its last token.
   */
  lines: number[];
  /**
   * Comments that say a copy is deliberate ("inlined rather than shared", "duplicated on purpose"): pairs
   * of 1-based first and last lines. A copy beside one is kept on purpose, not debt.
   */
  deliberate?: number[];
  /** the abstracted stream (identifiers and literals as placeholders, see clone-tokens/shape.ts), one hash per token, base64 like `tokens` */
  shape?: string;
  /** named functions, methods and components of 10+ lines: pairs of token indexes [first, end) */
  units?: number[];
  /** the name of each unit */
  unitNames?: string[];
  /** every distinct identifier of the file, so that a detector can name the identifiers a renamed copy changed */
  names?: string[];
  /** the tokens that name a member (a property, a key, a JSX attribute), compared by their text in renamed copies: a bitset, see clone-tokens/shape.ts */
  members?: string;
  /** the tokens renamed-copy matching leaves out (the `: sum` of `{ total: sum }`, as of the shorthand `{ total }`): a bitset */
  elided?: string;
}

const EMPTY: CloneTokenFacts = { tokens: '', count: 0, lines: [] };

interface Special {
  start: number;
  end: number;
  /** the token to emit for the whole range; null to skip it */
  text: string | null;
}

/**
 * A header saying the file is a copy of third-party code: "Vendored from", "copied/adapted/ported/forked
 * from", or a `Source:` URL. Its copies stay in step with their upstream, not with each other.
 */
const VENDORED =
  /\b(vendored\b|(copied|adapted|ported|forked|borrowed) from\b|based on https?:)|^[\s/*]*(source|upstream|original)\s*:\s*https?:\/\//im;
/**
 * A sentence saying a copy is kept on purpose: a purpose word with a copy word ("intentionally
 * duplicated", "a copy, on purpose"), a copy preferred to sharing ("inlined rather than shared", "instead
 * of importing the helper"), or sharing that "would obscure" the code.
 */
const ON_PURPOSE = /\b(deliberate(ly)?|intentional(ly)?|on purpose|by design)\b/i;
const COPY_WORD = /\b(duplicat\w*|cop(y|ied|ies)|inlin\w*|mirror\w*|kept separate)\b/i;
const NOT_SHARED =
  /\b(rather than|instead of)\s+(\S+\s+){0,3}?(shar\w*|extract\w*|import\w*|reus\w*|helpers?|abstract\w*|dedup\w*|factor\w*|common)\b/i;
const WOULD_OBSCURE = /\bwould obscure\b/i;
const SHARING = /\b(shar\w*|helpers?|abstract\w*|extract\w*)\b/i;

/**
 * Whether a block of comments says a copy is kept on purpose, in one sentence (see ON_PURPOSE). Words of
 * two sentences say something else: "Use CDP rather than `connect`. Keep the versions in sync" is about a
 * browser, "via the shared helper, a 409 instead of an opaque failure" about errors.
 */
export function saysDeliberate(comments: string): boolean {
  const prose = comments.replace(/^[ \t]*(\/\/+|\/\*+|\*+\/?)/gm, ' ').replace(/\s+/g, ' ');
  return prose
    .split(/[.!?;](?:\s|$)/)
    .some((s) => (ON_PURPOSE.test(s) && COPY_WORD.test(s)) || NOT_SHARED.test(s) || (WOULD_OBSCURE.test(s) && SHARING.test(s)));
}

/** SVG drawing elements (and react-native-svg's `<Svg>`): path data, not code, also without their `<svg>` (`createIcon(<><path d=".." /></>)`). */
const SVG_DRAWING =
  /^(svg|Svg|path|g|circle|rect|line|polyline|polygon|ellipse|defs|clipPath|linearGradient|radialGradient|mask|symbol|pattern)$/;

/** Decodes the token hashes of a file (or, with `shape`, its abstracted stream; empty when the facts have none). */
export function decodeTokens(facts: CloneTokenFacts, stream: 'tokens' | 'shape' = 'tokens'): Uint32Array {
  const encoded = facts[stream];
  if (!facts.count || !encoded) return new Uint32Array(0);
  const buf = Buffer.from(encoded, 'base64');
  const out = new Uint32Array(facts.count);
  for (let i = 0; i < facts.count; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}

export interface TokenLines {
  /** the line of every token */
  line: Uint32Array;
  /** line -> [column of its first token, column after its last token] */
  columns: Map<number, [number, number]>;
}

/** Line of every token, expanded from the run-length form, with the token columns of each line. */
export function decodeLines(facts: CloneTokenFacts): TokenLines {
  const line = new Uint32Array(facts.count);
  const columns = new Map<number, [number, number]>();
  const l = facts.lines;
  for (let k = 0; k < l.length; k += 4) {
    const from = l[k]!;
    const to = k + 4 < l.length ? l[k + 4]! : facts.count;
    line.fill(l[k + 1]!, from, to);
    columns.set(l[k + 1]!, [l[k + 2]!, l[k + 3]!]);
  }
  return { line, columns };
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
        case ts.SyntaxKind.JsxElement:
        case ts.SyntaxKind.JsxSelfClosingElement: {
          // an inline SVG drawing is data (path coordinates), not code: one token for the whole drawing
          const tag = ts.isJsxElement(n) ? n.openingElement.tagName : (n as TS.JsxSelfClosingElement).tagName;
          if (ts.isIdentifier(tag) && SVG_DRAWING.test(tag.text)) {
            specials.push({ start: n.getStart(sf), end: n.end, text: `<svg>${n.getText(sf).replace(/\s+/g, ' ')}` });
            return;
          }
          break;
        }
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
    const shape: number[] = [];
    const starts: number[] = [];
    const names = new Set<string>();
    const { units, tags, marks } = collectUnits(ts, sf);
    const members: boolean[] = [];
    const elided: boolean[] = [];
    const lines: number[] = [];
    let lineIdx = 0;
    let lastLine = -1;
    const emit = (tokenText: string, start: number, end: number, shapeHash: number) => {
      while (lineIdx + 1 < lineStarts.length && lineStarts[lineIdx + 1]! <= start) lineIdx++;
      if (lineIdx !== lastLine) {
        lines.push(hashes.length, lineIdx + 1, start - lineStarts[lineIdx]! + 1, 0);
        lastLine = lineIdx;
      }
      // a token running over several lines (template, JSX text) ends on its own line: keep the start line's end
      const endOnLine = lineIdx + 1 < lineStarts.length ? Math.min(end, lineStarts[lineIdx + 1]! - 1) : end;
      lines[lines.length - 1] = Math.max(lines[lines.length - 1]!, endOnLine - lineStarts[lineIdx]! + 1);
      hashes.push(hash32(tokenText));
      shape.push(shapeHash);
      starts.push(start);
      members.push(marks.members.has(start));
      elided.push(marks.elided.has(start));
    };
    const deliberate: number[] = [];
    let prevEnd = 0;
    let vendored = false;
    // the trivia between two tokens: a block of comments (the first is the file's header)
    const comments = (end: number) => {
      const gap = text.slice(prevEnd, end);
      if (gap.includes('/')) {
        if (prevEnd === 0 && VENDORED.test(gap)) vendored = true;
        if (saysDeliberate(gap)) {
          const first = prevEnd + gap.search(/\/[/*]/);
          const last = prevEnd + gap.trimEnd().length - 1;
          deliberate.push(ts.getLineAndCharacterOfPosition(sf, first).line + 1, ts.getLineAndCharacterOfPosition(sf, last).line + 1);
        }
      }
    };
    let k = 0;
    for (;;) {
      const kind = scanner.scan();
      if (kind === ts.SyntaxKind.EndOfFileToken) break;
      const start = scanner.getTokenStart();
      if (start > prevEnd) comments(start);
      while (k < specials.length && specials[k]!.end <= start) k++;
      const sp = specials[k];
      if (sp && sp.start <= start) {
        if (sp.text !== null) {
          // a JSX text range starts with the whitespace after `>`: place the token at its first character
          const at = sp.text.startsWith('#') ? Math.max(sp.start, start) : sp.start;
          const trailing = sp.text.startsWith('#') ? text.slice(at, sp.end).length - text.slice(at, sp.end).trimEnd().length : 0;
          emit(sp.text, at, sp.end - trailing, shapeOfSpecial(sp.text));
        }
        scanner.resetTokenState(sp.end);
        prevEnd = Math.max(prevEnd, sp.end);
        k++;
        continue;
      }
      const tokenText = scanner.getTokenText();
      if (kind === ts.SyntaxKind.Identifier) names.add(tokenText);
      emit(tokenText, start, scanner.getTokenEnd(), shapeOf(ts, kind, tokenText, tags.has(start)));
      prevEnd = scanner.getTokenEnd();
    }
    if (hashes.length === 0 || vendored) return EMPTY;
    const unitRanges = unitTokenRanges(units, starts);
    // only units are compared by their abstracted streams: a file without any needs no marks
    const memberBits = unitRanges.ranges.length ? encodeBits(members) : undefined;
    const elidedBits = unitRanges.ranges.length ? encodeBits(elided) : undefined;
    return {
      tokens: encodeHashes(hashes),
      count: hashes.length,
      lines,
      ...(deliberate.length ? { deliberate } : {}),
      shape: encodeHashes(shape),
      ...(unitRanges.ranges.length ? { units: unitRanges.ranges, unitNames: unitRanges.names, names: [...names] } : {}),
      ...(memberBits ? { members: memberBits } : {}),
      ...(elidedBits ? { elided: elidedBits } : {}),
    };
  },
});
