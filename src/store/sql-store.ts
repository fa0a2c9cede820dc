import type { Article } from '../archive/article.js';
import type { Row, SqlConn, SqlDb } from './sql.js';
import {
  type AddFollowResult,
  type Alert,
  type AlertArticle,
  type AlertClaimRequest,
  type AlertClaimResult,
  type AlertKey,
  type Cadence,
  type ClaimRequest,
  type ClaimResult,
  type Delivery,
  type DeliveryKey,
  type FeedArticle,
  type FeedState,
  type Follow,
  followKey,
  type JobLock,
  MAX_FOLLOWS_PER_USER,
  type PollCommit,
  type Store,
  type Subscription,
} from './types.js';

/** The period of the delivered_articles rows that a filtered subscription skipped (never any digest's period). */
const SKIPPED = '-';

/** The store over either database: the same statements, run through the dialect's adapter. */
export class SqlStore implements Store {
  constructor(private readonly db: SqlDb) {}

  get kind(): Store['kind'] {
    return this.db.dialect;
  }

  get location(): string {
    return this.db.location;
  }

  close(): Promise<void> {
    return this.db.close();
  }

  subscribe(input: {
    workspace: string;
    channel: string;
    cadence: Cadence;
    by: string;
    now: string;
    filter?: string;
  }): Promise<Subscription> {
    const { workspace, channel, cadence, by, now } = input;
    const filter = input.filter?.trim() || null;
    return this.db.tx(async (c) => {
      const existing = await selectSubscription(c, workspace, channel);
      // On PostgreSQL two first subscribes of one channel (a double click) can both find no row; the second to
      // insert then finds the first one's and carries on as a cadence change instead of failing on the key.
      const inserted =
        !existing &&
        (await c.run(
          `INSERT INTO subscriptions (workspace, channel, cadence, status, subscribed_by, subscribed_at, updated_at, since_seq, filter)
           VALUES ($1, $2, $3, 'active', $4, $5, $5, (SELECT COALESCE(MAX(seq), 0) FROM feed_articles), $6)
           ON CONFLICT (workspace, channel) DO NOTHING`,
          [workspace, channel, cadence, by, now, filter],
        )) > 0;
      if (!inserted && existing?.status === 'unsubscribed') {
        // A new subscription after an unsubscribe starts from now, like a first one.
        await c.run(
          `UPDATE subscriptions SET cadence = $3, status = 'active', subscribed_by = $4, subscribed_at = $5, updated_at = $5,
             since_seq = (SELECT COALESCE(MAX(seq), 0) FROM feed_articles), last_error = NULL, paused_at = NULL, filter = $6
           WHERE workspace = $1 AND channel = $2`,
          [workspace, channel, cadence, by, now, filter],
        );
      } else if (!inserted) {
        // Active (a cadence change) or paused (a resume): what the channel has not had yet is still owed to it.
        await c.run(
          `UPDATE subscriptions SET cadence = $3, status = 'active', updated_at = $4, last_error = NULL, paused_at = NULL,
             filter = $5
           WHERE workspace = $1 AND channel = $2`,
          [workspace, channel, cadence, now, filter],
        );
      }
      const row = await selectSubscription(c, workspace, channel);
      if (!row) throw new Error('subscription vanished inside its own transaction');
      return row;
    });
  }

  async unsubscribe(workspace: string, channel: string, now: string): Promise<boolean> {
    const changed = await this.db.run(
      `UPDATE subscriptions SET status = 'unsubscribed', updated_at = $3 WHERE workspace = $1 AND channel = $2 AND status <> 'unsubscribed'`,
      [workspace, channel, now],
    );
    return changed > 0;
  }

  getSubscription(workspace: string, channel: string): Promise<Subscription | undefined> {
    return selectSubscription(this.db, workspace, channel);
  }

