/** Credentials in URLs (FEED_URL, SLACK_API_URL, DATABASE_URL) never reach a status answer, a log line or stderr. */
import { expect } from 'chai';
import { ConfigError, readConfig } from '../../src/config.js';
import { DigestService } from '../../src/digest/service.js';
import { pollFeed } from '../../src/feed/poller.js';
import { redact } from '../../src/log.js';
import { redactUrl } from '../../src/redact.js';
import { statusMessage } from '../../src/slack/blocks/digest.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { createDatabase, type TestDatabase } from '../store/databases.js';
import { FeedServer, loadPostRows } from '../support/feed-server.js';

const SECRETS = ['hunter2', 'S3CRET-TOKEN', 'k3y-value', 'sig-value', 'pw-value'];
const quiet = { info() {}, warn() {}, error() {}, debug() {} };

function expectNoSecret(text: string, what: string): void {
  for (const s of SECRETS) expect(text, `${what} shows "${s}"`).not.to.include(s);
}

describe('redactUrl', () => {
  it('hides user info and credential-like query parameters, whatever their case, and keeps the rest', () => {
    const url =
      'https://bot:hunter2@feeds.example.org:8443/zh-cn/feed.xml?lang=zh&access_token=S3CRET-TOKEN&API_KEY=k3y-value&X-Amz-Signature=sig-value&page=2#password=pw-value';
    const shown = redactUrl(url);
    expectNoSecret(shown, 'redactUrl');
    expect(shown).to.equal(
      'https://[redacted]@feeds.example.org:8443/zh-cn/feed.xml?lang=zh&access_token=[redacted]&API_KEY=[redacted]&X-Amz-Signature=[redacted]&page=2#password=[redacted]',
    );
    expect(redactUrl('https://kubernetes.io/zh-cn/feed.xml')).to.equal('https://kubernetes.io/zh-cn/feed.xml');
    expect(redactUrl('postgres://k8sblog:hunter2@db:5432/k8sblog')).to.equal('postgres://[redacted]@db:5432/k8sblog');
    // A value that is not a URL at all still loses what looks like user info.
    expectNoSecret(redactUrl('bot:hunter2@host/feed'), 'a scheme-less value');
    for (const name of ['token', 'secret', 'password', 'sig', 'auth', 'apikey', 'Signature', 'client_secret']) {
      expect(redactUrl(`https://h/?${name}=hunter2`), name).to.equal(`https://h/?${name}=[redacted]`);
    }
  });

  it('the log redactor hides tokens in URLs as well as passwords, inside JSON fields too', () => {
    const line = `feed: poll failed ${JSON.stringify({
      feedUrl: 'https://bot:hunter2@h/feed.xml?token=S3CRET-TOKEN',
      reason: 'HTTP 500 from https://h/feed.xml?apikey=k3y-value',
    })}`;
    const shown = redact(line);
    expectNoSecret(shown, 'a log line');
    expect(() => JSON.parse(shown.slice(shown.indexOf('{'))), 'the fields stay valid JSON').not.to.throw();
  });
});

describe('configuration errors', () => {
  it('name the variable without printing its password or token', () => {
    let err: unknown;
    try {
      readConfig({
        SLACK_API_URL: 'ftp://bot:hunter2@slack.example/api/?token=S3CRET-TOKEN',
        FEED_URL: 'gopher://reader:hunter2@kubernetes.io/feed.xml?access_token=S3CRET-TOKEN',
        DATABASE_URL: 'mysql://k8sblog:hunter2@db/k8sblog',
      });
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(ConfigError);
    const message = (err as ConfigError).message;
    expect(message).to.include('SLACK_API_URL').and.include('FEED_URL').and.include('DATABASE_URL');
    expect(message).to.include('slack.example');
    expectNoSecret(message, 'the configuration error');
  });
});

describe('a FEED_URL with credentials', () => {
  let server: FeedServer;
  let db: TestDatabase;
  let store: Store;

  beforeEach(async () => {
    server = await FeedServer.start();
    server.setPosts((await loadPostRows()).slice(0, 5));
    db = await createDatabase('sqlite');
    store = await openStore(db.location);
  });

  afterEach(async () => {
    await store.close();
    await server.stop();
    await db.drop();
  });

  const withCredentials = () => {
    const u = new URL(server.url);
    u.username = 'bot';
    u.password = 'hunter2';
    u.search = 'access_token=S3CRET-TOKEN';
    return u.toString();
  };

  it('is read with its user info sent as HTTP Basic authentication', async () => {
    const result = await pollFeed({ store, feedUrl: withCredentials(), log: quiet, timeoutMs: 5000 });
    expect(result.status, result.status === 'failed' ? result.reason : '').to.equal('baseline');
    expect(server.requests[0].headers.authorization).to.equal(`Basic ${Buffer.from('bot:hunter2').toString('base64')}`);
  });

  it('is shown redacted by /k8sblog status, with the failure reason that names it', async () => {
    server.mode = 'error-404';
    const feedUrl = withCredentials();
    const result = await pollFeed({ store, feedUrl, log: quiet, timeoutMs: 5000 });
    expect(result.status).to.equal('failed');
    if (result.status === 'failed') expectNoSecret(result.reason, 'the failure reason');
    const service = new DigestService({
      store,
      config: { feedUrl, digestCron: '0 9 * * 1', digestTz: 'UTC' },
    });
    const status = await service.status({ workspace: 'T1', channel: 'C1' });
    const rendered = JSON.stringify(statusMessage(status, 'UTC'));
    expect(rendered).to.include('HTTP 404').and.include('127.0.0.1');
    expectNoSecret(rendered, '/k8sblog status');
    expectNoSecret(JSON.stringify(status), 'the status the service hands out');
  });
});
