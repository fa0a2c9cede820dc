import { expect } from 'chai';
import { firstDay, MAX_QUERY_CHARS, parseQuery } from '../../src/search/query-parser.js';

describe('search query parser', () => {
  it('reads free words', () => {
    const q = parseQuery('  多可用区   持久卷 ');
    expect(q.words).to.equal('多可用区 持久卷');
    expect(q.empty).to.equal(false);
    expect(q.phrases).to.deep.equal([]);
  });

  it('reads quoted phrases, closed or not, and typographic quotes', () => {
    expect(parseQuery('"pod security" admission').phrases).to.deep.equal(['pod security']);
    expect(parseQuery('“准入 控制器”').phrases).to.deep.equal(['准入 控制器']);
    expect(parseQuery('"unclosed phrase').phrases).to.deep.equal(['unclosed phrase']);
  });

  it('reads author, year, before and after filters', () => {
    const q = parseQuery('author:paco author:"Paco Xu" year:2023 before:2020 after:2022-06 kubeadm');
    expect(q.filters.authors).to.deep.equal(['paco', 'paco xu']);
    expect(q.filters.years).to.deep.equal([2023]);
    expect(q.filters.before).to.equal('2020-01-01');
    expect(q.filters.after).to.equal('2022-06-01');
    expect(q.words).to.equal('kubeadm');
    expect(q.withoutFilters).to.equal('kubeadm');
  });

  it('accepts filter keys in any case and the Chinese 作者', () => {
    expect(parseQuery('AUTHOR:Paco').filters.authors).to.deep.equal(['paco']);
    expect(parseQuery('作者：张三 调度').filters.authors).to.deep.equal(['张三']);
  });

  it('reads -word and -"phrase" as exclusions', () => {
    const q = parseQuery('docker -dockershim -"container runtime"');
    expect(q.words).to.equal('docker');
    expect(q.excludes).to.deep.equal(['dockershim', 'container runtime']);
    expect(parseQuery('KEP-3386').excludes).to.deep.equal([]);
  });

  it('treats an unknown key:value, and a filter value it cannot read, as words', () => {
    expect(parseQuery('foo:bar').words).to.equal('foo:bar');
    expect(parseQuery('https://kep.k8s.io/3386').words).to.equal('https://kep.k8s.io/3386');
    const q = parseQuery('year:soon before:someday');
    expect(q.filters.years).to.deep.equal([]);
    expect(q.filters.before).to.equal(undefined);
    expect(q.words).to.equal('year soon before someday');
  });

  it('drops a filter with no value and reports an empty query as empty', () => {
    expect(parseQuery('author:')).to.include({ words: '', empty: true });
    expect(parseQuery('').empty).to.equal(true);
    expect(parseQuery('   \t ').empty).to.equal(true);
    expect(parseQuery('author: kubeadm').words).to.equal('kubeadm');
  });

  it('cuts very long queries and strips control characters and lone surrogates', () => {
    const q = parseQuery('调度'.repeat(10_000));
    expect(q.words.length).to.be.at.most(MAX_QUERY_CHARS);
    const dirty = parseQuery('\u0000kube\u0007adm \ud800 x\udc00');
    expect(dirty.words).to.not.match(/[\u0000-\u001f]|[\ud800-\udfff]/);
  });

  it('reads dates by their first day and rejects impossible ones', () => {
    expect(firstDay('2020')).to.equal('2020-01-01');
    expect(firstDay('2022-6')).to.equal('2022-06-01');
    expect(firstDay('2022/06/15')).to.equal('2022-06-15');
    expect(firstDay('2022-13')).to.equal(undefined);
    expect(firstDay('2022-02-30')).to.equal(undefined);
    expect(firstDay('soon')).to.equal(undefined);
  });
});
