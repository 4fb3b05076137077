import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from './fixture.js';

describe('design-system: an npm design system named in config, with an elements mapping', () => {
  const out = analyzeFixture('design-system', 'configured');

  it('uses the configured elements for raw elements', () => {
    expect(findingsOf(out, 'prefer-design-system-component').map((f) => [f.file, f.line, f.message])).toEqual([
      [
        'src/filters.tsx',
        6,
        'Raw `<select>`: the design system has `Select` (`@northwind/design`); use it so styles, states and accessibility stay consistent.',
      ],
      [
        'src/filters.tsx',
        9,
        'Raw `<button>`: the design system has `Button` (`@northwind/design`); use it so styles, states and accessibility stay consistent.',
      ],
    ]);
  });

  it('recognises a re-implementation by name and element without the design system source', () => {
    expect(findingsOf(out, 'design-system-shadow')).toEqual([
      {
        ruleId: 'design-system-shadow',
        file: 'src/primary-button.tsx',
        line: 1,
        column: 17,
        endLine: 1,
        endColumn: 30,
        message:
          "`PrimaryButton` re-implements the design system's `Button`: it renders a raw <button>, as `Button` does. Use `Button` from `@northwind/design` instead.",
        related: [],
      },
    ]);
  });

  it('counts adoption over the configured package', () => {
    // <Button> against <select> and <button> (filters); the <button> of PrimaryButton shows only a value held in a
    // variable (`{label}`), which prefer-design-system-component leaves to design-system-shadow
    expect(out.result.summary.designSystemAdoption).toBe(0.3333);
    expect(out.result.metrics['design-system-adoption']).toMatchObject({ source: 'config', designSystem: 1, local: 0, raw: 2 });
  });

  it('says in the summary that the system is configured, without an importer count it did not take', () => {
    expect((out.result.metrics['design-system-adoption'] as { inferred: string }).inferred).toBe(
      'configured: design system @northwind/design (plumbline.config.json); no token files',
    );
  });
});
