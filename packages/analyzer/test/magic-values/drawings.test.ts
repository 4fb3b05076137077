import { describe, expect, it } from 'vitest';
import { analyzeFixture, findings } from './fixture.js';
import { isUiDrawing } from '@plumbline/core/checks/hard-coded-style-value';

describe('hard-coded-style-value: drawings, showcase routes and icon sizes (fixtures/magic-values/drawings)', () => {
  const found = findings(analyzeFixture('drawings'), 'hard-coded-style-value');
  const files = new Set(found.map((f) => f.at.split(':')[0]));

  it('reports the scale values of the app', () => {
    expect(found.filter((f) => f.at.startsWith('src/app/row-actions.tsx')).map((f) => f.message)).toEqual([
      expect.stringContaining('use `gap-2`'),
      // `text-[16px]` beside text is type: `text-base`
      expect.stringContaining('use `text-base`'),
      expect.stringContaining('use `mt-3`'),
    ]);
    expect([...files].sort()).toEqual(['src/app/labels.tsx', 'src/app/row-actions.tsx']);
  });

  it("offers a step of the project's type ramp only where its line height and weight change nothing", () => {
    expect(found.filter((f) => f.at.startsWith('src/app/labels.tsx')).map((f) => [f.at.split(':')[1], f.message])).toEqual([
      ['5', expect.stringContaining('use `text-tiny`')],
      ['7', expect.stringContaining('use `text-label`')],
    ]);
  });

  it('leaves a font size that sizes the only icon of a button alone', () => {
    expect(found.filter((f) => f.at.startsWith('src/app/row-actions.tsx:10:'))).toEqual([]);
  });

  it('leaves design-file exports, miniatures and storybook routes alone', () => {
    for (const f of ['src/landing/hero-mock.tsx', 'src/landing/calendar-miniature.tsx', 'src/routes/storybook.popover/route.tsx'])
      expect(files.has(f)).toBe(false);
  });
});

describe('isUiDrawing', () => {
  it('counts the sub-pixel lengths a tool writes, not the halves and quarters a person types', () => {
    expect(isUiDrawing('border-[0.5px] h-[0.5px] w-[1.5px] mt-[2.25px] mb-[0.75px]')).toBe(false);
    expect(isUiDrawing('mt-[2.4px] ml-[2px]')).toBe(false);
    expect(isUiDrawing('left-[10.2px] h-[303.33px] blur-[85.60px]')).toBe(true);
  });
  it('takes text below 6px for a miniature', () => {
    expect(isUiDrawing('<span className="text-[3px]" />')).toBe(true);
    expect(isUiDrawing("const s = { fontSize: '4.5px' }")).toBe(true);
    expect(isUiDrawing('<span className="text-[10px] text-[6px]" />')).toBe(false);
  });
});
