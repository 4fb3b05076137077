import type { DesignSystemSettings } from '@plumbline/core';
import rule from '../../src/rules/design-system-deep-import.js';
import { ruleTester } from '../rule-tester.js';

const ds: DesignSystemSettings = {
  source: 'config',
  packages: [
    // in this repository: left to deep-import, which follows its re-exports
    { name: '@acme/ui', dir: 'packages/ui', entryPoints: ['.'] },
    // from npm, with an exports map
    { name: '@vendor/kit', dir: null, entryPoints: ['.', './icons', './themes/*'] },
    // from npm, without one
    { name: '@other/ds', dir: null, entryPoints: null },
    // from npm, not installed: the repository imports its public `props` subpath elsewhere
    { name: '@radix/themes', dir: null, entryPoints: null, importedSubpaths: ['props'] },
    // from npm, subpaths only: no '.' entry to suggest
    { name: '@vendor/icons', dir: null, entryPoints: ['./svg/*'] },
  ],
  paths: ['packages/ui'],
  components: [
    { name: 'Button', element: 'button', importFrom: '@vendor/kit', isPath: false },
    { name: 'Input', element: 'input', importFrom: '@vendor/kit', isPath: false },
    { name: 'CloseIcon', element: 'svg', importFrom: '@vendor/kit/icons', isPath: false },
  ],
  elements: {},
  consumers: null,
  aliases: [],
};
const settings = { plumbline: { designSystem: ds } };
const app = 'apps/web/src/page.tsx';

