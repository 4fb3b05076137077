/**
 * W3C Design Tokens (DTCG) and Style Dictionary JSON. DTCG: tokens have `$value`, groups pass `$type` down,
 * aliases are `{group.token}`, dimensions may be `{ value, unit }` objects and colors `{ colorSpace,
 * components, hex }` objects. Style Dictionary: tokens have `value`, nested by category/type/item, and
 * refer with `{a.b}` or `{a.b.value}`. Alias cycles and missing references become errors naming the
 * token; the other tokens still load.
 */
import { toHex } from '../color.js';
import { expandChannelTriplet, tokenFamily } from './family.js';
import type { DesignToken, LoadedTokens, TokenLoadError } from './types.js';

interface RawToken {
  path: string;
  value: unknown;
  type?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Deeper nesting than this is not a token file. */
const MAX_DEPTH = 30;

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function hasDollarValue(node: unknown, depth = 0): boolean {
  if (!isObject(node) || depth > MAX_DEPTH) return false;
  if ('$value' in node) return true;
  return Object.entries(node).some(([k, v]) => !k.startsWith('$') && hasDollarValue(v, depth + 1));
}

/** Collects the tokens of a parsed JSON document, with inherited DTCG `$type`s. */
function collect(doc: unknown, dtcg: boolean): RawToken[] {
  const out: RawToken[] = [];
  const walk = (node: unknown, path: string[], inheritedType: string | undefined, depth: number): void => {
    if (!isObject(node) || depth > MAX_DEPTH) return;
    const type = (dtcg ? node.$type : node.type) ?? inheritedType;
    const typeText = typeof type === 'string' ? type : undefined;
    if (dtcg ? '$value' in node : 'value' in node && path.length > 0) {
      out.push({ path: path.join('.'), value: dtcg ? node.$value : node.value, ...(typeText ? { type: typeText } : {}) });
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key.startsWith('$')) continue;
      if (!dtcg && (key === 'type' || key === 'comment' || key === 'attributes' || key === 'description')) continue;
      walk(child, [...path, key], typeText, depth + 1);
    }
  };
  walk(doc, [], undefined, 0);
  return out;
}

const REF_RE = /\{([^{}]+)\}/g;

/** Aliases followed at most from one token; real chains are a few links long. */
export const MAX_ALIAS_DEPTH = 64;

/** `{color.blue.500}` or `{color.blue.500.value}` -> `color.blue.500`. */
function refPath(inner: string, tokens: Map<string, RawToken>): string {
  const p = inner.trim();
  if (!tokens.has(p) && p.endsWith('.value') && tokens.has(p.slice(0, -6))) return p.slice(0, -6);
  if (!tokens.has(p) && p.endsWith('.$value') && tokens.has(p.slice(0, -7))) return p.slice(0, -7);
  return p;
}

function num(v: unknown): string | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v : undefined;
}

/** A DTCG color object as CSS. */
function colorObject(v: Record<string, Json>): string | undefined {
  if (typeof v.hex === 'string') return v.hex;
  const comps = Array.isArray(v.components) ? v.components : undefined;
  if (!comps || comps.length !== 3 || comps.some((c) => typeof c !== 'number')) return undefined;
  const [a, b, c] = comps as number[];
  const alpha = typeof v.alpha === 'number' ? v.alpha : 1;
  switch (v.colorSpace) {
    case 'srgb':
      return toHex({ r: a!, g: b!, b: c!, alpha });
    case 'hsl':
      return `hsl(${a} ${b}% ${c}%${alpha < 1 ? ` / ${alpha}` : ''})`;
    case 'oklch':
      return `oklch(${a} ${b} ${c}${alpha < 1 ? ` / ${alpha}` : ''})`;
    case 'oklab':
      return `oklab(${a} ${b} ${c}${alpha < 1 ? ` / ${alpha}` : ''})`;
    default:
      return undefined;
  }
}

export class TokenResolver {
  private readonly tokens: Map<string, RawToken>;
  private readonly resolved = new Map<string, string | null>();
  readonly errors: TokenLoadError[] = [];

  constructor(
    raw: RawToken[],
    private readonly file: string,
  ) {
    this.tokens = new Map(raw.map((t) => [t.path, t]));
  }

