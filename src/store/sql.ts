/**
 * The little SQL surface the store needs, so one implementation of the store runs on both databases. Statements
 * are written once with PostgreSQL's `$1` placeholders; the SQLite adapter rewrites them.
 */
import type { JobLock } from './types.js';

export type SqlValue = string | number | boolean | null | undefined;
export type Row = Record<string, unknown>;

export interface SqlConn {
  query<T extends Row = Row>(sql: string, params?: SqlValue[]): Promise<T[]>;
  /** Rows changed by an INSERT/UPDATE/DELETE. */
  run(sql: string, params?: SqlValue[]): Promise<number>;
}

export interface SqlDb extends SqlConn {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the data lives, without credentials. */
  readonly location: string;
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  tx<T>(fn: (conn: SqlConn) => Promise<T>): Promise<T>;
  tryLock(name: string, holder: string): Promise<JobLock | undefined>;
  close(): Promise<void>;
}
