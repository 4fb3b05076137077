// Synthetic history for the store load test: repository i, week j, deterministic. Plain JavaScript so
// the writer processes (store-load-writer.mjs, run by node on dist/) and the test share it.
export const REPOS = 50;
export const WEEKS = 27;
export const KEY = 'load-key';
const T0 = 1_700_000_000 - ((1_700_000_000 - 4 * 86400) % (7 * 86400)); // a Monday 00:00 UTC
const AUTHORS = ['Ann', 'Bo', 'Cy', 'Di', 'Ed'];
const CATS = ['duplication', 'magic-value', 'abstraction', 'drift', 'design-system'];

export const repoName = (i) => `github.com/load/repo-${String(i).padStart(2, '0')}<i>&"${i}"`;
export const commitOf = (i, j) => `r${i}w${j}x`.padEnd(40, '0');
const base = (i) => 10 + (i % 7);

function finding(i, k) {
  return {
    ruleId: ['magic-color', 'pass-through-function', 'copied-code'][k % 3],
    category: ['magic-value', 'abstraction', 'duplication'][k % 3],
    severity: 'warning',
    message: `finding ${k} of repo ${i}`,
    file: `src/f${k % 5}.ts`,
    line: k + 1,
    column: 1,
    endLine: k + 1,
    endColumn: 9,
    effortMinutes: 5 + ((i + k) % 11),
    fingerprint: `r${i}f${k}`,
    related: [],
  };
}

/** A rated debt as the analyzer writes it (half of the debt rated), under a test calibration. */
function ratedOf(debt, loc) {
  const density = Math.round(((debt * 0.5) / loc) * 1000 * 1e4) / 1e4;
  const byCategory = Object.fromEntries(CATS.map((c) => [c, { minutes: 0, density: 0, rating: 'A' }]));
  return { calibration: 'load.1', minutes: debt * 0.5, density, rating: 'C', population: 26, byCategory };
}

/** The scan result of repository i at week j: one more finding each week. */
export function resultOf(i, j) {
  const findings = [];
  for (let k = 0; k < base(i) + j; k++) findings.push(finding(i, k));
  const byCategory = Object.fromEntries(CATS.map((c) => [c, { findings: 0, debtMinutes: 0 }]));
  for (const f of findings) {
    byCategory[f.category].findings++;
    byCategory[f.category].debtMinutes += f.effortMinutes;
  }
  const loc = 1000 + 40 * j + 100 * i;
  const debt = findings.reduce((n, f) => n + f.effortMinutes, 0);
  const ratio = debt / (loc * 30);
  return {
    schemaVersion: 1,
    tool: { name: 'plumbline', version: '0.0.0-load' },
    root: '/r',
    commit: commitOf(i, j),
    summary: {
      files: 5,
      linesOfCode: loc,
      debtMinutes: debt,
      debtRatio: ratio,
      rating: ratio <= 0.05 ? 'A' : 'B',
      byCategory,
      designSystemAdoption: (i % 10) / 10,
      driftIndex: (j % 5) / 10,
      ...(i % 4 === 3 ? {} : { duplicatedLinesRatio: (i % 4) / 20 + j / 1000 }),
      // the rated debt (its letter is re-rated from the density by readers; every fifth repository has none, as if stored before)
      ...(i % 5 === 4 ? {} : { rated: ratedOf(debt, loc) }),
    },
    findings,
    errors: [],
    skipped: [],
  };
}

export const snapshotInput = (i, j) => ({
  analysisKey: KEY,
  commit: commitOf(i, j),
  committedAt: T0 + j * 7 * 86400 + i * 60,
  source: 'trend',
  result: resultOf(i, j),
});

/**
 * The interval from week j-1 to week j: the new finding, credited 60/40 to two commits (the first with
 * an assistant trailer every third week), with the findings as the store keys them.
 */
export function intervalInput(i, j, storedOf) {
  const added = storedOf(finding(i, base(i) + j - 1));
  const a = `${commitOf(i, j).slice(0, 38)}a1`;
  const b = `${commitOf(i, j).slice(0, 38)}b2`;
  const who = (n) => AUTHORS[(i + j + n) % AUTHORS.length];
  const info = (sha, n, trailers) => ({
    sha,
    authorName: who(n),
    authorEmail: `${who(n).toLowerCase()}@example.com`,
    authoredAt: T0 + j * 7 * 86400 - 3600,
    committedAt: T0 + j * 7 * 86400 - 3600,
    subject: `change ${j} of <repo ${i}>`,
    trailers,
    linesAdded: 20 + j,
    linesDeleted: 3,
  });
  return {
    analysisKey: KEY,
    from: commitOf(i, j - 1),
    to: commitOf(i, j),
    linesAdded: 40 + 2 * j,
    linesDeleted: 6,
    commits: [info(a, 0, (i + j) % 3 === 0 ? 'Co-authored-by: Claude <noreply@anthropic.com>' : ''), info(b, 1, '')],
    added: [
      {
        finding: added,
        shares: [
          { sha: a, share: 0.6 },
          { sha: b, share: 0.4 },
        ],
      },
    ],
    fixed: [],
  };
}
