/**
 * A small static reader of JavaScript/TypeScript config files (tailwind.config.*): it reads object and
 * array literals, strings, numbers, top-level `const` bindings, member access into them, spreads,
 * `module.exports =`, `export default`, `satisfies`/`as`, and calls whose first argument is the config
 * (`defineConfig({...})`). It never executes anything; whatever it does not understand is UNKNOWN and
 * is skipped by the caller.
 */

export const UNKNOWN: unique symbol = Symbol('unknown');
/**
 * Objects that spread a value the reader could not evaluate (`{ ...coreConfig, content: [...] }` with `coreConfig`
 * imported): their other keys may come from it, so a key missing from them is unknown, not absent.
 */
export const UNREAD_SPREAD = new WeakMap<object, Array<string | null>>();

/** Records an unread spread in an object: the identifier spread (`...coreTheme`), or null for anything else. */
function markUnread(out: object, name: string | null, from?: object): void {
  const list = UNREAD_SPREAD.get(out) ?? [];
  list.push(...(from ? (UNREAD_SPREAD.get(from) ?? []) : [name]));
  UNREAD_SPREAD.set(out, list);
}
export type StaticValue = string | number | boolean | null | typeof UNKNOWN | StaticValue[] | { [key: string]: StaticValue };

interface Tok {
  kind: 'id' | 'str' | 'num' | 'punc' | 'tpl';
  text: string;
  /** strings: the decoded value; tpl: null when it has substitutions */
  value?: string | null;
}

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const e = src.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let v = '';
      while (j < n && src[j] !== c && src[j] !== '\n') {
        if (src[j] === '\\') {
          v += src[j + 1] ?? '';
          j += 2;
        } else v += src[j++];
      }
      toks.push({ kind: 'str', text: src.slice(i, j + 1), value: v });
      i = j + 1;
      continue;
    }
    if (c === '`') {
      let j = i + 1;
      let v = '';
      let subst = false;
      while (j < n && src[j] !== '`') {
        if (src[j] === '\\') {
          v += src[j + 1] ?? '';
          j += 2;
          continue;
        }
        if (src[j] === '$' && src[j + 1] === '{') {
          subst = true;
          let depth = 0;
          for (; j < n; j++) {
            if (src[j] === '{') depth++;
            else if (src[j] === '}' && --depth === 0) break;
          }
          j++;
          continue;
        }
        v += src[j++];
      }
      toks.push({ kind: 'tpl', text: src.slice(i, j + 1), value: subst ? null : v });
      i = j + 1;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(0[xX][0-9a-fA-F_]+|(\d[\d_]*\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(src.slice(i, i + 40))!;
      toks.push({ kind: 'num', text: m[0] });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w$]/.test(src[j]!)) j++;
      toks.push({ kind: 'id', text: src.slice(i, j) });
      i = j;
      continue;
    }
    const three = src.slice(i, i + 3);
    const two = src.slice(i, i + 2);
    const p =
      three === '...' || three === '===' || three === '!=='
        ? three
        : ['=>', '?.', '??', '==', '!=', '<=', '>=', '&&', '||'].includes(two)
          ? two
          : c;
    toks.push({ kind: 'punc', text: p });
    i += p.length;
  }
  return toks;
}

class Reader {
  private pos = 0;
  readonly bindings = new Map<string, number>();
  private readonly cache = new Map<string, StaticValue>();
  private readonly resolving = new Set<string>();
  constructor(private readonly toks: Tok[]) {}

  private peek(o = 0): Tok | undefined {
    return this.toks[this.pos + o];
  }
  private is(text: string, o = 0): boolean {
    const t = this.peek(o);
    return !!t && t.text === text && t.kind !== 'str';
  }

  /** Skips one balanced expression (up to , ; ) ] } at depth 0), returning UNKNOWN. */
  private skipExpression(): typeof UNKNOWN {
    let depth = 0;
    while (this.pos < this.toks.length) {
      const t = this.peek()!;
      if (t.kind === 'punc') {
        if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
        else if (t.text === ')' || t.text === ']' || t.text === '}') {
          if (depth === 0) break;
          depth--;
        } else if ((t.text === ',' || t.text === ';') && depth === 0) break;
      }
      this.pos++;
    }
    return UNKNOWN;
  }

