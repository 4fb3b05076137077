import type { DesignSystemSettings } from '@plumbline/core';
import rule from '../../src/rules/prefer-design-system-component.js';
import { ruleTester } from '../rule-tester.js';

const ui: DesignSystemSettings = {
  source: 'inferred',
  packages: [{ name: '@acme/ui', dir: 'packages/ui', entryPoints: ['.'] }],
  paths: ['packages/ui'],
  components: [
    { name: 'Button', element: 'button', importFrom: '@acme/ui', isPath: false },
    { name: 'Input', element: 'input', importFrom: '@acme/ui', isPath: false },
    { name: 'Heading', element: 'h2', importFrom: '@acme/ui', isPath: false },
  ],
  elements: {
    button: { component: 'Button', importFrom: '@acme/ui', isPath: false },
    input: { component: 'Input', importFrom: '@acme/ui', isPath: false },
    h1: { component: 'Heading', importFrom: '@acme/ui', isPath: false },
    h2: { component: 'Heading', importFrom: '@acme/ui', isPath: false },
  },
  consumers: ['apps/web'],
  aliases: [],
};
const shadcn: DesignSystemSettings = {
  source: 'inferred',
  packages: [],
  paths: ['src/components/ui'],
  components: [{ name: 'Button', element: 'button', importFrom: 'src/components/ui/button', isPath: true }],
  elements: { button: { component: 'Button', importFrom: 'src/components/ui/button', isPath: true } },
  consumers: null,
  aliases: [{ scope: '', prefix: '@/', target: 'src' }],
};
const settings = { plumbline: { designSystem: ui } };
const withIconButton = {
  plumbline: {
    designSystem: {
      ...ui,
      components: [...ui.components, { name: 'IconButton', element: 'button', importFrom: '@acme/ui', isPath: false }],
      elements: { ...ui.elements, 'button[icon]': { component: 'IconButton', importFrom: '@acme/ui', isPath: false } },
    },
  },
};
const withImage = {
  plumbline: { designSystem: { ...ui, elements: { ...ui.elements, img: { component: 'Image', importFrom: '@acme/ui', isPath: false } } } },
};
/** A project with plumbline.config.json naming an npm design system and its elements: found from the file's path. */
const configured = new URL('../../../../fixtures/design-system/configured/src/filters.tsx', import.meta.url).pathname;
const app = 'apps/web/src/toolbar.tsx';

