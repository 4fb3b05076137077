// The PostgreSQL server of the store tests: PLUMBLINE_TEST_PG_URL (scripts/pg-local.sh starts one and
// prints it). Without a reachable server these tests are skipped with one line; CI (.ci/run) starts
// one and sets PLUMBLINE_REQUIRE_PG=1, which turns a missing server into a failure. Each test file gets
// databases of its own, dropped at the end.
import pg from 'pg';

export const PG_URL = process.env.PLUMBLINE_TEST_PG_URL ?? '';
const required = process.env.PLUMBLINE_REQUIRE_PG === '1';

async function reachable(): Promise<string | null> {
  if (!PG_URL) return 'PLUMBLINE_TEST_PG_URL is not set';
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (e) {
    return `${(e as Error).message}`;
  } finally {
    await c.end().catch(() => undefined);
  }
}

const problem = await reachable();
if (problem && required)
  throw new Error(`PLUMBLINE_REQUIRE_PG=1 and no PostgreSQL server is reachable (${problem}); .ci/run starts one with scripts/pg-local.sh`);
/** True when this file's PostgreSQL tests are to be skipped; said once per test file. */
export const skipPg = problem !== null;
if (skipPg)
  process.stderr.write(
    `PostgreSQL store tests skipped: ${problem}; start a server with \`eval "export $(scripts/pg-local.sh start)"\` (CI sets PLUMBLINE_REQUIRE_PG=1 and fails without it)\n`,
  );

/** The URL of another database on the same server. */
export function withDatabase(url: string, db: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/i, `$1/${db}`);
}

const created: string[] = [];
let counter = 0;

/** A new empty database for one test, owned by the test role; its URL. */
export async function freshDatabase(): Promise<string> {
  const name = `plumbline_t${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  created.push(name);
  return withDatabase(PG_URL, name);
}

/** Drops the databases this file created (afterAll). */
export async function dropDatabases(): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    for (const name of created.splice(0)) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

/** Runs one query on a database (the test's own look at what the store wrote). */
export async function query<T extends pg.QueryResultRow = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}
