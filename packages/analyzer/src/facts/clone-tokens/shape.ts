import type * as TS from 'typescript';
import type { TypeScript } from '@plumbline/core';
import { hash32 } from '../components.js';

/**
 * The abstracted token stream of renamed and near-miss copies (type-2 and type-3 clones): every
 * identifier becomes `$id` and every literal `$str`, `$num` or `$tpl`, while keywords, punctuation,
 * operators and the tag names of intrinsic JSX elements (`div`, `button`) stay. One shape token per
 * token of the exact stream, so both share the line table.
 */
export const SHAPE = {
  id: hash32('$id'),
  str: hash32('$str'),
  num: hash32('$num'),
  tpl: hash32('$tpl'),
  text: hash32('$text'),
  svg: hash32('$svg'),
} as const;

/** A function, method or component of at least this many lines is a unit compared whole with the others. */
export const UNIT_MIN_LINES = 10;

/** A named function-like unit as a character range; its name is the declaration's or the variable's. */
export interface UnitRange {
  name: string;
  start: number;
  end: number;
}

/** The name a function-like node is known by: its own, its variable's, its property's or its wrapper call's variable. */
function unitName(ts: TypeScript, n: TS.Node): string | null {
  const named = n as TS.FunctionDeclaration | TS.MethodDeclaration;
  if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isGetAccessor(n) || ts.isSetAccessor(n)) && named.name)
    return ts.isIdentifier(named.name) || ts.isPrivateIdentifier(named.name) ? named.name.text : null;
  if (!ts.isArrowFunction(n) && !ts.isFunctionExpression(n)) return null;
  let p = n.parent;
  // `const Button = forwardRef(function (props, ref) {...})`, `memo(...)`, `useCallback(...)`
  if (p && ts.isCallExpression(p) && p.arguments[0] === n) p = p.parent;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && ts.isIdentifier(p.name))
    return p.name.text;
  return null;
}

