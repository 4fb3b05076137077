/**
 * Tailwind arbitrary values in class strings: `bg-[#4a90e2]`, `p-[18px]`, `hover:text-[17px]`,
 * `-mt-[3px]`, `shadow-[0_2px_4px_rgba(0,0,0,.1)]`, `[color:#fff]`. Variants (`md:`, `data-[state=open]:`,
 * `[&>svg]:`, `group-[.open]:`) are prefixes, not values: they are never reported.
 */
import { parseColor } from '../color.js';
import { parseLength } from '../css-value.js';

export interface ArbitraryClass {
  /** offsets in the scanned text: the utility without variants, `!` and `/modifier` (what a fix replaces) */
  start: number;
  end: number;
  /** `bg`, `-mt`, `rounded-t`; '' for arbitrary properties `[prop:value]` */
  utility: string;
  /** the CSS property the value is read as */
  property: string;
  /** the Tailwind theme namespace whose keys replace the value (`color`, `spacing`, `text`, ...) */
  namespace?: string;
  /** the value with `_` read as spaces (same length), and its start offset */
  value: string;
  valueStart: number;
}

type Rule =
  { property: string; namespace: string } | ((value: string, hint: string | undefined) => { property: string; namespace: string } | null);

const color = (property = 'color') => ({ property, namespace: 'color' });
const isColorValue = (v: string, hint: string | undefined) => hint === 'color' || (hint === undefined && parseColor(v.trim()) !== null);
const colorOnly =
  (property: string): Rule =>
  (v, hint) =>
    isColorValue(v, hint) ? color(property) : null;

const RULES: Record<string, Rule> = {
  bg: colorOnly('background-color'),
  text: (v, hint) =>
    isColorValue(v, hint) ? color() : hint === 'length' || parseLength(v.trim()) ? { property: 'font-size', namespace: 'text' } : null,
  border: colorOnly('border-color'),
  ring: colorOnly('outline-color'),
  'ring-offset': colorOnly('outline-color'),
  outline: colorOnly('outline-color'),
  divide: colorOnly('border-color'),
  decoration: colorOnly('text-decoration-color'),
  accent: colorOnly('accent-color'),
  caret: colorOnly('caret-color'),
  fill: colorOnly('fill'),
  stroke: colorOnly('stroke'),
  from: colorOnly('color'),
  via: colorOnly('color'),
  to: colorOnly('color'),
  placeholder: colorOnly('color'),
  shadow: (v, hint) => (isColorValue(v, hint) ? color('color') : { property: 'box-shadow', namespace: 'shadow' }),
  leading: { property: 'line-height', namespace: 'leading' },
  tracking: { property: 'letter-spacing', namespace: 'tracking' },
  font: (v) => (/^\d+$/.test(v.trim()) ? { property: 'font-weight', namespace: 'font-weight' } : null),
  z: { property: 'z-index', namespace: 'z' },
  duration: { property: 'transition-duration', namespace: 'duration' },
  delay: { property: 'transition-delay', namespace: 'duration' },
  ease: { property: 'transition-timing-function', namespace: 'ease' },
};
for (const side of ['', 'x', 'y', 't', 'r', 'b', 'l', 's', 'e']) {
  RULES[`p${side}`] = { property: 'padding', namespace: 'spacing' };
  RULES[`m${side}`] = { property: 'margin', namespace: 'spacing' };
  RULES[`scroll-p${side}`] = { property: 'scroll-padding', namespace: 'spacing' };
  RULES[`scroll-m${side}`] = { property: 'scroll-margin', namespace: 'spacing' };
  if (side) RULES[`border-${side}`] = colorOnly('border-color');
}
for (const k of ['gap', 'gap-x', 'gap-y', 'space-x', 'space-y']) RULES[k] = { property: 'gap', namespace: 'spacing' };
for (const k of ['inset', 'inset-x', 'inset-y', 'top', 'right', 'bottom', 'left', 'start', 'end'])
  RULES[k] = { property: 'top', namespace: 'spacing' };
for (const k of ['w', 'h', 'size', 'min-w', 'min-h', 'max-w', 'max-h', 'basis']) RULES[k] = { property: 'width', namespace: 'spacing' };
for (const k of ['', '-t', '-r', '-b', '-l', '-tl', '-tr', '-br', '-bl', '-s', '-e', '-ss', '-se', '-es', '-ee'])
  RULES[`rounded${k}`] = { property: 'border-radius', namespace: 'radius' };

/** The position of the last variant separator `:` outside brackets and parentheses, or -1. */
function lastVariantColon(cls: string): number {
  let depth = 0;
  let last = -1;
  for (let i = 0; i < cls.length; i++) {
    const c = cls[i];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === ':' && depth === 0) last = i;
  }
  return last;
}

const UTILITY_RE = /^(-?)([a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*)-\[(.+)\](\/[\w.%[\]-]+)?!?$/;
const PROPERTY_RE = /^\[([a-z-]+):(.+)\]!?$/;

/** The arbitrary-value utilities of a class string; `offset` is where `text` starts in the file. */
export function findArbitraryClasses(text: string, offset = 0): ArbitraryClass[] {
  const out: ArbitraryClass[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const cls = m[0];
    if (!cls.includes('[')) continue;
    const colon = lastVariantColon(cls);
    let uStart = colon + 1;
    if (cls[uStart] === '!') uStart++;
    const utilityText = cls.slice(uStart);
    const base = offset + m.index + uStart;
    const prop = PROPERTY_RE.exec(utilityText);
    if (prop) {
      const value = prop[2]!.replace(/_/g, ' ');
      out.push({
        start: base,
        end: base + utilityText.length,
        utility: '',
        property: prop[1]!,
        value,
        valueStart: base + 2 + prop[1]!.length,
      });
      continue;
    }
    const u = UTILITY_RE.exec(utilityText);
    if (!u) continue;
    const [, neg, name, rawValue] = u as unknown as [string, string, string, string];
    const rule = RULES[name];
    if (!rule) continue;
    let value = rawValue.replace(/_/g, ' ');
    let hint: string | undefined;
    const hinted = /^([a-z-]+):/.exec(value);
    let valueStart = base + neg.length + name.length + 2;
    if (
      hinted &&
      [
        'color',
        'length',
        'number',
        'percentage',
        'position',
        'url',
        'image',
        'family-name',
        'absolute-size',
        'relative-size',
        'shadow',
        'line-width',
        'angle',
      ].includes(hinted[1]!)
    ) {
      hint = hinted[1];
      value = value.slice(hinted[0].length);
      valueStart += hinted[0].length;
    }
    const r = typeof rule === 'function' ? rule(value, hint) : rule;
    if (!r) continue;
    const end = base + neg.length + name.length + 2 + rawValue.length + 1;
    out.push({ start: base, end, utility: `${neg}${name}`, property: r.property, namespace: r.namespace, value, valueStart });
  }
  return out;
}
