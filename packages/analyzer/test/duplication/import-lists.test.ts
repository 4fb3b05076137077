import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from '../design-system/fixture.js';
import { jscpdBinary, runJscpd } from './jscpd.js';

const root = new URL('../../../../fixtures/duplication/import-lists/', import.meta.url).pathname;

describe('copied-code: identical import lists', () => {
  it('are not copied logic: quiet', () => {
    expect(findingsOf(analyzeFixture('duplication', 'import-lists'), 'copied-code')).toEqual([]);
  });

  const bin = jscpdBinary();
  it.skipIf(!bin)('where jscpd reports them (a deliberate difference)', () => {
    expect(runJscpd(bin!, root, ['--min-tokens', '50', '--min-lines', '5', '--format', 'tsx']).length).toBeGreaterThan(0);
  });
});
