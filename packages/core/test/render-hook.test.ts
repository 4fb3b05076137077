import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { renderHookComponents } from '../src/settings/discovery/render-hook.js';

const parse = (code: string) => ts.createSourceFile('Button.tsx', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);

// typebot.io's @typebot.io/ui Button renders through Base UI's useRender, with no JSX: discovery missed it
describe('design-system discovery: controls that render through a render hook', () => {
  it('reads the element from useRender defaultTagName, else from the forwardRef ref type', () => {
    const sf = parse(`
      import * as React from 'react';
      import { useRender } from '@base-ui/react/use-render';
      const Button = React.forwardRef<HTMLButtonElement, Props>(({ render, ...props }, ref) =>
        useRender({ ref, defaultTagName: 'button', render, props }));
      export const TextInput = React.forwardRef<HTMLInputElement, Props>((props, ref) => React.createElement(Base, { ref, ...props }));
      const Hidden = React.forwardRef<HTMLButtonElement, Props>((props, ref) => useRender({ ref, defaultTagName: 'button', props }));
      export { Button };
    `);
    expect(renderHookComponents(ts, sf)).toEqual([
      { name: 'Button', element: 'button' },
      { name: 'TextInput', element: 'input' },
    ]);
  });

  it('leaves out a forwardRef that renders no control: a span, or a div ref with no tag', () => {
    const sf = parse(`
      export const Icon = React.forwardRef<HTMLSpanElement, Props>((props, ref) => useRender({ ref, defaultTagName: 'span', props }));
      export const Box = React.forwardRef<HTMLDivElement, Props>((props, ref) => useRender({ ref, props }));
    `);
    expect(renderHookComponents(ts, sf)).toEqual([]);
  });
});
