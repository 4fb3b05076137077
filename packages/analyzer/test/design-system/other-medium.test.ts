import { join } from 'node:path';
import { buildCheckSettings, loadConfig } from '@plumbline/core';
import type { DesignSystemSettings } from '@plumbline/core';
import { describe, expect, it } from 'vitest';
import { otherMedium } from '../../../core/src/settings/discovery/packages.js';
import { analyzeFixture, findingsOf } from './fixture.js';

const root = join(import.meta.dirname, '../../../../fixtures/design-system/email-kit');

// react-email's e-mail component package was taken for its website's design system, and the site's `Anchor` for a
// shadow of the e-mail `Link` (judged wrong twice): a component package for another medium is not the web app's
describe('design-system discovery: a component package for another medium (e-mail, PDF, terminal)', () => {
  it('does not take an e-mail component package for the design system, however many files import its Button and Link', () => {
    const ds = buildCheckSettings(root, loadConfig(root)).settings.designSystem as DesignSystemSettings;
    expect(ds.packages.map((p) => p.name)).not.toContain('@acme/kit');
    expect(ds.components.some((c) => c.importFrom.startsWith('@acme/kit'))).toBe(false);
  });

  it('reports no web component as a shadow of an e-mail component, and sends no raw element to one', () => {
    const out = analyzeFixture('design-system', 'email-kit');
    expect(findingsOf(out, 'design-system-shadow', 'prefer-design-system-component')).toEqual([]);
  });

  it('reads the medium from the package name or its runtime dependencies, never from a development dependency', () => {
    expect(otherMedium('@acme/kit', { dependencies: { '@react-email/render': '1' } })).toBe('e-mail');
    expect(otherMedium('react-email', null)).toBe('e-mail');
    expect(otherMedium('@acme/emails', {})).toBe('e-mail');
    expect(otherMedium('@acme/invoice', { peerDependencies: { '@react-pdf/renderer': '4' } })).toBe('PDF');
    expect(otherMedium('@acme/cli-ui', { dependencies: { ink: '5' } })).toBe('terminal');
    expect(otherMedium('@acme/ui', { dependencies: { react: '19' }, devDependencies: { '@react-email/render': '1' } })).toBeNull();
    expect(otherMedium('@acme/ui', { dependencies: { 'ink-link': '1', inkjs: '2' } })).toBe('terminal');
  });
});