ruleTester().run('design-system-deep-import', rule, {
  valid: [
    { code: `import { Button } from '@vendor/kit';`, filename: app, settings },
    // subpaths the package's exports map offers, including patterns
    { code: `import { CloseIcon } from '@vendor/kit/icons';\nimport dark from '@vendor/kit/themes/dark';`, filename: app, settings },
    // without an exports map, conventional public subpaths
    { code: `import { Grid } from '@other/ds/grid';`, filename: app, settings },
    // a package of this repository: deep-import reports it, with the re-exports it follows
    { code: `import { Button } from '@acme/ui/src/button';`, filename: app, settings },
    // types of a package whose exports are unknown, never imported from its root here: the root need not export them
    // (antd's SorterResult lives only in antd/es/table/interface)
    {
      code: `import { SorterResult } from '@other/ds/es/table/interface';\nexport type Sort = SorterResult<{ id: string }>;`,
      filename: app,
      settings,
    },
    { code: `import type { PickerProps } from '@other/ds/lib/date-picker/picker';`, filename: app, settings },
    { code: `import { type PickerProps } from '@other/ds/lib/date-picker/picker';`, filename: app, settings },
    // the design system's own files
    { code: `import { X } from '@vendor/kit/dist/x';`, filename: 'packages/ui/src/forms/form.tsx', settings },
    // tests may reach in, and so may their set-up and shared helpers
    { code: `import { Button } from '@vendor/kit/dist/button';`, filename: 'apps/web/src/page.test.tsx', settings },
    { code: `import '@vendor/kit/dist/polyfills';`, filename: 'apps/web/setupTests.ts', settings },
    { code: `export { render } from '@vendor/kit/dist/testing';`, filename: 'apps/web/src/test-utils.tsx', settings },
    // other packages whose names start alike
    { code: `import { x } from '@vendor/kitchen/dist/x';`, filename: app, settings },
    // no design system known
    { code: `import { Button } from '@vendor/kit/dist/button';`, filename: app },
  ],
  invalid: [
    {
      // the same package, but a value (a component rendered, a function called): the root offers the package's components
      code: `import { Table } from '@other/ds/es/table';\nexport const t = <Table />;`,
      filename: app,
      settings,
      errors: [{ messageId: 'deepImport', line: 1, data: { specifier: '@other/ds/es/table', entry: '@other/ds' } }],
    },
    {
      // a name used as a value and as a type is a value
      code: `import { Sorter } from '@other/ds/es/table/sorter';\nexport const s: Sorter = new Sorter();`,
      filename: app,
      settings,
      errors: [{ messageId: 'deepImport', line: 1, data: { specifier: '@other/ds/es/table/sorter', entry: '@other/ds' } }],
    },
    {
      // no '.' entry: the subpath its exports map offers for the file, not the bare package
      code: `import { Close } from '@vendor/icons/dist/svg/close.js';`,
      filename: app,
      settings,
      errors: [
        {
          messageId: 'deepImport',
          line: 1,
          column: 23,
          endLine: 1,
          endColumn: 56,
          data: { specifier: '@vendor/icons/dist/svg/close.js', entry: '@vendor/icons/svg/close' },
          suggestions: [],
        },
      ],
    },
    {
      // no '.' entry and no subpath for the file: says so rather than naming an entry that does not exist
      code: `import { logo } from '@vendor/icons/dist/raw/logo';`,
      filename: app,
      settings,
      errors: [
        {
          messageId: 'noEntry',
          line: 1,
          column: 22,
          endLine: 1,
          endColumn: 51,
          data: { specifier: '@vendor/icons/dist/raw/logo', package: '@vendor/icons' },
        },
      ],
    },
    {
      code: `import { Button, Input } from '@vendor/kit/dist/button';`,
      filename: app,
      settings,
      errors: [
        {
          messageId: 'deepImport',
          line: 1,
          column: 31,
          endLine: 1,
          endColumn: 56,
          data: { specifier: '@vendor/kit/dist/button', entry: '@vendor/kit' },
          suggestions: [{ messageId: 'useEntry', data: { entry: '@vendor/kit' }, output: `import { Button, Input } from '@vendor/kit';` }],
        },
      ],
    },
    {
      // the entry that exports the name is a subpath
      code: `export { CloseIcon } from "@vendor/kit/esm/icons/close";`,
      filename: app,
      settings,
      errors: [
        {
          messageId: 'deepImport',
          line: 1,
          column: 27,
          endLine: 1,
          endColumn: 56,
          suggestions: [{ messageId: 'useEntry', output: `export { CloseIcon } from "@vendor/kit/icons";` }],
        },
      ],
    },
    {
      // no exports map known: the public subpath the repository imports that holds the module is named, not the
      // bare package, which need not export it (growthbook: MarginProps from Radix Themes' dist/esm/props)
      code: `import { MarginProps } from '@radix/themes/dist/esm/props/margin.props.js';\nimport { X } from '@radix/themes/dist/esm/components/x.js';`,
      filename: app,
      settings,
      errors: [
        {
          messageId: 'deepImport',
          line: 1,
          data: { specifier: '@radix/themes/dist/esm/props/margin.props.js', entry: '@radix/themes/props' },
          suggestions: [],
        },
        { messageId: 'deepImport', line: 2, data: { specifier: '@radix/themes/dist/esm/components/x.js', entry: '@radix/themes' } },
      ],
    },
    {
      // a subpath the exports map does not offer
      code: `import { useToast } from '@vendor/kit/hooks/use-toast';`,
      filename: app,
      settings,
      errors: [
        {
          messageId: 'deepImport',
          line: 1,
          column: 26,
          endLine: 1,
          endColumn: 55,
          data: { specifier: '@vendor/kit/hooks/use-toast', entry: '@vendor/kit' },
          suggestions: [],
        },
      ],
    },
    {
      // dynamic import and require
      code: `const m = await import('@vendor/kit/dist/button');\nconst n = require('@other/ds/lib/grid');`,
      filename: app,
      settings,
      errors: [
        { messageId: 'deepImport', line: 1, column: 24, endLine: 1, endColumn: 49, suggestions: [] },
        {
          messageId: 'deepImport',
          line: 2,
          column: 19,
          endLine: 2,
          endColumn: 39,
          data: { specifier: '@other/ds/lib/grid', entry: '@other/ds' },
          suggestions: [],
        },
      ],
    },
  ],
});
