import pg from 'pg';
import { log } from '../log.js';
import { redactUrl } from '../redact.js';
import type { Row, SqlConn, SqlDb, SqlValue } from './sql.js';
import type { JobLock } from './types.js';

/** Lock keys are per schema, so separate deployments (or test runs) sharing one server never block each other. */
const LOCK_KEY = `hashtext(current_schema() || ':' || $1)`;

export class PostgresDb implements SqlDb {
  readonly dialect = 'postgres' as const;
  readonly location: string;
  private readonly pool: pg.Pool;
  /** Connections holding a job lock; closing the store ends them, which frees their locks. */
  private readonly lockClients = new Set<pg.PoolClient>();

  constructor(connectionString: string) {
    this.pool = new pg.Pool({ connectionString, max: 5, connectionTimeoutMillis: 10_000 });
    // An idle client whose server went away emits 'error'; unhandled, it would end the process.
    this.pool.on('error', (err) => log.warn('postgres: idle connection failed', { error: err.message }));
    this.location = redactUrl(connectionString);
  }

  async query<T extends Row = Row>(sql: string, params?: SqlValue[]): Promise<T[]> {
    return (await this.pool.query(sql, normalise(params))).rows as T[];
  }

  async run(sql: string, params?: SqlValue[]): Promise<number> {
    return (await this.pool.query(sql, normalise(params))).rowCount ?? 0;
  }

  async tx<T>(fn: (conn: SqlConn) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let value: T;
    try {
      await client.query('BEGIN');
      value = await fn(clientConn(client));
      await client.query('COMMIT');
    } catch (err) {
      // A connection that cannot even roll back is broken: it is destroyed rather than handed to the next caller.
      const broken = await client.query('ROLLBACK').then(
        () => undefined,
        (rollbackError: unknown) => (rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))),
      );
      client.release(broken);
      throw err;
    }
    client.release();
    return value;
  }

  async tryLock(name: string, _holder: string): Promise<JobLock | undefined> {
    // A session lock lives as long as this connection, so the client stays checked out until release.
    const client = await this.pool.connect();
    let lost = false;
    const onError = (err: Error) => {
      // pg reports an ended connection more than once (the server's notice, then the closed socket).
      if (lost) return;
      lost = true;
      log.warn('postgres: the connection holding a job lock failed; the server has freed the lock', {
        lock: name,
        error: err.message,
      });
    };
    client.on('error', onError);
    let ok: boolean;
    try {
      const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS ok`, [name]);
      ok = rows[0]?.ok === true;
    } catch (err) {
      client.off('error', onError);
      client.release(err instanceof Error ? err : true);
      throw err;
    }
    if (!ok) {
      client.off('error', onError);
      client.release();
      return undefined;
    }
    this.lockClients.add(client);
    let released = false;
    return {
      name,
      get lost() {
        return lost;
      },
      release: async () => {
        // close() may have ended this connection already, and with it the lock.
        if (released || !this.lockClients.has(client)) return;
        released = true;
        const unlocked =
          !lost &&
          (await client.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`, [name]).then(
            () => true,
            () => false,
          ));
        client.off('error', onError);
        this.lockClients.delete(client);
        // A connection that may still hold the lock is destroyed rather than returned to the pool with it.
        client.release(unlocked ? undefined : true);
      },
    };
  }

  async close(): Promise<void> {
    for (const client of this.lockClients) client.release(true);
    this.lockClients.clear();
    await this.pool.end();
  }
}

function clientConn(client: pg.PoolClient): SqlConn {
  return {
    query: async <T extends Row>(sql: string, params?: SqlValue[]) =>
      (await client.query(sql, normalise(params))).rows as T[],
    run: async (sql: string, params?: SqlValue[]) => (await client.query(sql, normalise(params))).rowCount ?? 0,
  };
}

/** Both databases store flags as 0/1, so a boolean parameter means the same on either. */
function normalise(params: SqlValue[] = []): Array<string | number | null> {
  return params.map((v) => (v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v));
}
