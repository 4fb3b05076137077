// One writer process of the store load test: node store-load-writer.mjs <dist dir> <url> <phase> <w> <n>
// phase `snapshots`: writes the snapshots of the repositories i with i % n in {w, w+1} (each snapshot by
// two writers at once); phase `intervals`: the intervals of the same repositories. phase `big`: one
// snapshot of 40,000 findings, again and again, until killed.
import { KEY, REPOS, WEEKS, intervalInput, snapshotInput, repoName, resultOf } from './store-load-data.mjs';

const [dist, url, phase, w, n] = process.argv.slice(2);
const { PgStore } = await import(`${dist}/history/pg-store.js`);
const { storedFinding } = await import(`${dist}/history/records.js`);
const writer = Number(w);
const writers = Number(n);

if (phase === 'big') {
  const store = await PgStore.open(url, 'github.com/load/big', { migrate: true });
  const result = resultOf(0, 0);
  result.findings = Array.from({ length: 40_000 }, (_, k) => ({ ...result.findings[0], fingerprint: `big${k}`, line: k + 1 }));
  process.stdout.write('ready\n');
  for (;;) await store.addSnapshot({ analysisKey: KEY, commit: 'big'.padEnd(40, '0'), committedAt: 1, source: 'trend', result });
}

const mine = [];
for (let i = 0; i < REPOS; i++) if (i % writers === writer || i % writers === (writer + 1) % writers) mine.push(i);
// one connection per writer, as one CI job has
const store = await PgStore.open(url, repoName(mine[0]), { migrate: true });
for (let j = 0; j < WEEKS; j++)
  for (const i of mine) {
    const repo = store.forRepository(repoName(i));
    if (phase === 'snapshots') await repo.addSnapshot(snapshotInput(i, j));
    else if (j > 0) await repo.addInterval(intervalInput(i, j, (f) => storedFinding(f)));
  }
await store.close();
process.stdout.write(`done ${mine.length}\n`);
