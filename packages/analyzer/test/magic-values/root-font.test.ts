import { afterAll, describe, expect, it } from 'vitest';
import { stylesheetSetsRootFont } from '../../../core/src/tokens/root-font.js';
import { projectScanner } from './fixture.js';

// An app whose root font size is not 16px: there `p-2` is not 8px, so `p-[8px]` is not it written by hand.
const { scan, cleanup } = projectScanner({
  'package.json': JSON.stringify({ name: 'resume', private: true, dependencies: { react: '^18.0.0', tailwindcss: '^3.4.0' } }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'react-jsx' } }),
  'plumbline.config.json': JSON.stringify({ preset: 'strict' }),
  'apps/artboard/tailwind.config.js': "module.exports = { content: ['./src/**/*.tsx'], theme: { extend: {} } };",
  'apps/client/tailwind.config.js': "module.exports = { content: ['./src/**/*.tsx'], theme: { extend: {} } };",
  'apps/artboard/src/dot.tsx': 'export const Dot = () => <div className="p-[8px]">.</div>;\n',
  'apps/client/src/dot.tsx': 'export const Badge = () => <div className="p-[8px]">.</div>;\n',
});
afterAll(cleanup);

describe('hard-coded-style-value: a root font size other than 16px', () => {
  it('offers no rem step in a Tailwind build whose script sets the root font size, and still does elsewhere', () => {
    const found = scan({
      'apps/artboard/src/page.tsx':
        "import { useEffect } from 'react';\nexport function Page({ size }: { size: number }) {\n  useEffect(() => {\n    document.documentElement.style.setProperty('font-size', `${size}px`);\n  }, [size]);\n  return null;\n}\n",
    });
    expect(found).toEqual([expect.stringMatching(/^apps\/client\/src\/dot\.tsx:1: `8px`.*`p-2`/)]);
  });
  it("reads a stylesheet's html { font-size: 62.5% }", () => {
    const found = scan({ 'apps/artboard/src/index.css': '@tailwind base;\nhtml {\n  font-size: 62.5%;\n}\n' });
    expect(found).toEqual([expect.stringMatching(/^apps\/client\/src\/dot\.tsx:1: `8px`.*`p-2`/)]);
  });
  it('with a 16px root, both apps are told', () => {
    const found = scan({ 'apps/artboard/src/index.css': '@tailwind base;\nhtml {\n  font-size: 16px;\n}\n' });
    expect(found.map((f) => f.split(':')[0])).toEqual(['apps/artboard/src/dot.tsx', 'apps/client/src/dot.tsx']);
  });
});

describe('stylesheetSetsRootFont', () => {
  it('takes html and :root rules outside at-rules, with a size that is not 16px', () => {
    expect(stylesheetSetsRootFont(':root { color: red; font-size: 14px }')).toBe(true);
    expect(stylesheetSetsRootFont('html { font-size: 100% }')).toBe(false);
    expect(stylesheetSetsRootFont('@media (max-width: 600px) { html { font-size: 14px } }')).toBe(false);
    expect(stylesheetSetsRootFont('html body { font-size: 14px }')).toBe(false);
  });
});
