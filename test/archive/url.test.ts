import { expect } from 'chai';
import { canonicalBlogUrl, isBlogUrl, normaliseBlogUrl } from '../../src/archive/url.js';

describe('blog URLs', () => {
  const canonical = 'https://kubernetes.io/zh-cn/blog/2023/12/19/kubernetes-1-29-taint-eviction-controller/';

  it('gives every spelling of a post one identity', () => {
    for (const spelling of [
      canonical,
      'http://kubernetes.io/zh-cn/blog/2023/12/19/kubernetes-1-29-taint-eviction-controller',
      'https://Kubernetes.IO/zh-cn/blog/2023/12/19/Kubernetes-1-29-Taint-Eviction-Controller/?utm_source=slack#faq',
      'https://kubernetes.io/zh/blog/2023/12/19/kubernetes-1-29-taint-eviction-controller/',
      'https://www.kubernetes.io/zh-cn/blog/2023/12/19/kubernetes-1-29-taint-eviction-controller/',
    ]) {
      expect(normaliseBlogUrl(spelling), spelling).to.equal(canonical);
    }
  });

  it('builds the canonical URL from date and slug, lower-cased', () => {
    expect(canonicalBlogUrl('2023-12-19', 'Kubernetes-1-29-Taint-Eviction-Controller')).to.equal(canonical);
  });

  it('rejects what is not an http(s) link to the Chinese blog', () => {
    expect(normaliseBlogUrl('javascript:alert(1)')).to.equal(undefined);
    expect(normaliseBlogUrl('not a url')).to.equal(undefined);
    expect(isBlogUrl(canonical)).to.equal(true);
    expect(isBlogUrl('https://kubernetes.io/blog/2023/12/19/kubernetes-1-29-taint-eviction-controller/')).to.equal(
      false,
    );
    expect(isBlogUrl('https://kubernetes.io/zh-cn/docs/home/')).to.equal(false);
  });
});
