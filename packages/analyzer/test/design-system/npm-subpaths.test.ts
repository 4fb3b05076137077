import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCheckSettings, defaultConfig, designSystemOf } from '@plumbline/core';

describe('design system from npm, not installed: the public subpaths the repository imports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-npm-subpaths-'));
  const put = (rel: string, text: string) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  put('package.json', JSON.stringify({ name: 'app', private: true, dependencies: { '@radix-ui/themes': '^3.0.0' } }));
  for (let i = 0; i < 12; i++)
    put(
      `src/page${i}.tsx`,
      `import { Button, Flex } from '@radix-ui/themes';\nexport const Page${i} = () => <Flex><Button>go</Button></Flex>;\n`,
    );
  put('src/label.tsx', "import { Responsive } from '@radix-ui/themes/props';\nexport const size: Responsive<'1'> = '1';\n");
  put(
    'src/callout.tsx',
    "import { MarginProps } from '@radix-ui/themes/dist/esm/props/margin.props.js';\nexport const Callout = (p: MarginProps) => p;\n",
  );
  put('src/app.tsx', "import '@radix-ui/themes/styles.css';\nexport const App = 1;\n");
  const ds = designSystemOf(buildCheckSettings(dir, defaultConfig()).settings);

  it('does not take a name imported from its dist tree for a component of its entry', () => {
    expect(ds?.components.map((c) => c.name)).toContain('Button');
    expect(ds?.components.map((c) => c.name)).not.toContain('MarginProps');
  });

  it('keeps `props`, not the internal dist path or the stylesheet', () => {
    expect(ds?.packages.find((p) => p.name === '@radix-ui/themes')).toMatchObject({
      dir: null,
      entryPoints: null,
      importedSubpaths: ['props'],
    });
  });
});
