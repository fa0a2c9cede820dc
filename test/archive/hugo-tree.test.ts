import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { Article } from '../../src/archive/article.js';
import { type LoadProblem, loadArchive } from '../../src/archive/load.js';
import { PROJECT_ROOT } from '../../src/config.js';

const TAINT_POST = `---
layout: blog
title: "Kubernetes 1.29：解耦污点管理器与节点生命周期控制器"
date: 2023-12-19
slug: kubernetes-1-29-taint-eviction-controller
author: >
  [Yuan Chen](https://github.com/yuanchen8911) (Apple),
  [Andrea Tosatto](https://github.com/ndrtt) (Apple)
translator: >
  [Allen Zhang](https://github.com/allenzhang)
---
<!--
layout: blog
title: "Kubernetes 1.29: Decoupling taint-manager from node-lifecycle-controller"
date: 2023-12-19
slug: kubernetes-1-29-taint-eviction-controller
-->

<!--
This blog discusses a new feature in Kubernetes 1.29 to improve the handling of taint-based pod eviction.
-->
这篇博客讨论在 Kubernetes 1.29 中基于**污点**的 Pod 驱逐处理的新特性。

## 背景   {#background}

{{< figure src="/images/blog/taint.svg" alt="污点驱逐" caption="污点驱逐控制器的结构" >}}

详情请参阅[特性门控](/zh-cn/docs/reference/command-line-tools-reference/feature-gates/)和 ![图示](/x.png)。

{{% alert title="注意" %}}
这是 Beta 特性。
{{% /alert %}}

\`\`\`yaml
apiVersion: v1
kind: Pod   # <b>not a tag here</b>
\`\`\`
`;

const BUNDLE_POST = `---
title: 'Kubernetes v1.30: 页面包'
date: 2024-04-17T10:00:00-08:00
---
**作者**：[Paco Xu](https://github.com/pacoxu) (DaoCloud)
**译者**：Michael Yao

正文在这里。
`;

const LATE_EVENING_POST = `---
title: "晚间发布"
date: "2023-12-19T20:30:00-08:00"
slug: Late-Evening
url: /zh/blog/2016/04/Kubernetes-Network-Policy-APIs/
---
正文。
`;

async function write(root: string, rel: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
  await writeFile(path.join(root, rel), text);
}