  async activeSubscriptions(cadence?: Cadence): Promise<Subscription[]> {
    const rows = cadence
      ? await this.db.query(
          `SELECT * FROM subscriptions WHERE status = 'active' AND cadence = $1 ORDER BY workspace, channel`,
          [cadence],
        )
      : await this.db.query(`SELECT * FROM subscriptions WHERE status = 'active' ORDER BY workspace, channel`);
    return rows.map(toSubscription);
  }

  async pauseSubscription(workspace: string, channel: string, reason: string, now: string): Promise<void> {
    await this.db.run(
      `UPDATE subscriptions SET status = 'paused', last_error = $3, paused_at = $4, updated_at = $4
       WHERE workspace = $1 AND channel = $2 AND status = 'active'`,
      [workspace, channel, reason, now],
    );
  }

  async getFeedState(feedUrl: string): Promise<FeedState | undefined> {
    const [row] = await this.db.query('SELECT * FROM feed_state WHERE feed_url = $1', [feedUrl]);
    return row ? toFeedState(row) : undefined;
  }

  async seenAmong(urls: string[]): Promise<Set<string>> {
    const seen = new Set<string>();
    // Chunked so that a long feed never exceeds a driver's parameter limit.
    for (let i = 0; i < urls.length; i += 200) {
      const chunk = urls.slice(i, i + 200);
      const marks = chunk.map((_, j) => `$${j + 1}`).join(', ');
      for (const row of await this.db.query<{ url: string }>(
        `SELECT url FROM seen_items WHERE url IN (${marks})`,
        chunk,
      ))
        seen.add(row.url);
    }
    return seen;
  }

  commitPoll(commit: PollCommit): Promise<FeedArticle[]> {
    return this.db.tx(async (c) => {
      for (const url of commit.seenUrls) {
        await c.run(
          'INSERT INTO seen_items (url, feed_url, first_seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [url, commit.feedUrl, commit.now],
        );
      }
      const inserted: FeedArticle[] = [];
      for (const { article, announce } of commit.articles) {
        // Another instance may have stored the same article a moment ago: the unique id/url makes it a no-op.
        const rows = await c.query(
          `INSERT INTO feed_articles (id, url, article, first_seen_at, announce) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING RETURNING *`,
          [article.id, article.url, JSON.stringify(article), commit.now, announce],
        );
        if (rows[0]) inserted.push(toFeedArticle(rows[0]));
      }
      await c.run(
        `INSERT INTO feed_state (feed_url, etag, last_modified, last_poll_at, last_success_at, consecutive_failures, baseline_at, last_item_count)
         VALUES ($1, $2, $3, $4, $4, 0, $5, $6)
         ON CONFLICT (feed_url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
           last_poll_at = excluded.last_poll_at, last_success_at = excluded.last_success_at, consecutive_failures = 0,
           baseline_at = COALESCE(feed_state.baseline_at, excluded.baseline_at), last_item_count = excluded.last_item_count`,
        [
          commit.feedUrl,
          commit.etag,
          commit.lastModified,
          commit.now,
          commit.baseline ? commit.now : null,
          commit.itemCount,
        ],
      );
      return inserted;
    });
  }

  recordPollFailure(feedUrl: string, reason: string, now: string): Promise<FeedState> {
    return this.db.tx(async (c) => {
      await c.run(
        `INSERT INTO feed_state (feed_url, last_poll_at, last_failure_at, last_failure_reason, consecutive_failures)
         VALUES ($1, $2, $2, $3, 1)
         ON CONFLICT (feed_url) DO UPDATE SET last_poll_at = excluded.last_poll_at, last_failure_at = excluded.last_failure_at,
           last_failure_reason = excluded.last_failure_reason, consecutive_failures = feed_state.consecutive_failures + 1`,
        [feedUrl, now, reason],
      );
      const [row] = await c.query('SELECT * FROM feed_state WHERE feed_url = $1', [feedUrl]);
      return toFeedState(row);
    });
  }

  async recordPollUnchanged(feedUrl: string, now: string): Promise<void> {
    await this.db.run(
      `UPDATE feed_state SET last_poll_at = $2, last_success_at = $2, consecutive_failures = 0 WHERE feed_url = $1`,
      [feedUrl, now],
    );
  }

