import { describe, expect, it } from 'vitest';
import { cssPropertyName, findBreakpointAtoms, findValueAtoms, normalizeShadow, propertyFamily } from '../src/css-value.js';
import { findArbitraryClasses } from '../src/tokens/tailwind-class.js';

const atoms = (prop: string, value: string, named = false) =>
  findValueAtoms(prop, value, { namedColors: named }).map((a) => `${a.family}:${a.key}@${a.start}-${a.end}`);

describe('value atoms', () => {
  it('finds colors in color properties and shorthands, gradients included', () => {
    expect(atoms('border', '1px solid #DDD')).toEqual(['color:#dddddd@10-14']);
    expect(atoms('background', 'linear-gradient(90deg, #fff 0%, rgba(0,0,0,.5) 100%)')).toEqual([
      'color:#ffffff@23-27',
      'color:#00000080@32-46',
    ]);
    expect(findValueAtoms('background', 'linear-gradient(#fff, #000)')[0]!.gradient).toBe(true);
  });
  it('leaves var() fallbacks, calc(), url(), Sass variables and fully transparent stops alone', () => {
    expect(atoms('color', 'var(--brand, #4a90e2)')).toEqual([]);
    expect(atoms('padding', 'calc(100% - 16px) var(--x, 8px)')).toEqual([]);
    expect(atoms('background', 'url(#gradient) $brand rgba(0,0,0,0)')).toEqual([]);
    expect(atoms('color', 'rgba($black, 0.5)')).toEqual([]);
  });
  it('reads named colors only when asked', () => {
    expect(atoms('color', 'red')).toEqual([]);
    expect(atoms('color', 'red', true)).toEqual(['color:#ff0000@0-3']);
  });
  it('finds lengths per family, unitless numbers where CSS takes them, durations and easings', () => {
    expect(atoms('margin', '0 16px 1.5rem !important')).toEqual(['spacing:16px@2-6', 'spacing:1.5rem@7-13']);
    expect(atoms('line-height', '1.5')).toEqual(['line-height:1.5@0-3']);
    expect(atoms('font-weight', '600')).toEqual(['font-weight:600@0-3']);
    expect(atoms('z-index', '5')).toEqual([]); // local stacking
    expect(atoms('z-index', '1300')).toEqual(['z-index:1300@0-4']);
    expect(atoms('transition', 'opacity .2s cubic-bezier(.4,0,.2,1)')).toEqual([
      'duration:200ms@8-11',
      'easing:cubic-bezier(0.4, 0, 0.2, 1)@12-35',
    ]);
    expect(atoms('width', '50%')).toEqual([]);
  });
  it('reads a shadow whole, with canonical lengths and colors', () => {
    expect(atoms('box-shadow', '0 2px 4px rgba(0,0,0,0.15)')).toEqual(['shadow:0 2px 4px 0 #00000026@0-26']);
    expect(normalizeShadow('0px 2px 4px 0px #00000026')).toBe(normalizeShadow('0 2px 4px rgba(0, 0, 0, .15)'));
    expect(atoms('box-shadow', 'none')).toEqual([]);
    expect(atoms('box-shadow', '0 0 0 1px var(--ring)')).toEqual([]);
  });
  it('finds media-query breakpoints', () => {
    expect(findBreakpointAtoms('screen and (min-width: 768px) and (width < 80rem)').map((a) => a.key)).toEqual(['768px', '80rem']);
  });
  it('maps properties to families', () => {
    expect(cssPropertyName('borderTopLeftRadius')).toBe('border-top-left-radius');
    expect(cssPropertyName('WebkitTapHighlightColor')).toBe('-webkit-tap-highlight-color');
    expect(propertyFamily('paddingHorizontal'.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))).toBe('spacing');
    expect(propertyFamily('--brand')).toBeNull();
    expect(propertyFamily('display')).toBeNull();
  });
});

describe('Tailwind arbitrary values', () => {
  it('finds utilities with arbitrary values behind variants, with their ranges', () => {
    const text = 'md:hover:bg-[#4a90e2]/50 !p-[18px] -mt-[4px] text-[length:14px] [color:#fff]';
    expect(findArbitraryClasses(text).map((c) => [text.slice(c.start, c.end), c.utility, c.property, c.namespace, c.value])).toEqual([
      ['bg-[#4a90e2]', 'bg', 'background-color', 'color', '#4a90e2'],
      ['p-[18px]', 'p', 'padding', 'spacing', '18px'],
      ['-mt-[4px]', '-mt', 'margin', 'spacing', '4px'],
      ['text-[length:14px]', 'text', 'font-size', 'text', '14px'],
      ['[color:#fff]', '', 'color', undefined, '#fff'],
    ]);
  });
  it('never reads variants or selectors as values', () => {
    expect(
      findArbitraryClasses(
        'data-[state=open]:flex [&>svg]:size-4 group-[.is-open]:block supports-[display:grid]:grid aria-[sort=ascending]:bg-none',
      ),
    ).toEqual([]);
  });
  it('reads underscores as spaces and keeps offsets', () => {
    const [c] = findArbitraryClasses('shadow-[0_2px_4px_rgba(0,0,0,.1)]', 10);
    expect(c).toMatchObject({ start: 10, end: 43, property: 'box-shadow', value: '0 2px 4px rgba(0,0,0,.1)' });
  });
});
