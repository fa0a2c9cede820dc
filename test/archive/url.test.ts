import { expect } from 'chai';
import { blogUrlAsWritten, canonicalBlogUrl, normaliseBlogUrl, urlFromFrontMatter } from '../../src/archive/url.js';

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

  it('builds the canonical URL from date and slug, through urlize (lower-cased)', () => {
    expect(canonicalBlogUrl('2023-12-19', 'Kubernetes-1-29-Taint-Eviction-Controller')).to.equal(canonical);
    expect(canonicalBlogUrl('2023-08-16', 'kubernetes-1-28-non-graceful-node-shutdown-GA')).to.equal(
      'https://kubernetes.io/zh-cn/blog/2023/08/16/kubernetes-1-28-non-graceful-node-shutdown-ga/',
    );
  });

  it('keeps the case of a url: override for showing, and matches it in any case', () => {
    const asWritten = 'https://kubernetes.io/zh-cn/blog/2015/04/Borg-Predecessor-To-Kubernetes/';
    expect(urlFromFrontMatter('/zh-cn/blog/2015/04/Borg-Predecessor-To-Kubernetes')).to.equal(asWritten);
    expect(urlFromFrontMatter('/zh/blog/2015/04/Borg-Predecessor-To-Kubernetes/')).to.equal(asWritten);
    // Without a leading slash, Hugo reads url: as relative to the page's language.
    expect(urlFromFrontMatter('blog/2015/04/Borg-Predecessor-To-Kubernetes/')).to.equal(asWritten);
    expect(blogUrlAsWritten('http://www.kubernetes.io/zh/blog/2015/04/Borg-Predecessor-To-Kubernetes?x=1#y')).to.equal(
      asWritten,
    );
    const key = normaliseBlogUrl(asWritten);
    expect(key).to.equal('https://kubernetes.io/zh-cn/blog/2015/04/borg-predecessor-to-kubernetes/');
    expect(normaliseBlogUrl('https://kubernetes.io/zh-cn/blog/2015/04/borg-predecessor-to-kubernetes')).to.equal(key);
  });

  it('rejects what is not an http(s) link to the Chinese blog', () => {
    expect(normaliseBlogUrl('javascript:alert(1)')).to.equal(undefined);
    expect(normaliseBlogUrl('not a url')).to.equal(undefined);
  });
});
