/**
 * CSS values as design values: which property family a declaration belongs to, and which atoms of its
 * value (colors, lengths, numbers, durations, easings, whole shadows) are hard-coded design decisions.
 * A small tokenizer of our own: positions matter (for ranges and fixes), and var()/env()/calc() and
 * preprocessor variables must be told apart from literals.
 */
import { COLOR_FUNCTIONS, isNamedColor, parseColor } from './color.js';
import type { Rgba } from './color.js';

/** What a CSS property controls, as far as design tokens are concerned. */
export type PropertyFamily =
  | 'color'
  | 'spacing'
  | 'inset'
  | 'sizing'
  | 'radius'
  | 'font-size'
  | 'line-height'
  | 'letter-spacing'
  | 'font-weight'
  | 'z-index'
  | 'shadow'
  | 'duration'
  | 'easing'
  | 'breakpoint';

/** The families a token can belong to: the property families, plus generic ones that match nothing alone. */
export type TokenFamily = PropertyFamily | 'dimension' | 'number' | 'font-family' | 'opacity' | 'other';

/** How a property's value is read: one family, or a shorthand mixing several. */
type PropertyReading = PropertyFamily | 'color-only' | 'motion';

const COLOR_PROPS = new Set([
  'color',
  'background-color',
  'border-color',
  'border-top-color',
  'border-right-color',
  'border-bottom-color',
  'border-left-color',
  'border-block-color',
  'border-inline-color',
  'border-block-start-color',
  'border-block-end-color',
  'border-inline-start-color',
  'border-inline-end-color',
  'outline-color',
  'fill',
  'stroke',
  'caret-color',
  'accent-color',
  'text-decoration-color',
  'column-rule-color',
  'stop-color',
  'flood-color',
  'lighting-color',
  'shadow-color',
  'tint-color',
  'overlay-color',
  'placeholder-text-color',
  'underline-color-android',
  'selection-color',
  'text-shadow-color',
  '-webkit-text-fill-color',
  '-webkit-text-stroke-color',
  'scrollbar-color',
  'text-emphasis-color',
  '-webkit-tap-highlight-color',
]);
const COLOR_SHORTHANDS = new Set([
  'background',
  'background-image',
  'border',
  'border-top',
  'border-right',
  'border-bottom',
  'border-left',
  'border-block',
  'border-inline',
  'border-block-start',
  'border-block-end',
  'border-inline-start',
  'border-inline-end',
  'outline',
  'column-rule',
  'text-decoration',
  '-webkit-text-stroke',
]);
const SPACING_PROPS =
  /^(margin|padding|scroll-margin|scroll-padding)(-(top|right|bottom|left|block|inline|block-start|block-end|inline-start|inline-end|horizontal|vertical|start|end))?$|^(gap|row-gap|column-gap|grid-gap|grid-row-gap|grid-column-gap)$/;
const INSET_PROPS =
  /^(top|right|bottom|left|start|end|inset|inset-block|inset-inline|inset-block-start|inset-block-end|inset-inline-start|inset-inline-end)$/;
const SIZING_PROPS =
  /^(width|height|min-width|min-height|max-width|max-height|flex-basis|block-size|inline-size|min-block-size|max-block-size|min-inline-size|max-inline-size)$/;
const RADIUS_PROPS =
  /^border(-(top|bottom|start|end)-(left|right|start|end))?-radius$|^border-(top|bottom|start|end)-(left|right|start|end)-radius$/;

/** `backgroundColor` -> `background-color`, `WebkitTransition` -> `-webkit-transition`, `--x` unchanged. */
export function cssPropertyName(name: string): string {
  if (name.startsWith('--')) return name;
  if (/^(Webkit|Moz|ms|O)[A-Z]/.test(name)) name = `-${name[0]!.toLowerCase()}${name.slice(1)}`;
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).toLowerCase();
}

