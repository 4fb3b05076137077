import { describe, expect, it } from 'vitest';
import { drawnByButtonClass } from '../../../core/src/checks/prefer-design-system-component.js';
import { analyzeFixture, findingsOf } from './fixture.js';

// prefer-design-system-component's default mode: a labelled raw <button> drawn by the stylesheet's shared button class
// (growthbook's Bootstrap `btn btn-primary` beside its ui/Button), whatever the design system's source writes
describe('prefer-design-system-component: a raw button drawn by a stylesheet button class', () => {
  const out = analyzeFixture('design-system', 'stylesheet-button');

  it('reports the labelled `btn` buttons, not a btn-link, a dropdown entry, a close glyph or a component class', () => {
    const raw = findingsOf(out, 'prefer-design-system-component').map((f) => [f.file, f.line]);
    expect(raw).toEqual([
      ['apps/web/src/settings.tsx', 7],
      ['apps/web/src/settings.tsx', 10],
    ]);
  });

  it('stays quiet beside an unstyled (headless) Button, which draws no look a stylesheet button re-creates', () => {
    const classes = ['btn', 'btn-primary'];
    expect(drawnByButtonClass(classes, 'button', { importFrom: 'react-aria-components', isPath: false })).toBe(false);
    expect(drawnByButtonClass(classes, 'button', { importFrom: '@mantine/core', isPath: false })).toBe(true);
    expect(drawnByButtonClass(classes, 'button[icon]', { importFrom: 'src/ui/Button', isPath: true })).toBe(false);
  });

  it('stays quiet on a colour the design-system Button never writes: a look no variant draws', () => {
    const shadcn = { importFrom: '@acme/ui', isPath: false, classes: ['bg-primary', 'text-primary-foreground', 'hover:bg-primary/90'] };
    expect(drawnByButtonClass(['btn', 'btn-xs', 'bg-blue-500', 'text-white'], 'button', shadcn)).toBe(false);
    expect(drawnByButtonClass(['btn', 'btn-xs', 'bg-primary'], 'button', shadcn)).toBe(true);
  });
});
