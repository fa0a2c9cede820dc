import path from 'node:path';
import type { Config } from '../config.js';
import { describeSystemError, UserError } from '../errors.js';
import { prepareDataDir } from './data-dir.js';
import { migrate } from './migrations.js';
import { PostgresDb } from './postgres-db.js';
import type { SqlDb } from './sql.js';
import { SqlStore } from './sql-store.js';
import { SqliteDb } from './sqlite-db.js';
import type { Store } from './types.js';

export const SQLITE_FILE = 'k8sblog.sqlite';

export interface StoreLocation {
  /** A PostgreSQL URL: several instances may share it. */
  databaseUrl?: string;
  /** Otherwise SQLite in this directory (created if missing): one instance. */
  dataDir?: string;
}

/**
 * Opens the store the configuration names, PostgreSQL when DATABASE_URL is set and SQLite under DATA_DIR
 * otherwise, and brings its schema up to date before anything reads it.
 */
export async function openStore(where: StoreLocation | Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Store> {
  let db: SqlDb;
  if (where.databaseUrl) db = new PostgresDb(where.databaseUrl);
  else if (where.dataDir) {
    prepareDataDir(where.dataDir);
    db = SqliteDb.open(path.join(where.dataDir, SQLITE_FILE));
  } else throw new Error('openStore: neither a DATABASE_URL nor a data directory was given');
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw where.databaseUrl ? (postgresProblem(where.databaseUrl, err) ?? err) : err;
  }
  return new SqlStore(db);
}

/** The server's answer when it is one a person fixes in DATABASE_URL or on the server, as one line. */
function postgresProblem(databaseUrl: string, err: unknown): UserError | undefined {
  const e = err as { code?: string; message?: string };
  let where = 'the server';
  try {
    const u = new URL(databaseUrl);
    where = `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    // DATABASE_URL was checked at start-up; the generic wording will do.
  }
  const say = (what: string) => new UserError(`k8sblog: ${what} (DATABASE_URL, ${where})`);
  if (e?.code === '28P01' || e?.code === '28000') return say('PostgreSQL rejected the user name or password');
  if (e?.code === '3D000') return say('the database in DATABASE_URL does not exist: create it, or fix the name');
  if (e?.code === '42501') return say(`the user may not create the tables it needs: ${e.message}`);
  if (/^(E[A-Z]+|EAI_AGAIN)$/.test(e?.code ?? '') || /timeout/i.test(e?.message ?? ''))
    return say(`could not reach PostgreSQL: ${describeSystemError(err)}`);
  return undefined;
}