  async feedArticles(afterSeq = 0): Promise<FeedArticle[]> {
    return (await this.db.query('SELECT * FROM feed_articles WHERE seq > $1 ORDER BY seq', [afterSeq])).map(
      toFeedArticle,
    );
  }

  async countFeedArticles(): Promise<number> {
    const [row] = await this.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM feed_articles');
    return Number(row?.n ?? 0);
  }

  pendingArticles(workspace: string, channel: string, limit: number): Promise<FeedArticle[]> {
    return selectPending(this.db, workspace, channel, limit);
  }

  claimDelivery(request: ClaimRequest): Promise<ClaimResult> {
    const { workspace, channel, period } = request;
    return this.db.tx(async (c): Promise<ClaimResult> => {
      const sub = await selectSubscription(c, workspace, channel);
      if (sub?.status !== 'active') return { kind: 'not-subscribed' };
      // Pending first, then the delivery: a rival that commits in between shows up as `exists`, not as nothing new.
      const only = request.onlySeqs && new Set(request.onlySeqs);
      const articles = only
        ? (await selectPending(c, workspace, channel, 100_000))
            .filter((a) => only.has(a.seq))
            .slice(0, request.maxArticles)
        : await selectPending(c, workspace, channel, request.maxArticles);
      const existing = await selectDelivery(c, request);
      if (existing) return { kind: 'exists', delivery: existing };
      if (articles.length === 0) return { kind: 'nothing-new' };
      const ids = articles.map((a) => a.article.id);
      // The primary key is the claim: of two instances inserting the same (channel, period), one inserts nothing.
      const inserted = await c.run(
        `INSERT INTO deliveries (workspace, channel, period, cadence, article_ids, status, claimed_by, claimed_at, attempts)
         VALUES ($1, $2, $3, $4, $5, 'claimed', $6, $7, 0) ON CONFLICT DO NOTHING`,
        [workspace, channel, period, request.cadence, JSON.stringify(ids), request.claimedBy, request.now],
      );
      if (inserted === 0) {
        const other = await selectDelivery(c, request);
        if (!other) throw new Error(`delivery ${channel}/${period} conflicted but cannot be read`);
        return { kind: 'exists', delivery: other };
      }
      // No ON CONFLICT here: an article already reserved for another digest of this channel aborts the claim.
      for (const a of articles) {
        await c.run(
          'INSERT INTO delivered_articles (workspace, channel, article_seq, period) VALUES ($1, $2, $3, $4)',
          [workspace, channel, a.seq, period],
        );
      }
      const delivery = await selectDelivery(c, request);
      if (!delivery) throw new Error('delivery vanished inside its own transaction');
      return { kind: 'claimed', delivery, articles };
    });
  }

  async markPostStarted(key: DeliveryKey, expected: { attempts: number; by: string }, now: string): Promise<boolean> {
    // Compare-and-set on the attempt count: of two runs that picked up the same delivery (a lock lost mid-run),
    // only the first to get here may send it.
    const changed = await this.db.run(
      `UPDATE deliveries SET post_started_at = $4, attempts = attempts + 1, claimed_by = $6
       WHERE workspace = $1 AND channel = $2 AND period = $3 AND status = 'claimed' AND attempts = $5`,
      [key.workspace, key.channel, key.period, now, expected.attempts, expected.by],
    );
    return changed > 0;
  }

  async completeDelivery(key: DeliveryKey, messageTs: string, now: string): Promise<void> {
    await this.db.run(
      `UPDATE deliveries SET status = 'posted', message_ts = $4, posted_at = $5
       WHERE workspace = $1 AND channel = $2 AND period = $3 AND status = 'claimed'`,
      [key.workspace, key.channel, key.period, messageTs, now],
    );
  }

