/**
 * The databases the store is tested on. SQLite always (a fresh file in a temp directory); PostgreSQL when
 * TEST_DATABASE_URL names a server (`.ci/start-postgres.sh` prints it), each test in a schema of its own that is
 * dropped afterwards. Outside CI, without that variable, the PostgreSQL tests skip and say so; in CI they fail.
 */

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { StoreLocation } from '../../src/store/open-store.js';

export interface TestDatabase {
  kind: 'sqlite' | 'postgres';
  location: StoreLocation;
  /** The same location as environment variables, for a child process (`k8sblog` reads DATABASE_URL / DATA_DIR). */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export type DatabaseKind = TestDatabase['kind'];

export const PG_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;
const IN_CI = process.env.CI === 'true';

let announced = false;

/**
 * Call at the top of a `describe` body's before hook: on PostgreSQL without a server, fails in CI and skips (with a
 * visible line) elsewhere.
 */
export function requireDatabase(ctx: Mocha.Context, kind: DatabaseKind): void {
  if (kind === 'sqlite' || PG_URL) return;
  if (IN_CI)
    throw new Error(
      'CI=true but TEST_DATABASE_URL is not set: run `eval "$(bash .ci/start-postgres.sh)"` before the tests',
    );
  if (!announced) {
    announced = true;
    console.log(
      '    ⚠ PostgreSQL tests skipped: TEST_DATABASE_URL is not set (run `eval "$(bash .ci/start-postgres.sh)"` to include them)',
    );
  }
  ctx.skip();
}

export async function createDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'k8sblog-store-'));
    return {
      kind,
      location: { dataDir: dir },
      env: { DATA_DIR: dir },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!PG_URL) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `k8sblog_t_${randomBytes(5).toString('hex')}`;
  await withAdmin(async (c) => c.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  return {
    kind,
    location: { databaseUrl },
    env: { DATABASE_URL: databaseUrl },
    drop: async () => {
      await withAdmin(async (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    },
  };
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const DATABASE_KINDS: DatabaseKind[] = ['sqlite', 'postgres'];