/** Cases of every raw element the component replaces: they run with `report: "all"` (the default is below). */
const everyElement = {
  valid: [
    // the design-system component itself
    { code: `import { Button } from '@acme/ui';\nconst a = <Button>Save</Button>;`, filename: app, settings },
    // raw elements the design system has nothing for
    { code: `const a = <div className="x"><span>1</span></div>;`, filename: app, settings },
    // inputs that a text field does not replace
    { code: `const a = <><input type="checkbox" /><input type="hidden" name="t" /><input type="file" /></>;`, filename: app, settings },
    // the design system's own implementation
    { code: `export const Button = () => <button className="btn" />;`, filename: 'packages/ui/src/button.tsx', settings },
    // a package that does not depend on the design system
    { code: `const a = <button>Open</button>;`, filename: 'packages/email/src/welcome.tsx', settings },
    // tests and stories
    { code: `const a = <button>Open</button>;`, filename: 'apps/web/src/toolbar.test.tsx', settings },
    { code: `const a = <button>Open</button>;`, filename: 'apps/web/src/toolbar.stories.tsx', settings },
    // no design system known: quiet
    { code: `const a = <button>Open</button>;`, filename: app },
    // elements switched off by option
    { code: `const a = <button>Open</button>;`, filename: app, settings, options: [{ ignoreElements: ['button'] }] },
    // clickable containers: a row, a card, a swatch is not what a Button or a Link replaces
    { code: `const a = <button onClick={open}><div className="row"><span>Invoice</span></div></button>;`, filename: app, settings },
    { code: `const a = <button onClick={pick}>{ok && <img src={src} alt="" />}</button>;`, filename: app, settings },
    // icon-only click targets (an svg, an icon library's component, a name ending in Icon, with a screen-reader label):
    // a Button would add padding and font styles; with no IconButton in the design system, quiet
    { code: `const a = <button onClick={close}><svg viewBox="0 0 8 8"><path d="M0 0" /></svg></button>;`, filename: app, settings },
    {
      code: `import { X } from 'lucide-react';\nconst a = <button className="rounded p-1 hover:bg-gray-100" onClick={remove}><X className="size-3" /><span className="sr-only">Remove</span></button>;`,
      filename: app,
      settings,
    },
    {
      code: `const a = <button className="rounded-full p-2" onClick={toggle}>{open ? <ChevronUpIcon /> : <ChevronDownIcon />}</button>;`,
      filename: app,
      settings,
    },
    // an icon-only control with no box of its own (a chip's remove "x"), even where the design system has an IconButton
    {
      code: `const a = <button className="grid place-items-center text-tertiary hover:text-secondary" onClick={remove}><CloseIcon height={10} width={10} /></button>;`,
      filename: app,
      settings: withIconButton,
    },
    // unstyled wrappers: a popover trigger, a colour swatch, a calendar cell, a link in running text
    {
      code: `const a = <Popover.Button as={Fragment}><button type="button"><span className="size-4 rounded-full" style={{ background: color }} /></button></Popover.Button>;`,
      filename: app,
      settings,
    },
    { code: `const a = <button type="button" onClick={() => pick(day)}>{day.label}</button>;`, filename: app, settings },
    { code: `const a = <p>Read the <a href="/terms">terms</a> first.</p>;`, filename: app, settings },
    // props only from a spread: a headless library's element (dropzone, combobox, date picker)
    { code: `const a = <div {...getRootProps()}><input {...getInputProps()} /></div>;`, filename: app, settings },
    { code: `const a = <button {...getToggleButtonProps()}>Open</button>;`, filename: app, settings },
    // an image with no look of its own: an icon at its given size
    { code: `const a = <img src={value.iconUrl} alt={value.name} width={32} height={32} />;`, filename: app, settings: withImage },
    // segments and tabs: the look is chosen by comparing a value
    {
      code: `const a = <button className={cn('flex-1 rounded-md px-3 py-1 text-sm', value === 'plus' ? 'bg-gray-800 text-white' : 'text-gray-600')} onClick={() => onChange('plus')}>Plus</button>;`,
      filename: app,
      settings,
    },
    // a state or a choice role: a toggle pill (aria-pressed), a tab of a tab strip
    {
      code: `const a = <button type="button" aria-pressed={on} className="rounded-full border px-3 py-1 text-xs" onClick={toggle}>Watch</button>;`,
      filename: app,
      settings,
    },
    {
      code: `const a = <button type="button" role="tab" className="rounded-md border-b-2 px-3 py-2 text-sm" onClick={() => select(s)}>{s.label}</button>;`,
      filename: app,
      settings,
    },
    // rows and tiles: a tree entry aligned to the start, a full-width navigation row with only a hover fill, a picker tile
    {
      code: `const a = <button type="button" className="flex-1 flex items-center gap-2 px-2 py-1.5 text-sm hover:bg-muted/50 rounded-md text-left">{entry.name}</button>;`,
      filename: app,
      settings,
    },
    {
      code: `const a = <button type="button" className="flex w-full items-center px-3 py-2 text-sm text-muted-foreground hover:bg-accent">Show hidden labels</button>;`,
      filename: app,
      settings,
    },
    {
      code: `const a = <button type="button" className="flex flex-col items-center gap-1.5 p-2 rounded-lg border hover:bg-muted"><Icon /><span>{i.title}</span></button>;`,
      filename: app,
      settings,
    },
    // a headless library's input keeps its own classes (a visually hidden file input of a dropzone)
    {
      code: `const a = <input {...getInputProps({ multiple })} className={styles.hiddenInput} accept="image/*" />;`,
      filename: app,
      settings,
    },
    { code: `const a = <input {...dropzoneInputProps} name={name} className="sr-only" />;`, filename: app, settings },
    // input groups: a frameless input inside a bordered group, an input beside an addon, rounded on one side
    {
      code: `const a = <div className="flex rounded-md border"><input className="block w-full rounded-r-none border-0 focus:ring-0" /><span>.com</span></div>;`,
      filename: app,
      settings,
    },
    {
      code: `const a = <div className="flex"><span className="rounded-l-md border px-3">https://</span><input className="block w-full rounded-r-md border-neutral-300" /></div>;`,
      filename: app,
      settings,
    },
    {
      code: `const a = <div className="relative"><SearchIcon className="absolute left-2 top-2" /><input className="w-full rounded border pl-8" /></div>;`,
      filename: app,
      settings,
    },
    // a text-link button: styled without a box (no fill, border, ring, shadow or rounding)
    {
      code: `const a = <button type="button" className="text-xs font-medium text-neutral-700 hover:text-neutral-950" onClick={reset}>Reset to default</button>;`,
      filename: app,
      settings,
    },
    // an underline tab: the underline is drawn by a pseudo-element, not a box around the button
    {
      code: `const a = <button className="relative pb-2 text-sm after:absolute after:bottom-0 after:h-0.5 after:bg-primary" onClick={show}>Request</button>;`,
      filename: app,
      settings,
    },
    // an underlined text button; a trigger whose look comes from the component inside it (a custom class beside utilities)
    {
      code: `const a = <button type="button" className="btn w-fit text-xs underline" onClick={open}>Change email</button>;`,
      filename: app,
      settings,
    },
    {
      code: `const a = <button type="button" className="clickable block h-full outline-none" onClick={toggle}><DropdownButton>{t('due')}</DropdownButton></button>;`,
      filename: app,
      settings,
    },
    // a menu row; an icon button whose only "box" is rounding
    {
      code: `const a = <button type="button" className="flex w-full items-center justify-between rounded-sm px-1 py-1.5 hover:bg-layer-1" onClick={toggle}>Show weekends</button>;`,
      filename: app,
      settings: withIconButton,
    },
    {
      code: `const a = <button type="button" className="place-items-center self-center rounded-sm" onClick={remove}><CloseIcon /></button>;`,
      filename: app,
      settings: withIconButton,
    },
    // a button whose only content is a value in a variable (a card, a tag pill, a trigger showing the selection)
    { code: `const a = <button className="rounded border px-2" onClick={open}>{selected.name}</button>;`, filename: app, settings },
    // unstyled: under Tailwind's preflight a bare <button> or <input> has no look a Button or Input would keep
    { code: `const a = <button onClick={save}>Save</button>;`, filename: app, settings },
    // member and namespaced tags are not raw elements
    { code: `const a = <motion.button />;`, filename: app, settings },
    // an input with an addon shown on a condition, or room kept on one side for an overlaid prefix: an input group
    {
      code: `const a = <div className="relative">{currency && <span className="absolute left-2">$</span>}<input className="w-full rounded border" /></div>;`,
      filename: app,
      settings,
    },
    { code: `const a = <input className="block w-full rounded-md border pl-6" />;`, filename: app, settings },
  ],
  invalid: [
    {
      // an image with a look of its own (a rounded, bordered avatar) is what an Image component draws
      code: `const a = <img className="rounded-full border" src={src} alt="" />;`,
      filename: app,
      settings: withImage,
      errors: [
        {
          messageId: 'rawElement',
          line: 1,
          column: 12,
          endLine: 1,
          endColumn: 15,
          data: { element: 'img', component: 'Image', from: '@acme/ui' },
          suggestions: [
            {
              messageId: 'useComponent',
              data: { component: 'Image', from: '@acme/ui' },
              output: `import { Image } from '@acme/ui';\nconst a = <Image className="rounded-full border" src={src} alt="" />;`,
            },
          ],
        },
      ],
    },
    {
      // adds a new import after the last one, renames both tags
      code: `import { useState } from 'react';\n\nexport function Save() {\n  return <button className="rounded border" onClick={() => 1}>Save</button>;\n}`,
      filename: app,
      settings,
      errors: [
        {
          messageId: 'rawElement',
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 17,
          data: { element: 'button', component: 'Button', from: '@acme/ui' },
          suggestions: [
            {
              messageId: 'useComponent',
              data: { component: 'Button', from: '@acme/ui' },
              output: `import { useState } from 'react';\nimport { Button } from '@acme/ui';\n\nexport function Save() {\n  return <Button className="rounded border" onClick={() => 1}>Save</Button>;\n}`,
            },
          ],
        },
      ],
    },
    {
      // joins an existing import from the design system, keeps double quotes and no semicolons
      code: `import { Stack } from "@acme/ui"\nconst a = <Stack><input className="border" name="q" /></Stack>`,
      filename: app,
      settings,
      errors: [
        {
          messageId: 'rawElement',
          line: 2,
          column: 19,
          endLine: 2,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'useComponent',
              output: `import { Stack, Input } from "@acme/ui"\nconst a = <Stack><Input className="border" name="q" /></Stack>`,
            },
          ],
        },
      ],
    },
    {
      // already imported under another name: uses it
      code: `import { Button as UIButton } from '@acme/ui';\nconst a = <button className="rounded border">OK</button>;`,
      filename: app,
      settings,
      errors: [
        {
          messageId: 'rawElement',
          line: 2,
          column: 12,
          endLine: 2,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'useComponent',
              output: `import { Button as UIButton } from '@acme/ui';\nconst a = <UIButton className="rounded border">OK</UIButton>;`,
            },
          ],
        },
      ],
    },
    {
      // a directive stays first
      code: `'use client';\nconst a = <button type="submit" className="rounded border">Go</button>;`,
      filename: app,
      settings,
      errors: [
        {
          messageId: 'rawElement',
          line: 2,
          column: 12,
          endLine: 2,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'useComponent',
              output: `'use client';\nimport { Button } from '@acme/ui';\nconst a = <Button type="submit" className="rounded border">Go</Button>;`,
            },
          ],
        },
      ],
    },
    {
      // the name is taken by something else: reported, no mechanical rewrite
      code: `import { Button } from 'react-aria-components';\nconst a = <button className="rounded border">OK</button>;`,
      filename: app,
      settings,
      errors: [{ messageId: 'rawElement', line: 2, column: 12, endLine: 2, endColumn: 18, suggestions: [] }],
    },
    {
      // an icon-only button, when the design system has an IconButton: that is the component named
      code: `const a = <button className="rounded p-1 hover:bg-gray-100" onClick={close} aria-label="Close"><XIcon /></button>;`,
      filename: app,
      settings: withIconButton,
      errors: [
        {
          messageId: 'rawElement',
          line: 1,
          column: 12,
          endLine: 1,
          endColumn: 18,
          data: { element: 'button', component: 'IconButton', from: '@acme/ui' },
          suggestions: [
            {
              messageId: 'useComponent',
              output: `import { IconButton } from '@acme/ui';\nconst a = <IconButton className="rounded p-1 hover:bg-gray-100" onClick={close} aria-label="Close"><XIcon /></IconButton>;`,
            },
          ],
        },
      ],
    },
    {
      // headings: reported without a rewrite (the level is the design system's API)
      code: `const a = <h2>Title</h2>;`,
      filename: app,
      settings,
      errors: [
        {
          messageId: 'rawElement',
          line: 1,
          column: 12,
          endLine: 1,
          endColumn: 14,
          data: { element: 'h2', component: 'Heading', from: '@acme/ui' },
          suggestions: [],
        },
      ],
    },
    {
      // a text input by explicit type; an input whose type is an expression counts too
      code: `const a = <><input type="email" className="border" /><input type={t} className="border" /></>;`,
      filename: app,
      settings,
      errors: [
        {
          messageId: 'rawElement',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'useComponent',
              output: `import { Input } from '@acme/ui';\nconst a = <><Input type="email" className="border" /><input type={t} className="border" /></>;`,
            },
          ],
        },
        {
          messageId: 'rawElement',
          line: 1,
          column: 55,
          endLine: 1,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'useComponent',
              output: `import { Input } from '@acme/ui';\nconst a = <><input type="email" className="border" /><Input type={t} className="border" /></>;`,
            },
          ],
        },
      ],
    },
    {
      // no ESLint settings: the design system comes from the project's plumbline.config.json
      code: `export const Reset = () => <button type="reset" className="rounded border">Reset</button>;`,
      filename: configured,
      errors: [
        {
          messageId: 'rawElement',
          line: 1,
          column: 29,
          endLine: 1,
          endColumn: 35,
          data: { element: 'button', component: 'Button', from: '@northwind/design' },
          suggestions: [
            {
              messageId: 'useComponent',
              output: `import { Button } from '@northwind/design';\nexport const Reset = () => <Button type="reset" className="rounded border">Reset</Button>;`,
            },
          ],
        },
      ],
    },
    {
      // a design system kept as a directory: imported through the tsconfig alias
      code: `const a = <button className="rounded border">Go</button>;`,
      filename: 'src/app/page.tsx',
      settings: { plumbline: { designSystem: shadcn } },
      errors: [
        {
          messageId: 'rawElement',
          line: 1,
          column: 12,
          endLine: 1,
          endColumn: 18,
          data: { element: 'button', component: 'Button', from: '@/components/ui/button' },
          suggestions: [
            {
              messageId: 'useComponent',
              output: `import { Button } from '@/components/ui/button';\nconst a = <Button className="rounded border">Go</Button>;`,
            },
          ],
        },
      ],
    },
  ],
};
const all = <T extends { options?: Array<Record<string, unknown>> }>(c: T) => ({ ...c, options: [{ report: 'all', ...c.options?.[0] }] });
ruleTester().run('prefer-design-system-component (report: all)', rule, {
  valid: everyElement.valid.map(all),
  invalid: everyElement.invalid.map(all),
} as typeof everyElement);