  releaseDelivery(key: DeliveryKey): Promise<void> {
    return this.db.tx(async (c) => {
      const gone = await c.run(
        `DELETE FROM deliveries WHERE workspace = $1 AND channel = $2 AND period = $3 AND status = 'claimed'`,
        [key.workspace, key.channel, key.period],
      );
      if (gone > 0) {
        await c.run('DELETE FROM delivered_articles WHERE workspace = $1 AND channel = $2 AND period = $3', [
          key.workspace,
          key.channel,
          key.period,
        ]);
      }
    });
  }

  async unfinishedDeliveries(): Promise<Delivery[]> {
    return (
      await this.db.query(
        `SELECT * FROM deliveries WHERE status = 'claimed' ORDER BY claimed_at, workspace, channel, period`,
      )
    ).map(toDelivery);
  }

  getDelivery(key: DeliveryKey): Promise<Delivery | undefined> {
    return selectDelivery(this.db, key);
  }

  async deliveryArticles(key: DeliveryKey): Promise<FeedArticle[]> {
    const rows = await this.db.query(
      `SELECT fa.* FROM delivered_articles d JOIN feed_articles fa ON fa.seq = d.article_seq
       WHERE d.workspace = $1 AND d.channel = $2 AND d.period = $3 ORDER BY fa.seq`,
      [key.workspace, key.channel, key.period],
    );
    return rows.map(toFeedArticle);
  }

  async lastPostedDelivery(workspace: string, channel: string): Promise<Delivery | undefined> {
    const [row] = await this.db.query(
      `SELECT * FROM deliveries WHERE workspace = $1 AND channel = $2 AND status = 'posted' ORDER BY posted_at DESC LIMIT 1`,
      [workspace, channel],
    );
    return row ? toDelivery(row) : undefined;
  }

  async skipArticles(workspace: string, channel: string, seqs: number[]): Promise<void> {
    if (!seqs.length) return;
    await this.db.tx(async (c) => {
      for (const seq of seqs) {
        await c.run(
          `INSERT INTO delivered_articles (workspace, channel, article_seq, period) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING`,
          [workspace, channel, seq, SKIPPED],
        );
      }
    });
  }

