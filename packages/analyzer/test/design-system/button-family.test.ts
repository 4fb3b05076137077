import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from './fixture.js';

describe('design-system: a family of re-implemented buttons', () => {
  const out = analyzeFixture('design-system', 'button-family');

  it('infers the design system from the workspace package named ui', () => {
    expect(out.settingsErrors).toEqual([]);
    expect(out.result.metrics['design-system-adoption']).toMatchObject({
      source: 'inferred',
      packages: ['@acme/ui'],
      paths: ['packages/ui'],
    });
  });

  it('reports the five re-implementations as ONE finding, with every member and the component to use', () => {
    const shadows = findingsOf(out, 'design-system-shadow');
    expect(shadows).toHaveLength(1);
    const [f] = shadows;
    expect(f).toMatchObject({ file: 'apps/web/src/account/primary-button.tsx', line: 3, column: 14, endLine: 3, endColumn: 27 });
    expect(f!.message).toMatch(
      /^5 components re-implement the design system's `Button` \(they render a raw <button>, as `Button` does\): /,
    );
    for (const name of ['PrimaryButton', 'SubmitButton', 'BlueButton', 'MainBtn', 'DangerButton']) expect(f!.message).toContain(name);
    expect(f!.message).toMatch(/Use `Button` from `@acme\/ui` instead\.$/);
    expect(f!.related).toEqual([
      'apps/web/src/account/submit-button.tsx:1',
      'apps/web/src/checkout/blue-button.tsx:3',
      'apps/web/src/checkout/main-btn.tsx:3',
      'apps/web/src/settings/danger-button.tsx:3',
      'packages/ui/src/button.tsx:8',
    ]);
    expect(out.result.findings.find((x) => x.ruleId === 'design-system-shadow')!.effortMinutes).toBe(150);
  });

  it('does not report the raw <button> inside each re-implementation a second time', () => {
    expect(findingsOf(out, 'prefer-design-system-component')).toEqual([]);
  });

  it('stays quiet on components that compose the design system, names without the element, tests and stories', () => {
    const all = out.result.findings.map((f) => f.file);
    expect(all).not.toContain('apps/web/src/settings/save-bar.tsx');
    expect(all).not.toContain('apps/web/src/settings/button-group.tsx');
    expect(all).not.toContain('apps/web/src/checkout/blue-button.stories.tsx');
    expect(all).not.toContain('apps/web/src/checkout/__tests__/fake-button.tsx');
    // the family is the design system's to report: no second finding for it as a component family
    expect(findingsOf(out, 'component-family')).toEqual([]);
  });

  it('gives the family a fingerprint that survives moves and changes when a member is added', () => {
    const f = out.result.findings.find((x) => x.ruleId === 'design-system-shadow')!;
    expect(f.fingerprint).toMatch(/^[0-9a-f]{20}$/);
  });
});

describe('design-system-shadow: a name match needs a root that looks like the primitive', () => {
  const out = analyzeFixture('design-system', 'button-family');

  it('stays quiet on an icon-only ...Button, a text-link ...Button and frameless ...Inputs the design system cannot draw', () => {
    const shadow = findingsOf(out, 'design-system-shadow')[0]!;
    for (const name of ['CloseButton', 'ResetButton', 'SearchInput', 'InlineTitleInput']) expect(shadow.message).not.toContain(name);
    expect(findingsOf(out, 'design-system-shadow')).toHaveLength(1);
    expect(out.result.findings.filter((f) => f.file.startsWith('apps/web/src/toolbar/'))).toEqual([]);
  });
});