function readingOf(property: string): PropertyReading | null {
  const p = property.toLowerCase();
  if (p.startsWith('--') || p.startsWith('$') || p.startsWith('@')) return null;
  if (COLOR_PROPS.has(p)) return 'color';
  if (COLOR_SHORTHANDS.has(p)) return 'color-only';
  if (SPACING_PROPS.test(p)) return 'spacing';
  if (INSET_PROPS.test(p)) return 'inset';
  if (SIZING_PROPS.test(p)) return 'sizing';
  if (RADIUS_PROPS.test(p)) return 'radius';
  switch (p) {
    case 'font-size':
      return 'font-size';
    case 'line-height':
      return 'line-height';
    case 'letter-spacing':
      return 'letter-spacing';
    case 'font-weight':
      return 'font-weight';
    case 'z-index':
      return 'z-index';
    case 'box-shadow':
    case 'text-shadow':
    case '-webkit-box-shadow':
      return 'shadow';
    case 'transition':
    case 'animation':
    case '-webkit-transition':
      return 'motion';
    case 'transition-duration':
    case 'animation-duration':
    case 'transition-delay':
    case 'animation-delay':
      return 'duration';
    case 'transition-timing-function':
    case 'animation-timing-function':
      return 'easing';
    default:
      return null;
  }
}

/** The family a property's values belong to, or null when plumbline does not judge it. */
export function propertyFamily(property: string): PropertyFamily | null {
  const r = readingOf(property);
  if (r === null) return null;
  if (r === 'color-only') return 'color';
  if (r === 'motion') return 'duration';
  return r;
}

export type AtomKind = 'color' | 'length' | 'number' | 'time' | 'easing' | 'shadow';

/** One hard-coded design value inside a CSS value, with its offsets in that value. */
export interface ValueAtom {
  kind: AtomKind;
  family: PropertyFamily;
  /** the atom's text as written */
  text: string;
  start: number;
  end: number;
  color?: Rgba;
  /** lengths: the number and unit; numbers: the number; times: milliseconds */
  number?: number;
  unit?: string;
  /** a canonical text: lowercase hex for colors, `16px`, `150ms`, normalised shadows and easings */
  key: string;
  /** a color stop of a gradient (decorative: judged against tokens, but never "off the palette") */
  gradient?: boolean;
}

interface Node {
  type: 'word' | 'function' | 'string' | 'space' | 'comma' | 'slash';
  text: string;
  start: number;
  end: number;
  name?: string;
  argsStart?: number;
  argsEnd?: number;
}