  /** The CSS text of a token's value, or null (and an error) when it cannot be resolved. */
  resolve(path: string, stack: string[] = []): string | null {
    if (this.resolved.has(path)) return this.resolved.get(path)!;
    if (stack.includes(path)) {
      this.fail(stack[0]!, `alias cycle: ${[...stack.slice(stack.indexOf(path)), path].join(' -> ')}`);
      return null;
    }
    const token = this.tokens.get(path);
    if (!token) return null;
    if (stack.length >= MAX_ALIAS_DEPTH) {
      // a chain this long is hostile or generated: stop before the call stack does (one error per file)
      if (!this.errors.some((e) => e.message.includes('alias chain deeper')))
        this.fail(stack[0]!, `alias chain deeper than ${MAX_ALIAS_DEPTH} references (${stack.slice(0, 3).join(' -> ')} -> …)`);
      return null;
    }
    const text = this.toText(token.value, [...stack, path], path);
    this.resolved.set(path, text);
    return text;
  }

  private fail(path: string, message: string): void {
    if (!this.errors.some((e) => e.message.startsWith(`token "${path}"`)))
      this.errors.push({ file: this.file, message: `token "${path}": ${message}` });
  }

  private substitute(value: string, stack: string[], owner: string): string | null {
    let failed = false;
    const out = value.replace(REF_RE, (_whole, inner: string) => {
      const target = refPath(inner, this.tokens);
      if (!this.tokens.has(target)) {
        this.fail(owner, `missing reference {${inner}}`);
        failed = true;
        return '';
      }
      const v = this.resolve(target, stack);
      if (v === null) {
        failed = true;
        return '';
      }
      return v;
    });
    return failed ? null : out;
  }

  private toText(value: unknown, stack: string[], owner: string): string | null {
    if (typeof value === 'string') return this.substitute(value, stack, owner);
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value)) {
      if (value.length === 4 && value.every((x) => typeof x === 'number')) return `cubic-bezier(${value.join(', ')})`;
      const parts = value.map((v) => this.toText(v, stack, owner));
      if (parts.some((p) => p === null)) return null;
      const isShadows = value.every((v) => isObject(v) && ('offsetX' in v || 'x' in v));
      return parts.join(isShadows ? ', ' : ', ');
    }
    if (isObject(value)) {
      if ('unit' in value && 'value' in value) {
        const n = this.toText(value.value, stack, owner);
        return n === null ? null : `${n}${typeof value.unit === 'string' ? value.unit : ''}`;
      }
      if ('colorSpace' in value || 'hex' in value) return colorObject(value) ?? null;
      if ('offsetX' in value || 'x' in value) {
        const parts = [value.offsetX ?? value.x, value.offsetY ?? value.y, value.blur, value.spread].map((p) =>
          p === undefined ? '0' : this.toText(p, stack, owner),
        );
        const color = value.color === undefined ? null : this.toText(value.color, stack, owner);
        if (parts.some((p) => p === null)) return null;
        const inset = value.inset === true ? 'inset ' : '';
        return `${inset}${parts.join(' ')}${color ? ` ${color}` : ''}`;
      }
      return null; // composites (typography, border, transition) are not single values
    }
    return num(value) ?? null;
  }

  /** The path a token aliases when its whole value is one reference. */
  aliasOf(path: string): string | undefined {
    const v = this.tokens.get(path)?.value;
    const m = typeof v === 'string' ? /^\s*\{([^{}]+)\}\s*$/.exec(v) : null;
    return m ? refPath(m[1]!, this.tokens) : undefined;
  }
}

/** Loads DTCG or Style Dictionary tokens from JSON text. */
export function loadJsonTokens(text: string, file: string): LoadedTokens {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { tokens: [], errors: [{ file, message: `not valid JSON (${(e as Error).message})` }] };
  }
  const dtcg = hasDollarValue(doc);
  const raw = collect(doc, dtcg);
  const resolver = new TokenResolver(raw, file);
  const tokens: DesignToken[] = [];
  for (const r of raw) {
    const value = resolver.resolve(r.path);
    if (value === null || value.trim() === '') continue;
    const v = expandChannelTriplet(value.trim());
    const aliasOf = resolver.aliasOf(r.path);
    tokens.push({
      path: r.path,
      value: v,
      family: tokenFamily(r.path, v, r.type),
      file,
      ...(r.type ? { type: r.type } : {}),
      ...(aliasOf ? { aliasOf } : {}),
    });
  }
  return { tokens, errors: resolver.errors };
}