  /** Skips a type annotation after `:` or `as`/`satisfies` (up to `=` , ; ) } at depth 0). */
  private skipType(): void {
    let depth = 0;
    while (this.pos < this.toks.length) {
      const t = this.peek()!;
      if (t.kind === 'punc') {
        if (['(', '[', '{', '<'].includes(t.text)) depth++;
        else if ([')', ']', '}', '>'].includes(t.text)) {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0 && ['=', ',', ';'].includes(t.text)) break;
      }
      this.pos++;
    }
  }

  /** Records the top-level `const x = ...`, `module.exports =` and `export default` positions. */
  scanTopLevel(): number | undefined {
    let depth = 0;
    let exported: number | undefined;
    for (this.pos = 0; this.pos < this.toks.length; this.pos++) {
      const t = this.peek()!;
      if (t.kind === 'punc') {
        if (['(', '[', '{'].includes(t.text)) depth++;
        else if ([')', ']', '}'].includes(t.text)) depth--;
        continue;
      }
      if (depth !== 0 || t.kind !== 'id') continue;
      if ((t.text === 'const' || t.text === 'let' || t.text === 'var') && this.peek(1)?.kind === 'id') {
        const name = this.peek(1)!.text;
        let k = this.pos + 2;
        if (this.toks[k]?.text === ':') {
          this.pos = k + 1;
          this.skipType();
          k = this.pos;
        }
        if (this.toks[k]?.text === '=') this.bindings.set(name, k + 1);
        this.pos = k;
      } else if (t.text === 'module' && this.is('.', 1) && this.peek(2)?.text === 'exports' && this.is('=', 3)) {
        exported = this.pos + 4;
      } else if (t.text === 'export' && this.peek(1)?.text === 'default') {
        exported = this.pos + 2;
      }
    }
    return exported;
  }

  valueAt(pos: number): StaticValue {
    this.pos = pos;
    return this.expression();
  }

  binding(name: string): StaticValue {
    if (this.cache.has(name)) return this.cache.get(name)!;
    const pos = this.bindings.get(name);
    if (pos === undefined || this.resolving.has(name)) return UNKNOWN;
    this.resolving.add(name);
    const saved = this.pos;
    const v = this.valueAt(pos);
    this.pos = saved;
    this.resolving.delete(name);
    this.cache.set(name, v);
    return v;
  }

  private expression(): StaticValue {
    let v = this.primary();
    for (;;) {
      if (this.is('satisfies') || this.is('as')) {
        this.pos++;
        this.skipType();
        continue;
      }
      if (this.is('.') || this.is('?.')) {
        this.pos++;
        const name = this.peek();
        if (name?.kind !== 'id') return this.skipExpression();
        this.pos++;
        v = member(v, name.text);
        continue;
      }
      if (this.is('[')) {
        this.pos++;
        const key = this.expression();
        if (!this.is(']')) return this.skipExpression();
        this.pos++;
        v = typeof key === 'string' || typeof key === 'number' ? member(v, String(key)) : UNKNOWN;
        continue;
      }
      if (this.is('!')) {
        this.pos++;
        continue;
      } // non-null assertion
      break;
    }
    const t = this.peek();
    if (t && t.kind === 'punc' && ![',', ';', ')', ']', '}', ':'].includes(t.text)) return this.skipExpression();
    return v;
  }

  private primary(): StaticValue {
    const t = this.peek();
    if (!t) return UNKNOWN;
    if (t.kind === 'str') {
      this.pos++;
      return t.value ?? '';
    }
    if (t.kind === 'tpl') {
      this.pos++;
      return t.value ?? UNKNOWN;
    }
    if (t.kind === 'num') {
      this.pos++;
      return Number(t.text.replace(/_/g, ''));
    }
    if (t.text === '-' && this.peek(1)?.kind === 'num') {
      this.pos += 2;
      return -Number(this.toks[this.pos - 1]!.text);
    }
    if (t.text === '{') return this.object();
    if (t.text === '[') return this.array();
    if (t.text === '(') {
      // a parenthesised expression, or an arrow function's parameters
      const save = this.pos;
      this.pos++;
      const v = this.expression();
      if (this.is(')') && !this.is('=>', 1)) {
        this.pos++;
        return v;
      }
      this.pos = save;
      return this.skipExpression();
    }
    if (t.kind === 'id') {
      if (t.text === 'true' || t.text === 'false') {
        this.pos++;
        return t.text === 'true';
      }
      if (t.text === 'null' || t.text === 'undefined') {
        this.pos++;
        return null;
      }
      if (
        this.is('=>', 1) ||
        t.text === 'function' ||
        t.text === 'async' ||
        t.text === 'new' ||
        t.text === 'require' ||
        t.text === 'import'
      )
        return this.skipExpression();
      this.pos++;
      if (this.is('(')) {
        // f({...}): a config helper; its first argument is the config
        this.pos++;
        const first = this.is(')') ? UNKNOWN : this.expression();
        let depth = 0;
        while (this.pos < this.toks.length) {
          const p = this.peek()!;
          if (p.kind === 'punc' && ['(', '[', '{'].includes(p.text)) depth++;
          else if (p.kind === 'punc' && [')', ']', '}'].includes(p.text)) {
            if (depth === 0) break;
            depth--;
          }
          this.pos++;
        }
        if (this.is(')')) this.pos++;
        return first;
      }
      return this.binding(t.text);
    }
    return this.skipExpression();
  }

