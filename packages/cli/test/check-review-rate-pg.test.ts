// check's rate line read from a shared PostgreSQL history store (PLUMBLINE_STORE), as trend wrote it there.
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { main } from '../src/cli.js';
import { io } from './git-repo.js';
import { dropDatabases, freshDatabase, skipPg } from './store-pg.js';
import { ALICE, buildSixWeeks } from './trend-repo.js';

const six = buildSixWeeks();
afterAll(async () => {
  six.repo.cleanup();
  if (!skipPg) await dropDatabases();
});

describe.skipIf(skipPg)('check --base: the rate from a PostgreSQL store', () => {
  it('compares with the weeks trend stored in PostgreSQL, and is absent while the database holds none', async () => {
    const { repo } = six;
    const url = await freshDatabase();
    process.env.PLUMBLINE_STORE = url;
    try {
      repo.git(['checkout', '-q', '-b', 'feature']);
      repo.write(
        'src/features/invoices.ts',
        "import { fetchUser } from './users';\n\nexport function loadInvoiceUser(id: string) {\n  return fetchUser(id);\n}\n",
      );
      repo.commit(ALICE, '2024-02-07T10:00:00Z', 'invoices');
      const none = await check({ root: repo.dir, base: 'main', thresholds: { overall: {}, byCategory: {} } });
      expect(none.review!.rate).toBeNull();

      repo.git(['checkout', '-q', 'main']);
      expect(await main(['trend', '--since', '2024-01-01'], io(repo.dir).handle)).toBe(0);
      repo.git(['checkout', '-q', 'feature']);
      const outcome = await check({ root: repo.dir, base: 'main', thresholds: { overall: {}, byCategory: {} } });
      const rate = outcome.review!.rate!;
      expect(rate).not.toBeNull();
      expect(rate.repository.intervals).toBeGreaterThan(0);
      expect(rate.change.debtMinutes).toBe(outcome.verdict.newDebtMinutes);
    } finally {
      delete process.env.PLUMBLINE_STORE;
    }
  });
});