  addFollow(input: { workspace: string; user: string; query: string; now: string }): Promise<AddFollowResult> {
    const { workspace, user, now } = input;
    const query = input.query.replace(/\s+/g, ' ').trim();
    const key = followKey(query);
    return this.db.tx(async (c): Promise<AddFollowResult> => {
      // Two follows typed at once must not make 21: PostgreSQL serialises one person's adds (SQLite's write lock does).
      if (this.db.dialect === 'postgres')
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`follows:${workspace}:${user}`]);
      const resumed = await c.run(
        `UPDATE follows SET paused_reason = NULL, paused_at = NULL
         WHERE workspace = $1 AND user_id = $2 AND paused_at IS NOT NULL`,
        [workspace, user],
      );
      const existing = await selectFollow(c, workspace, user, key);
      if (existing) return { kind: 'exists', follow: existing, resumed };
      const [count] = await c.query<{ n: number | string }>(
        'SELECT COUNT(*) AS n FROM follows WHERE workspace = $1 AND user_id = $2',
        [workspace, user],
      );
      if (Number(count?.n ?? 0) >= MAX_FOLLOWS_PER_USER) return { kind: 'limit', count: Number(count?.n) };
      await c.run(
        `INSERT INTO follows (workspace, user_id, query, query_key, created_at, since_seq, checked_seq)
         SELECT $1, $2, $3, $4, $5, m.seq, m.seq FROM (SELECT COALESCE(MAX(seq), 0) AS seq FROM feed_articles) m`,
        [workspace, user, query, key, now],
      );
      const follow = await selectFollow(c, workspace, user, key);
      if (!follow) throw new Error('follow vanished inside its own transaction');
      return { kind: 'added', follow, resumed };
    });
  }

  async removeFollow(workspace: string, user: string, query: string): Promise<boolean> {
    const gone = await this.db.run('DELETE FROM follows WHERE workspace = $1 AND user_id = $2 AND query_key = $3', [
      workspace,
      user,
      followKey(query),
    ]);
    return gone > 0;
  }

  async followsOf(workspace: string, user: string): Promise<Follow[]> {
    const rows = await this.db.query(
      'SELECT * FROM follows WHERE workspace = $1 AND user_id = $2 ORDER BY created_at, query_key',
      [workspace, user],
    );
    return rows.map(toFollow);
  }

  async activeFollows(): Promise<Follow[]> {
    const rows = await this.db.query(
      'SELECT * FROM follows WHERE paused_at IS NULL ORDER BY workspace, user_id, created_at, query_key',
    );
    return rows.map(toFollow);
  }

  async pauseFollows(workspace: string, user: string, reason: string, now: string): Promise<void> {
    await this.db.run(
      `UPDATE follows SET paused_reason = $3, paused_at = $4 WHERE workspace = $1 AND user_id = $2 AND paused_at IS NULL`,
      [workspace, user, reason, now],
    );
  }

  async alertCandidates(workspace: string, user: string, afterSeq: number): Promise<FeedArticle[]> {
    const rows = await this.db.query(
      `SELECT fa.* FROM feed_articles fa
       WHERE fa.announce = 1 AND fa.seq > $3
         AND NOT EXISTS (SELECT 1 FROM alerted_articles x WHERE x.workspace = $1 AND x.user_id = $2 AND x.article_seq = fa.seq)
       ORDER BY fa.seq`,
      [workspace, user, afterSeq],
    );
    return rows.map(toFeedArticle);
  }

  async markFollowsChecked(workspace: string, user: string, seq: number): Promise<void> {
    await this.db.run(
      'UPDATE follows SET checked_seq = $3 WHERE workspace = $1 AND user_id = $2 AND checked_seq < $3',
      [workspace, user, seq],
    );
  }

  claimAlert(request: AlertClaimRequest): Promise<AlertClaimResult> {
    const { workspace, user } = request;
    return this.db.tx(async (c): Promise<AlertClaimResult> => {
      const [active] = await c.query(
        'SELECT 1 AS one FROM follows WHERE workspace = $1 AND user_id = $2 AND paused_at IS NULL LIMIT 1',
        [workspace, user],
      );
      if (!active) return { kind: 'not-following' };
      const taken = new Set<number>();
      for (const m of request.matches) {
        const [row] = await c.query(
          'SELECT alert_id FROM alerted_articles WHERE workspace = $1 AND user_id = $2 AND article_seq = $3',
          [workspace, user, m.seq],
        );
        if (row) taken.add(m.seq);
      }
      const fresh = request.matches.filter((m) => !taken.has(m.seq)).sort((a, b) => a.seq - b.seq);
      if (!fresh.length) return { kind: 'nothing-new' };
      const key = { workspace, user, alertId: `a${fresh[0].seq}` };
      // The primary key is the claim: of two runs claiming the same first article, one inserts nothing.
      const inserted = await c.run(
        `INSERT INTO alerts (workspace, user_id, alert_id, status, claimed_by, claimed_at, attempts)
         VALUES ($1, $2, $3, 'claimed', $4, $5, 0) ON CONFLICT DO NOTHING`,
        [workspace, user, key.alertId, request.claimedBy, request.now],
      );
      if (inserted === 0) {
        const other = await selectAlert(c, key);
        if (!other) throw new Error(`alert ${user}/${key.alertId} conflicted but cannot be read`);
        return { kind: 'exists', alert: other };
      }
      // A rival that reserved one of these articles a moment ago keeps it; this alert takes the rest.
      let kept = 0;
      for (const m of fresh) {
        kept += await c.run(
          `INSERT INTO alerted_articles (workspace, user_id, article_seq, alert_id, follows) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING`,
          [workspace, user, m.seq, key.alertId, JSON.stringify(m.follows)],
        );
      }
      if (kept === 0) {
        await c.run('DELETE FROM alerts WHERE workspace = $1 AND user_id = $2 AND alert_id = $3', [
          workspace,
          user,
          key.alertId,
        ]);
        return { kind: 'nothing-new' };
      }
      const alert = await selectAlert(c, key);
      if (!alert) throw new Error('alert vanished inside its own transaction');
      return { kind: 'claimed', alert, articles: await selectAlertArticles(c, key) };
    });
  }

  async markAlertPostStarted(
    key: AlertKey,
    expected: { attempts: number; by: string; dmChannel: string },
    now: string,
  ): Promise<boolean> {
    const changed = await this.db.run(
      `UPDATE alerts SET post_started_at = $4, attempts = attempts + 1, claimed_by = $6, dm_channel = $7
       WHERE workspace = $1 AND user_id = $2 AND alert_id = $3 AND status = 'claimed' AND attempts = $5`,
      [key.workspace, key.user, key.alertId, now, expected.attempts, expected.by, expected.dmChannel],
    );
    return changed > 0;
  }

  async completeAlert(key: AlertKey, messageTs: string | undefined, now: string): Promise<void> {
    await this.db.run(
      `UPDATE alerts SET status = 'posted', message_ts = $4, posted_at = $5
       WHERE workspace = $1 AND user_id = $2 AND alert_id = $3 AND status = 'claimed'`,
      [key.workspace, key.user, key.alertId, messageTs ?? null, now],
    );
  }

  releaseAlert(key: AlertKey): Promise<void> {
    return this.db.tx(async (c) => {
      const gone = await c.run(
        `DELETE FROM alerts WHERE workspace = $1 AND user_id = $2 AND alert_id = $3 AND status = 'claimed'`,
        [key.workspace, key.user, key.alertId],
      );
      if (gone > 0) {
        await c.run('DELETE FROM alerted_articles WHERE workspace = $1 AND user_id = $2 AND alert_id = $3', [
          key.workspace,
          key.user,
          key.alertId,
        ]);
      }
    });
  }

  async unfinishedAlerts(): Promise<Alert[]> {
    return (
      await this.db.query(`SELECT * FROM alerts WHERE status = 'claimed' ORDER BY claimed_at, workspace, user_id`)
    ).map(toAlert);
  }

  getAlert(key: AlertKey): Promise<Alert | undefined> {
    return selectAlert(this.db, key);
  }

  alertArticles(key: AlertKey): Promise<AlertArticle[]> {
    return selectAlertArticles(this.db, key);
  }

  tryLock(name: string, holder: string): Promise<JobLock | undefined> {
    return this.db.tryLock(name, holder);
  }
}