  private object(): StaticValue {
    this.pos++; // {
    const out: Record<string, StaticValue> = {};
    while (this.pos < this.toks.length && !this.is('}')) {
      const start = this.pos;
      const t = this.peek()!;
      if (t.text === '...' && t.kind === 'punc') {
        this.pos++;
        const first = this.peek();
        const from = this.pos;
        const spread = this.expression();
        if (isRecord(spread)) Object.assign(out, spread);
        if (!isRecord(spread)) markUnread(out, first?.kind === 'id' && this.pos === from + 1 ? first.text : null);
        else if (UNREAD_SPREAD.has(spread)) markUnread(out, null, spread);
      } else {
        let key: string | undefined;
        if (t.kind === 'str' || t.kind === 'tpl') key = t.value ?? undefined;
        else if (t.kind === 'id' || t.kind === 'num') key = t.kind === 'num' ? String(Number(t.text)) : t.text;
        else if (t.text === '[') {
          this.pos++;
          const k = this.expression();
          key = typeof k === 'string' || typeof k === 'number' ? String(k) : undefined;
          if (!this.is(']')) {
            this.skipExpression();
            key = undefined;
          }
        }
        this.pos++;
        if (this.is(':')) {
          this.pos++;
          const v = this.expression();
          if (key !== undefined) out[key] = v;
        } else if (this.is('(')) {
          // a method: skip parameters and body
          this.skipExpression();
          if (key !== undefined) out[key] = UNKNOWN;
        } else if (key !== undefined && t.kind === 'id') {
          out[key] = this.binding(key); // shorthand
        }
      }
      if (this.is(',')) this.pos++;
      else if (!this.is('}')) {
        this.skipExpression();
        if (this.is(',')) this.pos++;
      }
      if (this.pos === start) this.pos++; // malformed input: always make progress
    }
    this.pos++; // }
    return out;
  }

  private array(): StaticValue {
    this.pos++; // [
    const out: StaticValue[] = [];
    while (this.pos < this.toks.length && !this.is(']')) {
      const start = this.pos;
      if (this.is('...')) {
        this.pos++;
        const spread = this.expression();
        if (Array.isArray(spread)) out.push(...spread);
      } else out.push(this.expression());
      if (this.is(',')) this.pos++;
      else if (!this.is(']')) {
        this.skipExpression();
        if (this.is(',')) this.pos++;
      }
      if (this.pos === start) this.pos++; // malformed input: always make progress
    }
    this.pos++; // ]
    return out;
  }
}

export function isRecord(v: StaticValue | undefined): v is { [key: string]: StaticValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function member(v: StaticValue, name: string): StaticValue {
  if (isRecord(v) && Object.prototype.hasOwnProperty.call(v, name)) return v[name]!;
  if (Array.isArray(v) && /^\d+$/.test(name)) return v[Number(name)] ?? UNKNOWN;
  return UNKNOWN;
}

/**
 * The value a config module exports (`module.exports = ...` or `export default ...`), read statically.
 * UNKNOWN when there is none it can read.
 */
export function readStaticExport(source: string): StaticValue {
  const reader = new Reader(tokenize(source));
  const pos = reader.scanTopLevel();
  if (pos === undefined) return UNKNOWN;
  return reader.valueAt(pos);
}
