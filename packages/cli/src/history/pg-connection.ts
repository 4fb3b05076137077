// One connection to a PostgreSQL history store: credentials only from the URL or the standard PG*
// variables, masked in every message; transactions retried on a new connection when the connection is
// lost (a write is a replacement under its key, so running it again is safe), never left half-written;
// the schema created or upgraded under an advisory lock.
import pg from 'pg';
import { VERSION } from '@plumbline/core';
import { StoreError } from './backend.js';
import { PG_MIGRATIONS, PG_SCHEMA } from './pg-schema.js';

/** `postgres://` or `postgresql://`: a PostgreSQL store; anything else is a SQLite file. */
export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** The URL with its password (in the authority or a `password=` parameter) replaced by `***`. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^/@:?#]*):[^/?#]*@/i, '$1:***@').replace(/([?&]password=)[^&#]*/gi, '$1***');
}

/** Every way the password of `url` (or PGPASSWORD) could appear in a message. */
function secrets(url: string): string[] {
  const out: string[] = [];
  const m = /^[a-z]+:\/\/[^/@:?#]*:([^/?#]*)@/i.exec(url);
  if (m?.[1]) out.push(m[1]);
  const q = /[?&]password=([^&#]*)/i.exec(url);
  if (q?.[1]) out.push(q[1]);
  if (process.env.PGPASSWORD) out.push(process.env.PGPASSWORD);
  for (const s of [...out]) {
    try {
      out.push(decodeURIComponent(s));
    } catch {
      /* not encoded */
    }
  }
  return out.filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

/** Lost connections (a restarted server, a terminated backend, a broken socket): worth a new connection. */
const LOST = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006']);
export function isConnectionLost(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return (
    (err.code !== undefined && LOST.has(err.code)) ||
    /Connection terminated|connection error and is not queryable|Client was closed|not queryable/i.test(err.message ?? '')
  );
}
/** A serialization failure or a deadlock: the transaction is rolled back and may run again. */
function isRetryable(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === '40001' || code === '40P01';
}

const INT8 = 20;
const NUMERIC = 1700;
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 || oid === NUMERIC ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as never,
};

/** The advisory lock class of the schema migration (two-int form: class, 0). */
const MIGRATE_LOCK = 0x706c6d;

export interface PgOptions {
  /** create or upgrade the schema when it is older than this plumbline's (false: a clear error instead) */
  migrate?: boolean;
  /** attempts of a transaction whose connection is lost (default 3) */
  attempts?: number;
  onWarning?: (message: string) => void;
}

export class PgConnection {
  readonly label: string;
  private client: pg.Client | null = null;
  private readonly secrets: string[];
  /** queries of this connection run one at a time, in order */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly options: PgOptions = {},
  ) {
    this.label = maskUrl(url);
    this.secrets = secrets(url);
  }

  /** A message safe to print: every form of the password masked. */
  mask(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('***');
    return out;
  }

  /** The error as a StoreError naming the store, with what failed and why, credentials masked. */
  fail(what: string, e: unknown): StoreError {
    if (e instanceof StoreError) return e;
    const err = e as { code?: string; message?: string };
    let why = err.message ?? String(e);
    if (err.code === '42501') why += ' (the role lacks a privilege: grant it, or run `plumbline store migrate` as the owner)';
    if (err.code === 'ECONNREFUSED' || err.code === 'ENOENT') why = `connection refused (${why}); is the server running?`;
    return new StoreError(this.mask(`history store ${this.label}: ${what} failed: ${why}`));
  }

  private async connect(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({
      connectionString: this.url,
      application_name: 'plumbline',
      connectionTimeoutMillis: 15_000,
      types: TYPES,
    });
    // a connection dropped while idle: the next transaction opens a new one
    client.on('error', () => {
      if (this.client === client) this.client = null;
    });
    try {
      await client.connect();
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    this.client = client;
    return client;
  }

  private drop(): void {
    const c = this.client;
    this.client = null;
    c?.end().catch(() => undefined);
  }

  /** Connects and checks (or creates, with `migrate`) the schema: a StoreError when it cannot be used. */
  async open(): Promise<number> {
    let version: number;
    try {
      await this.connect();
      version = await this.version();
    } catch (e) {
      this.drop();
      throw this.fail('connecting', e);
    }
    if (version > PG_MIGRATIONS.length) {
      this.drop();
      throw new StoreError(
        this.mask(
          `history store ${this.label} has schema version ${version}, newer than this plumbline's ${PG_MIGRATIONS.length} (${VERSION}): upgrade plumbline; nothing was written`,
        ),
      );
    }
    if (version < PG_MIGRATIONS.length) {
      if (!this.options.migrate) {
        this.drop();
        throw new StoreError(
          this.mask(
            `history store ${this.label} has ${version === 0 ? 'no plumbline schema' : `schema version ${version}`}, this plumbline needs ${PG_MIGRATIONS.length}: run \`plumbline store migrate --store <url>\``,
          ),
        );
      }
      version = await this.migrate();
    }
    await this.checkPrivileges();
    return version;
  }

  /** Fails before anything is written when the role may not read (or, for a writer, write) every table. */
  private async checkPrivileges(): Promise<void> {
    const write = !!this.options.migrate;
    const r = await this.transaction(
      (c) =>
        c.query<{ name: string }>(
          `SELECT 'schema' AS name FROM pg_namespace WHERE nspname = $1 AND NOT has_schema_privilege(oid, 'USAGE')
           UNION ALL SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = $1 AND c.relkind IN ('r', 'S') AND NOT CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(c.oid, $2)
           ELSE has_table_privilege(c.oid, $3) END ORDER BY name`,
          [PG_SCHEMA, write ? 'USAGE' : 'SELECT', write ? 'SELECT,INSERT,UPDATE,DELETE' : 'SELECT'],
        ),
      true,
    ).catch((e: unknown) => {
      throw this.fail('checking privileges', e);
    });
    if (r.rows.length) {
      this.drop();
      const role = this.url.match(/^[a-z]+:\/\/([^:@/]+)[:@]/i)?.[1] ?? process.env.PGUSER ?? 'this role';
      throw new StoreError(
        this.mask(
          `history store ${this.label}: permission denied: ${role} may not ${write ? 'write' : 'read'} ${r.rows.map((x) => (x.name === 'schema' ? `schema ${PG_SCHEMA}` : `${PG_SCHEMA}.${x.name}`)).join(', ')}; grant ${write ? 'SELECT, INSERT, UPDATE, DELETE on its tables and USAGE on its sequences' : 'SELECT on its tables'} (schema ${PG_SCHEMA}); nothing was written`,
        ),
      );
    }
  }

  /** The schema version: 0 when the schema or its meta table does not exist. */
  async version(client?: pg.Client): Promise<number> {
    const c = client ?? (await this.connect());
    const t = await c.query<{ t: string | null }>(`SELECT to_regclass('${PG_SCHEMA}.meta')::text AS t`);
    if (!t.rows[0]?.t) return 0;
    const r = await c.query<{ value: string }>(`SELECT value FROM ${PG_SCHEMA}.meta WHERE key = 'schema_version'`);
    return r.rows[0] ? Number(r.rows[0].value) : 0;
  }

  /** Applies the migrations this store lacks, each in one transaction under the migration lock. Returns the version. */
  async migrate(): Promise<number> {
    try {
      return await this.transaction(async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1, 0)', [MIGRATE_LOCK]);
        await c.query(`CREATE SCHEMA IF NOT EXISTS ${PG_SCHEMA}`);
        await c.query(`CREATE TABLE IF NOT EXISTS ${PG_SCHEMA}.meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
        const r = await c.query<{ value: string }>(`SELECT value FROM ${PG_SCHEMA}.meta WHERE key = 'schema_version'`);
        let v = r.rows[0] ? Number(r.rows[0].value) : 0;
        if (v > PG_MIGRATIONS.length)
          throw new StoreError(
            this.mask(`history store ${this.label} has schema version ${v}, newer than this plumbline's ${PG_MIGRATIONS.length}`),
          );
        for (; v < PG_MIGRATIONS.length; v++) {
          await c.query(PG_MIGRATIONS[v]!);
          await c.query(
            `INSERT INTO ${PG_SCHEMA}.meta (key, value) VALUES ('schema_version', $1), ($2, $3)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
            [String(v + 1), `migrated-to-${v + 1}`, VERSION],
          );
        }
        return v;
      });
    } catch (e) {
      throw this.fail('creating or upgrading the schema', e);
    }
  }

  /**
   * Runs `fn` in one transaction: committed whole or not at all. A lost connection (or a deadlock) rolls
   * it back and it runs again on a new connection, up to `attempts` times; then the error is thrown.
   */
  async transaction<T>(fn: (c: pg.Client) => Promise<T>, readOnly = false): Promise<T> {
    const run = async (): Promise<T> => {
      const attempts = this.options.attempts ?? 3;
      for (let attempt = 1; ; attempt++) {
        let c: pg.Client | undefined;
        try {
          c = await this.connect();
          await c.query(readOnly ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
          const out = await fn(c);
          await c.query('COMMIT');
          return out;
        } catch (e) {
          const lost = isConnectionLost(e);
          if (lost) this.drop();
          else await c?.query('ROLLBACK').catch(() => this.drop());
          if ((lost || isRetryable(e)) && attempt < attempts) {
            this.options.onWarning?.(
              this.mask(`history store ${this.label}: ${(e as Error).message}; retrying (attempt ${attempt + 1} of ${attempts})`),
            );
            await new Promise((r) => setTimeout(r, 200 * attempt));
            continue;
          }
          throw e;
        }
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }
}
