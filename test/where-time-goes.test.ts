// scripts/bench/where-time-goes.mjs: each extractor, check and detector timed, and what each runs for.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module of the bench, without type declarations
import { timeMethod, timeParts } from '../scripts/bench/where-time-goes.mjs';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('where-time-goes', () => {
  it('adds each call of a method to its row and puts the method back', () => {
    const o = {
      n: 1,
      work(x: number) {
        busy(5);
        return x + this.n;
      },
    };
    const original = o.work;
    const row = { ms: 0, calls: 0 };
    const restore = timeMethod(o, 'work', row);
    expect(o.work(2)).toBe(3);
    expect(o.work(3)).toBe(4);
    expect(row.calls).toBe(2);
    expect(row.ms).toBeGreaterThanOrEqual(9);
    restore();
    expect(o.work).toBe(original);
  });

  it('times extractors, checks and detectors, says whether the config reports them or the rating alone runs them, and restores them', async () => {
    const extractor = { name: 'tokens', extract: () => busy(2) };
    const check = { meta: { id: 'magic-number' }, run: () => busy(2) };
    const detector = { id: 'family', rules: [{ id: 'component-family' }], detect: () => busy(4) };
    const metrics = { id: 'adoption', rules: [], detect: () => undefined };
    const core = {
      FILE_CHECKS: [check],
      ruleSeverity: (_config: unknown, meta: { id: string }) => (meta.id === 'magic-number' ? 'warning' : null),
      isRatedRule: (id: string) => id === 'component-family',
    };
    const analyzer = { EXTRACTORS: [extractor], DETECTORS: [detector, metrics] };
    const originals = [extractor.extract, check.run, detector.detect];
    const { value, rows } = await timeParts(
      () => {
        extractor.extract();
        check.run();
        detector.detect();
        return 'done';
      },
      { analyzer, core, config: {} },
    );
    expect(value).toBe('done');
    const byId = Object.fromEntries(rows.map((r: { id: string }) => [r.id, r]));
    expect(byId.tokens).toMatchObject({ kind: 'extractor', calls: 1 });
    expect(byId['magic-number']).toMatchObject({ kind: 'check', calls: 1, reported: true });
    expect(byId.family).toMatchObject({ kind: 'detector', calls: 1, reported: false, rated: true, ruleIds: ['component-family'] });
    expect(byId.family.ms).toBeGreaterThanOrEqual(3.5);
    // a detector without rules (metrics only) always runs: it counts as reported
    expect(byId.adoption).toMatchObject({ calls: 0, reported: true });
    expect([extractor.extract, check.run, detector.detect]).toEqual(originals);
  });
});
