import path from 'node:path';
import type { Config } from '../config.js';
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
  else if (where.dataDir) db = SqliteDb.open(path.join(where.dataDir, SQLITE_FILE));
  else throw new Error('openStore: neither a DATABASE_URL nor a data directory was given');
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return new SqlStore(db);
}
