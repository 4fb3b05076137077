import { describe, expect, it } from 'vitest';
import { findComponents, signatureSize } from '@plumbline/core';
import { parseSource, typescript as ts } from '../../src/parse.js';
import { outlineOf, pqGrams } from '../../src/facts/components.js';
import { bagSimilarity } from '../../src/detectors/component-family.js';

const components = (code: string) => findComponents(ts, parseSource('src/x.tsx', code).sourceFile!);

describe('component signatures', () => {
  it('finds every kind of component definition', () => {
    const found = components(`
      import * as React from 'react';
      import styled from 'styled-components';
      export function A() { return <div />; }
      export const B = () => <span />;
      export const C = React.forwardRef<HTMLButtonElement, {}>((p, ref) => <button ref={ref} />);
      export const D = React.memo(React.forwardRef((p, ref) => <a ref={ref} />));
      export class E extends React.Component { render() { return <section />; } }
      export const F = styled.button\`padding: 4px; color: red;\`;
      export const G = styled(A).attrs({ x: 1 })\`margin: 0;\`;
      export default function () { return <main />; }
      const helper = () => <div />;
      function lower() { return <div />; }
    `);
    expect(found.map((c) => [c.name, c.kind, c.rootElement, c.exported])).toEqual([
      ['A', 'function', 'div', true],
      ['B', 'arrow', 'span', true],
      ['C', 'forwardRef', 'button', true],
      ['D', 'forwardRef', 'a', true],
      ['E', 'class', 'section', true],
      ['F', 'styled', 'button', true],
      ['G', 'styled', null, true],
      ['default', 'function', 'main', true],
    ]);
    expect(found.find((c) => c.name === 'C')!.elementHint).toBe('button');
  });

  it('abstracts identifiers, literals and text, keeps types, nesting and prop names (sorted)', () => {
    const [a, b] = components(`
      export function A({ title }: { title: string }) { return <div className="x" id={id}><h3>{title}</h3></div>; }
      export function B() { return <div id="y" className={cls}><h3>Hello</h3></div>; }
    `);
    expect(outlineOf(a!.tree)).toBe('div(h3({}))');
    expect(a!.tree).toEqual(b!.tree);
    expect(signatureSize(a!.tree)).toBe(5); // div, @className, @id, h3, {}
  });

  it('reads the element behind a local alias (shadcn asChild) and a ref type', () => {
    const [btn] = components(`
      import { Slot } from '@radix-ui/react-slot';
      export const Button = React.forwardRef<HTMLButtonElement, Props>(({ asChild, ...props }, ref) => {
        const Comp = asChild ? Slot : 'button';
        return <Comp ref={ref} {...props} />;
      });
    `);
    expect([btn!.rootElement, btn!.elementHint]).toEqual(['button', 'button']);
  });

  it('takes the last return as the main render and keeps every returned tree', () => {
    const [c] = components(`
      export function List({ items }: { items: string[] }) {
        if (!items.length) return <p className="empty">Nothing</p>;
        return <ul>{items.map((i) => <li key={i}>{i}</li>)}</ul>;
      }
    `);
    expect(c!.rootElement).toBe('ul');
    expect(outlineOf(c!.tree)).toBe('$(p({}) ul({}(li({}))))');
  });

  it('signs styled components by target and CSS property names, nested blocks included', () => {
    const [a, b] = components(`
      export const A = styled.button\`padding: 4px 8px; color: \${(p) => p.color}; &:hover { opacity: .8; }\`;
      export const B = styled.button\`padding: 2px; color: blue; &:hover { opacity: 1; }\`;
    `);
    expect(outlineOf(a!.tree)).toBe('styled.button(css:padding css:color sel:&:hover(css:opacity))');
    expect(bagSimilarity(pqGrams(a!.tree), pqGrams(b!.tree))).toBe(1);
  });

  it('a prop more or less changes similarity a little; a different component type changes it a lot', () => {
    const [a, b, c] = components(`
      export const A = () => <div className="a"><h3 className="t">{x}</h3><p className="d">{y}</p><Button onClick={f}>{z}</Button></div>;
      export const B = () => <div className="a" role="status"><h3 className="t">{x}</h3><p className="d">{y}</p><Button onClick={f}>{z}</Button></div>;
      export const C = () => <div className="a"><h3 className="t">{x}</h3><p className="d">{y}</p><Link onClick={f}>{z}</Link></div>;
    `);
    const s = (x: typeof a, y: typeof a) => bagSimilarity(pqGrams(x!.tree), pqGrams(y!.tree));
    expect(s(a, b)).toBeGreaterThan(0.85);
    expect(s(a, c)).toBeLessThan(s(a, b));
  });
});