/** Whether an identifier names a member (see Marks): a property, a key, a JSX attribute, a type's member, a qualified name's right side. */
function isMemberName(ts: TypeScript, id: TS.Identifier): boolean {
  const p = id.parent;
  return (
    (ts.isPropertyAccessExpression(p) && p.name === id) ||
    (ts.isQualifiedName(p) && p.right === id) ||
    ((ts.isPropertyAssignment(p) ||
      ts.isShorthandPropertyAssignment(p) ||
      ts.isPropertySignature(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isMethodSignature(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isEnumMember(p)) &&
      p.name === id) ||
    // `{ email: to }` and the shorthand `{ email }` of a destructuring read the field `email`
    (ts.isBindingElement(p) && ts.isObjectBindingPattern(p.parent) && (p.propertyName ?? p.name) === id) ||
    (ts.isJsxAttribute(p) && p.name === id)
  );
}

/**
 * What renamed-copy matching reads of a token beyond its shape, by the token's start: `members`, identifiers
 * that name a member (`.email`, the key of `{ email: x }` or `{ email }`, a JSX attribute, a property of a type),
 * compared by their text: a renamed copy renames its own bindings and keeps the fields and APIs it uses, as it
 * must to do the same thing; and `elided`, the `: value` of a key bound to a plain name (`{ total: sum }`,
 * `const { total: sum } = x`), left out: a copy that renames `total` must spell the shorthand `{ total }` so.
 */
export interface Marks {
  members: Set<number>;
  elided: Set<number>;
}

/** Named function-like units of at least UNIT_MIN_LINES lines, the start of every intrinsic JSX tag name, and the marks (see Marks). */
export function collectUnits(ts: TypeScript, sf: TS.SourceFile): { units: UnitRange[]; tags: Set<number>; marks: Marks } {
  const units: UnitRange[] = [];
  const tags = new Set<number>();
  const marks: Marks = { members: new Set(), elided: new Set() };
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line;
  const elide = (key: TS.Node, value: TS.Node) => {
    const colon = sf.text.indexOf(':', key.end);
    if (colon < 0 || colon >= value.getStart(sf)) return;
    marks.elided.add(colon);
    marks.elided.add(value.getStart(sf));
  };
  const visit = (n: TS.Node): void => {
    if (ts.isIdentifier(n)) {
      if (isMemberName(ts, n)) marks.members.add(n.getStart(sf));
    } else if (ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n) || ts.isJsxClosingElement(n)) {
      if (ts.isIdentifier(n.tagName) && /^[a-z]/.test(n.tagName.text)) tags.add(n.tagName.getStart(sf));
    } else if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && ts.isIdentifier(n.initializer)) {
      elide(n.name, n.initializer);
    } else if (ts.isBindingElement(n) && n.propertyName && ts.isIdentifier(n.propertyName) && ts.isIdentifier(n.name)) {
      elide(n.propertyName, n.name);
    } else if (ts.isFunctionLike(n) && (n as TS.FunctionLikeDeclarationBase).body) {
      const name = unitName(ts, n);
      // `export function f` and `function f` are one unit: the unit starts after `export` and `default`
      const mods = ts.canHaveModifiers(n) ? (ts.getModifiers(n) ?? []) : [];
      const exported = mods.filter((m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword);
      const start = exported.length ? exported[exported.length - 1]!.end : n.getStart(sf);
      if (name && lineOf(n.end) - lineOf(start) + 1 >= UNIT_MIN_LINES) units.push({ name, start, end: n.end });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { units, tags, marks };
}

/** base64 of a bitset with one bit per token (bit i of byte i >> 3), or undefined when no bit is set. */
export function encodeBits(bits: readonly boolean[]): string | undefined {
  if (!bits.some(Boolean)) return undefined;
  const buf = Buffer.alloc((bits.length + 7) >> 3);
  bits.forEach((b, i) => {
    if (b) buf[i >> 3] = buf[i >> 3]! | (1 << (i & 7));
  });
  return buf.toString('base64');
}

/** Decodes a bitset of encodeBits into one byte per token (1: set); all zero when absent. */
export function decodeBits(encoded: string | undefined, count: number): Uint8Array {
  const out = new Uint8Array(count);
  if (!encoded) return out;
  const buf = Buffer.from(encoded, 'base64');
  for (let i = 0; i < count; i++) out[i] = (buf[i >> 3]! >> (i & 7)) & 1;
  return out;
}

/** The shape of one scanned token. */
export function shapeOf(ts: TypeScript, kind: TS.SyntaxKind, text: string, isTag: boolean): number {
  switch (kind) {
    case ts.SyntaxKind.Identifier:
    case ts.SyntaxKind.PrivateIdentifier:
      return isTag ? hash32(text) : SHAPE.id;
    case ts.SyntaxKind.StringLiteral:
      return SHAPE.str;
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
      return SHAPE.num;
    default:
      return hash32(text);
  }
}

/** The shape of a special range's single token (JSX text, an inline SVG drawing, a template or a regex). */
export function shapeOfSpecial(text: string): number {
  return text.startsWith('#') ? SHAPE.text : text.startsWith('<svg>') ? SHAPE.svg : SHAPE.tpl;
}

/** base64 of a little-endian Uint32Array */
export function encodeHashes(hashes: readonly number[]): string {
  const buf = Buffer.alloc(hashes.length * 4);
  for (let i = 0; i < hashes.length; i++) buf.writeUInt32LE(hashes[i]!, i * 4);
  return buf.toString('base64');
}

/** Token index ranges of the units: the first token at or after the unit's start up to the first at or after its end. */
export function unitTokenRanges(units: readonly UnitRange[], starts: readonly number[]): { names: string[]; ranges: number[] } {
  const firstAtOrAfter = (pos: number) => {
    let lo = 0,
      hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const names: string[] = [];
  const ranges: number[] = [];
  for (const u of units) {
    const s = firstAtOrAfter(u.start);
    const e = firstAtOrAfter(u.end);
    if (e > s) {
      names.push(u.name);
      ranges.push(s, e);
    }
  }
  return { names, ranges };
}
