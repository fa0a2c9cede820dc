/** Small hand-written articles for the search tests: each one exists to make one behaviour testable. */
import type { Article } from '../../src/archive/article.js';
import { canonicalBlogUrl } from '../../src/archive/url.js';

export function article(partial: Partial<Article> & { slug: string; date: string; title: string }): Article {
  return {
    id: `${partial.date}-${partial.slug}`,
    url: canonicalBlogUrl(partial.date, partial.slug),
    authors: [],
    translators: [],
    body: '',
    headings: [],
    ...partial,
  };
}

export const FIXTURES: Article[] = [
  article({
    slug: 'admission-controllers',
    date: '2022-01-19',
    title: '确保准入控制器的安全',
    authors: ['Rory McCune (Aqua Security)'],
    translators: ['Michael Yao (DaoCloud)'],
    headings: ['准入控制器的威胁模型'],
    body: '准入控制在 Kubernetes 中是一个重要的安全特性。准入控制器可以修改或拒绝请求。\n\n本文介绍准入控制器的安全。',
  }),
  article({
    slug: 'kubeadm-learner',
    date: '2023-09-25',
    title: 'kubeadm：使用 etcd Learner 安全地接入控制平面节点',
    authors: ['Paco Xu (DaoCloud)'],
    body: 'kubeadm 工具现在支持 etcd learner 模式。关于使用 kubeadm 创建高可用集群的通用说明,请参阅文档。',
  }),
  article({
    slug: 'kubernetes-1-29-removals',
    date: '2023-11-16',
    title: 'Kubernetes 1.29 中的移除、弃用和主要变更',
    authors: ['Carol Valencia', 'Kat Cosgrove'],
    body: '和其他每次发布一样,Kubernetes v1.29 将弃用和移除一些特性。从 v1.29.0 开始,registry.k8s.io 是唯一的镜像仓库。',
  }),
  article({
    slug: 'speed-up-pod-startup',
    date: '2023-05-15',
    title: 'Kubernetes 1.27：关于加快 Pod 启动的进展',
    authors: ['Paco Xu (DaoCloud)', 'Sergey Kanzhelev (Google)'],
    body: '事件驱动的容器状态更新。更多细节请参阅 KEP https://kep.k8s.io/3386。kubelet 并行镜像拉取。',
  }),
  article({
    slug: 'native-sidecar-containers',
    date: '2023-08-25',
    title: 'Kubernetes v1.28：介绍原生边车容器',
    authors: ['Todd Neal (AWS)', 'Matthias Bertschy (ARMO)'],
    body: '边车容器是与主应用容器一起运行的辅助容器。CRI-O 和 containerd 都支持。cgroup v2 下的资源统计也不同。',
  }),
  article({
    slug: 'passing-mention',
    date: '2021-06-01',
    title: '2021 年社区回顾',
    authors: ['Someone Else'],
    body: '这一年里社区发生了很多事。顺便一提,准入控制器也有改进。还有 ReadWriteOncePod 访问模式与命名空间。😀 表情 😀',
  }),
  article({
    slug: 'old-post',
    date: '2016-03-01',
    title: 'Kubernetes 1.2 发布',
    authors: ['Old Author'],
    body: 'Kubernetes 1.2 带来了 Deployment 和 ConfigMap。',
  }),
];