async function selectFollow(c: SqlConn, workspace: string, user: string, key: string): Promise<Follow | undefined> {
  const [row] = await c.query('SELECT * FROM follows WHERE workspace = $1 AND user_id = $2 AND query_key = $3', [
    workspace,
    user,
    key,
  ]);
  return row ? toFollow(row) : undefined;
}

async function selectAlert(c: SqlConn, key: AlertKey): Promise<Alert | undefined> {
  const [row] = await c.query('SELECT * FROM alerts WHERE workspace = $1 AND user_id = $2 AND alert_id = $3', [
    key.workspace,
    key.user,
    key.alertId,
  ]);
  return row ? toAlert(row) : undefined;
}

async function selectAlertArticles(c: SqlConn, key: AlertKey): Promise<AlertArticle[]> {
  const rows = await c.query(
    `SELECT fa.*, x.follows AS matched_follows FROM alerted_articles x JOIN feed_articles fa ON fa.seq = x.article_seq
     WHERE x.workspace = $1 AND x.user_id = $2 AND x.alert_id = $3 ORDER BY fa.seq`,
    [key.workspace, key.user, key.alertId],
  );
  return rows.map((r) => ({ feed: toFeedArticle(r), follows: JSON.parse(String(r.matched_follows)) as string[] }));
}

async function selectSubscription(c: SqlConn, workspace: string, channel: string): Promise<Subscription | undefined> {
  const [row] = await c.query('SELECT * FROM subscriptions WHERE workspace = $1 AND channel = $2', [
    workspace,
    channel,
  ]);
  return row ? toSubscription(row) : undefined;
}