describe('loading a Hugo blog tree', () => {
  let root: string;
  let articles: Article[];
  let problems: LoadProblem[];
  const byTitle = (t: string) => articles.find((a) => a.title === t)!;

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'k8sblog-hugo-'));
    await write(root, '2023-12-19-Taint-Eviction.md', TAINT_POST);
    await write(root, '2024/kubernetes-v1-30-bundle/index.md', BUNDLE_POST);
    await write(root, '2024/kubernetes-v1-30-bundle/diagram.svg', '<svg/>');
    await write(root, '2023/late-evening.md', LATE_EVENING_POST);
    await write(
      root,
      '2022/2022-05-05-no-slug-here.md',
      '---\ntitle: 无 slug\ndate: 2022-05-05 08:00:00 +0800\n---\n文。\n',
    );
    await write(root, '_index.md', '---\ntitle: 博客\n---\n');
    await write(root, '2023/broken-yaml.md', '---\ntitle: "未闭合\ndate: [2023\n---\n正文\n');
    await write(root, '2023/no-title.md', '---\ndate: 2023-01-01\n---\n正文\n');
    await write(root, '2023/bad-date.md', '---\ntitle: 坏日期\ndate: 2023-13-45\n---\n正文\n');
    ({ articles, problems } = await loadArchive(root));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('loads the good files and reports each bad one with its path and reason', () => {
    expect(articles.map((a) => a.title).sort()).to.deep.equal(
      ['Kubernetes 1.29：解耦污点管理器与节点生命周期控制器', 'Kubernetes v1.30: 页面包', '晚间发布', '无 slug'].sort(),
    );
    const reasons = Object.fromEntries(problems.map((p) => [p.path, p.reason]));
    expect(Object.keys(reasons).sort()).to.deep.equal(['2023/bad-date.md', '2023/broken-yaml.md', '2023/no-title.md']);
    expect(reasons['2023/broken-yaml.md']).to.match(/not valid YAML/);
    expect(reasons['2023/no-title.md']).to.match(/no title/);
    expect(reasons['2023/bad-date.md']).to.match(/cannot be read as a date/);
  });

  it('reads folded Markdown credits and builds the canonical URL from date and slug', () => {
    const a = byTitle('Kubernetes 1.29：解耦污点管理器与节点生命周期控制器');
    expect(a.authors).to.deep.equal(['Yuan Chen (Apple)', 'Andrea Tosatto (Apple)']);
    expect(a.translators).to.deep.equal(['Allen Zhang']);
    expect(a.url).to.equal('https://kubernetes.io/zh-cn/blog/2023/12/19/kubernetes-1-29-taint-eviction-controller/');
    expect(a.id).to.equal('2023-12-19-kubernetes-1-29-taint-eviction-controller');
  });

  it('keeps the English original out of the body, in its own field', () => {
    const a = byTitle('Kubernetes 1.29：解耦污点管理器与节点生命周期控制器');
    expect(a.body).not.to.include('This blog discusses');
    expect(a.original).to.include('Kubernetes 1.29: Decoupling taint-manager from node-lifecycle-controller');
    expect(a.original).to.include('This blog discusses a new feature');
    expect(a.original).not.to.match(/^(layout|slug|date):/m);
  });

  it('reduces shortcodes, anchors, links, images and emphasis to their text, and keeps code text', () => {
    const a = byTitle('Kubernetes 1.29：解耦污点管理器与节点生命周期控制器');
    expect(a.headings).to.deep.equal(['背景']);
    expect(a.body).to.include('基于污点的 Pod 驱逐处理');
    expect(a.body).to.include('污点驱逐控制器的结构');
    expect(a.body).to.include('详情请参阅特性门控和 图示。');
    expect(a.body).to.include('这是 Beta 特性。');
    expect(a.body).to.include('kind: Pod   # <b>not a tag here</b>');
    expect(a.body).not.to.match(/\{\{|\}\}|\]\(|\{#|\*\*/);
  });

  it('takes a page bundle slug from its title, credits from the body, and a date with time and offset', () => {
    const a = byTitle('Kubernetes v1.30: 页面包');
    // Hugo's :slug falls back to the title, not to the bundle's folder name.
    expect(a.slug).to.equal('kubernetes-v1.30-页面包');
    expect(a.date).to.equal('2024-04-17');
    expect(a.url).to.equal('https://kubernetes.io/zh-cn/blog/2024/04/17/kubernetes-v1.30-页面包/');
    expect(a.authors).to.deep.equal(['Paco Xu (DaoCloud)']);
    expect(a.translators).to.deep.equal(['Michael Yao']);
    expect(a.body).to.equal('正文在这里。');
  });

  it('keeps the date as written (not shifted to UTC) and lets url: override the rule, spelled as written', () => {
    const a = byTitle('晚间发布');
    expect(a.date).to.equal('2023-12-19');
    expect(a.url).to.equal('https://kubernetes.io/zh-cn/blog/2016/04/Kubernetes-Network-Policy-APIs/');
  });

  it('derives the slug from the title, not the file name, when there is no slug and the date is in front matter', () => {
    const a = byTitle('无 slug');
    expect(a.slug).to.equal('无-slug');
    expect(a.date).to.equal('2022-05-05');
    expect(a.url).to.equal('https://kubernetes.io/zh-cn/blog/2022/05/05/无-slug/');
  });

  it('k8sblog archive prints a summary and exits non-zero under --strict', async function () {
    this.timeout(30000);
    const run = promisify(execFile);
    const cli = path.join(PROJECT_ROOT, 'src', 'cli.ts');
    const ok = await run(process.execPath, ['--import', 'tsx', cli, 'archive', '--dir', root], { cwd: PROJECT_ROOT });
    expect(ok.stdout).to.match(/loaded 4, skipped 3/);
    expect(ok.stderr).to.match(/skipped 2023\/broken-yaml\.md: front matter is not valid YAML/);
    const strict = await run(process.execPath, ['--import', 'tsx', cli, 'archive', '--dir', root, '--strict'], {
      cwd: PROJECT_ROOT,
    }).catch((e: { code: number; stdout: string }) => e);
    expect((strict as { code?: number }).code).to.equal(1);
  });
});