/** shadcn's Input and Button with the classes their source writes (settings/design-system.ts reads them). */
const withLook: DesignSystemSettings = {
  ...shadcn,
  components: [...shadcn.components, { name: 'Input', element: 'input', importFrom: 'src/components/ui/input', isPath: true }],
  elements: {
    button: {
      ...shadcn.elements.button!,
      classes:
        'inline-flex items-center rounded-md text-sm font-medium bg-primary text-primary-foreground hover:bg-primary/90 h-10 px-4 py-2 border border-input bg-background hover:bg-accent'.split(
          ' ',
        ),
    },
    input: {
      component: 'Input',
      importFrom: 'src/components/ui/input',
      isPath: true,
      classes:
        'flex h-10 w-full rounded-md border border-input bg-background px-3 py-2 text-sm placeholder:text-muted-foreground focus-visible:ring-2 focus-visible:ring-ring'.split(
          ' ',
        ),
    },
  },
};
const look = { plumbline: { designSystem: withLook } };
const page = 'src/app/page.tsx';

// The default, `report: "confident"`: with an inferred design system, raw elements that re-create the component's look.
ruleTester().run('prefer-design-system-component (default: confident)', rule, {
  valid: [
    // styled, but nothing of the component's look (a branded pill, a swatch): its own design
    { code: `const a = <button className="rounded-full bg-indigo-500 px-3 py-1 text-white">Go</button>;`, filename: page, settings: look },
    // the component's classes with a colour of its own: a variant the component does not have
    {
      code: `const a = <button className="rounded-md bg-gray-900 px-4 py-2 text-sm text-white hover:bg-gray-800">Back</button>;`,
      filename: page,
      settings: look,
    },
    // a near copy with a padding, size and shadow of its own: its own field, not the component's
    {
      code: `const a = <input className="w-full rounded-md border border-input bg-background px-2 py-1 text-xs shadow-sm" />;`,
      filename: page,
      settings: look,
    },
    // too little in common (two classes) to say it re-creates the look
    { code: `const a = <input className="rounded-md border px-2 text-xs shadow" />;`, filename: page, settings: look },
    // a full-width menu row whose only box is a hover fill (rounding draws none), even with the component's classes
    {
      code: `const a = <button className="w-full rounded-md px-4 py-2 text-sm hover:bg-accent" onClick={pick}>{children}</button>;`,
      filename: page,
      settings: look,
    },
    // a component whose source is not in the repository (an npm package): its look is unknown
    { code: `const a = <button className="rounded-md border px-3 py-1.5">Go</button>;`, filename: app, settings },
    // a component of a `design-system` folder is part of the system
    {
      code: `const a = <input className="h-10 w-full rounded-md border border-input bg-background px-3 py-2 text-sm" />;`,
      filename: 'src/components/design-system/SearchInput.tsx',
      settings: look,
    },
  ],
  invalid: [
    {
      // an input carrying the Input's own classes
      code: `const a = <input className="h-10 w-full rounded-md border border-input bg-background px-3 py-2 text-sm" />;`,
      filename: page,
      settings: look,
      errors: [
        {
          messageId: 'rawElement',
          line: 1,
          column: 12,
          endLine: 1,
          endColumn: 17,
          suggestions: [
            {
              messageId: 'useComponent',
              output: `import { Input } from '@/components/ui/input';\nconst a = <Input className="h-10 w-full rounded-md border border-input bg-background px-3 py-2 text-sm" />;`,
            },
          ],
        },
      ],
    },
    {
      // a button re-drawing the default variant
      code: `const a = <button className="rounded-md bg-primary px-4 py-2 text-sm text-primary-foreground hover:bg-primary/90">Send</button>;`,
      filename: page,
      settings: look,
      errors: [
        {
          messageId: 'rawElement',
          line: 1,
          column: 12,
          endLine: 1,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'useComponent',
              output: `import { Button } from '@/components/ui/button';\nconst a = <Button className="rounded-md bg-primary px-4 py-2 text-sm text-primary-foreground hover:bg-primary/90">Send</Button>;`,
            },
          ],
        },
      ],
    },
    {
      // a configured design system (the team named it): every raw element it replaces, as with report: all
      code: `const a = <button className="rounded border">Go</button>;`,
      filename: page,
      settings: { plumbline: { designSystem: { ...shadcn, source: 'config' as const } } },
      errors: [
        {
          messageId: 'rawElement',
          line: 1,
          column: 12,
          endLine: 1,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'useComponent',
              output: `import { Button } from '@/components/ui/button';\nconst a = <Button className="rounded border">Go</Button>;`,
            },
          ],
        },
      ],
    },
  ],
});
