/** Feed redirects: followed only to public addresses, or within FEED_URL's own origin; never into the cluster. */
import { expect } from 'chai';
import { pollFeed } from '../../src/feed/poller.js';
import { checkRedirect, isPublicAddress } from '../../src/feed/redirect-policy.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { createDatabase, type TestDatabase } from '../store/databases.js';
import { FeedServer, loadPostRows } from '../support/feed-server.js';

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

describe('feed redirects', () => {
  let feed: FeedServer;
  let other: FeedServer;
  let db: TestDatabase;
  let store: Store;

  beforeEach(async () => {
    const rows = (await loadPostRows()).slice(0, 5);
    feed = await FeedServer.start();
    other = await FeedServer.start();
    feed.setPosts(rows);
    other.setPosts(rows);
    db = await createDatabase('sqlite');
    store = await openStore(db.location);
  });

  afterEach(async () => {
    await store.close();
    await feed.stop();
    await other.stop();
    await db.drop();
  });

  const poll = (feedUrl: string) => pollFeed({ store, feedUrl, log: quiet, timeoutMs: 5000 });

  it('are followed within the feed’s own origin', async () => {
    feed.redirects.set('/old/feed.xml', '/zh-cn/feed.xml');
    const result = await poll(`${feed.origin}/old/feed.xml`);
    expect(result.status, result.status === 'failed' ? result.reason : '').to.equal('baseline');
    expect(feed.requests.map((r) => r.status)).to.deep.equal([302, 200]);
  });

  it('to another local address (another port) are refused, and that address is never asked', async () => {
    feed.redirects.set('/zh-cn/feed.xml', other.url);
    const result = await poll(feed.url);
    expect(result.status).to.equal('failed');
    if (result.status !== 'failed') return;
    expect(result.reason).to.match(/^redirect to http:\/\/127\.0\.0\.1:\d+\/zh-cn\/feed\.xml refused: .*127\.0\.0\.1/);
    expect(other.requests, 'the redirect target got no request').to.have.length(0);
  });

  it('stop after 5 hops', async () => {
    for (let i = 0; i < 10; i++) feed.redirects.set(`/hop/${i}`, `/hop/${i + 1}`);
    const result = await poll(`${feed.origin}/hop/0`);
    expect(result.status === 'failed' && result.reason).to.match(/more than 5 redirects/);
    expect(feed.requests.length).to.equal(6);
  });
});

describe('redirect policy', () => {
  const lookupTo =
    (...addresses: string[]) =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('tells public addresses from loopback, private, link-local, CGNAT, metadata and reserved ones', () => {
    const notPublic = [
      '127.0.0.1',
      '127.8.9.10',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '100.100.100.200',
      '0.0.0.0',
      '255.255.255.255',
      '224.0.0.1',
      '::',
      '::1',
      'fc00::1',
      'fd00:ec2::254',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
      'ff02::1',
    ];
    for (const a of notPublic) expect(isPublicAddress(a), a).to.equal(false);
    for (const a of ['151.101.1.91', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2a04:4e42::645', '64:ff9b::9765:15b'])
      expect(isPublicAddress(a), a).to.equal(true);
  });

  it('refuses a public feed redirecting to a host that resolves to a private or metadata address', async () => {
    const from = 'https://kubernetes.io/zh-cn/feed.xml';
    expect(await checkRedirect(from, 'https://mirror.example/feed.xml', lookupTo('151.101.1.91'))).to.equal(undefined);
    expect(await checkRedirect(from, 'https://metadata.example/latest/', lookupTo('169.254.169.254'))).to.match(
      /169\.254\.169\.254/,
    );
    expect(
      await checkRedirect(from, 'https://sneaky.example/', lookupTo('151.101.1.91', '10.0.0.7')),
      'every address must be public',
    ).to.match(/10\.0\.0\.7/);
    expect(await checkRedirect(from, 'https://[::1]:8080/', lookupTo())).to.match(/::1/);
    expect(await checkRedirect(from, 'http://kubernetes.io/zh-cn/feed.xml', lookupTo('151.101.1.91'))).to.match(
      /https to http/,
    );
    expect(await checkRedirect(from, 'file:///etc/passwd', lookupTo())).to.match(/not http/);
    expect(
      await checkRedirect(from, 'https://nowhere.example/', async () => Promise.reject(new Error('ENOTFOUND'))),
    ).to.be.a('string');
  });
});
