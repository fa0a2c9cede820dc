/** The feed's settings: which hosts are the blog (BLOG_HOSTS). */
import { expect } from 'chai';
import { ConfigError, readConfig } from '../../src/config.js';

describe('feed settings', () => {
  it('BLOG_HOSTS defaults to kubernetes.io and takes mirrors, compared without case or www.', () => {
    expect(readConfig({}).blogHosts).to.deep.equal(['kubernetes.io']);
    expect(readConfig({ BLOG_HOSTS: 'kubernetes.io, WWW.K8s.Example.org' }).blogHosts).to.deep.equal([
      'kubernetes.io',
      'k8s.example.org',
    ]);
  });

  it('BLOG_HOSTS that is not a list of host names is one clear line', () => {
    expect(() => readConfig({ BLOG_HOSTS: 'https://kubernetes.io/zh-cn/' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.match(/BLOG_HOSTS must be host names separated by commas/);
  });
});
