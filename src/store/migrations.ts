import type { SqlDb } from './sql.js';

/**
 * Schema changes in order. Each runs once, in a transaction with its version row, at start-up; a new change is a
 * new entry at the end, never an edit of an old one. The two dialects differ only where their DDL does.
 */
interface Migration {
  version: number;
  name: string;
  sql: (dialect: SqlDb['dialect']) => string[];
}

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'subscriptions, feed state, seen items, feed articles, deliveries, job locks',
    sql: (dialect) => [
      `CREATE TABLE subscriptions (
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        cadence TEXT NOT NULL,
        status TEXT NOT NULL,
        subscribed_by TEXT NOT NULL,
        subscribed_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        since_seq INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        paused_at TEXT,
        PRIMARY KEY (workspace, channel)
      )`,
      `CREATE TABLE feed_state (
        feed_url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        last_poll_at TEXT,
        last_success_at TEXT,
        last_failure_at TEXT,
        last_failure_reason TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        baseline_at TEXT,
        last_item_count INTEGER
      )`,
      `CREATE TABLE seen_items (
        url TEXT PRIMARY KEY,
        feed_url TEXT NOT NULL,
        first_seen_at TEXT NOT NULL
      )`,
      `CREATE TABLE feed_articles (
        seq ${dialect === 'postgres' ? 'INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT'},
        id TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL UNIQUE,
        article TEXT NOT NULL,
        first_seen_at TEXT NOT NULL,
        announce INTEGER NOT NULL
      )`,
      `CREATE TABLE deliveries (
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        period TEXT NOT NULL,
        cadence TEXT NOT NULL,
        article_ids TEXT NOT NULL,
        status TEXT NOT NULL,
        claimed_by TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        post_started_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        posted_at TEXT,
        message_ts TEXT,
        PRIMARY KEY (workspace, channel, period)
      )`,
      `CREATE INDEX deliveries_by_status ON deliveries (status, claimed_at)`,
      // One row per article per channel: an article can belong to one digest of a channel, never two.
      `CREATE TABLE delivered_articles (
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        article_seq INTEGER NOT NULL REFERENCES feed_articles (seq),
        period TEXT NOT NULL,
        PRIMARY KEY (workspace, channel, article_seq)
      )`,
      `CREATE INDEX delivered_articles_by_delivery ON delivered_articles (workspace, channel, period)`,
      `CREATE TABLE job_locks (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        expires_at TEXT NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: 'follows, alerts, alerted articles, subscription filters',
    sql: () => [
      `ALTER TABLE subscriptions ADD COLUMN filter TEXT`,
      `CREATE TABLE follows (
        workspace TEXT NOT NULL,
        user_id TEXT NOT NULL,
        query TEXT NOT NULL,
        query_key TEXT NOT NULL,
        created_at TEXT NOT NULL,
        since_seq INTEGER NOT NULL DEFAULT 0,
        checked_seq INTEGER NOT NULL DEFAULT 0,
        paused_reason TEXT,
        paused_at TEXT,
        PRIMARY KEY (workspace, user_id, query_key)
      )`,
      `CREATE TABLE alerts (
        workspace TEXT NOT NULL,
        user_id TEXT NOT NULL,
        alert_id TEXT NOT NULL,
        status TEXT NOT NULL,
        claimed_by TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        dm_channel TEXT,
        post_started_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        posted_at TEXT,
        message_ts TEXT,
        PRIMARY KEY (workspace, user_id, alert_id)
      )`,
      `CREATE INDEX alerts_by_status ON alerts (status, claimed_at)`,
      // One row per article per person: an article can be in one alert of a person, never two.
      `CREATE TABLE alerted_articles (
        workspace TEXT NOT NULL,
        user_id TEXT NOT NULL,
        article_seq INTEGER NOT NULL REFERENCES feed_articles (seq),
        alert_id TEXT NOT NULL,
        follows TEXT NOT NULL,
        PRIMARY KEY (workspace, user_id, article_seq)
      )`,
      `CREATE INDEX alerted_articles_by_alert ON alerted_articles (workspace, user_id, alert_id)`,
    ],
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Brings the schema up to date; returns the versions it applied. Several instances starting at once apply each once. */
export async function migrate(db: SqlDb): Promise<number[]> {
  return db.tx(async (c) => {
    if (db.dialect === 'postgres') {
      // Serialises concurrent start-ups; released at the end of this transaction.
      await c.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':migrate'))`);
    }
    await c.run(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    const done = new Set(
      (await c.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)),
    );
    const newest = Math.max(0, ...done);
    if (newest > SCHEMA_VERSION) {
      throw new Error(
        `the database schema is version ${newest}, newer than this build knows (${SCHEMA_VERSION}); run a newer k8sblog`,
      );
    }
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      for (const statement of m.sql(db.dialect)) await c.run(statement);
      await c.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
      applied.push(m.version);
    }
    return applied;
  });
}
