import rule from '../../src/rules/pass-through-component.js';
import { ruleTester } from '../rule-tester.js';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { passThroughComponents } from '@plumbline/core/checks/pass-through-component';
import type { CheckSettings } from '@plumbline/core';

ruleTester().run('pass-through-component', rule, {
  valid: [
    // adds, renames, defaults or drops props
    `import { Card } from './card'; export function Compact(props: any) { return <Card {...props} compact />; }`,
    `import { Card } from './card'; export function Named({ label }: any) { return <Card title={label} />; }`,
    `import { Card } from './card'; export function Defaulted({ title = 'x' }) { return <Card title={title} />; }`,
    `import { Card } from './card'; export function Dropping({ title, id }) { return <Card title={title} />; }`,
    // narrows the API: Omit, a type literal, an interface with members
    `import { Card } from './card'; import type { CardProps } from './card'; export function Fixed(props: Omit<CardProps, 'size'>) { return <Card {...props} />; }`,
    `import { Card } from './card'; interface Props { title: string } export function Titled(props: Props) { return <Card {...props} />; }`,
    `import { Card } from './card'; import type { Props } from './types'; export function Other(props: Props) { return <Card {...props} />; }`,
    // renders more than the element, or a DOM element
    `import { Card } from './card'; export function Framed(props: any) { return <div><Card {...props} /></div>; }`,
    `import { Card } from './card'; export function WithText(props: any) { return <Card {...props}>more</Card>; }`,
    `export function Box(props: any) { return <div {...props} />; }`,
    // memo and forwardRef are jobs
    `import { memo } from 'react'; import { Card } from './card'; export const Memo = memo((props: any) => <Card {...props} />);`,
    `import { forwardRef } from 'react'; import { Card } from './card'; export const Ref = forwardRef((props: any, ref) => <Card {...props} ref={ref} />);`,
    // a UI library's component: an adapter (quiet by default)
    `import { Checkbox } from '@mantine/core'; export function MyCheckbox(props: any) { return <Checkbox {...props} />; }`,
    // route files and the client boundary
    {
      code: `import { Invoices } from '../../ui/invoices'; export default function Page(props: any) { return <Invoices {...props} />; }`,
      filename: 'src/app/invoices/page.tsx',
    },
    `'use client';\nimport { Chart } from './chart'; export function ClientChart(props: any) { return <Chart {...props} />; }`,
    // stories and tests
    { code: `import { Card } from './card'; export const Template = (args: any) => <Card {...args} />;`, filename: 'src/card.stories.tsx' },
    // generic components, components without props, unknown targets
    `import { List } from './list'; export function Typed<T>(props: ListProps<T>) { return <List {...props} />; }`,
    `import { Spinner } from './spinner'; export const Loading = () => <Spinner />;`,
    `export function Slot({ as: As, ...rest }: any) { return <As {...rest} />; }`,
    // a context's Provider component names the context for its users
    `import { SaveContext } from './SaveContext'; export const SaveContextProvider = ({ children, value }: any) => (<SaveContext.Provider value={value}>{children}</SaveContext.Provider>);`,
  ],
  invalid: [
    {
      code: `import { Card } from './card';\nexport function InvoiceCard(props: any) {\n  return <Card {...props} />;\n}`,
      errors: [
        {
          messageId: 'passThroughComponent',
          line: 2,
          column: 17,
          endLine: 2,
          endColumn: 28,
          data: { name: 'InvoiceCard', target: 'Card' },
        },
      ],
    },
    {
      code: `import { Dialog } from '@/ui/dialog';\nexport const Modal = ({ title, onClose, children }: any) => (\n  <Dialog title={title} onClose={onClose}>\n    {children}\n  </Dialog>\n);`,
      errors: [
        { messageId: 'passThroughComponent', line: 2, column: 14, endLine: 2, endColumn: 19, data: { name: 'Modal', target: 'Dialog' } },
      ],
    },
    {
      code: `import * as UI from './ui';\nimport type { ComponentProps } from 'react';\nexport function Panel({ ...rest }: ComponentProps<typeof UI.Panel>) { return <UI.Panel {...rest} />; }`,
      errors: [
        { messageId: 'passThroughComponent', line: 3, column: 17, endLine: 3, endColumn: 22, data: { name: 'Panel', target: 'UI.Panel' } },
      ],
    },
    {
      code: `import { Button } from './button';\nimport type { ButtonProps } from './button';\nexport function SubmitButton(props: ButtonProps) { return <Button {...props}>{props.children}</Button>; }`,
      errors: [{ messageId: 'passThroughComponent', line: 3, column: 17, endLine: 3, endColumn: 29 }],
    },
    {
      code: `import { Checkbox } from '@mantine/core';\nexport function MyCheckbox(props: any) { return <Checkbox {...props} />; }`,
      options: [{ includePackageTargets: true }],
      errors: [{ messageId: 'passThroughComponent', line: 2, column: 17, endLine: 2, endColumn: 27 }],
    },
  ],
});

describe('pass-through-component in a published library', () => {
  const code = `import { Card } from './card';\nexport function InvoiceCard(props: any) {\n  return <Card {...props} />;\n}\nfunction Local(props: any) {\n  return <Card {...props} />;\n}`;
  const names = (path: string, pkg: { private: boolean; declaresEntry: boolean }) => {
    const sf = ts.createSourceFile(path, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const settings = {
      modules: { mappings: [], packages: [{ name: 'ra-core', dir: 'packages/ra-core', entries: [], ...pkg }] },
    } as unknown as CheckSettings;
    return passThroughComponents(ts, sf, path, settings).map((c) => c.name);
  };
  it('leaves the exported components of a published library alone (its users import them), not its local ones', () => {
    expect(names('packages/ra-core/src/InvoiceCard.tsx', { private: false, declaresEntry: true })).toEqual(['Local']);
  });
  it('reports them in a private package or an app', () => {
    expect(names('packages/ra-core/src/InvoiceCard.tsx', { private: true, declaresEntry: true })).toEqual(['InvoiceCard', 'Local']);
    expect(names('apps/web/src/InvoiceCard.tsx', { private: false, declaresEntry: true })).toEqual(['InvoiceCard', 'Local']);
  });
});
