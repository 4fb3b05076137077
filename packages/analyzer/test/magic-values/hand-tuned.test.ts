import { afterAll, describe, expect, it } from 'vitest';
import { projectScanner } from './fixture.js';

// Classes of on-scale values that are not the token written by hand: sizes tuned by eye, vendored registry
// components, and a theme-invariant colour whose token follows the theme.
const { scan, cleanup } = projectScanner({
  'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { react: '^18.0.0', tailwindcss: '^3.4.0' } }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'react-jsx' } }),
  'plumbline.config.json': JSON.stringify({ preset: 'strict' }),
  'tailwind.config.js': "module.exports = { content: ['./src/**/*.tsx'], theme: { extend: {} } };",
  'src/styles/theme.css': ':root {\n  --bar-bg: #7b45ea;\n  --ink: #0f172a;\n  --paper: #ffffff;\n}\n.dark {\n  --bar-bg: #2a2e31;\n}\n',
});
afterAll(cleanup);

describe('hard-coded-style-value: values on the scale by coincidence', () => {
  it('leaves a set of sizes tuned by eye alone, and reports a size whose utility is on the scale elsewhere in the file', () => {
    const found = scan({
      'src/logos.tsx': [
        'export const Logos = () => (',
        '  <div className="p-[16px]">',
        '    <img className="max-h-[42px]" src="/a.svg" />',
        '    <img className="max-h-[38px]" src="/b.svg" />',
        '    <img className="max-h-[28px]" src="/c.svg" />',
        '    <img className="max-h-[32px]" src="/d.svg" />',
        '  </div>',
        ');',
        '',
      ].join('\n'),
    });
    expect(found).toEqual([expect.stringMatching(/^src\/logos\.tsx:2: `16px`.*`p-4`/)]);
  });
  it('reports the on-scale sizes when they outnumber the tuned ones', () => {
    const found = scan({
      'src/list.tsx':
        'export const List = () => (\n  <ul>\n    <li className="w-[240px]" />\n    <li className="w-[320px]" />\n    <li className="w-[250px]" />\n  </ul>\n);\n',
    });
    expect(found.map((f) => f.split(': ')[0])).toEqual(['src/list.tsx:3', 'src/list.tsx:4']);
  });
  it("leaves the install folders of UI registries (Plate UI's plate-ui/) alone", () => {
    const cls = 'export const Editor = () => <div className="min-h-[80px]" />;\n';
    const found = scan({ 'src/editor/plate-ui/editor.tsx': cls, 'src/editor/Editor.tsx': cls });
    expect(found.map((f) => f.split(':')[0])).toEqual(['src/editor/Editor.tsx']);
  });
  it('offers no themed token for a colour written in a style object, and still one that holds in every theme', () => {
    const found = scan({
      'src/bar.tsx':
        "export const Bar = () => (\n  <div style={{ background: '#7b45ea' }}>\n    <span style={{ color: '#0f172a' }}>Go</span>\n  </div>\n);\n",
    });
    expect(found).toEqual([expect.stringMatching(/^src\/bar\.tsx:3: `#0f172a`.*--ink/)]);
  });
});
