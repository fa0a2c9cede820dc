import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { runCli } from '../support/cli.js';
import { FIXTURES } from './fixtures.js';

const run = (args: string[], env: NodeJS.ProcessEnv, input?: string) => runCli(args, env, input);

describe('k8sblog search / build-index (CLI)', function () {
  this.timeout(60_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'k8sblog-cli-'));
    const content = path.join(dir, 'content', '2023');
    await mkdir(content, { recursive: true });
    for (const a of FIXTURES) {
      const list = (xs: string[]) => xs.map((x) => `\n  - "${x}"`).join('');
      await writeFile(
        path.join(content, `${a.date}-${a.slug}.md`),
        `---\ntitle: "${a.title}"\ndate: "${a.date}"\nslug: "${a.slug}"\nauthors:${list(a.authors)}\n---\n\n${a.body}\n`,
      );
    }
    env = { CONTENT_DIR: path.join(dir, 'content'), INDEX_FILE: path.join(dir, 'index.json'), LOG_LEVEL: 'info' };
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('builds the index, then skips the work while content/ is unchanged', async () => {
    const first = await run(['build-index'], env);
    expect(first.code, first.err).to.equal(0);
    expect(first.out).to.match(/7 articles/);
    const again = await run(['build-index'], env);
    expect(again.out).to.match(/up to date/);
    const quiet = await run(['build-index', '--quiet', '--force'], env);
    expect(quiet.out).to.equal('');
  });

  it('prints a numbered list, and one JSON object with --json', async () => {
    const text = await run(['search', 'kubeadm', '高可用', '--limit', '2'], env);
    expect(text.code, text.err).to.equal(0);
    expect(text.out).to.match(/^1–1 of 1 results for "kubeadm 高可用"/);
    expect(text.out).to.match(/\n {2}1\. kubeadm：使用 etcd Learner/);
    expect(text.out).to.include('**kubeadm**');
    const json = await run(['search', 'KEP-3386', '--json'], env);
    const parsed = JSON.parse(json.out);
    expect(parsed).to.include.keys('query', 'total', 'took_ms', 'results');
    expect(parsed.total).to.equal(1);
    expect(parsed.results[0]).to.include.keys('title', 'url', 'date', 'authors', 'score', 'snippet');
  });

  it('answers a batch file one JSON line per query, in order, from one loaded index', async () => {
    const queries = ['kubeadm', '', 'sidecar', 'zzzz year:2016', '准入控制器'];
    const r = await run(['search', '--json', '--batch', '-', '--limit', '3'], env, `${queries.join('\n')}\n`);
    expect(r.code, r.err).to.equal(0);
    const lines = r.out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).to.deep.equal(queries);
    expect(lines[1].help).to.be.a('string');
    expect(lines[2].results[0].title).to.equal('Kubernetes v1.28：介绍原生边车容器');
    expect(lines[3].total).to.equal(0);
    expect(r.err.match(/search index (loaded|rebuilt)/g)).to.have.length(1);
  });

  it('rejects bad options with a usage message', async () => {
    const r = await run(['search', 'x', '--limit', 'many'], env);
    expect(r.code).to.equal(2);
    expect(r.err).to.match(/--limit/);
    const none = await run(['search'], env);
    expect(none.code).to.equal(2);
    expect(none.err).to.match(/usage: k8sblog search/);
  });
});