async function selectDelivery(c: SqlConn, key: DeliveryKey): Promise<Delivery | undefined> {
  const [row] = await c.query('SELECT * FROM deliveries WHERE workspace = $1 AND channel = $2 AND period = $3', [
    key.workspace,
    key.channel,
    key.period,
  ]);
  return row ? toDelivery(row) : undefined;
}

/** Announced articles that arrived after the subscription began and are in none of this channel's digests. */
async function selectPending(c: SqlConn, workspace: string, channel: string, limit: number): Promise<FeedArticle[]> {
  const rows = await c.query(
    `SELECT fa.* FROM feed_articles fa
     JOIN subscriptions s ON s.workspace = $1 AND s.channel = $2
     WHERE fa.announce = 1 AND fa.seq > s.since_seq
       AND NOT EXISTS (SELECT 1 FROM delivered_articles d WHERE d.workspace = $1 AND d.channel = $2 AND d.article_seq = fa.seq)
     ORDER BY fa.seq
     LIMIT $3`,
    [workspace, channel, limit],
  );
  return rows.map(toFeedArticle);
}

const text = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

function toSubscription(r: Row): Subscription {
  return {
    workspace: String(r.workspace),
    channel: String(r.channel),
    cadence: r.cadence === 'daily' ? 'daily' : 'weekly',
    status: r.status as Subscription['status'],
    subscribedBy: String(r.subscribed_by),
    subscribedAt: String(r.subscribed_at),
    updatedAt: String(r.updated_at),
    sinceSeq: Number(r.since_seq),
    lastError: text(r.last_error),
    pausedAt: text(r.paused_at),
    filter: text(r.filter),
  };
}

function toFollow(r: Row): Follow {
  return {
    workspace: String(r.workspace),
    user: String(r.user_id),
    query: String(r.query),
    createdAt: String(r.created_at),
    sinceSeq: Number(r.since_seq),
    checkedSeq: Number(r.checked_seq),
    pausedReason: text(r.paused_reason),
    pausedAt: text(r.paused_at),
  };
}

function toAlert(r: Row): Alert {
  return {
    workspace: String(r.workspace),
    user: String(r.user_id),
    alertId: String(r.alert_id),
    status: r.status as Alert['status'],
    claimedBy: String(r.claimed_by),
    claimedAt: String(r.claimed_at),
    dmChannel: text(r.dm_channel),
    postStartedAt: text(r.post_started_at),
    attempts: Number(r.attempts ?? 0),
    postedAt: text(r.posted_at),
    messageTs: text(r.message_ts),
  };
}

function toFeedState(r: Row): FeedState {
  return {
    feedUrl: String(r.feed_url),
    etag: text(r.etag),
    lastModified: text(r.last_modified),
    lastPollAt: text(r.last_poll_at),
    lastSuccessAt: text(r.last_success_at),
    lastFailureAt: text(r.last_failure_at),
    lastFailureReason: text(r.last_failure_reason),
    consecutiveFailures: Number(r.consecutive_failures ?? 0),
    baselineAt: text(r.baseline_at),
    lastItemCount:
      r.last_item_count === null || r.last_item_count === undefined ? undefined : Number(r.last_item_count),
  };
}

function toFeedArticle(r: Row): FeedArticle {
  return {
    seq: Number(r.seq),
    article: JSON.parse(String(r.article)) as Article,
    firstSeenAt: String(r.first_seen_at),
    announce: Number(r.announce) === 1,
  };
}

function toDelivery(r: Row): Delivery {
  return {
    workspace: String(r.workspace),
    channel: String(r.channel),
    period: String(r.period),
    cadence: r.cadence === 'daily' ? 'daily' : 'weekly',
    articleIds: JSON.parse(String(r.article_ids)) as string[],
    status: r.status as Delivery['status'],
    claimedBy: String(r.claimed_by),
    claimedAt: String(r.claimed_at),
    postStartedAt: text(r.post_started_at),
    attempts: Number(r.attempts ?? 0),
    postedAt: text(r.posted_at),
    messageTs: text(r.message_ts),
  };
}
