import { afterAll, describe, expect, it } from 'vitest';
import { projectScanner } from './fixture.js';

// Values equal to a token that are not the token written by hand: vendored registry components, and a
// theme-invariant colour whose token follows the theme.
const { scan, cleanup } = projectScanner({
  'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { react: '^18.0.0', tailwindcss: '^3.4.0' } }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'react-jsx' } }),
  'plumbline.config.json': JSON.stringify({ preset: 'strict' }),
  'tailwind.config.js': "module.exports = { content: ['./src/**/*.tsx'], theme: { extend: {} } };",
  'src/styles/theme.css': ':root {\n  --bar-bg: #7b45ea;\n  --ink: #0f172a;\n  --paper: #ffffff;\n}\n.dark {\n  --bar-bg: #2a2e31;\n}\n',
});
afterAll(cleanup);

describe('hard-coded-style-value: values equal to a token by coincidence', () => {
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
