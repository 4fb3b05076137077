import { afterAll, describe, expect, it } from 'vitest';
import { countLengthClasses, isArbitraryLengthHouseStyle } from '../../../core/src/tokens/length-style.js';
import { projectScanner } from './fixture.js';

// Two Tailwind apps of one repository: `web` writes its spacing and sizes as arbitrary px values (the house style),
// `admin` uses the scale and has a few arbitrary lengths among its classes.
const ARBITRARY = ['p-[12px]', 'gap-[6px]', 'w-[240px]', 'h-[40px]', 'mt-[10px]', 'px-[18px]', 'min-w-[120px]', 'top-[30px]'];
const SCALE = ['p-3', 'gap-1.5', 'w-60', 'h-10', 'mt-2.5', 'px-4', 'min-w-0', 'top-0'];
const rows = (classes: string[], n: number) =>
  Array.from(
    { length: n },
    (_, i) => `  <div key="${i}" className="flex ${classes[i % classes.length]} ${classes[(i + 3) % classes.length]}" />,`,
  ).join('\n');
const list = (name: string, classes: string[], n: number) => `export const ${name} = [\n${rows(classes, n)}\n];\n`;

const { scan, cleanup } = projectScanner({
  'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'] }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'react-jsx' } }),
  'plumbline.config.json': JSON.stringify({ preset: 'strict' }),
  'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { react: '^18.0.0', tailwindcss: '^3.4.0' } }),
  'apps/admin/package.json': JSON.stringify({ name: 'admin', dependencies: { react: '^18.0.0', tailwindcss: '^3.4.0' } }),
  'apps/web/tailwind.config.js': "module.exports = { content: ['./src/**/*.tsx'], theme: { extend: {} } };",
  'apps/admin/tailwind.config.js': "module.exports = { content: ['./src/**/*.tsx'], theme: { extend: {} } };",
  // 240 length classes in web, 7 in 8 of them arbitrary; 240 in admin, all on the scale
  'apps/web/src/rows.tsx': list(
    'Rows',
    [...ARBITRARY, ...ARBITRARY, ...ARBITRARY, ...ARBITRARY, ...ARBITRARY, ...ARBITRARY, ...ARBITRARY, 'p-3'],
    120,
  ),
  'apps/admin/src/rows.tsx': list('Rows', SCALE, 120),
  'apps/web/src/card.tsx': 'export const Card = () => <div className="p-[12px] text-[14px]">card</div>;\n',
  'apps/admin/src/card.tsx': 'export const Card = () => <div className="p-[12px] text-[14px]">card</div>;\n',
});
afterAll(cleanup);

describe('hard-coded-style-value: a house style of arbitrary lengths', () => {
  it('stays quiet on arbitrary lengths in a Tailwind build that writes them as its convention, and reports them in one that uses the scale', () => {
    const found = scan({});
    expect(found.filter((f) => f.startsWith('apps/web/'))).toEqual([]);
    expect(found.filter((f) => f.startsWith('apps/admin/src/card.tsx'))).toEqual([
      expect.stringMatching(/^apps\/admin\/src\/card\.tsx:1: `12px`.*`p-3`/),
    ]);
  });
  it('also leaves text-[14px] -> text-sm alone there (text-sm also sets a line height; px font sizes are the house style)', () => {
    const found = scan({
      'apps/web/src/label.tsx': 'export const Label = () => <label className="text-[14px] font-[600]">name</label>;\n',
    });
    expect(found.filter((f) => f.startsWith('apps/web/'))).toEqual([]);
  });
  it('colours and report "all" are unchanged', () => {
    const found = scan({
      'plumbline.config.json': JSON.stringify({ preset: 'strict', rules: { 'hard-coded-style-value': ['warn', { report: 'all' }] } }),
    });
    expect(found.filter((f) => f.startsWith('apps/web/src/card.tsx'))).toEqual([expect.stringMatching(/`12px`.*`p-3`/)]);
  });
});

describe('hard-coded-style-value: every Tailwind build with a house style of arbitrary lengths', () => {
  it('leaves a shared folder outside the builds alone too, and reports it where a build uses the scale', () => {
    const shared = { 'libs/ui/field.tsx': 'export const Field = () => <div className="gap-[6px]">x</div>;\n' };
    expect(scan({ ...shared, 'apps/admin/src/rows.tsx': list('Rows', ARBITRARY, 120) })).toEqual([]);
    expect(scan(shared)).toEqual([
      expect.stringMatching(/^apps\/admin\/src\/card\.tsx:1: `12px`/),
      expect.stringMatching(/^libs\/ui\/field\.tsx:1: `6px`.*`gap-1\.5`/),
    ]);
  });
});

describe('countLengthClasses', () => {
  it('counts arbitrary px/rem lengths and scale steps of spacing, inset and size utilities, with variants', () => {
    const c = countLengthClasses(
      'className="p-[12px] md:gap-[0.5rem] -mt-[4px] hover:w-60 h-px gap-1.5 w-full w-1/2 w-[50%] text-[14px] bg-red-500"',
    );
    expect(c).toEqual({ arbitrary: 3, scale: 3 });
  });
  it('calls it a house style only when more than half of at least 200 length classes are arbitrary', () => {
    expect(isArbitraryLengthHouseStyle({ arbitrary: 150, scale: 40 })).toBe(false);
    expect(isArbitraryLengthHouseStyle({ arbitrary: 101, scale: 100 })).toBe(true);
    expect(isArbitraryLengthHouseStyle({ arbitrary: 100, scale: 100 })).toBe(false);
  });
});
