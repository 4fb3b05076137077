/**
 * Design tokens kept in TypeScript: styled-components / emotion themes (the `DefaultTheme` or `Theme`
 * interface a `.d.ts` augments, objects typed with it or with an interface it extends, functions that
 * return it, an exported `theme` object) and exported colour palettes in a `colors.ts` / `palette.ts` /
 * `theme.ts` module. Each colour leaf becomes a token whose `js` is the expression code writes to read
 * it: `theme.colors.primary` for a theme, `palette.primary` for a module's constant. Read statically
 * with TypeScript's parser, never executed; anything it cannot read is skipped.
 */
import type * as TS from 'typescript';
import type { TypeScript } from '../check.js';
import { parseColor } from '../color.js';
import { isRecord, UNKNOWN } from './static-js.js';
import type { StaticValue } from './static-js.js';
import type { DesignToken } from './types.js';

/** Script files that hold themes or palettes by their name. */
export const THEME_SCRIPT = /^(theme|themes|colors|colours|palette|palettes)\.(ts|tsx|js|jsx|mjs|cjs)$/i;
/** Script files inside a `theme/` or `themes/` folder are read too (`theme/index.ts`, `themes/light.ts`). */
export const THEME_DIR = /(^|\/)(theme|themes)\/[^/]+\.(ts|tsx|js|jsx|mjs|cjs)$/i;
/** A declaration file that augments a CSS-in-JS library's theme type. */
const THEME_AUGMENTATION = /declare\s+module\s+['"](styled-components|@emotion\/react|@emotion\/styled)['"]/;
/** Themes that are not the default one: a dark theme's values are its tokens' dark values; the others are skipped. */
const DARK_THEME = /dark|night/i;
const OTHER_THEME = /contrast|dimmed|pitchblack|colorblind/i;
/** A palette needs this many colours to be one (a pair of constants is no palette). */
const MIN_PALETTE_COLORS = 3;
const MAX_DEPTH = 6;

export function isThemeScript(path: string): boolean {
  if (/\.d\.[mc]?ts$/.test(path) || /\.(test|spec|stories)\.[jt]sx?$/.test(path)) return false;
  return THEME_SCRIPT.test(path.split('/').pop() ?? '') || THEME_DIR.test(path);
}

/** Whether a declaration file's text augments a theme type (checked before parsing it). */
export function augmentsTheme(text: string): boolean {
  return THEME_AUGMENTATION.test(text);
}

/**
 * Theme types of an augmentation: type name -> the member path after `theme` that reads it. `DefaultTheme`
 * (styled-components) and `Theme` (emotion) are the theme (''), an interface they extend is too, and the
 * type of a property is read through it (`colors: Colors` -> `Colors` is `.colors`).
 */
export function themeTypesOf(ts: TypeScript, text: string, file: string, into = new Map<string, string>()): Map<string, string> {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const interfaces = new Map<string, TS.InterfaceDeclaration>();
  const visit = (n: TS.Node): void => {
    if (ts.isInterfaceDeclaration(n)) interfaces.set(n.name.text, n);
    else if (ts.isModuleDeclaration(n) || ts.isModuleBlock(n) || ts.isSourceFile(n)) ts.forEachChild(n, visit);
  };
  visit(sf);
  const queue: Array<[string, string]> = [];
  for (const root of ['DefaultTheme', 'Theme']) if (interfaces.has(root)) queue.push([root, '']);
  for (let i = 0; i < queue.length && i < 64; i++) {
    const [name, prefix] = queue[i]!;
    if (into.has(name)) continue;
    into.set(name, prefix);
    const decl = interfaces.get(name);
    if (!decl) continue;
    for (const h of decl.heritageClauses ?? [])
      for (const t of h.types) if (ts.isIdentifier(t.expression)) queue.push([t.expression.text, prefix]);
    for (const m of decl.members) {
      if (!ts.isPropertySignature(m) || !m.type || !ts.isTypeReferenceNode(m.type) || !ts.isIdentifier(m.type.typeName)) continue;
      const key = ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : undefined;
      if (key && /^[A-Za-z_$][\w$]*$/.test(key) && interfaces.has(m.type.typeName.text))
        queue.push([m.type.typeName.text, `${prefix}.${key}`]);
    }
  }
  return into;
}

interface Binding {
  /** the initializer, or the expression a function returns */
  expr: TS.Expression;
  /** the type it is declared with (annotation, `as`, `satisfies`, a function's return type) */
  type?: string;
  exported: boolean;
  /** the expression is what a function returns (then `locals` are its local constants) */
  fn?: boolean;
  locals?: Map<string, TS.Expression>;
}

function typeName(ts: TypeScript, t: TS.TypeNode | undefined): string | undefined {
  return t && ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) ? t.typeName.text : undefined;
}

