import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Row, SqlConn, SqlDb, SqlValue } from './sql.js';
import type { JobLock } from './types.js';

/** How long a SQLite job lock holds without renewal; a holder renews it at a third of that. */
const LEASE_MS = 120_000;

/** How long a write waits for another connection's transaction before giving up. */
const BUSY_WAIT_MS = 15_000;

/**
 * better-sqlite3 behind the async SqlDb surface. The driver is synchronous, but a transaction here spans awaits, so
 * every statement and transaction of this connection goes through one queue: nothing can slip into another's
 * transaction. Waiting for another connection's write lock is asynchronous (SQLITE_BUSY, then a timer), never
 * SQLite's own busy_timeout: that sleeps inside the call and would freeze the event loop, and with it the very
 * transaction being waited for when both connections live in one process.
 */
export class SqliteDb implements SqlDb {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Database.Statement>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly direct: SqlConn;

  private constructor(
    private readonly db: Database.Database,
    readonly location: string,
  ) {
    this.direct = {
      query: async <T extends Row>(sql: string, params?: SqlValue[]) => this.all<T>(sql, params),
      run: async (sql: string, params?: SqlValue[]) => this.exec(sql, params),
    };
  }

  static open(file: string): SqliteDb {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // FULL: a completed delivery must survive a power cut, or the next run would look for it in Slack again.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 0');
    db.pragma('foreign_keys = ON');
    return new SqliteDb(db, file);
  }

  query<T extends Row = Row>(sql: string, params?: SqlValue[]): Promise<T[]> {
    return this.exclusive(() => whenNotBusy(() => this.all<T>(sql, params)));
  }

  run(sql: string, params?: SqlValue[]): Promise<number> {
    return this.exclusive(() => whenNotBusy(() => this.exec(sql, params)));
  }

  tx<T>(fn: (conn: SqlConn) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      // IMMEDIATE takes the write lock at the start, so two processes never both read and then both try to write.
      await whenNotBusy(() => this.db.exec('BEGIN IMMEDIATE'));
      try {
        const value = await fn(this.direct);
        this.db.exec('COMMIT');
        return value;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  async tryLock(name: string, holder: string): Promise<JobLock | undefined> {
    const host = os.hostname();
    const taken = await this.tx(async (c) => {
      const [row] = await c.query<{ holder: string; host: string; pid: number; expires_at: string }>(
        'SELECT holder, host, pid, expires_at FROM job_locks WHERE name = $1',
        [name],
      );
      const now = Date.now();
      // Not re-entrant, like PostgreSQL's advisory lock on a second connection: a holder asking again while it
      // holds the lock (two jobs of one process) waits its turn instead of sharing it.
      if (row && Date.parse(row.expires_at) > now && !(row.host === host && !processAlive(row.pid))) {
        return false;
      }
      await c.run(
        `INSERT INTO job_locks (name, holder, host, pid, expires_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, host = excluded.host, pid = excluded.pid, expires_at = excluded.expires_at`,
        [name, holder, host, process.pid, new Date(now + LEASE_MS).toISOString()],
      );
      return true;
    });
    if (!taken) return undefined;
    let lost = false;
    const renew = setInterval(() => {
      this.run('UPDATE job_locks SET expires_at = $1 WHERE name = $2 AND holder = $3', [
        new Date(Date.now() + LEASE_MS).toISOString(),
        name,
        holder,
      ]).then(
        (changed) => {
          // The row is someone else's: the lease ran out (renewals failed) and another process took it over.
          if (changed === 0) lost = true;
        },
        () => undefined,
      );
    }, LEASE_MS / 3);
    renew.unref();
    let released = false;
    return {
      name,
      get lost() {
        return lost;
      },
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(renew);
        await this.run('DELETE FROM job_locks WHERE name = $1 AND holder = $2', [name, holder]);
      },
    };
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    if (this.db.open) this.db.close();
  }

  private exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    const result = this.queue.then(fn, fn);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private all<T extends Row>(sql: string, params?: SqlValue[]): T[] {
    const stmt = this.prepare(sql);
    const bound = bind(sql, params);
    if (stmt.reader) return stmt.all(bound) as T[];
    stmt.run(bound);
    return [];
  }

  private exec(sql: string, params?: SqlValue[]): number {
    return this.prepare(sql).run(bind(sql, params)).changes;
  }

  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql.replace(/\$(\d+)/g, '@p$1'));
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}

/** Runs a statement, and while another connection holds the write lock, tries again a little later. */
async function whenNotBusy<T>(fn: () => T): Promise<T> {
  const deadline = Date.now() + BUSY_WAIT_MS;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    try {
      return fn();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (!code?.startsWith('SQLITE_BUSY') || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** `$1` becomes the named parameter `@p1`; SQLite has no booleans, and undefined is NULL. */
function bind(sql: string, params: SqlValue[] = []): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const m of sql.matchAll(/\$(\d+)/g)) {
    const v = params[Number(m[1]) - 1];
    out[`p${m[1]}`] = v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v;
  }
  return out;
}

/** A SQLite lock left by a process that no longer exists on this machine is free at once, not after its lease. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
