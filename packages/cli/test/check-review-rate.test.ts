// plumbline check's rate line: the change's new debt per 1,000 added lines against the last 26 weeks the
// history store holds (written by `plumbline trend`), on a real git history.
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { main } from '../src/cli.js';
import { describeRate } from '../src/review/index.js';
import { io } from './git-repo.js';
import { ALICE, buildSixWeeks } from './trend-repo.js';

const six = buildSixWeeks();
afterAll(() => six.repo.cleanup());

describe('check --base: the rate against the history store', () => {
  it('is absent without a history store, and compares with the stored weeks once trend has run', async () => {
    const { repo } = six;
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write(
      'src/features/invoices.ts',
      "import { fetchUser } from './users';\n\nexport function loadInvoiceUser(id: string) {\n  return fetchUser(id);\n}\n",
    );
    repo.commit(ALICE, '2024-02-07T10:00:00Z', 'invoices');
    const before = await check({ root: repo.dir, base: 'main', thresholds: { overall: {}, byCategory: {} } });
    expect(before.review!.rate).toBeNull();

    repo.git(['checkout', '-q', 'main']);
    const t = io(repo.dir);
    expect(await main(['trend', '--since', '2024-01-01'], t.handle)).toBe(0);
    repo.git(['checkout', '-q', 'feature']);

    const outcome = await check({ root: repo.dir, base: 'main', thresholds: { overall: {}, byCategory: {} } });
    const rate = outcome.review!.rate!;
    expect(rate).not.toBeNull();
    expect(rate.change.addedLines).toBe(5);
    expect(rate.change.debtMinutes).toBe(outcome.verdict.newDebtMinutes);
    expect(rate.repository.intervals).toBeGreaterThan(0);
    expect(rate.repository.debtMinutes).toBeGreaterThan(0);
    expect(rate.ratio).toBeCloseTo(rate.change.per1000 / rate.repository.per1000, 6);
    expect(describeRate(rate)).toMatch(
      /^this change adds debt at \d+\.\dx the repository's rate \(\d+ min per 1,000 added lines; the last 26 weeks: /,
    );
    const md = io(repo.dir);
    await main(['check', '--base', 'main', '-f', 'markdown'], md.handle);
    expect(md.out.stdout).toContain(`**Rate:** ${describeRate(rate)}`);
  });
});