function unwrap(ts: TypeScript, e: TS.Expression): { expr: TS.Expression; type?: string } {
  let type: string | undefined;
  for (let i = 0; i < 8; i++) {
    if (ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) {
      type ??= typeName(ts, e.type);
      e = e.expression;
    } else if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    else break;
  }
  return type ? { expr: e, type } : { expr: e };
}

/** The object a function returns: an arrow's expression body, or the last top-level `return` of its block. */
function returned(ts: TypeScript, fn: TS.ArrowFunction | TS.FunctionDeclaration | TS.FunctionExpression): Omit<Binding, 'exported'> | null {
  const type = typeName(ts, fn.type);
  if (!fn.body) return null;
  if (!ts.isBlock(fn.body)) return { expr: fn.body, fn: true, ...(type ? { type } : {}) };
  const locals = new Map<string, TS.Expression>();
  let expr: TS.Expression | undefined;
  for (const s of fn.body.statements) {
    if (ts.isVariableStatement(s))
      for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) locals.set(d.name.text, d.initializer);
    if (ts.isReturnStatement(s) && s.expression) expr = s.expression;
  }
  return expr ? { expr, fn: true, locals, ...(type ? { type } : {}) } : null;
}

function topLevel(ts: TypeScript, sf: TS.SourceFile): Map<string, Binding> {
  const out = new Map<string, Binding>();
  const exportedNames = new Set<string>();
  const isExported = (n: TS.Node) => !!(ts.canHaveModifiers(n) && ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword));
  for (const s of sf.statements) {
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer) continue;
        const init = unwrap(ts, d.initializer);
        const fn = ts.isArrowFunction(init.expr) || ts.isFunctionExpression(init.expr) ? returned(ts, init.expr) : null;
        const type = typeName(ts, d.type) ?? init.type;
        if (fn) out.set(d.name.text, { ...fn, exported: isExported(s) });
        else out.set(d.name.text, { expr: init.expr, ...(type ? { type } : {}), exported: isExported(s) });
      }
    } else if (ts.isFunctionDeclaration(s) && s.name) {
      const fn = returned(ts, s);
      if (fn) out.set(s.name.text, { ...fn, exported: isExported(s) });
    } else if (ts.isExportAssignment(s)) {
      const e = unwrap(ts, s.expression);
      if (ts.isIdentifier(e.expr)) {
        exportedNames.add(e.expr.text);
        const b = out.get(e.expr.text);
        if (b && e.type && !b.type) b.type = e.type;
      }
    } else if (ts.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause && ts.isNamedExports(s.exportClause)) {
      for (const el of s.exportClause.elements) exportedNames.add((el.propertyName ?? el.name).text);
    }
  }
  for (const n of exportedNames) {
    const b = out.get(n);
    if (b) b.exported = true;
  }
  return out;
}

class Evaluator {
  constructor(
    private readonly ts: TypeScript,
    private readonly top: Map<string, Binding>,
  ) {}

  value(e: TS.Expression, locals: Map<string, TS.Expression> | undefined, depth: number): StaticValue {
    const ts = this.ts;
    if (depth > MAX_DEPTH * 4) return UNKNOWN;
    e = unwrap(ts, e).expr;
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
    if (ts.isNumericLiteral(e)) return Number(e.text);
    if (ts.isObjectLiteralExpression(e)) return this.object(e, locals, depth);
    if (ts.isIdentifier(e)) return this.name(e.text, locals, depth);
    if (ts.isPropertyAccessExpression(e)) {
      const base = this.value(e.expression, locals, depth + 1);
      return isRecord(base) && Object.prototype.hasOwnProperty.call(base, e.name.text) ? base[e.name.text]! : UNKNOWN;
    }
    if (ts.isCallExpression(e)) {
      // a function of this module returns an object; any other helper (`createTheme({...})`) has it as its first argument
      if (ts.isIdentifier(e.expression)) {
        const fn = this.top.get(e.expression.text);
        if (fn?.fn) return this.value(fn.expr, fn.locals, depth + 1);
      }
      const first = e.arguments[0];
      return first && ts.isObjectLiteralExpression(unwrap(ts, first).expr) ? this.value(first, locals, depth + 1) : UNKNOWN;
    }
    return UNKNOWN;
  }

  private name(n: string, locals: Map<string, TS.Expression> | undefined, depth: number): StaticValue {
    const local = locals?.get(n);
    if (local) return this.value(local, new Map([...locals!].filter(([k]) => k !== n)), depth + 1);
    const b = this.top.get(n);
    return b && !b.fn ? this.value(b.expr, undefined, depth + 1) : UNKNOWN;
  }

  private object(o: TS.ObjectLiteralExpression, locals: Map<string, TS.Expression> | undefined, depth: number): StaticValue {
    const ts = this.ts;
    const out: Record<string, StaticValue> = {};
    for (const p of o.properties) {
      if (ts.isSpreadAssignment(p)) {
        const v = this.value(p.expression, locals, depth + 1);
        if (isRecord(v)) Object.assign(out, v);
        continue;
      }
      const key =
        p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name)) ? p.name.text : undefined;
      if (key === undefined) continue;
      if (ts.isPropertyAssignment(p)) out[key] = this.value(p.initializer, locals, depth + 1);
      else if (ts.isShorthandPropertyAssignment(p)) out[key] = this.name(key, locals, depth + 1);
    }
    return out;
  }
}

