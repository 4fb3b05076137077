import { describe, expect, it } from 'vitest';
import { analyzeFixture, findings } from './fixture.js';

describe('tokens in a monorepo (fixtures/magic-values/monorepo)', () => {
  const out = analyzeFixture('monorepo');
  const all = findings(out, 'hard-coded-style-value');
  const at = (file: string) => all.filter((f) => f.at.startsWith(file));

  it("suggests only classes of the package's own Tailwind version", () => {
    // apps/admin is Tailwind 3.4 (2px is `rounded-sm`, there is no `rounded-xs`); apps/site is v4. `p-[8px]` shares the line: one finding
    expect(at('apps/admin/src/Dropzone.tsx:1')).toEqual([
      expect.objectContaining({ at: 'apps/admin/src/Dropzone.tsx:1:47-1:60', message: expect.stringContaining('use `rounded-sm`') }),
    ]);
    expect(at('apps/site/src/Dropzone.tsx:1')).toEqual([expect.objectContaining({ message: expect.stringContaining('use `rounded-xs`') })]);
  });

  it('writes a variable of bare color channels as rgb(var(--x))', () => {
    expect(at('apps/admin/src/Dropzone.tsx:2')).toEqual([
      expect.objectContaining({ message: "`#ff0000` is the value of design token `--brand`: use `'rgb(var(--brand))'`." }),
    ]);
  });

  it('names no far nearest token', () => {
    expect(at('apps/admin/src/Dropzone.tsx:3')).toEqual([
      expect.objectContaining({ message: '`#00ff00` matches no color token: use a token of the scale, or add one to the design system.' }),
    ]);
  });

  it("does not offer another package's tokens, and stays quiet in image routes and email templates", () => {
    expect(all.some((f) => f.at.startsWith('apps/admin') && f.message.includes('--widget'))).toBe(false); // admin does not depend on @acme/widget
    expect(at('apps/admin/src/og.tsx')).toEqual([]);
    // apps/embed depends on @acme/widget: its tokens apply, except --widget-bg, which the widget sets at run time
    expect(at('apps/embed/src/embed.css').map((f) => f.message)).toEqual([
      '`#0f172a` is the value of design token `--widget-text`: use `var(--widget-text)`.',
    ]);
    expect(at('apps/admin/src/welcome-email.tsx')).toEqual([]);
  });
});

describe('themes (fixtures/magic-values/monorepo)', () => {
  const all = findings(analyzeFixture('monorepo'), 'hard-coded-style-value');
  it("matches a value inside a dark-theme selector against that theme's token values", () => {
    const panel = all.filter((f) => f.at.startsWith('apps/admin/src/panel.css')).map((f) => [f.at.split(':')[1], f.message]);
    expect(panel).toEqual([
      ['2', expect.stringContaining('in another theme only')], // the light theme has no #1a1a1a
      ['6', expect.stringContaining('is the value of design token `--surface`')], // `.dark` does
    ]);
  });
});
