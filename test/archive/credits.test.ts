import { expect } from 'chai';
import { parseCreditLine, splitNames } from '../../src/archive/credits.js';

describe('credits', () => {
  it('splits on , 、 ， ; 和 and "and", keeping affiliations with their names', () => {
    expect(splitNames('Yuan Chen (Apple), Andrea Tosatto (Apple)')).to.deep.equal([
      'Yuan Chen (Apple)',
      'Andrea Tosatto (Apple)',
    ]);
    expect(splitNames('Bob Killen (Google)、Davanum Srinivas (AWS)')).to.deep.equal([
      'Bob Killen (Google)',
      'Davanum Srinivas (AWS)',
    ]);
    expect(splitNames('石光银，尹东超，孙思清（浪潮）')).to.deep.equal(['石光银', '尹东超', '孙思清（浪潮）']);
    expect(splitNames('Paco Xu 和 Michael Yao (DaoCloud)')).to.deep.equal(['Paco Xu', 'Michael Yao (DaoCloud)']);
    expect(splitNames('Anish Ramasekar, Mo Khan, and Rita Zhang (Microsoft)')).to.deep.equal([
      'Anish Ramasekar',
      'Mo Khan',
      'Rita Zhang (Microsoft)',
    ]);
    expect(splitNames('Max Smythe (Google, Inc.), Tim Hinrichs (Styra)')).to.deep.equal([
      'Max Smythe (Google, Inc.)',
      'Tim Hinrichs (Styra)',
    ]);
  });

  it('separates names whose links lost their separators, but not McCoy', () => {
    expect(splitNames('Avinesh TripathiBrad McCoyDebabrata Panigrahi')).to.deep.equal([
      'Avinesh Tripathi',
      'Brad McCoy',
      'Debabrata Panigrahi',
    ]);
  });

  it('reads credit lines with or without a colon, and both roles on one line', () => {
    expect(parseCreditLine('作者: Aohan Yang')).to.deep.equal({ authors: ['Aohan Yang'] });
    expect(parseCreditLine('译者Michael Yao')).to.deep.equal({ translators: ['Michael Yao'] });
    expect(parseCreditLine('**作者：** [Paco Xu](https://github.com/pacoxu) (DaoCloud)')).to.deep.equal({
      authors: ['Paco Xu (DaoCloud)'],
    });
    expect(parseCreditLine('作者:Paco Xu (DaoCloud), Ruiwen Zhao (Google) 译者:Michael Yao (DaoCloud)')).to.deep.equal({
      authors: ['Paco Xu (DaoCloud)', 'Ruiwen Zhao (Google)'],
      translators: ['Michael Yao (DaoCloud)'],
    });
    expect(parseCreditLine('Authors: Dewan Ahmed')).to.deep.equal({ authors: ['Dewan Ahmed'] });
  });

  it('leaves prose that starts with a role word alone', () => {
    expect(parseCreditLine('作者标注:今天的邀请帖子是 Travis Newhouse 的系列中的第二部分')).to.equal(undefined);
    expect(parseCreditLine('翻译是以词表意的问题。而本地化在此基础之上,还包含了过程和设计方面的工作。')).to.equal(
      undefined,
    );
    expect(parseCreditLine('编者注:这篇文章由 SIG Apps 团队撰写')).to.equal(undefined);
  });
});