/** A colour a theme names: a literal colour value, not a keyword (`transparent`, `inherit`, `currentColor`). */
function themeColor(v: StaticValue): string | null {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  if (!/^(#|(rgba?|hsla?|oklch|oklab|lab|lch|hwb)\()/i.test(t)) return null;
  return parseColor(t) ? t : null;
}

/** Data colours (chart series, trace spans, graph lines): they tell data apart, they are no interface's colours. */
const DATA_COLORS = /chart|series|graph|trace|plot|viz|dataset/i;

function leaves(v: StaticValue, path: string[], out: Array<{ path: string[]; value: string }>, depth = 0): void {
  if (depth > MAX_DEPTH || !isRecord(v)) return;
  for (const [k, x] of Object.entries(v)) {
    if (DATA_COLORS.test(k)) continue;
    const c = themeColor(x);
    if (c) out.push({ path: [...path, k], value: c });
    else leaves(x, [...path, k], out, depth + 1);
  }
}

/** `theme` + [`colors`, `accent-hover`] -> `theme.colors["accent-hover"]`. */
function access(prefix: string, path: string[]): string {
  return prefix + path.map((s) => (/^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('');
}

/**
 * The colour tokens of one theme or palette module. `themeTypes` maps the augmented theme types to their
 * member path after `theme` (see themeTypesOf).
 */
export function tsThemeTokens(ts: TypeScript, text: string, file: string, themeTypes: ReadonlyMap<string, string>): DesignToken[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, /x$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const top = topLevel(ts, sf);
  const evaluator = new Evaluator(ts, top);
  const palette = THEME_SCRIPT.test(file.split('/').pop() ?? '');
  const byAccess = new Map<string, DesignToken>();
  for (const [name, b] of top) {
    if (OTHER_THEME.test(name) || DATA_COLORS.test(name)) continue;
    let prefix: string | undefined;
    let kind: 'theme' | 'module' = 'theme';
    if (b.type !== undefined && themeTypes.has(b.type)) prefix = `theme${themeTypes.get(b.type)}`;
    else if (b.exported && /theme$/i.test(name) && !b.fn) prefix = 'theme';
    else if (b.exported && palette && !b.fn) {
      prefix = name;
      kind = 'module';
    }
    if (prefix === undefined) continue;
    const found: Array<{ path: string[]; value: string }> = [];
    leaves(evaluator.value(b.expr, b.locals, 0), [], found);
    if (found.length < MIN_PALETTE_COLORS) continue;
    for (const f of found) {
      const js = access(prefix, f.path);
      const dark = DARK_THEME.test(name);
      if (byAccess.has(`${js}\0${dark}`)) continue;
      byAccess.set(`${js}\0${dark}`, {
        path: [...prefix.split('.'), ...f.path].join('.'),
        value: f.value,
        family: 'color',
        file,
        js,
        ...(dark ? { mode: 'dark' } : {}),
        ...(kind === 'module' ? { jsModule: file } : {}),
      });
    }
  }
  // a dark theme built from the default one repeats most of its values: only the ones it changes are its own
  return [...byAccess.values()].filter((t) => !t.mode || byAccess.get(`${t.js}\0false`)?.value !== t.value);
}

/** Declaration files read for a theme augmentation at most (a repository's `types/` folders can be large). */
const MAX_TYPINGS = 400;
const MAX_SCRIPT_BYTES = 512 * 1024;

/**
 * The tokens of a project's TypeScript themes and palettes. `files` are theme scripts and declaration
 * files (`.d.ts`: read for a theme augmentation only); `read` returns a file's text or null. The theme
 * types found in any declaration file (or in a theme script itself) apply to every script.
 */
export function loadTsThemes(
  ts: TypeScript,
  files: readonly string[],
  read: (file: string) => string | null,
): { tokens: DesignToken[]; files: string[] } {
  const themeTypes = new Map<string, string>();
  const scripts: Array<{ file: string; text: string }> = [];
  let typings = 0;
  for (const file of files) {
    const typing = /\.d\.[mc]?ts$/.test(file);
    if (typing && ++typings > MAX_TYPINGS) continue;
    const text = read(file);
    if (text === null || text.length > MAX_SCRIPT_BYTES) continue;
    if (augmentsTheme(text)) themeTypesOf(ts, text, file, themeTypes);
    if (!typing) scripts.push({ file, text });
  }
  const tokens: DesignToken[] = [];
  const used: string[] = [];
  for (const s of scripts) {
    const found = tsThemeTokens(ts, s.text, s.file, themeTypes);
    if (!found.length) continue;
    tokens.push(...found);
    used.push(s.file);
  }
  return { tokens, files: used };
}