/** Splits a CSS value into top-level nodes; functions keep their whole text. Unbalanced input yields []. */
export function tokenizeValue(value: string, from = 0, to = value.length): Node[] {
  const nodes: Node[] = [];
  let i = from;
  while (i < to) {
    const ch = value[i]!;
    if (/\s/.test(ch)) {
      let j = i;
      while (j < to && /\s/.test(value[j]!)) j++;
      nodes.push({ type: 'space', text: value.slice(i, j), start: i, end: j });
      i = j;
    } else if (ch === ',' || ch === '/') {
      nodes.push({ type: ch === ',' ? 'comma' : 'slash', text: ch, start: i, end: i + 1 });
      i++;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < to && value[j] !== ch) j += value[j] === '\\' ? 2 : 1;
      nodes.push({ type: 'string', text: value.slice(i, j + 1), start: i, end: Math.min(j + 1, to) });
      i = j + 1;
    } else {
      let j = i;
      while (j < to && !/[\s,/()"']/.test(value[j]!)) j++;
      if (value[j] === '(') {
        let depth = 0;
        let k = j;
        for (; k < to; k++) {
          const c = value[k];
          if (c === '(') depth++;
          else if (c === ')' && --depth === 0) break;
          else if (c === '"' || c === "'") {
            const q = c;
            k++;
            while (k < to && value[k] !== q) k++;
          }
        }
        if (k >= to) return [];
        nodes.push({
          type: 'function',
          text: value.slice(i, k + 1),
          start: i,
          end: k + 1,
          name: value.slice(i, j).toLowerCase(),
          argsStart: j + 1,
          argsEnd: k,
        });
        i = k + 1;
      } else if (j === i) {
        // a stray ')' or similar: not a value we understand
        return [];
      } else {
        nodes.push({ type: 'word', text: value.slice(i, j), start: i, end: j });
        i = j;
      }
    }
  }
  return nodes;
}

const LENGTH_RE = /^([+-]?(?:\d+\.?\d*|\.\d+))(px|rem|em|pt|dp)$/i;
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const TIME_RE = /^([+-]?(?:\d+\.?\d*|\.\d+))(ms|s)$/i;

/** `16px` -> { number: 16, unit: 'px' }; rem and em keep their unit. */
export function parseLength(text: string): { number: number; unit: string } | null {
  const m = LENGTH_RE.exec(text.trim());
  return m ? { number: Number(m[1]), unit: m[2]!.toLowerCase() === 'dp' ? 'px' : m[2]!.toLowerCase() } : null;
}

/** `0.2s` -> 200; `150ms` -> 150. */
export function parseTime(text: string): number | null {
  const m = TIME_RE.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return m[2]!.toLowerCase() === 's' ? Math.round(n * 1000 * 1000) / 1000 : n;
}

/** A length in px for comparisons (rem at 16px); em stays apart (it depends on the element). */
export function lengthInPx(l: { number: number; unit: string }, remPx = 16): number | null {
  if (l.unit === 'px') return l.number;
  if (l.unit === 'rem') return l.number * remPx;
  if (l.unit === 'pt') return (l.number * 4) / 3;
  return null;
}

function formatNumber(n: number): string {
  return String(Math.round(n * 10000) / 10000);
}

/** `cubic-bezier(0.4,0,.2,1)` -> `cubic-bezier(0.4, 0, 0.2, 1)`. */
export function normalizeEasing(text: string): string | null {
  const m = /^cubic-bezier\(([^()]*)\)$/i.exec(text.trim());
  if (!m) return null;
  const parts = m[1]!.split(',').map((s) => s.trim());
  if (parts.length !== 4 || parts.some((p) => !NUMBER_RE.test(p))) return null;
  return `cubic-bezier(${parts.map((p) => formatNumber(Number(p))).join(', ')})`;
}

/**
 * A shadow with its colors as hex, its lengths canonical (`0px` is `0`, a missing blur or spread is `0`)
 * and its spacing collapsed, for exact comparison.
 */
export function normalizeShadow(text: string): string | null {
  const nodes = tokenizeValue(text.trim());
  if (nodes.length === 0) return null;
  const shadows: string[] = [];
  let lengths: string[] = [];
  let color = '';
  let inset = false;
  const flush = (): boolean => {
    if (lengths.length < 2 || lengths.length > 4) return false;
    while (lengths.length < 4) lengths.push('0');
    shadows.push(`${inset ? 'inset ' : ''}${lengths.join(' ')}${color ? ` ${color}` : ''}`);
    lengths = [];
    color = '';
    inset = false;
    return true;
  };
  for (const n of nodes) {
    if (n.type === 'space') continue;
    if (n.type === 'comma') {
      if (!flush()) return null;
      continue;
    }
    if (n.type === 'function') {
      if (!n.name || !COLOR_FUNCTIONS.has(n.name)) return null;
      const c = parseColor(n.text);
      if (!c) return null;
      color = hexKey(c);
    } else if (n.type === 'word') {
      const c = n.text.startsWith('#') ? parseColor(n.text) : null;
      const l = parseLength(n.text);
      if (c) color = hexKey(c);
      else if (l) lengths.push(l.number === 0 ? '0' : `${formatNumber(l.number)}${l.unit}`);
      else if (n.text === '0') lengths.push('0');
      else if (n.text.toLowerCase() === 'inset') inset = true;
      else if (isNamedColor(n.text) || n.text.toLowerCase() === 'transparent') color = hexKey(parseColor(n.text, { named: true })!);
      else return null;
    } else return null;
  }
  return flush() ? shadows.join(', ') : null;
}

function hexKey(c: Rgba): string {
  const h = (v: number) =>
    Math.round(Math.min(1, Math.max(0, v)) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${h(c.r)}${h(c.g)}${h(c.b)}${c.alpha < 1 ? h(c.alpha) : ''}`;
}

/** Functions are never looked into (var(), calc(), url(), color-mix(), Sass functions), except gradients for their color stops. */
const GRADIENTS = /^(-webkit-)?(repeating-)?(linear|radial|conic)-gradient$/;

export interface AtomOptions {
  /** treat CSS named colors (`red`, `white`) as hard-coded colors */
  namedColors?: boolean;
}

function hasReference(text: string): boolean {
  return /var\(|\$\{|\$[a-zA-Z_]|@[a-zA-Z_]|theme\(|#\{/.test(text);
}

/**
 * The hard-coded design values in one declaration's value: colors in color properties and shorthands
 * (gradients included), lengths in spacing/sizing/radius/type properties, unitless numbers where CSS
 * takes them (line-height, font-weight, z-index), durations and cubic-bezier easings in transitions and
 * animations, and a whole box-/text-shadow. Anything inside var(), calc(), url() and the like is left
 * alone: `var(--x, #fff)` is a fallback, not a hard-coded value.
 */
export function findValueAtoms(property: string, value: string, options: AtomOptions = {}): ValueAtom[] {
  const reading = readingOf(property);
  if (reading === null) return [];
  const atoms: ValueAtom[] = [];
  let end = value.length;
  const imp = /\s*!\s*important\s*$/i.exec(value);
  if (imp) end = imp.index;
  if (reading === 'shadow') {
    const text = value.slice(0, end).trim();
    const start = value.indexOf(text);
    if (!text || /^(none|inherit|initial|unset|revert)$/i.test(text) || hasReference(text)) return [];
    const key = normalizeShadow(text);
    if (!key || !/\d/.test(key)) return [];
    return [{ kind: 'shadow', family: 'shadow', text, start, end: start + text.length, key }];
  }
  const colorAtom = (n: Node): ValueAtom | null => {
    if (n.type === 'function') {
      if (!n.name || !COLOR_FUNCTIONS.has(n.name) || hasReference(n.text)) return null;
    } else if (n.type !== 'word') return null;
    else if (!n.text.startsWith('#') && !(options.namedColors && isNamedColor(n.text))) return null;
    const color = parseColor(n.text, { named: !!options.namedColors });
    if (!color) return null;
    return { kind: 'color', family: 'color', text: n.text, start: n.start, end: n.end, color, key: hexKey(color) };
  };
  const visitColors = (from: number, to: number, gradient: boolean): void => {
    for (const n of tokenizeValue(value, from, to)) {
      const c = colorAtom(n);
      // fully transparent is no design decision (a gradient's fade-out stop)
      if (c && c.color!.alpha > 0) atoms.push(gradient ? { ...c, gradient: true } : c);
      else if (n.type === 'function' && n.name && GRADIENTS.test(n.name)) visitColors(n.argsStart!, n.argsEnd!, true);
    }
  };
  if (reading === 'color' || reading === 'color-only') {
    visitColors(0, end, false);
    return atoms;
  }
  for (const n of tokenizeValue(value, 0, end)) {
    if (n.type === 'function') {
      if (n.name === 'cubic-bezier' && (reading === 'motion' || reading === 'easing')) {
        const key = normalizeEasing(n.text);
        if (key) atoms.push({ kind: 'easing', family: 'easing', text: n.text, start: n.start, end: n.end, key });
      }
      continue;
    }
    if (n.type !== 'word') continue;
    if (reading === 'motion' || reading === 'duration') {
      const ms = parseTime(n.text);
      if (ms !== null && ms !== 0)
        atoms.push({
          kind: 'time',
          family: 'duration',
          text: n.text,
          start: n.start,
          end: n.end,
          number: ms,
          unit: 'ms',
          key: `${formatNumber(ms)}ms`,
        });
      continue;
    }
    if (reading === 'easing') continue;
    const length = parseLength(n.text);
    if (length) {
      if (length.number === 0 || reading === 'font-weight' || reading === 'z-index') continue;
      atoms.push({
        kind: 'length',
        family: reading,
        text: n.text,
        start: n.start,
        end: n.end,
        number: length.number,
        unit: length.unit,
        key: `${formatNumber(length.number)}${length.unit}`,
      });
      continue;
    }
    if (NUMBER_RE.test(n.text) && (reading === 'line-height' || reading === 'font-weight' || reading === 'z-index')) {
      const num = Number(n.text);
      if (reading === 'z-index' && Math.abs(num) < 10) continue; // local stacking inside a component
      if (reading === 'line-height' && num === 1) continue;
      atoms.push({ kind: 'number', family: reading, text: n.text, start: n.start, end: n.end, number: num, key: formatNumber(num) });
    }
  }
  return atoms;
}

/**
 * The breakpoint lengths of a media query (`(min-width: 768px)`, `(width >= 48rem)`), with offsets in
 * the query text.
 */
export function findBreakpointAtoms(query: string): ValueAtom[] {
  const atoms: ValueAtom[] = [];
  const re = /(?:min-width|max-width|width)\s*(?::|[<>]=?)\s*([0-9.]+(?:px|rem|em))|([0-9.]+(?:px|rem|em))\s*[<>]=?\s*width/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(query))) {
    const text = (m[1] ?? m[2])!;
    const start = m.index + m[0].indexOf(text);
    const l = parseLength(text);
    if (!l) continue;
    atoms.push({
      kind: 'length',
      family: 'breakpoint',
      text,
      start,
      end: start + text.length,
      number: l.number,
      unit: l.unit,
      key: `${formatNumber(l.number)}${l.unit}`,
    });
  }
  return atoms;
}
